using System.Text;
using System.Text.RegularExpressions;

namespace Verbatim.Benchmarks;

/// <summary>One generated quote: its words as an outlet printed them, who said it, when and where.</summary>
public readonly record struct GeneratedQuote(string Text, int Sentence, string Speaker, DateOnly Date, string Publisher, string Mutation);

/// <summary>
/// A synthetic quote corpus for the corpus benchmark: sentences read at run time from PolNeAR texts (never stored
/// in the project), resampled with a skew (some are quoted hundreds of times) across made-up outlets, speakers and
/// dates, and re-printed the way outlets do: other quotation marks and dashes, case, typos, a changed word, trimmed
/// endings and short fragments. Deterministic for a seed. A small share of sentences is held out (never quoted) for
/// claims that must not be found.
/// </summary>
public sealed partial class QuoteCorpusGenerator
{
    private readonly List<string> _sentences;
    private readonly int _quoted;
    private readonly Random _rng;
    private readonly string[] _people;
    private readonly string[] _outlets;
    private readonly string[][] _words;

    public QuoteCorpusGenerator(IEnumerable<string> sentences, int seed = 2031)
    {
        _rng = new Random(seed);
        // One sentence per normalised wording (news repeats wire copy), in an order fixed for every seed:
        // the seed varies the sampling, never which sentence is which speaker's.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _sentences = sentences.Where(s => seen.Add(Corpus.MatchText.Normalise(s))).ToList();
        if (_sentences.Count < 100) throw new ArgumentException("need at least 100 sentences", nameof(sentences));
        // Shuffle deterministically, then hold out 2% for claims that are not in the corpus.
        var order = new Random(2031);
        for (var i = _sentences.Count - 1; i > 0; i--)
        {
            var j = order.Next(i + 1);
            (_sentences[i], _sentences[j]) = (_sentences[j], _sentences[i]);
        }
        _quoted = _sentences.Count * 98 / 100;
        _words = _sentences.Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        string[] first = ["Ana", "Teodor", "Helka", "Davor", "Lucan", "Josef", "Sabine", "Mikel", "Elin", "Yara", "Bruno", "Piet", "Kaja", "Osric",
            "Noor", "Bram", "Rosa", "Lidia", "Irena", "Matthias", "Nikolai", "Henrik", "Clara", "Ansel", "Marta", "Oskar", "Vera", "Tomas",
            "Ilse", "Pavel", "Greta", "Emil", "Sofia", "Jonas", "Lena", "Viktor", "Alma", "Felix", "Nora", "Aurel"];
        string[] last = ["Morell", "Mirzhanenko", "Ostrand", "Pereth", "Lindqvar", "Ardoux", "Varro", "Maro", "Quenneth", "Tessaly", "Brannagh",
            "Lenz", "Penhallow", "Halvik", "Aldous", "Quill", "Farrow", "Coble", "Dray", "Brandt", "Sollis", "Venn", "Brodie", "Kovalenko",
            "Zelensky", "Haldane", "Moreau", "Castellan", "Ivarsson", "Petrov", "Novak", "Larkin", "Okafor", "Reyes", "Tanaka", "Weiss",
            "Dubois", "Horvath", "Lindgren", "Marsh", "Abara", "Fenwick", "Grau", "Ishida", "Kowalski", "Nadler", "Orsini", "Pryce",
            "Ruskin", "Stroud"];
        _people = first.SelectMany(f => last.Select(l => $"{f} {l}")).ToArray(); // 2,000 people
        string[] towns = ["Harbor", "Northern", "Valdoria", "Emry", "Coastal", "Capital", "Western", "Eastern", "Riverside", "Summit"];
        string[] kinds = ["Times", "Post", "Wire", "Ledger", "Courier"];
        _outlets = towns.SelectMany(t => kinds.Select(k => $"{t} {k}")).ToArray(); // 50 outlets
    }

    /// <summary>Sentences of 6–60 words from the plain-text files under the given folders (PolNeAR's <c>text/</c>).</summary>
    public static List<string> ReadSentences(IEnumerable<string> folders)
    {
        var list = new List<string>();
        foreach (var folder in folders)
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                foreach (var paragraph in File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    foreach (var s in SentenceEnd().Split(paragraph))
                    {
                        var t = Whitespace().Replace(s.Trim(), " ").Trim('"', '\u201C', '\u201D', ' ');
                        var n = t.Count(c => c == ' ') + 1;
                        if (n is >= 6 and <= 60 && t.Any(char.IsLetter)) list.Add(t);
                    }
        return list;
    }

    [GeneratedRegex(@"(?<=[.!?][""\u201D\u2019]?)\s+(?=[\u201C""A-Z])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public int Sentences => _sentences.Count;

    /// <summary>The speaker of a sentence (every sentence has one).</summary>
    public string SpeakerOf(int sentence) => _people[(int)((uint)(sentence * 2654435761u) % (uint)_people.Length)];

    public string Sentence(int i) => _sentences[i];

    /// <summary>A sentence index, skewed: low indexes are quoted far more often.</summary>
    private int Pick()
    {
        var u = _rng.NextDouble();
        return (int)(_quoted * u * u * u);
    }

    public GeneratedQuote Next()
    {
        var i = Pick();
        var words = _words[i];
        var roll = _rng.Next(100);
        string text, mutation;
        switch (roll)
        {
            case < 55: text = Marks(_sentences[i]); mutation = "exact"; break;
            case < 65: text = Repunctuate(_sentences[i]); mutation = "repunctuated"; break;
            case < 75: text = Typo(words); mutation = "typo"; break;
            case < 83: text = ChangeWord(words); mutation = "word"; break;
            case < 95: text = Fragment(words); mutation = "fragment"; break;
            default: text = string.Join(' ', words[..Math.Max(4, words.Length * (6 + _rng.Next(4)) / 10)]); mutation = "trimmed"; break;
        }
        var speaker = SpeakerOf(i);
        var spelled = _rng.Next(10) switch
        {
            < 6 => speaker,
            < 8 => speaker[(speaker.IndexOf(' ', StringComparison.Ordinal) + 1)..], // the surname alone
            8 => "Minister " + speaker,
            _ => Transliterate(speaker),
        };
        var date = new DateOnly(2016, 1, 1).AddDays(i % 365 + _rng.Next(30));
        return new GeneratedQuote(text, i, spelled, date, _outlets[_rng.Next(_outlets.Length)], mutation);
    }

    private string Marks(string s) => _rng.Next(3) switch
    {
        0 => s,
        1 => s.Replace('"', '\u201C').Replace('\'', '\u2019'),
        _ => s.TrimEnd('.'),
    };

    private string Repunctuate(string s)
    {
        var t = s.Replace(", ", " \u2013 ", StringComparison.Ordinal).TrimEnd('.');
        return _rng.Next(2) == 0 ? t.ToLowerInvariant() : t.ToUpperInvariant()[..1] + t[1..];
    }

    private string Typo(string[] words)
    {
        var copy = (string[])words.Clone();
        for (var tries = 0; tries < 10; tries++)
        {
            var k = _rng.Next(copy.Length);
            if (copy[k].Length < 4 || !copy[k].All(char.IsLetter)) continue;
            var c = copy[k].ToCharArray();
            var p = 1 + _rng.Next(c.Length - 2);
            (c[p], c[p + 1]) = (c[p + 1], c[p]);
            copy[k] = new string(c);
            break;
        }
        return string.Join(' ', copy);
    }

    private string ChangeWord(string[] words)
    {
        var copy = (string[])words.Clone();
        var other = _words[_rng.Next(_quoted)];
        copy[_rng.Next(copy.Length)] = other[_rng.Next(other.Length)];
        return string.Join(' ', copy);
    }

    private string Fragment(string[] words)
    {
        var len = Math.Min(words.Length - 1, 4 + _rng.Next(9));
        var start = _rng.Next(words.Length - len + 1);
        return string.Join(' ', words[start..(start + len)]);
    }

    private string Transliterate(string name)
    {
        var sb = new StringBuilder(name);
        sb.Replace("sky", "skyy").Replace("zh", "j").Replace("ck", "k").Replace("ph", "f");
        if (sb.Length > 0 && sb[^1] == 'y') sb.Append('y');
        else if (name.EndsWith('o')) sb.Append('v');
        return sb.ToString();
    }

    /// <summary>A claim for verify with the verdict it should get: exact, altered, fragment, misattributed, or held out.</summary>
    public (string Claim, string? Speaker, string Expected) Claim()
    {
        var roll = _rng.Next(100);
        var i = Pick();
        var words = _words[i];
        return roll switch
        {
            < 30 => (_sentences[i], SpeakerOf(i), "verbatim"),
            < 50 => (ChangeWord(words), SpeakerOf(i), "altered"),
            < 70 => (string.Join(' ', words[..Math.Min(words.Length - 1, 4 + _rng.Next(6))]), null, "fragment"),
            < 85 => (_sentences[i], _people[_rng.Next(_people.Length)], "misattributed"),
            _ => (_sentences[_quoted + _rng.Next(_sentences.Count - _quoted)], null, "not_found"),
        };
    }
}
