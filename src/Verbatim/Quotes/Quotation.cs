namespace Verbatim.Quotes;

/// <summary>One paragraph's part of a quotation: its marks (token indices, -1 when missing) and content.</summary>
public readonly record struct QuotationPart(int OpenMark, int CloseMark, int FirstToken, int EndToken, TextSpan Content);

/// <summary>A span of text between quotation marks, possibly running over several paragraphs.</summary>
public sealed class Quotation
{
    public required List<QuotationPart> Parts { get; init; }
    public bool Single { get; init; }
    /// <summary>False when the last part ran to the end of its paragraph without a closing mark.</summary>
    public bool Closed { get; init; }
    public int WordCount { get; init; }

    public int OpenMark => Parts[0].OpenMark;
    public int CloseMark => Parts[^1].CloseMark;
    public int FirstToken => Parts[0].FirstToken;
    public int EndToken => Parts[^1].EndToken;
    /// <summary>The token where the quotation's text ends, mark included (for searching what follows it).</summary>
    public int LastMarkOrToken => CloseMark >= 0 ? CloseMark : EndToken - 1;
    public int FirstMarkOrToken => OpenMark >= 0 ? OpenMark : FirstToken;
}
