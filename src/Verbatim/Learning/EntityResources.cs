using System.Globalization;
using System.Text.Json;

namespace Verbatim.Learning;

/// <summary>
/// Builds the entity tagger's gazetteer from the files under <c>../shared/data</c> (read at training time only; the
/// model keeps hashes): world countries (ODbL), US given names and surnames (US federal data), US Congress legislators
/// and the executive (CC0), the fifty US states, and optionally the entity names of WikiANN train.
/// </summary>
public static class EntityGazetteer
{
    /// <summary>Given names and surnames this common (births in the top year; people in the 2010 census) or more.</summary>
    public const int MinFirstNameCount = 1000, MinSurnameCount = 2000;

    internal static readonly string[] UsStates =
    [
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
        "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
        "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
        "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina",
        "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
    ];

    /// <summary>Builds the gazetteer table; files that are absent are skipped and named in <paramref name="log"/>.</summary>
    public static Dictionary<ulong, uint> Build(string sharedData, string? wikiann, Action<string>? log = null)
    {
        var table = new Dictionary<ulong, uint>();
        int entries = 0;
        void Add(string phrase, int kind)
        {
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length is 0 or > EntityLexicon.MaxPhrase) return;
            EntityLexicon.AddEntry(table, words, kind);
            entries++;
        }

        foreach (var s in UsStates) Add(s, EntityLexicon.Loc);

        var countries = Path.Combine(sharedData, "gazetteers", "world_countries", "countries.json");
        if (File.Exists(countries))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(countries));
            foreach (var c in json.RootElement.EnumerateArray())
            {
                if (c.TryGetProperty("name", out var name))
                {
                    if (name.TryGetProperty("common", out var common)) Add(common.GetString() ?? "", EntityLexicon.Loc);
                    if (name.TryGetProperty("official", out var official)) Add(official.GetString() ?? "", EntityLexicon.Loc);
                }
                if (c.TryGetProperty("altSpellings", out var alt))
                    foreach (var a in alt.EnumerateArray())
                        if (a.GetString() is { Length: >= 2 } s && s.Any(char.IsLower) || a.GetString() is "UK" or "US" or "USA" or "UAE")
                            Add(a.GetString()!, EntityLexicon.Loc);
                if (c.TryGetProperty("capital", out var capitals))
                    foreach (var a in capitals.EnumerateArray()) Add(a.GetString() ?? "", EntityLexicon.Loc);
                if (c.TryGetProperty("demonyms", out var dem) && dem.TryGetProperty("eng", out var eng))
                    foreach (var p in eng.EnumerateObject()) Add(p.Value.GetString() ?? "", EntityLexicon.Demonym);
            }
        }
        else log?.Invoke($"no {countries}: gazetteer without countries");

        var first = Path.Combine(sharedData, "gazetteers", "ssa_first_names", "maxoccurbysex.txt");
        if (File.Exists(first))
            foreach (var line in File.ReadLines(first))
            {
                var f = line.Split(',');
                if (f.Length >= 3 && int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= MinFirstNameCount)
                    Add(f[0], EntityLexicon.FirstName);
            }
        else log?.Invoke($"no {first}: gazetteer without given names");

        var last = Path.Combine(sharedData, "gazetteers", "us_census_2010_surnames", "last-name.csv");
        if (File.Exists(last))
            foreach (var line in File.ReadLines(last).Skip(1))
            {
                var f = line.Split(',');
                if (f.Length >= 2 && int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= MinSurnameCount)
                    Add(f[0], EntityLexicon.Surname);
            }
        else log?.Invoke($"no {last}: gazetteer without surnames");

        foreach (var file in new[] { "legislators-current.yaml", "executive.yaml" })
        {
            var path = Path.Combine(sharedData, "gazetteers", "us_congress_legislators", file);
            if (!File.Exists(path)) { log?.Invoke($"no {path}: gazetteer without {file}"); continue; }
            string? firstName = null, nick = null;
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw.Trim();
                if (line.StartsWith("- id:", StringComparison.Ordinal) || line == "- id:") { firstName = null; nick = null; }
                string? Value(string key) => line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim().Trim('\'', '"') : null;
                if (Value("first:") is { } fn) firstName = fn;
                else if (Value("nickname:") is { } nn) nick = nn;
                else if (Value("official_full:") is { } full) Add(full, EntityLexicon.Person);
                else if (Value("last:") is { } ln)
                {
                    if (firstName is not null) Add(firstName + " " + ln, EntityLexicon.Person);
                    if (nick is not null) Add(nick + " " + ln, EntityLexicon.Person);
                }
            }
        }

        if (wikiann is not null && File.Exists(wikiann))
        {
            var typeMap = (string t) => t switch { "PER" => (int?)EntityLexicon.WikiPer, "ORG" => EntityLexicon.Org, "LOC" => EntityLexicon.WikiLoc, _ => null };
            foreach (var doc in Evaluation.ConllCorpus.Load(wikiann, _ => null))
            {
                var d = doc.Document;
                foreach (var chunk in doc.Gold)
                {
                    if (typeMap(chunk.Type) is not int kind || chunk.EndToken - chunk.FirstToken > EntityLexicon.MaxPhrase) continue;
                    var words = new string[chunk.EndToken - chunk.FirstToken];
                    for (int k = 0; k < words.Length; k++)
                        words[k] = d.Text[d.Tokens[chunk.FirstToken + k].Start..d.Tokens[chunk.FirstToken + k].End];
                    EntityLexicon.AddEntry(table, words, kind);
                    entries++;
                }
            }
        }
        log?.Invoke($"gazetteer: {entries} entries, {table.Count} distinct phrases");
        return table;
    }
}
