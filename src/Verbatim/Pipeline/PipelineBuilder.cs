namespace Verbatim.Pipeline;

/// <summary>Builds a <see cref="VerbatimPipeline"/>: stages run in exactly the order they are added.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IStage> _stages = [];

    public PipelineBuilder Add(IStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (_stages.Any(s => s.Name == stage.Name))
            throw new InvalidOperationException($"stage '{stage.Name}' is already in the pipeline");
        _stages.Add(stage);
        return this;
    }

    public PipelineBuilder UseDefaultStages()
    {
        return this;
    }

    public VerbatimPipeline Build() => new(_stages.ToArray());
}
