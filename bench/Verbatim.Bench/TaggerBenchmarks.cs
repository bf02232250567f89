using BenchmarkDotNet.Attributes;
using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Bench;

/// <summary>
/// The two learned stages of the default pipeline on one synthetic article: the POS tagger (greedy, 17 tags) and the
/// content tagger (features and Viterbi over O/B/I).
/// </summary>
[MemoryDiagnoser]
public class TaggerBenchmarks
{
    private Document _doc = null!;
    private PosTagger _pos = null!;

    [Params(1500)]
    public int Words { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var article = new Article("synthetic", new DateOnly(2022, 7, 8), SyntheticCorpus.Article(Words)) { BodyStart = 17 };
        _pos = PosTagger.Default ?? throw new InvalidOperationException("no shipped POS model");
        _ = ContentTagger.Default ?? throw new InvalidOperationException("no shipped content model");
        _doc = new PipelineBuilder().UseRuleStages(_pos).Build().Run(article);
        Console.WriteLine($"// {_doc.Tokens.Count} tokens per operation");
    }

    /// <summary>Tokens per operation: divide by the mean time for tokens per second.</summary>
    [Benchmark(Description = "PosTagger.Tag (tokens of one article)")]
    public int Pos() => _pos.Tag(_doc).Length;

    [Benchmark(Description = "ContentTagger.Tag (tokens of one article)")]
    public int Content() => ContentTagger.Default!.Tag(_doc).Length;
}
