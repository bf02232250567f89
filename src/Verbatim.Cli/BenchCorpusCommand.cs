using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Verbatim.Benchmarks;
using Verbatim.Corpus;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim bench-corpus [--quotes N] [--polnear DIR] [--store FILE] [--claims N] [--json]</c>: the corpus benchmark.
/// Generates N quotes by resampling PolNeAR sentences (read at run time) across made-up outlets, speakers and dates,
/// then measures (1) clustering alone: quotes per second through <see cref="ClusterIndex.Add"/> and the memory it
/// holds; (2) the store: the same quotes as articles through <see cref="SqliteQuoteStore.Ingest"/> (identity,
/// clustering, FTS and all rows, in transactions of 256 articles); (3) verify on that store: latency percentiles.
/// </summary>
internal static class BenchCorpusCommand
{
    public static Command Create()
    {
        var quotes = new Option<string?>("--quotes") { Description = "How many quotes to generate (default 1000000)." };
        var polnear = new Option<string[]>("--polnear") { Description = "PolNeAR split folders to read sentences from (default: ../shared/data/polnear/{train,dev} beside the repository).", AllowMultipleArgumentsPerToken = false };
        var store = new Option<string?>("--store") { Description = "Build the store here and keep it (default: a temporary file, deleted). With --reuse, verify an existing one." };
        var reuse = new Option<bool>("--reuse") { Description = "Skip generation into the store: measure verify on the existing --store." };
        var claims = new Option<string?>("--claims") { Description = "How many verify claims to time (default 1000)." };
        var skipStore = new Option<bool>("--cluster-only") { Description = "Measure clustering only (no store, no verify)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every figure." };
        var command = new Command("bench-corpus",
            "Benchmark quote clustering (quotes/s, memory), store ingest with identity and clustering (quotes/s), and verify latency (p50/p95/p99) " +
            "on a generated corpus of PolNeAR sentences resampled across made-up outlets and dates.")
        {
            quotes, polnear, store, reuse, claims, skipStore, json,
        };
        command.SetAction(parse => StoreCli.Run("bench-corpus", () => Run(
            CliValues.PositiveInt("--quotes", parse.GetValue(quotes), 1_000_000),
            parse.GetValue(polnear) ?? [],
            parse.GetValue(store),
            parse.GetValue(reuse),
            CliValues.PositiveInt("--claims", parse.GetValue(claims), 1000),
            parse.GetValue(skipStore),
            parse.GetValue(json))));
        return command;
    }

    private static string[] DefaultPolnear()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var root = Path.Combine(dir.FullName, "..", "shared", "data", "polnear");
            if (Directory.Exists(root))
                return new[] { "train", "dev" }.Select(s => Path.GetFullPath(Path.Combine(root, s, "text"))).Where(Directory.Exists).ToArray();
        }
        return [];
    }

    private static int Run(int count, string[] polnear, string? storePath, bool reuse, int claimCount, bool clusterOnly, bool json)
    {
        var folders = polnear.Length > 0 ? polnear : DefaultPolnear();
        if (folders.Length == 0) throw new UsageException("no PolNeAR texts found (../shared/data/polnear beside the repository); pass --polnear DIR");
        var log = Console.Error;
        var sentences = QuoteCorpusGenerator.ReadSentences(folders);
        log.WriteLine($"bench-corpus: {sentences.Count} sentences from {string.Join(", ", folders)}");
        var result = new Dictionary<string, object?>
        {
            ["quotes"] = count, ["sentences"] = sentences.Count, ["cores"] = Environment.ProcessorCount, ["load_average"] = LoadAverage(),
        };

        if (!reuse)
            result["cluster"] = MeasureClustering(new QuoteCorpusGenerator(sentences), count, log);
        if (!clusterOnly)
        {
            var temporary = storePath is null;
            var path = storePath ?? Path.Combine(Path.GetTempPath(), $"verbatim-bench-corpus-{Guid.NewGuid():N}.db");
            try
            {
                if (!reuse)
                {
                    if (File.Exists(path)) throw new UsageException($"--store: {path} exists (remove it, or add --reuse to verify on it)");
                    result["store"] = MeasureStore(new QuoteCorpusGenerator(sentences), count, path, log);
                }
                result["verify"] = MeasureVerify(new QuoteCorpusGenerator(sentences, seed: 7), path, claimCount, log);
            }
            finally
            {
                if (temporary)
                {
                    SqliteConnection.ClearAllPools();
                    foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                        try { File.Delete(f); } catch (IOException) { }
                }
            }
        }
        result["peak_rss_mb"] = ExtractBenchmark.PeakRssMegabytes();
        result["load_average_after"] = LoadAverage();

        if (json)
        {
            StoreCli.WriteJson(w => JsonSerializer.Serialize(w, result));
            return ExitCodes.Ok;
        }
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        return ExitCodes.Ok;
    }

    /// <summary>The 1-minute load average (other work on the machine skews wall-clock figures), where /proc has it.</summary>
    private static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static Dictionary<string, object?> MeasureClustering(QuoteCorpusGenerator gen, int count, TextWriter log)
    {
        const int chunk = 20_000;
        var index = new ClusterIndex();
        var buffer = new GeneratedQuote[chunk];
        var clock = new Stopwatch();
        var cpu = TimeSpan.Zero;
        var done = 0;
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        while (done < count)
        {
            var n = Math.Min(chunk, count - done);
            for (var i = 0; i < n; i++) buffer[i] = gen.Next(); // generation is not timed
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Start();
            for (var i = 0; i < n; i++) index.Add(buffer[i].Text, buffer[i].Date, done + i);
            clock.Stop();
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            done += n;
            if (done % 200_000 == 0) log.WriteLine($"  clustered {done:N0} quotes, {done / clock.Elapsed.TotalSeconds:N0}/s");
        }
        Array.Clear(buffer);
        var heap = GC.GetTotalMemory(true) - before;
        var figures = new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            ["quotes_per_second"] = Math.Round(count / clock.Elapsed.TotalSeconds),
            ["cpu_seconds"] = Math.Round(cpu.TotalSeconds, 2),
            ["quotes_per_cpu_second"] = Math.Round(count / cpu.TotalSeconds),
            ["clusters"] = CountRoots(index),
            ["variants"] = index.Variants,
            ["index_mb"] = Math.Round(index.Bytes / 1048576.0, 1),
            ["managed_heap_mb"] = Math.Round(heap / 1048576.0, 1),
            ["peak_rss_mb"] = ExtractBenchmark.PeakRssMegabytes(),
        };
        log.WriteLine($"  clustering: {figures["quotes_per_second"]:N0} quotes/s, {figures["clusters"]} clusters, {index.Variants} variants, heap {figures["managed_heap_mb"]} MB, peak RSS {figures["peak_rss_mb"]} MB");
        GC.KeepAlive(index);
        return figures;
    }

    private static int CountRoots(ClusterIndex index)
    {
        var n = 0;
        for (var c = 0; c < index.Clusters; c++) if (index.Find(c) == c) n++;
        return n;
    }

    private static Dictionary<string, object?> MeasureStore(QuoteCorpusGenerator gen, int count, string path, TextWriter log)
    {
        const int perArticle = 8, batch = 256;
        using var store = SqliteQuoteStore.Open(path);
        var cpu = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var pending = new List<ArticleExtraction>(batch);
        var done = 0;
        var articles = 0;
        var generate = new Stopwatch();
        while (done < count)
        {
            generate.Start();
            var n = Math.Min(perArticle, count - done);
            pending.Add(BuildArticle(articles++, Enumerable.Range(0, n).Select(_ => gen.Next()).ToList()));
            generate.Stop();
            done += n;
            if (pending.Count == batch || done == count)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                store.Ingest(pending);
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                pending.Clear();
                if (done % 100_000 < perArticle * batch && done >= 100_000)
                    log.WriteLine($"  stored {done:N0} quotes, {done / (clock.Elapsed - generate.Elapsed).TotalSeconds:N0}/s");
            }
        }
        clock.Stop();
        var seconds = (clock.Elapsed - generate.Elapsed).TotalSeconds;
        var stats = store.Stats();
        var figures = new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(seconds, 1),
            ["quotes_per_second"] = Math.Round(count / seconds),
            ["cpu_seconds"] = Math.Round(cpu.TotalSeconds, 1),
            ["quotes_per_cpu_second"] = Math.Round(count / cpu.TotalSeconds),
            ["articles"] = stats.Articles,
            ["speakers"] = stats.Speakers,
            ["size_mb"] = Math.Round(stats.SizeBytes / 1048576.0, 1),
            ["peak_rss_mb"] = ExtractBenchmark.PeakRssMegabytes(),
        };
        log.WriteLine($"  store: {figures["quotes_per_second"]:N0} quotes/s ingest with identity + clustering, {stats.Articles:N0} articles, {figures["size_mb"]} MB");
        return figures;
    }

    /// <summary>An article holding the quotes as <c>NAME said: “TEXT”</c> paragraphs, with exact spans.</summary>
    internal static ArticleExtraction BuildArticle(int n, IReadOnlyList<GeneratedQuote> quotes)
    {
        var sb = new StringBuilder();
        var id = $"bench-{n}";
        var speakers = new Dictionary<string, List<SpanText>>(StringComparer.Ordinal);
        var list = new List<Quote>();
        for (var i = 0; i < quotes.Count; i++)
        {
            var q = quotes[i];
            var nameStart = sb.Length;
            sb.Append(q.Speaker);
            var source = new SpanText(nameStart, sb.Length, q.Speaker);
            sb.Append(' ');
            var cue = new SpanText(sb.Length, sb.Length + 4, "said");
            sb.Append("said: \u201C");
            var start = sb.Length;
            sb.Append(q.Text);
            var content = new TextSpan(start, sb.Length);
            sb.Append("\u201D\n\n");
            if (!speakers.TryGetValue(q.Speaker, out var mentions)) speakers[q.Speaker] = mentions = [];
            mentions.Add(source);
            list.Add(new Quote
            {
                Id = $"{id}#q{i + 1}",
                Kind = QuoteKind.Direct,
                Content = [content],
                Text = q.Text,
                Cue = cue,
                Source = source,
                Speaker = new SpeakerRef(SlugSpeakerIdentity.Slug(q.Speaker), q.Speaker, SpeakerType.Person),
                Confidence = 0.9,
            });
        }
        var article = new Article(id, quotes[0].Date, sb.ToString()) { Publisher = quotes[0].Publisher, Title = id };
        var people = speakers.Select(kv => new Speaker
        {
            Id = SlugSpeakerIdentity.Slug(kv.Key),
            Name = kv.Key,
            Type = SpeakerType.Person,
            Mentions = kv.Value,
        }).ToList();
        return new ArticleExtraction(article, list, people);
    }

    private static Dictionary<string, object?> MeasureVerify(QuoteCorpusGenerator gen, string path, int claims, TextWriter log)
    {
        using var store = SqliteQuoteStore.Open(path, create: false);
        var load = Stopwatch.StartNew();
        store.Verify(new VerifyQuery("warm up the index")); // loads identities and the cluster index from the store
        load.Stop();
        log.WriteLine($"  verify: index loaded in {load.Elapsed.TotalSeconds:0.0} s");
        var cases = Enumerable.Range(0, claims + 50).Select(_ => gen.Claim()).ToList();
        foreach (var (claim, speaker, _) in cases.Take(50)) store.Verify(new VerifyQuery(claim) { Speaker = speaker });
        var times = new List<double>(claims);
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var verdicts = new Dictionary<string, int>();
        var agree = 0;
        var debug = Environment.GetEnvironmentVariable("VERBATIM_BENCH_DEBUG") == "1";
        var shown = 0;
        foreach (var (claim, speaker, expected) in cases.Skip(50))
        {
            var t = Stopwatch.GetTimestamp();
            var r = store.Verify(new VerifyQuery(claim) { Speaker = speaker });
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            var name = VerifyResult.Name(r.Verdict);
            verdicts[name] = verdicts.GetValueOrDefault(name) + 1;
            if (name == expected) agree++;
            else if (debug && shown++ < 12)
                log.WriteLine($"  [{expected} -> {name}] {speaker}: {claim} || {r.Matches.FirstOrDefault()?.Speaker}: {r.Matches.FirstOrDefault()?.Text} ({r.Matches.FirstOrDefault()?.Similarity})");
        }
        var cpuPerClaim = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / claims;
        times.Sort();
        double P(double p) => Math.Round(times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)], 2);
        var figures = new Dictionary<string, object?>
        {
            ["claims"] = claims,
            ["index_load_seconds"] = Math.Round(load.Elapsed.TotalSeconds, 2),
            ["p50_ms"] = P(0.50),
            ["p95_ms"] = P(0.95),
            ["p99_ms"] = P(0.99),
            ["max_ms"] = Math.Round(times[^1], 2),
            ["mean_cpu_ms"] = Math.Round(cpuPerClaim, 2),
            ["verdicts"] = verdicts,
            ["agreement_with_generator"] = Math.Round((double)agree / claims, 3),
            ["peak_rss_mb"] = ExtractBenchmark.PeakRssMegabytes(),
        };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  verify: p50 {figures["p50_ms"]} ms, p95 {figures["p95_ms"]} ms, p99 {figures["p99_ms"]} ms"));
        return figures;
    }
}
