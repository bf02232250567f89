using System.Runtime.CompilerServices;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// The configuration of the arc-hybrid transition system over one sentence of n words, on buffers the caller rents:
/// a stack, the buffer front <see cref="B"/> (n = the root, placed after the last word), and per word its head (n = the
/// root, -1 none yet), label, two leftmost and two rightmost children and its counts of left and right children.
/// Transitions: SHIFT (b0 onto the stack), LEFT-l (s0 ← b0 with label l; to the root only when s0 is the last word on the
/// stack), RIGHT-l (s0 ← s1). Every word gets exactly one head, no arc crosses another, and the root gets one child:
/// any sequence of valid transitions gives a projective tree.
/// </summary>
internal ref struct ParseState
{
    public readonly int N;
    public int Depth;
    public int B;
    public readonly Span<int> Stack, Heads, L1, L2, R1, R2, NLeft, NRight;
    public readonly Span<byte> Labels;

    /// <summary>The number of ints <see cref="ParseState"/> needs for a sentence of <paramref name="n"/> words.</summary>
    public static int IntsFor(int n) => 8 * (n + 1);

    public ParseState(int n, Span<int> ints, Span<byte> labels)
    {
        N = n;
        int m = n + 1;
        Stack = ints.Slice(0, m); Heads = ints.Slice(m, m); L1 = ints.Slice(2 * m, m); L2 = ints.Slice(3 * m, m);
        R1 = ints.Slice(4 * m, m); R2 = ints.Slice(5 * m, m); NLeft = ints.Slice(6 * m, m); NRight = ints.Slice(7 * m, m);
        Labels = labels.Slice(0, m);
        Heads.Fill(-1); L1.Fill(-1); L2.Fill(-1); R1.Fill(-1); R2.Fill(-1); NLeft.Clear(); NRight.Clear(); Labels.Fill(DependencyFeatures.NoLabel);
        Depth = 0;
        B = 0;
    }

    public readonly bool Done => Depth == 0 && B == N;

    public readonly bool CanShift => B < N;
    /// <summary>LEFT with a non-root label (b0 a word), or LEFT-root (b0 the root and one word left on the stack).</summary>
    public readonly bool CanLeft(bool root) => root ? B == N && Depth == 1 : B < N && Depth >= 1;
    public readonly bool CanRight => Depth >= 2;

    public void Apply(int action)
    {
        if (action == 0) { Stack[Depth++] = B++; return; }
        int label = action <= DependencyLabels.Count ? action - 1 : action - 1 - DependencyLabels.Count;
        int d = Stack[--Depth];
        int h;
        if (action <= DependencyLabels.Count)
        {
            h = B;
            // Left children of b0 arrive from the nearest to the farthest: the newest is the leftmost.
            L2[h] = L1[h]; L1[h] = d; NLeft[h]++;
        }
        else
        {
            h = Stack[Depth - 1];
            // Right children of s1 arrive from the nearest to the farthest: the newest is the rightmost.
            R2[h] = R1[h]; R1[h] = d; NRight[h]++;
        }
        Heads[d] = h;
        Labels[d] = (byte)label;
    }
}

/// <summary>The hashed features of a parser configuration; shared by training and parsing, no allocation.</summary>
internal static class DependencyFeatures
{
    public const int Count = 56;
    public const byte NoLabel = 63;
    public const byte RootPos = PosTagger.Tags, NoPos = PosTagger.Tags + 1;
    private const ulong NoWord = 0x2545F4914F6CDD1DUL, RootWord = 0x9E3779B97F4A7C15UL;

    /// <summary>Per word: a hash of its lower-case form with digits as 0 and curly quotes and dashes as their ASCII forms
    /// (the first n values), then a hash of its last three characters so (the next n).</summary>
    public static void Words(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, Span<ulong> into)
    {
        int n = tokens.Length;
        for (int i = 0; i < n; i++)
        {
            ulong h = 14695981039346656037UL, suffix = 0;
            var word = text.Slice(tokens[i].Start, tokens[i].Length);
            int k = 0;
            foreach (char c in word)
            {
                if (k++ == word.Length - 3) suffix = 14695981039346656037UL;
                char x = c switch
                {
                    >= '0' and <= '9' => '0',
                    '“' or '”' or '„' or '«' or '»' or '″' => '"',
                    '‘' or '’' or '′' => '\'',
                    '–' or '—' or '―' => '-',
                    _ => char.ToLowerInvariant(c),
                };
                h ^= x;
                h *= 1099511628211UL;
                if (k > word.Length - 3) suffix = (suffix ^ x) * 1099511628211UL;
            }
            into[i] = h;
            into[n + i] = word.Length <= 3 ? h : suffix;
        }
    }

    /// <summary>Per position i ≤ n: how many commas, semicolons, colons and dashes come before word i.</summary>
    public static void Commas(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, Span<int> into)
    {
        int c = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            into[i] = c;
            var t = tokens[i];
            if (t.Length == 1 && text[t.Start] is ',' or ';' or ':' or '–' or '—') c++;
        }
        into[tokens.Length] = c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int H(int template, ulong value)
    {
        ulong x = value ^ (ulong)template * 0xD6E8FEB86659FD93UL;
        x ^= x >> 32; x *= 0xD6E8FEB86659FD93UL; x ^= x >> 32; x *= 0xD6E8FEB86659FD93UL; x ^= x >> 32;
        return (int)(x & (DependencyParser.Size - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pair(ulong a, ulong b) => a * 0x9E3779B97F4A7C15UL + (b << 17 | b >> 47);

    private static int Bucket(int d) => d <= 4 ? d : d <= 7 ? 5 : d <= 12 ? 6 : 7;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong W(ReadOnlySpan<ulong> words, int n, int x) => x < 0 ? NoWord : x == n ? RootWord : words[x];
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong S(ReadOnlySpan<ulong> words, int n, int x) => x < 0 ? NoWord : x == n ? RootWord : words[n + x];
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong P(ReadOnlySpan<byte> pos, int n, int x) => x < 0 ? NoPos : x == n ? RootPos : pos[x];
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong L(int x, in ParseState s) => x < 0 ? NoLabel : s.Labels[x];

    public static void Extract(in ParseState st, ReadOnlySpan<ulong> words, ReadOnlySpan<byte> pos, ReadOnlySpan<int> commas, Span<int> f)
    {
        int n = st.N;
        int s0 = st.Depth > 0 ? st.Stack[st.Depth - 1] : -1;
        int s1 = st.Depth > 1 ? st.Stack[st.Depth - 2] : -1;
        int s2 = st.Depth > 2 ? st.Stack[st.Depth - 3] : -1;
        int b0 = st.B;
        int b1 = b0 + 1 <= n ? b0 + 1 : -1;
        int b2 = b0 + 2 <= n ? b0 + 2 : -1;
        int s0l = s0 >= 0 ? st.L1[s0] : -1, s0l2 = s0 >= 0 ? st.L2[s0] : -1;
        int s0r = s0 >= 0 ? st.R1[s0] : -1, s0r2 = s0 >= 0 ? st.R2[s0] : -1;
        int s1r = s1 >= 0 ? st.R1[s1] : -1;
        int b0l = st.L1[b0], b0l2 = st.L2[b0];

        ulong s0w = W(words, n, s0), s1w = W(words, n, s1), b0w = W(words, n, b0), b1w = W(words, n, b1), b2w = W(words, n, b2);
        ulong s0p = P(pos, n, s0), s1p = P(pos, n, s1), s2p = P(pos, n, s2), b0p = P(pos, n, b0), b1p = P(pos, n, b1), b2p = P(pos, n, b2);
        ulong s0lp = P(pos, n, s0l), s0rp = P(pos, n, s0r), b0lp = P(pos, n, b0l), s1rp = P(pos, n, s1r);
        ulong s0ll = L(s0l, st), s0l2l = L(s0l2, st), s0rl = L(s0r, st), s0r2l = L(s0r2, st), b0ll = L(b0l, st), b0l2l = L(b0l2, st), s1rl = L(s1r, st);
        ulong dist = s0 >= 0 ? (ulong)Bucket(b0 - s0) : 0;
        ulong dist1 = s1 >= 0 ? (ulong)Bucket(s0 - s1) : 0;
        ulong commas0 = s0 >= 0 ? (ulong)Math.Min(3, commas[b0] - commas[s0 + 1]) : 4;
        ulong commas1 = s1 >= 0 ? (ulong)Math.Min(3, commas[s0] - commas[s1 + 1]) : 4;
        ulong s0vl = s0 >= 0 ? (ulong)Math.Min(st.NLeft[s0], 7) : 8, s0vr = s0 >= 0 ? (ulong)Math.Min(st.NRight[s0], 7) : 8;
        ulong b0vl = (ulong)Math.Min(st.NLeft[b0], 7);

        int k = 0;
        f[k++] = H(1, 0);
        f[k++] = H(2, s0w);
        f[k++] = H(3, s0p);
        f[k++] = H(4, Pair(s0w, s0p));
        f[k++] = H(5, s1w);
        f[k++] = H(6, s1p);
        f[k++] = H(7, Pair(s1w, s1p));
        f[k++] = H(8, b0w);
        f[k++] = H(9, b0p);
        f[k++] = H(10, Pair(b0w, b0p));
        f[k++] = H(11, b1w);
        f[k++] = H(12, b1p);
        f[k++] = H(13, Pair(b1w, b1p));
        f[k++] = H(14, b2w);
        f[k++] = H(15, b2p | s2p << 8);
        f[k++] = H(16, Pair(Pair(s0w, s0p), Pair(b0w, b0p)));
        f[k++] = H(17, Pair(Pair(s0w, s0p), b0w));
        f[k++] = H(18, Pair(s0w, Pair(b0w, b0p)));
        f[k++] = H(19, Pair(Pair(s0w, s0p), b0p));
        f[k++] = H(20, Pair(s0p, Pair(b0w, b0p)));
        f[k++] = H(21, Pair(s0w, b0w));
        f[k++] = H(22, s0p | b0p << 8);
        f[k++] = H(23, b0p | b1p << 8);
        f[k++] = H(24, Pair(s1w, s0w));
        f[k++] = H(25, s1p | s0p << 8);
        f[k++] = H(26, Pair(s1w, s0p));
        f[k++] = H(27, Pair(s1p, s0w));
        f[k++] = H(28, b0p | b1p << 8 | b2p << 16);
        f[k++] = H(29, s0p | b0p << 8 | b1p << 16);
        f[k++] = H(30, s1p | s0p << 8 | b0p << 16);
        f[k++] = H(31, s2p | s1p << 8 | s0p << 16);
        f[k++] = H(32, s0p | s0lp << 8 | b0p << 16);
        f[k++] = H(33, s0p | s0rp << 8 | b0p << 16);
        f[k++] = H(34, s0p | b0p << 8 | b0lp << 16);
        f[k++] = H(35, s1p | s1rp << 8 | s0p << 16);
        f[k++] = H(36, Pair(s0w, dist));
        f[k++] = H(37, s0p | b0p << 8 | dist << 16);
        f[k++] = H(38, s1p | s0p << 8 | dist1 << 16);
        f[k++] = H(39, Pair(s0w, s0vr));
        f[k++] = H(40, s0p | s0vl << 8 | s0vr << 16);
        f[k++] = H(41, Pair(b0w, b0vl));
        f[k++] = H(42, b0p | b0vl << 8);
        f[k++] = H(43, s0p | s0ll << 8 | s0rl << 16);
        f[k++] = H(44, s0p | s0ll << 8 | s0l2l << 16);
        f[k++] = H(45, s0p | s0rl << 8 | s0r2l << 16);
        f[k++] = H(46, b0p | b0ll << 8 | b0l2l << 16);
        f[k++] = H(47, s1p | s1rl << 8 | s0p << 16);
        f[k++] = H(48, s0p | b0p << 8 | commas0 << 16);
        f[k++] = H(49, s1p | s0p << 8 | commas1 << 16);
        f[k++] = H(50, Pair(s1w, Pair(s0w, b0w)));
        f[k++] = H(51, Pair(S(words, n, s0), s0p));
        f[k++] = H(52, Pair(S(words, n, b0), b0p));
        f[k++] = H(53, Pair(W(words, n, s0l), s0ll));
        f[k++] = H(54, Pair(W(words, n, s0r), s0rl));
        f[k++] = H(55, Pair(W(words, n, b0l), b0ll));
        f[k++] = H(56, Pair(b0w, b1w));
    }
}
