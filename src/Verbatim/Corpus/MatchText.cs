using System.Text;

namespace Verbatim.Corpus;

/// <summary>
/// The words of a quote as matching sees them: lower case, Latin accents folded, quotation marks, dashes and
/// punctuation dropped, apostrophes inside words dropped (<c>don’t</c> = <c>dont</c>), separators inside numbers
/// dropped (<c>2,000</c> = <c>2000</c>). Each word becomes a 64-bit hash; nothing is allocated per word.
/// </summary>
public static class MatchText
{
    /// <summary>An upper bound on the number of words in <paramref name="text"/> (for sizing buffers).</summary>
    public static int MaxWords(int textLength) => textLength / 2 + 1;

    /// <summary>Writes the hash of each word into <paramref name="hashes"/> (sized by <see cref="MaxWords"/>) and returns the count.</summary>
    public static int Hashes(ReadOnlySpan<char> text, Span<ulong> hashes) => Tokenize(text, hashes, [], []);

    /// <summary>
    /// The core tokenizer: word hashes, and where each word starts and ends in <paramref name="text"/> when
    /// <paramref name="starts"/>/<paramref name="ends"/> are not empty.
    /// </summary>
    public static int Tokenize(ReadOnlySpan<char> text, Span<ulong> hashes, Span<int> starts, Span<int> ends)
    {
        var n = 0;
        var inWord = false;
        ulong h = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    inWord = true;
                    h = FnvOffset;
                    start = i;
                }
                h = AddFolded(h, c);
                continue;
            }
            if (inWord && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                var prev = text[i - 1];
                var next = text[i + 1];
                if (c is '\'' or '\u2019' or '\u02BC' && char.IsLetter(prev) && char.IsLetter(next)) continue;
                if (c is ',' or '.' && char.IsDigit(prev) && char.IsDigit(next)) continue;
            }
            if (inWord)
            {
                if (n < hashes.Length)
                {
                    hashes[n] = Mix(h);
                    if (!starts.IsEmpty) { starts[n] = start; ends[n] = i; }
                }
                n++;
                inWord = false;
            }
        }
        if (inWord)
        {
            if (n < hashes.Length)
            {
                hashes[n] = Mix(h);
                if (!starts.IsEmpty) { starts[n] = start; ends[n] = text.Length; }
            }
            n++;
        }
        return Math.Min(n, hashes.Length);
    }

    /// <summary>The normalised text: the words as matching sees them, joined by single spaces.</summary>
    public static string Normalise(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord && sb.Length > 0) sb.Append(' ');
                inWord = true;
                AppendFolded(sb, c);
                continue;
            }
            if (inWord && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                var prev = text[i - 1];
                var next = text[i + 1];
                if (c is '\'' or '\u2019' or '\u02BC' && char.IsLetter(prev) && char.IsLetter(next)) continue;
                if (c is ',' or '.' && char.IsDigit(prev) && char.IsDigit(next)) continue;
            }
            inWord = false;
        }
        return sb.ToString();
    }

    /// <summary>One hash for a whole word sequence (order matters): the key of an exact variant.</summary>
    public static ulong SequenceHash(ReadOnlySpan<ulong> words)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)words.Length;
        foreach (var w in words)
            h = Mix(h ^ w) * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
        return Mix(h);
    }

    /// <summary>The hash of two adjacent words (a word 2-shingle); the order matters.</summary>
    public static ulong Pair(ulong a, ulong b) => Mix(a * 0x9E3779B97F4A7C15UL ^ Rotl(b, 29));

    /// <summary>The hash of three adjacent words (a word 3-shingle).</summary>
    public static ulong Triple(ulong a, ulong b, ulong c) => Mix(Pair(a, b) ^ Rotl(c, 41) * 0xC2B2AE3D27D4EB4FUL);

    private static ulong Rotl(ulong x, int r) => (x << r) | (x >> (64 - r));

    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    /// <summary>splitmix64's finaliser: spreads the bits of a hash.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    private static ulong AddFolded(ulong h, char c)
    {
        if (c < 128)
        {
            if (c is >= 'A' and <= 'Z') c = (char)(c + 32);
            return (h ^ c) * FnvPrime;
        }
        c = char.ToLowerInvariant(c);
        var i = Accented.IndexOf(c);
        if (i >= 0) return (h ^ Plain[i]) * FnvPrime;
        switch (c)
        {
            case 'ß': return (((h ^ 's') * FnvPrime) ^ 's') * FnvPrime;
            case 'æ': return (((h ^ 'a') * FnvPrime) ^ 'e') * FnvPrime;
            case 'œ': return (((h ^ 'o') * FnvPrime) ^ 'e') * FnvPrime;
            default: return (h ^ c) * FnvPrime;
        }
    }

    private static void AppendFolded(StringBuilder sb, char c)
    {
        if (c < 128)
        {
            sb.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            return;
        }
        c = char.ToLowerInvariant(c);
        var i = Accented.IndexOf(c);
        if (i >= 0) sb.Append(Plain[i]);
        else if (c == 'ß') sb.Append("ss");
        else if (c == 'æ') sb.Append("ae");
        else if (c == 'œ') sb.Append("oe");
        else sb.Append(c);
    }
}
