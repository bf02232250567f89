using BenchmarkDotNet.Attributes;
using Verbatim.Benchmarks;
using Verbatim.Corpus;
using Verbatim.Pipeline;

namespace Verbatim.Bench;

/// <summary>
/// The cluster index's kernels on the quotes of generated news (the ingest's serial path): placing every quote of a corpus
/// in a fresh index, and the word edit distance it measures candidates with, as a table and bit-parallel.
/// </summary>
[MemoryDiagnoser]
public class ClusterBenchmarks
{
    private (ulong[] Words, ulong Hash, uint[] Signature, DateOnly? Date)[] _quotes = [];
    private (ulong[] A, ulong[][] Texts, int[] Limits)[] _pairs = [];
    private readonly WordPattern _pattern = new();

    [Params(1000)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var quotes = new List<(ulong[], ulong, uint[], DateOnly?)>();
        foreach (var article in new NewsCorpusGenerator(Articles).Articles())
            foreach (var q in VerbatimPipeline.Default.Extract(article).Quotes)
            {
                var buffer = new ulong[MatchText.MaxWords(q.Text.Length)];
                var words = buffer.AsSpan(0, MatchText.Hashes(q.Text, buffer)).ToArray();
                if (words.Length == 0) continue;
                var signature = new uint[MinHash.Size];
                MinHash.Signature(words, signature);
                quotes.Add((words, MatchText.SequenceHash(words), signature, article.Date));
            }
        _quotes = [.. quotes];
        // As the index meets them: one quote against the next eight (mostly unrelated, some rewordings), within 30% of the longer.
        var pairs = new List<(ulong[], ulong[][], int[])>();
        for (var i = 0; i + 8 < _quotes.Length && pairs.Count < 5_000; i += 2)
        {
            var a = _quotes[i].Words;
            var texts = Enumerable.Range(i + 1, 8).Select(k => _quotes[k].Words).ToArray();
            pairs.Add((a, texts, texts.Select(b => (int)(0.3 * Math.Max(a.Length, b.Length))).ToArray()));
        }
        _pairs = [.. pairs];
    }

    [Benchmark(Description = "ClusterIndex.Add: every quote of the corpus")]
    public int PlaceQuotes()
    {
        var index = new ClusterIndex();
        for (var i = 0; i < _quotes.Length; i++)
        {
            var (words, hash, signature, date) = _quotes[i];
            index.Add(words, hash, signature, date, i);
        }
        return index.Clusters;
    }

    [Benchmark(Description = "word edit distance within a limit: table (WordAlign)")]
    public int DistanceTable()
    {
        var sum = 0;
        foreach (var (a, texts, limits) in _pairs)
            for (var k = 0; k < texts.Length; k++) sum += WordAlign.Distance(a, texts[k], limits[k]);
        return sum;
    }

    [Benchmark(Description = "word edit distance within a limit: bit-parallel (WordPattern)")]
    public int DistanceBitParallel()
    {
        var sum = 0;
        foreach (var (a, texts, limits) in _pairs)
        {
            _pattern.Set(a);
            for (var k = 0; k < texts.Length; k++) sum += _pattern.Distance(texts[k], limits[k]);
        }
        return sum;
    }
}
