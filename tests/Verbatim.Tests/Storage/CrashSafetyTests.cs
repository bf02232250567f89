using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Verbatim.Tests.Storage;

/// <summary>
/// Kills the real CLI (SIGKILL) in the middle of <c>verbatim ingest</c> at 20 random moments (seeded), restarting it each
/// time, then lets it finish: the store must end up exactly like one filled by an uninterrupted run, article for article,
/// quote for quote, speaker for speaker and cluster for cluster, with no partial article and no duplicate.
/// </summary>
[Collection(CrashSafetyTests.Collection)]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Run alone: the kills are timed against the child's progress, and other tests' load skews that.</summary>
    public const string Collection = "crash safety (not in parallel)";

    private const int Articles = 3000;   // small articles, plus one generated news article in ten
    private const int Kills = 20;        // SIGKILLs of the ingest, each at a random moment while it runs
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_killed_ingest_resumes_to_the_same_store_as_an_uninterrupted_run()
    {
        var corpus = _temp.File("corpus.jsonl");
        var (lines, distinct) = WriteCorpus(corpus, Articles, seed: 20220708);

        var reference = _temp.File("reference.db");
        var (rc, stdout, stderr) = RunToEnd("ingest", corpus, "--store", reference, "--threads", "2");
        Assert.True(rc == 3, $"reference run: exit {rc}\n{stdout}\n{stderr}"); // 3: the corpus has bad lines on purpose
        Assert.Contains($"{lines} read, {distinct} stored, {lines - distinct - 2} skipped (already stored), 2 rejected", stdout);
        var expected = Snapshot(reference);
        Assert.Equal(distinct, expected.Hashes.Count);

        var crashed = _temp.File("crashed.db");
        var previous = KillRepeatedly(() => Start(CliDll(), "ingest", corpus, "--store", crashed, "--threads", "2", "--batch-size", "32"),
            crashed, expected, distinct, Kills, minimumLanded: Kills);

        (rc, stdout, stderr) = RunToEnd("ingest", corpus, "--store", crashed, "--threads", "2", "--batch-size", "32");
        Assert.True(rc == 3, $"final run: exit {rc}\n{stdout}\n{stderr}");
        Assert.Contains($"{distinct - previous} stored", stdout);

        var actual = Snapshot(crashed);
        Assert.Equal(expected.Hashes.Order(StringComparer.Ordinal), actual.Hashes.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Quotes.Order(StringComparer.Ordinal), actual.Quotes.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Rejects, actual.Rejects);
        Assert.Equal(expected.Hashes.Count, actual.Hashes.Distinct().Count()); // no duplicates
        Assert.Equal(actual.Quotes.Count, actual.Quotes.Distinct().Count());
        // Corpus identity and clusters come out the same too: the same speakers, and every quote with the same others.
        Assert.Equal(Speakers(reference), Speakers(crashed));
        Assert.Equal(Clusters(reference), Clusters(crashed));

        // And the exports agree line for line (as sets: the same articles, quotes, offsets and speakers).
        var exportExpected = RunToEnd("export", "--format", "jsonl", "--store", reference);
        var exportActual = RunToEnd("export", "--format", "jsonl", "--store", crashed);
        Assert.Equal(0, exportExpected.Rc);
        Assert.Equal(0, exportActual.Rc);
        Assert.Equal(SortedLines(exportExpected.Stdout), SortedLines(exportActual.Stdout));
        output.WriteLine($"{distinct} articles, {expected.Quotes.Count} quotes (the extraction pipeline's)");
    }

    [Fact]
    public void A_killed_store_writer_leaves_only_whole_articles_with_all_their_quotes()
    {
        // The child is this test assembly (TestEntryPoint): hand-built extractions with quotes, speakers and
        // mentions, so quotes are covered whatever the extraction pipeline finds.
        const int count = 3000;
        var expectedArticles = CrashCorpus.Generate(count, 11).Select(x => x.Article.Text).Distinct().Count();
        string[] Child(string store) => [TestsDll(), TestEntryPoint.StoreCrashChild, store, count.ToString(CultureInfo.InvariantCulture), "11"];

        var reference = _temp.File("reference.db");
        var (rc, stdout, stderr) = RunToEnd(Child(reference));
        Assert.True(rc == 0, $"reference run: exit {rc}\n{stdout}\n{stderr}");
        var expected = Snapshot(reference);
        Assert.Equal(expectedArticles, expected.Hashes.Count);
        Assert.Equal(3 * expectedArticles, expected.Quotes.Count);

        var crashed = _temp.File("crashed.db");
        KillRepeatedly(() => StartDll(Child(crashed)), crashed, expected, expectedArticles, kills: 6, minimumLanded: 3);
        (rc, stdout, stderr) = RunToEnd(Child(crashed));
        Assert.True(rc == 0, $"final run: exit {rc}\n{stdout}\n{stderr}");

        var actual = Snapshot(crashed);
        Assert.Equal(expected.Hashes.Order(StringComparer.Ordinal), actual.Hashes.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Quotes.Order(StringComparer.Ordinal), actual.Quotes.Order(StringComparer.Ordinal));
        using var a = Verbatim.Storage.SqliteQuoteStore.Open(reference, create: false);
        using var b = Verbatim.Storage.SqliteQuoteStore.Open(crashed, create: false);
        Assert.Equal(
            a.ExportArticles().Select(Verbatim.Output.ExtractionJson.ToJson).Order(StringComparer.Ordinal),
            b.ExportArticles().Select(Verbatim.Output.ExtractionJson.ToJson).Order(StringComparer.Ordinal));
        Assert.Equal(a.Stats().Quotes, b.Stats().Quotes);
        Assert.Equal(
            a.Speakers(100).Select(x => (x.Id, x.Quotes, x.Articles)),
            b.Speakers(100).Select(x => (x.Id, x.Quotes, x.Articles)));
    }

    /// <summary>
    /// Starts the child again and again, <paramref name="kills"/> times, killing it each time at a random moment: one kill in four at
    /// a random time after the start (start-up, migrations, loading the corpus state, the first batch), the others once the store has
    /// grown past a random count, plus a random few milliseconds (mid-transaction). Checks the store after each kill; returns the
    /// articles stored. At least <paramref name="minimumLanded"/> kills must land while the child is running and not yet done.
    /// </summary>
    private int KillRepeatedly(Func<Process> start, string store, StoreSnapshot expected, int distinct, int kills, int minimumLanded)
    {
        var rng = new Random(7);
        var landed = 0;
        var previous = 0;
        var clock = Stopwatch.StartNew();
        for (var kill = 0; kill < kills && previous < distinct; kill++)
        {
            clock.Restart();
            using var child = start();
            if (kill % 4 == 0)
                Thread.Sleep(rng.Next(50, 600));
            else
            {
                // Spread the kills over what is left: each lands, on average, after 1/(kills left + 1) of the remaining articles.
                var left = kills - kill;
                var step = Math.Max(1, (distinct - previous) * 2 / (left + 2));
                var target = Math.Min(distinct - 1, previous + 1 + rng.Next(step));
                WaitForArticles(store, child, target);
                Thread.Sleep(rng.Next(0, 15));
            }
            var stillRunning = !child.HasExited;
            child.Kill(entireProcessTree: true); // SIGKILL on Unix: no finally blocks, no flush, no rollback
            child.WaitForExit();

            var now = CheckConsistent(store, expected);
            Assert.True(now >= previous, $"the store shrank from {previous} to {now} articles");
            // It lands when the child was killed while running, before it had stored everything.
            if (stillRunning && now < distinct) landed++;
            output.WriteLine($"kill {kill + 1} at {clock.ElapsedMilliseconds} ms: {(stillRunning ? "mid-run" : "after exit")}, {now} of {distinct} articles stored");
            previous = now;
        }
        Assert.True(landed >= minimumLanded, $"only {landed} kills landed while the child was running; the test did not exercise crashes");
        return previous;
    }

    private static List<string> Speakers(string path)
    {
        using var c = OpenRaw(path);
        return Column(c, "SELECT id || '|' || name || '|' || type FROM speakers ORDER BY id");
    }

    /// <summary>Every quote (article hash and position) with the smallest such key of its cluster: cluster membership, whatever the ids.</summary>
    private static List<string> Clusters(string path)
    {
        using var c = OpenRaw(path);
        var rows = new List<(string Quote, long Cluster)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """
                SELECT a.content_hash || '#' || q.ord, qc.cluster_id FROM quote_clusters qc
                JOIN quotes q ON q.key = qc.quote_key JOIN articles a ON a.key = q.article_key
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read()) rows.Add((r.GetString(0), r.GetInt64(1)));
        }
        var first = rows.GroupBy(x => x.Cluster).ToDictionary(g => g.Key, g => g.Select(x => x.Quote).Min(StringComparer.Ordinal)!);
        return rows.Select(x => x.Quote + " " + first[x.Cluster]).Order(StringComparer.Ordinal).ToList();
    }

    [CollectionDefinition(Collection, DisableParallelization = true)]
    public sealed class NotInParallel;

    private static string[] SortedLines(string s) =>
        s.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Small news-like articles with quotes, a few exact repeats under other ids, and two bad lines.</summary>
    private static (int Lines, int Distinct) WriteCorpus(string path, int articles, int seed)
    {
        var rng = new Random(seed);
        string[] names = ["Jane Doe", "John Smith", "Maria Lopez", "Olaf Scholz", "Joe Biden", "Volodymyr Zelenskyy"];
        string[] verbs = ["said", "told reporters", "added", "said on Tuesday"];
        string[] words = ["the", "city", "council", "budget", "plan", "vote", "river", "bridge", "school", "tax", "winter", "energy"];
        string[] publishers = ["CNN", "BBC", "Reuters"];
        var texts = new List<string>();
        var lines = 0;
        using var news = new Verbatim.Benchmarks.NewsCorpusGenerator(articles / 10, seed).Articles().GetEnumerator();
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < articles; i++)
        {
            var name = names[rng.Next(names.Length)];
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"\"We will finish the {words[rng.Next(words.Length)]} work by {2023 + rng.Next(5)},\" {name} {verbs[rng.Next(verbs.Length)]}. ");
            for (var k = 0; k < 40; k++) body.Append(words[rng.Next(words.Length)]).Append(' ');
            body.Append(CultureInfo.InvariantCulture, $"{names[rng.Next(names.Length)]} said the {words[rng.Next(words.Length)]} plan number {i} was sound.");
            var text = body.ToString();
            texts.Add(text);
            WriteLine(i, text);
            if (i % 10 == 5 && news.MoveNext())
            {
                // A generated news article (about 600 words, quotes of every kind, repeated across outlets).
                texts.Add(news.Current.Text);
                WriteLine(2_000_000 + i, news.Current.Text);
            }
            if (i % 500 == 250) WriteLine(i + 1_000_000, texts[rng.Next(texts.Count)]); // the same text again: skipped
            if (i == 100) { w.WriteLine("{\"id\": \"broken\", \"text\": "); lines++; }
            if (i == 2000) { w.WriteLine("[1, 2, 3]"); lines++; }
        }
        return (lines, texts.Distinct(StringComparer.Ordinal).Count());

        void WriteLine(int id, string text)
        {
            var month = 1 + id % 12;
            var day = 1 + id % 28;
            w.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = $"art-{id}",
                ["date"] = $"2022-{month:00}-{day:00}",
                ["publisher"] = publishers[id % publishers.Length],
                ["text"] = text,
            }));
            lines++;
        }
    }

    private sealed record StoreSnapshot(List<string> Hashes, List<string> Quotes, long Rejects, Dictionary<string, long> QuotesPerArticle);

    private static StoreSnapshot Snapshot(string path)
    {
        using var c = OpenRaw(path);
        var hashes = Column(c, "SELECT content_hash FROM articles");
        var quotes = Column(c, """
            SELECT a.content_hash || '|' || q.quote_id || '|' || q.ord || '|' || q.text || '|' || q.content || '|' || coalesce(q.speaker_id, '')
            FROM quotes q JOIN articles a ON a.key = q.article_key
            """);
        var perArticle = new Dictionary<string, long>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT a.content_hash, (SELECT count(*) FROM quotes q WHERE q.article_key = a.key) FROM articles a";
            using var r = cmd.ExecuteReader();
            while (r.Read()) perArticle[r.GetString(0)] = r.GetInt64(1);
        }
        using var rejects = c.CreateCommand();
        rejects.CommandText = "SELECT count(*) FROM rejects";
        return new StoreSnapshot(hashes, quotes, (long)rejects.ExecuteScalar()!, perArticle);
    }

    /// <summary>Checks a store left by a killed run: intact file, only whole articles (all their quotes), nothing unknown.</summary>
    private static int CheckConsistent(string path, StoreSnapshot expected)
    {
        if (!File.Exists(path)) return 0;
        using var c = OpenRaw(path);
        if (Column(c, "SELECT name FROM sqlite_master WHERE name = 'articles'").Count == 0) return 0;
        Assert.Equal(["ok"], Column(c, "PRAGMA integrity_check"));
        Assert.Empty(Column(c, "PRAGMA foreign_key_check"));
        var now = Snapshot(path);
        foreach (var (hash, quotes) in now.QuotesPerArticle)
        {
            Assert.True(expected.QuotesPerArticle.TryGetValue(hash, out var want), $"an article the reference run does not have: {hash}");
            Assert.Equal(want, quotes);
        }
        Assert.Equal(now.Hashes.Count, now.Hashes.Distinct().Count());
        return now.Hashes.Count;
    }

    private static void WaitForArticles(string path, Process child, int target)
    {
        var deadline = Stopwatch.StartNew();
        while (!child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if (File.Exists(path))
                {
                    using var c = OpenRaw(path, timeoutSeconds: 1);
                    using var cmd = c.CreateCommand();
                    cmd.CommandText = "SELECT count(*) FROM articles";
                    if ((long)cmd.ExecuteScalar()! >= target) return;
                }
            }
            catch (SqliteException) { } // not created yet, or busy: look again
            Thread.Sleep(2);
        }
    }

    private static SqliteConnection OpenRaw(string path, int timeoutSeconds = 30)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = timeoutSeconds }.ToString());
        c.Open();
        return c;
    }

    private static List<string> Column(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
        return list;
    }

    private static string CliDll() => CliProcess.CliDll();

    private static string TestsDll() => typeof(TestEntryPoint).Assembly.Location;

    private static Process Start(string dll, params string[] args) => CliProcess.Start([dll, .. args]);

    private static Process StartDll(string[] args) => CliProcess.Start(args);

    private static (int Rc, string Stdout, string Stderr) RunToEnd(params string[] args) => CliProcess.Run(args);
}
