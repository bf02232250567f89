namespace Verbatim.Evaluation;

/// <summary>
/// A span as ../shared/EVALUATION.md scores it: the set of character positions its parts cover
/// (their union), minus white space and the characters <c>" “ ” „ « » ‘ ’ ' ` . , ; : ! ? ( ) [ ] -</c>.
/// Stored as sorted, disjoint, non-adjacent runs of positions, so intersections cost one merge
/// over the runs (about one per word) rather than one step per character.
/// </summary>
public sealed class SpanSet : IEquatable<SpanSet>
{
    /// <summary>Run i covers [_runs[2i], _runs[2i+1]).</summary>
    private readonly int[] _runs;

    private SpanSet(int[] runs, int count)
    {
        _runs = runs;
        Count = count;
    }

    public static SpanSet Empty { get; } = new([], 0);

    /// <summary>How many positions the set holds.</summary>
    public int Count { get; }

    public bool IsEmpty => Count == 0;

    /// <summary>How many runs of consecutive positions the set holds.</summary>
    public int RunCount => _runs.Length / 2;

    /// <summary>The first position in the set, or -1 when empty.</summary>
    public int Min => _runs.Length == 0 ? -1 : _runs[0];

    /// <summary>One past the last position in the set, or -1 when empty.</summary>
    public int Max => _runs.Length == 0 ? -1 : _runs[^1];

    /// <summary>True for the characters a span set never holds: white space and the listed punctuation.</summary>
    public static bool IsIgnored(char c) => c switch
    {
        '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' or '\u2018' or '\u2019' or '\'' or '`'
            or '.' or ',' or ';' or ':' or '!' or '?' or '(' or ')' or '[' or ']' or '-' => true,
        _ => char.IsWhiteSpace(c),
    };

    public static SpanSet Of(string text, TextSpan span) => Of(text, [span]);

    public static SpanSet Of(string text, SpanText? span) => span is null ? Empty : Of(text, [span.Span]);

    /// <summary>The set of <paramref name="parts"/> in <paramref name="text"/>; parts are clipped to the text.</summary>
    public static SpanSet Of(string text, IEnumerable<TextSpan> parts) => Of(text, parts.ToArray().AsSpan());

    public static SpanSet Of(string text, ReadOnlySpan<TextSpan> parts)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (parts.IsEmpty) return Empty;

        // Clip, drop empties, sort by start.
        var ranges = new (int Start, int End)[parts.Length];
        int n = 0;
        foreach (var p in parts)
        {
            int s = Math.Clamp(p.Start, 0, text.Length), e = Math.Clamp(p.End, 0, text.Length);
            if (e > s) ranges[n++] = (s, e);
        }
        if (n == 0) return Empty;
        if (n > 1) Array.Sort(ranges, 0, n, Comparer<(int Start, int End)>.Create((a, b) => a.Start.CompareTo(b.Start)));

        var runs = new List<int>();
        int count = 0, runStart = -1, prevEnd = -1, coveredTo = -1;
        for (int r = 0; r < n; r++)
        {
            int s = Math.Max(ranges[r].Start, coveredTo), e = ranges[r].End;
            for (int i = s; i < e; i++)
            {
                if (IsIgnored(text[i])) continue;
                count++;
                if (runStart >= 0 && i == prevEnd) { prevEnd = i + 1; continue; }
                if (runStart >= 0) { runs.Add(runStart); runs.Add(prevEnd); }
                runStart = i;
                prevEnd = i + 1;
            }
            coveredTo = Math.Max(coveredTo, e);
        }
        if (runStart >= 0) { runs.Add(runStart); runs.Add(prevEnd); }
        return count == 0 ? Empty : new SpanSet(runs.ToArray(), count);
    }

    /// <summary>|this ∩ other|.</summary>
    public int IntersectCount(SpanSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty || Max <= other.Min || other.Max <= Min) return 0;
        int[] a = _runs, b = other._runs;
        int i = 0, j = 0, total = 0;
        while (i < a.Length && j < b.Length)
        {
            int lo = Math.Max(a[i], b[j]), hi = Math.Min(a[i + 1], b[j + 1]);
            if (hi > lo) total += hi - lo;
            if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
        }
        return total;
    }

    /// <summary>|A∩B| / |A∪B|; 0 when either set is empty (an empty span never matches anything).</summary>
    public double Jaccard(SpanSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty) return 0;
        int inter = IntersectCount(other);
        return inter == 0 ? 0 : (double)inter / (Count + other.Count - inter);
    }

    public bool SetEquals(SpanSet? other) =>
        other is not null && Count == other.Count && _runs.AsSpan().SequenceEqual(other._runs);

    public bool Equals(SpanSet? other) => SetEquals(other);

    public override bool Equals(object? obj) => obj is SpanSet s && SetEquals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Count);
        foreach (var x in _runs) h.Add(x);
        return h.ToHashCode();
    }

    /// <summary>The runs as spans, in order.</summary>
    public IEnumerable<TextSpan> Runs()
    {
        for (int i = 0; i < _runs.Length; i += 2)
            yield return new TextSpan(_runs[i], _runs[i + 1]);
    }

    public override string ToString() => $"{{{Count} positions in {RunCount} runs}}";
}

/// <summary>The two match criteria of ../shared/EVALUATION.md.</summary>
public enum SpanMatchMode
{
    /// <summary>The two sets are equal.</summary>
    Exact,
    /// <summary>Jaccard index at least 0.5.</summary>
    Overlap,
}

public static class SpanMatching
{
    public const double OverlapThreshold = 0.5;

    /// <summary>Jaccard ≥ 0.5 (both sets non-empty).</summary>
    public static bool Overlaps(SpanSet a, SpanSet b) => a.Jaccard(b) >= OverlapThreshold;

    /// <summary>The two sets are equal and non-empty.</summary>
    public static bool ExactlyEqual(SpanSet a, SpanSet b) => !a.IsEmpty && a.SetEquals(b);

    public static bool Matches(SpanSet a, SpanSet b, SpanMatchMode mode) =>
        mode == SpanMatchMode.Exact ? ExactlyEqual(a, b) : Overlaps(a, b);

    /// <summary>Source agreement: both absent, or both present and overlapping (Jaccard ≥ 0.5).</summary>
    public static bool OptionalOverlaps(SpanSet? gold, SpanSet? predicted) =>
        gold is null ? predicted is null : predicted is not null && Overlaps(gold, predicted);
}
