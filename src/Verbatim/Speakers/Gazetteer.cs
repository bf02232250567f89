using Verbatim.Text;

namespace Verbatim.Speakers;

public enum Gender : byte { Unknown, Male, Female }

/// <summary>The shipped name tables: given names with their usual sex, countries, demonyms and capitals.</summary>
internal sealed class Gazetteer
{
    private readonly Dictionary<string, Gender> _firstNames;
    private readonly Dictionary<string, Gender>.AlternateLookup<ReadOnlySpan<char>> _firstNameLookup;

    private Gazetteer()
    {
        _firstNames = new Dictionary<string, Gender>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in ReadLines("first-names.tsv"))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0) _firstNames[line[..tab]] = line[(tab + 1)..] == "F" ? Gender.Female : Gender.Male;
        }
        _firstNameLookup = _firstNames.GetAlternateLookup<ReadOnlySpan<char>>();
        // Whole names of places (countries, capitals, US states) answer IsPlaceName; their words and the demonyms make Places.
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var places = new List<string>();
        foreach (var line in ReadLines("countries.tsv"))
        {
            var parts = line.Split('\t');
            places.Add(parts[0]);
            names.Add(parts[0]);
            if (parts.Length > 1 && parts[1].Length > 0) places.Add(parts[1]);
        }
        foreach (var capital in ReadLines("capitals.tsv")) { places.Add(capital); names.Add(capital); }
        string[] common = ["US", "U.S.", "UK", "U.K.", "America", "Britain", "Europe", "Washington", "Moscow", "Kyiv", "Kiev", "Korea",
            "Beijing", "London", "Paris", "Berlin", "Brussels"];
        places.AddRange(common);
        places.AddRange(["Africa", "Asia", "Congress", "Senate", "God", "G-d"]);
        names.UnionWith(common);
        names.Add("Tehran");
        // The fifty US states, word by word (a run of place words is no person: "New Hampshire", "North Carolina").
        foreach (var state in Learning.EntityGazetteer.UsStates) { places.AddRange(state.Split(' ')); names.Add(state); }
        Places = new WordSet(places);
        _placeNames = names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _placeNames;

    /// <summary>Whether the text is, whole, the name of a country, a capital or a US state (<c>United States</c>, <c>Texas</c>).</summary>
    public bool IsPlaceName(ReadOnlySpan<char> text) => _placeNames.Contains(text);

    public static Gazetteer Default { get; } = new();

    /// <summary>Countries, demonyms, US states, capitals and a few institutions that are never a person's name.</summary>
    public WordSet Places { get; }

    public Gender GenderOfFirstName(ReadOnlySpan<char> name) =>
        _firstNameLookup.TryGetValue(name, out var g) ? g : Gender.Unknown;

    public bool IsFirstName(ReadOnlySpan<char> name) => _firstNameLookup.ContainsKey(name);

    private static IEnumerable<string> ReadLines(string resource)
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("Verbatim.Resources." + resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from the assembly");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return line;
    }
}
