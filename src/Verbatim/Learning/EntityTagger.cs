using System.IO.Compression;
using System.Runtime.InteropServices;
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
    private const int Version = 1;

    internal readonly float[] Weights;      // Size × T
    internal readonly float[] Transitions;  // (T + 1) × T: row T is the sentence start
    public EntityLexicon Lexicon { get; }

    internal EntityTagger(float[] weights, float[] transitions, EntityLexicon lexicon)
    {
        Weights = weights;
        Transitions = transitions;
        Lexicon = lexicon;
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
            Decode(ws, s.FirstToken, s.EndToken, Weights, Transitions, tags[s.FirstToken..s.EndToken]);
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

        public void Ensure(int len)
        {
            if (Emit.Length >= len * T) return;
            int size = Math.Max(len, Emit.Length / T * 2) * T;
            Emit = new float[size];
            Score = new float[size];
            Back = new byte[size];
        }
    }

    /// <summary>Viterbi over the sentence [first, end) with the given weights; writes the best BILOU sequence.</summary>
    internal static void Decode(Workspace ws, int first, int end, float[] weights, float[] transitions, Span<byte> tags)
    {
        int len = end - first;
        ws.Ensure(len);
        var emit = ws.Emit.AsSpan(0, len * T);
        emit.Clear();
        Span<int> buffer = stackalloc int[EntityFeatures.MaxFeatures];
        for (int k = 0; k < len; k++)
        {
            int count = ws.Features.Extract(first + k, first, end, buffer);
            var e = emit.Slice(k * T, T);
            for (int f = 0; f < count; f++)
            {
                var row = weights.AsSpan(buffer[f] * T, T);
                for (int t = 0; t < T; t++) e[t] += row[t];
            }
        }
        var score = ws.Score;
        var back = ws.Back;
        for (int t = 0; t < T; t++)
            score[t] = EntityTags.Allowed(EntityTags.Start, t) ? transitions[EntityTags.Start * T + t] + emit[t] : float.NegativeInfinity;
        for (int k = 1; k < len; k++)
        {
            for (int t = 0; t < T; t++)
            {
                float best = float.NegativeInfinity;
                byte arg = 0;
                for (int p = 0; p < T; p++)
                {
                    if (!Allowed[p * T + t]) continue;
                    float v = score[(k - 1) * T + p] + transitions[p * T + t];
                    if (v > best) { best = v; arg = (byte)p; }
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

    private static readonly bool[] Allowed = BuildAllowed();

    private static bool[] BuildAllowed()
    {
        var a = new bool[T * T];
        for (int p = 0; p < T; p++)
            for (int t = 0; t < T; t++) a[p * T + t] = EntityTags.Allowed(p, t);
        return a;
    }

    // ------------------------------------------------------------------ storage

    /// <summary>Writes the model: word tables, transitions, then the non-zero weight rows as half floats, gzip-compressed.
    /// The same model always gives the same bytes.</summary>
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
        int rows = 0;
        for (int i = 0; i < EntityFeatures.Size; i++)
            if (!RowIsZero(i)) rows++;
        w.Write(rows);
        int prev = -1;
        for (int i = 0; i < EntityFeatures.Size; i++)
        {
            if (RowIsZero(i)) continue;
            w.Write7BitEncodedInt(i - prev);
            prev = i;
        }
        for (int i = 0; i < EntityFeatures.Size; i++)
        {
            if (RowIsZero(i)) continue;
            for (int t = 0; t < T; t++) w.Write((Half)Weights[i * T + t]);
        }
    }

    private bool RowIsZero(int row)
    {
        for (int t = 0; t < T; t++)
            if ((Half)Weights[row * T + t] != Half.Zero) return false;
        return true;
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
        int rows = r.ReadInt32();
        if (rows < 0 || rows > EntityFeatures.Size) throw new InvalidDataException("bad row count in the entity model");
        var index = new int[rows];
        int prev = -1;
        for (int k = 0; k < rows; k++)
        {
            prev += r.Read7BitEncodedInt();
            if (prev >= EntityFeatures.Size) throw new InvalidDataException("bad row index in the entity model");
            index[k] = prev;
        }
        var weights = new float[EntityFeatures.Size * T];
        foreach (int row in index)
            for (int t = 0; t < T; t++) weights[row * T + t] = (float)r.ReadHalf();
        return new EntityTagger(weights, transitions, lexicon);
    }

    private static EntityTagger? LoadShipped()
    {
        using var stream = typeof(EntityTagger).Assembly.GetManifestResourceStream("Verbatim.Resources.entity-tagger.bin");
        return stream is null ? null : Load(stream);
    }
}
