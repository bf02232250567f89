using System.Buffers;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// What the source selector and the source/cue ranker read of every token, computed once per document instead of once
/// per candidate: each token's lower-case text hash (features mix their template into it) and running counts of verbs,
/// commas and nouns, so that a feature counts what lies between two tokens in constant time.
/// </summary>
internal sealed class TokenTables : IDisposable
{
    public ulong[] Hashes { get; }
    public int[] Verbs { get; }
    public int[] Commas { get; }
    public int[] Nouns { get; }
    private readonly int _count;
    private readonly bool _pooled;

    private TokenTables(int n, bool pooled)
    {
        _count = n;
        _pooled = pooled;
        Hashes = pooled ? Verbatim.Text.BoundedPool<ulong>.Rent(n) : new ulong[n];
        Verbs = pooled ? Verbatim.Text.BoundedPool<int>.Rent(n + 1) : new int[n + 1];
        Commas = pooled ? Verbatim.Text.BoundedPool<int>.Rent(n + 1) : new int[n + 1];
        Nouns = pooled ? Verbatim.Text.BoundedPool<int>.Rent(n + 1) : new int[n + 1];
    }

    /// <summary>Tables on arrays from the shared pools; dispose to give them back.</summary>
    public static TokenTables Rent(Document doc) => Fill(doc, pooled: true);

    /// <summary>Tables on arrays of their own (training keeps one per article).</summary>
    public static TokenTables Of(Document doc) => Fill(doc, pooled: false);

    private static TokenTables Fill(Document doc, bool pooled)
    {
        int n = doc.Tokens.Count;
        var t = new TokenTables(n, pooled);
        int verbs = 0, commas = 0, nouns = 0;
        bool tagged = doc.PosTags.Length == n;
        var text = doc.Text.AsSpan();
        for (int k = 0; k < n; k++)
        {
            var token = doc.Tokens[k];
            ulong h = 14695981039346656037UL;
            foreach (char c in text.Slice(token.Start, token.Length))
            {
                h ^= char.ToLowerInvariant(c);
                h *= 1099511628211UL;
            }
            t.Hashes[k] = h;
            t.Verbs[k] = verbs; t.Commas[k] = commas; t.Nouns[k] = nouns;
            byte pos = tagged ? doc.PosTags[k] : (byte)255;
            if (pos is PosTagger.Verb or PosTagger.Aux) verbs++;
            else if (token.Kind == TokenKind.Punctuation && text[token.Start] is ',' or ';' or ':') commas++;
            if (pos is PosTagger.Noun or PosTagger.Pron or PosTagger.Propn) nouns++;
        }
        t.Verbs[n] = verbs; t.Commas[n] = commas; t.Nouns[n] = nouns;
        return t;
    }

    /// <summary>Feature <paramref name="template"/> of token <paramref name="i"/>'s text (1 before the text, 2 after it).</summary>
    public ulong Word(int template, int i)
    {
        if (i < 0) return FeatureHash.Of(template, 1);
        if (i >= _count) return FeatureHash.Of(template, 2);
        return FeatureHash.Mix(Hashes[i] + (ulong)template * 0x9E3779B97F4A7C15UL);
    }

    public void Dispose()
    {
        if (!_pooled) return;
        Verbatim.Text.BoundedPool<ulong>.Return(Hashes);
        Verbatim.Text.BoundedPool<int>.Return(Verbs);
        Verbatim.Text.BoundedPool<int>.Return(Commas);
        Verbatim.Text.BoundedPool<int>.Return(Nouns);
    }
}
