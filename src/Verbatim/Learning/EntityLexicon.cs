namespace Verbatim.Learning;

/// <summary>Allocation-free 64-bit hashes of words (lower case and digits as 0) and of word sequences.</summary>
internal static class WordHash
{
    private const ulong Offset = 14695981039346656037UL, Prime = 1099511628211UL;

    /// <summary>The word in lower case with every digit read as 0.</summary>
    public static ulong Lower(ReadOnlySpan<char> word)
    {
        ulong h = Offset;
        foreach (char c in word) h = (h ^ Fold(c)) * Prime;
        return Mix(h);
    }

    /// <summary>Hashes of the lower-case prefixes (into [0..4)) and suffixes (into [4..8)) of 1 to 4 characters that are
    /// shorter than the word; 0 for the others.</summary>
    public static void Affixes(ReadOnlySpan<char> word, Span<ulong> into)
    {
        into.Clear();
        ulong p = Offset, s = Offset ^ 0x27d4eb2dUL;
        for (int k = 1; k <= 4 && k < word.Length; k++)
        {
            p = (p ^ Fold(word[k - 1])) * Prime;
            s = (s ^ Fold(word[^k])) * Prime;
            into[k - 1] = Mix(p + (ulong)k);
            into[3 + k] = Mix(s + (ulong)k);
        }
    }

    private static char Fold(char c) => c is >= '0' and <= '9' ? '0' : c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c) : char.ToLowerInvariant(c);

    /// <summary>The word as written, every digit read as 0.</summary>
    public static ulong Exact(ReadOnlySpan<char> word)
    {
        ulong h = Offset ^ 0x5bd1e995UL;
        foreach (char c in word)
            h = (h ^ (c is >= '0' and <= '9' ? '0' : c)) * Prime;
        return Mix(h);
    }

    /// <summary>The hash of a word sequence, extended by one word.</summary>
    public static ulong Phrase(ulong soFar, ulong word) => Mix(soFar * 0x9E3779B97F4A7C15UL ^ word);

    public const ulong PhraseSeed = 0x2545F4914F6CDD1DUL;

    public static ulong Mix(ulong x) => FeatureHash.Mix(x);
}

/// <summary>
/// The entity tagger's word knowledge: word clusters (lower-case word hash → fine and coarse cluster) and a
/// gazetteer (hash of a lower-case word sequence → a bit per gazetteer kind). Only hashes are kept.
/// </summary>
public sealed class EntityLexicon
{
    /// <summary>The longest gazetteer entry, in words.</summary>
    public const int MaxPhrase = 5;
    /// <summary>Gazetteer kinds (at most 8: a match marks its tokens with kind × position B/I/L/U in a 32-bit set).</summary>
    public const int Loc = 0, Demonym = 1, Person = 2, FirstName = 3, Surname = 4, Org = 5, WikiPer = 6, WikiLoc = 7;

    internal readonly Dictionary<ulong, uint> Clusters;   // fine | coarse << 16
    internal readonly Dictionary<ulong, uint> Gazetteer;  // a bit per kind

    public EntityLexicon(Dictionary<ulong, uint> clusters, Dictionary<ulong, uint> gazetteer)
    {
        Clusters = clusters;
        Gazetteer = gazetteer;
    }

    public static EntityLexicon Empty => new([], []);

    public int ClusterWords => Clusters.Count;
    public int GazetteerEntries => Gazetteer.Count;

    /// <summary>Adds an entry (words as they would be tokenized) of one kind.</summary>
    public static void AddEntry(Dictionary<ulong, uint> gazetteer, ReadOnlySpan<string> words, int kind)
    {
        if (words.Length == 0 || words.Length > MaxPhrase) return;
        ulong h = WordHash.PhraseSeed;
        foreach (var w in words) h = WordHash.Phrase(h, WordHash.Lower(w));
        gazetteer[h] = gazetteer.GetValueOrDefault(h) | 1u << kind;
    }

    internal void Write(BinaryWriter w)
    {
        WriteTable(w, Clusters);
        WriteTable(w, Gazetteer);
    }

    internal static EntityLexicon Read(BinaryReader r) => new(ReadTable(r), ReadTable(r));

    private static void WriteTable(BinaryWriter w, Dictionary<ulong, uint> table)
    {
        var keys = table.Keys.ToArray();
        Array.Sort(keys);
        w.Write(keys.Length);
        ulong prev = 0;
        foreach (var k in keys) { w.Write7BitEncodedInt64((long)(k - prev)); prev = k; }
        foreach (var k in keys) w.Write7BitEncodedInt((int)table[k]);
    }

    private static Dictionary<ulong, uint> ReadTable(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0) throw new InvalidDataException("bad table size in the entity model");
        var keys = new ulong[n];
        ulong prev = 0;
        for (int i = 0; i < n; i++) { prev += (ulong)r.Read7BitEncodedInt64(); keys[i] = prev; }
        var table = new Dictionary<ulong, uint>(n);
        for (int i = 0; i < n; i++) table[keys[i]] = (uint)r.Read7BitEncodedInt();
        return table;
    }
}
