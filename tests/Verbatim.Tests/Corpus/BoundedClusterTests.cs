using Microsoft.Data.Sqlite;
using Verbatim.Benchmarks;
using Verbatim.Pipeline;
using Verbatim.Storage;
using Verbatim.Tests.Storage;

namespace Verbatim.Tests.Corpus;

/// <summary>
/// The cluster index at scale keeps only a window of variants' and clusters' facts in memory and reads the rest back from the
/// store: its memory stays under a bound while every row it writes is the row an index holding everything would write.
/// </summary>
public sealed class BoundedClusterTests : IDisposable
{
    private const int Window = 600;
    private const int BatchSize = 20;

    private static readonly Lazy<List<ArticleExtraction>> News = new(() =>
        new NewsCorpusGenerator(360, 77).Articles().Select(a => VerbatimPipeline.Default.Extract(a)).ToList());

    private readonly TempFolder _files = new();

    public void Dispose() => _files.Dispose();

    private SqliteQuoteStore Open(string name, bool inMemory, int? cache = null)
    {
        var s = SqliteQuoteStore.Open(_files.File(name));
        s.KeepClusterFactsInMemory = inMemory;
        s.ClusterFactCache = cache;
        // The speaker directory likewise: every name key in memory, or only a few (the others asked of speaker_names).
        s.MaxCachedSpeakerKeys = inMemory ? int.MaxValue : cache ?? 100_000;
        s.MaxHeldClusterVariants = Window;
        return s;
    }

    /// <summary>Ingests articles [from, to) in batches; after each batch, calls <paramref name="check"/> with the store.</summary>
    private static void Ingest(SqliteQuoteStore s, int from, int to, Action<SqliteQuoteStore>? check = null)
    {
        for (var i = from; i < to; i += BatchSize)
        {
            s.Ingest(News.Value.GetRange(i, Math.Min(BatchSize, to - i)));
            check?.Invoke(s);
        }
    }

    private static List<string> ClusterRows(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        var rows = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT 'c', id, merged_into, first_quote, first_date FROM clusters ORDER BY id",
            "SELECT 'v', id, cluster_id, normalised, words, fragment_of, first_quote FROM cluster_variants ORDER BY id",
            "SELECT 'q', quote_key, cluster_id, variant_id, article_key, publisher FROM quote_clusters ORDER BY quote_key",
            "SELECT 's', q.key, q.speaker_id FROM quotes q ORDER BY q.key",
            "SELECT 'a', article_key, ord, speaker_id FROM article_speakers ORDER BY article_key, ord",
            "SELECT 'p', id, name, type, wikidata, role FROM speakers ORDER BY id",
            "SELECT 'n', key, speaker_id, pinned FROM speaker_names ORDER BY key",
        })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
                rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    [Fact]
    public void A_bounded_index_keeps_a_window_of_facts_in_memory_and_writes_the_rows_of_one_that_keeps_everything()
    {
        var n = News.Value.Count;
        using (var whole = Open("whole.db", inMemory: true))
            Ingest(whole, 0, n);

        var most = 0;
        var keys = 0;
        long lookups = 0;
        int variants;
        using (var bounded = Open("bounded.db", inMemory: false, cache: 64))
        {
            Ingest(bounded, 0, n, s =>
            {
                var index = s.LoadedClusterIndex!;
                most = Math.Max(most, index.InMemory.Variants);
                Assert.True(index.CachedFacts <= 2 * 64, $"{index.CachedFacts} facts cached");
                lookups = index.FactLookups;
                keys = Math.Max(keys, s.LoadedSpeakerDirectory!.CachedKeys);
            });
            variants = bounded.LoadedClusterIndex!.Variants;
            // Each let-go is counted (the ingest collects garbage right after one): with six windows' worth, several.
            Assert.True(bounded.ClusterLetGoes >= 3, $"{bounded.ClusterLetGoes} let-goes");
        }

        var expected = ClusterRows(_files.File("whole.db"));
        Assert.Equal(expected, ClusterRows(_files.File("bounded.db")));
        // The corpus has many times the window; memory held the window and what one let-go leaves beside it.
        Assert.True(variants > 6 * Window, $"only {variants} variants: the test would not reach the bound");
        Assert.True(most <= 2 * Window + 1024 + BatchSize * 40, $"{most} variants' facts in memory");
        // Old wordings came back (exact repeats of variants let go): they were found through the store.
        Assert.True(lookups > 0);
        // The directory held at most 64 learned name keys, of many more.
        Assert.InRange(keys, 1, 64);
        using (var c = new SqliteConnection($"Data Source={_files.File("bounded.db")};Mode=ReadOnly;Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM speaker_names";
            Assert.True(Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 10 * 64);
        }
    }

    [Fact]
    public void A_bounded_index_reopened_mid_corpus_goes_on_as_the_uninterrupted_one()
    {
        var n = News.Value.Count;
        using (var whole = Open("whole.db", inMemory: true))
            Ingest(whole, 0, n);
        foreach (var cut in new[] { 140, 260 })
        {
            var name = $"reopened-{cut}.db";
            using (var first = Open(name, inMemory: false))
                Ingest(first, 0, cut);
            using (var again = Open(name, inMemory: false))
            {
                Ingest(again, cut, n);
                Assert.True(again.LoadedClusterIndex!.InMemory.Variants < again.LoadedClusterIndex.Variants);
            }
            Assert.Equal(ClusterRows(_files.File("whole.db")), ClusterRows(_files.File(name)));
        }
    }
}
