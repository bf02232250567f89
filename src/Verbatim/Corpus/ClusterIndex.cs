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
/// The in-memory quote cluster maintainer. A <em>variant</em> is one normalised wording (see <see cref="MatchText"/>);
/// a <em>cluster</em> is every variant of one utterance: exact normalised matches share a variant, near-duplicates
/// (MinHash/LSH candidates with word-level similarity ≥ <see cref="NearDuplicate"/>) join the closest variant's cluster,
/// and fragments (≥ <see cref="MinFragmentWords"/> words found inside a longer variant) attach to the fuller version's
/// cluster — also when the fragment came first. Everything is flat arrays and hash maps keyed by 64-bit hashes;
/// adding a quote allocates nothing per word. Not thread-safe.
/// </summary>
public sealed class ClusterIndex
{
    public const int MinFragmentWords = 4;
    public const double NearDuplicate = 0.7;
    private const int MaxCandidates = 256;

    // variants
    private readonly Pool<int> _variantCluster;
    private readonly Pool<int> _variantStart;
    private readonly Pool<int> _variantLength;
    private readonly Pool<int> _variantFragmentOf;
    private Pool<ulong> _words;
    private readonly Dictionary<ulong, int> _exact;
    private Postings _lsh;
    private Postings _shingles;
    private Postings _firstShingle;

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

    /// <summary>Whether a variant's words are held (see <see cref="MaxHeldVariants"/>).</summary>
    public bool IsHeld(int variant) => variant >= _heldFrom;

    // clusters (union-find: a merged cluster points at the one it joined)
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
        _words = new((int)Math.Clamp(words, 16 * 1024, int.MaxValue / 2));
        _exact = new(variants);
        _lsh = new(variants * 4, v * MinHash.Bands);
        _shingles = new(variants * 8, (int)Math.Clamp(words, 1024, int.MaxValue / 2));
        _firstShingle = new(variants / 2, v);
        _parent = new(c);
        _representative = new(c);
        _firstDay = new(c);
        _firstKey = new(c);
    }

    private readonly List<(int From, int Into, int Fragment)> _merges = [];
    private readonly HashSet<int> _seen = [];
    private readonly HashSet<ulong> _triples = [];
    private readonly HashSet<ulong> _otherTriples = [];

    public int Variants => _variantCluster.Count;
    public int Clusters => _parent.Count;

    /// <summary>Clusters merged into another by the last <see cref="Add"/> (a fragment's cluster joining its fuller version's), with the fragment variant that now points at the new one.</summary>
    public IReadOnlyList<(int From, int Into, int Fragment)> LastMerges => _merges;

    /// <summary>Approximate bytes held by the index's arrays and maps.</summary>
    public long Bytes => _variantCluster.Bytes * 4 + _words.Bytes + (long)_exact.Count * 24 + _lsh.Bytes + _shingles.Bytes + _firstShingle.Bytes
        + _parent.Bytes * 3 + _firstKey.Bytes;

    /// <summary>The cluster a variant belongs to now (following merges).</summary>
    public int ClusterOf(int variant) => Find(_variantCluster[variant]);

    public int Find(int cluster)
    {
        var root = cluster;
        while (_parent[root] != root) root = _parent[root];
        while (_parent[cluster] != root)
        {
            var next = _parent[cluster];
            _parent[cluster] = root;
            cluster = next;
        }
        return root;
    }

    public int WordCount(int variant) => _variantLength[variant];
    public int FragmentOf(int variant) => _variantFragmentOf[variant];
    /// <summary>A variant's word hashes; empty for a variant no longer held (<see cref="MaxHeldVariants"/>).</summary>
    public ReadOnlySpan<ulong> Words(int variant) => variant >= _heldFrom ? _words.Slice(_variantStart[variant], _variantLength[variant]) : [];
    public int Representative(int cluster) => _representative[Find(cluster)];
    public long FirstKey(int cluster) => _firstKey[Find(cluster)];
    public DateOnly? FirstDate(int cluster) => _firstDay[Find(cluster)] is var d && d == int.MaxValue ? null : DateOnly.FromDayNumber(d);

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
        if (_exact.TryGetValue(hash, out var known))
        {
            var c = ClusterOf(known);
            return new ClusterChange(known, c, false, false, _variantFragmentOf[known], Earlier(c, day, quoteKey));
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
        if (!newCluster && words.Length > _variantLength[_representative[cluster]]) _representative[cluster] = variant;
        if (fragmentOf < 0 && words.Length > MinFragmentWords)
            changed |= AbsorbFragments(words, variant);
        return new ClusterChange(variant, ClusterOf(variant), true, newCluster, fragmentOf, changed);
    }

    /// <summary>Restores a cluster written earlier (ids dense from 0, in order): its merge target (or itself), first-seen day and key.</summary>
    public void RestoreCluster(int id, int mergedInto, DateOnly? firstDate, long firstKey)
    {
        if (id != _parent.Count) throw new InvalidOperationException($"cluster ids must be dense: expected {_parent.Count}, got {id}");
        _parent.Add(mergedInto < 0 ? id : mergedInto);
        _representative.Add(-1);
        _firstDay.Add(firstDate?.DayNumber ?? int.MaxValue);
        _firstKey.Add(firstKey);
    }

    /// <summary>Before restoring <paramref name="variants"/> variants: those that a bounded index would let go are restored without their words.</summary>
    public void BeginRestore(int variants)
    {
        // The variants an index built one Add at a time would hold at this count (see LetGoOldest): the same after a restart.
        var half = MaxHeldVariants / 2;
        // The last let-go ran when variant id k·half was added (k ≥ 2), keeping ids from (k − 1)·half.
        if (MaxHeldVariants < int.MaxValue && variants - 1 >= 2 * half)
            _restoreHeldFrom = _heldFrom = ((variants - 1) / half - 1) * half;
    }

    /// <summary>Restores a variant written earlier (ids dense from 0, in order) from its normalised text.</summary>
    public void RestoreVariant(int id, int cluster, string normalised, int fragmentOf)
    {
        if (id != _variantCluster.Count) throw new InvalidOperationException($"variant ids must be dense: expected {_variantCluster.Count}, got {id}");
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
            var root = Find(cluster);
            var rep = _representative[root];
            if (rep < 0 || words.Length > _variantLength[rep]) _representative[root] = id;
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
                var rf = _representative[from];
                var ri = _representative[into];
                if (rf >= 0 && (ri < 0 || _variantLength[rf] > _variantLength[ri])) _representative[into] = rf;
                _parent[from] = into;
            }
        }
        _firstDay[id] = firstDate?.DayNumber ?? int.MaxValue;
        _firstKey[id] = firstKey;
    }

    /// <summary>Applies a variant's fragment link that another writer set after this index was loaded.</summary>
    public void SetFragmentOf(int variant, int fragmentOf)
    {
        if (fragmentOf >= 0 && _variantFragmentOf[variant] < 0) _variantFragmentOf[variant] = fragmentOf;
    }

    /// <summary>
    /// The variants closest to a claimed text: exact, near-duplicates (LSH), and longer variants that contain it
    /// or share a good part of its word 3-shingles. Best first, at most <paramref name="limit"/>.
    /// </summary>
    public List<VariantMatch> Closest(ReadOnlySpan<ulong> words, int limit)
    {
        var found = new Dictionary<int, VariantMatch>();
        if (words.IsEmpty) return [];
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
        if (day < _firstDay[cluster] || (day == _firstDay[cluster] && key < _firstKey[cluster]))
        {
            _firstDay[cluster] = day;
            _firstKey[cluster] = key;
            return true;
        }
        return false;
    }

    private int NewCluster(int day, long key)
    {
        var id = _parent.Add(_parent.Count);
        _representative.Add(-1);
        _firstDay.Add(day);
        _firstKey.Add(key);
        return id;
    }

    private void AddUnheldVariant(ReadOnlySpan<ulong> words, ulong hash, int cluster, int fragmentOf)
    {
        var id = _variantCluster.Add(cluster);
        _variantStart.Add(-1);
        _variantLength.Add(words.Length);
        _variantFragmentOf.Add(fragmentOf);
        _exact.TryAdd(hash, id);
        var root = Find(cluster);
        if (_representative[root] < 0) _representative[root] = id;
    }

    private int AddVariant(ReadOnlySpan<ulong> words, ulong hash, ReadOnlySpan<uint> signature, int cluster, int fragmentOf)
    {
        if (MaxHeldVariants < int.MaxValue && _variantCluster.Count - _heldFrom >= 2 * (MaxHeldVariants / 2)) LetGoOldest();
        var id = _variantCluster.Add(cluster);
        _variantStart.Add(_words.Count);
        _variantLength.Add(words.Length);
        _variantFragmentOf.Add(fragmentOf);
        foreach (var w in words) _words.Add(w);
        _exact.TryAdd(hash, id);
        IndexVariant(id, words, signature);
        var root = Find(cluster);
        if (_representative[root] < 0) _representative[root] = id;
        return id;
    }

    /// <summary>
    /// Keeps the newest half of the held variants: the others' words and postings go (rebuilt from the kept ones, in id order,
    /// so the postings are those an index restored from the store at this count would have). Runs when the count of variants
    /// reaches a multiple of half the bound, so what is held depends on the count alone.
    /// </summary>
    private void LetGoOldest()
    {
        var from = _variantCluster.Count - MaxHeldVariants / 2;
        long kept = 0;
        for (var v = from; v < _variantCluster.Count; v++) kept += _variantLength[v];
        var words = new Pool<ulong>((int)Math.Clamp(kept + kept / 2, 1024, int.MaxValue / 2));
        var n = _variantCluster.Count - from;
        _lsh = new Postings(n * MinHash.Bands, n * MinHash.Bands);
        _shingles = new Postings(n * 8, (int)Math.Clamp(kept, 1024, int.MaxValue / 2));
        _firstShingle = new Postings(n / 2, Math.Max(1024, n));
        Span<uint> signature = stackalloc uint[MinHash.Size];
        for (var v = _heldFrom; v < from; v++) _variantStart[v] = -1;
        for (var v = from; v < _variantCluster.Count; v++)
        {
            var old = _words.Slice(_variantStart[v], _variantLength[v]);
            _variantStart[v] = words.Count;
            foreach (var w in old) words.Add(w);
            var mine = words.Slice(_variantStart[v], _variantLength[v]);
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
        for (var i = 0; i + 2 < words.Length; i++)
            _shingles.Add(MatchText.Triple(words[i], words[i + 1], words[i + 2]), id);
        if (words.Length >= MinFragmentWords)
            _firstShingle.Add(MatchText.Triple(words[0], words[1], words[2]), id);
    }

    private int NearestByLsh(ReadOnlySpan<ulong> words, ReadOnlySpan<uint> signature)
    {
        _seen.Clear();
        var best = -1;
        var bestSim = NearDuplicate;
        for (var b = 0; b < MinHash.Bands; b++)
        {
            var n = 0;
            foreach (var v in _lsh.Get(MinHash.BandKey(signature, b)))
            {
                if (++n > MaxCandidates) break;
                if (!_seen.Add(v)) continue;
                var len = _variantLength[v];
                if (Math.Min(len, words.Length) < NearDuplicate * Math.Max(len, words.Length)) continue; // cannot reach the threshold
                // WordAlign.Similarity, with the edit distance searched only as far as could still reach the best so far.
                var vw = Words(v);
                var max = Math.Max(words.Length, vw.Length);
                var limit = WithinSimilarity(bestSim, max);
                if (limit < 0) continue;
                var d = WordAlign.Distance(words, vw, limit);
                if (d > limit) continue;
                var sim = 1 - (double)d / max;
                if (sim > bestSim || (sim == bestSim && best >= 0 && v < best)) { bestSim = sim; best = v; }
            }
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
        if (need > 0)
        {
            _triples.Clear();
            for (var i = 0; i + 2 < words.Length; i++) _triples.Add(MatchText.Triple(words[i], words[i + 1], words[i + 2]));
        }
        var best = -1;
        var bestD = int.MaxValue;
        _seen.Clear();
        for (var pass = 0; pass < 2; pass++)
        {
            var (count, key) = pass == 0 ? (c1, k1) : (c2, k2);
            if (count == int.MaxValue) continue;
            var n = 0;
            foreach (var v in _shingles.Get(key))
            {
                if (++n > MaxCandidates * 4) break;
                if (!_seen.Add(v) || _variantLength[v] <= words.Length) continue;
                if (need > 0 && SharedTriples(words, Words(v), need) < need) continue;
                var limit = Math.Min(allowed, bestD);
                var d = WordAlign.ContainDistance(words, Words(v), limit);
                if (d <= limit && (d < bestD || (d == bestD && v < best))) { bestD = d; best = v; }
            }
        }
        // Attach to the fullest version: a fragment of a fragment belongs with the whole.
        while (best >= 0 && _variantFragmentOf[best] >= 0) best = _variantFragmentOf[best];
        return best;
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

    /// <summary>Shorter variants seen earlier inside this one: their clusters (when wholly inside it) join this cluster.</summary>
    private bool AbsorbFragments(ReadOnlySpan<ulong> words, int variant)
    {
        var changed = false;
        var into = ClusterOf(variant);
        for (var i = 0; i + MinFragmentWords <= words.Length; i++)
        {
            var n = 0;
            foreach (var f in _firstShingle.Get(MatchText.Triple(words[i], words[i + 1], words[i + 2])))
            {
                if (++n > 64) break;
                if (f == variant || _variantLength[f] >= words.Length || !WordAlign.OccursAt(Words(f), words, i)) continue;
                var cf = ClusterOf(f);
                if (cf == into) continue;
                var rep = _representative[cf];
                if (rep != f)
                {
                    if (!IsHeld(rep)) continue; // its fullest wording is no longer held: leave the cluster as it is
                    if (_variantLength[rep] >= words.Length) continue;
                    if (WordAlign.ContainDistance(Words(rep), words, _variantLength[rep] / 8) > _variantLength[rep] / 8)
                        continue; // the fragment's cluster holds more than this quote: leave it
                }
                // Merge cf into this cluster; the fragment now points at the fuller version.
                _parent[cf] = into;
                _merges.Add((cf, into, f));
                if (_variantFragmentOf[f] < 0) _variantFragmentOf[f] = variant;
                changed |= Earlier(into, _firstDay[cf], _firstKey[cf]);
            }
        }
        return changed;
    }
}
