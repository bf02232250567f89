namespace Verbatim;

/// <summary>A half-open range [Start, End) of UTF-16 code units into an article's original text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
    public bool IsEmpty => End <= Start;
    public bool Contains(int position) => position >= Start && position < End;
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
    public ReadOnlySpan<char> Slice(string text) => text.AsSpan(Start, End - Start);
    public string TextOf(string text) => text.Substring(Start, End - Start);
    public override string ToString() => $"[{Start},{End})";
}

/// <summary>A span together with the text it covers (cue, source, mention, addressee).</summary>
public sealed record SpanText(int Start, int End, string Text)
{
    public TextSpan Span => new(Start, End);
    public static SpanText Of(string text, TextSpan span) => new(span.Start, span.End, span.TextOf(text));
}
