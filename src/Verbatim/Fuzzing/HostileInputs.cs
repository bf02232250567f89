using System.Text;

namespace Verbatim.Fuzzing;

/// <summary>One generated input: what kind it is, and its bytes as a reader would see them.</summary>
public sealed record FuzzInput(string Kind, int Seed, byte[] Bytes, bool JsonLines);

/// <summary>
/// Deterministic generators of hostile input (the same seed gives the same bytes): random bytes, broken UTF-8,
/// unbalanced and deeply nested quotation marks, huge single-line articles, a million quotation marks,
/// impossible dates, JSON Lines with missing or wrong-typed fields, and mutated news text.
/// </summary>
public static class HostileInputs
{
    private static readonly string[] Words =
    [
        "said", "says", "told", "added", "according", "to", "that", "he", "she", "they", "it", "the", "a", "Smith", "Jones",
        "President", "Sen.", "U.S.", "on", "Thursday", "yesterday", "July", "4", "\"", "“", "”", "‘", "’", "'", "«", "»", "''",
        ",", ".", ":", ";", "?", "!", "—", "―", "(", ")", "\n\n", "\n", "Ukrainian", "leader", "officials", "asked", "wrote",
        "was", "quoted", "as", "saying", "CNN", "PENCE:", "WALLACE:", "I", "we", "will", "not", "by", "end", "of", "2022",
    ];

    private const string News = " date 2022-07-08 Ukrainian President Volodymyr Zelenskyy said on Thursday that Ukraine will not give up.\n\n" +
        "\"We always talk about that,\" Zelensky told CNN. \"And we mean it.\"\n\nHe “added: “I'm sure the policy is not changing.\"\n\n" +
        "While Russia occupies \"almost all the region,\" the Ukrainian leader said his troops are \"fighting\" on.\n\n" +
        "According to White House officials, the talks would continue, the spokesman said yesterday.";

    public static IEnumerable<string> Kinds { get; } =
        ["random-bytes", "broken-utf8", "quote-soup", "nested-quotes", "huge-line", "million-marks", "bad-date", "json-lines", "mutated-news", "word-soup"];

    public static FuzzInput Make(string kind, int seed, int maxBytes)
    {
        var rng = new Random(seed);
        switch (kind)
        {
            case "random-bytes":
            {
                var b = new byte[rng.Next(0, Math.Min(maxBytes, 65536))];
                rng.NextBytes(b);
                return new(kind, seed, b, false);
            }
            case "broken-utf8":
            {
                var b = Encoding.UTF8.GetBytes(News).ToList();
                for (int i = 0; i < 1 + rng.Next(8); i++) b.Insert(rng.Next(b.Count), (byte)rng.Next(0x80, 0x100));
                return new(kind, seed, b.ToArray(), false);
            }
            case "quote-soup":
                return Text(kind, seed, " date 2022-07-08 " + Soup(rng, rng.Next(10, 5000), quotesOnly: true));
            case "nested-quotes":
            {
                int depth = rng.Next(1, 2000);
                var sb = new StringBuilder(" date 2022-07-08 Smith said ");
                for (int i = 0; i < depth; i++) sb.Append(rng.Next(3) switch { 0 => "\"a ", 1 => "“b ", _ => "‘c " });
                for (int i = 0; i < depth; i++) sb.Append(rng.Next(3) switch { 0 => "\" ", 1 => "” ", _ => "’ " });
                return Text(kind, seed, sb.Append('.').ToString());
            }
            case "huge-line":
            {
                int size = Math.Min(maxBytes, rng.Next(1, 11) * 1024 * 1024);
                var sb = new StringBuilder(size + 64).Append(" date 2022-07-08 ");
                while (sb.Length < size) sb.Append(Words[rng.Next(Words.Length)].Replace("\n", " ")).Append(' ');
                return Text(kind, seed, sb.ToString());
            }
            case "million-marks":
            {
                int n = Math.Min(maxBytes / 3, 1_000_000);
                var marks = "\"“”'‘’«»";
                var sb = new StringBuilder(n + 32).Append(" date 2022-07-08 ");
                char mark = marks[rng.Next(marks.Length)];
                for (int i = 0; i < n; i++) sb.Append(rng.Next(4) == 0 ? marks[rng.Next(marks.Length)] : mark);
                return Text(kind, seed, sb.ToString());
            }
            case "bad-date":
            {
                string[] dates = ["2022-13-45", "0000-00-00", "2022-02-30", "99999-01-01", "2022-7-8", "yesterday", "", "2022-07-08T25:61"];
                return Text(kind, seed, $" date {dates[rng.Next(dates.Length)]} Smith said the plan works.");
            }
            case "json-lines":
            {
                var sb = new StringBuilder();
                for (int i = 0; i < rng.Next(1, 20); i++)
                {
                    sb.Append(rng.Next(9) switch
                    {
                        0 => """{"id": 5, "date": "2022-07-08", "text": "Smith said it."}""",
                        1 => """{"id": "a", "date": 20220708, "text": "x"}""",
                        2 => """{"id": "b", "text": ["not", "a", "string"]}""",
                        3 => """{"id": "c", "date": "2022-99-99", "text": "Smith said it."}""",
                        4 => """{"id": "d", "date": "2022-07-08", "text": "\"unclosed quote said Smith"}""",
                        5 => """{"id": "e", "date": "2022-07-08", "text": "x""",
                        6 => "not json at all",
                        7 => """[1, 2, 3]""",
                        _ => $$"""{"id": "f{{i}}", "date": "2022-07-08", "text": {{System.Text.Json.JsonSerializer.Serialize(Soup(rng, 200, false))}}}""",
                    }).Append('\n');
                }
                return new(kind, seed, Encoding.UTF8.GetBytes(sb.ToString()), true);
            }
            case "mutated-news":
            {
                var chars = News.ToCharArray().ToList();
                for (int i = 0; i < rng.Next(1, 40); i++)
                {
                    int at = rng.Next(chars.Count);
                    switch (rng.Next(3))
                    {
                        case 0: chars.RemoveAt(at); break;
                        case 1: chars.Insert(at, "\"“”‘’'., \n:—"[rng.Next(12)]); break;
                        default: chars[at] = (char)rng.Next(32, 0x2100); break;
                    }
                    if (chars.Count == 0) chars.Add(' ');
                }
                return Text(kind, seed, new string(chars.ToArray()));
            }
            default:
                return Text(kind, seed, " date 2022-07-08 " + Soup(rng, rng.Next(1, 20000), quotesOnly: false));
        }
    }

    private static FuzzInput Text(string kind, int seed, string text) => new(kind, seed, Encoding.UTF8.GetBytes(text), false);

    private static string Soup(Random rng, int words, bool quotesOnly)
    {
        var sb = new StringBuilder(words * 6);
        for (int i = 0; i < words; i++)
        {
            var w = Words[rng.Next(Words.Length)];
            if (quotesOnly && rng.Next(2) == 0) w = "\"“”‘’'«»"[rng.Next(8)].ToString();
            sb.Append(w);
            if (rng.Next(3) > 0) sb.Append(' ');
        }
        return sb.ToString();
    }
}
