namespace Verbatim.Text;

public enum TokenKind : byte
{
    Word,
    Number,
    Punctuation,
    /// <summary>A quotation mark (double or single), not an apostrophe inside a word.</summary>
    QuoteMark,
    Symbol,
}

[Flags]
public enum TokenFlags : ushort
{
    None = 0,
    /// <summary>First letter is upper case.</summary>
    Capitalized = 1,
    AllCaps = 2,
    /// <summary>White space (or the text start) comes right before the token.</summary>
    SpaceBefore = 4,
    /// <summary>White space (or the text end) comes right after the token.</summary>
    SpaceAfter = 8,
    /// <summary>The first token of a paragraph (after a blank line or the text start).</summary>
    ParagraphStart = 16,
    /// <summary>The first token after a line break.</summary>
    LineStart = 32,
    /// <summary>A dotted abbreviation kept whole (U.S., D.C., a.m.).</summary>
    DottedAbbreviation = 64,
    /// <summary>A word with an inner hyphen (on-time, third-quarter, mid-1990s).</summary>
    Hyphenated = 128,
}

/// <summary>One token: a half-open range into the original text, with its kind and flags.</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind, TokenFlags Flags)
{
    public int Length => End - Start;
    public bool Is(TokenFlags flag) => (Flags & flag) != 0;
    public bool IsWord => Kind == TokenKind.Word;
    public bool IsCapitalized => (Flags & TokenFlags.Capitalized) != 0;
    public TextSpan Span => new(Start, End);
}
