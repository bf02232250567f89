namespace Verbatim.Corpus;

/// <summary>
/// MinHash signatures over word 2-shingles and their LSH band keys: 48 hash functions in 12 bands of 4 rows,
/// so two texts whose shingle sets have Jaccard similarity s become candidates with probability 1-(1-s⁴)¹²
/// (0.54 at s=0.5, 0.96 at s=0.7, ~1e-4 at s=0.05).
/// </summary>
public static class MinHash
{
    public const int Size = 48;
    public const int Bands = 12;
    public const int Rows = Size / Bands;

    private static readonly ulong[] A = new ulong[Size];
    private static readonly ulong[] B = new ulong[Size];

    static MinHash()
    {
        ulong seed = 0x5EED_0F_C0_4B_05UL;
        for (var i = 0; i < Size; i++)
        {
            seed += 0x9E3779B97F4A7C15UL;
            A[i] = MatchText.Mix(seed) | 1;
            seed += 0x9E3779B97F4A7C15UL;
            B[i] = MatchText.Mix(seed);
        }
    }

    /// <summary>Fills <paramref name="signature"/> (length <see cref="Size"/>) from the word hashes; one word counts as one shingle.</summary>
    public static void Signature(ReadOnlySpan<ulong> words, Span<uint> signature)
    {
        signature.Fill(uint.MaxValue);
        if (words.Length == 1)
        {
            Update(words[0], signature);
            return;
        }
        for (var i = 0; i + 1 < words.Length; i++)
            Update(MatchText.Pair(words[i], words[i + 1]), signature);
    }

    private static void Update(ulong shingle, Span<uint> signature)
    {
        var a = A.AsSpan();
        var b = B.AsSpan();
        for (var k = 0; k < signature.Length; k++)
        {
            var v = (uint)((shingle * a[k] + b[k]) >> 32);
            if (v < signature[k]) signature[k] = v;
        }
    }

    /// <summary>The key of one band of a signature (the band number is part of the key).</summary>
    public static ulong BandKey(ReadOnlySpan<uint> signature, int band)
    {
        var h = 0x243F6A8885A308D3UL + (ulong)band * 0x9E3779B97F4A7C15UL;
        var rows = signature.Slice(band * Rows, Rows);
        foreach (var v in rows)
            h = MatchText.Mix(h ^ v);
        return h;
    }
}

/// <summary>A growable array of unmanaged values with by-reference access (no per-item objects).</summary>
internal sealed class Pool<T> where T : unmanaged
{
    private T[] _items;

    public Pool(int capacity = 16) => _items = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public ref T this[int i] => ref _items[i];

    public int Add(T value)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count] = value;
        return Count++;
    }

    public ReadOnlySpan<T> Slice(int start, int length) => _items.AsSpan(start, length);

    /// <summary>Drops the first <paramref name="n"/> items (the others move down); the array shrinks when it is mostly empty.</summary>
    public void DropFirst(int n)
    {
        if (n <= 0) return;
        var keep = Count - n;
        var size = Math.Max(4, 2 * keep);
        if (_items.Length > 2 * size)
        {
            var items = new T[size];
            Array.Copy(_items, n, items, 0, keep);
            _items = items;
        }
        else Array.Copy(_items, n, _items, 0, keep);
        Count = keep;
    }

    public long Bytes => (long)_items.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}

/// <summary>
/// A multimap from 64-bit keys to int values as linked lists in one flat array (no object per entry); a value and the link
/// to the next share a node, so walking a list costs one memory access per value, not two.
/// </summary>
internal sealed class Postings
{
    private struct Node
    {
        public int Value, Next;
    }

    private readonly Dictionary<ulong, (int Head, int Count)> _heads;
    private readonly Pool<Node> _nodes;

    public Postings(int keys = 0, int values = 1024)
    {
        _heads = new Dictionary<ulong, (int, int)>(keys);
        _nodes = new Pool<Node>(values);
    }

    public void Add(ulong key, int value)
    {
        ref var head = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_heads, key, out var exists);
        var at = _nodes.Add(new Node { Value = value, Next = exists ? head.Head : -1 });
        head = (at, exists ? head.Count + 1 : 1);
    }

    /// <summary>How many values the key has.</summary>
    public int CountOf(ulong key) => _heads.TryGetValue(key, out var h) ? h.Count : 0;

    public Enumerator Get(ulong key) => new(this, _heads.TryGetValue(key, out var h) ? h.Head : -1);

    public long Bytes => _nodes.Bytes + (long)_heads.Count * 32;

    public struct Enumerator(Postings owner, int at)
    {
        private int _next = at;
        public int Current { get; private set; }
        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next < 0) return false;
            ref var node = ref owner._nodes[_next];
            Current = node.Value;
            _next = node.Next;
            return true;
        }
    }
}
