using Verbatim.Cues;
using Verbatim.Quotes;
using Verbatim.Speakers;
using Verbatim.Text;

namespace Verbatim.Pipeline;

/// <summary>
/// The working state of one article while the pipeline runs: columns of structs indexed into the
/// original text (never a rewritten copy). Created per article; stages fill it in order.
/// </summary>
public sealed class Document
{
    public Document(Article article)
    {
        Article = article;
        Text = article.Text;
    }

    public Article Article { get; }
    public string Text { get; }

    /// <summary>Tokens of the article body (the header, if any, is not tokenized).</summary>
    public List<Token> Tokens { get; } = [];
    /// <summary>Per token: the index of its sentence in <see cref="Sentences"/>.</summary>
    public int[] SentenceOfToken { get; internal set; } = [];
    public List<Sentence> Sentences { get; } = [];
    /// <summary>Per token: the index of its paragraph.</summary>
    public int[] ParagraphOfToken { get; internal set; } = [];
    /// <summary>Per token: the index of the quotation whose content holds it, or -1.</summary>
    public int[] QuotationOfToken { get; internal set; } = [];

    /// <summary>Per token: the quotation whose opening or closing mark it is, or -1 (filled with the quotations).</summary>
    public int[] QuotationOfMark { get; internal set; } = [];
    /// <summary>Per token: the index in <see cref="Cues"/> of the cue that starts there, or -1.</summary>
    public int[] CueStartingAt { get; internal set; } = [];
    /// <summary>The Universal POS tag of each token (<see cref="Learning.PosTagger.TagNames"/>); empty without a tagger.</summary>
    public byte[] PosTags { get; internal set; } = [];
    /// <summary>Per token: the document index of its head in the dependency parse, -1 for the root of its sentence; empty
    /// unless the <c>dependencies</c> stage ran (see <see cref="Learning.DependencyTree"/> for the questions it answers).</summary>
    public int[] Heads { get; internal set; } = [];
    /// <summary>Per token: its dependency label (<see cref="Learning.DependencyLabels.Names"/>); empty like <see cref="Heads"/>.</summary>
    public byte[] DependencyLabels { get; internal set; } = [];
    /// <summary>Per token, <see cref="Contextual.ContextualStage.Groups"/> codes of its MiniLM vector (token-major); empty
    /// unless the accurate mode's <c>contextual</c> stage ran.</summary>
    public ushort[] ContextCodes { get; internal set; } = [];
    public List<Quotation> Quotations { get; } = [];
    public List<CueMatch> Cues { get; } = [];
    public List<AttributionDraft> Attributions { get; } = [];
    public List<Mention> Mentions { get; } = [];
    /// <summary>Named entities (PER, ORG, LOC, MISC) found by the entity tagger, as token ranges in text order
    /// (filled by the <c>entities</c> stage; empty without an entity model).</summary>
    public List<Learning.EntitySpan> Entities { get; } = [];
    /// <summary>Per entity index (see <see cref="AttributionDraft.Entity"/>): its name and type.</summary>
    public (string Name, SpeakerType Type)[] EntityNames { get; internal set; } = [];
    /// <summary>Time expressions of the article body in text order, normalised against the article date.</summary>
    public List<Dates.TimeExpression> Times { get; } = [];
    /// <summary>Per attribution (same order as <see cref="Attributions"/>): the day the words were said.</summary>
    public List<DateOnly?> Uttered { get; } = [];

    /// <summary>Quotes in their final form, in text order.</summary>
    public List<Quote> Quotes { get; } = [];
    public List<Speaker> Speakers { get; } = [];

    public ReadOnlySpan<char> TokenText(int index)
    {
        var t = Tokens[index];
        return Text.AsSpan(t.Start, t.End - t.Start);
    }

    /// <summary>The text span of an entity: from its first token's start to its last token's end.
    /// A possessive ending of the last word ('s) is left out: "Carter's" gives "Carter".
    public TextSpan EntityText(Learning.EntitySpan entity)
    {
        var last = Tokens[entity.EndToken - 1];
        int end = last.Start + Learning.EntityFeatures.Stem(Text.AsSpan(last.Start, last.Length)).Length;
        return new(Tokens[entity.FirstToken].Start, end);
    }

    public bool TokenIs(int index, string word) =>
        index >= 0 && index < Tokens.Count && TokenText(index).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The first token that ends after <paramref name="position"/> (binary search); the token count when none.</summary>
    public int TokenAtOrAfter(int position)
    {
        int lo = 0, hi = Tokens.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Tokens[mid].End <= position) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The index of the first time expression that ends after token <paramref name="token"/> (they are in text order).</summary>
    public int TimeEndingAfter(int token)
    {
        int lo = 0, hi = Times.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Times[mid].EndToken <= token) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The index of the first quotation whose first mark or token is at or after <paramref name="token"/>.</summary>
    public int QuotationAtOrAfter(int token)
    {
        int lo = 0, hi = Quotations.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Quotations[mid].FirstMarkOrToken < token) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public ArticleExtraction ToExtraction() => new(Article, Quotes.ToArray(), Speakers.ToArray())
    {
        Times = Times.Count == 0 ? [] : Times.Select(t => t.ToTimeRef(Text)).ToArray(),
    };
}

/// <summary>A sentence as a token range [FirstToken, EndToken) and its paragraph.</summary>
public readonly record struct Sentence(int FirstToken, int EndToken, int Paragraph);
