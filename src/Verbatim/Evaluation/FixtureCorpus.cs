using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verbatim.Evaluation;

/// <summary>A speaker of the gold, with the ways the article names them.</summary>
public sealed record GoldSpeaker(string Name, IReadOnlyList<string> Aliases);

/// <summary>One hand-annotated quote of a fixture gold file.</summary>
public sealed record GoldQuote(
    QuoteKind Kind,
    IReadOnlyList<TextSpan> Content,
    string Text,
    SpanText? Cue,
    SpanText? Source,
    string? Speaker,
    DateOnly? Uttered,
    string? Addressee,
    string? Note);

/// <summary>A fixture gold file (<c>*.gold.json</c>) and the article it annotates.</summary>
public sealed record FixtureArticle(
    Article Article,
    string GoldFile,
    IReadOnlyList<GoldQuote> Quotes,
    IReadOnlyList<GoldSpeaker> Speakers,
    IReadOnlyList<GoldSpeaker> OtherPeople,
    IReadOnlyList<string> NotQuotes);

/// <summary>Reads fixture gold files: one <c>*.gold.json</c>, or every one in a folder (ordinal order). The article is
/// the file named by the gold's <c>article.file</c>, beside the gold, read as SCHEMA.md says (UTF-8, BOM removed,
/// header kept); its date comes from a leading <c> date YYYY-MM-DD </c> header, else from the gold.</summary>
public static partial class FixtureCorpus
{
    public const string GoldSuffix = ".gold.json";

    public static IReadOnlyList<FixtureArticle> Load(string path)
    {
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path, "*" + GoldSuffix)
                .Order(StringComparer.Ordinal)
                .Select(LoadFile)
                .ToList();
        if (File.Exists(path)) return [LoadFile(path)];
        throw new FileNotFoundException($"no gold file or folder at {path}", path);
    }

    public static FixtureArticle LoadFile(string goldPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(goldPath), new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = json.RootElement;
        var articleElement = root.GetProperty("article");
        var file = articleElement.GetProperty("file").GetString()
            ?? throw new FormatException($"{goldPath}: article.file is null");
        var textPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(goldPath))!, file);
        var text = PolnearCorpus.ReadText(textPath);

        var header = DateHeader().Match(text);
        DateOnly? date = header.Success ? ParseDate(header.Groups[1].Value) : ParseDate(Str(articleElement, "date"));
        var article = new Article(Path.GetFileNameWithoutExtension(file), date, text)
        {
            Origin = textPath,
            BodyStart = header.Success ? header.Length : 0,
        };

        var quotes = new List<GoldQuote>();
        if (root.TryGetProperty("quotes", out var qs))
            foreach (var q in qs.EnumerateArray())
            {
                var parts = q.GetProperty("content").EnumerateArray()
                    .Select(p => new TextSpan(p.GetProperty("start").GetInt32(), p.GetProperty("end").GetInt32()))
                    .ToArray();
                quotes.Add(new GoldQuote(
                    Output.ExtractionJson.ParseKind(Str(q, "kind") ?? throw new FormatException($"{goldPath}: a quote has no kind")),
                    parts,
                    Str(q, "text") ?? string.Join(' ', parts.Select(p => p.TextOf(text))),
                    SpanOf(q, "cue"),
                    SpanOf(q, "source"),
                    Str(q, "speaker"),
                    ParseDate(Str(q, "uttered")),
                    Str(q, "addressee"),
                    Str(q, "note")));
            }

        return new FixtureArticle(article, goldPath, quotes, Speakers(root, "speakers"), Speakers(root, "otherPeople"),
            root.TryGetProperty("notQuotes", out var nq) ? nq.EnumerateArray().Select(e => e.GetString() ?? "").Where(s => s.Length > 0).ToArray() : []);
    }

    private static GoldSpeaker[] Speakers(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(s => new GoldSpeaker(
                Str(s, "name") ?? "",
                s.TryGetProperty("aliases", out var a) && a.ValueKind == JsonValueKind.Array
                    ? a.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
                    : [])).ToArray()
            : [];

    private static SpanText? SpanOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.Object
            ? new SpanText(s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32(), Str(s, "text") ?? "")
            : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateOnly? ParseDate(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex(@"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s")]
    private static partial Regex DateHeader();
}
