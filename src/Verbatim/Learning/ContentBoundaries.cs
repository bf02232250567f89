using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Re-draws where each reported content starts and ends. The rules find reported speech by its cue and the content
/// tagger marks runs of reported words, but both misplace the edges annotators draw ("..., even as he ...",
/// "calling X "rapists" and criminals and threatening ..."). For every reported (non-direct, one-part) content, a
/// linear ranker scores each word of a window around its start as the first word, then each word around its end as
/// the last one, from the words, parts of speech and tagger tags at the edge, the punctuation there, how far it moves
/// and over what, and the rule that found it; the best pair replaces the content. Never across the draft's own cue or
/// source, never out of its sentences, never through a quotation. Weights are part of the content-tagger model file,
/// trained by <see cref="ContentBoundariesTrainer"/> on PolNeAR train with tags from taggers that did not see the article.
/// </summary>
public sealed class ContentBoundaries
{
    internal const int Bits = 19;
    internal const int Size = 1 << Bits;
    internal const int MaxFeatures = 24; // at most 21 are used
    /// <summary>How far (in tokens) an edge may move from where the rules and the tagger put it.</summary>
    internal const int Reach = 20;

    internal readonly float[] Weights;

    internal ContentBoundaries(float[] weights)
    {
        if (weights.Length != Size) throw new ArgumentException("wrong weight table size", nameof(weights));
        Weights = weights;
    }

    /// <summary>Moves the edges of every reported one-part content of <paramref name="doc"/>.</summary>
    public void Apply(Document doc, byte[] tags)
    {
        Span<int> buffer = stackalloc int[MaxFeatures];
        foreach (var d in doc.Attributions)
        {
            if (!Window.TryCreate(doc, d, out var w)) continue;
            int start = Best(Weights, doc, tags, d, w, start: true, -1, buffer);
            if (start < 0) continue;
            int end = Best(Weights, doc, tags, d, w, start: false, start, buffer);
            if (end <= start) continue;
            // PolNeAR's contents open with "that"; the project's convention (its fixture, SCHEMA.md) leaves it out.
            if (end - start > 2 && doc.TokenIs(start, "that") && LearnedContentStage.IsComplementizer(doc, start)) start++;
            d.Content[0] = new TextSpan(doc.Tokens[start].Start, doc.Tokens[end - 1].End);
        }
    }

    /// <summary>The best candidate first word (<paramref name="start"/>) or end after <paramref name="chosenStart"/>
    /// under <paramref name="weights"/>; -1 when there is none. The trainer ranks with the same search.</summary>
    internal static int Best(float[] weights, Document doc, byte[] tags, AttributionDraft d, in Window w, bool start, int chosenStart, Span<int> buffer)
    {
        int best = -1;
        float top = float.NegativeInfinity;
        int lo = start ? w.StartLo : Math.Max(w.EndLo, chosenStart + 1), hi = start ? w.StartHi : w.EndHi;
        for (int k = lo; k <= hi; k++)
        {
            if (start ? !Window.IsStartCandidate(doc, k) : !Window.IsEndCandidate(doc, k)) continue;
            int n = start ? StartFeatures(doc, tags, d, w, k, buffer) : EndFeatures(doc, tags, d, w, chosenStart, k, buffer);
            float score = 0;
            for (int f = 0; f < n; f++) score += weights[buffer[f]];
            if (score > top) { top = score; best = k; }
        }
        return best;
    }

    // ------------------------------------------------------------------ candidates

    /// <summary>Where a draft's edges may go: tokens [StartLo, StartHi] for its first word, (EndLo..EndHi] as its end.</summary>
    internal readonly record struct Window(int First, int End, int StartLo, int StartHi, int EndLo, int EndHi, int SentenceFirst, int SentenceEnd)
    {
        public static bool TryCreate(Document doc, AttributionDraft d, out Window window)
        {
            window = default;
            if (d.Kind == QuoteKind.Direct || d.Content.Count != 1) return false;
            var c = d.Content[0];
            int first = doc.TokenAtOrAfter(c.Start);
            int end = first;
            while (end < doc.Tokens.Count && doc.Tokens[end].End <= c.End) end++;
            if (end <= first) return false;
            int sFirst = doc.Sentences[doc.SentenceOfToken[first]].FirstToken;
            int sEnd = doc.Sentences[doc.SentenceOfToken[end - 1]].EndToken;
            int lo = Math.Max(sFirst, first - Reach), hi = Math.Min(sEnd, end + Reach);
            // never across the draft's own cue or source
            if (d.CueFirst >= 0)
            {
                if (d.CueEnd <= first) lo = Math.Max(lo, d.CueEnd);
                else if (d.CueFirst >= end) hi = Math.Min(hi, d.CueFirst);
            }
            if (d.SourceFirst >= 0)
            {
                if (d.SourceEnd <= first) lo = Math.Max(lo, d.SourceEnd);
                else if (d.SourceFirst >= end) hi = Math.Min(hi, d.SourceFirst);
            }
            if (lo > first || hi < end) return false; // the draft already crosses them: leave it be
            int startHi = Math.Min(end - 1, first + Reach), endLo = Math.Max(lo + 1, end - Reach);
            // A mixed quote keeps the quotations it holds whole.
            if (d.Kind == QuoteKind.Mixed)
                for (int k = first; k < end; k++)
                {
                    int q = doc.QuotationOfToken[k];
                    if (q < 0) continue;
                    startHi = Math.Min(startHi, Math.Max(first, doc.Quotations[q].FirstToken));
                    endLo = Math.Max(endLo, Math.Min(end, doc.Quotations[q].EndToken));
                }
            window = new Window(first, end, lo, startHi, endLo, hi, sFirst, sEnd);
            return true;
        }

        public static bool IsStartCandidate(Document doc, int t)
        {
            if (doc.Tokens[t].Kind is not (TokenKind.Word or TokenKind.Number)) return false;
            // not inside a quotation, but its first word is fine
            int q = doc.QuotationOfToken[t];
            return q < 0 || doc.Quotations[q].FirstToken == t;
        }

        public static bool IsEndCandidate(Document doc, int e)
        {
            int last = e - 1;
            if (doc.Tokens[last].Kind is not (TokenKind.Word or TokenKind.Number)) return false;
            int q = doc.QuotationOfToken[last];
            return q < 0 || doc.Quotations[q].EndToken - 1 == last;
        }
    }

    // ------------------------------------------------------------------ features

    internal static int StartFeatures(Document doc, byte[] tags, AttributionDraft d, in Window w, int t, Span<int> into)
    {
        int n = 0;
        ulong rule = (ulong)d.Rule;
        ulong move = Bucket(t - w.First);
        ulong tag = tags[t], before = t > w.SentenceFirst ? tags[t - 1] : 3UL;
        ulong pos = Pos(doc, t), posBefore = t > w.SentenceFirst ? Pos(doc, t - 1) : 31UL;
        ulong punct = Punct(doc, t - 1, w.SentenceFirst);
        into[n++] = Hash(1, move);
        into[n++] = Hash(2, move * 32 + rule);
        into[n++] = Hash(3, move * 4 + tag);
        into[n++] = Hash(4, before * 4 + tag);
        into[n++] = Hash(5, (before * 4 + tag) * 32 + rule);
        into[n++] = Word(6, doc, t);
        into[n++] = Word(7, doc, t - 1);
        into[n++] = Hash(8, posBefore * 32 + pos);
        into[n++] = Hash(9, punct * 32 + pos);
        into[n++] = Hash(10, (t == d.CueEnd ? 1UL : 0) | (t == d.SourceEnd ? 2UL : 0) | (t == w.SentenceFirst ? 4UL : 0) | (t == w.First ? 8UL : 0));
        into[n++] = Hash(11, Commas(doc, Math.Min(t, w.First), Math.Max(t, w.First)) * 2 + (t < w.First ? 1UL : 0));
        into[n++] = Combine(Word(12, doc, t - 1), pos);
        into[n++] = Hash(13, (d.CueFirst < 0 ? 0UL : d.CueEnd <= w.First ? 1UL : 2UL) * 64 + move);
        into[n++] = Hash(14, punct * 64 + move);
        into[n++] = Hash(15, (ulong)(t - w.SentenceFirst > 6 ? 7 : t - w.SentenceFirst) * 4 + tag);
        into[n++] = d.CueFirst >= 0 ? Combine(Word(16, doc, d.CueEnd - 1), move) : Hash(16, move);
        into[n++] = Hash(17, QuotationsBetween(doc, Math.Min(t, w.First), Math.Max(t, w.First)) * 2 + (t < w.First ? 1UL : 0));
        into[n++] = Combine(Word(18, doc, t), posBefore);
        return n;
    }

    internal static int EndFeatures(Document doc, byte[] tags, AttributionDraft d, in Window w, int start, int e, Span<int> into)
    {
        int n = 0;
        ulong rule = (ulong)d.Rule;
        ulong move = Bucket(e - w.End);
        int last = e - 1;
        ulong tag = tags[last], after = e < w.SentenceEnd ? tags[e] : 3UL;
        ulong pos = Pos(doc, last), posAfter = e < w.SentenceEnd ? Pos(doc, e) : 31UL;
        ulong punct = Punct(doc, e, -1, w.SentenceEnd);
        into[n++] = Hash(31, move);
        into[n++] = Hash(32, move * 32 + rule);
        into[n++] = Hash(33, move * 4 + after);
        into[n++] = Hash(34, tag * 4 + after);
        into[n++] = Hash(35, (tag * 4 + after) * 32 + rule);
        into[n++] = Word(36, doc, last);
        into[n++] = e < w.SentenceEnd ? Word(37, doc, e) : Hash(37, 0);
        into[n++] = Hash(38, pos * 32 + posAfter);
        into[n++] = Hash(39, punct * 32 + posAfter);
        into[n++] = Hash(40, (e >= w.SentenceEnd || IsFinal(doc, e) ? 1UL : 0) | (e == d.CueFirst ? 2UL : 0) | (e == d.SourceFirst ? 4UL : 0) | (e == w.End ? 8UL : 0));
        into[n++] = Hash(41, Commas(doc, Math.Min(e, w.End), Math.Max(e, w.End)) * 2 + (e < w.End ? 1UL : 0));
        into[n++] = e + 1 < w.SentenceEnd ? Combine(Word(42, doc, e + 1), punct) : Hash(42, punct);
        into[n++] = Hash(43, Bucket(e - start) * 32 + rule);
        into[n++] = Hash(44, punct * 64 + move);
        into[n++] = Hash(45, (d.CueFirst < 0 ? 0UL : d.CueEnd <= w.First ? 1UL : 2UL) * 64 + move);
        into[n++] = Hash(46, (ulong)(w.SentenceEnd - e > 6 ? 7 : w.SentenceEnd - e) * 4 + tag);
        into[n++] = d.CueFirst >= 0 ? Combine(Word(47, doc, d.CueEnd - 1), move) : Hash(47, move);
        into[n++] = Hash(48, QuotationsBetween(doc, Math.Min(e, w.End), Math.Max(e, w.End)) * 2 + (e < w.End ? 1UL : 0));
        into[n++] = Combine(Word(49, doc, last), posAfter);
        // A content with no verb of its own is a noun phrase ("mentioned [Clinton's remarks] and went back to"): the
        // word after the edge and the part of speech after that tell a coordinated verb from more of the phrase.
        ulong clause = HasVerb(doc, start, e) ? 1UL : 0;
        ulong posAfter2 = e + 1 < w.SentenceEnd ? Pos(doc, e + 1) : 31UL;
        into[n++] = e < w.SentenceEnd ? Combine(Word(50, doc, e), clause * 32 + posAfter2) : Hash(50, clause);
        into[n++] = Hash(51, (clause * 32 + posAfter) * 32 + posAfter2);
        return n;
    }

    private static bool HasVerb(Document doc, int from, int to)
    {
        if (doc.PosTags.Length != doc.Tokens.Count) return false;
        for (int k = from; k < to; k++)
            if (doc.PosTags[k] is PosTagger.Verb or PosTagger.Aux) return true;
        return false;
    }

    private static ulong Pos(Document doc, int k) => doc.PosTags.Length == doc.Tokens.Count ? doc.PosTags[k] : 30UL;

    /// <summary>The punctuation at token k as a small class (0 a word or nothing).</summary>
    internal static ulong Punct(Document doc, int k, int sentenceFirst, int sentenceEnd = int.MaxValue)
    {
        if (k < 0 || k < sentenceFirst || k >= sentenceEnd || k >= doc.Tokens.Count) return 1;
        var t = doc.Tokens[k];
        if (t.Kind == TokenKind.QuoteMark) return 2;
        if (t.Kind != TokenKind.Punctuation) return 0;
        return doc.Text[t.Start] switch
        {
            ',' => 3, ':' => 4, ';' => 5, '.' or '!' or '?' => 6, '(' => 7, ')' => 8,
            '\u2014' or '\u2013' or '-' => 9, _ => 10,
        };
    }

    private static bool IsFinal(Document doc, int k) =>
        doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] is '.' or '!' or '?';

    // Both counts stop at 3 (the features read no more), so the scans stop there too.
    private static ulong Commas(Document doc, int from, int to)
    {
        ulong n = 0;
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(doc.Tokens);
        var text = doc.Text;
        for (int k = from; k < to && n < 3; k++)
            if (tokens[k].Kind == TokenKind.Punctuation && text[tokens[k].Start] is ',' or ';' or '\u2014' or '\u2013') n++;
        return n;
    }

    private static ulong QuotationsBetween(Document doc, int from, int to)
    {
        ulong n = 0;
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(doc.Tokens);
        for (int k = from; k < to && n < 3; k++)
            if (tokens[k].Kind == TokenKind.QuoteMark) n++;
        return n;
    }

    private static ulong Bucket(int d) => d switch
    {
        < -10 => 0, < -5 => 1, < -2 => 2, -2 => 3, -1 => 4, 0 => 5, 1 => 6, 2 => 7, <= 5 => 8, <= 10 => 9, _ => 10,
    };

    private static int Word(int template, Document doc, int i) => (int)(FeatureHash.Word(template, doc, i) & (Size - 1));

    private static int Combine(int feature, ulong value) => (int)(FeatureHash.Combine(feature, value) & (Size - 1));

    private static int Hash(int template, ulong value) => (int)(FeatureHash.Of(template, value) & (Size - 1));

    // ------------------------------------------------------------------ storage (a section of the content-tagger file)

    internal const int Marker = 0x56424244; // "VBBD"

    internal void Save(BinaryWriter w) => RankerWeights.Save(w, Marker, Bits, Weights);

    internal static ContentBoundaries Load(BinaryReader r) => new(RankerWeights.Load(r, Bits, "boundary model"));
}
