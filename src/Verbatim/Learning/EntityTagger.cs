using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// A named-entity tagger (PER, ORG, LOC, MISC): a structured averaged perceptron over hashed token features with
/// BILOU tags, decoded per sentence with Viterbi under the BILOU constraints, sentences in document order so that
/// later ones see the labels given to the same words before. Weights and word tables are data
/// (Resources/entity-tagger.bin), loaded once per process; <c>verbatim train</c> rebuilds them from CoNLL-2003 train.
/// </summary>
public sealed class EntityTagger
{
    private const int T = EntityTags.Count;
    private const int Magic = 0x54454256; // "VBET"
    private const int Version = 2;
    /// <summary>Stored weights a feature row: one per tag but O. A row's O weight is subtracted from the others, which
    /// shifts every tag's score of a token by the same amount and so changes no decision.</summary>
    internal const int Stride = 16;

    internal readonly short[] Weights;      // Size × Stride, scores relative to O, in units of Scale
    internal readonly float Scale;
    internal readonly float[] Transitions;  // (T + 1) × T: row T is the sentence start
    public EntityLexicon Lexicon { get; }

    internal EntityTagger(short[] weights, float scale, float[] transitions, EntityLexicon lexicon)
    {
        Weights = weights;
        Scale = scale;
        Transitions = transitions;
        Lexicon = lexicon;
    }

    /// <summary>From trained weights (Size × 17): relative to O, quantised to 16-bit integers with one scale.</summary>
    internal static EntityTagger FromTrained(float[] weights, float[] transitions, EntityLexicon lexicon)
    {
        float max = 0;
        for (int row = 0; row < EntityFeatures.Size; row++)
            for (int t = 1; t < T; t++) max = Math.Max(max, Math.Abs(weights[row * T + t] - weights[row * T]));
        float scale = max == 0 ? 1 : max / 32000;
        var q = new short[EntityFeatures.Size * Stride];
        for (int row = 0; row < EntityFeatures.Size; row++)
            for (int t = 1; t < T; t++)
                q[row * Stride + t - 1] = (short)Math.Round((weights[row * T + t] - weights[row * T]) / scale);
        return new EntityTagger(q, scale, transitions, lexicon);
    }

    private static readonly Lazy<EntityTagger?> Shipped = new(LoadShipped);

    /// <summary>The shipped model, or null when the library was built without one.</summary>
    public static EntityTagger? Default => Shipped.Value;

    [ThreadStatic] private static Workspace? _workspace;

    /// <summary>Tags every token of a pipeline document (tokens outside every sentence stay O).</summary>
    public byte[] Tag(Document doc)
    {
        var tags = new byte[doc.Tokens.Count];
        Tag(doc.Text, CollectionsMarshal.AsSpan(doc.Tokens), CollectionsMarshal.AsSpan(doc.Sentences), tags);
        return tags;
    }

    public byte[] Tag(EntityDocument doc)
    {
        var tags = new byte[doc.Tokens.Length];
        Tag(doc.Text, doc.Tokens, doc.Sentences, tags);
        return tags;
    }

    /// <summary>Tags <paramref name="tokens"/> of <paramref name="text"/> sentence by sentence into <paramref name="tags"/>.</summary>
    public void Tag(string text, ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences, Span<byte> tags)
    {
        var ws = _workspace ??= new Workspace();
        ws.Features.Prepare(text, tokens, sentences, Lexicon);
        tags.Clear();
        foreach (var s in sentences)
        {
            if (s.EndToken <= s.FirstToken) continue;
            Emit(ws, s.FirstToken, s.EndToken);
            Viterbi(ws, s.EndToken - s.FirstToken, Transitions, tags[s.FirstToken..s.EndToken]);
            ws.Features.Remember(s.FirstToken, tags[s.FirstToken..s.EndToken]);
        }
    }

    /// <summary>Reused buffers of one thread.</summary>
    internal sealed class Workspace
    {
        public readonly EntityFeatures Features = new();
        public float[] Emit = new float[128 * T];
        public float[] Score = new float[128 * T];
        public byte[] Back = new byte[128 * T];
        public int[] FeatureIndices = new int[128 * EntityFeatures.MaxFeatures];
        public int[] FeatureCounts = new int[128];

        public void Ensure(int len)
        {
            if (Emit.Length >= len * T) return;
            int tokens = Math.Max(len, Emit.Length / T * 2);
            Emit = new float[tokens * T];
            Score = new float[tokens * T];
            Back = new byte[tokens * T];
            FeatureIndices = new int[tokens * EntityFeatures.MaxFeatures];
            FeatureCounts = new int[tokens];
        }
    }

    /// <summary>Emission scores of the sentence [first, end) from the quantised weights into the workspace: first every
    /// token's feature indices, then the weight sums (a tight loop of independent loads).</summary>
    private void Emit(Workspace ws, int first, int end)
    {
        int len = end - first;
        ws.Ensure(len);
        var emit = ws.Emit;
        var features = ws.FeatureIndices;
        var counts = ws.FeatureCounts;
        for (int k = 0; k < len; k++)
            counts[k] = ws.Features.Extract(first + k, first, end, features.AsSpan(k * EntityFeatures.MaxFeatures, EntityFeatures.MaxFeatures));
        ref short w0 = ref MemoryMarshal.GetArrayDataReference(Weights);
        var scale = Vector256.Create(Scale);
        for (int k = 0; k < len; k++)
        {
            // A row is 16 shorts (32 bytes): one load, widened and summed as integers.
            var lo = Vector256<int>.Zero;
            var hi = Vector256<int>.Zero;
            var row = features.AsSpan(k * EntityFeatures.MaxFeatures, counts[k]);
            foreach (int f in row)
            {
                var (a, b) = Vector256.Widen(Vector256.LoadUnsafe(ref w0, (nuint)((uint)f * Stride)));
                lo += a;
                hi += b;
            }
            var e = emit.AsSpan(k * T, T);
            e[0] = 0;
            (Vector256.ConvertToSingle(lo) * scale).CopyTo(e[1..]);
            (Vector256.ConvertToSingle(hi) * scale).CopyTo(e[9..]);
        }
    }

    /// <summary>Emission scores from training weights (Size × 17, floats) into the workspace.</summary>
    internal static void EmitTraining(Workspace ws, int first, int end, float[] weights)
    {
        int len = end - first;
        ws.Ensure(len);
        var emit = ws.Emit;
        Span<int> buffer = stackalloc int[EntityFeatures.MaxFeatures];
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        for (int k = 0; k < len; k++)
        {
            int count = ws.Features.Extract(first + k, first, end, buffer);
            var a = Vector256<float>.Zero;
            var b = Vector256<float>.Zero;
            float c = 0;
            for (int f = 0; f < count; f++)
            {
                nuint at = (nuint)((uint)buffer[f] * T);
                a += Vector256.LoadUnsafe(ref w0, at);
                b += Vector256.LoadUnsafe(ref w0, at + 8);
                c += Unsafe.Add(ref w0, at + 16);
            }
            var e = emit.AsSpan(k * T, T);
            a.CopyTo(e);
            b.CopyTo(e[8..]);
            e[16] = c;
        }
    }

    /// <summary>Viterbi over the workspace's emission scores of <paramref name="len"/> tokens; writes the best BILOU sequence.</summary>
    internal static void Viterbi(Workspace ws, int len, float[] transitions, Span<byte> tags)
    {
        var emit = ws.Emit;
        var score = ws.Score;
        var back = ws.Back;
        for (int t = 0; t < T; t++)
            score[t] = EntityTags.Allowed(EntityTags.Start, t) ? transitions[EntityTags.Start * T + t] + emit[t] : float.NegativeInfinity;
        for (int k = 1; k < len; k++)
        {
            var prev = score.AsSpan((k - 1) * T, T);
            for (int t = 0; t < T; t++)
            {
                float best = float.NegativeInfinity;
                byte arg = 0;
                foreach (byte p in Predecessors[t])
                {
                    float v = prev[p] + transitions[p * T + t];
                    if (v > best) { best = v; arg = p; }
                }
                score[k * T + t] = best + emit[k * T + t];
                back[k * T + t] = arg;
            }
        }
        byte tag = 0;
        float top = float.NegativeInfinity;
        for (int t = 0; t < T; t++)
            if (EntityTags.CanEnd(t) && score[(len - 1) * T + t] > top) { top = score[(len - 1) * T + t]; tag = (byte)t; }
        for (int k = len - 1; k >= 0; k--)
        {
            tags[k] = tag;
            if (k > 0) tag = back[k * T + tag];
        }
    }

    /// <summary>Per tag, the tags that may come right before it, in increasing order.</summary>
    private static readonly byte[][] Predecessors = Enumerable.Range(0, T)
        .Select(t => Enumerable.Range(0, T).Where(p => EntityTags.Allowed(p, t)).Select(p => (byte)p).ToArray()).ToArray();

    // ------------------------------------------------------------------ storage

    /// <summary>Writes the model: word tables, transitions, the scale, then the non-zero weight rows (16-bit integers),
    /// gzip-compressed. The same model always gives the same bytes.</summary>
    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz);
        w.Write(Magic);
        w.Write(Version);
        w.Write(EntityFeatures.Bits);
        w.Write(T);
        Lexicon.Write(w);
        foreach (var t in Transitions) w.Write(t);
        w.Write(Scale);
        SparseRows.Write(w, Weights, EntityFeatures.Size, Stride, Stride);
    }

    public static EntityTagger Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var r = new BinaryReader(gz);
        if (r.ReadInt32() != Magic) throw new InvalidDataException("not a Verbatim entity tagger model");
        if (r.ReadInt32() != Version) throw new InvalidDataException("the entity model is of another version");
        if (r.ReadInt32() != EntityFeatures.Bits || r.ReadInt32() != T) throw new InvalidDataException("the entity model was trained with another feature table or tag set");
        var lexicon = EntityLexicon.Read(r);
        var transitions = new float[(T + 1) * T];
        for (int i = 0; i < transitions.Length; i++) transitions[i] = r.ReadSingle();
        float scale = r.ReadSingle();
        var weights = SparseRows.Read(r, EntityFeatures.Size, Stride, Stride, "the entity model");
        return new EntityTagger(weights, scale, transitions, lexicon);
    }

    private static EntityTagger? LoadShipped()
    {
        using var stream = typeof(EntityTagger).Assembly.GetManifestResourceStream("Verbatim.Resources.entity-tagger.bin");
        return stream is null ? null : Load(stream);
    }
}
