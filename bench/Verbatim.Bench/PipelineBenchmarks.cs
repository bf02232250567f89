using BenchmarkDotNet.Attributes;
using Verbatim.Pipeline;

namespace Verbatim.Bench;

/// <summary>The default pipeline, every stage on, on one synthetic article.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private Article _article = null!;

    [Params(300, 1500)]
    public int Words { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _article = new Article("synthetic", new DateOnly(2022, 7, 8), SyntheticCorpus.Article(Words)) { BodyStart = 17 };
    }

    [Benchmark(Description = "VerbatimPipeline.Default.Extract")]
    public int Extract() => VerbatimPipeline.Default.Extract(_article).Quotes.Count;
}
