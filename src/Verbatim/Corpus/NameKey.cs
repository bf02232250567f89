using System.Text;

namespace Verbatim.Corpus;

/// <summary>
/// A speaker name as identity sees it: lower case, accents folded, dots and apostrophes dropped, leading titles,
/// roles and nationalities removed (<c>Ukrainian President Volodymyr Zelenskyy</c> → <c>volodymyr zelenskyy</c>),
/// a generational suffix kept apart (<c>jr</c>), and what was removed kept for descriptions (<c>the Ukrainian leader</c>).
/// </summary>
public sealed record NameKey(string[] Words, string? Suffix, string[] Countries, string[] Roles)
{
    /// <summary>The key string: words and suffix joined by spaces (empty for a pure description).</summary>
    public string Key => Suffix is null ? string.Join(' ', Words) : string.Join(' ', Words) + " " + Suffix;

    public bool IsDescription => Words.Length == 0 && Roles.Length > 0;

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "former", "ex", "late", "then", "current", "acting", "interim", "deputy", "vice", "outgoing", "incoming",
        "president", "presidentelect", "presidential", "candidate", "nominee", "prime", "minister", "premier", "senator", "sen",
        "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "secretary", "chancellor",
        "chairman", "chairwoman", "chair", "chief", "executive", "ceo", "director", "dr", "mr", "mrs", "ms", "miss", "sir",
        "dame", "lord", "lady", "king", "queen", "prince", "princess", "pope", "general", "gen", "lt", "col", "judge", "justice",
        "speaker", "leader", "opposition", "majority", "minority", "finance", "foreign", "defense", "defence", "interior",
        "health", "state", "attorney", "mediator", "striker", "captain", "coach", "manager", "spokesman", "spokeswoman",
        "spokesperson", "economist", "official", "officials", "head", "commander", "ambassador", "envoy", "councillor",
        "councilor", "councilman", "councilwoman", "chairperson", "treasurer", "governorelect", "first", "us", "u", "s",
        "house", "senate", "democratic", "republican", "labour", "conservative", "party", "of", "and", "foreign",
    };

    private static readonly HashSet<string> RoleHeads = new(StringComparer.Ordinal)
    {
        "president", "leader", "minister", "premier", "chancellor", "king", "queen", "pope", "senator", "governor", "mayor",
        "secretary", "head", "speaker", "ambassador", "envoy", "general", "chairman", "chief",
    };

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal) { "jr", "sr", "ii", "iii", "iv" };

    /// <summary>Parses a name; <paramref name="countries"/> maps lower-case country names and demonyms to a country.</summary>
    public static NameKey Of(string name, IReadOnlyDictionary<string, string> countries)
    {
        var words = Words_(name);
        var found = new List<string>();
        var roles = new List<string>();
        var start = 0;
        while (start < words.Count)
        {
            var w = words[start];
            // two-word countries and demonyms ("united states", "south korean")
            if (start + 1 < words.Count && countries.TryGetValue(w + " " + words[start + 1], out var c2)) { found.Add(c2); start += 2; continue; }
            if (countries.TryGetValue(w, out var c)) { found.Add(c); start++; continue; }
            if (Titles.Contains(w))
            {
                if (RoleHeads.Contains(w)) roles.Add(w == "premier" ? "prime minister" : w);
                start++;
                continue;
            }
            break;
        }
        var rest = words.Skip(start).ToList();
        string? suffix = null;
        if (rest.Count >= 2 && Suffixes.Contains(rest[^1]))
        {
            suffix = rest[^1];
            rest.RemoveAt(rest.Count - 1);
        }
        // "prime minister" is one role
        if (roles.Contains("minister") && words.Take(start).Contains("prime")) { roles.Remove("minister"); roles.Add("prime minister"); }
        return new NameKey(rest.ToArray(), suffix, found.ToArray(), roles.ToArray());
    }

    /// <summary>The lower-case, folded words of a name, up to a comma or parenthesis, without quoted nicknames.</summary>
    private static List<string> Words_(string name)
    {
        var cut = name.IndexOfAny([',', '(', ';']);
        if (cut > 0) name = name[..cut];
        var words = new List<string>();
        var sb = new StringBuilder();
        var inQuote = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '"' or '\u201C' or '\u201D')
            {
                inQuote = !inQuote;
                Flush();
                continue;
            }
            if (inQuote) continue;
            if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                sb.Append(lower < 128 ? lower.ToString() : Storage.SlugSpeakerIdentity.Fold(lower));
            }
            else if (c is '.' or '\'' or '\u2019')
            {
                // J.D. → jd, O'Brien → obrien; a dot followed by a space ends a word (Jr. / U.S. President)
                if (c == '.' && (i + 1 >= name.Length || !char.IsLetter(name[i + 1]))) Flush();
            }
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (sb.Length > 0) words.Add(sb.ToString());
            sb.Clear();
        }
    }

    /// <summary>
    /// A transliteration skeleton of one name word: spellings of one sound are collapsed (zh/j/z/s, kh/h, ph/f, th/t,
    /// c/k/q, w/v, y/i, ks/x), doubled letters and Slavic endings (-iy, -yy, -ij) too: Zelensky, Zelenskyy, Zelenskiy →
    /// <c>selenski</c>; Mirzhanenko, Mirjanenko, Mirzanenko → <c>mirsanenko</c>; Theodor, Teodor → <c>teodor</c>.
    /// </summary>
    public static string Skeleton(string word)
    {
        var w = word;
        if (w.Length > 3 && (w.EndsWith("iy", StringComparison.Ordinal) || w.EndsWith("yy", StringComparison.Ordinal)
            || w.EndsWith("ij", StringComparison.Ordinal) || w.EndsWith("yj", StringComparison.Ordinal) || w.EndsWith("ii", StringComparison.Ordinal)))
            w = w[..^2] + "i";
        var sb = new StringBuilder(w.Length);
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            var next = i + 1 < w.Length ? w[i + 1] : '\0';
            string s;
            switch (c)
            {
                case 's' when next == 'c' && i + 2 < w.Length && w[i + 2] == 'h': s = "s"; i += 2; break;
                case 'z' or 's' or 'k' or 'p' or 't' or 'c' when next == 'h':
                    s = c switch { 'z' => "s", 's' => "s", 'k' => "h", 'p' => "f", 't' => "t", _ => "c" };
                    i++;
                    break;
                case 'c' when next == 'k': s = "k"; i++; break;
                case 'j' or 'z': s = "s"; break;
                case 'c' or 'q': s = "k"; break;
                case 'w': s = "v"; break;
                case 'y': s = "i"; break;
                case 'x': s = "ks"; break;
                default: s = c.ToString(); break;
            }
            foreach (var ch in s)
                if (sb.Length == 0 || sb[^1] != ch) sb.Append(ch);
        }
        return sb.ToString();
    }
}
