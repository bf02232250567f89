using System.Buffers;
using System.Numerics;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// A part-of-speech tagger (Universal POS tags): a greedy averaged perceptron over hashed features of the word,
/// its affixes and shape, its neighbours and the two tags before it. Trained by <see cref="PosTaggerTrainer"/> on
/// UD English EWT; weights are data (Resources/pos-tagger.bin), loaded once per process.
/// </summary>
public sealed class PosTagger
{
    public static readonly string[] TagNames =
        ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"];
    public const int Tags = 17;
    /// <summary>The index of SCONJ (a subordinating conjunction: "that" in "said that").</summary>
    public const byte Sconj = 13, Cconj = 4, Intj = 6;
    public const byte Adj = 0, Adp = 1, Adv = 2, Aux = 3, Det = 5, Noun = 7, Num = 8, Pron = 10, Propn = 11, Verb = 15;
    public const int Bits = 16;
    public const int Size = 1 << Bits;
    internal const int MaxFeatures = 16;
    /// <summary>The tag "before the sentence" in the history features.</summary>
    internal const int Start = Tags;

    internal readonly float[] Weights; // Size * Tags

    internal PosTagger(float[] weights)
    {
        if (weights.Length != Size * Tags) throw new ArgumentException("wrong weight table size", nameof(weights));
        Weights = weights;
    }

    public static int TagIndex(string name) => Array.IndexOf(TagNames, name);

    private static readonly Lazy<PosTagger?> Shipped = new(LoadShipped);

    /// <summary>The tagger shipped with the library, or null when the build has no model.</summary>
    public static PosTagger? Default => Shipped.Value;

    /// <summary>Tags the words [first, end) of one sentence, given as spans of <paramref name="text"/>.</summary>
    public void Tag(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, Span<byte> tags)
    {
        if (tokens.Length == 0) return;
        var words = Verbatim.Text.BoundedPool<PosWord>.Rent(tokens.Length);
        try
        {
            PosFeatures.Words(text, tokens, words);
            Tag(words.AsSpan(0, tokens.Length), tags);
        }
        finally
        {
            Verbatim.Text.BoundedPool<PosWord>.Return(words);
        }
    }

    /// <summary>Tags every sentence of a document.</summary>
    public byte[] Tag(Document doc)
    {
        var tags = new byte[doc.Tokens.Count];
        if (tags.Length == 0) return tags;
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(doc.Tokens);
        // The per-word values (lower-case hashes, shape) once per token, not once per feature that reads them.
        var words = Verbatim.Text.BoundedPool<PosWord>.Rent(all.Length);
        try
        {
            PosFeatures.Words(doc.Text, all, words);
            foreach (var s in doc.Sentences)
                Tag(words.AsSpan(s.FirstToken, s.EndToken - s.FirstToken), tags.AsSpan(s.FirstToken, s.EndToken - s.FirstToken));
        }
        finally
        {
            Verbatim.Text.BoundedPool<PosWord>.Return(words);
        }
        return tags;
    }

    /// <summary>
    /// Greedy decoding of one sentence from its words' precomputed values. The features are exactly those of
    /// <see cref="PosFeatures.Extract"/>, in the same order, and each tag's score adds the same weights in that order
    /// (eight tags to a vector lane, lane by lane), so the tags equal the reference decoding's bit for bit.
    /// </summary>
    private void Tag(ReadOnlySpan<PosWord> words, Span<byte> tags)
    {
        ref float w = ref MemoryMarshal.GetArrayDataReference(Weights);
        int len = words.Length;
        // First the features that do not depend on the tags before (12 of 16), for the whole sentence: then the greedy
        // loop is short, and the weight rows of the next words are read while this word's tag is still being decided.
        const int Static = 12;
        var fixedFeatures = Verbatim.Text.BoundedPool<int>.Rent(len * Static);
        try
        {
            int f1 = PosFeatures.Hash(1, 0);
            for (int i = 0; i < len; i++)
            {
                ref readonly var word = ref words[i];
                var into = fixedFeatures.AsSpan(i * Static, Static);
                into[0] = f1;
                into[1] = PosFeatures.Hash(2, word.Lower);
                into[2] = PosFeatures.Hash(3, word.Suffix3);
                into[3] = PosFeatures.Hash(4, word.First);
                into[4] = PosFeatures.Hash(5, word.Shape);
                into[5] = PosFeatures.Hash(9, i >= 1 ? words[i - 1].Lower : PosFeatures.SentenceStart);
                into[6] = PosFeatures.Hash(10, i >= 1 ? words[i - 1].Suffix3 : PosFeatures.SentenceStart);
                into[7] = PosFeatures.Hash(11, i + 1 < len ? words[i + 1].Lower : PosFeatures.SentenceEnd);
                into[8] = PosFeatures.Hash(12, i + 1 < len ? words[i + 1].Suffix3 : PosFeatures.SentenceEndSuffix);
                into[9] = PosFeatures.Hash(13, i >= 2 ? words[i - 2].Lower : PosFeatures.SentenceStart);
                into[10] = PosFeatures.Hash(14, i + 2 < len ? words[i + 2].Lower : PosFeatures.SentenceEnd);
                into[11] = PosFeatures.Hash(16, (i == 0 ? 1UL : 0) * 2 + (word.Upper ? 1UL : 0));
            }
            int prev = Start, prev2 = Start;
            for (int i = 0; i < len; i++)
            {
                ref readonly var word = ref words[i];
                var f = fixedFeatures.AsSpan(i * Static, Static);
                var a = Vector256<float>.Zero;
                var b = Vector256<float>.Zero;
                float c = 0;
                // The order of PosFeatures.Extract: 1-5, 6-8 (the tags before), 9-14, 15 (the tag before), 16.
                Add(ref w, f[0], ref a, ref b, ref c);
                Add(ref w, f[1], ref a, ref b, ref c);
                Add(ref w, f[2], ref a, ref b, ref c);
                Add(ref w, f[3], ref a, ref b, ref c);
                Add(ref w, f[4], ref a, ref b, ref c);
                Add(ref w, PosFeatures.Hash(6, (ulong)prev), ref a, ref b, ref c);
                Add(ref w, PosFeatures.Hash(7, (ulong)(prev * 32 + prev2)), ref a, ref b, ref c);
                Add(ref w, PosFeatures.Hash(8, word.Lower * 31 + (ulong)prev), ref a, ref b, ref c);
                Add(ref w, f[5], ref a, ref b, ref c);
                Add(ref w, f[6], ref a, ref b, ref c);
                Add(ref w, f[7], ref a, ref b, ref c);
                Add(ref w, f[8], ref a, ref b, ref c);
                Add(ref w, f[9], ref a, ref b, ref c);
                Add(ref w, f[10], ref a, ref b, ref c);
                Add(ref w, PosFeatures.Hash(15, word.Suffix2 * 64 + (ulong)prev), ref a, ref b, ref c);
                Add(ref w, f[11], ref a, ref b, ref c);
                int best = ArgMax(a, b, c);
                tags[i] = (byte)best;
                prev2 = prev;
                prev = best;
            }
        }
        finally
        {
            Verbatim.Text.BoundedPool<int>.Return(fixedFeatures);
        }
    }

    /// <summary>The first tag of the highest score, as the loop <c>if (scores[t] &gt; scores[best]) best = t</c> finds it
    /// (scores are finite: the first lane equal to the maximum), without a branch per tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ArgMax(Vector256<float> a, Vector256<float> b, float c)
    {
        var m = Vector256.Max(a, b);
        var half = Vector128.Max(m.GetLower(), m.GetUpper());
        half = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        half = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(1, 0, 3, 2)));
        float top = Math.Max(half.ToScalar(), c);
        var wanted = Vector256.Create(top);
        uint inA = Vector256.Equals(a, wanted).ExtractMostSignificantBits();
        if (inA != 0) return BitOperations.TrailingZeroCount(inA);
        uint inB = Vector256.Equals(b, wanted).ExtractMostSignificantBits();
        if (inB != 0) return 8 + BitOperations.TrailingZeroCount(inB);
        return 16;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref float weights, int feature, ref Vector256<float> a, ref Vector256<float> b, ref float c)
    {
        nuint at = (nuint)feature * Tags;
        a += Vector256.LoadUnsafe(ref weights, at);
        b += Vector256.LoadUnsafe(ref weights, at + 8);
        c += Unsafe.Add(ref weights, at + 16);
    }

    /// <summary>The reference decoding, feature by feature through <see cref="PosFeatures.Extract"/> (what training runs);
    /// kept to check the fast path against.</summary>
    internal void TagReference(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, Span<byte> tags)
    {
        Span<int> features = stackalloc int[MaxFeatures];
        Span<float> scores = stackalloc float[Tags];
        int prev = Start, prev2 = Start;
        for (int i = 0; i < tokens.Length; i++)
        {
            int n = PosFeatures.Extract(text, tokens, i, prev, prev2, features);
            scores.Clear();
            var w = Weights;
            for (int f = 0; f < n; f++)
            {
                int at = features[f] * Tags;
                for (int t = 0; t < Tags; t++) scores[t] += w[at + t];
            }
            int best = 0;
            for (int t = 1; t < Tags; t++) if (scores[t] > scores[best]) best = t;
            tags[i] = (byte)best;
            prev2 = prev;
            prev = best;
        }
    }

    private const uint Magic = 0x53504256; // "VBPS"

    /// <summary>Writes the weights as half-precision floats, gzip-compressed: small and byte-for-byte reproducible.</summary>
    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz);
        w.Write(Magic);
        w.Write(Bits);
        w.Write(Tags);
        foreach (var x in Weights) w.Write((Half)x);
    }

    public static PosTagger Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a Verbatim POS tagger model");
        if (r.ReadInt32() != Bits || r.ReadInt32() != Tags) throw new InvalidDataException("POS tagger model of another shape");
        var weights = new float[Size * Tags];
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)r.ReadHalf();
        return new PosTagger(weights);
    }

    private static PosTagger? LoadShipped()
    {
        using var stream = typeof(PosTagger).Assembly.GetManifestResourceStream("Verbatim.Resources.pos-tagger.bin");
        return stream is null ? null : Load(stream);
    }
}

/// <summary>The hashed features of one token for <see cref="PosTagger"/>; no allocation.</summary>
internal static class PosFeatures
{
    public static int Extract(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int i, int prev, int prev2, Span<int> into)
    {
        var word = Word(text, tokens, i);
        int n = 0;
        into[n++] = Hash(1, 0);
        ulong lower = Lower(word);
        into[n++] = Hash(2, lower);
        into[n++] = Hash(3, Lower(word.Length > 3 ? word[^3..] : word));
        into[n++] = Hash(4, word.Length > 0 ? char.ToLowerInvariant(word[0]) : 0UL);
        into[n++] = Hash(5, Shape(word));
        into[n++] = Hash(6, (ulong)prev);
        into[n++] = Hash(7, (ulong)(prev * 32 + prev2));
        into[n++] = Hash(8, lower * 31 + (ulong)prev);
        var before = Word(text, tokens, i - 1);
        var after = Word(text, tokens, i + 1);
        into[n++] = Hash(9, Lower(before));
        into[n++] = Hash(10, Lower(before.Length > 3 ? before[^3..] : before));
        into[n++] = Hash(11, Lower(after));
        into[n++] = Hash(12, Lower(after.Length > 3 ? after[^3..] : after));
        into[n++] = Hash(13, Lower(Word(text, tokens, i - 2)));
        into[n++] = Hash(14, Lower(Word(text, tokens, i + 2)));
        into[n++] = Hash(15, Lower(word.Length > 2 ? word[^2..] : word) * 64 + (ulong)prev);
        into[n++] = Hash(16, (i == 0 ? 1UL : 0) * 2 + (word.Length > 0 && char.IsUpper(word[0]) ? 1UL : 0));
        return n;
    }

    /// <summary>The values of a word outside the sentence: "&lt;s&gt;" before it, "&lt;/s&gt;" after it (and its last three characters).</summary>
    public static readonly ulong SentenceStart = Lower("<s>"), SentenceEnd = Lower("</s>"), SentenceEndSuffix = Lower("/s>");

    /// <summary>The per-word values the features read, once per token.</summary>
    public static void Words(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, Span<PosWord> into)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            var word = text[tokens[i].Start..tokens[i].End];
            into[i] = new PosWord(
                Lower(word),
                Lower(word.Length > 3 ? word[^3..] : word),
                Lower(word.Length > 2 ? word[^2..] : word),
                word.Length > 0 ? char.ToLowerInvariant(word[0]) : 0UL,
                Shape(word),
                word.Length > 0 && char.IsUpper(word[0]));
        }
    }

    private static ReadOnlySpan<char> Word(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int i) =>
        i < 0 ? "<s>" : i >= tokens.Length ? "</s>" : text[tokens[i].Start..tokens[i].End];

    private static ulong Shape(ReadOnlySpan<char> w)
    {
        ulong s = 0;
        foreach (char c in w)
        {
            if (char.IsUpper(c)) s |= 1;
            else if (char.IsLower(c)) s |= 2;
            else if (char.IsDigit(c)) s |= 4;
            else if (c == '-') s |= 8;
            else if (c is '.' or ',') s |= 16;
            else s |= 32;
        }
        if (w.Length > 0 && char.IsUpper(w[0])) s |= 64;
        return s | (ulong)Math.Min(w.Length, 6) << 8;
    }

    private static ulong Lower(ReadOnlySpan<char> w)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in w) { h ^= char.ToLowerInvariant(c); h *= 1099511628211UL; }
        return h;
    }

    public static int Hash(int template, ulong value)
    {
        ulong x = value * 0x9E3779B97F4A7C15UL ^ (ulong)template << 56 ^ (ulong)template;
        x ^= x >> 33; x *= 0xff51afd7ed558ccdUL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53UL; x ^= x >> 33;
        return (int)(x & (PosTagger.Size - 1));
    }
}

/// <summary>What <see cref="PosFeatures"/> reads of one word: its lower-case hash, that of its last three and two
/// characters, its first character in lower case, its shape, and whether it starts upper case.</summary>
internal readonly record struct PosWord(ulong Lower, ulong Suffix3, ulong Suffix2, ulong First, ulong Shape, bool Upper);

/// <summary>One sentence of a treebank: the words as one text with their token spans, and the gold tags.</summary>
public sealed record PosSentence(string Text, Token[] Tokens, byte[] Gold);

/// <summary>Reads UD CoNLL-U (gzip or plain) sentences: the words (multi-word token lines skipped) and their UPOS tags.</summary>
public static class ConlluReader
{
    /// <summary>The treebank's sentences as the dependency reader reads them, keeping the words and their tags.</summary>
    public static IEnumerable<PosSentence> Read(string path) =>
        DependencyTreebank.ReadConllu(path).Select(s => new PosSentence(s.Text, s.Tokens, s.Pos));
}

/// <summary>Trains <see cref="PosTagger"/>: averaged perceptron, sentences in a seeded shuffled order per epoch.</summary>
public static class PosTaggerTrainer
{
    public static PosTagger Train(IReadOnlyList<PosSentence> data, int epochs, int seed = 17, Action<string>? log = null)
    {
        var w = new float[PosTagger.Size * PosTagger.Tags];
        var u = new double[w.Length];
        var order = Enumerable.Range(0, data.Count).ToArray();
        var random = new Random(seed);
        Span<int> features = stackalloc int[PosTagger.MaxFeatures];
        Span<float> scores = stackalloc float[PosTagger.Tags];
        double c = 1;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            int wrong = 0, total = 0;
            foreach (var si in order)
            {
                var s = data[si];
                int prev = PosTagger.Start, prev2 = PosTagger.Start;
                for (int i = 0; i < s.Tokens.Length; i++)
                {
                    int n = PosFeatures.Extract(s.Text, s.Tokens, i, prev, prev2, features);
                    scores.Clear();
                    for (int f = 0; f < n; f++)
                    {
                        int at = features[f] * PosTagger.Tags;
                        for (int t = 0; t < PosTagger.Tags; t++) scores[t] += w[at + t];
                    }
                    int guess = 0;
                    for (int t = 1; t < PosTagger.Tags; t++) if (scores[t] > scores[guess]) guess = t;
                    int gold = s.Gold[i];
                    total++;
                    if (guess != gold)
                    {
                        wrong++;
                        for (int f = 0; f < n; f++)
                        {
                            int at = features[f] * PosTagger.Tags;
                            w[at + gold] += 1; u[at + gold] += c;
                            w[at + guess] -= 1; u[at + guess] -= c;
                        }
                    }
                    c++;
                    // The history is the tagger's own guesses, as at run time.
                    prev2 = prev;
                    prev = guess;
                }
            }
            log?.Invoke($"pos epoch {epoch + 1}: {wrong} of {total} words tagged wrong ({100.0 * wrong / Math.Max(1, total):F2}%)");
        }
        for (int i = 0; i < w.Length; i++) w[i] -= (float)(u[i] / c);
        return new PosTagger(w);
    }

    /// <summary>Share of words whose predicted tag is the gold one.</summary>
    public static double Accuracy(PosTagger tagger, IEnumerable<PosSentence> data)
    {
        long right = 0, total = 0;
        foreach (var s in data)
        {
            var tags = new byte[s.Tokens.Length];
            tagger.Tag(s.Text, s.Tokens, tags);
            for (int i = 0; i < tags.Length; i++) { total++; if (tags[i] == s.Gold[i]) right++; }
        }
        return total == 0 ? 0 : (double)right / total;
    }
}
