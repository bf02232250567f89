using System.Buffers;

namespace Verbatim.Corpus;

/// <summary>What adding one quote did to the clusters.</summary>
public readonly record struct ClusterChange(
    int Variant, int Cluster, bool NewVariant, bool NewCluster, int FragmentOf, bool FirstSeenChanged)
{
    /// <summary>No words to match (only punctuation): the quote joins no cluster.</summary>
    public bool IsNone => Variant < 0;
}

/// <summary>A candidate found for a claimed text: a variant, how similar it is, and where the claim sits in it.</summary>
public readonly record struct VariantMatch(int Variant, int Cluster, double Similarity, bool Contained, int Start, int End);

/// <summary>
/// Where a <see cref="ClusterIndex"/> reads back the facts it let go (<see cref="ClusterIndex.Facts"/>): the persisted
/// variants and clusters, as they were when everything the index had added was persisted. Called on the index's thread.
/// </summary>
public interface IClusterFacts
{
    /// <summary>The variant below <paramref name="below"/> whose normalised words have this <see cref="MatchText.SequenceHash"/> (the first), or −1.</summary>
    int FindVariant(ulong hash, int below);

    /// <summary>A persisted variant: a cluster it belongs to (any on its merge path), its word count, the variant it is a fragment of (−1: none).</summary>
    (int Cluster, int Words, int FragmentOf) Variant(int id);

    /// <summary>A persisted cluster: the cluster it was merged into (−1: none), its first-seen date and quote key.</summary>
    (int MergedInto, DateOnly? FirstDate, long FirstKey) Cluster(int id);

    /// <summary>The representative of a cluster that was merged into no other: its first longest variant.</summary>
    int Representative(int cluster);

    /// <summary>Calls <paramref name="each"/> with the <see cref="MatchText.SequenceHash"/> of every persisted variant below <paramref name="below"/>.</summary>
    void Hashes(int below, Action<ulong> each);
}

/// <summary>
/// The in-memory quote cluster maintainer. A <em>variant</em> is one normalised wording (see <see cref="MatchText"/>);
/// a <em>cluster</em> is every variant of one utterance: exact normalised matches share a variant, near-duplicates
/// (MinHash/LSH candidates with word-level similarity ≥ <see cref="NearDuplicate"/>) join the closest variant's cluster,
/// and fragments (≥ <see cref="MinFragmentWords"/> words found inside a longer variant) attach to the fuller version's
/// cluster — also when the fragment came first. Everything is flat arrays and hash maps keyed by 64-bit hashes;
/// adding a quote allocates nothing per word. Not thread-safe.
/// With <see cref="Facts"/> set (a store that persists every variant and cluster), the facts of variants no longer held and of
/// old clusters leave memory at <see cref="Release"/> and are read back when needed (a small cache, a fixed-size filter of their
/// hashes so that a new wording rarely asks): memory is then bounded whatever the corpus size, and every result is the same.
/// </summary>
public sealed class ClusterIndex
{
    public const int MinFragmentWords = 4;
    public const double NearDuplicate = 0.7;
    private const int MaxCandidates = 256;

    /// <summary>A representative not known in memory: asked of <see cref="Facts"/> when needed.</summary>
    private const int UnknownRepresentative = -2;

    // variants (from id _vBase on; those below are read back from Facts)
    private readonly Pool<int> _variantCluster;
    private readonly Pool<int> _variantStart;
    private readonly Pool<int> _variantLength;
    private readonly Pool<int> _variantFragmentOf;
    // A 256-bit sketch of each variant's 3-shingles (one bit per shingle, from its hash): a candidate container whose sketch
    // lacks the bits of too many of a quote's shingles cannot share enough of them, so the exact count is not taken.
    private readonly Pool<ShingleSketch> _variantSketch;
    private Pool<ulong> _words;
    private Dictionary<ulong, int> _exact;
    private int _vBase;
    private int _cBase;
    private Postings _lsh;
    private Postings _shingles;
    private Postings _firstWords;

    // bounded memory: variants below _heldFrom keep their cluster, length and exact-match hash, but not their words
    private int _heldFrom;
    private int _restoreHeldFrom;

    /// <summary>
    /// Most variants whose words are held for near-duplicate and fragment matching (default: all). Past it the oldest half
    /// is let go: an old wording still joins its cluster when repeated exactly, but a near-duplicate or fragment of it
    /// starts a new cluster, and verify no longer finds it. Memory then stays bounded whatever the corpus size
    /// (about 1.5 KB per held variant, plus ~50 bytes per variant and cluster for the rest).
    /// </summary>
    public int MaxHeldVariants { get; set; } = int.MaxValue;

    /// <summary>How many times <see cref="Release"/> let go of the oldest held variants (their arrays became garbage).</summary>
    public int LetGoes { get; private set; }

    /// <summary>Whether a variant's words are held (see <see cref="MaxHeldVariants"/>).</summary>
    public bool IsHeld(int variant) => variant >= _heldFrom;

    /// <summary>
    /// Where the facts of variants and clusters let go of are read back (null: nothing is let go of). Set it before
    /// <see cref="BeginRestore"/> or the first <see cref="Add"/>.
    /// </summary>
    public IClusterFacts? Facts { get; set; }

    /// <summary>Most variants and most clusters whose facts read back from <see cref="Facts"/> stay cached (each), between two <see cref="Release"/>s.</summary>
    public int MaxCachedFacts { get; set; } = 100_000;

    /// <summary>Bits (a power of two) of the filter of let-go variants' hashes: 2^27 = 16 MiB, made when first needed.</summary>
    public int FilterBitsLog2 { get; set; } = 27;

    private HashFilter? _coldFilter;

    private struct ColdVariant
    {
        public int Cluster, Words, FragmentOf;
    }

    private struct ColdCluster
    {
        public int Parent, Representative, FirstDay;
        public long FirstKey;
    }

    // Facts read back (and changed since): kept until the next Release that finds them over their bound.
    private readonly Dictionary<int, ColdVariant> _coldVariants = [];
    private readonly Dictionary<int, ColdCluster> _coldClusters = [];

    /// <summary>How many variants and clusters have their facts in memory (the rest are in <see cref="Facts"/>).</summary>
    public (int Variants, int Clusters) InMemory => (_variantCluster.Count, _parent.Count);

    /// <summary>How many facts read back from <see cref="Facts"/> are cached now.</summary>
    public int CachedFacts => _coldVariants.Count + _coldClusters.Count;

    /// <summary>How many times <see cref="Facts"/> was asked for a variant by hash (the filter let it through).</summary>
    public long FactLookups { get; private set; }

    // clusters (union-find: a merged cluster points at the one it joined; from id _cBase on, the older ones read back from Facts)
    private readonly Pool<int> _parent;
    private readonly Pool<int> _representative;
    private readonly Pool<int> _firstDay;
    private readonly Pool<long> _firstKey;

    /// <summary>An empty index; the capacities (when known, as when loading a store) save regrowing its arrays and maps.</summary>
    public ClusterIndex(int variants = 0, int clusters = 0, long words = 0)
    {
        var v = Math.Max(1024, variants);
        var c = Math.Max(1024, clusters);
        _variantCluster = new(v);
        _variantStart = new(v);
        _variantLength = new(v);
        _variantFragmentOf = new(v);
        _variantSketch = new(v);
        _words = new((int)Math.Clamp(words, 16 * 1024, int.MaxValue / 2));
        _exact = new(variants);
        _lsh = new(variants * 4, v * MinHash.Bands);
        _shingles = new(variants * 8, (int)Math.Clamp(words, 1024, int.MaxValue / 2));
        _firstWords = new(variants / 2, v);
        _parent = new(c);
        _representative = new(c);
        _firstDay = new(c);
        _firstKey = new(c);
    }

    private readonly List<(int From, int Into, int Fragment)> _merges = [];
    private readonly StampedSet<int> _seen = new();
    private readonly List<(int Variant, int Bands)> _candidates = [];
    private readonly StampedSet<int> _candidateAt = new();
    private readonly List<int> _containers = [];
    private readonly StampedSet<ulong> _triples = new();
    private readonly StampedSet<ulong> _otherTriples = new();
    private readonly WordPattern _pattern = new(); // the quote being placed, against each candidate

    public int Variants => _vBase + _variantCluster.Count;
    public int Clusters => _cBase + _parent.Count;

    /// <summary>Clusters merged into another by the last <see cref="Add"/> (a fragment's cluster joining its fuller version's), with the fragment variant that now points at the new one.</summary>
    public IReadOnlyList<(int From, int Into, int Fragment)> LastMerges => _merges;

    /// <summary>Approximate bytes held by the index's arrays and maps.</summary>
    public long Bytes => _variantCluster.Bytes * 4 + _variantSketch.Bytes + _words.Bytes + (long)_exact.Count * 24 + _lsh.Bytes + _shingles.Bytes + _firstWords.Bytes
        + _parent.Bytes * 3 + _firstKey.Bytes + (long)_coldVariants.Count * 24 + (long)_coldClusters.Count * 32 + (_coldFilter?.Bytes ?? 0);

    /// <summary>The cluster a variant belongs to now (following merges).</summary>
    public int ClusterOf(int variant) => Find(VCluster(variant));

    public int Find(int cluster)
    {
        var root = cluster;
        while (ParentRef(root) != root) root = ParentRef(root);
        while (ParentRef(cluster) != root)
        {
            var next = ParentRef(cluster);
            ParentRef(cluster) = root;
            cluster = next;
        }
        return root;
    }

    public int WordCount(int variant) => VLength(variant);
    public int FragmentOf(int variant) => VFragmentOfRef(variant);
    /// <summary>A variant's word hashes; empty for a variant no longer held (<see cref="MaxHeldVariants"/>).</summary>
    public ReadOnlySpan<ulong> Words(int variant) => variant >= _heldFrom ? _words.Slice(_variantStart[variant - _vBase], _variantLength[variant - _vBase]) : [];
    public int Representative(int cluster) => RepOf(Find(cluster));
    public long FirstKey(int cluster) => FirstKeyRef(Find(cluster));
    public DateOnly? FirstDate(int cluster) => FirstDayRef(Find(cluster)) is var d && d == int.MaxValue ? null : DateOnly.FromDayNumber(d);

    // ------------------------------------------------------------------ facts, in memory or read back

    private int VCluster(int v) => v >= _vBase ? _variantCluster[v - _vBase] : Cold(v).Cluster;
    private int VLength(int v) => v >= _vBase ? _variantLength[v - _vBase] : Cold(v).Words;
    private ref int VFragmentOfRef(int v) => ref v >= _vBase ? ref _variantFragmentOf[v - _vBase] : ref Cold(v).FragmentOf;
    private ref int ParentRef(int c) => ref c >= _cBase ? ref _parent[c - _cBase] : ref Cold(c, cluster: true).Parent;
    private ref int FirstDayRef(int c) => ref c >= _cBase ? ref _firstDay[c - _cBase] : ref Cold(c, cluster: true).FirstDay;
    private ref long FirstKeyRef(int c) => ref c >= _cBase ? ref _firstKey[c - _cBase] : ref Cold(c, cluster: true).FirstKey;
    private ref int RepRef(int c) => ref c >= _cBase ? ref _representative[c - _cBase] : ref Cold(c, cluster: true).Representative;

    /// <summary>A root cluster's representative, asked of <see cref="Facts"/> when not known in memory.</summary>
    private int RepOf(int root)
    {
        var rep = RepRef(root);
        if (rep != UnknownRepresentative) return rep;
        rep = Facts!.Representative(root);
        RepRef(root) = rep;
        return rep;
    }

    // A reference into a cache entry is used at once: the next read-back may move the entries.
    private ref ColdVariant Cold(int v)
    {
        ref var e = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_coldVariants, v);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref e)) return ref e;
        var (cluster, words, fragmentOf) = Facts!.Variant(v);
        _coldVariants[v] = new ColdVariant { Cluster = cluster, Words = words, FragmentOf = fragmentOf };
        return ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_coldVariants, v);
    }

    private ref ColdCluster Cold(int c, bool cluster)
    {
        _ = cluster;
        ref var e = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_coldClusters, c);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref e)) return ref e;
        var (mergedInto, firstDate, firstKey) = Facts!.Cluster(c);
        _coldClusters[c] = new ColdCluster
        {
            Parent = mergedInto < 0 ? c : mergedInto,
            Representative = UnknownRepresentative,
            FirstDay = firstDate?.DayNumber ?? int.MaxValue,
            FirstKey = firstKey,
        };
        return ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_coldClusters, c);
    }

    /// <summary>The variant with this exact hash: in memory, else (when the filter says it may be) read back.</summary>
    private bool TryExact(ulong hash, out int variant)
    {
        if (_exact.TryGetValue(hash, out variant)) return true;
        if (_coldFilter is null || !_coldFilter.MayContain(hash)) return false;
        FactLookups++;
        variant = Facts!.FindVariant(hash, _vBase);
        return variant >= 0;
    }

    /// <summary>
    /// Lets go of what <see cref="Facts"/> now holds: the facts of variants no longer held (<see cref="MaxHeldVariants"/>), of clusters
    /// older than the variants kept, and of facts read back when their cache is over <see cref="MaxCachedFacts"/>. Call it only when
    /// everything added so far is persisted (after the store's commit). Nothing happens without <see cref="Facts"/>.
    /// </summary>
    public void Release()
    {
        if (Facts is null) return;
        var to = _heldFrom;
        if (to - _vBase >= Math.Max(1024, _variantCluster.Count / 4))
        {
            _coldFilter ??= new HashFilter(FilterBitsLog2);
            var exact = new Dictionary<ulong, int>(Math.Max(1024, Variants - to + (Variants - to) / 2));
            foreach (var (hash, v) in _exact)
                if (v < to) _coldFilter.Add(hash);
                else exact.Add(hash, v);
            _exact = exact;
            var n = to - _vBase;
            _variantCluster.DropFirst(n);
            _variantStart.DropFirst(n);
            _variantLength.DropFirst(n);
            _variantFragmentOf.DropFirst(n);
            _variantSketch.DropFirst(n);
            _vBase = to;
            // Clusters: at most as many as the variants kept, the newest.
            var cTo = Math.Max(_cBase, Clusters - _variantCluster.Count);
            var m = cTo - _cBase;
            _parent.DropFirst(m);
            _representative.DropFirst(m);
            _firstDay.DropFirst(m);
            _firstKey.DropFirst(m);
            _cBase = cTo;
            LetGoes++;
        }
        if (_coldVariants.Count > MaxCachedFacts) _coldVariants.Clear();
        if (_coldClusters.Count > MaxCachedFacts) _coldClusters.Clear();
    }

    /// <summary>Adds one quote (its text, its article's date, and a key that orders quotes of the same date: the store's quote key).</summary>
    public ClusterChange Add(ReadOnlySpan<char> text, DateOnly? date, long quoteKey)
    {
        var max = MatchText.MaxWords(text.Length);
        var rent = ArrayPool<ulong>.Shared.Rent(max);
        try
        {
            var words = rent.AsSpan(0, MatchText.Hashes(text, rent.AsSpan(0, max)));
            if (words.IsEmpty)
            {
                _merges.Clear();
                return new ClusterChange(-1, -1, false, false, -1, false);
            }
            return Add(words, MatchText.SequenceHash(words), [], date, quoteKey);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rent);
        }
    }

    /// <summary>
    /// Adds one quote from its match words computed beforehand (<see cref="MatchText.Hashes"/>), their
    /// <see cref="MatchText.SequenceHash"/> and, when known, their <see cref="MinHash.Signature"/> (empty: computed here when needed).
    /// </summary>
    public ClusterChange Add(ReadOnlySpan<ulong> words, ulong hash, ReadOnlySpan<uint> signature, DateOnly? date, long quoteKey)
    {
        _merges.Clear();
        if (words.IsEmpty) return new ClusterChange(-1, -1, false, false, -1, false);
        var day = date?.DayNumber ?? int.MaxValue;
        if (TryExact(hash, out var known))
        {
            var c = ClusterOf(known);
            return new ClusterChange(known, c, false, false, VFragmentOfRef(known), Earlier(c, day, quoteKey));
        }

        if (signature.Length != MinHash.Size)
        {
            Span<uint> computed = stackalloc uint[MinHash.Size];
            MinHash.Signature(words, computed);
            return AddNew(words, hash, computed, day, quoteKey);
        }
        return AddNew(words, hash, signature, day, quoteKey);
    }

    private ClusterChange AddNew(ReadOnlySpan<ulong> words, ulong hash, ReadOnlySpan<uint> signature, int day, long quoteKey)
    {
        // A new wording: near-duplicate of a variant, else a fragment of a longer one, else a new cluster.
        var cluster = -1;
        var fragmentOf = -1;
        if (words.Length >= 2)
        {
            var best = NearestByLsh(words, signature);
            if (best >= 0) cluster = ClusterOf(best);
        }
        if (cluster < 0 && words.Length >= MinFragmentWords)
        {
            fragmentOf = ContainerOf(words);
            if (fragmentOf >= 0) cluster = ClusterOf(fragmentOf);
        }
        var newCluster = cluster < 0;
        if (newCluster) cluster = NewCluster(day, quoteKey);
        var variant = AddVariant(words, hash, signature, cluster, fragmentOf);
        var changed = !newCluster && Earlier(cluster, day, quoteKey);
        if (!newCluster && words.Length > VLength(RepOf(cluster))) RepRef(cluster) = variant;
        if (fragmentOf < 0 && words.Length > MinFragmentWords)
            changed |= AbsorbFragments(words, variant);
        return new ClusterChange(variant, ClusterOf(variant), true, newCluster, fragmentOf, changed);
    }

    /// <summary>Restores a cluster written earlier (ids dense from 0, in order): its merge target (or itself), first-seen day and key.</summary>
    public void RestoreCluster(int id, int mergedInto, DateOnly? firstDate, long firstKey)
    {
        if (id != Clusters) throw new InvalidOperationException($"cluster ids must be dense: expected {Clusters}, got {id}");
        _parent.Add(mergedInto < 0 ? id : mergedInto);
        // Restored with only part of its variants in memory: the representative is asked for when needed.
        _representative.Add(_vBase > 0 ? UnknownRepresentative : -1);
        _firstDay.Add(firstDate?.DayNumber ?? int.MaxValue);
        _firstKey.Add(firstKey);
    }

    /// <summary>
    /// Before restoring <paramref name="variants"/> variants and <paramref name="clusters"/> clusters: those that a bounded index would
    /// let go are restored without their words. With <see cref="Facts"/>, only the variants and clusters from <see cref="RestoreFrom"/>
    /// on are restored (call this first): the others stay in the store, and their hashes go into the filter.
    /// </summary>
    public void BeginRestore(int variants, int clusters = 0)
    {
        // The variants an index built one Add at a time would hold at this count (see LetGoOldest): the same after a restart.
        var half = MaxHeldVariants / 2;
        // The last let-go ran when variant id k·half was added (k ≥ 2), keeping ids from (k − 1)·half.
        if (MaxHeldVariants < int.MaxValue && variants - 1 >= 2 * half)
            _restoreHeldFrom = _heldFrom = ((variants - 1) / half - 1) * half;
        if (Facts is null || _heldFrom == 0) return;
        if (Variants != 0 || Clusters != 0) throw new InvalidOperationException("with Facts, BeginRestore comes before every restored cluster and variant");
        _vBase = _heldFrom;
        _cBase = Math.Max(0, clusters - (variants - _vBase));
        _coldFilter ??= new HashFilter(FilterBitsLog2);
        Facts.Hashes(_vBase, _coldFilter.Add);
    }

    /// <summary>The first variant and cluster to restore (after <see cref="BeginRestore"/>; 0 and 0 without <see cref="Facts"/>).</summary>
    public (int Variant, int Cluster) RestoreFrom => (_vBase, _cBase);

    /// <summary>Restores a variant written earlier (ids dense from 0, in order) from its normalised text.</summary>
    public void RestoreVariant(int id, int cluster, string normalised, int fragmentOf)
    {
        if (id != Variants) throw new InvalidOperationException($"variant ids must be dense: expected {Variants}, got {id}");
        var max = MatchText.MaxWords(normalised.Length);
        var rent = ArrayPool<ulong>.Shared.Rent(max);
        try
        {
            var words = rent.AsSpan(0, MatchText.Hashes(normalised, rent.AsSpan(0, max)));
            Span<uint> signature = stackalloc uint[MinHash.Size];
            if (id < _restoreHeldFrom) AddUnheldVariant(words, MatchText.SequenceHash(words), cluster, fragmentOf);
            else
            {
                MinHash.Signature(words, signature);
                AddVariant(words, MatchText.SequenceHash(words), signature, cluster, fragmentOf);
            }
            if (_vBase == 0)
            {
                var root = Find(cluster);
                var rep = RepRef(root);
                if (rep < 0 || words.Length > VLength(rep)) RepRef(root) = id;
            }
            // else: representatives are asked of Facts (they may lie among the variants not restored)
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rent);
        }
    }

    /// <summary>
    /// Applies a cluster row that another writer changed after this index was loaded (a store shared by several
    /// processes catching up): the cluster it was merged into (or -1) and its first-seen day and key.
    /// </summary>
    public void UpdateCluster(int id, int mergedInto, DateOnly? firstDate, long firstKey)
    {
        if (mergedInto >= 0 && mergedInto != id)
        {
            var from = Find(id);
            var into = Find(mergedInto);
            if (from != into)
            {
                var rf = RepOf(from);
                var ri = RepOf(into);
                if (rf >= 0 && (ri < 0 || VLength(rf) > VLength(ri))) RepRef(into) = rf;
                ParentRef(from) = into;
            }
        }
        FirstDayRef(id) = firstDate?.DayNumber ?? int.MaxValue;
        FirstKeyRef(id) = firstKey;
    }

    /// <summary>Applies a variant's fragment link that another writer set after this index was loaded.</summary>
    public void SetFragmentOf(int variant, int fragmentOf)
    {
        if (fragmentOf >= 0 && VFragmentOfRef(variant) < 0) VFragmentOfRef(variant) = fragmentOf;
    }

    /// <summary>
    /// The variants closest to a claimed text: exact, near-duplicates (LSH), and longer variants that contain it
    /// or share a good part of its word 3-shingles. Best first, at most <paramref name="limit"/>.
    /// </summary>
    public List<VariantMatch> Closest(ReadOnlySpan<ulong> words, int limit)
    {
        var found = new Dictionary<int, VariantMatch>();
        if (words.IsEmpty) return [];
        // (a variant let go of is not held, so Consider would skip it: only those in memory are looked up)
        if (_exact.TryGetValue(MatchText.SequenceHash(words), out var exact)) Consider(found, words, exact);
        Span<uint> signature = stackalloc uint[MinHash.Size];
        MinHash.Signature(words, signature);
        _seen.Clear();
        for (var b = 0; b < MinHash.Bands && words.Length >= 2; b++)
        {
            var n = 0;
            foreach (var v in _lsh.Get(MinHash.BandKey(signature, b)))
            {
                if (++n > MaxCandidates) break;
                if (_seen.Add(v)) Consider(found, words, v);
            }
        }
        if (words.Length >= 3)
        {
            // Votes from word 3-shingles: variants sharing many of the claim's shingles (rare shingles first, capped).
            var votes = new Dictionary<int, int>();
            var shingles = new List<(int Count, ulong Key)>(words.Length);
            for (var i = 0; i + 2 < words.Length; i++)
            {
                var key = MatchText.Triple(words[i], words[i + 1], words[i + 2]);
                var count = _shingles.CountOf(key);
                if (count > 0) shingles.Add((count, key));
            }
            shingles.Sort((x, y) => x.Count.CompareTo(y.Count));
            var budget = 20_000;
            foreach (var (count, key) in shingles)
            {
                if (budget <= 0) break;
                foreach (var v in _shingles.Get(key))
                {
                    if (--budget <= 0) break;
                    votes[v] = votes.GetValueOrDefault(v) + 1;
                }
            }
            foreach (var (v, _) in votes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(4 * limit))
                Consider(found, words, v);
        }
        return found.Values
            .OrderByDescending(m => m.Similarity)
            .ThenByDescending(m => m.Contained ? 0 : 1)
            .ThenBy(m => FirstKey(m.Cluster))
            .Take(limit)
            .ToList();
    }

    private void Consider(Dictionary<int, VariantMatch> found, ReadOnlySpan<ulong> words, int v)
    {
        if (found.ContainsKey(v) || !IsHeld(v)) return;
        var vw = Words(v);
        var full = WordAlign.Similarity(words, vw);
        var match = new VariantMatch(v, ClusterOf(v), full, false, 0, vw.Length);
        if (vw.Length > words.Length)
        {
            var (d, s, e) = WordAlign.Contain(words, vw);
            var inside = 1 - (double)d / words.Length;
            if (inside > full && (e - s) < vw.Length) match = new VariantMatch(v, match.Cluster, inside, true, s, e);
        }
        found[v] = match;
    }

    // ------------------------------------------------------------------ internals

    private bool Earlier(int cluster, int day, long key)
    {
        cluster = Find(cluster);
        var firstDay = FirstDayRef(cluster);
        if (day < firstDay || (day == firstDay && key < FirstKeyRef(cluster)))
        {
            FirstDayRef(cluster) = day;
            FirstKeyRef(cluster) = key;
            return true;
        }
        return false;
    }

    private int NewCluster(int day, long key)
    {
        var id = _cBase + _parent.Add(Clusters);
        _representative.Add(-1);
        _firstDay.Add(day);
        _firstKey.Add(key);
        return id;
    }

    private void AddUnheldVariant(ReadOnlySpan<ulong> words, ulong hash, int cluster, int fragmentOf)
    {
        var id = _vBase + _variantCluster.Add(cluster);
        _variantStart.Add(-1);
        _variantLength.Add(words.Length);
        _variantFragmentOf.Add(fragmentOf);
        _variantSketch.Add(ShingleSketch.Full); // no words held: never ruled out by its sketch
        _exact.TryAdd(hash, id);
        var root = Find(cluster);
        if (RepRef(root) == -1) RepRef(root) = id;
    }

    private int AddVariant(ReadOnlySpan<ulong> words, ulong hash, ReadOnlySpan<uint> signature, int cluster, int fragmentOf)
    {
        if (MaxHeldVariants < int.MaxValue && Variants - _heldFrom >= 2 * (MaxHeldVariants / 2)) LetGoOldest();
        var id = _vBase + _variantCluster.Add(cluster);
        _variantStart.Add(_words.Count);
        _variantLength.Add(words.Length);
        _variantFragmentOf.Add(fragmentOf);
        _variantSketch.Add(default); // IndexVariant sets it, from the shingles it indexes
        foreach (var w in words) _words.Add(w);
        _exact.TryAdd(hash, id);
        IndexVariant(id, words, signature);
        var root = Find(cluster);
        if (RepRef(root) == -1) RepRef(root) = id;
        return id;
    }

    /// <summary>
    /// Keeps the newest half of the held variants: the others' words and postings go (rebuilt from the kept ones, in id order,
    /// so the postings are those an index restored from the store at this count would have). Runs when the count of variants
    /// reaches a multiple of half the bound, so what is held depends on the count alone.
    /// </summary>
    private void LetGoOldest()
    {
        var count = Variants;
        var from = count - MaxHeldVariants / 2;
        long kept = 0;
        for (var v = from; v < count; v++) kept += _variantLength[v - _vBase];
        var words = new Pool<ulong>((int)Math.Clamp(kept + kept / 2, 1024, int.MaxValue / 2));
        var n = count - from;
        _lsh = new Postings(n * MinHash.Bands, n * MinHash.Bands);
        _shingles = new Postings(n * 8, (int)Math.Clamp(kept, 1024, int.MaxValue / 2));
        _firstWords = new Postings(n / 2, Math.Max(1024, n));
        Span<uint> signature = stackalloc uint[MinHash.Size];
        for (var v = _heldFrom; v < from; v++) _variantStart[v - _vBase] = -1;
        for (var v = from; v < count; v++)
        {
            var at = v - _vBase;
            var old = _words.Slice(_variantStart[at], _variantLength[at]);
            _variantStart[at] = words.Count;
            foreach (var w in old) words.Add(w);
            var mine = words.Slice(_variantStart[at], _variantLength[at]);
            MinHash.Signature(mine, signature);
            IndexVariant(v, mine, signature);
        }
        _words = words;
        _heldFrom = from;
    }

    private void IndexVariant(int id, ReadOnlySpan<ulong> words, ReadOnlySpan<uint> signature)
    {
        if (words.Length >= 2)
            for (var b = 0; b < MinHash.Bands; b++)
                _lsh.Add(MinHash.BandKey(signature, b), id);
        ref var sketch = ref _variantSketch[id - _vBase];
        sketch = default;
        for (var i = 0; i + 2 < words.Length; i++)
        {
            var triple = MatchText.Triple(words[i], words[i + 1], words[i + 2]);
            _shingles.Add(triple, id);
            sketch.Add(triple);
        }
        if (words.Length >= MinFragmentWords)
            _firstWords.Add(FirstWords(words, 0), id);
    }

    private int NearestByLsh(ReadOnlySpan<ulong> words, ReadOnlySpan<uint> signature)
    {
        // The candidates (the first MaxCandidates of each band's bucket), with how many bands each shares: the likeliest
        // near-duplicates are measured first, so that the edit distance of the rest is searched only as far as could still
        // beat them. The answer (the most similar; the lowest id on a tie) does not depend on the order.
        _candidateAt.Clear();
        _candidates.Clear();
        for (var b = 0; b < MinHash.Bands; b++)
        {
            var n = 0;
            foreach (var v in _lsh.Get(MinHash.BandKey(signature, b)))
            {
                if (++n > MaxCandidates) break;
                var at = _candidateAt.AddOrGet(v, _candidates.Count);
                if (at < 0) _candidates.Add((v, 1));
                else _candidates[at] = (v, _candidates[at].Bands + 1);
            }
        }
        if (_candidates.Count > 1) _candidates.Sort(static (x, y) => x.Bands != y.Bands ? y.Bands.CompareTo(x.Bands) : x.Variant.CompareTo(y.Variant));
        var best = -1;
        var bestSim = NearDuplicate;
        var patternSet = false;
        foreach (var (v, _) in _candidates)
        {
            var len = _variantLength[v - _vBase]; // held: in memory
            // Cannot reach the best so far (the similarity is at most the length ratio); an equal one may still win on its id.
            if (Math.Min(len, words.Length) < bestSim * Math.Max(len, words.Length)) continue;
            // WordAlign.Similarity, with the edit distance searched only as far as could still reach the best so far.
            var vw = Words(v);
            var max = Math.Max(words.Length, vw.Length);
            var limit = WithinSimilarity(bestSim, max);
            if (limit < 0) continue;
            if (!patternSet) { _pattern.Set(words); patternSet = true; }
            var d = _pattern.Distance(vw, limit);
            if (d > limit) continue;
            var sim = 1 - (double)d / max;
            if (sim > bestSim || (sim == bestSim && best >= 0 && v < best)) { bestSim = sim; best = v; }
        }
        return best;
    }

    /// <summary>The most word edits between sequences of which the longer has <paramref name="max"/> words that keep a similarity ≥ <paramref name="similarity"/> (−1: none).</summary>
    private static int WithinSimilarity(double similarity, int max)
    {
        var k = (int)Math.Min(max, Math.Floor((1 - similarity) * max) + 1);
        while (k >= 0 && 1 - (double)k / max < similarity) k--; // the very comparison of WordAlign.Similarity, so ties stay ties
        return k;
    }

    /// <summary>A longer variant that contains these words (at most one word edit per eight words); the oldest such variant.</summary>
    private int ContainerOf(ReadOnlySpan<ulong> words)
    {
        // The rarest shingle of each half: a typo in one half leaves the other to find the container.
        var half = (words.Length - 2) / 2;
        ulong k1 = 0, k2 = 0;
        int c1 = int.MaxValue, c2 = int.MaxValue;
        var known = 0; // positions whose shingle some held variant has: no container can share more
        for (var i = 0; i + 2 < words.Length; i++)
        {
            var key = MatchText.Triple(words[i], words[i + 1], words[i + 2]);
            var count = _shingles.CountOf(key);
            if (count == 0) continue;
            known++;
            if (i < Math.Max(half, 1)) { if (count < c1) { c1 = count; k1 = key; } }
            else if (count < c2) { c2 = count; k2 = key; }
        }
        var allowed = words.Length / 8;
        // An exact filter before the edit-distance table: each word edit spoils at most three of the words' 3-shingles, so a
        // container within `allowed` edits has at least (n − 2) − 3·allowed of them; fewer shared shingles cannot qualify.
        var need = words.Length - 2 - 3 * allowed;
        // A wording seen for the first time shares only its common phrases with the held variants: when fewer of its
        // shingles are known at all than a container must share, the candidates below would all fail the filter.
        if (need > known) return -1;
        var positions = Math.Max(0, words.Length - 2);
        var sketched = need > 0 && positions <= MaxSketchedPositions;
        if (need > 0)
        {
            _triples.Clear();
            if (sketched && _queryBits.Length < positions) _queryBits = new byte[Math.Min(MaxSketchedPositions, Math.Max(positions, 2 * _queryBits.Length))];
            for (var i = 0; i + 2 < words.Length; i++)
            {
                var t = MatchText.Triple(words[i], words[i + 1], words[i + 2]);
                _triples.Add(t);
                if (sketched) _queryBits[i] = ShingleSketch.BitOf(t);
            }
        }
        // The candidates (the newest MaxCandidates·4 variants of each of the two shingles, longer than the words), oldest
        // first: the answer is the fewest edits, the oldest on a tie, so the first containing one without an edit ends it.
        _seen.Clear();
        _containers.Clear();
        for (var pass = 0; pass < 2; pass++)
        {
            var (count, key) = pass == 0 ? (c1, k1) : (c2, k2);
            if (count == int.MaxValue) continue;
            var n = 0;
            foreach (var v in _shingles.Get(key))
            {
                if (++n > MaxCandidates * 4) break;
                if (_seen.Add(v) && _variantLength[v - _vBase] > words.Length) _containers.Add(v);
            }
        }
        _containers.Sort();
        var best = -1;
        var bestD = int.MaxValue;
        var patternSet = false;
        foreach (var v in _containers)
        {
            if (need > 0 && ((sketched && !SketchMayShare(in _variantSketch[v - _vBase], positions, need)) || SharedTriples(words, Words(v), need) < need)) continue;
            var limit = Math.Min(allowed, bestD - 1);
            if (limit < 0) break;
            if (!patternSet) { _pattern.Set(words); patternSet = true; }
            var d = _pattern.ContainDistance(Words(v), limit);
            if (d <= limit) { bestD = d; best = v; }
        }
        // Attach to the fullest version: a fragment of a fragment belongs with the whole.
        while (best >= 0 && VFragmentOfRef(best) >= 0) best = VFragmentOfRef(best);
        return best;
    }

    /// <summary>The bit of each shingle position of the quote being placed (<see cref="ContainerOf"/>); a quote longer than
    /// <see cref="MaxSketchedPositions"/> is checked without the sketch, so the array never grows past it.</summary>
    private byte[] _queryBits = new byte[64];

    private const int MaxSketchedPositions = 4096;

    /// <summary>
    /// Whether a variant with this sketch could share <paramref name="need"/> of the query's shingle positions (<see cref="_queryBits"/>):
    /// a shared shingle has its bit in the sketch, so positions whose bit is missing cannot count. Never false for a variant
    /// that does share them, so the containers found are the same as without it.
    /// </summary>
    private bool SketchMayShare(in ShingleSketch sketch, int positions, int need)
    {
        var missing = positions - need; // positions that may lack their bit before the variant is ruled out
        for (var i = 0; i < positions; i++)
            if (!sketch.Has(_queryBits[i]) && --missing < 0) return false;
        return true;
    }

    /// <summary>How many of the 3-shingle positions of <paramref name="words"/> have their shingle somewhere in <paramref name="other"/> (counting stops at <paramref name="enough"/>).</summary>
    private int SharedTriples(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> other, int enough)
    {
        _otherTriples.Clear();
        for (var j = 0; j + 2 < other.Length; j++)
        {
            var t = MatchText.Triple(other[j], other[j + 1], other[j + 2]);
            if (_triples.Contains(t)) _otherTriples.Add(t);
        }
        if (_otherTriples.Count == 0) return 0;
        var shared = 0;
        for (var i = 0; i + 2 < words.Length; i++)
            if (_otherTriples.Contains(MatchText.Triple(words[i], words[i + 1], words[i + 2])) && ++shared >= enough) break;
        return shared;
    }

    /// <summary>
    /// The key a fragment is found by: its first <see cref="MinFragmentWords"/> words (the shortest fragment's all), not
    /// three, so that a common opening ("I think that") does not list every variant that starts with it.
    /// </summary>
    private static ulong FirstWords(ReadOnlySpan<ulong> words, int at) =>
        MatchText.Triple(MatchText.Triple(words[at], words[at + 1], words[at + 2]), words[at + 3], 0x9E3779B97F4A7C15UL);

    /// <summary>Shorter variants seen earlier inside this one: their clusters (when wholly inside it) join this cluster.</summary>
    private bool AbsorbFragments(ReadOnlySpan<ulong> words, int variant)
    {
        var changed = false;
        var into = ClusterOf(variant);
        for (var i = 0; i + MinFragmentWords <= words.Length; i++)
        {
            var n = 0;
            foreach (var f in _firstWords.Get(FirstWords(words, i)))
            {
                if (++n > 64) break;
                if (f == variant || _variantLength[f - _vBase] >= words.Length || !WordAlign.OccursAt(Words(f), words, i)) continue;
                var cf = ClusterOf(f);
                if (cf == into) continue;
                var rep = RepOf(cf);
                if (rep != f)
                {
                    if (!IsHeld(rep)) continue; // its fullest wording is no longer held: leave the cluster as it is
                    var repLength = _variantLength[rep - _vBase];
                    if (repLength >= words.Length) continue;
                    if (WordAlign.ContainDistance(Words(rep), words, repLength / 8) > repLength / 8)
                        continue; // the fragment's cluster holds more than this quote: leave it
                }
                // Merge cf into this cluster; the fragment now points at the fuller version.
                ParentRef(cf) = into;
                _merges.Add((cf, into, f));
                if (VFragmentOfRef(f) < 0) VFragmentOfRef(f) = variant;
                changed |= Earlier(into, FirstDayRef(cf), FirstKeyRef(cf));
            }
        }
        return changed;
    }
}

/// <summary>
/// A fixed-size Bloom filter of 64-bit hashes (four bits each): "certainly not added" or "maybe". Its size does not grow; past
/// about a tenth as many hashes as bits, it answers "maybe" more often (the caller then looks the hash up where it is kept).
/// </summary>
internal sealed class HashFilter(int log2Bits)
{
    private readonly ulong[] _bits = new ulong[1L << (Math.Clamp(log2Bits, 10, 34) - 6)];
    private readonly int _shift = 64 - Math.Clamp(log2Bits, 10, 34);

    public long Bytes => (long)_bits.Length * 8;

    public void Add(ulong hash)
    {
        for (var k = 0; k < 4; k++)
        {
            var b = Bit(hash, k);
            _bits[b >> 6] |= 1UL << (int)(b & 63);
        }
    }

    public bool MayContain(ulong hash)
    {
        for (var k = 0; k < 4; k++)
        {
            var b = Bit(hash, k);
            if ((_bits[b >> 6] & (1UL << (int)(b & 63))) == 0) return false;
        }
        return true;
    }

    private static readonly ulong[] Multipliers = [0x9E3779B97F4A7C15UL, 0xBF58476D1CE4E5B9UL, 0x94D049BB133111EBUL, 0xD6E8FEB86659FD93UL];

    private ulong Bit(ulong hash, int k) => ((hash ^ (hash >> 29)) * Multipliers[k]) >> _shift;
}

/// <summary>
/// A variant's 3-shingles as a 256-bit set (each sets the bit its hash's top byte names): a shingle it has always has its bit,
/// so a missing bit proves a shingle missing. 64 bits had been too dense to tell apart quotes of 25–35 shingles (four in ten
/// candidates passed); at 256 about one bit in eight is set.
/// </summary>
[System.Runtime.CompilerServices.InlineArray(4)]
internal struct ShingleSketch
{
    private ulong _bits;

    public static ShingleSketch Full
    {
        get
        {
            var s = new ShingleSketch();
            ((Span<ulong>)s).Fill(ulong.MaxValue);
            return s;
        }
    }

    public static byte BitOf(ulong triple) => (byte)(triple >> 56);

    public void Add(ulong triple)
    {
        var bit = BitOf(triple);
        this[bit >> 6] |= 1UL << (bit & 63);
    }

    public readonly bool Has(byte bit) => ((this[bit >> 6] >> (bit & 63)) & 1) != 0;
}

