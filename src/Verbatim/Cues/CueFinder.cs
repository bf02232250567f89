using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Cues;

/// <summary>A cue found in the text: tokens [FirstToken, EndToken) and the phrase's flags.</summary>
public readonly record struct CueMatch(int FirstToken, int EndToken, CueFlags Flags)
{
    public bool Has(CueFlags flag) => (Flags & flag) != 0;
}

/// <summary>Finds reporting cues outside quotations: longest phrase first, filtered by the words around it.</summary>
public sealed class CueFinder(CueLexicon lexicon) : IStage
{
    public string Name => "cues";

    public void Run(Document doc)
    {
        var tokens = doc.Tokens;
        int n = tokens.Count;
        var starting = new int[n];
        Array.Fill(starting, -1);
        doc.CueStartingAt = starting;
        for (int i = 0; i < n; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || doc.QuotationOfToken[i] >= 0) continue;
            bool found = false;
            foreach (var phrase in lexicon.Starting(doc.TokenText(i)))
            {
                if (!Matches(doc, i, phrase)) continue;
                int end = i + phrase.Words.Length;
                if (!Plausible(doc, i, phrase.Flags)) break;
                starting[i] = doc.Cues.Count;
                doc.Cues.Add(new CueMatch(i, end, phrase.Flags));
                i = end - 1;
                found = true;
                break;
            }
            if (!found && IsVerbBeforeThatClause(doc, i))
            {
                // A verb the lexicon lacks, with a that-clause after it ("also found that", "now recognize that"): a
                // belief-like cue, taken only with that clause.
                starting[i] = doc.Cues.Count;
                doc.Cues.Add(new CueMatch(i, i + 1, CueFlags.Belief | CueFlags.Learned));
            }
        }
    }

    /// <summary>A verb (by the tagger) followed by a complementizer "that" and a clause, in the same sentence.</summary>
    private static bool IsVerbBeforeThatClause(Document doc, int i)
    {
        var pos = doc.PosTags;
        if (pos.Length != doc.Tokens.Count || pos[i] != Learning.PosTagger.Verb) return false;
        int t = i + 1;
        if (t + 2 >= doc.Tokens.Count || !doc.TokenIs(t, "that") || doc.SentenceOfToken[t + 2] != doc.SentenceOfToken[i]) return false;
        if (pos[t] != Learning.PosTagger.Sconj) return false;
        // a capitalised "verb" inside a sentence is a name the tagger misread
        return !doc.Tokens[i].IsCapitalized || doc.Sentences[doc.SentenceOfToken[i]].FirstToken == i;
    }

    private static bool Matches(Document doc, int first, CuePhrase phrase)
    {
        var words = phrase.Words;
        if (first + words.Length > doc.Tokens.Count) return false;
        for (int k = 1; k < words.Length; k++)
        {
            int t = first + k;
            if (doc.Tokens[t].Kind != TokenKind.Word || doc.QuotationOfToken[t] >= 0) return false;
            if (!doc.TokenText(t).Equals(words[k], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    /// <summary>Rejects noun uses (his claims, the report) and bare base forms that are not verbs here.</summary>
    private static bool Plausible(Document doc, int first, CueFlags flags)
    {
        int prev = first - 1;
        // A word capitalised mid-sentence is a name or a title (Said Pasha, the Tell Report), not a cue.
        // Except in a headline written in title case ("Trump Says He Never Pledged ..."), where every word is.
        if (doc.Tokens[first].IsCapitalized && prev >= 0 && doc.SentenceOfToken[prev] == doc.SentenceOfToken[first]
            && doc.Tokens[prev].Kind == TokenKind.Word && !IsTitleCaseHeadline(doc, first))
            return false;
        if (prev < 0) return (flags & (CueFlags.AccordingTo | CueFlags.BaseForm | CueFlags.AlsoNoun)) == CueFlags.AccordingTo;
        var p = doc.TokenText(prev);
        if ((flags & CueFlags.AlsoNoun) != 0 || (flags & CueFlags.BaseForm) != 0)
        {
            if (Lexicon.Determiners.Contains(p) || p.Equals("of", StringComparison.OrdinalIgnoreCase)
                || p.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || p.EndsWith("’s", StringComparison.OrdinalIgnoreCase))
                return false;
        }
        if ((flags & CueFlags.BaseForm) != 0)
        {
            int q = prev;
            while (q >= 0 && (Lexicon.CueAdverbs.Contains(doc.TokenText(q)) || doc.TokenIs(q, "not") || doc.TokenIs(q, "n't"))) q--;
            if (q < 0) return false;
            var w = doc.TokenText(q);
            bool ok = Lexicon.Auxiliaries.Contains(w) || w.Equals("to", StringComparison.OrdinalIgnoreCase)
                || IsModal(w) || w.Equals("i", StringComparison.OrdinalIgnoreCase) || w.Equals("we", StringComparison.OrdinalIgnoreCase)
                || w.Equals("they", StringComparison.OrdinalIgnoreCase) || w.Equals("you", StringComparison.OrdinalIgnoreCase)
                || Lexicon.GroupHeads.Contains(w) || (doc.Tokens[q].IsCapitalized && w.Length > 3 && w[^1] == 's');
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>The token's sentence is the article's first paragraph and most of its longer words are capitalised.</summary>
    private static bool IsTitleCaseHeadline(Document doc, int token)
    {
        if (doc.ParagraphOfToken[token] != 0) return false;
        var s = doc.Sentences[doc.SentenceOfToken[token]];
        int words = 0, capitalized = 0;
        for (int k = s.FirstToken; k < s.EndToken; k++)
        {
            var t = doc.Tokens[k];
            if (t.Kind != TokenKind.Word || t.Length < 4) continue;
            words++;
            if (t.IsCapitalized) capitalized++;
        }
        return words >= 3 && capitalized * 5 >= words * 4;
    }

    private static bool IsModal(ReadOnlySpan<char> w) =>
        w.Equals("will", StringComparison.OrdinalIgnoreCase) || w.Equals("would", StringComparison.OrdinalIgnoreCase)
        || w.Equals("could", StringComparison.OrdinalIgnoreCase) || w.Equals("should", StringComparison.OrdinalIgnoreCase)
        || w.Equals("might", StringComparison.OrdinalIgnoreCase) || w.Equals("may", StringComparison.OrdinalIgnoreCase)
        || w.Equals("can", StringComparison.OrdinalIgnoreCase) || w.Equals("must", StringComparison.OrdinalIgnoreCase)
        || w.Equals("did", StringComparison.OrdinalIgnoreCase) || w.Equals("does", StringComparison.OrdinalIgnoreCase)
        || w.Equals("do", StringComparison.OrdinalIgnoreCase);
}
