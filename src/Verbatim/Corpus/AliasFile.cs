using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Verbatim.Corpus;

/// <summary>
/// One person of an alias file: a canonical name, other names (spellings, nicknames, titled forms), an optional
/// Wikidata id, and an optional role (<c>President of Ukraine</c>) held from/to optional dates, so that descriptions
/// (<c>the Ukrainian president</c>) resolve to whoever held the role on the article's date. The shipped seed also gives
/// the person's sex (<c>M</c>/<c>F</c>), the day the person first took the office or seat (<see cref="Since"/>: a
/// legislator's role is dated from the latest term) and the surname as the source writes it (<c>De La Cruz</c>).
/// </summary>
public sealed record AliasEntry(string Canonical, IReadOnlyList<string> Aliases, string? Wikidata = null, string? Role = null,
    DateOnly? From = null, DateOnly? To = null, char? Sex = null, DateOnly? Since = null, string? Surname = null);

/// <summary>
/// Reads alias files. CSV: a header with <c>canonical</c> and <c>aliases</c> (names separated by <c>|</c> or <c>;</c>),
/// optional <c>wikidata</c>, <c>role</c>, <c>from</c>, <c>to</c>; fields may be double-quoted. JSON: an array of objects
/// <c>{"canonical", "aliases": [...], "wikidata", "role", "from", "to"}</c>. The shipped seed (US legislators and
/// presidents, from ../shared/data/gazetteers) is <see cref="Seed"/>.
/// </summary>
public static class AliasFile
{
    /// <summary>Reads a .json or .csv (any other extension: by its first character) alias file.</summary>
    public static List<AliasEntry> Load(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && text.TrimStart().StartsWith('['));
        return json ? ParseJson(text, path) : ParseCsv(text, path);
    }

    public static List<AliasEntry> ParseJson(string text, string where = "alias file")
    {
        using var doc = JsonDocument.Parse(text);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException($"{where}: expected a JSON array of people");
        var list = new List<AliasEntry>();
        var n = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            n++;
            string? Str(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var canonical = Str("canonical") ?? Str("name");
            if (string.IsNullOrWhiteSpace(canonical)) throw new FormatException($"{where}: entry {n} has no \"canonical\" name");
            var aliases = new List<string>();
            if (e.TryGetProperty("aliases", out var a))
            {
                if (a.ValueKind == JsonValueKind.Array)
                    aliases.AddRange(a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
                else if (a.ValueKind == JsonValueKind.String) aliases.AddRange(SplitNames(a.GetString()!));
            }
            list.Add(new AliasEntry(canonical.Trim(), aliases.Select(x => x.Trim()).Where(x => x.Length > 0).ToArray(),
                Blank(Str("wikidata")), Blank(Str("role")), Date(Str("from"), where, n), Date(Str("to"), where, n)));
        }
        return list;
    }

    public static List<AliasEntry> ParseCsv(string text, string where = "alias file")
    {
        var rows = CsvRows(text).ToList();
        if (rows.Count == 0) return [];
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Col(string name) => Array.IndexOf(header, name);
        int canonical = Col("canonical"), aliases = Col("aliases"), wikidata = Col("wikidata"), role = Col("role"), from = Col("from"), to = Col("to");
        if (canonical < 0) throw new FormatException($"{where}: the header has no 'canonical' column");
        var list = new List<AliasEntry>();
        for (var i = 1; i < rows.Count; i++)
        {
            var r = rows[i];
            string? Get(int c) => c >= 0 && c < r.Length ? Blank(r[c]) : null;
            var name = Get(canonical);
            if (name is null) continue;
            list.Add(new AliasEntry(name, SplitNames(Get(aliases) ?? ""), Get(wikidata), Get(role), Date(Get(from), where, i + 1), Date(Get(to), where, i + 1)));
        }
        return list;
    }

    /// <summary>The shipped seed: US Congress legislators and US presidents/vice presidents with Wikidata ids and nicknames.</summary>
    public static IReadOnlyList<AliasEntry> Seed => SeedLazy.Value;

    private static readonly Lazy<List<AliasEntry>> SeedLazy = new(() =>
    {
        using var stream = typeof(AliasFile).Assembly.GetManifestResourceStream("Verbatim.Resources.speaker-aliases.tsv");
        if (stream is null) return [];
        using var reader = new StreamReader(stream);
        var list = new List<AliasEntry>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            string? At(int i) => i < f.Length ? Blank(f[i]) : null;
            list.Add(new AliasEntry(f[0], SplitNames(At(1) ?? ""), At(2), At(3), Date(At(4), "seed", 0), Date(At(5), "seed", 0),
                At(6) is [var sex] ? sex : null, Date(At(7), "seed", 0), At(8)));
        }
        return list;
    });

    private static string[] SplitNames(string s) =>
        s.Split(['|', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateOnly? Date(string? s, string where, int entry)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new FormatException($"{where}: entry {entry}: '{s}' is not a date (YYYY-MM-DD)");
    }

    private static IEnumerable<string[]> CsvRows(string text)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i++; }
                    else quoted = false;
                }
                else sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(sb.ToString()); sb.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(sb.ToString()); sb.Clear();
                    if (fields.Any(x => x.Length > 0)) yield return fields.ToArray();
                    fields.Clear();
                    break;
                default: sb.Append(c); break;
            }
        }
        fields.Add(sb.ToString());
        if (fields.Any(x => x.Length > 0)) yield return fields.ToArray();
    }
}
