using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Verbatim.Pipeline;

namespace Verbatim.Learning;

/// <summary>
/// A structured averaged perceptron that tags each token O, B or I of a reported content, decoded per
/// paragraph with Viterbi. Weights are data (Resources/content-tagger.bin), loaded once per process;
/// <c>verbatim train</c> rebuilds them from PolNeAR train.
/// </summary>
public sealed class ContentTagger
{
    public const int O = 0, B = 1, I = 2, Tags = 3;

    internal readonly float[] Weights;      // Size * Tags
    internal readonly float[] Transitions;  // (Tags + 1) * Tags: row Tags is the start state

    internal ContentTagger(float[] weights, float[] transitions)
    {
        Weights = weights;
        Transitions = transitions;
    }

    /// <summary>The ranker that re-draws reported contents' edges, saved in the same file; null in older files.</summary>
    public ContentBoundaries? Boundaries { get; private init; }

    /// <summary>The ranker that gives a source to drafts the rules left without one; null in older files.</summary>
    public SourceSelector? Sources { get; private init; }

    /// <summary>The ranker that re-draws sources' and cues' edges; null in older files.</summary>
    public RoleBoundaries? Roles { get; private init; }

    /// <summary>The tagger of cues the lexicon lacks, run before the attribution rules; null in older files.</summary>
    public CueTagger? Cues { get; private init; }

    /// <summary>This tagger with a boundary ranker (the weights are shared, not copied).</summary>
    public ContentTagger WithBoundaries(ContentBoundaries? boundaries) => new(Weights, Transitions) { Boundaries = boundaries, Sources = Sources, Roles = Roles, Cues = Cues };

    /// <summary>This tagger with a source selector (the weights are shared, not copied).</summary>
    public ContentTagger WithSources(SourceSelector? sources) => new(Weights, Transitions) { Boundaries = Boundaries, Sources = sources, Roles = Roles, Cues = Cues };

    /// <summary>This tagger with a source and cue ranker (the weights are shared, not copied).</summary>
    public ContentTagger WithRoles(RoleBoundaries? roles) => new(Weights, Transitions) { Boundaries = Boundaries, Sources = Sources, Roles = roles, Cues = Cues };

    /// <summary>This tagger with a cue tagger (the weights are shared, not copied).</summary>
    public ContentTagger WithCues(CueTagger? cues) => new(Weights, Transitions) { Boundaries = Boundaries, Sources = Sources, Roles = Roles, Cues = cues };

    private static readonly Lazy<ContentTagger?> Shipped = new(LoadShipped);

    /// <summary>The shipped model, or null when the library was built without one.</summary>
    public static ContentTagger? Default => Shipped.Value;

    /// <summary>Tags every token of the document (O, B, I).</summary>
    public byte[] Tag(Document doc)
    {
        var active = ActiveTokens(doc);
        var features = new ContentFeatures(doc, rent: true, active);
        try
        {
            return Decode(doc, features, Weights, Transitions, active);
        }
        finally
        {
            features.Return();
        }
    }

    /// <summary>
    /// The tokens of the paragraphs worth tagging: those holding a cue, a quotation mark or a draft of the rules. Every
    /// later use of the tags starts from one of those (a draft to re-draw, a cue for a tagged run), so the other
    /// paragraphs (often a third of an article) are left O without reading their features. Null when all are needed.
    /// </summary>
    internal static bool[]? ActiveTokens(Document doc)
    {
        int n = doc.Tokens.Count;
        if (n == 0) return null;
        var para = doc.ParagraphOfToken;
        var needed = new bool[para[n - 1] + 1];
        foreach (var c in doc.Cues) needed[para[c.FirstToken]] = true;
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(doc.Tokens);
        for (int k = 0; k < n; k++)
            if (tokens[k].Kind == Text.TokenKind.QuoteMark) needed[para[k]] = true;
        foreach (var d in doc.Attributions)
        {
            foreach (var part in d.Content) MarkRange(doc, needed, part.Start, part.End);
            if (d.CueFirst >= 0) needed[para[d.CueFirst]] = true;
            if (d.SourceFirst >= 0) needed[para[d.SourceFirst]] = true;
        }
        if (Array.TrueForAll(needed, x => x)) return null;
        var active = new bool[n];
        for (int k = 0; k < n; k++) active[k] = needed[para[k]];
        return active;
    }

    private static void MarkRange(Document doc, bool[] needed, int start, int end)
    {
        int n = doc.Tokens.Count;
        int first = doc.TokenAtOrAfter(start);
        if (first >= n) return;
        int last = Math.Min(n - 1, doc.TokenAtOrAfter(Math.Max(start, end - 1)));
        for (int p = doc.ParagraphOfToken[first]; p <= doc.ParagraphOfToken[last]; p++) needed[p] = true;
    }

    /// <summary>Tokens whose feature indices are gathered before they are summed.</summary>
    private const int IndexBlock = 4096;

    internal static byte[] Decode(Document doc, ContentFeatures features, float[] weights, float[] transitions, bool[]? active = null)
    {
        int n = doc.Tokens.Count;
        var tags = new byte[n];
        // Working arrays from the shared pools: every cell read below is written first.
        var emit = Verbatim.Text.BoundedPool<float>.Rent(n * Tags);
        ref float w = ref MemoryMarshal.GetArrayDataReference(weights);
        // First the feature indices of a block of tokens, then their sums: a tight loop of independent reads, so that many
        // of the weight rows (a table far larger than the caches) are on their way at once. Blocks keep the index buffer
        // small whatever the article's length.
        int block = Math.Min(n, IndexBlock);
        var indices = Verbatim.Text.BoundedPool<int>.Rent(Math.Max(1, block * ContentFeatures.MaxFeatures));
        var ends = Verbatim.Text.BoundedPool<int>.Rent(block + 1);
        // A loaded model has one float of padding past its table: a row's three weights and the next one read as
        // one vector, the fourth lane ignored (each lane's sum is the scalar sum, in the same order).
        bool vector = weights.Length > ContentFeatures.Size * Tags && Vector128.IsHardwareAccelerated;
        try
        {
            for (int b0 = 0; b0 < n; b0 += IndexBlock)
            {
                int b1 = Math.Min(n, b0 + IndexBlock);
                int at0 = 0;
                for (int i = b0; i < b1; i++)
                {
                    if (active is null || active[i]) at0 += features.Extract(i, indices.AsSpan(at0, ContentFeatures.MaxFeatures));
                    ends[i - b0] = at0;
                }
                int from = 0;
                if (vector)
                {
                    for (int i = b0; i < b1; i++)
                    {
                        var sum = Vector128<float>.Zero;
                        foreach (int feature in indices.AsSpan(from, ends[i - b0] - from))
                            sum += Vector128.LoadUnsafe(ref w, (nuint)feature * Tags);
                        emit[i * Tags + O] = sum.GetElement(O);
                        emit[i * Tags + B] = sum.GetElement(B);
                        emit[i * Tags + I] = sum.GetElement(I);
                        from = ends[i - b0];
                    }
                }
                else for (int i = b0; i < b1; i++)
                {
                    // Each tag's sum in registers, adding the same weights in the same order as into the array.
                    float o = 0, bb = 0, ii = 0;
                    foreach (int feature in indices.AsSpan(from, ends[i - b0] - from))
                    {
                        nuint at = (nuint)feature * Tags;
                        o += Unsafe.Add(ref w, at + O);
                        bb += Unsafe.Add(ref w, at + B);
                        ii += Unsafe.Add(ref w, at + I);
                    }
                    emit[i * Tags + O] = o;
                    emit[i * Tags + B] = bb;
                    emit[i * Tags + I] = ii;
                    from = ends[i - b0];
                }
            }
        }
        finally
        {
            Verbatim.Text.BoundedPool<int>.Return(indices);
            Verbatim.Text.BoundedPool<int>.Return(ends);
        }
        // Viterbi per paragraph: a content never starts with I.
        int start = 0;
        var score = Verbatim.Text.BoundedPool<float>.Rent(n * Tags);
        var back = Verbatim.Text.BoundedPool<byte>.Rent(n * Tags);
        while (start < n)
        {
            int end = start + 1;
            while (end < n && doc.ParagraphOfToken[end] == doc.ParagraphOfToken[start]) end++;
            if (active is not null && !active[start]) { start = end; continue; } // left O
            for (int t = 0; t < Tags; t++)
                score[start * Tags + t] = t == I ? float.NegativeInfinity : transitions[Tags * Tags + t] + emit[start * Tags + t];
            for (int i = start + 1; i < end; i++)
            {
                for (int t = 0; t < Tags; t++)
                {
                    float best = float.NegativeInfinity;
                    byte arg = 0;
                    for (int p = 0; p < Tags; p++)
                    {
                        if (t == I && p == O) continue;
                        float v = score[(i - 1) * Tags + p] + transitions[p * Tags + t];
                        if (v > best) { best = v; arg = (byte)p; }
                    }
                    score[i * Tags + t] = best + emit[i * Tags + t];
                    back[i * Tags + t] = arg;
                }
            }
            byte tag = 0;
            float top = float.NegativeInfinity;
            for (int t = 0; t < Tags; t++)
                if (score[(end - 1) * Tags + t] > top) { top = score[(end - 1) * Tags + t]; tag = (byte)t; }
            for (int i = end - 1; i >= start; i--)
            {
                tags[i] = tag;
                if (i > start) tag = back[i * Tags + tag];
            }
            start = end;
        }
        Verbatim.Text.BoundedPool<float>.Return(emit);
        Verbatim.Text.BoundedPool<float>.Return(score);
        Verbatim.Text.BoundedPool<byte>.Return(back);
        return tags;
    }

    // ------------------------------------------------------------------ storage

    /// <summary>"VBC2": the second layout (gap-encoded rows, half-float columns: <see cref="SparseRows"/>).</summary>
    private const int Magic = 0x56424332;

    /// <summary>Writes the non-zero weights, gzip-compressed; the same model always gives the same bytes.</summary>
    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz);
        w.Write(Magic);
        w.Write(ContentFeatures.Bits);
        foreach (var t in Transitions) w.Write(t);
        SparseRows.Write(w, Weights, ContentFeatures.Size, Tags, Tags);
        Boundaries?.Save(w);
        Sources?.Save(w);
        Roles?.Save(w);
        Cues?.Save(w);
    }

    public static ContentTagger Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var r = new BinaryReader(gz);
        if (r.ReadInt32() != Magic) throw new InvalidDataException("not a Verbatim content tagger model of this version (retrain it with verbatim train)");
        if (r.ReadInt32() != ContentFeatures.Bits) throw new InvalidDataException("the model was trained with another feature table size");
        var transitions = new float[(Tags + 1) * Tags];
        for (int i = 0; i < transitions.Length; i++) transitions[i] = r.ReadSingle();
        // One float of padding past the table, so that decoding may read a row as a vector of four.
        var weights = SparseRows.ReadHalf(r, ContentFeatures.Size, Tags, Tags, "the content tagger model", padding: 1);
        var tagger = new ContentTagger(weights, transitions);
        // Optional sections follow: the content boundary ranker, the source selector, the source and cue ranker.
        while (true)
        {
            int marker;
            try { marker = r.ReadInt32(); }
            catch (EndOfStreamException) { return tagger; }
            tagger = marker switch
            {
                ContentBoundaries.Marker => tagger.WithBoundaries(ContentBoundaries.Load(r)),
                SourceSelector.Marker => tagger.WithSources(SourceSelector.Load(r)),
                RoleBoundaries.Marker => tagger.WithRoles(RoleBoundaries.Load(r)),
                CueTagger.Marker => tagger.WithCues(CueTagger.Load(r)),
                _ => throw new InvalidDataException("unknown section in the content tagger model"),
            };
        }
    }

    private static ContentTagger? LoadShipped() => LoadResource("Verbatim.Resources.content-tagger.bin");

    private static ContentTagger? LoadResource(string name)
    {
        using var stream = typeof(ContentTagger).Assembly.GetManifestResourceStream(name);
        return stream is null ? null : Load(stream);
    }

    private static readonly Lazy<ContentTagger?> ShippedAccurate = new(() => LoadResource("Verbatim.Resources.content-tagger-accurate.bin"));

    /// <summary>The accurate mode's shipped model (trained with MiniLM token features, <see cref="Contextual.ContextualStage"/>),
    /// or null when the library was built without one.</summary>
    public static ContentTagger? Accurate => ShippedAccurate.Value;
}
