using Verbatim.Storage;
using Verbatim.Tests.Server;

namespace Verbatim.Tests.Storage;

/// <summary>
/// Many workers, one store: four <c>verbatim ingest</c> processes at once, on overlapping halves of the samples and in
/// small batches so their transactions interleave, write one PostgreSQL store; it must hold exactly what one process
/// ingesting the union stores — the same articles, quotes and speakers, nothing twice. Skipped without
/// <c>VERBATIM_TEST_POSTGRES</c>.
/// </summary>
public sealed class PostgresWorkersTests : IDisposable
{
    private readonly PostgresTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [SkippableFact]
    public void Four_ingest_processes_store_exactly_the_union_of_their_inputs()
    {
        var many = _db.NewSchemaUrl();
        var one = _db.NewSchemaUrl();
        var samples = Path.Combine(TestServer.RepoRoot, "samples");
        var files = Directory.GetFiles(Path.Combine(samples, "articles"), "*.txt").Order(StringComparer.Ordinal)
            .Append(Path.Combine(samples, "wire.jsonl")).ToArray();
        Assert.True(files.Length >= 8, "the samples are missing");

        // Worker k takes the files i with (i + k) mod 4 < 2: every file goes to two workers, each worker to half the files.
        var inputs = Enumerable.Range(0, 4).Select(k => files.Where((_, i) => (i + k) % 4 < 2).ToArray()).ToArray();
        Assert.Equal(files.Order(StringComparer.Ordinal), inputs.SelectMany(x => x).Distinct().Order(StringComparer.Ordinal));
        using (QuoteStores.Open(many)) { } // migrated once, so the workers race on data, not on the schema

        var workers = inputs.Select(input => Task.Run(() =>
            CliProcess.Run(["ingest", .. input, "--store", many, "--batch-size", "1", "--threads", "1"]))).ToArray();
        Task.WaitAll(workers);
        foreach (var w in workers)
            Assert.True(w.Result.Rc == 0, $"a worker failed ({w.Result.Rc}): {w.Result.Stderr}");
        var single = CliProcess.Run(["ingest", .. files, "--store", one]);
        Assert.True(single.Rc == 0, single.Stderr);

        using var m = QuoteStores.Open(many);
        using var o = QuoteStores.Open(one);
        var (ms, os) = (m.Stats(), o.Stats());
        Assert.Equal(files.Length - 1 + 6, os.Articles); // twelve text files and the six articles of wire.jsonl
        Assert.Equal(os.Articles, ms.Articles);
        Assert.Equal(os.Quotes, ms.Quotes);

        // Articles: the same ids and texts, each once.
        var mArticles = m.ExportArticles().ToList();
        var oArticles = o.ExportArticles().ToList();
        Assert.Equal(mArticles.Count, mArticles.Select(a => ContentHash.Of(a.Article.Text)).Distinct().Count());
        Assert.Equal(oArticles.Select(a => a.Article.Id).Order(StringComparer.Ordinal), mArticles.Select(a => a.Article.Id).Order(StringComparer.Ordinal));

        // Quotes: the same quotes, each once.
        static string Row(StoredQuote q) => $"{q.QuoteId}|{q.Kind}|{q.Text}|{q.Cue}|{q.Uttered}|{q.Confidence:R}";
        var mQuotes = m.ExportQuotes().ToList();
        var oQuotes = o.ExportQuotes().ToList();
        Assert.Equal(mQuotes.Count, mQuotes.Select(q => q.QuoteId).Distinct().Count());
        Assert.Equal(oQuotes.Select(Row).Order(StringComparer.Ordinal), mQuotes.Select(Row).Order(StringComparer.Ordinal));

        // Speakers: no person twice, and every quote one process tied to a speaker is tied to one here. Which
        // mentions join one person depends on the order articles arrive in (as with one process fed another order),
        // so the grouping itself is not compared.
        Assert.Equal(oQuotes.Where(q => q.SpeakerId is not null).Select(q => q.QuoteId).Order(StringComparer.Ordinal),
                     mQuotes.Where(q => q.SpeakerId is not null).Select(q => q.QuoteId).Order(StringComparer.Ordinal));
        // A generic name ("officials") is a speaker of its article only: as many of each here as one process made.
        var speakers = m.Speakers(10_000).ToList();
        var names = speakers.Select(s => s.Name).Where(n => !Verbatim.Corpus.SpeakerDirectory.IsGeneric(n)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        static string Generic(IQuoteStore s) => string.Join(";", s.Speakers(10_000).Select(p => p.Name)
            .Where(Verbatim.Corpus.SpeakerDirectory.IsGeneric).GroupBy(n => n.ToLowerInvariant()).Select(g => $"{g.Key}={g.Count()}").Order(StringComparer.Ordinal));
        Assert.Equal(Generic(o), Generic(m));
        Assert.Equal(ms.Speakers, speakers.Count);

        // Clusters: as many as one process made, holding as many quotes (each quote in one cluster).
        var mc = (Verbatim.Corpus.ICorpusStore)m;
        var oc = (Verbatim.Corpus.ICorpusStore)o;
        Assert.Equal(oc.Clusters(100_000).Count, mc.Clusters(100_000).Count);
        Assert.Equal(oc.Clusters(100_000).Sum(c => c.Quotes), mc.Clusters(100_000).Sum(c => c.Quotes));
    }
}
