using System.Buffers;
using Verbatim.Text;

namespace Verbatim.Dates;

/// <summary>
/// Finds English time expressions in tokenized text and normalises them against the article date as TIMEX3 values.
/// Span-based and allocation-light: one pass classifies each token by a frozen, span-keyed lexicon (no strings, no regular
/// expressions); a hand-written grammar then runs only from tokens that can open a time expression. Strings are made only
/// for the expressions found.
/// </summary>
public static class TimeTagger
{
    internal struct Atom
    {
        public int Start, End, Token;
        public AtomKind Kind;
        public int Value;
        public byte Digits;
        public bool Cap, Possessive, Joined;
    }

    /// <summary>Tags tokens [0, tokens.Count) of <paramref name="text"/>; <paramref name="sentenceOfToken"/> bounds the tense context
    /// (may be empty). Appends to <paramref name="output"/>. Without an article date, nothing is tagged.</summary>
    public static void Tag(string text, List<Token> tokens, ReadOnlySpan<int> sentenceOfToken, DateOnly? articleDate, List<TimeExpression> output)
    {
        // Dates at the ends of the calendar leave no room for "yesterday" or "next year": nothing is tagged.
        if (articleDate is not { } dct || tokens.Count == 0 || dct.Year is < 2 or > 9997) return;
        var pool = ArrayPool<Atom>.Shared;
        var atoms = pool.Rent(tokens.Count + 16);
        try
        {
            int n = BuildAtoms(text, tokens, ref atoms, pool);
            var p = new TimeParser(text, atoms.AsSpan(0, n), n, tokens, sentenceOfToken, dct, output);
            p.Run();
        }
        finally
        {
            pool.Return(atoms);
        }
    }

    private static int BuildAtoms(string text, List<Token> tokenList, ref Atom[] atoms, ArrayPool<Atom> pool)
    {
        int n = 0;
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokenList);
        int count = tokens.Length;
        for (int t = 0; t < count; t++)
        {
            var tok = tokens[t];
            if (n + 8 >= atoms.Length)
            {
                var bigger = pool.Rent(atoms.Length * 2);
                Array.Copy(atoms, bigger, n);
                pool.Return(atoms);
                atoms = bigger;
            }
            var span = text.AsSpan(tok.Start, tok.End - tok.Start);
            ref var a = ref atoms[n];
            a = new Atom { Start = tok.Start, End = tok.End, Token = t, Cap = tok.IsCapitalized, Kind = AtomKind.Other };
            switch (tok.Kind)
            {
                case TokenKind.Word:
                    // Most words cannot be time words by their shape (length, first and last letter): they are looked up
                    // only if the grammar asks (function and tense words near a time word).
                    if (TimeLexicon.MaybeTimeWord(span))
                    {
                        if (ClassifyWord(span, ref a)) break;
                    }
                    else a.Kind = AtomKind.Unclassified;
                    if (tok.Is(TokenFlags.Hyphenated))
                    {
                        // A hyphenated word: its parts are atoms when one of them is a time word (third-quarter, two-year, mid-1990s).
                        if (SplitHyphenated(text, tok, t, atoms, n, out int added)) { n += added; continue; }
                    }
                    break;
                case TokenKind.Number:
                    ClassifyNumber(span, ref a);
                    // A range of days or years in one token ("Aug. 7-8", "1997-98", "1985-1990"): its parts are atoms.
                    if (a.Kind == AtomKind.Other && NumberRange(span) && SplitHyphenated(text, tok, t, atoms, n, out int split)) { n += split; continue; }
                    break;
                case TokenKind.Punctuation:
                    char c = span[0];
                    if (c == ',' && span.Length == 1) a.Kind = AtomKind.Comma;
                    else if (c == '.' && span.Length == 1) a.Kind = AtomKind.Dot;
                    else if (c == '-' && span.Length == 1 && !tok.Is(TokenFlags.SpaceBefore) && !tok.Is(TokenFlags.SpaceAfter)) a.Kind = AtomKind.Hyphen;
                    else a.Kind = AtomKind.Boundary;
                    break;
                case TokenKind.QuoteMark:
                    // '90s
                    if (span.Length == 1 && span[0] is '\'' or '\u2019' && !tok.Is(TokenFlags.SpaceAfter) && t + 1 < count
                        && tokens[t + 1].Kind == TokenKind.Number)
                    {
                        var next = tokens[t + 1];
                        var ns = text.AsSpan(next.Start, next.End - next.Start);
                        if (ns.Length == 3 && char.IsAsciiDigit(ns[0]) && char.IsAsciiDigit(ns[1]) && ns[2] == 's')
                        {
                            a.End = next.End;
                            a.Kind = AtomKind.Decade;
                            a.Digits = 2;
                            a.Value = (ns[0] - '0') * 10 + (ns[1] - '0');
                            t++;
                            break;
                        }
                    }
                    a.Kind = AtomKind.Boundary;
                    break;
                default:
                    a.Kind = AtomKind.Boundary;
                    break;
            }
            n++;
        }
        return n;
    }

    /// <summary>Looks up a word left unclassified by <see cref="BuildAtoms"/>; Other when it is no time, function or tense word.</summary>
    internal static void Classify(string text, ref Atom a)
    {
        a.Kind = AtomKind.Other;
        ClassifyWord(text.AsSpan(a.Start, a.End - a.Start), ref a);
    }

    private static bool ClassifyWord(ReadOnlySpan<char> w, ref Atom a)
    {
        if (TimeLexicon.TryGet(w, out var e)) { a.Kind = e.Kind; a.Value = e.Value; return true; }
        a.Kind = AtomKind.Other;
        // Possessive: Friday's, year's, today's.
        if (w.Length > 3 && (w[^1] is 's' or 'S') && w[^2] is '\'' or '\u2019' && TimeLexicon.TryGet(w[..^2], out e))
        {
            a.Kind = e.Kind; a.Value = e.Value; a.Possessive = true;
            return true;
        }
        // "'ll" contracted future: he'll, we'll.
        if (w.Length > 3 && w[^1] is 'l' && w[^2] is 'l' && w[^3] is '\'' or '\u2019') { a.Kind = AtomKind.Tense; a.Value = (int)TenseMark.Future; return true; }
        return false;
    }

    private static bool SplitHyphenated(string text, Token tok, int t, Atom[] atoms, int n, out int added)
    {
        added = 0;
        var span = text.AsSpan(tok.Start, tok.End - tok.Start);
        int known = 0, parts = 0;
        int at = 0;
        while (at <= span.Length)
        {
            int dash = span[at..].IndexOf('-');
            int end = dash < 0 ? span.Length : at + dash;
            var part = span[at..end];
            var probe = new Atom { Kind = AtomKind.Other };
            if (part.Length > 0 && char.IsAsciiDigit(part[0])) ClassifyNumber(part, ref probe);
            else ClassifyWord(part, ref probe);
            if (probe.Kind != AtomKind.Other) known++;
            parts++;
            if (dash < 0) break;
            at = end + 1;
        }
        if (known == 0 || parts > 4 || n + parts >= atoms.Length) return false;
        at = 0;
        bool first = true;
        while (at <= span.Length)
        {
            int dash = span[at..].IndexOf('-');
            int end = dash < 0 ? span.Length : at + dash;
            var part = span[at..end];
            ref var a = ref atoms[n + added];
            a = new Atom { Start = tok.Start + at, End = tok.Start + end, Token = t, Kind = AtomKind.Other, Joined = !first, Cap = part.Length > 0 && char.IsUpper(part[0]) };
            if (part.Length > 0 && char.IsAsciiDigit(part[0])) ClassifyNumber(part, ref a);
            else ClassifyWord(part, ref a);
            added++;
            first = false;
            if (dash < 0) break;
            at = end + 1;
        }
        return true;
    }

    /// <summary>d-d or dd-dd (days), dddd-dd or dddd-dddd (years).</summary>
    private static bool NumberRange(ReadOnlySpan<char> s)
    {
        int dash = s.IndexOf('-');
        if (dash < 1 || dash == s.Length - 1) return false;
        var left = s[..dash];
        var right = s[(dash + 1)..];
        foreach (char ch in left) if (!char.IsAsciiDigit(ch)) return false;
        foreach (char ch in right) if (!char.IsAsciiDigit(ch)) return false;
        return left.Length <= 2 && right.Length <= 2 || left.Length == 4 && right.Length is 2 or 4;
    }

    private static void ClassifyNumber(ReadOnlySpan<char> s, ref Atom a)
    {
        int i = 0, v = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i < 9) { v = v * 10 + (s[i] - '0'); i++; }
        if (i == s.Length) { a.Kind = AtomKind.Num; a.Value = v; a.Digits = (byte)i; return; }
        var rest = s[i..];
        if (i == 4 && rest is "s") { a.Kind = AtomKind.Decade; a.Value = v / 10; a.Digits = 4; return; }
        if (i is 1 or 2 && (rest.Equals("st", StringComparison.OrdinalIgnoreCase) || rest.Equals("nd", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("rd", StringComparison.OrdinalIgnoreCase) || rest.Equals("th", StringComparison.OrdinalIgnoreCase)))
        {
            a.Kind = AtomKind.DayOrdinal; a.Value = v; return;
        }
        if (i is 1 or 2 && rest.Length == 3 && rest[0] == ':' && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2]))
        {
            a.Kind = AtomKind.Clock; a.Value = v * 100 + (rest[1] - '0') * 10 + (rest[2] - '0'); return;
        }
        // 2022-07-08
        if (i == 4 && s.Length == 10 && s[4] == '-' && s[7] == '-' && char.IsAsciiDigit(s[5]) && char.IsAsciiDigit(s[6])
            && char.IsAsciiDigit(s[8]) && char.IsAsciiDigit(s[9]))
        {
            int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
            if (m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(v, m)) { a.Kind = AtomKind.IsoDate; a.Value = v * 10000 + m * 100 + d; }
        }
    }
}
