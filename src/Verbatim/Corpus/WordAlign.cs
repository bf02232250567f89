using System.Buffers;

namespace Verbatim.Corpus;

/// <summary>Word-level edit distances over word hashes (two DP rows, pooled; no allocation per word).</summary>
public static class WordAlign
{
    /// <summary>Similarity of two whole word sequences: 1 − Levenshtein(a, b) / max(|a|, |b|).</summary>
    public static double Similarity(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var max = Math.Max(a.Length, b.Length);
        if (max == 0) return 1;
        return 1 - (double)Distance(a, b) / max;
    }

    /// <summary>Levenshtein distance between two word sequences (substitution, insertion, deletion cost 1).</summary>
    public static int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var rent = ArrayPool<int>.Shared.Rent(2 * (b.Length + 1));
        try
        {
            var prev = rent.AsSpan(0, b.Length + 1);
            var cur = rent.AsSpan(b.Length + 1, b.Length + 1);
            for (var j = 0; j <= b.Length; j++) prev[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                var ai = a[i - 1];
                for (var j = 1; j <= b.Length; j++)
                {
                    var sub = prev[j - 1] + (ai == b[j - 1] ? 0 : 1);
                    var del = prev[j] + 1;
                    var ins = cur[j - 1] + 1;
                    cur[j] = Math.Min(sub, Math.Min(del, ins));
                }
                var t = prev; prev = cur; cur = t;
            }
            return prev[b.Length];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rent);
        }
    }

    /// <summary>
    /// The Levenshtein distance when it is at most <paramref name="limit"/>, else some value above <paramref name="limit"/>:
    /// only the diagonal band |i − j| ≤ limit is filled (a path leaving it costs more), and a row whose every cell exceeds the
    /// limit ends the search (row minima never decrease). Equal to <see cref="Distance"/> whenever that is within the limit.
    /// </summary>
    public static int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int limit)
    {
        if (limit < 0) return limit + 1;
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var over = limit + 1;
        var rent = ArrayPool<int>.Shared.Rent(2 * (b.Length + 1));
        try
        {
            var prev = rent.AsSpan(0, b.Length + 1);
            var cur = rent.AsSpan(b.Length + 1, b.Length + 1);
            for (var j = 0; j <= b.Length; j++) prev[j] = Math.Min(j, over);
            for (var i = 1; i <= a.Length; i++)
            {
                var lo = Math.Max(1, i - limit);
                var hi = Math.Min(b.Length, i + limit);
                cur[0] = Math.Min(i, over);
                if (lo > 1) cur[lo - 1] = over;
                var ai = a[i - 1];
                var rowMin = cur[0] < over && lo == 1 ? cur[0] : over;
                for (var j = lo; j <= hi; j++)
                {
                    var sub = prev[j - 1] + (ai == b[j - 1] ? 0 : 1);
                    var del = prev[j] + 1;
                    var ins = cur[j - 1] + 1;
                    var v = Math.Min(over, Math.Min(sub, Math.Min(del, ins)));
                    cur[j] = v;
                    if (v < rowMin) rowMin = v;
                }
                if (hi < b.Length) cur[hi + 1] = over;
                if (rowMin >= over) return over;
                var t = prev; prev = cur; cur = t;
            }
            return prev[b.Length];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rent);
        }
    }

    /// <summary>
    /// The distance of <see cref="Contain(ReadOnlySpan{ulong}, ReadOnlySpan{ulong})"/> when it is at most <paramref name="limit"/>,
    /// else some value above it (the search ends at the first row whose every cell exceeds the limit: row minima never decrease).
    /// </summary>
    public static int ContainDistance(ReadOnlySpan<ulong> part, ReadOnlySpan<ulong> whole, int limit)
    {
        if (part.Length == 0) return 0;
        var w = whole.Length;
        var rent = ArrayPool<int>.Shared.Rent(2 * (w + 1));
        try
        {
            var prev = rent.AsSpan(0, w + 1);
            var cur = rent.AsSpan(w + 1, w + 1);
            prev.Clear();
            for (var i = 1; i <= part.Length; i++)
            {
                cur[0] = i;
                var rowMin = i;
                var pi = part[i - 1];
                for (var j = 1; j <= w; j++)
                {
                    var v = Math.Min(prev[j - 1] + (pi == whole[j - 1] ? 0 : 1), Math.Min(prev[j], cur[j - 1]) + 1);
                    cur[j] = v;
                    if (v < rowMin) rowMin = v;
                }
                if (rowMin > limit) return limit + 1;
                var t = prev; prev = cur; cur = t;
            }
            var best = int.MaxValue;
            for (var j = 0; j <= w; j++) best = Math.Min(best, prev[j]);
            return best;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rent);
        }
    }

    /// <summary>
    /// The best place of the short sequence <paramref name="part"/> inside <paramref name="whole"/>: the fewest word
    /// edits that turn some contiguous window of <paramref name="whole"/> into <paramref name="part"/>, and that window.
    /// </summary>
    public static (int Distance, int Start, int End) Contain(ReadOnlySpan<ulong> part, ReadOnlySpan<ulong> whole)
    {
        if (part.Length == 0) return (0, 0, 0);
        var w = whole.Length;
        var rent = ArrayPool<int>.Shared.Rent(4 * (w + 1));
        try
        {
            var prev = rent.AsSpan(0, w + 1);
            var cur = rent.AsSpan(w + 1, w + 1);
            var prevStart = rent.AsSpan(2 * (w + 1), w + 1);
            var curStart = rent.AsSpan(3 * (w + 1), w + 1);
            for (var j = 0; j <= w; j++) { prev[j] = 0; prevStart[j] = j; }
            for (var i = 1; i <= part.Length; i++)
            {
                cur[0] = i;
                curStart[0] = 0;
                var pi = part[i - 1];
                for (var j = 1; j <= w; j++)
                {
                    var best = prev[j - 1] + (pi == whole[j - 1] ? 0 : 1);
                    var start = prevStart[j - 1];
                    if (prev[j] + 1 < best) { best = prev[j] + 1; start = prevStart[j]; }
                    if (cur[j - 1] + 1 < best) { best = cur[j - 1] + 1; start = curStart[j - 1]; }
                    cur[j] = best;
                    curStart[j] = start;
                }
                var t = prev; prev = cur; cur = t;
                t = prevStart; prevStart = curStart; curStart = t;
            }
            int bestD = int.MaxValue, bestEnd = 0;
            for (var j = 0; j <= w; j++)
                if (prev[j] < bestD) { bestD = prev[j]; bestEnd = j; }
            return (bestD, prevStart[bestEnd], bestEnd);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rent);
        }
    }

    /// <summary>True when <paramref name="part"/> occurs word for word at <paramref name="at"/> in <paramref name="whole"/>.</summary>
    public static bool OccursAt(ReadOnlySpan<ulong> part, ReadOnlySpan<ulong> whole, int at) =>
        at + part.Length <= whole.Length && whole.Slice(at, part.Length).SequenceEqual(part);
}
