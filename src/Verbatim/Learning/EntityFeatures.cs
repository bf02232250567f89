using System.Runtime.CompilerServices;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Per-document working arrays of the entity tagger and its feature extraction: every token's hashes, shape, affixes,
/// cluster, gazetteer matches and document-level evidence are computed once into reused arrays; <see cref="Extract"/>
/// then hashes feature indices into a caller's span. Nothing is allocated per token; one instance per thread.
/// </summary>
internal sealed class EntityFeatures
{
    public const int Bits = 18;
    public const int Size = 1 << Bits;
    public const int MaxFeatures = 96;

    // Token flags.
    private const int Cap = 1, AllCaps = 2, Digit = 4, Hyphen = 8, Period = 16, NoAlnum = 32, SentenceStart = 64, Headline = 128;
    private const int Lowered = 256; // the token has a lower-case letter

    private ulong[] _lower = new ulong[256];
    private ulong[] _exact = new ulong[256];
    private ulong[] _shape = new ulong[256];
    private ulong[] _affix = new ulong[256 * 8];
    private uint[] _cluster = new uint[256];
    private uint[] _gaz = new uint[256];
    private int[] _flags = new int[256];
    private byte[] _seen = new byte[256];   // document evidence about the token's word (see Prepare)

    // Document memory: an open-addressing table keyed by the lower-case word hash.
    private ulong[] _keys = new ulong[512];
    private byte[] _seenOf = new byte[512];
    private ushort[] _labels = new ushort[512 * 5]; // O, PER, ORG, LOC, MISC counts of predicted labels so far
    private int _mask = 511;

    private int _n;

    public int Count => _n;

    /// <summary>Computes every token's per-word values and the document's evidence tables.</summary>
    public void Prepare(string text, ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences, EntityLexicon lexicon)
    {
        int n = tokens.Length;
        _n = n;
        if (_lower.Length < n) Grow(n);
        int cap = 512;
        while (cap < 2 * n) cap <<= 1;
        if (_keys.Length < cap)
        {
            _keys = new ulong[cap];
            _seenOf = new byte[cap];
            _labels = new ushort[cap * 5];
        }
        _mask = cap - 1;
        Array.Clear(_keys, 0, cap);
        Array.Clear(_seenOf, 0, cap);
        Array.Clear(_labels, 0, cap * 5);

        var src = text.AsSpan();
        for (int i = 0; i < n; i++)
        {
            var word = Stem(src[tokens[i].Start..tokens[i].End]);
            _lower[i] = WordHash.Lower(word);
            _exact[i] = WordHash.Exact(word);
            int flags = 0, letters = 0, upper = 0;
            ulong shape = 17;
            int last = -1;
            foreach (char c in word)
            {
                int cls;
                if (char.IsUpper(c)) { cls = 'X'; letters++; upper++; }
                else if (char.IsLetter(c)) { cls = 'x'; letters++; flags |= Lowered; }
                else if (char.IsDigit(c)) { cls = 'd'; flags |= Digit; }
                else
                {
                    cls = c;
                    if (c == '-') flags |= Hyphen;
                    else if (c == '.') flags |= Period;
                }
                if (cls != last) shape = shape * 31 + (ulong)cls;
                last = cls;
            }
            if (letters > 0 && char.IsUpper(word[0])) flags |= Cap;
            if (letters > 0 && upper == letters) flags |= AllCaps;
            if (letters == 0 && (flags & Digit) == 0) flags |= NoAlnum;
            _shape[i] = WordHash.Mix(shape * 8 + (ulong)Math.Min(word.Length, 5));
            _flags[i] = flags;
            // Affixes of the lower-case form: prefixes and suffixes of 1..4 characters (shorter than the word).
            WordHash.Affixes(word, _affix.AsSpan(i * 8, 8));
            _cluster[i] = lexicon.Clusters.TryGetValue(_lower[i], out var cl) ? cl : 0xFFFFFFFF;
            _gaz[i] = 0;
        }

        // Sentence flags: the first token, and headlines (most words in capitals).
        foreach (var s in sentences)
        {
            if (s.EndToken <= s.FirstToken) continue;
            _flags[s.FirstToken] |= SentenceStart;
            int words = 0, caps = 0;
            for (int i = s.FirstToken; i < s.EndToken; i++)
            {
                if ((_flags[i] & (AllCaps | Lowered)) == 0) continue;
                words++;
                if ((_flags[i] & AllCaps) != 0 && tokens[i].Length > 1) caps++;
            }
            if (words >= 2 && caps * 4 >= words * 3)
                for (int i = s.FirstToken; i < s.EndToken; i++) _flags[i] |= Headline;
            // Gazetteer matches inside the sentence.
            var gaz = lexicon.Gazetteer;
            if (gaz.Count == 0) continue;
            for (int i = s.FirstToken; i < s.EndToken; i++)
            {
                if ((_flags[i] & (Cap | Digit)) == 0) continue; // every entry starts with a capital or a digit
                ulong h = WordHash.PhraseSeed;
                for (int len = 1; len <= EntityLexicon.MaxPhrase && i + len <= s.EndToken; len++)
                {
                    h = WordHash.Phrase(h, _lower[i + len - 1]);
                    if (!gaz.TryGetValue(h, out uint kinds)) continue;
                    for (int kind = 0; kind < 8; kind++)
                    {
                        if ((kinds & (1u << kind)) == 0) continue;
                        if (len == 1) { _gaz[i] |= 1u << (kind * 4 + EntityTags.U); continue; }
                        _gaz[i] |= 1u << (kind * 4 + EntityTags.B);
                        for (int k = i + 1; k < i + len - 1; k++) _gaz[k] |= 1u << (kind * 4 + EntityTags.I);
                        _gaz[i + len - 1] |= 1u << (kind * 4 + EntityTags.L);
                    }
                }
            }
        }

        // Document evidence: is the word also written in lower case, or capitalized inside a sentence?
        for (int i = 0; i < n; i++)
        {
            int f = _flags[i];
            if ((f & Headline) != 0 || (f & (Cap | Lowered)) == 0) continue;
            int slot = Slot(_lower[i]);
            if ((f & Cap) == 0) _seenOf[slot] |= 1;
            else if ((f & SentenceStart) == 0) _seenOf[slot] |= (f & AllCaps) != 0 ? (byte)4 : (byte)2;
        }
        for (int i = 0; i < n; i++) _seen[i] = (_flags[i] & (Cap | Lowered)) == 0 ? (byte)0 : _seenOf[Slot(_lower[i])];
    }

    /// <summary>A word without its possessive ending ("Carter's" reads as "Carter", as CoNLL's tokens split it).</summary>
    internal static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word) =>
        word.Length > 2 && word[^1] is 's' or 'S' && word[^2] is '\'' or '\u2019' ? word[..^2] : word;

    private void Grow(int n)
    {
        int size = Math.Max(n, _lower.Length * 2);
        _lower = new ulong[size];
        _exact = new ulong[size];
        _shape = new ulong[size];
        _affix = new ulong[size * 8];
        _cluster = new uint[size];
        _gaz = new uint[size];
        _flags = new int[size];
        _seen = new byte[size];
    }

    private int Slot(ulong key)
    {
        if (key == 0) key = 1;
        int slot = (int)(key & (ulong)_mask);
        while (_keys[slot] != 0 && _keys[slot] != key) slot = (slot + 1) & _mask;
        _keys[slot] = key;
        return slot;
    }

    /// <summary>Records the labels given to a sentence's capitalized words, for later sentences of the document.</summary>
    public void Remember(int first, ReadOnlySpan<byte> tags)
    {
        for (int k = 0; k < tags.Length; k++)
        {
            int i = first + k;
            if ((_flags[i] & Cap) == 0) continue;
            int label = tags[k] == EntityTags.O ? 0 : 1 + (int)EntityTags.TypeOf(tags[k]);
            int slot = Slot(_lower[i]) * 5 + label;
            if (_labels[slot] < ushort.MaxValue) _labels[slot]++;
        }
    }

    private int Memory(int i)
    {
        if ((_flags[i] & Cap) == 0) return 0;
        int slot = Slot(_lower[i]) * 5;
        int best = 0, bestCount = 0;
        for (int l = 1; l < 5; l++)
            if (_labels[slot + l] > bestCount) { best = l; bestCount = _labels[slot + l]; }
        if (best == 0) return _labels[slot] > 0 ? 1 : 0;
        return 1 + best;
    }

    /// <summary>Writes the feature indices of token <paramref name="i"/> of the sentence [first, end) into <paramref name="into"/>; returns how many.</summary>
    public int Extract(int i, int first, int end, Span<int> into)
    {
        int n = 0;
        int f = _flags[i];
        ulong lower = _lower[i];
        ulong lp = i > first ? _lower[i - 1] : 1, ln = i + 1 < end ? _lower[i + 1] : 2;
        ulong lp2 = i - 1 > first ? _lower[i - 2] : 3, ln2 = i + 2 < end ? _lower[i + 2] : 4;
        ulong sh = _shape[i], shp = i > first ? _shape[i - 1] : 5, shn = i + 1 < end ? _shape[i + 1] : 6;
        int fp = i > first ? _flags[i - 1] : 512, fn = i + 1 < end ? _flags[i + 1] : 1024;
        const int Casing = Cap | AllCaps | Digit | Hyphen | Period | NoAlnum | SentenceStart | Headline;
        int fi = f & Casing;

        into[n++] = H(1, 0);
        into[n++] = H(2, _exact[i]);
        into[n++] = H(3, lower);
        into[n++] = H(4, lp);
        into[n++] = H(5, ln);
        into[n++] = H(6, lp2);
        into[n++] = H(7, ln2);
        into[n++] = H(8, lp * 31 + lower);
        into[n++] = H(9, lower * 31 + ln);
        into[n++] = H(10, sh);
        into[n++] = H(11, shp);
        into[n++] = H(12, shn);
        into[n++] = H(13, (shp * 31 + sh) * 31 + shn);
        for (int k = 0; k < 8; k++)
            if (_affix[i * 8 + k] != 0) into[n++] = H(14 + k, _affix[i * 8 + k]);
        into[n++] = H(22, (ulong)fi);
        into[n++] = H(23, (ulong)(fp & Casing) * 4096 + (ulong)fi);
        into[n++] = H(24, (ulong)fi * 4096 + (ulong)(fn & Casing));
        uint cl = _cluster[i], clp = i > first ? _cluster[i - 1] : 0xFFFFFFFE, cln = i + 1 < end ? _cluster[i + 1] : 0xFFFFFFFD;
        into[n++] = H(25, cl & 0xFFFF);
        into[n++] = H(26, cl >> 16);
        into[n++] = H(27, clp & 0xFFFF);
        into[n++] = H(28, cln & 0xFFFF);
        into[n++] = H(29, ((ulong)(clp >> 16) * 65536 + (cl >> 16)) * 65536 + (cln >> 16));
        into[n++] = H(30, (ulong)(cl & 0xFFFF) * 4 + (ulong)(f & (Cap | AllCaps)));
        uint gz = _gaz[i];
        while (gz != 0 && n < MaxFeatures - 16)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(gz);
            gz &= gz - 1;
            into[n++] = H(31, (ulong)bit);
            into[n++] = H(32, (ulong)bit * 4 + (ulong)(f & (Cap | AllCaps)));
        }
        into[n++] = H(33, _gaz[i] != 0 ? _gaz[i] : 0);
        into[n++] = H(34, i > first ? _gaz[i - 1] : 0xFFFFFFFF);
        into[n++] = H(35, i + 1 < end ? _gaz[i + 1] : 0xFFFFFFFF);
        into[n++] = H(36, (ulong)Memory(i) * 4 + (ulong)(f & (Cap | AllCaps)));
        into[n++] = H(37, (ulong)_seen[i] * 512 + (ulong)(f & (Cap | AllCaps | SentenceStart | Headline)));
        into[n++] = H(38, lp * 31 + sh);
        into[n++] = H(39, sh * 31 + ln);
        into[n++] = H(40, sh * 4 + (ulong)((f & (SentenceStart | Headline)) >> 6));
        into[n++] = H(41, lower * 4 + (ulong)((f & (SentenceStart | Headline)) >> 6));
        into[n++] = H(42, lp * 7 + (ulong)(f & (Cap | AllCaps)));
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int H(int template, ulong value) => (int)(WordHash.Mix(value * 0x9E3779B97F4A7C15UL + (ulong)template) >> (64 - Bits));
}
