namespace Verbatim;

public enum QuoteKind { Direct, Indirect, Mixed }

public enum SpeakerType { Person, Group, Organization, Unknown }

public sealed record SpeakerRef(string Id, string Name, SpeakerType Type);

/// <summary>A time expression inside a quote's content, normalised against the article date (TIMEX3).</summary>
public sealed record TimeRef(int Start, int End, string Text, string Value, string? Mod, DateOnly? Due)
{
    /// <summary>The TIMEX3 type (DATE, TIME, DURATION, SET) the tagger gave, when known (the store does not keep it). A SET such
    /// as "daily" has a duration's value (P1D), so the type is not always implied by the value.</summary>
    public string? Type { get; init; }
}

/// <summary>One quotation: who (source, speaker), how (cue), what (content parts), when (uttered).</summary>
public sealed record Quote
{
    public required string Id { get; init; }
    public required QuoteKind Kind { get; init; }
    /// <summary>One or more parts; a quote split by its own attribution has two. Direct parts exclude the marks.</summary>
    public required IReadOnlyList<TextSpan> Content { get; init; }
    /// <summary>The parts' text joined by a single space.</summary>
    public required string Text { get; init; }
    public SpanText? Cue { get; init; }
    /// <summary>
    /// The word that opens reported speech after its cue (said [that] ...): not one of the reported words, so
    /// <see cref="Content"/> leaves it out (this project's convention, as in its fixture); PolNeAR draws it inside the
    /// content, and its scorer puts it back (<see cref="Evaluation.PolnearScorer.ContentAsPolnearDraws"/>). Null for
    /// direct quotes and when there is none.
    /// </summary>
    public SpanText? Complementizer { get; init; }
    public SpanText? Source { get; init; }
    public SpeakerRef? Speaker { get; init; }
    public SpanText? Addressee { get; init; }
    public DateOnly? Uttered { get; init; }
    public double Confidence { get; init; }
    public IReadOnlyList<TimeRef> Times { get; init; } = [];
    /// <summary>The rule that found it (diagnostics: `verbatim eval --errors` counts right and wrong quotes per rule).</summary>
    internal Quotes.AttributionRule Rule { get; init; }

    /// <summary>The cue was found by the learned cue tagger (diagnostics and confidence).</summary>
    internal bool TaggedCue { get; init; }
}

/// <summary>A speaker of one article, with every mention the article gives of them.</summary>
public sealed record Speaker
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required SpeakerType Type { get; init; }
    public string? Title { get; init; }
    public required IReadOnlyList<SpanText> Mentions { get; init; }
}

/// <summary>What the pipeline found in one article.</summary>
public sealed record ArticleExtraction(Article Article, IReadOnlyList<Quote> Quotes, IReadOnlyList<Speaker> Speakers)
{
    /// <summary>Every time expression of the article (not only those inside quotes), in text order.</summary>
    public IReadOnlyList<TimeRef> Times { get; init; } = [];
}
