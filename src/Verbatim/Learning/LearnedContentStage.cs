using Verbatim.Cues;
using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Adds the reported contents that the content tagger finds and the rules missed, each tied to the nearest
/// cue of its sentence (before it, else after it) and that cue's source. Runs after the rules' attribution stage.
/// </summary>
public sealed class LearnedContentStage(ContentTagger tagger) : IStage
{
    public string Name => "learned-content";

    public void Run(Document doc)
    {
        if (doc.Tokens.Count == 0) return;
        var tags = tagger.Tag(doc);
        // Reported speech the rules found but the tagger does not see as content at all is dropped
        // (quotations keep their own evidence and stay).
        doc.Attributions.RemoveAll(d => d.Kind == QuoteKind.Indirect && TaggedShare(doc, d, tags) < MinTaggedShare);
        var covered = new bool[doc.Tokens.Count];
        foreach (var d in doc.Attributions)
            foreach (var part in d.Content)
                for (int k = doc.TokenAtOrAfter(part.Start); k < doc.Tokens.Count && doc.Tokens[k].Start < part.End; k++)
                    if (doc.Tokens[k].End <= part.End) covered[k] = true;

        int i = 0;
        while (i < tags.Length)
        {
            if (tags[i] != ContentTagger.B) { i++; continue; }
            int end = i + 1;
            while (end < tags.Length && tags[end] == ContentTagger.I) end++;
            TryAdd(doc, i, end, covered);
            i = end;
        }
    }

    /// <summary>Below this share of its words tagged as content, a rule's reported speech is dropped.</summary>
    private const double MinTaggedShare = 0.2;

    private static double TaggedShare(Document doc, AttributionDraft d, byte[] tags)
    {
        int words = 0, tagged = 0;
        foreach (var part in d.Content)
            for (int k = doc.TokenAtOrAfter(part.Start); k < doc.Tokens.Count && doc.Tokens[k].Start < part.End; k++)
            {
                var t = doc.Tokens[k];
                if (t.End > part.End || t.Kind is not (TokenKind.Word or TokenKind.Number)) continue;
                words++;
                if (tags[k] != ContentTagger.O) tagged++;
            }
        return words == 0 ? 1 : (double)tagged / words;
    }

    private static void TryAdd(Document doc, int first, int end, bool[] covered)
    {
        int words = 0, already = 0;
        for (int k = first; k < end; k++)
        {
            if (doc.Tokens[k].Kind is not (TokenKind.Word or TokenKind.Number)) continue;
            words++;
            if (covered[k]) already++;
        }
        if (words < 3 || already * 2 >= words) return;
        // The cue: the nearest before the content in its first sentence, else the nearest after it in its last.
        int sFirst = doc.Sentences[doc.SentenceOfToken[first]].FirstToken;
        int sEnd = doc.Sentences[doc.SentenceOfToken[end - 1]].EndToken;
        CueMatch? cue = null;
        int at = FirstCueAtOrAfter(doc, first);
        for (int ci = at - 1; ci >= 0 && doc.Cues[ci].FirstToken >= sFirst; ci--)
            if (doc.Cues[ci].EndToken <= first) { cue = doc.Cues[ci]; break; }
        if (cue is null)
        {
            int after = FirstCueAtOrAfter(doc, end);
            if (after < doc.Cues.Count && doc.Cues[after].FirstToken < sEnd) cue = doc.Cues[after];
        }
        if (cue is not { } found) return;
        var (sourceFirst, sourceEnd) = AttributionFinder.SourceLeft(doc, found.FirstToken, doc.Sentences[doc.SentenceOfToken[found.FirstToken]].FirstToken);
        if (sourceFirst >= 0 && sourceEnd > first && sourceFirst < end) return; // the source cannot sit inside the content
        var span = Trim(doc, first, end);
        if (span.IsEmpty) return;
        var draft = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned };
        draft.Content.Add(span);
        draft.CueFirst = found.FirstToken;
        draft.CueEnd = found.EndToken;
        draft.SourceFirst = sourceFirst;
        draft.SourceEnd = sourceEnd;
        draft.PresentCue = found.Has(CueFlags.Present);
        doc.Attributions.Add(draft);
        for (int k = first; k < end; k++) covered[k] = true;
    }

    private static int FirstCueAtOrAfter(Document doc, int token)
    {
        int lo = 0, hi = doc.Cues.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (doc.Cues[mid].FirstToken < token) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static TextSpan Trim(Document doc, int first, int end)
    {
        while (first < end && doc.Tokens[first].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) first++;
        while (end > first && doc.Tokens[end - 1].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) end--;
        return first < end ? new TextSpan(doc.Tokens[first].Start, doc.Tokens[end - 1].End) : default;
    }
}
