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

    public ArticleExtraction Extract(Article article) => Run(article).ToExtraction();

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
