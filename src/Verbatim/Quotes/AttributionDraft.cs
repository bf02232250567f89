namespace Verbatim.Quotes;

/// <summary>Which rule produced an attribution: kept for confidence and for diagnostics.</summary>
public enum AttributionRule : byte
{
    /// <summary>"...," X said / "...," said X.</summary>
    DirectCueAfter,
    /// <summary>X said: "..." / X said, "...".</summary>
    DirectCueBefore,
    /// <summary>A quoted fragment inside reported speech.</summary>
    DirectInReportedSpeech,
    /// <summary>A quotation with no cue of its own that continues the last speaker.</summary>
    DirectFloating,
    /// <summary>X said (that) ...</summary>
    IndirectCueFirst,
    /// <summary>..., X said.</summary>
    IndirectCueLast,
    /// <summary>according to X, ... / ..., according to X.</summary>
    IndirectAccordingTo,
    /// <summary>Reported speech that holds a quoted fragment.</summary>
    Mixed,
    /// <summary>A reported content found by the learned content tagger, tied to the nearest cue.</summary>
    Learned,
    /// <summary>A quotation of speech that no rule could tie to a speaker: no source, no cue.</summary>
    Unattributed,
    /// <summary>The clause around a quoted fragment no rule tied to a speaker (from after its verb to the clause end),
    /// when no reported content of about that extent holds it: dismissed as a "clown" by her critics.</summary>
    FragmentClause,
    /// <summary>The writer's report of how things look, with no source: "Mr. Trump seemed to relish the fight", "The sale
    /// is expected to close in May" (the subject and the complement are its two parts).</summary>
    Seeming,
}

/// <summary>An attribution while the pipeline builds it: token ranges (-1 when absent), before speakers and dates.</summary>
public sealed class AttributionDraft
{
    public required QuoteKind Kind { get; set; }
    public required AttributionRule Rule { get; set; }
    public List<TextSpan> Content { get; } = [];
    /// <summary>The quotation of a direct quote, -1 for reported speech.</summary>
    public int Quotation { get; set; } = -1;

    /// <summary>Its cue was found by the learned cue tagger (<see cref="Cues.CueFlags.Tagged"/>), not listed.</summary>
    public bool TaggedCue { get; set; }
    public int CueFirst { get; set; } = -1;
    public int CueEnd { get; set; } = -1;
    public int SourceFirst { get; set; } = -1;
    public int SourceEnd { get; set; } = -1;
    public int AddresseeFirst { get; set; } = -1;
    public int AddresseeEnd { get; set; } = -1;
    /// <summary>A time phrase attached to the cue (on Thursday, yesterday), tokens [TimeFirst, TimeEnd).</summary>
    public int TimeFirst { get; set; } = -1;
    public int TimeEnd { get; set; } = -1;
    /// <summary>The cue of this attribution is in the present tense (says).</summary>
    public bool PresentCue { get; set; }
    /// <summary>Set by the speaker stage: the index of the resolved entity, -1 when unknown.</summary>
    public int Entity { get; set; } = -1;
    /// <summary>For a quotation that continues an earlier speaker with no mention of its own: that attribution.</summary>
    public AttributionDraft? CarriedFrom { get; set; }
    /// <summary>Whether the quotation's marks were whole (false for an unclosed quotation).</summary>
    public bool Clean { get; set; } = true;

    public bool HasSource => SourceFirst >= 0;
    public int Start => Content.Count > 0 ? Content[0].Start : 0;

    public void CopyAttributionFrom(AttributionDraft other)
    {
        CueFirst = other.CueFirst;
        CueEnd = other.CueEnd;
        SourceFirst = other.SourceFirst;
        SourceEnd = other.SourceEnd;
        AddresseeFirst = other.AddresseeFirst;
        AddresseeEnd = other.AddresseeEnd;
        TimeFirst = other.TimeFirst;
        TimeEnd = other.TimeEnd;
        PresentCue = other.PresentCue;
        TaggedCue = other.TaggedCue;
    }
}
