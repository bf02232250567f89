using Verbatim.Pipeline;

namespace Verbatim.Contextual;

/// <summary>The accurate mode's pipeline: the default stages with MiniLM's codes after part of speech and the content model
/// trained with them (<c>Resources/content-tagger-accurate.bin</c>).</summary>
public static class AccuratePipeline
{
    private static readonly Lazy<VerbatimPipeline> Shared = new(
        () => new PipelineBuilder().UseAccurateStages(new ContextualStage(MiniLmEncoder.Default)).Build(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Built on first use (loads MiniLM, ≈90 MB); immutable and thread-safe like the default pipeline.</summary>
    public static VerbatimPipeline Default => Shared.Value;
}
