using System.Globalization;

namespace Verbatim.Text;

/// <summary>
/// Splits news text into tokens without copying it: words (with inner apostrophes and hyphens),
/// numbers, dotted abbreviations, quotation marks and punctuation. Paragraphs are separated by a blank line
/// or, for text without blank lines, a line break.
/// </summary>
public static class Tokenizer
{
    /// <summary>Tokenizes <paramref name="text"/> from <paramref name="start"/> into <paramref name="tokens"/> (cleared first).</summary>
    public static void Tokenize(ReadOnlySpan<char> text, int start, List<Token> tokens)
    {
        tokens.Clear();
        // Text that never leaves a blank line uses single line breaks between paragraphs.
        int paragraphBreak = HasBlankLine(text[start..]) ? 2 : 1;
        int i = start;
        int newlines = 0;
        bool anyToken = false;
        bool spaceBefore = true;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n') newlines++;
                spaceBefore = true;
                i++;
                continue;
            }
            // Invisible format characters (a bidi embedding before a quotation mark, a zero-width space, a byte-order
            // mark) are no token and do not join their neighbours: "\u202A”Sorry" opens a quotation as "”Sorry" would.
            if (IsInvisible(c))
            {
                i++;
                continue;
            }

            var flags = TokenFlags.None;
            if (spaceBefore) flags |= TokenFlags.SpaceBefore;
            if (!anyToken || newlines >= paragraphBreak) flags |= TokenFlags.ParagraphStart | TokenFlags.LineStart;
            else if (newlines == 1) flags |= TokenFlags.LineStart;
            newlines = 0;
            spaceBefore = false;

            int end;
            TokenKind kind;
            if (char.IsLetter(c))
            {
                end = ScanWord(text, i, out bool dotted, out bool hyphenated);
                kind = TokenKind.Word;
                if (dotted) flags |= TokenFlags.DottedAbbreviation;
                if (hyphenated) flags |= TokenFlags.Hyphenated;
                if (char.IsUpper(c)) flags |= TokenFlags.Capitalized;
                if (IsAllCaps(text[i..end])) flags |= TokenFlags.AllCaps;
            }
            else if (char.IsDigit(c))
            {
                end = ScanNumber(text, i);
                kind = TokenKind.Number;
            }
            else if (IsQuoteChar(c))
            {
                end = i + 1;
                // '' and `` stand for a double quotation mark in some wire text (NYT's ''...'').
                // Three in a row close a single-quoted quotation inside a double one (",'''" is ' + ''), or
                // open one ("'''Hey" is '' + '): the pair goes on the outer side.
                bool closingRun = end + 1 < text.Length && text[end] == c && text[end + 1] == c && i > 0 && !char.IsWhiteSpace(text[i - 1]);
                if (!closingRun && (c is '\'' or '`' or '\u2019' or '\u2018') && end < text.Length && text[end] == c) end++;
                kind = TokenKind.QuoteMark;
            }
            else if (c == '.' && i + 2 < text.Length && text[i + 1] == '.' && text[i + 2] == '.')
            {
                end = i + 3; // an ellipsis written as three dots is one token
                kind = TokenKind.Punctuation;
            }
            else if (char.IsPunctuation(c))
            {
                end = i + 1;
                kind = TokenKind.Punctuation;
            }
            else
            {
                end = i + 1;
                if (char.IsHighSurrogate(c) && end < text.Length && char.IsLowSurrogate(text[end])) end++;
                kind = TokenKind.Symbol;
            }

            int next = end;
            while (next < text.Length && IsInvisible(text[next])) next++;
            if (next >= text.Length || char.IsWhiteSpace(text[next])) flags |= TokenFlags.SpaceAfter;
            tokens.Add(new Token(i, end, kind, flags));
            anyToken = true;
            i = end;
        }
    }

    private static bool HasBlankLine(ReadOnlySpan<char> text)
    {
        int at = 0;
        while (true)
        {
            int nl = text[at..].IndexOf('\n');
            if (nl < 0) return false;
            int k = at + nl + 1;
            while (k < text.Length && text[k] is ' ' or '\t' or '\r') k++;
            if (k < text.Length && text[k] == '\n') return true;
            at = k;
            if (at >= text.Length) return false;
        }
    }

    /// <summary>A format character (Unicode Cf: bidi controls, zero-width space and joiners, the byte-order mark) other
    /// than the soft hyphen, which stays inside its word.</summary>
    private static bool IsInvisible(char c) =>
        c > '\u00AD' && char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    public static bool IsQuoteChar(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB'
        or '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2039' or '\u203A' or '`';

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static int ScanWord(ReadOnlySpan<char> text, int i, out bool dotted, out bool hyphenated)
    {
        dotted = false;
        hyphenated = false;
        int start = i;
        // Dotted abbreviations: U.S., D.C., a.m., U.K. (single letters each followed by a period).
        int j = i, letters = 0;
        while (j + 1 < text.Length && char.IsLetter(text[j]) && text[j + 1] == '.')
        {
            letters++;
            j += 2;
            if (j >= text.Length || !char.IsLetter(text[j])) break;
            if (j + 1 >= text.Length || text[j + 1] != '.') { letters = 0; break; }
        }
        if (letters >= 2)
        {
            dotted = true;
            return j;
        }

        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c) || c == '\u00AD' || IsCombining(c))
            {
                i++;
                continue;
            }
            // Inner apostrophe (don't, Russia's, O'Brien) or hyphen (on-time, G-d, R-Tenn).
            if ((IsApostrophe(c) || c == '-' || c == '\u2010' || c == '\u2011') && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && i > start)
            {
                if (c == '-') hyphenated = true;
                i += 2;
                continue;
            }
            break;
        }
        return i;
    }

    private static bool IsCombining(char c)
    {
        var cat = char.GetUnicodeCategory(c);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static int ScanNumber(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c)) { i++; continue; }
            // 3.5, 1,000, 9/11, 2022-07-08
            if ((c is '.' or ',' or '/' or ':' or '-') && i + 1 < text.Length && char.IsDigit(text[i + 1])) { i += 2; continue; }
            break;
        }
        return i;
    }

    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        int letters = 0;
        foreach (var ch in word)
        {
            if (char.IsLower(ch)) return false;
            if (char.IsLetter(ch)) letters++;
        }
        return letters >= 2;
    }
}
