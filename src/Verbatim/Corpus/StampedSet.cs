namespace Verbatim.Corpus;

/// <summary>
/// A set of keys for per-query "already seen" checks, emptied in O(1): each slot carries the generation that filled it,
/// and <see cref="Clear"/> starts a new generation. A <see cref="HashSet{T}"/> or <see cref="Dictionary{TKey,TValue}"/>
/// zeroes its whole arrays on every Clear, which after one large query costs more than the queries after it (the cluster
/// index clears several per quote). Each key may carry an int (<see cref="AddOrGet"/>). Open addressing, linear probing,
/// kept at most half full.
/// </summary>
internal sealed class StampedSet<T> where T : unmanaged, IEquatable<T>
{
    private T[] _keys;
    private int[] _values;
    private int[] _stamps;
    private int _stamp = 1;
    private int _mask;

    public StampedSet(int capacity = 256)
    {
        var size = 16;
        while (size < 2 * capacity) size <<= 1;
        _keys = new T[size];
        _values = new int[size];
        _stamps = new int[size];
        _mask = size - 1;
    }

    /// <summary>How many keys the set holds.</summary>
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
    public bool Add(T key) => AddOrGet(key, 0) < 0;

    /// <summary>Adds <paramref name="key"/> with <paramref name="value"/> and returns −1; when it is already in the set,
    /// returns the value it was added with (non-negative values only).</summary>
    public int AddOrGet(T key, int value)
    {
        if (2 * (Count + 1) > _keys.Length) Grow();
        var i = Slot(key, _mask);
        for (; _stamps[i] == _stamp; i = (i + 1) & _mask)
            if (_keys[i].Equals(key)) return _values[i];
        _stamps[i] = _stamp;
        _keys[i] = key;
        _values[i] = value;
        Count++;
        return -1;
    }

    public bool Contains(T key)
    {
        for (var i = Slot(key, _mask); _stamps[i] == _stamp; i = (i + 1) & _mask)
            if (_keys[i].Equals(key)) return true;
        return false;
    }

    private static int Slot(T key, int mask)
    {
        var h = (uint)key.GetHashCode() * 0x9E3779B1u;
        return (int)((h ^ (h >> 15)) & (uint)mask);
    }

    private void Grow()
    {
        var size = _keys.Length * 2;
        var keys = new T[size];
        var values = new int[size];
        var stamps = new int[size];
        var mask = size - 1;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_stamps[i] != _stamp) continue;
            var j = Slot(_keys[i], mask);
            while (stamps[j] == 1) j = (j + 1) & mask;
            stamps[j] = 1;
            keys[j] = _keys[i];
            values[j] = _values[i];
        }
        _keys = keys;
        _values = values;
        _stamps = stamps;
        _mask = mask;
        _stamp = 1;
    }
}
