using Verbatim.Pipeline;

namespace Verbatim.Learning;

/// <summary>
/// The hashing the content tagger and the boundary ranker share: a feature is a template and a value mixed into 64 bits,
/// which each model masks to its own table size. Stable across processes (no string.GetHashCode), so a model trained
/// once scores the same everywhere.
/// </summary>
internal static class FeatureHash
{
    /// <summary>A template and a value.</summary>
    public static ulong Of(int template, ulong value) => Mix(((ulong)template << 40) ^ value);

    /// <summary>A feature (already an index) combined with a further value.</summary>
    public static ulong Combine(int feature, ulong value) => Mix((ulong)feature * 31 + value + 0x9E37);

    /// <summary>A template and token <paramref name="i"/>'s text in lower case (1 before the text, 2 after it).</summary>
    public static ulong Word(int template, Document doc, int i)
    {
        if (i < 0) return Of(template, 1);
        if (i >= doc.Tokens.Count) return Of(template, 2);
        var t = doc.Tokens[i];
        ulong h = 14695981039346656037UL ^ (ulong)template;
        foreach (char c in doc.Text.AsSpan(t.Start, t.Length))
        {
            h ^= char.ToLowerInvariant(c);
            h *= 1099511628211UL;
        }
        return Mix(h);
    }

    /// <summary>Token <paramref name="i"/>'s last three characters in lower case, hashed (FNV-1a).</summary>
    public static ulong Suffix(Document doc, int i)
    {
        var t = doc.Tokens[i];
        var w = doc.Text.AsSpan(t.Start, t.Length);
        if (w.Length > 3) w = w[^3..];
        ulong h = 1469598103934665603UL;
        foreach (char c in w) { h ^= char.ToLowerInvariant(c); h *= 1099511628211UL; }
        return h;
    }

    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}
