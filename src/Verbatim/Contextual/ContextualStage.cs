using Verbatim.Pipeline;

namespace Verbatim.Contextual;

/// <summary>A contextual vector for every token of a document (the accurate mode's encoder, MiniLM, lives in
/// <c>Verbatim.Accurate</c> so that the library itself carries no ONNX runtime).</summary>
public interface ITokenEncoder
{
    /// <summary>Floats per token.</summary>
    int Dimensions { get; }

    /// <summary>Token-major vectors, <see cref="Dimensions"/> floats per token; thread-safe.</summary>
    float[] Encode(Document document);
}

/// <summary>
/// The accurate mode's stage (<c>contextual</c>, right after part of speech): the encoder's vector of every token, reduced
/// to <see cref="Groups"/> codes of <see cref="Bits"/> bits each by random hyperplanes (the sign of the vector's projection
/// on each; a fixed seed, so the same text always gives the same codes). The content tagger reads each code as a feature
/// (<see cref="Document.ContextCodes"/>): a token's place in MiniLM's space, as word clusters are its place among words.
/// Not in the default pipeline: MiniLM runs at a few thousand words per second per core.
/// </summary>
/// <param name="cache">Keep each article's codes (training runs the same articles through several pipelines).</param>
public sealed class ContextualStage(ITokenEncoder encoder, bool cache = false) : IStage
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Article, ushort[]>? _cache = cache ? new(ReferenceEqualityComparer.Instance) : null;

    public const int Groups = 16;
    public const int Bits = 8;
    private const int Seed = 20261201;

    public string Name => "contextual";

    /// <summary>Groups × Bits hyperplanes of the encoder's dimensions each, Gaussian, from a fixed seed.</summary>
    private readonly float[] _planes = MakePlanes(encoder.Dimensions);

    private static float[] MakePlanes(int dimensions)
    {
        var random = new Random(Seed);
        var planes = new float[Groups * Bits * dimensions];
        for (int i = 0; i < planes.Length; i += 2)
        {
            // Box–Muller: two normal draws from two uniform ones.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            planes[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < planes.Length) planes[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
        return planes;
    }

    public void Run(Document doc)
    {
        int n = doc.Tokens.Count;
        if (n == 0) return;
        if (_cache is not null && _cache.TryGetValue(doc.Article, out var known) && known.Length == n * Groups)
        {
            doc.ContextCodes = known;
            return;
        }
        var codes = Codes(encoder.Encode(doc), n, encoder.Dimensions, _planes);
        doc.ContextCodes = codes;
        _cache?.TryAdd(doc.Article, codes);
    }

    private static ushort[] Codes(float[] vectors, int n, int dims, float[] planeData)
    {
        if (vectors.Length != n * dims) throw new InvalidOperationException($"the encoder gave {vectors.Length} floats for {n} tokens of {dims}");
        var codes = new ushort[n * Groups];
        var planes = planeData.AsSpan();
        for (int k = 0; k < n; k++)
        {
            var v = vectors.AsSpan(k * dims, dims);
            for (int g = 0; g < Groups; g++)
            {
                int code = 0;
                for (int b = 0; b < Bits; b++)
                {
                    var plane = planes.Slice((g * Bits + b) * dims, dims);
                    float dot = Dot(v, plane);
                    if (dot > 0) code |= 1 << b;
                }
                codes[k * Groups + g] = (ushort)code;
            }
        }
        return codes;
    }

    // Sequential in index order, so the sum (and a code's sign at the margin) does not depend on the machine's vector width.
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
