namespace Verbatim.Corpus;

/// <summary>
/// One word sequence (the pattern) compared with many others by bit-parallel edit distance (Myers 1999, in Hyyrö's form
/// for the global distance): a pattern of up to 64 words is one machine word of state, so a comparison costs one table
/// look-up and a dozen bit operations per word of the other sequence, where the dynamic-programming table costs a row.
/// The results are those of <see cref="WordAlign.Distance(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, int)"/> and
/// <see cref="WordAlign.ContainDistance"/>; a longer pattern goes to them. Reused by its owner (one thread) for each new pattern.
/// </summary>
public sealed class WordPattern
{
    public const int MaxBitParallel = 64;
    private const int Slots = 2 * MaxBitParallel; // open addressing, at most half full
    private readonly ulong[] _keys = new ulong[Slots];
    private readonly ulong[] _masks = new ulong[Slots]; // 0: an empty slot (every word present has a bit)
    private ulong[] _pattern = new ulong[MaxBitParallel];
    private int _length;

    /// <summary>The words compared from now on (copied).</summary>
    public void Set(ReadOnlySpan<ulong> pattern)
    {
        if (_pattern.Length < pattern.Length) _pattern = new ulong[Math.Max(pattern.Length, 2 * _pattern.Length)];
        pattern.CopyTo(_pattern);
        _length = pattern.Length;
        if (_length > MaxBitParallel) return;
        Array.Clear(_masks);
        for (var i = 0; i < pattern.Length; i++)
        {
            var slot = Slot(pattern[i]);
            while (_masks[slot] != 0 && _keys[slot] != pattern[i]) slot = (slot + 1) & (Slots - 1);
            _keys[slot] = pattern[i];
            _masks[slot] |= 1UL << i;
        }
    }

    public ReadOnlySpan<ulong> Pattern => _pattern.AsSpan(0, _length);

    private static int Slot(ulong word) => (int)((word * 0x9E3779B97F4A7C15UL) >> 57);

    /// <summary>The positions of the pattern that hold this word, as bits.</summary>
    private ulong Positions(ulong word)
    {
        var slot = Slot(word);
        while (true)
        {
            var mask = _masks[slot];
            if (mask == 0 || _keys[slot] == word) return mask;
            slot = (slot + 1) & (Slots - 1);
        }
    }

    /// <summary>The Levenshtein distance from the pattern to <paramref name="text"/> when it is at most <paramref name="limit"/>, else some value above it.</summary>
    public int Distance(ReadOnlySpan<ulong> text, int limit)
    {
        var m = _length;
        if (limit < 0) return limit + 1;
        if (Math.Abs(m - text.Length) > limit) return limit + 1;
        if (m > MaxBitParallel) return WordAlign.Distance(Pattern, text, limit);
        if (m == 0) return text.Length;
        ulong pv = ~0UL, mv = 0;
        var high = 1UL << (m - 1);
        var score = m;
        for (var j = 0; j < text.Length; j++)
        {
            score += Step(Positions(text[j]), ref pv, ref mv, high, 1); // the top row of the table counts up: a global distance
            // The last row moves by at most one a word: past this, it cannot come back within the limit.
            if (score - (text.Length - 1 - j) > limit) return limit + 1;
        }
        return score;
    }

    /// <summary>
    /// The fewest word edits that turn some contiguous window of <paramref name="whole"/> into the pattern, when at most
    /// <paramref name="limit"/>, else some value above it (as <see cref="WordAlign.ContainDistance"/>).
    /// </summary>
    public int ContainDistance(ReadOnlySpan<ulong> whole, int limit)
    {
        var m = _length;
        if (m == 0) return 0;
        if (m > MaxBitParallel) return WordAlign.ContainDistance(Pattern, whole, limit);
        ulong pv = ~0UL, mv = 0;
        var high = 1UL << (m - 1);
        var score = m;
        var best = m;
        for (var j = 0; j < whole.Length; j++)
        {
            score += Step(Positions(whole[j]), ref pv, ref mv, high, 0); // the top row is all zero: the window may start anywhere
            if (score < best) best = score;
        }
        return best;
    }

    /// <summary>
    /// One column of the table as bit vectors: <paramref name="pv"/>/<paramref name="mv"/> hold where the column below the
    /// top row goes up or down by one, <paramref name="eq"/> where the pattern has this column's word, <paramref name="topRow"/>
    /// how the top row moves (1: it counts up; 0: it stays zero). Returns how the last row moves (−1, 0, +1).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Step(ulong eq, ref ulong pv, ref ulong mv, ulong high, ulong topRow)
    {
        var xv = eq | mv;
        var xh = (((eq & pv) + pv) ^ pv) | eq;
        var ph = mv | ~(xh | pv);
        var mh = pv & xh;
        var delta = (ph & high) != 0 ? 1 : (mh & high) != 0 ? -1 : 0;
        ph = (ph << 1) | topRow;
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
        return delta;
    }
}
