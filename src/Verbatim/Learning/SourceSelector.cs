using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Chooses the source of every draft: a second opinion on the rules' mention, and a first one for the drafts they left
/// without (reported contents the tagger found with no cue of their own, quotations no rule tied to anyone). A linear
/// ranker scores each noun, pronoun or name of the content's sentence and the sentence before it as the head of the
/// source (from the word, its part of speech and its neighbours', which side of the content and how far, the verbs and
/// commas between, the cue, whether the rules chose it) against "no source". When it picks a word of the rules' mention
/// that mention stands; otherwise the picked word becomes the source and <see cref="RoleBoundaries"/> then draws its
/// edges. Weights are a section of the content-tagger model file, trained on PolNeAR train (a latent perceptron: any
/// word of the gold source is a right answer).
/// </summary>
public sealed class SourceSelector
{
    internal const int Bits = 20;
    internal const int Size = 1 << Bits;
    internal const int MaxFeatures = 24;
    /// <summary>The candidate that stands for "no source".</summary>
    internal const int None = -1;

    internal readonly float[] Weights;

    internal SourceSelector(float[] weights)
    {
        if (weights.Length != Size) throw new ArgumentException("wrong weight table size", nameof(weights));
        Weights = weights;
    }

    /// <summary>Gives a source to every draft of <paramref name="doc"/> that has none, where the ranker finds one.</summary>
    public void Apply(Document doc)
    {
        if (doc.PosTags.Length != doc.Tokens.Count) return;
        Span<int> buffer = stackalloc int[MaxFeatures];
        using var counts = TokenTables.Rent(doc);
        foreach (var d in doc.Attributions)
        {
            if (!Scope.TryCreate(doc, d, out var s)) continue;
            int head = Best(Weights, doc, counts, d, s, buffer, out _);
            if (s.RuleFirst >= 0 && head >= s.RuleFirst && head < s.RuleEnd) continue; // the rules' mention stands
            if (head == None && s.RuleFirst < 0) continue;
            // A quotation's own attribution ("“…,” the official said"): the rules' mention next to its cue stands
            // against "no source" (the ranker's none, learned mostly from reported speech, dropped such mentions).
            if (head == None && d.Kind == QuoteKind.Direct && (d.Rule is AttributionRule.DirectCueAfter or AttributionRule.DirectCueBefore)) continue;
            d.SourceFirst = head;
            d.SourceEnd = head == None ? -1 : head + 1;
        }
    }

    /// <summary>The best candidate (<see cref="None"/> for no source) and its score.</summary>
    internal static int Best(float[] weights, Document doc, TokenTables counts, AttributionDraft d, in Scope s, Span<int> buffer, out float top)
    {
        int n = NoneFeatures(doc, counts, d, s, buffer);
        top = Score(weights, buffer[..n]);
        int best = None;
        for (int k = s.First; k < s.End; k++)
        {
            if (!s.IsCandidate(doc, d, k)) continue;
            n = Features(doc, counts, d, s, k, buffer);
            float score = Score(weights, buffer[..n]);
            if (score > top) { top = score; best = k; }
        }
        return best;
    }

    private static float Score(float[] weights, ReadOnlySpan<int> features)
    {
        float score = 0;
        foreach (int f in features) score += weights[f];
        return score;
    }

    /// <summary>Where a source may be: the content's sentences and the one before them, outside the draft.</summary>
    private const int ReachBefore = 200, ReachAfter = 150;

    internal readonly record struct Scope(int First, int End, int ContentFirst, int ContentEnd, int ContentSentence, int RuleFirst, int RuleEnd)
    {
        public static bool TryCreate(Document doc, AttributionDraft d, out Scope scope)
        {
            scope = default;
            if (d.Content.Count == 0 || doc.PosTags.Length != doc.Tokens.Count) return false;
            // A floating quotation continues the last speaker: its speaker is carried, and by convention its source
            // is null (the mention belongs to the quote it continues).
            if (d.Rule == AttributionRule.DirectFloating || d.CarriedFrom is not null) return false;
            int contentFirst = doc.TokenAtOrAfter(d.Content[0].Start);
            if (contentFirst >= doc.Tokens.Count) return false;
            int contentEnd = contentFirst;
            var last = d.Content[^1];
            while (contentEnd < doc.Tokens.Count && doc.Tokens[contentEnd].Start < last.End) contentEnd++;
            int sentence = doc.SentenceOfToken[contentFirst];
            // Bounded, so that a run-on "sentence" of a hostile input costs each draft a window, not the whole text.
            int first = Math.Max(doc.Sentences[Math.Max(0, sentence - 1)].FirstToken, contentFirst - ReachBefore);
            int end = Math.Min(doc.Sentences[doc.SentenceOfToken[Math.Max(contentFirst, contentEnd - 1)]].EndToken, contentEnd + ReachAfter);
            if (d.SourceFirst >= 0)
            {
                first = Math.Min(first, d.SourceFirst);
                end = Math.Max(end, d.SourceEnd);
            }
            scope = new Scope(first, end, contentFirst, contentEnd, sentence, d.SourceFirst, d.SourceEnd);
            return true;
        }

        public bool IsCandidate(Document doc, AttributionDraft d, int k)
        {
            if (doc.Tokens[k].Kind != TokenKind.Word) return false;
            if (doc.PosTags[k] is not (PosTagger.Noun or PosTagger.Num or PosTagger.Pron or PosTagger.Propn)) return false;
            if (doc.QuotationOfToken[k] >= 0) return false;
            if (d.CueFirst >= 0 && k >= d.CueFirst && k < d.CueEnd) return false;
            // With no cue, the words are held by the subject of their clause, before them ("The old guard now regards
            // the senator as "a spent force" in the state"): nothing after them in their sentence speaks them.
            if (d.CueFirst < 0 && k >= ContentEnd && doc.SentenceOfToken[k] == doc.SentenceOfToken[ContentEnd - 1]) return false;
            var t = doc.Tokens[k];
            foreach (var part in d.Content)
                if (t.End > part.Start && t.Start < part.End) return false;
            return true;
        }
    }


    internal static int NoneFeatures(Document doc, TokenTables counts, AttributionDraft d, in Scope s, Span<int> into)
    {
        int n = 0;
        ulong rule = (ulong)d.Rule, kind = (ulong)d.Kind;
        into[n++] = Hash(1, 0);
        into[n++] = Hash(2, rule * 8 + kind);
        into[n++] = Hash(3, (d.CueFirst >= 0 ? 1UL : 0) * 8 + kind);
        into[n++] = Hash(4, (ulong)Math.Min(s.ContentFirst - s.First, 40) / 4);
        into[n++] = Hash(5, (s.RuleFirst >= 0 ? 1UL : 0) * 64 + rule * 8 + kind);
        if (d.CueFirst >= 0)
        {
            // The cue's words tell reports with no one reporting: a passive ("is expected", "was criticized", "has been
            // asked"), "titled", "seemed".
            into[n++] = Combine(Word(6, counts, d.CueEnd - 1), kind);
            into[n++] = Hash(7, (IsPassive(doc, d) ? 1UL : 0) * 8 + kind);
        }
        return n;
    }

    private static readonly WordSet Be = WordSet.Of("is are was were be been being 's");

    /// <summary>A cue of a form of "be" and a participle ("is expected", "was widely criticized", "has been asked").</summary>
    private static bool IsPassive(Document doc, AttributionDraft d)
    {
        int last = d.CueEnd - 1;
        if (!LearnedContentStage.IsEdParticiple(doc, last)) return false;
        for (int k = Math.Max(d.CueFirst - 1, 0); k < last; k++)
            if (Be.Contains(doc.TokenText(k))) return true;
        return false;
    }

    internal static int Features(Document doc, TokenTables counts, AttributionDraft d, in Scope s, int k, Span<int> into)
    {
        int n = 0;
        ulong rule = (ulong)d.Rule, kind = (ulong)d.Kind;
        ulong pos = doc.PosTags[k];
        ulong posBefore = k > 0 ? doc.PosTags[k - 1] : 31UL, posAfter = k + 1 < doc.Tokens.Count ? doc.PosTags[k + 1] : 31UL;
        bool before = k < s.ContentFirst;
        ulong side = before ? 0UL : 1UL;
        int gap = before ? s.ContentFirst - k : k - s.ContentEnd + 1;
        ulong dist = Bucket(gap);
        int sentence = doc.SentenceOfToken[k];
        ulong sentenceOffset = sentence < s.ContentSentence ? 0UL : sentence == s.ContentSentence ? 1UL : 2UL;
        int from = before ? k + 1 : s.ContentEnd, to = before ? s.ContentFirst : k;
        ulong verbs = 0, commas = 0;
        if (to > from)
        {
            verbs = (ulong)Math.Min(counts.Verbs[to] - counts.Verbs[from], 3);
            commas = (ulong)Math.Min(counts.Commas[to] - counts.Commas[from], 3);
        }
        ulong nounsBefore = (ulong)Math.Min(counts.Nouns[k] - counts.Nouns[doc.Sentences[sentence].FirstToken], 2);
        ulong cue = d.CueFirst < 0 ? 0UL : k + 1 == d.CueFirst ? 1UL : k == d.CueEnd ? 2UL : k < d.CueFirst ? 3UL : 4UL;
        into[n++] = Hash(11, pos);
        into[n++] = Word(12, counts, k);
        into[n++] = Hash(13, (posBefore * 32 + pos) * 32 + posAfter);
        into[n++] = Combine(Word(14, counts, k - 1), pos);
        into[n++] = Combine(Word(15, counts, k + 1), pos);
        into[n++] = Hash(16, (side * 16 + dist) * 4 + sentenceOffset);
        into[n++] = Hash(17, ((side * 4 + verbs) * 4 + commas) * 32 + pos);
        into[n++] = Hash(18, (nounsBefore * 4 + sentenceOffset) * 32 + pos);
        into[n++] = Hash(19, cue * 32 + pos);
        into[n++] = Hash(20, (rule * 8 + kind) * 4 + side);
        into[n++] = Hash(21, ((rule * 8 + kind) * 16 + dist) * 32 + pos);
        into[n++] = Hash(22, Shape(doc, k) * 32 + pos);
        into[n++] = Combine(Word(23, counts, k + 1), side * 16 + dist);
        into[n++] = Combine(Word(24, counts, k), side);
        into[n++] = Hash(25, (side * 16 + dist) * 32 + posAfter);
        ulong inRule = s.RuleFirst < 0 ? 0UL : k >= s.RuleFirst && k < s.RuleEnd ? (k == s.RuleEnd - 1 ? 1UL : 2UL) : 3UL;
        into[n++] = Hash(26, inRule);
        into[n++] = Hash(27, (inRule * 64 + rule * 8 + kind) * 32 + pos);
        // Which side of its cue a speaker stands depends on the cue ("X told", "according to X", "X was asked").
        if (d.CueFirst >= 0) into[n++] = Combine(Word(30, counts, d.CueEnd - 1), (k < d.CueFirst ? 0UL : 1UL) * 32 + pos);
        return n;
    }

    private static ulong Shape(Document doc, int k)
    {
        var t = doc.Tokens[k];
        char c = doc.Text[t.Start];
        if (!char.IsUpper(c)) return 0;
        return t.Length > 1 && char.IsUpper(doc.Text[t.Start + 1]) ? 2UL : 1UL;
    }

    private static ulong Bucket(int d) => d switch
    {
        <= 1 => 0, 2 => 1, 3 => 2, <= 5 => 3, <= 8 => 4, <= 12 => 5, <= 20 => 6, <= 30 => 7, _ => 8,
    };

    private static int Word(int template, TokenTables tables, int i) => (int)(tables.Word(template + 200, i) & (Size - 1));

    private static int Combine(int feature, ulong value) => (int)(FeatureHash.Combine(feature, value) & (Size - 1));

    private static int Hash(int template, ulong value) => (int)(FeatureHash.Of(template + 200, value) & (Size - 1));

    // ------------------------------------------------------------------ storage (a section of the content-tagger file)

    internal const int Marker = 0x56425353; // "VBSS"

    internal void Save(BinaryWriter w) => RankerWeights.Save(w, Marker, Bits, Weights);

    internal static SourceSelector Load(BinaryReader r) => new(RankerWeights.Load(r, Bits, "source selector"));
}
