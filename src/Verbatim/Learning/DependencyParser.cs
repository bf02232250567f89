using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// A labelled dependency parser: greedy arc-hybrid transitions (the root after the last word, see
/// <see cref="ParseState"/>) chosen by an averaged perceptron over <see cref="DependencyFeatures.Count"/> hashed features
/// of the configuration (words, POS tags, children and their labels, distance, valency, commas between), each of its
/// 2^<see cref="Bits"/> rows holding one weight per transition (SHIFT, LEFT-l, RIGHT-l for the
/// <see cref="DependencyLabels.Count"/> labels) as 16-bit integers summed exactly. Parses one sentence at a time over
/// Verbatim's own tokens and POS tags; every parse is a projective tree. Trained by <see cref="DependencyParserTrainer"/>;
/// the weights are data (Resources/dependency-parser.bin), loaded once per process.
/// </summary>
public sealed class DependencyParser
{
    public const int Bits = 18;
    public const int Size = 1 << Bits;
    /// <summary>SHIFT, then LEFT-l, then RIGHT-l for every label l.</summary>
    public const int Actions = 1 + 2 * DependencyLabels.Count;
    /// <summary>Weights per row: the actions rounded up to whole 256-bit vectors of 16-bit integers.</summary>
    public const int Stride = (Actions + 15) / 16 * 16;

    internal readonly short[] Weights; // Size × Stride
    internal readonly float Scale;

    internal DependencyParser(short[] weights, float scale)
    {
        if (weights.Length != Size * Stride) throw new ArgumentException("wrong weight table size", nameof(weights));
        Weights = weights;
        Scale = scale;
    }

    /// <summary>Averaged weights under this share of the largest one are dropped: they hardly ever decide a move, and
    /// keeping them made the shipped model 9.6 MB instead of 3.3 (UD EWT dev UAS 0.807 with them, 0.804 without).</summary>
    internal const float PruneShare = 1f / 50;

    /// <summary>From trained weights (Size × Stride floats): the small ones dropped, the rest quantised to 16-bit integers with one scale.</summary>
    internal static DependencyParser Quantise(float[] weights)
    {
        float max = 0;
        foreach (var x in weights) max = Math.Max(max, Math.Abs(x));
        float scale = max == 0 ? 1 : max / 32000;
        float prune = max * PruneShare;
        var q = new short[weights.Length];
        for (int i = 0; i < q.Length; i++)
            q[i] = Math.Abs(weights[i]) < prune ? (short)0 : (short)Math.Round(weights[i] / scale);
        return new DependencyParser(q, scale);
    }

    private static readonly Lazy<DependencyParser?> Shipped = new(LoadShipped);

    /// <summary>The parser shipped with the library, or null when the build has no model.</summary>
    public static DependencyParser? Default => Shipped.Value;

    /// <summary>
    /// Parses one sentence given as spans of <paramref name="text"/> with its POS tags: per word its head (an index into
    /// <paramref name="tokens"/>, -1 for the root) and its label (<see cref="DependencyLabels.Names"/>).
    /// </summary>
    public void Parse(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, ReadOnlySpan<byte> pos, Span<int> heads, Span<byte> labels)
    {
        int n = tokens.Length;
        if (n == 0) return;
        if (pos.Length < n || heads.Length < n || labels.Length < n) throw new ArgumentException("the POS, head and label spans must hold a value per token");
        var words = BoundedPool<ulong>.Rent(2 * n);
        var ints = BoundedPool<int>.Rent(ParseState.IntsFor(n) + n + 1);
        var lab = BoundedPool<byte>.Rent(n + 1);
        try
        {
            DependencyFeatures.Words(text, tokens, words);
            var commas = ints.AsSpan(ParseState.IntsFor(n), n + 1);
            DependencyFeatures.Commas(text, tokens, commas);
            ParseSentence(words.AsSpan(0, 2 * n), pos[..n], commas, ints, lab, heads, labels, 0);
        }
        finally
        {
            BoundedPool<ulong>.Return(words);
            BoundedPool<int>.Return(ints);
            BoundedPool<byte>.Return(lab);
        }
    }

    /// <summary>Parses every sentence of a document tagged for part of speech: per token its head (a document token
    /// index, -1 for a sentence's root) and label.</summary>
    public (int[] Heads, byte[] Labels) Parse(Document doc)
    {
        int count = doc.Tokens.Count;
        var heads = new int[count];
        var labels = new byte[count];
        if (count == 0) return (heads, labels);
        if (doc.PosTags.Length != count) throw new InvalidOperationException("the dependency parser reads POS tags: run the pos stage first");
        var tokens = CollectionsMarshal.AsSpan(doc.Tokens);
        int longest = 0;
        foreach (var s in doc.Sentences) longest = Math.Max(longest, s.EndToken - s.FirstToken);
        var words = BoundedPool<ulong>.Rent(2 * longest);
        var ints = BoundedPool<int>.Rent(ParseState.IntsFor(longest) + longest + 1);
        var lab = BoundedPool<byte>.Rent(longest + 1);
        try
        {
            foreach (var s in doc.Sentences)
            {
                int first = s.FirstToken, n = s.EndToken - s.FirstToken;
                if (n == 0) continue;
                DependencyFeatures.Words(doc.Text, tokens.Slice(first, n), words);
                var commas = ints.AsSpan(ParseState.IntsFor(n), n + 1);
                DependencyFeatures.Commas(doc.Text, tokens.Slice(first, n), commas);
                ParseSentence(words.AsSpan(0, 2 * n), doc.PosTags.AsSpan(first, n), commas, ints, lab,
                    heads.AsSpan(first, n), labels.AsSpan(first, n), first);
            }
        }
        finally
        {
            BoundedPool<ulong>.Return(words);
            BoundedPool<int>.Return(ints);
            BoundedPool<byte>.Return(lab);
        }
        return (heads, labels);
    }

    /// <summary>Greedy decoding of one sentence (<paramref name="words"/>: the n word hashes, then the n suffix hashes);
    /// heads come out offset by <paramref name="offset"/> (-1 stays the root).</summary>
    private void ParseSentence(ReadOnlySpan<ulong> words, ReadOnlySpan<byte> pos, ReadOnlySpan<int> commas, Span<int> ints, Span<byte> lab,
        Span<int> heads, Span<byte> labels, int offset)
    {
        int n = pos.Length;
        var st = new ParseState(n, ints, lab);
        Span<int> features = stackalloc int[DependencyFeatures.Count];
        Span<int> scores = stackalloc int[Stride];
        while (!st.Done)
        {
            // Forced moves need no scores: SHIFT onto an empty stack, the last word on the stack to the root.
            if (st.Depth == 0) { st.Apply(0); continue; }
            if (st.B == n && st.Depth == 1) { st.Apply(1); continue; }
            DependencyFeatures.Extract(st, words, pos, commas, features);
            Score(features, scores);
            st.Apply(Best<int>(st, scores));
        }
        for (int i = 0; i < n; i++)
        {
            int h = st.Heads[i];
            heads[i] = h == n ? -1 : h + offset;
            labels[i] = st.Labels[i];
        }
    }

    /// <summary>The scores of every action: the rows of the features summed as 32-bit integers (exact, order-free).</summary>
    private void Score(ReadOnlySpan<int> features, Span<int> scores)
    {
        ref short w = ref MemoryMarshal.GetArrayDataReference(Weights);
        // First one read in each cache line of every row: the misses overlap instead of following one another.
        int touch = 0;
        foreach (int f in features)
        {
            nuint at = (nuint)f * Stride;
            touch += Unsafe.Add(ref w, at) + Unsafe.Add(ref w, at + 32) + Unsafe.Add(ref w, at + 64) + Unsafe.Add(ref w, at + Stride - 1);
        }
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default, a8 = default, a9 = default;
        foreach (int f in features)
        {
            nuint at = (nuint)f * Stride;
            var (l, h) = Vector256.Widen(Vector256.LoadUnsafe(ref w, at)); a0 += l; a1 += h;
            (l, h) = Vector256.Widen(Vector256.LoadUnsafe(ref w, at + 16)); a2 += l; a3 += h;
            (l, h) = Vector256.Widen(Vector256.LoadUnsafe(ref w, at + 32)); a4 += l; a5 += h;
            (l, h) = Vector256.Widen(Vector256.LoadUnsafe(ref w, at + 48)); a6 += l; a7 += h;
            (l, h) = Vector256.Widen(Vector256.LoadUnsafe(ref w, at + 64)); a8 += l; a9 += h;
        }
        ref int s = ref MemoryMarshal.GetReference(scores);
        a0.StoreUnsafe(ref s, 0); a1.StoreUnsafe(ref s, 8); a2.StoreUnsafe(ref s, 16); a3.StoreUnsafe(ref s, 24); a4.StoreUnsafe(ref s, 32);
        a5.StoreUnsafe(ref s, 40); a6.StoreUnsafe(ref s, 48); a7.StoreUnsafe(ref s, 56); a8.StoreUnsafe(ref s, 64); a9.StoreUnsafe(ref s, 72);
        scores[Stride - 1] = touch; // a padding lane no action reads: keeps the reads above
    }

    /// <summary>The valid action of the highest score, the lowest action index on a tie.</summary>
    internal static int Best<T>(in ParseState st, ReadOnlySpan<T> scores) where T : INumber<T>
    {
        int best = -1;
        T top = T.Zero;
        if (st.CanShift) { best = 0; top = scores[0]; }
        if (st.CanLeft(root: true) && (best < 0 || scores[1] > top)) { best = 1; top = scores[1]; }
        if (st.CanLeft(root: false))
            for (int a = 2; a <= DependencyLabels.Count; a++)
                if (best < 0 || scores[a] > top) { best = a; top = scores[a]; }
        if (st.CanRight)
            for (int a = DependencyLabels.Count + 2; a < Actions; a++)
                if (best < 0 || scores[a] > top) { best = a; top = scores[a]; }
        if (best < 0) throw new InvalidOperationException("no valid transition");
        return best;
    }

    private const uint Magic = 0x50444256; // "VBDP"
    private const int Version = 1;

    /// <summary>Writes the scale and the non-zero weight rows (16-bit integers, column by column), gzip-compressed:
    /// the same model always gives the same bytes.</summary>
    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz);
        w.Write(Magic);
        w.Write(Version);
        w.Write(Bits);
        w.Write(Stride);
        w.Write(DependencyLabels.Count);
        w.Write(DependencyFeatures.Count);
        w.Write(Scale);
        SparseRows.Write(w, Weights, Size, Stride, Actions);
    }

    public static DependencyParser Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a Verbatim dependency parser model");
        if (r.ReadInt32() != Version) throw new InvalidDataException("the dependency parser model is of another version");
        if (r.ReadInt32() != Bits || r.ReadInt32() != Stride || r.ReadInt32() != DependencyLabels.Count || r.ReadInt32() != DependencyFeatures.Count)
            throw new InvalidDataException("the dependency parser model was trained with another feature table or label set");
        float scale = r.ReadSingle();
        var weights = SparseRows.Read(r, Size, Stride, Actions, "the dependency parser model");
        return new DependencyParser(weights, scale);
    }

    private static DependencyParser? LoadShipped()
    {
        using var stream = typeof(DependencyParser).Assembly.GetManifestResourceStream("Verbatim.Resources.dependency-parser.bin");
        return stream is null ? null : Load(stream);
    }
}

/// <summary>
/// Trains <see cref="DependencyParser"/>: a static arc-hybrid oracle over the projective sentences (the others are left
/// out and counted), an averaged perceptron updated on every configuration where the best valid action is not the
/// oracle's, sentences in a seeded shuffled order per epoch. POS tags come from the given tagger (as at run time) or,
/// without one, from the treebank. Single-threaded and deterministic: the same data gives the same bytes.
/// </summary>
public static class DependencyParserTrainer
{
    private sealed record Prepared(ulong[] Words, byte[] Pos, int[] Commas, int[] Gold, byte[] Labels);

    public static DependencyParser Train(IReadOnlyList<DependencySentence> data, PosTagger? tagger, int epochs, int seed = 23, Action<string>? log = null)
    {
        var prepared = new List<Prepared>(data.Count);
        int skipped = 0;
        foreach (var s in data)
        {
            if (s.Tokens.Length == 0) continue;
            if (!DependencyTreebank.IsTree(s.Heads) || !DependencyTreebank.IsProjective(s.Heads)) { skipped++; continue; }
            prepared.Add(Prepare(s, tagger));
        }
        log?.Invoke($"dependencies: {prepared.Count} sentences ({prepared.Sum(p => p.Pos.Length)} words) to train on, {skipped} non-projective left out");
        int longest = prepared.Count == 0 ? 1 : prepared.Max(p => p.Pos.Length);
        var ints = new int[ParseState.IntsFor(longest)];
        var lab = new byte[longest + 1];
        var pending = new int[longest + 1];
        var w = new float[DependencyParser.Size * DependencyParser.Stride];
        var u = new double[w.Length];
        var order = Enumerable.Range(0, prepared.Count).ToArray();
        var random = new Random(seed);
        Span<int> features = stackalloc int[DependencyFeatures.Count];
        Span<float> scores = stackalloc float[DependencyParser.Stride];
        double c = 1;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            long wrong = 0, total = 0;
            foreach (int si in order)
            {
                var p = prepared[si];
                int n = p.Pos.Length;
                var st = new ParseState(n, ints, lab);
                Pending(p.Gold, pending.AsSpan(0, n + 1));
                while (!st.Done)
                {
                    int gold = Oracle(st, p.Gold, p.Labels, pending);
                    if (gold < 0) break; // cannot happen on a projective tree
                    DependencyFeatures.Extract(st, p.Words, p.Pos, p.Commas, features);
                    Score(w, features, scores);
                    int guess = DependencyParser.Best<float>(st, scores);
                    total++;
                    if (guess != gold)
                    {
                        wrong++;
                        foreach (int f in features)
                        {
                            int at = f * DependencyParser.Stride;
                            w[at + gold] += 1; u[at + gold] += c;
                            w[at + guess] -= 1; u[at + guess] -= c;
                        }
                    }
                    c++;
                    Step(ref st, gold, pending);
                }
            }
            log?.Invoke($"dependencies epoch {epoch + 1}: {wrong} of {total} transitions wrong ({100.0 * wrong / Math.Max(1, total):F2}%)");
        }
        for (int i = 0; i < w.Length; i++) w[i] -= (float)(u[i] / c);
        return DependencyParser.Quantise(w);
    }

    private static Prepared Prepare(DependencySentence s, PosTagger? tagger)
    {
        int n = s.Tokens.Length;
        var words = new ulong[2 * n];
        DependencyFeatures.Words(s.Text, s.Tokens, words);
        var commas = new int[n + 1];
        DependencyFeatures.Commas(s.Text, s.Tokens, commas);
        byte[] pos;
        if (tagger is not null)
        {
            pos = new byte[n];
            tagger.Tag(s.Text, s.Tokens, pos);
        }
        else if (s.Pos.Length == n) pos = s.Pos;
        else throw new ArgumentException($"sentence '{s.Text}' has no POS tags and no tagger was given");
        var gold = s.Heads.Select(h => h < 0 ? n : h).ToArray();
        return new Prepared(words, pos, commas, gold, s.Labels);
    }

    private static void Pending(int[] gold, Span<int> pending)
    {
        pending.Clear();
        foreach (int h in gold) pending[h]++;
    }

    private static void Step(ref ParseState st, int action, int[] pending)
    {
        if (action != 0)
        {
            // The head is b0 (LEFT) or s1 (RIGHT): one gold child fewer to wait for.
            int head = action <= DependencyLabels.Count ? st.B : st.Stack[st.Depth - 2];
            pending[head]--;
        }
        st.Apply(action);
    }

    /// <summary>The static oracle: LEFT when s0's head is b0, RIGHT when it is s1 and s0 has all its children, else SHIFT;
    /// -1 when stuck (a non-projective tree).</summary>
    internal static int Oracle(in ParseState st, ReadOnlySpan<int> gold, ReadOnlySpan<byte> labels, ReadOnlySpan<int> pending)
    {
        int n = st.N;
        if (st.Depth >= 1)
        {
            int s0 = st.Stack[st.Depth - 1];
            if (gold[s0] == st.B && pending[s0] == 0)
            {
                if (st.B < n && labels[s0] != DependencyLabels.Root) return 1 + labels[s0];
                if (st.B == n && st.Depth == 1) return 1;
            }
            if (st.Depth >= 2 && gold[s0] == st.Stack[st.Depth - 2] && pending[s0] == 0 && labels[s0] != DependencyLabels.Root)
                return 1 + DependencyLabels.Count + labels[s0];
        }
        return st.CanShift ? 0 : -1;
    }

    /// <summary>Replays the oracle on a sentence: the heads and labels it builds (null when it gets stuck).</summary>
    internal static (int[] Heads, byte[] Labels)? OracleParse(DependencySentence s)
    {
        int n = s.Tokens.Length;
        var gold = s.Heads.Select(h => h < 0 ? n : h).ToArray();
        var pending = new int[n + 1];
        Pending(gold, pending);
        var st = new ParseState(n, new int[ParseState.IntsFor(n)], new byte[n + 1]);
        while (!st.Done)
        {
            int a = Oracle(st, gold, s.Labels, pending);
            if (a < 0) return null;
            Step(ref st, a, pending);
        }
        var heads = new int[n];
        var labels = new byte[n];
        for (int i = 0; i < n; i++) { heads[i] = st.Heads[i] == n ? -1 : st.Heads[i]; labels[i] = st.Labels[i]; }
        return (heads, labels);
    }

    private static void Score(float[] weights, ReadOnlySpan<int> features, Span<float> scores)
    {
        scores.Clear();
        ref float s = ref MemoryMarshal.GetReference(scores);
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        foreach (int f in features)
        {
            nuint at = (nuint)f * DependencyParser.Stride;
            for (nuint k = 0; k < DependencyParser.Stride; k += 8)
                (Vector256.LoadUnsafe(ref s, k) + Vector256.LoadUnsafe(ref w0, at + k)).StoreUnsafe(ref s, k);
        }
    }
}
