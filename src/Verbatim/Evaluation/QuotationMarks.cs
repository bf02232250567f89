namespace Verbatim.Evaluation;

/// <summary>
/// Decides whether a content "holds a quotation mark" (figure 3 of ../shared/EVALUATION.md).
/// <list type="bullet">
/// <item>Always: <c>" “ ” „ « »</c> and the opening single quote <c>‘</c> (never an apostrophe in news text).</item>
/// <item>A straight <c>'</c> or a closing single <c>’</c> counts only where it is used as a quotation mark:
/// it opens a quotation (at the start of the content or after white space or an opening bracket, and followed
/// by a letter: <c>'Personal Insult'</c>), or it closes one right after sentence punctuation (<c>.’ ,’ !’ ?’</c>).
/// Apostrophes (<c>don’t</c>, <c>voters’</c>, <c>the States' role</c>) and elisions before digits (<c>’90s</c>) do not count.</item>
/// </list>
/// </summary>
public static class QuotationMarks
{
    public static bool IsDoubleOrOpeningMark(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' or '\u2018';

    public static bool HoldsQuotationMark(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (IsDoubleOrOpeningMark(c)) return true;
            if (c is not ('\'' or '\u2019')) continue;
            char before = i > 0 ? text[i - 1] : ' ';
            char after = i + 1 < text.Length ? text[i + 1] : ' ';
            bool opens = (char.IsWhiteSpace(before) || before is '(' or '[' or '\u2014' or '\u2013') && char.IsLetter(after);
            bool closes = before is '.' or ',' or '!' or '?';
            if (opens || closes) return true;
        }
        return false;
    }
}
