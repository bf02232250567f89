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
        _surnames = new HashSet<string>(ReadLines("surnames.tsv"), StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
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
        // The states as AP style abbreviates them after a town ("Salinas, Calif."), those that are no other word or title.
        places.AddRange(["Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Kan", "Ky", "Md", "Mass", "Mich", "Minn", "Mont", "Neb",
            "Nev", "Okla", "Ore", "Tenn", "Tex", "Vt", "Wis", "Wyo"]);
        names.UnionWith(common);
        names.Add("Tehran");
        // The fifty US states, word by word (a run of place words is no person: "New Hampshire", "North Carolina").
        foreach (var state in Learning.EntityGazetteer.UsStates) { places.AddRange(state.Split(' ')); names.Add(state); }
        Places = new WordSet(places);
        _placeNames = names.GetAlternateLookup<ReadOnlySpan<char>>();

        // The alias seed's people with their sex: by "given-name surname" (each given name and nickname it lists) and by
        // surname with the days in office. A name or surname two people of different sex share gives nothing.
        var byName = new Dictionary<string, Gender>(StringComparer.OrdinalIgnoreCase);
        var bySurname = new Dictionary<string, List<(Gender Sex, DateOnly Since, DateOnly To, string Name, bool Executive)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in Corpus.AliasFile.Seed)
        {
            if (person.Sex is not ('M' or 'F') || person.Surname is null) continue;
            var sex = person.Sex == 'F' ? Gender.Female : Gender.Male;
            foreach (var name in person.Aliases.Prepend(person.Canonical))
            {
                int space = name.IndexOf(' ');
                if (space <= 0 || !name.EndsWith(person.Surname, StringComparison.Ordinal)) continue;
                var key = name[..space] + " " + person.Surname;
                byName[key] = byName.TryGetValue(key, out var had) && had != sex ? Gender.Unknown : sex;
            }
            if (person.Since is { } since && person.To is { } to)
            {
                if (!bySurname.TryGetValue(person.Surname, out var terms)) bySurname[person.Surname] = terms = [];
                terms.Add((sex, since, to, person.Canonical, person.Role?.Contains("President", StringComparison.Ordinal) == true));
            }
        }
        _knownPeople = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _knownSurnames = bySurname.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly Dictionary<string, Gender>.AlternateLookup<ReadOnlySpan<char>> _knownPeople;
    private readonly Dictionary<string, List<(Gender Sex, DateOnly Since, DateOnly To, string Name, bool Executive)>>.AlternateLookup<ReadOnlySpan<char>> _knownSurnames;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _surnames;

    /// <summary>A surname of at least 1,000 people in the 2010 US census (Sanders, Richards, Cox).</summary>
    public bool IsCommonSurname(ReadOnlySpan<char> word) => _surnames.Contains(word);

    /// <summary>Whether someone of the alias seed (US Congress, presidents) has this surname, in office or not.</summary>
    public bool IsSeedSurname(ReadOnlySpan<char> surname) => _knownSurnames.ContainsKey(surname);

    /// <summary>The sex the alias seed (US Congress, presidents) gives the person written "<paramref name="firstName"/>
    /// <paramref name="surname"/>" (Lindsey Graham is a man, whatever most Lindseys are); Unknown when it has no such person.</summary>
    public Gender GenderOfKnownPerson(ReadOnlySpan<char> firstName, ReadOnlySpan<char> surname)
    {
        int length = firstName.Length + 1 + surname.Length;
        Span<char> key = length <= 128 ? stackalloc char[length] : new char[length];
        firstName.CopyTo(key);
        key[firstName.Length] = ' ';
        surname.CopyTo(key[(firstName.Length + 1)..]);
        return _knownPeople.TryGetValue(key, out var g) ? g : Gender.Unknown;
    }

    /// <summary>
    /// The sex shared by every person of the alias seed with this surname who was in office on <paramref name="date"/>
    /// (an article's "Obama" of 2016 is a man; "Clinton" in 2016 is none of the seed's, so nothing); Unknown when none
    /// was or they differ.
    /// </summary>
    public Gender GenderOfSurnameInOffice(ReadOnlySpan<char> surname, DateOnly date)
    {
        if (!_knownSurnames.TryGetValue(surname, out var terms)) return Gender.Unknown;
        var sex = Gender.Unknown;
        foreach (var (s, since, to, _, _) in terms)
        {
            if (date < since || date > to) continue;
            if (sex != Gender.Unknown && s != sex) return Gender.Unknown;
            sex = s;
        }
        return sex;
    }

    /// <summary>
    /// The seed's name of the president or vice president in office on <paramref name="date"/> with this surname, of a
    /// sex <paramref name="sex"/> allows (an article of 2016 that writes only "Obama" means Barack Obama); null when none,
    /// or when any other person of the seed in office then bears it. Not members of Congress: a surname alone is as often
    /// someone else's (a 2016 "Carson" is Ben Carson, not Representative André Carson).
    /// </summary>
    public string? PresidentInOffice(ReadOnlySpan<char> surname, DateOnly date, Gender sex)
    {
        if (!_knownSurnames.TryGetValue(surname, out var terms)) return null;
        string? found = null;
        foreach (var (s, since, to, name, executive) in terms)
        {
            if (date < since || date > to) continue;
            if (!executive) return null;
            if (found is not null && found != name) return null;
            if (sex != Gender.Unknown && s != sex) return null;
            found = name;
        }
        return found;
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
