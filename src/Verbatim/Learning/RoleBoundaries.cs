using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Re-draws where each source and each cue starts and ends. The rules find the mention and the reporting verb, but
/// annotators draw them wider or narrower than a head word: a source takes its appositive ("Dean Baker, co-director of
/// the Center for Economic and Policy Research,") and its party tag ("(D-Md.)") but not the conjunction before it ("As
/// Politico ...") nor the verb after it ("Clinton has to"); a cue takes its auxiliaries and adverbs ("has also
/// suggested", "had publicly stated"). For every draft's source, then its cue, a linear ranker scores each word of a
/// window around the start as the first word, then each word around the end as the end, from the words, parts of
/// speech and punctuation at the edge and how far and over what it moves; the best pair replaces the span. Never over
/// the draft's content or its other role, never out of the span's sentence, never into a quotation. Weights are a
/// section of the content-tagger model file, trained by <see cref="RoleBoundariesTrainer"/> on PolNeAR train.
/// </summary>
public sealed class RoleBoundaries
{
    internal const int Bits = 20;
    internal const int Size = 1 << Bits;
    internal const int MaxFeatures = 24;

    internal enum Role { Source = 0, Cue = 1 }

    internal readonly float[] Weights;

    internal RoleBoundaries(float[] weights)
    {
        if (weights.Length != Size) throw new ArgumentException("wrong weight table size", nameof(weights));
        Weights = weights;
    }

    /// <summary>Moves the edges of every draft's source and cue.</summary>
    public void Apply(Document doc)
    {
        Span<int> buffer = stackalloc int[MaxFeatures];
        using var tables = TokenTables.Rent(doc);
        foreach (var d in doc.Attributions)
        {
            foreach (var role in Roles)
            {
                if (!Window.TryCreate(doc, d, role, out var w)) continue;
                int start = Best(Weights, doc, tables, d, w, start: true, -1, buffer);
                if (start < 0) continue;
                int end = Best(Weights, doc, tables, d, w, start: false, start, buffer);
                if (end <= start) continue;
                if (role == Role.Source) { d.SourceFirst = start; d.SourceEnd = ClosingParenthesis(doc, start, BeforeParticiple(doc, start, end), w.SentenceEnd); }
                else { d.CueFirst = start; d.CueEnd = end; }
            }
        }
    }

    internal static readonly Role[] Roles = [Role.Source, Role.Cue];

    /// <summary>A source ends before ", referring to ...", ", citing ...": annotators leave such a participle clause out
    /// of the source 49 times in 50 on PolNeAR train (a relative clause, ", who ...", they keep 531 times in 761).</summary>
    private static int BeforeParticiple(Document doc, int start, int end)
    {
        if (doc.PosTags.Length != doc.Tokens.Count) return end;
        for (int k = start + 1; k + 1 < end; k++)
            if (doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] == ','
                && doc.PosTags[k + 1] == PosTagger.Verb && doc.TokenText(k + 1).EndsWith("ing", StringComparison.OrdinalIgnoreCase))
                return k;
        return end;
    }

    /// <summary>Edges fall on words; a source that opened a parenthesis ("Sen. Richard Blumenthal (D-Conn.)") also
    /// takes the period and the parenthesis that close it, so that its text reads whole.</summary>
    private static int ClosingParenthesis(Document doc, int start, int end, int sentenceEnd)
    {
        int open = 0;
        for (int k = start; k < end; k++)
            if (doc.Tokens[k].Kind == TokenKind.Punctuation)
                open += doc.Text[doc.Tokens[k].Start] switch { '(' => 1, ')' => -1, _ => 0 };
        if (open <= 0) return end;
        int e = end;
        if (e < sentenceEnd && doc.Tokens[e].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[e].Start] == '.') e++;
        return e < sentenceEnd && doc.Tokens[e].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[e].Start] == ')' ? e + 1 : end;
    }

    /// <summary>The best candidate first word or end under <paramref name="weights"/>; -1 when there is none.
    /// The trainer ranks with the same search.</summary>
    internal static int Best(float[] weights, Document doc, TokenTables tables, AttributionDraft d, in Window w, bool start, int chosenStart, Span<int> buffer)
    {
        int best = -1;
        float top = float.NegativeInfinity;
        int lo = start ? w.StartLo : Math.Max(w.EndLo, chosenStart + 1), hi = start ? w.StartHi : w.EndHi;
        for (int k = lo; k <= hi; k++)
        {
            if (start ? !Window.IsStartCandidate(doc, k) : !w.IsEndCandidate(doc, k)) continue;
            int n = start ? StartFeatures(doc, tables, d, w, k, buffer) : EndFeatures(doc, tables, d, w, chosenStart, k, buffer);
            float score = 0;
            for (int f = 0; f < n; f++) score += weights[buffer[f]];
            if (score > top) { top = score; best = k; }
        }
        return best;
    }

    // ------------------------------------------------------------------ candidates

    /// <summary>Where a role's edges may go: tokens [StartLo, StartHi] for its first word, [EndLo, EndHi] as its end.
    /// <paramref name="Side"/>: 0 when the role comes before the content, 1 after it.</summary>
    internal readonly record struct Window(Role Role, int First, int End, int StartLo, int StartHi, int EndLo, int EndHi,
        int SentenceFirst, int SentenceEnd, int ContentFirst, int ContentEnd, int OtherFirst, int OtherEnd, int Side)
    {
        /// <summary>How far a source's start may move left and its end right (appositives run long).</summary>
        private const int SourceReachLeft = 8, SourceReachRight = 30;
        private const int CueReachLeft = 5, CueReachRight = 10;

        public static bool TryCreate(Document doc, AttributionDraft d, Role role, out Window window)
        {
            window = default;
            int first = role == Role.Source ? d.SourceFirst : d.CueFirst;
            int end = role == Role.Source ? d.SourceEnd : d.CueEnd;
            if (first < 0 || end <= first || end > doc.Tokens.Count || d.Content.Count == 0) return false;
            // A colon or a dash as the cue ("the pollster Dara Shawcross: "...""): the rules found both edges by it.
            if (d.CueFirst >= 0 && d.CueEnd == d.CueFirst + 1 && doc.Tokens[d.CueFirst].Kind == TokenKind.Punctuation) return false;
            int otherFirst = role == Role.Source ? d.CueFirst : d.SourceFirst;
            int otherEnd = role == Role.Source ? d.CueEnd : d.SourceEnd;
            int contentFirst = doc.TokenAtOrAfter(d.Content[0].Start);
            int contentEnd = contentFirst;
            var last = d.Content[^1];
            while (contentEnd < doc.Tokens.Count && doc.Tokens[contentEnd].Start < last.End) contentEnd++;
            int sentence = doc.SentenceOfToken[first];
            int sFirst = doc.Sentences[sentence].FirstToken;
            int sEnd = doc.Sentences[doc.SentenceOfToken[end - 1]].EndToken;
            int reachLeft = role == Role.Source ? SourceReachLeft : CueReachLeft;
            int reachRight = role == Role.Source ? SourceReachRight : CueReachRight;
            int lo = first;
            while (lo - 1 >= Math.Max(sFirst, first - reachLeft) && !Blocked(doc, d, lo - 1, otherFirst, otherEnd)) lo--;
            int hi = end;
            // A name grows by an appositive or a party tag, never by the phrase after it: "Kennedy Jr. at the event"
            // (a noun may: "a spokesman for the FBI").
            int next = end < sEnd && doc.Tokens[end].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[end].Start] == '.'
                && doc.Tokens[end].Start == doc.Tokens[end - 1].End ? end + 1 : end; // "Jr." keeps its period
            bool grows = role == Role.Cue || next >= sEnd || !IsPreposition(doc, next) || !EndsWithName(doc, first, end);
            while (grows && hi < Math.Min(sEnd, end + reachRight) && !Blocked(doc, d, hi, otherFirst, otherEnd)) hi++;
            int side = first >= contentEnd ? 1 : 0;
            window = new Window(role, first, end, lo, end - 1, lo + 1, hi, sFirst, sEnd, contentFirst, contentEnd, otherFirst, otherEnd, side);
            return true;
        }

        /// <summary>A token the role may not take: the draft's content, its other role, a quotation or a line break.</summary>
        private static bool Blocked(Document doc, AttributionDraft d, int k, int otherFirst, int otherEnd)
        {
            if (otherFirst >= 0 && k >= otherFirst && k < otherEnd) return true;
            var t = doc.Tokens[k];
            if (t.Kind == TokenKind.QuoteMark || doc.QuotationOfToken[k] >= 0) return true;
            foreach (var part in d.Content)
                if (t.End > part.Start && t.Start < part.End) return true;
            return false;
        }

        private static bool IsPreposition(Document doc, int k) =>
            doc.PosTags.Length == doc.Tokens.Count && doc.PosTags[k] == PosTagger.Adp && !doc.TokenIs(k, "of");

        private static bool EndsWithName(Document doc, int first, int end)
        {
            for (int k = end - 1; k >= first; k--)
                if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) return doc.PosTags[k] == PosTagger.Propn;
            return false;
        }

        public static bool IsStartCandidate(Document doc, int t) => doc.Tokens[t].Kind is TokenKind.Word or TokenKind.Number;

        /// <summary>An end on a word; past the rules' end, a source ends only where a phrase does (before punctuation,
        /// the cue, the content or the sentence end): an appositive is taken whole or not at all.</summary>
        public bool IsEndCandidate(Document doc, int e)
        {
            if (doc.Tokens[e - 1].Kind is not (TokenKind.Word or TokenKind.Number)) return false;
            if (Role != Role.Source || e <= End || e >= SentenceEnd || e == OtherFirst || e == ContentFirst) return true;
            return doc.Tokens[e].Kind is TokenKind.Punctuation or TokenKind.QuoteMark;
        }
    }

    // ------------------------------------------------------------------ features

    internal static int StartFeatures(Document doc, TokenTables tables, AttributionDraft d, in Window w, int t, Span<int> into)
    {
        int n = 0;
        int r = (int)w.Role * 100;
        ulong rule = (ulong)d.Rule;
        ulong move = Bucket(t - w.First);
        ulong pos = Pos(doc, t), posBefore = t > w.SentenceFirst ? Pos(doc, t - 1) : 31UL;
        ulong punct = ContentBoundaries.Punct(doc, t - 1, w.SentenceFirst);
        ulong side = (ulong)w.Side;
        into[n++] = Hash(r + 1, move);
        into[n++] = Hash(r + 2, move * 32 + rule);
        into[n++] = Word(r + 3, tables, t);
        into[n++] = Word(r + 4, tables, t - 1);
        into[n++] = Hash(r + 5, posBefore * 32 + pos);
        into[n++] = Hash(r + 6, punct * 32 + pos);
        into[n++] = Hash(r + 7, (t == w.SentenceFirst ? 1UL : 0) | (t == w.First ? 2UL : 0) | (t == w.OtherEnd ? 4UL : 0) | (t == w.ContentEnd ? 8UL : 0));
        into[n++] = Hash(r + 8, Commas(doc, Math.Min(t, w.First), Math.Max(t, w.First)) * 2 + (t < w.First ? 1UL : 0));
        into[n++] = Combine(Word(r + 9, tables, t - 1), pos);
        into[n++] = Combine(Word(r + 10, tables, t), posBefore);
        into[n++] = Hash(r + 11, side * 64 + move);
        into[n++] = Combine(Word(r + 12, tables, t), move);
        into[n++] = Hash(r + 13, Shape(doc, t) * 32 + posBefore);
        into[n++] = Hash(r + 14, Bucket(w.End - t) * 4 + side);
        into[n++] = Hash(r + 15, punct * 64 + move);
        into[n++] = Combine(Word(r + 16, tables, w.First), move);
        // what a longer span takes in first: "at the event" is not an appositive
        into[n++] = t < w.First ? Combine(Word(r + 17, tables, w.First - 1), Commas(doc, t, w.First)) : Hash(r + 17, 0);
        into[n++] = t < w.First ? Hash(r + 18, Pos(doc, w.First - 1) * 4 + Commas(doc, t, w.First)) : Hash(r + 18, 1);
        return n;
    }

    internal static int EndFeatures(Document doc, TokenTables tables, AttributionDraft d, in Window w, int start, int e, Span<int> into)
    {
        int n = 0;
        int r = (int)w.Role * 100;
        ulong rule = (ulong)d.Rule;
        ulong move = Bucket(e - w.End);
        int last = e - 1;
        ulong pos = Pos(doc, last), posAfter = e < w.SentenceEnd ? Pos(doc, e) : 31UL;
        ulong punct = ContentBoundaries.Punct(doc, e, -1, w.SentenceEnd);
        ulong side = (ulong)w.Side;
        into[n++] = Hash(r + 31, move);
        into[n++] = Hash(r + 32, move * 32 + rule);
        into[n++] = Word(r + 33, tables, last);
        into[n++] = e < w.SentenceEnd ? Word(r + 34, tables, e) : Hash(r + 34, 0);
        into[n++] = Hash(r + 35, pos * 32 + posAfter);
        into[n++] = Hash(r + 36, punct * 32 + pos);
        into[n++] = Hash(r + 37, (e >= w.SentenceEnd ? 1UL : 0) | (e == w.OtherFirst ? 2UL : 0) | (e == w.ContentFirst ? 4UL : 0) | (e == w.End ? 8UL : 0));
        into[n++] = Hash(r + 38, Commas(doc, Math.Min(e, w.End), Math.Max(e, w.End)) * 2 + (e < w.End ? 1UL : 0));
        into[n++] = Combine(Word(r + 39, tables, last), posAfter);
        into[n++] = e < w.SentenceEnd ? Combine(Word(r + 40, tables, e), pos) : Hash(r + 40, pos);
        into[n++] = Hash(r + 41, side * 64 + move);
        into[n++] = Hash(r + 42, Bucket(e - start) * 8 + side * 2 + (start == w.First ? 1UL : 0));
        into[n++] = e + 1 < w.SentenceEnd ? Combine(Word(r + 43, tables, e + 1), punct) : Hash(r + 43, punct);
        into[n++] = Hash(r + 44, punct * 64 + move);
        into[n++] = Combine(Word(r + 45, tables, last), move);
        into[n++] = Hash(r + 46, Commas(doc, start, e) * 8 + side * 4 + (ulong)Math.Min(3, Math.Max(0, (e - start) / 4)));
        into[n++] = Combine(Word(r + 47, tables, w.End - 1), move);
        into[n++] = e > w.End ? Combine(Word(r + 48, tables, w.End), Commas(doc, w.End, e)) : Hash(r + 48, 0);
        into[n++] = e > w.End ? Hash(r + 49, Pos(doc, w.End) * 4 + Commas(doc, w.End, e)) : Hash(r + 49, 1);
        return n;
    }

    private static ulong Pos(Document doc, int k) => doc.PosTags.Length == doc.Tokens.Count ? doc.PosTags[k] : 30UL;

    /// <summary>0 lower case, 1 capitalised, 2 all capitals, 3 a number or other.</summary>
    private static ulong Shape(Document doc, int k)
    {
        var t = doc.Tokens[k];
        if (t.Kind != TokenKind.Word) return 3;
        char c = doc.Text[t.Start];
        if (!char.IsUpper(c)) return 0;
        return t.Length > 1 && char.IsUpper(doc.Text[t.Start + 1]) ? 2UL : 1UL;
    }

    private static ulong Commas(Document doc, int from, int to)
    {
        ulong n = 0;
        for (int k = from; k < to; k++)
            if (doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] is ',' or ';' or '(' or '\u2014' or '\u2013') n++;
        return Math.Min(n, 3UL);
    }

    private static ulong Bucket(int d) => d switch
    {
        < -10 => 0, < -5 => 1, < -2 => 2, -2 => 3, -1 => 4, 0 => 5, 1 => 6, 2 => 7, <= 5 => 8, <= 10 => 9, <= 20 => 10, _ => 11,
    };

    private static int Word(int template, TokenTables tables, int i) => (int)(tables.Word(template, i) & (Size - 1));

    private static int Combine(int feature, ulong value) => (int)(FeatureHash.Combine(feature, value) & (Size - 1));

    private static int Hash(int template, ulong value) => (int)(FeatureHash.Of(template, value) & (Size - 1));

    // ------------------------------------------------------------------ storage (a section of the content-tagger file)

    internal const int Marker = 0x56425253; // "VBRS"

    internal void Save(BinaryWriter w) => RankerWeights.Save(w, Marker, Bits, Weights);

    internal static RoleBoundaries Load(BinaryReader r) => new(RankerWeights.Load(r, Bits, "role-boundary model"));
}
