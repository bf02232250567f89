using Verbatim.Cues;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Marks the words of reporting cues the lexicon lacks (PolNeAR's annotators mark any verb or noun that reports speech,
/// belief or intent: "slammed", "downplayed", "a threat", "is eager"). A binary averaged perceptron over hashed features
/// of each candidate word (its text, suffix and part of speech, its neighbours', what follows it: "that", "to", a colon,
/// a quotation), trained on PolNeAR train with the lexicon's own cues left out, so that it learns what the lexicon
/// misses. Runs of marked words become cues (<see cref="CueFlags.Learned"/>) before the attribution rules run. Weights
/// are a section of the content-tagger model file.
/// </summary>
public sealed class CueTagger
{
    internal const int Bits = 20;
    internal const int Size = 1 << Bits;
    internal const int MaxFeatures = 24;
    internal const int Marker = 0x56424355; // "VBCU"

    internal readonly float[] Weights;
    /// <summary>A word is marked above this score: −1 rather than 0 took more cues, and the stages after it kept the right
    /// ones (two kept-back fifths of train: content exact F1 +0.0035, attributions F1 unchanged; −2 and −3 scored lower;
    /// higher thresholds, 2 to 10, traded recall for precision and lost attributions F1).</summary>
    private const float Threshold = -1;

    /// <summary>A tagged cue counts only with a clause (or a quotation) after it, as a belief verb does: taking the object
    /// after it as content ("advanced [military hardware]", "praised [Sweden]") scored the same attributions F1 on the
    /// kept-back slices of train and made false quotes of the project's own fixture.</summary>
    internal const CueFlags Flags = CueFlags.Learned | CueFlags.Belief | CueFlags.Tagged;

    internal CueTagger(float[] weights)
    {
        if (weights.Length != Size) throw new ArgumentException("wrong weight table size", nameof(weights));
        Weights = weights;
    }

    /// <summary>Adds the cues it finds to <paramref name="doc"/> (kept in text order, <see cref="Document.CueStartingAt"/> too).</summary>
    public void Apply(Document doc)
    {
        int n = doc.Tokens.Count;
        if (n == 0 || doc.CueStartingAt.Length != n) return;
        // Working arrays from the shared pool (longer than n, so every cell read is written first).
        var covered = BoundedPool<bool>.Rent(n);
        var words = BoundedPool<ulong>.Rent(n);
        try
        {
            Covered(doc, covered);
            WordHashes(doc, words);
            Find(doc, covered, words);
        }
        finally
        {
            BoundedPool<bool>.Return(covered);
            BoundedPool<ulong>.Return(words);
        }
    }

    private void Find(Document doc, bool[] covered, ulong[] words)
    {
        int n = doc.Tokens.Count;
        Span<int> buffer = stackalloc int[MaxFeatures];
        List<CueMatch>? found = null;
        int i = 0;
        while (i < n)
        {
            if (!IsCandidate(doc, i, covered) || Score(Weights, doc, i, covered, words, buffer) <= Threshold) { i++; continue; }
            int end = i + 1;
            while (end < n && doc.SentenceOfToken[end] == doc.SentenceOfToken[i] && IsCandidate(doc, end, covered)
                   && Score(Weights, doc, end, covered, words, buffer) > Threshold)
                end++;
            // the word that ended the run scored no more than the threshold: it starts no run either
            int next = end < n && doc.SentenceOfToken[end] == doc.SentenceOfToken[i] && IsCandidate(doc, end, covered) ? end + 1 : end;
            // A run touching a listed cue would only stretch it: the lexicon's cue stands as it is.
            bool touches = (i > 0 && covered[i - 1]) || (end < n && covered[end]);
            // A run needs a head (a verb, noun or adjective: not "also" alone) and none of the words never taken as cues.
            bool never = false, head = false;
            for (int k = i; k < end; k++)
            {
                never |= CueLexicon.IsNeverCue(doc.TokenText(k));
                head |= doc.PosTags[k] is PosTagger.Verb or PosTagger.Noun or PosTagger.Adj;
            }
            if (!touches && !never && head) (found ??= []).Add(new CueMatch(i, end, Flags));
            i = next;
        }
        if (found is null) return;
        doc.Cues.AddRange(found);
        doc.Cues.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));
        var starting = doc.CueStartingAt;
        Array.Fill(starting, -1);
        for (int c = 0; c < doc.Cues.Count; c++) starting[doc.Cues[c].FirstToken] = c;
    }

    /// <summary>Tokens inside the lexicon's cues.</summary>
    internal static bool[] Covered(Document doc) => Covered(doc, new bool[doc.Tokens.Count]);

    private static bool[] Covered(Document doc, bool[] covered)
    {
        int n = doc.Tokens.Count;
        covered.AsSpan(0, n).Clear();
        foreach (var c in doc.Cues)
            for (int k = c.FirstToken; k < c.EndToken && k < n; k++) covered[k] = true;
        return covered;
    }

    /// <summary>A word outside quotations and outside the lexicon's cues, of a part of speech cues have.</summary>
    internal static bool IsCandidate(Document doc, int i, bool[] covered)
    {
        if (covered[i] || doc.QuotationOfToken[i] >= 0) return false;
        var t = doc.Tokens[i];
        if (t.Kind != TokenKind.Word) return false;
        if (doc.PosTags.Length != doc.Tokens.Count) return false;
        return doc.PosTags[i] is PosTagger.Verb or PosTagger.Noun or PosTagger.Adj or PosTagger.Aux or PosTagger.Adv;
    }

    /// <summary>Each token's lower-case text hashed once (<see cref="FeatureHash.Word"/> with template 0); the word
    /// features mix their template into it.</summary>
    internal static ulong[] WordHashes(Document doc) => WordHashes(doc, new ulong[doc.Tokens.Count]);

    private static ulong[] WordHashes(Document doc, ulong[] words)
    {
        for (int k = 0; k < doc.Tokens.Count; k++) words[k] = FeatureHash.Word(0, doc, k);
        return words;
    }

    internal static float Score(float[] weights, Document doc, int i, bool[] covered, ulong[] words, Span<int> buffer)
    {
        int n = Features(doc, i, covered, words, buffer);
        float s = 0;
        for (int f = 0; f < n; f++) s += weights[buffer[f]];
        return s;
    }

    internal static int Features(Document doc, int i, bool[] covered, ulong[] words, Span<int> into)
    {
        int n = 0;
        var pos = doc.PosTags;
        int count = doc.Tokens.Count;
        ulong p0 = pos[i], pm = i > 0 ? pos[i - 1] : 31UL, pp = i + 1 < count ? pos[i + 1] : 31UL;
        ulong next = NextClass(doc, i + 1);
        ulong prevCue = i > 0 && covered[i - 1] ? 1UL : 0;
        ulong quote = QuoteNearby(doc, i);
        ulong suffix = FeatureHash.Suffix(doc, i);
        ulong w0 = WordAt(words, count, i), wm = WordAt(words, count, i - 1), wp = WordAt(words, count, i + 1);
        into[n++] = Hash(1, 0);
        into[n++] = Hash(2, w0);
        into[n++] = Hash(3, suffix);
        into[n++] = Hash(4, p0);
        into[n++] = Hash(5, pm * 32 + p0);
        into[n++] = Hash(6, p0 * 32 + pp);
        into[n++] = Hash(7, wm);
        into[n++] = Hash(8, wp);
        into[n++] = Hash(9, w0 * 31 + wp);
        into[n++] = Hash(10, wm * 31 + w0);
        into[n++] = Hash(11, (next * 32 + p0) * 2 + prevCue);
        into[n++] = Hash(12, w0 * 16 + next);
        into[n++] = Hash(13, w0 * 32 + pm);
        into[n++] = Hash(14, quote * 32 + p0);
        into[n++] = Hash(15, w0 * 4 + quote);
        into[n++] = Hash(16, WordAt(words, count, i + 2));
        into[n++] = Hash(17, (doc.Sentences[doc.SentenceOfToken[i]].FirstToken == i ? 1UL : 0) * 32 + p0);
        into[n++] = Hash(18, (suffix * 32 + pm) * 32 + pp);
        return n;
    }

    /// <summary>Token k's word hash; fixed values before the first token and after the last.</summary>
    private static ulong WordAt(ulong[] words, int count, int k) => k < 0 ? 1UL : k >= count ? 2UL : words[k];

    /// <summary>What follows a word, as a small class: that / to / a colon / a quotation mark / a comma / a
    /// preposition / a determiner / other.</summary>
    private static ulong NextClass(Document doc, int k)
    {
        if (k >= doc.Tokens.Count) return 0;
        var t = doc.Tokens[k];
        if (t.Kind == TokenKind.QuoteMark) return 4;
        if (t.Kind == TokenKind.Punctuation)
            return doc.Text[t.Start] switch { ':' => 3, ',' => 5, _ => 0 };
        if (t.Length == 4 && doc.TokenIs(k, "that")) return 1;
        if (t.Length == 2 && doc.TokenIs(k, "to")) return 2;
        var pos = doc.PosTags[k];
        return pos == PosTagger.Adp ? 6UL : pos == PosTagger.Det ? 7UL : 8UL;
    }

    /// <summary>A quotation mark within four tokens before (1) or after (2) the word in its sentence, both (3), none (0).</summary>
    private static ulong QuoteNearby(Document doc, int i)
    {
        int s = doc.SentenceOfToken[i];
        ulong v = 0;
        for (int k = Math.Max(0, i - 4); k < i; k++)
            if (doc.SentenceOfToken[k] == s && doc.Tokens[k].Kind == TokenKind.QuoteMark) { v |= 1; break; }
        for (int k = i + 1; k <= i + 4 && k < doc.Tokens.Count; k++)
            if (doc.SentenceOfToken[k] == s && doc.Tokens[k].Kind == TokenKind.QuoteMark) { v |= 2; break; }
        return v;
    }

    private static int Hash(int template, ulong value) => (int)(FeatureHash.Of(template, value) & (Size - 1));

    // ------------------------------------------------------------------ training and storage

    /// <summary>
    /// Trains on documents the rule stages ran over (their lexicon cues found) with, per document, which tokens lie in a
    /// gold cue span. Fixed order, no randomness: the same documents give the same weights.
    /// </summary>
    public static CueTagger Train(IReadOnlyList<(Document Doc, bool[] Gold)> data, int epochs, Action<string>? log = null)
    {
        var covered = data.Select(d => Covered(d.Doc)).ToArray();
        var words = data.Select(d => WordHashes(d.Doc)).ToArray();
        return new CueTagger(RankerWeights.Mix(run => TrainRun(data, covered, words, epochs, run, log)));
    }

    private static float[] TrainRun(IReadOnlyList<(Document Doc, bool[] Gold)> data, bool[][] covered, ulong[][] words, int epochs, int run,
        Action<string>? log)
    {
        var perceptron = new RankerWeights.Perceptron(Size);
        var w = perceptron.Current;
        Span<int> buffer = stackalloc int[MaxFeatures];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            int wrong = 0, examples = 0;
            foreach (int di in RankerWeights.Order(data.Count, run, epoch))
            {
                var (doc, gold) = data[di];
                if (doc.PosTags.Length != doc.Tokens.Count) continue;
                for (int i = 0; i < doc.Tokens.Count; i++)
                {
                    if (!IsCandidate(doc, i, covered[di])) continue;
                    examples++;
                    int n = Features(doc, i, covered[di], words[di], buffer);
                    float s = 0;
                    for (int f = 0; f < n; f++) s += w[buffer[f]];
                    bool guess = s > 0;
                    if (guess != gold[i])
                    {
                        wrong++;
                        if (gold[i]) perceptron.Update(buffer[..n], []);
                        else perceptron.Update([], buffer[..n]);
                    }
                    perceptron.Next();
                }
            }
            log?.Invoke($"cue tagger epoch {epoch}: {wrong} wrong of {examples}");
        }
        return perceptron.Averaged();
    }

    /// <summary>Which tokens of <paramref name="doc"/> lie inside one of these gold cue spans.</summary>
    public static bool[] GoldTokens(Document doc, IEnumerable<IReadOnlyList<TextSpan>?> cues)
    {
        var gold = new bool[doc.Tokens.Count];
        foreach (var cue in cues)
        {
            if (cue is null) continue;
            foreach (var part in cue)
                for (int k = doc.TokenAtOrAfter(part.Start); k < doc.Tokens.Count && doc.Tokens[k].Start < part.End; k++)
                    if (doc.Tokens[k].End <= part.End) gold[k] = true;
        }
        return gold;
    }

    internal void Save(BinaryWriter w) => RankerWeights.Save(w, Marker, Bits, Weights);

    internal static CueTagger Load(BinaryReader r) => new(RankerWeights.Load(r, Bits, "cue tagger"));
}

/// <summary>The learned cue stage: after the lexicon's cues, before the attribution rules (see <see cref="CueTagger"/>).</summary>
public sealed class LearnedCueStage(CueTagger tagger) : IStage
{
    public string Name => "learned-cues";

    public void Run(Document doc) => tagger.Apply(doc);
}
