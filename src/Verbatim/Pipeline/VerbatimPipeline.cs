namespace Verbatim.Pipeline;

/// <summary>
/// The immutable, thread-safe extraction pipeline: a fixed, explicit order of stages that hold no
/// per-document state. Build one with <see cref="PipelineBuilder"/> and share it across threads.
/// </summary>
public sealed class VerbatimPipeline
{
    private readonly IStage[] _stages;

    internal VerbatimPipeline(IStage[] stages) => _stages = stages;

    public IReadOnlyList<string> StageNames => _stages.Select(s => s.Name).ToArray();

    /// <summary>The default pipeline with every stage on.</summary>
    public static VerbatimPipeline Default { get; } = new PipelineBuilder().UseDefaultStages().Build();

    public ArticleExtraction Extract(Article article)
    {
        var extraction = ExtractDocument(article);
        if (article.Text.Length >= LongArticleChars) ReleaseLongArticle();
        return extraction;
    }

    // Not inlined: the document (all its columns) is out of reach once this returns, before any collection.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ArticleExtraction ExtractDocument(Article article) => Run(article).ToExtraction();

    /// <summary>Articles at least this long (UTF-16 units, about 2 MB of text) are followed by a full collection.</summary>
    internal const int LongArticleChars = 1 << 20;

    /// <summary>
    /// A very long article leaves its per-token arrays (tens of MB each) in the large-object heap, which only a full
    /// collection frees; until one comes, several such articles' garbage adds up (the fuzzer's 10 MB inputs reached
    /// 2.2 GB). Collected (and the large objects compacted) once the document is out of reach, so a worker's peak is about
    /// one long article. Normal articles never get here.
    /// </summary>
    private static void ReleaseLongArticle()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
    }

    /// <summary>Runs every stage and returns the document with all its columns (for training and diagnostics).</summary>
    public Document Run(Article article)
    {
        var doc = new Document(article);
        foreach (var stage in _stages)
            stage.Run(doc);
        return doc;
    }
}

/// <summary>One step of the pipeline. Implementations are stateless between documents and thread-safe.</summary>
public interface IStage
{
    string Name { get; }
    void Run(Document document);
}
