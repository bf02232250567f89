using System.Runtime.Intrinsics;

namespace Verbatim.Learning;

/// <summary>
/// Cheap distributional word clusters, computed deterministically: each frequent word (lower case, digits as 0) gets the
/// positive PMI of its neighbours (two words each side, among the most frequent words) projected onto a fixed pseudo-random
/// basis, normalised and quantised to integers; spherical k-means (integer dot products, fixed initialisation) gives fine
/// clusters, and k-means over their centroids gives coarse ones. Integer arithmetic where order could matter, so the
/// same texts give the same clusters on every machine.
/// </summary>
public static class WordClusterer
{
    public const int Dim = 128;

    public sealed record Options(int MinCount = 3, int MaxVocabulary = 40000, int ContextWords = 1000, int Fine = 256, int Coarse = 32, int Iterations = 8);

    /// <summary>Clusters the words of <paramref name="docs"/>: lower-case word hash → fine | coarse &lt;&lt; 16.</summary>
    public static Dictionary<ulong, uint> Build(IEnumerable<EntityDocument> docs, Options? options = null, Action<string>? log = null)
    {
        var o = options ?? new Options();
        // 1. Word frequencies and the sequence of word hashes (sentence breaks as 0).
        var counts = new Dictionary<ulong, int>();
        var stream = new List<ulong>();
        foreach (var d in docs)
            foreach (var s in d.Sentences)
            {
                for (int i = s.FirstToken; i < s.EndToken; i++)
                {
                    var t = d.Tokens[i];
                    ulong h = WordHash.Lower(d.Text.AsSpan(t.Start, t.Length));
                    if (h == 0) h = 1;
                    stream.Add(h);
                    counts[h] = counts.GetValueOrDefault(h) + 1;
                }
                stream.Add(0);
            }
        var vocab = counts.Where(kv => kv.Value >= o.MinCount)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(o.MaxVocabulary).Select(kv => kv.Key).ToArray();
        var index = new Dictionary<ulong, int>(vocab.Length);
        for (int i = 0; i < vocab.Length; i++) index[vocab[i]] = i;
        int contexts = Math.Min(o.ContextWords, vocab.Length);
        int v = vocab.Length;
        log?.Invoke($"clusters: {stream.Count} tokens, {counts.Count} words, {v} clustered");
        if (v < o.Fine) return [];

        // 2. (word, position × context word) pairs, counted by sorting.
        var ids = new int[stream.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = stream[i] == 0 ? -2 : index.TryGetValue(stream[i], out int x) ? x : -1;
        var pairs = new List<long>();
        int[] offsets = [-2, -1, 1, 2];
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0) continue;
            for (int p = 0; p < offsets.Length; p++)
            {
                int j = i + offsets[p];
                if (j < 0 || j >= ids.Length) continue;
                // Do not look across a sentence break.
                if (offsets[p] == -2 && ids[i - 1] == -2 || offsets[p] == 2 && ids[i + 1] == -2) continue;
                int c = ids[j];
                if (c == -2 || c >= contexts) continue;
                int ctx = p * (contexts + 1) + (c < 0 ? contexts : c);
                pairs.Add((long)ids[i] * (4 * (contexts + 1)) + ctx);
            }
        }
        var sorted = pairs.ToArray();
        Array.Sort(sorted);
        int ctxCount = 4 * (contexts + 1);
        var wordTotal = new long[v];
        var ctxTotal = new long[ctxCount];
        long total = sorted.Length;
        foreach (long key in sorted) { wordTotal[key / ctxCount]++; ctxTotal[key % ctxCount]++; }

        // 3. PPMI rows projected onto a fixed ±1 basis, normalised, quantised.
        var vectors = new int[v * Dim];
        var acc = new double[Dim];
        int at = 0;
        for (int w = 0; w < v; w++)
        {
            Array.Clear(acc);
            while (at < sorted.Length && sorted[at] / ctxCount == w)
            {
                long key = sorted[at];
                int run = 0;
                while (at < sorted.Length && sorted[at] == key) { run++; at++; }
                int ctx = (int)(key % ctxCount);
                double pmi = Math.Log((double)run * total / ((double)wordTotal[w] * ctxTotal[ctx]));
                if (pmi <= 0) continue;
                for (int d = 0; d < Dim; d += 64)
                {
                    ulong bits = WordHash.Mix((ulong)ctx * 0x9E3779B97F4A7C15UL + (ulong)d + 12345);
                    for (int b = 0; b < 64; b++) acc[d + b] += (bits >> b & 1) != 0 ? pmi : -pmi;
                }
            }
            Quantise(acc, vectors.AsSpan(w * Dim, Dim));
        }

        // 4. Spherical k-means: fine clusters from words, spread initialisation over the frequency ranks.
        var fine = KMeans(vectors, v, o.Fine, o.Iterations, out var fineCentroids);
        var coarseOfFine = KMeans(fineCentroids, o.Fine, o.Coarse, o.Iterations, out _);
        var result = new Dictionary<ulong, uint>(v);
        for (int w = 0; w < v; w++) result[vocab[w]] = (uint)fine[w] | (uint)coarseOfFine[fine[w]] << 16;
        log?.Invoke($"clusters: {o.Fine} fine, {o.Coarse} coarse");
        return result;
    }

    private static void Quantise(ReadOnlySpan<double> x, Span<int> into)
    {
        double norm = 0;
        foreach (double a in x) norm += a * a;
        norm = Math.Sqrt(norm);
        for (int d = 0; d < x.Length; d++) into[d] = norm == 0 ? 0 : (int)Math.Round(x[d] / norm * 1000);
    }

    private static int[] KMeans(int[] vectors, int n, int k, int iterations, out int[] centroids)
    {
        centroids = new int[k * Dim];
        for (int c = 0; c < k; c++) vectors.AsSpan((int)((long)c * n / k) * Dim, Dim).CopyTo(centroids.AsSpan(c * Dim, Dim));
        var assign = new int[n];
        var sums = new long[k * Dim];
        var sizes = new int[k];
        var acc = new double[Dim];
        for (int it = 0; it < iterations; it++)
        {
            for (int w = 0; w < n; w++)
            {
                var x = vectors.AsSpan(w * Dim, Dim);
                long best = long.MinValue;
                int arg = 0;
                for (int c = 0; c < k; c++)
                {
                    long dot = Dot(x, centroids.AsSpan(c * Dim, Dim));
                    if (dot > best) { best = dot; arg = c; }
                }
                assign[w] = arg;
            }
            Array.Clear(sums);
            Array.Clear(sizes);
            for (int w = 0; w < n; w++)
            {
                sizes[assign[w]]++;
                for (int d = 0; d < Dim; d++) sums[assign[w] * Dim + d] += vectors[w * Dim + d];
            }
            for (int c = 0; c < k; c++)
            {
                if (sizes[c] == 0) continue; // an empty cluster keeps its centroid
                for (int d = 0; d < Dim; d++) acc[d] = sums[c * Dim + d];
                Quantise(acc, centroids.AsSpan(c * Dim, Dim));
            }
        }
        return assign;
    }

    private static long Dot(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        // Products of values ≤ 1000 summed over 128 dimensions fit an int exactly.
        var sum = Vector256<int>.Zero;
        int d = 0;
        for (; d + 8 <= a.Length; d += 8) sum += Vector256.Create(a.Slice(d, 8)) * Vector256.Create(b.Slice(d, 8));
        int s = Vector256.Sum(sum);
        for (; d < a.Length; d++) s += a[d] * b[d];
        return s;
    }
}
