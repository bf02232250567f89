using System.Collections.Frozen;

namespace Verbatim.Text;

/// <summary>An immutable case-insensitive set of words that is looked up with spans (no allocation).</summary>
public sealed class WordSet
{
    private readonly FrozenSet<string> _set;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordSet(IEnumerable<string> words)
    {
        _set = words.Select(NormalizeApostrophes).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static WordSet Of(string spaceSeparated) =>
        new(spaceSeparated.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    public int Count => _set.Count;

    public bool Contains(ReadOnlySpan<char> word)
    {
        if (word.IndexOf('\u2019') < 0) return _lookup.Contains(word);
        Span<char> buffer = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.CopyTo(buffer);
        buffer.Replace('\u2019', '\'');
        return _lookup.Contains(buffer);
    }

    private static string NormalizeApostrophes(string s) => s.Replace('\u2019', '\'');
}
