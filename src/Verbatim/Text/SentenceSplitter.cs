using Verbatim.Pipeline;

namespace Verbatim.Text;

/// <summary>
/// Splits tokens into sentences and paragraphs for news: abbreviations (U.S., Gen., Sen., Jan.), initials,
/// numbers, and sentences that end inside a quotation (the closing mark belongs to the sentence).
/// </summary>
public static class SentenceSplitter
{
    /// <summary>A sentence longer than this many tokens is cut: no news sentence comes near it.</summary>
    public const int MaxSentenceTokens = 300;

    public static void Split(Document doc)
    {
        var tokens = doc.Tokens;
        var text = doc.Text;
        int n = tokens.Count;
        var sentenceOf = new int[n];
        var paragraphOf = new int[n];
        doc.Sentences.Clear();
        int paragraph = -1;
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            if (tokens[i].Is(TokenFlags.ParagraphStart))
            {
                if (i > start) Close(doc, start, i, paragraph, sentenceOf);
                start = i;
                paragraph++;
            }
            paragraphOf[i] = paragraph;
            // Hostile or broken text (a 10 MB line with no full stop) still gets sentences of bounded length,
            // so that no later stage does more than linear work.
            if (i - start + 1 >= MaxSentenceTokens)
            {
                Close(doc, start, i + 1, paragraph, sentenceOf);
                start = i + 1;
                continue;
            }
            if (!EndsSentence(text, tokens, i, out int last)) continue;
            for (int k = i + 1; k <= last; k++) paragraphOf[k] = paragraph;
            Close(doc, start, last + 1, paragraph, sentenceOf);
            i = last;
            start = last + 1;
        }
        if (start < n) Close(doc, start, n, paragraph, sentenceOf);
        doc.SentenceOfToken = sentenceOf;
        doc.ParagraphOfToken = paragraphOf;
    }

    private static void Close(Document doc, int first, int end, int paragraph, int[] sentenceOf)
    {
        int index = doc.Sentences.Count;
        doc.Sentences.Add(new Sentence(first, end, Math.Max(paragraph, 0)));
        for (int k = first; k < end; k++) sentenceOf[k] = index;
    }

    /// <summary>Whether token <paramref name="i"/> ends a sentence; <paramref name="last"/> is the sentence's last token
    /// (past closing quotation marks and brackets that follow the final punctuation).</summary>
    private static bool EndsSentence(string text, List<Token> tokens, int i, out int last)
    {
        last = i;
        var t = tokens[i];
        if (t.Kind != TokenKind.Punctuation) return false;
        char c = text[t.Start];
        bool ellipsis = t.Length == 3 || c == '\u2026';
        if (c is not ('.' or '!' or '?') && !ellipsis) return false;

        // Closing quotation marks and brackets glued to the final punctuation belong to this sentence.
        int j = i + 1;
        while (j < tokens.Count && !tokens[j].Is(TokenFlags.SpaceBefore) && !tokens[j].Is(TokenFlags.ParagraphStart)
               && (tokens[j].Kind == TokenKind.QuoteMark || text[tokens[j].Start] == ')'))
            j++;
        last = j - 1;
        if (j >= tokens.Count) return true;
        var next = tokens[j];
        if (next.Is(TokenFlags.ParagraphStart)) return true;
        if (!next.Is(TokenFlags.SpaceBefore)) return false;

        if (c == '.' && !ellipsis && i > 0)
        {
            var prev = tokens[i - 1];
            if (prev.End == t.Start && prev.Kind == TokenKind.Word)
            {
                var w = text.AsSpan(prev.Start, prev.Length);
                if (Lexicon.Abbreviations.Contains(w)) return false;
                // An initial (John F. Kennedy), except the pronoun I.
                if (w.Length == 1 && char.IsUpper(w[0]) && w[0] != 'I') return false;
            }
        }

        // A new sentence starts with a capital, a digit, or an opening quotation mark.
        char f = text[next.Start];
        if (next.Kind == TokenKind.QuoteMark) return true;
        if (char.IsUpper(f) || char.IsDigit(f)) return true;
        return false;
    }
}
