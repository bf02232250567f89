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

    /// <summary>
    /// The default order: tokens → sentences → part of speech → (entities) → quotation marks → cues → learned cues → attribution (direct, reported, mixed)
    /// → speakers → time expressions → uttered dates → final quotes. Each stage reads only what the stages before it wrote.
    /// </summary>
    /// <param name="entities">Also run the named-entity stage (right after sentences) and fill <see cref="Document.Entities"/>.
    /// Off by default: no stage reads the column yet, and it costs about as much as all the other stages together.</param>
    public PipelineBuilder UseDefaultStages(bool entities = false)
    {
        UseRuleStages(Learning.PosTagger.Default, entities, cueTagger: Learning.ContentTagger.Default?.Cues);
        if (Learning.ContentTagger.Default is { } tagger) Add(new Learning.LearnedContentStage(tagger));
        return UseFinalStages();
    }

    /// <summary>The accurate mode: the default stages with the contextual codes right after part of speech, and the content
    /// model trained with them (<see cref="Learning.ContentTagger.Accurate"/>).</summary>
    public PipelineBuilder UseAccurateStages(Contextual.ContextualStage contextual, bool entities = false)
    {
        var tagger = Learning.ContentTagger.Accurate
            ?? throw new InvalidOperationException("the library was built without the accurate content model (Resources/content-tagger-accurate.bin)");
        UseRuleStages(Learning.PosTagger.Default, entities, cueTagger: tagger.Cues, contextual: contextual);
        Add(new Learning.LearnedContentStage(tagger));
        return UseFinalStages();
    }

    /// <summary>The rule stages up to attribution: what the learned stages read, and what training runs.</summary>
    /// <param name="entities">Also run the named-entity stage right after sentences (see <see cref="UseDefaultStages"/>).</param>
    /// <param name="dependencies">Also run the dependency parser right after part of speech (see <see cref="UseDependencies"/>).</param>
    public PipelineBuilder UseRuleStages(bool entities = false, bool dependencies = false) =>
        UseRuleStages(Learning.PosTagger.Default, entities, dependencies: dependencies);

    /// <summary>The rule stages, with this part-of-speech tagger (none when null) right after sentences, and this cue
    /// lexicon (the shipped one when null).</summary>
    /// <param name="dependencies">Also run the dependency parser right after part of speech (see <see cref="UseDependencies"/>).</param>
    /// <param name="cueTagger">Cues the lexicon lacks, found by the learned tagger after the lexicon's (none when null).</param>
    /// <param name="contextual">The accurate mode's MiniLM codes, right after part of speech (none when null).</param>
    public PipelineBuilder UseRuleStages(Learning.PosTagger? pos, bool entities = false, Cues.CueLexicon? cues = null, bool dependencies = false,
        Learning.CueTagger? cueTagger = null, Contextual.ContextualStage? contextual = null)
    {
        Add(new TokenizerStage()).Add(new SentenceStage());
        // Part of speech (and dependencies) and named entities right after sentences, so that every later stage may read them.
        if (pos is not null) Add(new Learning.PosStage(pos));
        if (contextual is not null) Add(contextual);
        if (dependencies) UseDependencies();
        if (entities && Learning.EntityTagger.Default is { } tagger) Add(new Learning.EntityStage(tagger));
        Add(new Quotes.QuotationFinder()).Add(new Cues.CueFinder(cues ?? Cues.CueLexicon.Default));
        if (cueTagger is not null && pos is not null) Add(new Learning.LearnedCueStage(cueTagger));
        return Add(new Quotes.AttributionFinder());
    }

    /// <summary>
    /// Adds the dependency stage (<see cref="Document.Heads"/>, <see cref="Document.DependencyLabels"/>) here, in the order
    /// of the calls like any stage. It reads part-of-speech tags, so the pos stage must already be in the pipeline.
    /// Not in the default pipeline: no stage reads the parse yet.
    /// </summary>
    /// <param name="parser">The parser (the shipped one when null).</param>
    public PipelineBuilder UseDependencies(Learning.DependencyParser? parser = null)
    {
        if (!_stages.Any(s => s.Name == "pos"))
            throw new InvalidOperationException("the dependencies stage reads POS tags: add the pos stage before it");
        parser ??= Learning.DependencyParser.Default
            ?? throw new InvalidOperationException("this build ships no dependency parser (Resources/dependency-parser.bin)");
        return Add(new Learning.DependencyStage(parser));
    }

    /// <summary>Speakers, dates and the final quotes, after every attribution stage.</summary>
    public PipelineBuilder UseFinalStages() => this
        .Add(new Speakers.SpeakerResolver())
        .Add(new Dates.TimeExpressionStage())
        .Add(new Dates.UtteredDateResolver())
        .Add(new Quotes.QuoteAssembler());

    public VerbatimPipeline Build() => new(_stages.ToArray());
}
