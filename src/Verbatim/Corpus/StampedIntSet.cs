namespace Verbatim.Corpus;

/// <summary>
/// A set of non-negative ints for per-query "already seen" checks, emptied in O(1): each slot carries the generation that
/// filled it, and <see cref="Clear"/> starts a new generation. A <see cref="HashSet{T}"/> would zero its whole bucket array
/// on every Clear, which after one large query costs more than the query itself (the cluster index clears once per quote).
/// Open addressing, linear probing, kept at most half full.
/// </summary>
internal sealed class StampedIntSet
{
    private int[] _keys;
    private int[] _stamps;
    private int _stamp = 1;
    private int _mask;

    public StampedIntSet(int capacity = 256)
    {
        var size = 16;
        while (size < 2 * capacity) size <<= 1;
        _keys = new int[size];
        _stamps = new int[size];
        _mask = size - 1;
    }

    /// <summary>How many ints the set holds.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the set (a new generation; the arrays are wiped only when the generation counter wraps).</summary>
    public void Clear()
    {
        Count = 0;
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }

    /// <summary>Adds <paramref name="key"/>; false when it was already in the set.</summary>
    public bool Add(int key)
    {
        if (2 * (Count + 1) > _keys.Length) Grow();
        if (!Insert(_keys, _stamps, _mask, _stamp, key)) return false;
        Count++;
        return true;
    }

    public bool Contains(int key)
    {
        for (var i = Slot(key, _mask); _stamps[i] == _stamp; i = (i + 1) & _mask)
            if (_keys[i] == key) return true;
        return false;
    }

    private static int Slot(int key, int mask)
    {
        var h = (uint)key * 0x9E3779B1u;
        return (int)((h ^ (h >> 15)) & (uint)mask);
    }

    private static bool Insert(int[] keys, int[] stamps, int mask, int stamp, int key)
    {
        var i = Slot(key, mask);
        for (; stamps[i] == stamp; i = (i + 1) & mask)
            if (keys[i] == key) return false;
        stamps[i] = stamp;
        keys[i] = key;
        return true;
    }

    private void Grow()
    {
        var size = _keys.Length * 2;
        var keys = new int[size];
        var stamps = new int[size];
        var mask = size - 1;
        for (var i = 0; i < _keys.Length; i++)
            if (_stamps[i] == _stamp) Insert(keys, stamps, mask, 1, _keys[i]);
        _keys = keys;
        _stamps = stamps;
        _mask = mask;
        _stamp = 1;
    }
}
