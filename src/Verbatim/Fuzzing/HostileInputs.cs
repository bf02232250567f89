using System.Text;

namespace Verbatim.Fuzzing;

/// <summary>One generated input: what kind it is, and its bytes as a reader would see them.</summary>
/// <param name="Format">When set, the bytes are a file of this reader format (jsonl, csv, html, warc).</param>
public sealed record FuzzInput(string Kind, int Seed, byte[] Bytes, bool JsonLines, string? Format = null);

/// <summary>
/// Deterministic generators of hostile input (the same seed gives the same bytes): random bytes, broken UTF-8,
/// unbalanced and deeply nested quotation marks, huge single-line articles, a million quotation marks,
/// impossible dates, JSON Lines with missing or wrong-typed fields, mutated news text, truncated and corrupted gzip,
/// truncated and garbled WARC files, broken CSV, and hostile HTML (deep nesting, unclosed tags, broken attributes).
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
        [
            "random-bytes", "broken-utf8", "quote-soup", "nested-quotes", "huge-line", "million-marks", "bad-date", "json-lines", "mutated-news", "word-soup",
            "truncated-gzip", "broken-warc", "broken-csv", "hostile-html",
        ];

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
            case "truncated-gzip":
            {
                var sb = new StringBuilder();
                for (int i = 0; i < rng.Next(1, 200); i++)
                    sb.Append($$"""{"id": "g{{i}}", "date": "2022-07-08", "text": {{System.Text.Json.JsonSerializer.Serialize(Soup(rng, 30, false))}}}""").Append('\n');
                var plain = Encoding.UTF8.GetBytes(sb.ToString());
                // One member or several, then cut short, or bytes flipped, or both.
                var gz = new List<byte>();
                int members = rng.Next(1, 4);
                int per = plain.Length / members + 1;
                for (int m = 0; m < members; m++)
                    gz.AddRange(Gzip(plain.AsSpan(Math.Min(m * per, plain.Length), Math.Max(0, Math.Min(per, plain.Length - m * per))).ToArray()));
                return new(kind, seed, Corrupt(rng, gz.ToArray()), false, "jsonl");
            }
            case "broken-warc":
                return new(kind, seed, Warc(rng, maxBytes), false, "warc");
            case "broken-csv":
            {
                var sb = new StringBuilder("id,date,text,publisher\r\n");
                string[] cells = ["x", "\"", "\"\"", ",", "\n", "\r\n", "2022-07-08", "2022-13-45", "\"quoted, with comma\"", "\"open", "close\"", " ", "\"a\"\"b\"", "said"];
                for (int i = 0; i < rng.Next(1, 300); i++)
                {
                    sb.Append(cells[rng.Next(cells.Length)]);
                    if (rng.Next(4) == 0) sb.Append(Soup(rng, rng.Next(1, 30), false));
                }
                return new(kind, seed, Encoding.UTF8.GetBytes(sb.ToString()), false, "csv");
            }
            case "hostile-html":
                return new(kind, seed, Encoding.UTF8.GetBytes(Html(rng, Math.Min(maxBytes / 4, 256 * 1024))), false, "html");
            default:
                return Text(kind, seed, " date 2022-07-08 " + Soup(rng, rng.Next(1, 20000), quotesOnly: false));
        }
    }

    private static string Html(Random rng, int maxChars)
    {
        string[] tags = ["div", "p", "span", "b", "i", "font", "table", "tr", "td", "li", "ul", "a", "article", "section"];
        var sb = new StringBuilder("<!doctype html><html><head><meta charset=\"");
        sb.Append(rng.Next(4) switch { 0 => "utf-8", 1 => "windows-1252", 2 => "x-unknown-charset", _ => "utf-16" }).Append("\">");
        if (rng.Next(2) == 0) sb.Append("<meta property=\"article:published_time\" content=\"").Append(rng.Next(2) == 0 ? "2022-07-08" : "2022-99-99T99").Append("\">");
        if (rng.Next(3) == 0) sb.Append("<script type=\"application/ld+json\">{\"datePublished\": [[[[[[[[{\"@graph\":").Append(new string('[', rng.Next(1, 200))).Append("</script>");
        sb.Append("</head><body>");
        int mode = rng.Next(4);
        while (sb.Length < maxChars)
        {
            int r = rng.Next(10);
            var tag = tags[rng.Next(tags.Length)];
            if (mode == 0 || r < 5) sb.Append('<').Append(tag).Append(rng.Next(5) == 0 ? " class=a\"b" : "").Append('>');     // deep nesting, unclosed
            else if (r < 7) sb.Append("</").Append(tag).Append('>');
            else if (r < 8) sb.Append("<").Append(tag).Append(" title=\"").Append(rng.Next(2) == 0 ? "" : "\">").Append(">");
            else sb.Append(Soup(rng, rng.Next(1, 40), mode == 3)).Append(' ');
            if (mode == 1 && rng.Next(50) == 0) sb.Append("<!-- ").Append(rng.Next(2) == 0 ? "-->" : "");
        }
        return sb.ToString();
    }

    private static byte[] Warc(Random rng, int maxBytes)
    {
        var output = new List<byte>();
        bool gzip = rng.Next(4) != 0;
        int records = rng.Next(1, 6);
        for (int i = 0; i < records; i++)
        {
            var page = rng.Next(3) == 0
                ? Html(rng, Math.Min(maxBytes / 8, 16 * 1024))
                : $"<html><head><title>T{i}</title></head><body><article><p>{System.Net.WebUtility.HtmlEncode(News)}</p></article></body></html>";
            var body = Encoding.UTF8.GetBytes(page);
            var http = Encoding.ASCII.GetBytes($"HTTP/1.1 {(rng.Next(6) == 0 ? "404" : "200")} OK\r\nContent-Type: text/html; charset={(rng.Next(3) == 0 ? "iso-8859-1" : "utf-8")}\r\n\r\n");
            var block = http.Concat(body).ToArray();
            int length = rng.Next(5) == 0 ? rng.Next(0, block.Length * 2) : block.Length;
            string type = rng.Next(5) == 0 ? "request" : "response";
            var header = rng.Next(8) == 0
                ? "WARC/1.0\r\nbroken header line\r\n\r\n"
                : $"WARC/1.0\r\nWARC-Type: {type}\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Date: 2022-07-0{1 + rng.Next(9)}T00:00:00Z\r\nWARC-Target-URI: https://site{i}.example/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {(rng.Next(10) == 0 ? "x" : length)}\r\n\r\n";
            var record = Encoding.ASCII.GetBytes(header).Concat(block).Concat("\r\n\r\n"u8.ToArray()).ToArray();
            output.AddRange(gzip ? Gzip(record) : record);
        }
        return Corrupt(rng, output.ToArray());
    }

    /// <summary>Cuts the bytes short, flips some, inserts garbage, or leaves them whole.</summary>
    private static byte[] Corrupt(Random rng, byte[] bytes)
    {
        var b = bytes.ToList();
        switch (rng.Next(5))
        {
            case 0:
                if (b.Count > 1)
                {
                    int cut = rng.Next(1, b.Count);
                    b.RemoveRange(cut, b.Count - cut);
                }
                break;
            case 1:
                for (int i = 0; i < rng.Next(1, 10) && b.Count > 0; i++) b[rng.Next(b.Count)] ^= (byte)rng.Next(1, 256);
                break;
            case 2:
                for (int i = 0; i < rng.Next(1, 4); i++) b.InsertRange(rng.Next(b.Count + 1), new byte[] { 0x1f, 0x8b, 0x08, (byte)rng.Next(256), 0, 0 });
                break;
            case 3:
                if (b.Count > 2) b.RemoveRange(rng.Next(b.Count / 2, b.Count), 1);
                break;
        }
        return b.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var g = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) g.Write(data);
        return ms.ToArray();
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
