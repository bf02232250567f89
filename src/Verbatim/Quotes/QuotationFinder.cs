using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Quotes;

/// <summary>
/// Pairs quotation marks into quotations: straight and curly double quotes, guillemets, single-quote
/// quotations outside double ones; mismatched pairs ("...”), a stray opening mark (He “added: “I'm ...),
/// quotations over several paragraphs (each paragraph opens one, only the last closes it) and unclosed ones.
/// </summary>
public sealed class QuotationFinder : IStage
{
    public string Name => "quotation-marks";

    private enum Role { Open, Close, Either }

    public void Run(Document doc)
    {
        var tokens = doc.Tokens;
        var text = doc.Text;
        var owner = new int[tokens.Count];
        Array.Fill(owner, -1);
        doc.QuotationOfToken = owner;

        var found = new List<Quotation>();
        FindDouble(doc, found);
        // Single-quote quotations only where no double quotation is (inside one they are nested quotes).
        FindSingle(doc, found);
        found.Sort((a, b) => a.FirstMarkOrToken.CompareTo(b.FirstMarkOrToken));
        var marks = new int[tokens.Count];
        Array.Fill(marks, -1);
        foreach (var q in found)
        {
            int index = doc.Quotations.Count;
            doc.Quotations.Add(q);
            foreach (var part in q.Parts)
            {
                for (int k = part.FirstToken; k < part.EndToken; k++) owner[k] = index;
                if (part.OpenMark >= 0) marks[part.OpenMark] = index;
                if (part.CloseMark >= 0) marks[part.CloseMark] = index;
            }
        }
        doc.QuotationOfMark = marks;
    }

    private static bool IsDoubleMark(Document doc, int k) => doc.Tokens[k].Length == 2 || IsDouble(doc.Text[doc.Tokens[k].Start]);

    // '' and `` are straight double marks; ‘‘ and ’’ are curly ones.
    private static int MarkStyle(Document doc, int k) =>
        doc.Tokens[k].Length == 2 ? (doc.Text[doc.Tokens[k].Start] is '\u2018' or '\u2019' ? 1 : 0) : Style(doc.Text[doc.Tokens[k].Start]);

    private static bool IsDouble(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB';
    private static bool IsSingle(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2039' or '\u203A' or '`';

    private static Role Classify(Document doc, int k)
    {
        var t = doc.Tokens[k];
        char c = doc.Text[t.Start];
        bool before = t.Is(TokenFlags.SpaceBefore) || t.Is(TokenFlags.LineStart) || (k > 0 && IsOpeningBracketOrDash(doc.Text[doc.Tokens[k - 1].Start]) && doc.Tokens[k - 1].End == t.Start);
        bool after = t.Is(TokenFlags.SpaceAfter) || (k + 1 < doc.Tokens.Count && doc.Tokens[k + 1].Kind == TokenKind.Punctuation
            && doc.Tokens[k + 1].Start == t.End && doc.Text[doc.Tokens[k + 1].Start] is not ('(' or '[' or '-' or '\u2014' or '\u2013'));
        bool leftFlanking = before && !after;
        bool rightFlanking = after && !before;
        switch (c)
        {
            case '\u201C' or '\u201E' or '\u201F' or '\u00AB' or '\u2018' or '\u201A' or '\u201B' or '\u2039':
                return rightFlanking ? Role.Close : Role.Open;
            case '\u201D' or '\u00BB' or '\u2019' or '\u203A':
                return leftFlanking ? Role.Open : Role.Close;
            default:
                return leftFlanking ? Role.Open : rightFlanking ? Role.Close : Role.Either;
        }
    }

    private static bool IsOpeningBracketOrDash(char c) => c is '(' or '[' or '-' or '\u2014' or '\u2013' or '/';

    private static void FindDouble(Document doc, List<Quotation> found)
    {
        var tokens = doc.Tokens;
        var para = doc.ParagraphOfToken;
        var parts = new List<QuotationPart>();
        int open = -1; // the open mark of the current part, -1 when no quotation is open
        int nested = -1; // the style of a quotation nested inside the open one, -1 when none
        for (int k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Kind != TokenKind.QuoteMark || !IsDoubleMark(doc, k)) continue;
            var role = Classify(doc, k);
            int style = MarkStyle(doc, k);
            if (open < 0)
            {
                if (role != Role.Close) open = k;
                nested = -1;
                continue;
            }
            if (para[k] == para[open])
            {
                // "... question: “As you know ...?” Forty-three ..." — a quotation of another style inside the open one.
                if (nested >= 0)
                {
                    if (style == nested && role != Role.Open) { nested = -1; continue; }
                    if (style != nested && role != Role.Open) nested = -1; // unbalanced inner quotation: the outer closes here
                    else continue;
                }
                else if (role == Role.Open && style != MarkStyle(doc, open) && !IsStrayOpener(doc, open, k))
                {
                    nested = style;
                    continue;
                }
            }
            else nested = -1;

            if (para[k] != para[open])
            {
                // The open part ran to the end of its paragraph. A paragraph that opens with a mark continues it.
                int nextPara = para[open] + 1;
                // Continuation paragraphs repeat the opening mark's style; one that opens with another style
                // ("excerpt ... ¶ “Inner quote,” she said.) starts a quotation of its own.
                bool continues = para[k] == nextPara && tokens[k].Is(TokenFlags.ParagraphStart) && role != Role.Close
                    && style == MarkStyle(doc, open);
                parts.Add(MakePart(doc, open, -1, ParagraphEnd(doc, open)));
                if (continues)
                {
                    open = k;
                    continue;
                }
                found.Add(Finish(doc, parts, closed: false));
                open = role != Role.Close ? k : -1;
                continue;
            }

            if (role == Role.Open)
            {
                if (IsStrayOpener(doc, open, k))
                {
                    open = k; // He “added: “I'm sure ... — the first mark is stray
                    continue;
                }
                // Two openers with speech between: the first quotation was never closed.
                parts.Add(MakePart(doc, open, -1, k));
                found.Add(Finish(doc, parts, closed: false));
                open = k;
                continue;
            }

            parts.Add(MakePart(doc, open, k, k));
            found.Add(Finish(doc, parts, closed: true));
            open = -1;
        }
        if (open >= 0)
        {
            parts.Add(MakePart(doc, open, -1, ParagraphEnd(doc, open)));
            found.Add(Finish(doc, parts, closed: false));
        }
    }

    /// <summary>Straight, curly, and angle quotation marks are three styles that nest inside each other.</summary>
    private static int Style(char c) => c switch
    {
        '"' => 0,
        '\u00AB' or '\u00BB' => 2,
        _ => 1,
    };

    /// <summary>An opener followed, within its sentence, by at most three words and another opener.</summary>
    private static bool IsStrayOpener(Document doc, int first, int second)
    {
        int words = 0;
        for (int k = first + 1; k < second; k++)
        {
            var t = doc.Tokens[k];
            if (t.Kind is TokenKind.Word or TokenKind.Number) words++;
            else if (t.Kind == TokenKind.Punctuation && doc.Text[t.Start] is '.' or '!' or '?') return false;
        }
        return words <= 3;
    }

    private static void FindSingle(Document doc, List<Quotation> found)
    {
        var tokens = doc.Tokens;
        var para = doc.ParagraphOfToken;
        var inDouble = new bool[tokens.Count];
        foreach (var q in found)
            foreach (var p in q.Parts)
            {
                int from = p.OpenMark >= 0 ? p.OpenMark : p.FirstToken;
                int to = p.CloseMark >= 0 ? p.CloseMark : p.EndToken - 1;
                for (int k = from; k <= to && k < tokens.Count; k++) inDouble[k] = true;
            }

        var parts = new List<QuotationPart>();
        int open = -1;
        for (int k = 0; k < tokens.Count; k++)
        {
            if (inDouble[k])
            {
                open = -1;
                continue;
            }
            if (tokens[k].Kind != TokenKind.QuoteMark || IsDoubleMark(doc, k) || !IsSingle(doc.Text[tokens[k].Start])) continue;
            var role = Classify(doc, k);
            if (open >= 0 && para[k] != para[open]) open = -1; // single quotes never run over a paragraph
            if (open < 0)
            {
                // A right single quote is an apostrophe unless it clearly opens (rare); require a real opener.
                if (role == Role.Open && doc.Text[tokens[k].Start] != '\u2019') open = k;
                continue;
            }
            if (role == Role.Open) { open = k; continue; }
            if (k - open < 2) { open = -1; continue; }
            parts.Add(MakePart(doc, open, k, k));
            found.Add(Finish(doc, parts, closed: true, single: true));
            open = -1;
        }
    }

    private static int ParagraphEnd(Document doc, int k)
    {
        var para = doc.ParagraphOfToken;
        int end = k + 1;
        while (end < doc.Tokens.Count && para[end] == para[k]) end++;
        return end;
    }

    /// <summary>A part from just after <paramref name="open"/> to just before <paramref name="endToken"/>.</summary>
    private static QuotationPart MakePart(Document doc, int open, int close, int endToken)
    {
        int first = open + 1;
        int start = first < endToken ? doc.Tokens[first].Start : doc.Tokens[open].End;
        int end = endToken > first ? doc.Tokens[endToken - 1].End : start;
        return new QuotationPart(open, close, first, Math.Max(first, endToken), new TextSpan(start, end));
    }

    private static Quotation Finish(Document doc, List<QuotationPart> parts, bool closed, bool single = false)
    {
        int words = 0;
        foreach (var p in parts)
            for (int k = p.FirstToken; k < p.EndToken; k++)
                if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) words++;
        var q = new Quotation { Parts = [.. parts], Closed = closed, Single = single, WordCount = words };
        parts.Clear();
        return q;
    }
}
