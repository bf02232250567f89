using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Features of each token for the content tagger, hashed into a fixed weight table. Computed from the
/// document's columns (tokens, sentences, quotations, cues, the rules' attributions) with no per-token allocation.
/// </summary>
internal sealed class ContentFeatures
{
    public const int Bits = 20;
    public const int Size = 1 << Bits;
    public const int MaxFeatures = 48 + Contextual.ContextualStage.Groups;

    private readonly Document _doc;
    private readonly int[] _cueBefore;   // nearest cue start before the token in its sentence, -1 if none
    private readonly int[] _cueAfter;    // nearest cue start after the token in its sentence, -1 if none
    private readonly bool[] _thatSinceCue;
    private readonly bool[] _commaSinceCue;
    private readonly bool[] _commaBeforeCueAfter;
    private readonly sbyte[] _ruleKind;  // 0 none, 1 direct, 2 indirect, 3 mixed
    private readonly bool[] _isCue;

    /// <param name="rent">Take the per-token word table from the shared array pool; the caller hands it back with
    /// <see cref="Return"/> when it is done with the features (tagging one document; training keeps them).</param>
    /// <param name="active">When given, only these tokens are ever extracted: word hashes are computed for them and
    /// their neighbours two either side (the features read no further outside a token's sentence).</param>
    public ContentFeatures(Document doc, bool rent = false, bool[]? active = null)
    {
        _doc = doc;
        int n = doc.Tokens.Count;
        _cueBefore = new int[n];
        _cueAfter = new int[n];
        _thatSinceCue = new bool[n];
        _commaSinceCue = new bool[n];
        _commaBeforeCueAfter = new bool[n];
        _ruleKind = new sbyte[n];
        _isCue = new bool[n];
        _rented = rent;
        _words = WordHashes(doc, rent, active);
        foreach (var c in doc.Cues)
            for (int k = c.FirstToken; k < c.EndToken && k < n; k++) _isCue[k] = true;

        foreach (var s in doc.Sentences)
        {
            int last = -1;
            bool that = false, comma = false;
            for (int k = s.FirstToken; k < s.EndToken; k++)
            {
                _cueBefore[k] = last;
                _thatSinceCue[k] = that;
                _commaSinceCue[k] = comma;
                if (_isCue[k] && (k == 0 || !_isCue[k - 1])) { last = k; that = false; comma = false; }
                if (doc.TokenIs(k, "that")) that = true;
                if (AttributionPunct(doc, k, ',')) comma = true;
            }
            int next = -1;
            bool commaAfter = false;
            for (int k = s.EndToken - 1; k >= s.FirstToken; k--)
            {
                _cueAfter[k] = next;
                _commaBeforeCueAfter[k] = commaAfter;
                if (_isCue[k] && (k == 0 || !_isCue[k - 1])) { next = k; commaAfter = false; }
                if (AttributionPunct(doc, k, ',')) commaAfter = true;
            }
        }
        foreach (var d in doc.Attributions)
        {
            sbyte kind = d.Kind switch { QuoteKind.Direct => 1, QuoteKind.Indirect => 2, _ => 3 };
            foreach (var part in d.Content)
                for (int k = doc.TokenAtOrAfter(part.Start); k < n && doc.Tokens[k].Start < part.End; k++)
                    if (doc.Tokens[k].End <= part.End && _ruleKind[k] < kind) _ruleKind[k] = kind;
        }
    }

    // The word templates read at every token (as token i, i±1 or i±2): hashed once per token, all in one pass over its
    // characters (independent chains, so the processor runs them side by side), instead of one pass per feature.
    private static readonly int[] EveryToken = [2, 3, 4, 5, 6, 20, 22, 27, 28, 29, 31, 33, 35];
    private static readonly sbyte[] SlotOf = SlotsOf(EveryToken);
    private int[] _words;   // token * EveryToken.Length + slot: Word(template, token)
    private readonly bool _rented;

    /// <summary>Gives the rented word table back to the pool; the features may not be read afterwards.</summary>
    public void Return()
    {
        if (!_rented || _words.Length == 0) return;
        Verbatim.Text.BoundedPool<int>.Return(_words);
        _words = [];
    }

    private static sbyte[] SlotsOf(int[] templates)
    {
        var slots = new sbyte[64];
        Array.Fill(slots, (sbyte)-1);
        for (int j = 0; j < templates.Length; j++) slots[templates[j]] = (sbyte)j;
        return slots;
    }

    /// <summary><see cref="FeatureHash.Word"/> of every token for every template of <see cref="EveryToken"/>, masked.</summary>
    private static int[] WordHashes(Document doc, bool rent, bool[]? active)
    {
        int n = doc.Tokens.Count, m = EveryToken.Length;
        var words = rent ? Verbatim.Text.BoundedPool<int>.Rent(n * m) : new int[n * m];
        Span<ulong> h = stackalloc ulong[EveryToken.Length];
        var text = doc.Text.AsSpan();
        for (int k = 0; k < n; k++)
        {
            if (active is not null && !Near(active, k))
            {
                words.AsSpan(k * m, m).Clear(); // never read: no active token reaches it
                continue;
            }
            var t = doc.Tokens[k];
            for (int j = 0; j < m; j++) h[j] = 14695981039346656037UL ^ (ulong)EveryToken[j];
            foreach (char c in text.Slice(t.Start, t.Length))
            {
                ulong lower = char.ToLowerInvariant(c);
                for (int j = 0; j < h.Length; j++) h[j] = (h[j] ^ lower) * 1099511628211UL;
            }
            for (int j = 0; j < m; j++) words[k * m + j] = (int)(FeatureHash.Mix(h[j]) & (Size - 1));
        }
        return words;
    }

    private static bool Near(bool[] active, int k)
    {
        for (int j = Math.Max(0, k - 2); j <= k + 2 && j < active.Length; j++)
            if (active[j]) return true;
        return false;
    }

    private static bool AttributionPunct(Document doc, int k, char c) =>
        doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] == c;

    /// <summary>Writes the hashed feature indices of token <paramref name="i"/> into <paramref name="into"/>; returns how many.</summary>
    public int Extract(int i, Span<int> into)
    {
        var doc = _doc;
        int n = 0;
        into[n++] = Hash(1, 0);
        into[n++] = Word(2, i);
        into[n++] = Word(3, i - 1);
        into[n++] = Word(4, i + 1);
        into[n++] = Word(5, i - 2);
        into[n++] = Word(6, i + 2);
        into[n++] = Hash(7, Shape(i));
        bool inQuote = doc.QuotationOfToken[i] >= 0;
        bool mark = doc.Tokens[i].Kind == TokenKind.QuoteMark;
        into[n++] = Hash(8, (inQuote ? 1UL : 0) | (mark ? 2UL : 0));
        int cb = _cueBefore[i];
        ulong dist = cb < 0 ? 0 : Bucket(i - cb);
        into[n++] = Hash(9, dist);
        into[n++] = Hash(10, dist * 4 + (inQuote ? 1UL : 0) + (_thatSinceCue[i] ? 2UL : 0));
        into[n++] = Hash(11, dist * 2 + (_commaSinceCue[i] ? 1UL : 0));
        if (cb >= 0) into[n++] = Combine(Word(12, cb, Memo12), dist);
        int ca = _cueAfter[i];
        ulong distAfter = ca < 0 ? 0 : Bucket(ca - i);
        into[n++] = Hash(13, distAfter * 2 + (_commaBeforeCueAfter[i] ? 1UL : 0));
        if (ca >= 0) into[n++] = Combine(Word(14, ca, Memo14), distAfter);
        into[n++] = Hash(15, distAfter * 16 + dist);
        var s = doc.Sentences[doc.SentenceOfToken[i]];
        into[n++] = Hash(16, (i == s.FirstToken ? 1UL : 0) | (i == s.EndToken - 1 ? 2UL : 0)
                             | (doc.Tokens[s.FirstToken].Kind == TokenKind.QuoteMark ? 4UL : 0));
        into[n++] = Hash(17, (ulong)_ruleKind[i]);
        into[n++] = Hash(18, (ulong)_ruleKind[i] * 8 + (ulong)Math.Min(7, (int)dist));
        into[n++] = Hash(19, _isCue[i] ? 1UL : 0);
        into[n++] = Combine(Word(20, i), inQuote ? 1UL : 0);
        if (i > 0) into[n++] = Hash(21, (ulong)(_ruleKind[i - 1] * 4 + _ruleKind[i]));
        into[n++] = Combine(Word(22, i - 1), Bucket(cb < 0 ? 0 : i - cb));
        if (cb >= 0)
        {
            int afterCue = cb + 1;
            while (afterCue < doc.Tokens.Count && _isCue[afterCue]) afterCue++;
            into[n++] = Combine(Word(23, afterCue, Memo23), dist);               // "said that", "told CNN", "said in"
            into[n++] = Combine(Word(24, cb - 1, Memo24), (ulong)Math.Min(7, (int)dist)); // the word before the cue (he, Clinton, officials)
        }
        if (ca >= 0) into[n++] = Combine(Word(25, ca - 1, Memo25), distAfter);    // ", Smith said" / ", he said"
        into[n++] = Hash(26, (ulong)Math.Min(6, i - s.FirstToken) * 8 + (ulong)Math.Min(7, s.EndToken - 1 - i));
        into[n++] = Combine(Word(27, i), (ulong)_ruleKind[i]);
        // Word pairs, suffixes, and the words around the cues.
        {
            into[n++] = Combine(Word(28, i - 1, Memo28), (ulong)(uint)Word(28, i, Memo28));
            into[n++] = Combine(Word(29, i, Memo29), (ulong)(uint)Word(29, i + 1, Memo29));
            into[n++] = Hash(30, FeatureHash.Suffix(doc, i));
            into[n++] = Combine(Word(31, i), distAfter);
            into[n++] = Combine(Word(32, s.FirstToken, Memo32), dist * 8 + distAfter);
            if (cb >= 0) into[n++] = Combine(Word(33, i - 1), (ulong)(uint)Word(33, cb, Memo33));
            if (cb >= 0) into[n++] = Combine(Word(34, cb, Memo34), (_commaSinceCue[i] ? 1UL : 0) + (inQuote ? 2UL : 0) + (_thatSinceCue[i] ? 4UL : 0));
            if (ca >= 0) into[n++] = Combine(Word(35, i + 1), (ulong)(uint)Word(35, ca, Memo35));
        }
        // Part-of-speech context: where clauses and noun phrases start and end.
        if (doc.PosTags.Length == doc.Tokens.Count)
        {
            var pos = doc.PosTags;
            ulong p0 = pos[i], pm = i > 0 ? pos[i - 1] : 31UL, pp = i + 1 < pos.Length ? pos[i + 1] : 31UL;
            into[n++] = Hash(43, p0);
            into[n++] = Hash(44, pm * 32 + p0);
            into[n++] = Hash(45, p0 * 32 + pp);
            into[n++] = Hash(46, p0 * 8 + dist);
            into[n++] = Hash(47, p0 * 8 + distAfter);
            into[n++] = Hash(48, (pm * 32 + p0) * 8 + (ulong)_ruleKind[i]);
            if (cb >= 0)
            {
                int afterCue = cb + 1;
                while (afterCue < pos.Length && _isCue[afterCue]) afterCue++;
                ulong pa = afterCue < pos.Length ? pos[afterCue] : 31UL;
                into[n++] = Hash(49, (pa * 32 + p0) * 8 + dist);
            }
            into[n++] = Hash(50, (pm * 32 + p0) * 32 + pp);
        }
        // The accurate mode: the token's codes in MiniLM's space (one feature per group of hyperplanes).
        var codes = doc.ContextCodes;
        if (codes.Length == doc.Tokens.Count * Contextual.ContextualStage.Groups)
        {
            int at = i * Contextual.ContextualStage.Groups;
            for (int g = 0; g < Contextual.ContextualStage.Groups; g++)
                into[n++] = Hash(51, ((ulong)g << 16) | codes[at + g]);
        }
        return n;
    }

    private static ulong Bucket(int d) => d switch
    {
        <= 0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        <= 6 => 4,
        <= 10 => 5,
        <= 20 => 6,
        _ => 7,
    };

    private ulong Shape(int i)
    {
        var t = _doc.Tokens[i];
        if (t.Kind == TokenKind.Punctuation || t.Kind == TokenKind.QuoteMark) return 100UL + _doc.Text[t.Start];
        if (t.Kind == TokenKind.Number) return 1;
        if (t.Is(TokenFlags.AllCaps)) return 2;
        return t.IsCapitalized ? 3UL : 4UL;
    }

    internal int Word(int template, int i)
    {
        int slot = SlotOf[template];
        if (slot >= 0 && (uint)i < (uint)_doc.Tokens.Count) return _words[i * EveryToken.Length + slot];
        return (int)(FeatureHash.Word(template, _doc, i) & (Size - 1));
    }

    // Memo slots of the word features that repeat from one token to the next: the words at the cues (the same for every
    // token between two cues), the sentence's first word, and the word pairs (token i's right word is token i+1's word).
    private const int Memo12 = 0, Memo14 = 1, Memo23 = 2, Memo24 = 3, Memo25 = 4, Memo28 = 5, Memo29 = 6, Memo32 = 7,
        Memo33 = 8, Memo34 = 9, Memo35 = 10, MemoSlots = 11;
    private readonly int[] _memoToken = [.. Enumerable.Repeat(int.MinValue, MemoSlots)];
    private readonly int[] _memoValue = new int[MemoSlots];

    /// <summary><see cref="Word(int, int)"/> through a one-entry memo per call site (a cache: the value is the same).</summary>
    private int Word(int template, int i, int slot)
    {
        if (_memoToken[slot] == i) return _memoValue[slot];
        int value = Word(template, i);
        _memoToken[slot] = i;
        _memoValue[slot] = value;
        return value;
    }

    private static int Combine(int feature, ulong value) => (int)(FeatureHash.Combine(feature, value) & (Size - 1));

    private static int Hash(int template, ulong value)
    {
        var known = SmallHashes[template];
        return value < (ulong)known.Length ? known[value] : (int)(FeatureHash.Of(template, value) & (Size - 1));
    }

    /// <summary>Per template whose values are small numbers (distances, flags, rule kinds, parts of speech): its hashed
    /// index for each value below the table's length, computed once (values past it are hashed as they come).</summary>
    private static readonly int[][] SmallHashes = BuildSmallHashes();

    private static int[][] BuildSmallHashes()
    {
        var tables = new int[64][];
        Array.Fill(tables, []);
        (int Template, int Values)[] small =
        [
            (1, 1), (8, 4), (9, 8), (10, 32), (11, 16), (13, 16), (15, 128), (16, 8), (17, 4), (18, 32), (19, 2), (21, 16),
            (26, 56), (43, 32), (44, 1024), (45, 1024), (46, 256), (47, 256),
        ];
        foreach (var (template, values) in small)
        {
            var table = new int[values];
            for (int v = 0; v < values; v++) table[v] = (int)(FeatureHash.Of(template, (ulong)v) & (Size - 1));
            tables[template] = table;
        }
        return tables;
    }
}
