using BenchmarkDotNet.Attributes;
using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Bench;

/// <summary>The shipped entity tagger alone (features, scores, Viterbi) on the tokens and sentences of one synthetic article.</summary>
[MemoryDiagnoser]
public class EntityTaggerBenchmarks
{
    private Document _doc = null!;
    private EntityTagger _tagger = null!;
    private byte[] _tags = null!;

    [Params(1500)]
    public int Words { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var article = new Article("synthetic", new DateOnly(2022, 7, 8), SyntheticCorpus.Article(Words)) { BodyStart = 17 };
        _doc = new PipelineBuilder().Add(new TokenizerStage()).Add(new SentenceStage()).Build().Run(article);
        _tagger = EntityTagger.Default ?? throw new InvalidOperationException("no shipped entity model");
        _tags = new byte[_doc.Tokens.Count];
        Console.WriteLine($"// {_doc.Tokens.Count} tokens per operation");
    }

    /// <summary>Tokens per operation: divide by the mean time for tokens per second.</summary>
    [Benchmark(Description = "EntityTagger.Tag (tokens of one article)")]
    public int Tag()
    {
        _tagger.Tag(_doc.Text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_doc.Tokens),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_doc.Sentences), _tags);
        return _tags[0];
    }
}
