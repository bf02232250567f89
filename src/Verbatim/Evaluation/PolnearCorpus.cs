using System.Globalization;
using System.Text;

namespace Verbatim.Evaluation;

/// <summary>One gold attribution (a brat event): the union of its Content parts (brat's <c>Content</c>,
/// <c>Content2</c>, …), and its Source and Cue parts, null when the role is missing. Offsets are UTF-16.</summary>
public sealed record GoldAttribution(
    string Id,
    IReadOnlyList<TextSpan> Content,
    IReadOnlyList<TextSpan>? Source,
    IReadOnlyList<TextSpan>? Cue);

/// <summary>A PolNeAR article with its gold attributions from one annotator's .ann file.</summary>
public sealed record PolnearArticle(
    Article Article,
    IReadOnlyList<GoldAttribution> Attributions,
    string AnnotationFile,
    int SkippedAttributions,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Reads a PolNeAR split: <c>DIR/text/NAME.txt</c> and <c>DIR/attributions/NAME_ANNOTATOR.ann</c> (brat standoff),
/// with publisher, title and publication date from <c>metadata.tsv</c> in DIR or one level up.
/// </summary>
public static class PolnearCorpus
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Loads every article of <paramref name="dir"/> that has an annotation file, in ordinal order of name.
    /// Of several annotators' files the first in ordinal order of file name is used. Texts without any
    /// annotation file are left out (their gold is unknown), and named in <paramref name="warnings"/>.</summary>
    public static IReadOnlyList<PolnearArticle> Load(string dir, ICollection<string>? warnings = null)
    {
        var textDir = Path.Combine(dir, "text");
        var annDir = Path.Combine(dir, "attributions");
        if (!Directory.Exists(textDir)) throw new DirectoryNotFoundException($"no text/ folder in {dir}");
        if (!Directory.Exists(annDir)) throw new DirectoryNotFoundException($"no attributions/ folder in {dir}");

        var texts = Directory.EnumerateFiles(textDir, "*.txt")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal)
            .ToList();
        var textIds = texts.ToHashSet(StringComparer.Ordinal);

        var annsById = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(annDir, "*.ann"))
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            string? id = textIds.Contains(stem) ? stem : null;
            int us = stem.LastIndexOf('_');
            if (id is null && us > 0 && textIds.Contains(stem[..us])) id = stem[..us];
            if (id is null) { warnings?.Add($"{path}: no text file for this annotation file"); continue; }
            if (!annsById.TryGetValue(id, out var list)) annsById[id] = list = [];
            list.Add(path);
        }

        var metadata = ReadMetadata(dir);
        var articles = new List<PolnearArticle>(texts.Count);
        foreach (var id in texts)
        {
            if (!annsById.TryGetValue(id, out var anns))
            {
                warnings?.Add($"{id}: no annotation file; left out");
                continue;
            }
            var ann = anns.OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal).First();
            var textPath = Path.Combine(textDir, id + ".txt");
            var text = ReadText(textPath);
            metadata.TryGetValue(id, out var meta);
            var article = new Article(id, meta?.Date, text)
            {
                Title = meta?.Title,
                Publisher = meta?.Publisher,
                Origin = textPath,
            };
            articles.Add(FromAnnotations(article, File.ReadAllText(ann, Utf8), ann));
        }
        return articles;
    }

    /// <summary>The article text as SCHEMA.md reads a plain-text file: UTF-8, BOM removed, nothing else changed.</summary>
    public static string ReadText(string path)
    {
        var text = File.ReadAllText(path, Utf8);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>Builds the gold attributions of one article from its brat annotations. Every event with at
    /// least one Content part is an attribution; an event without one is skipped (counted, and warned).
    /// Brat offsets count code points; they are converted to UTF-16 when the text holds surrogate pairs.</summary>
    public static PolnearArticle FromAnnotations(Article article, string annotations, string annotationFile)
    {
        var doc = BratParser.Parse(annotations);
        var warnings = doc.Warnings.Select(w => $"{annotationFile}: {w}").ToList();
        var toUtf16 = CodePointMap(article.Text);
        var list = new List<GoldAttribution>();
        int skipped = 0;
        foreach (var ev in doc.Events)
        {
            List<TextSpan>? content = null, source = null, cue = null;
            foreach (var arg in ev.Arguments)
            {
                ref var target = ref content;
                switch (arg.BaseRole)
                {
                    case "Content": break;
                    case "Source": target = ref source; break;
                    case "Cue": target = ref cue; break;
                    default: continue;
                }
                if (!doc.TextBoundsById.TryGetValue(arg.TargetId, out var tb))
                {
                    warnings.Add($"{annotationFile}: {ev.Id} names {arg.TargetId}, which is not defined");
                    continue;
                }
                target ??= [];
                foreach (var p in tb.Parts)
                    target.Add(Convert(p, toUtf16, article.Text.Length));
            }
            if (content is null || content.Count == 0)
            {
                skipped++;
                warnings.Add($"{annotationFile}: {ev.Id} has no content; skipped");
                continue;
            }
            list.Add(new GoldAttribution(ev.Id, Sorted(content), source is null ? null : Sorted(source), cue is null ? null : Sorted(cue)));
        }
        return new PolnearArticle(article, list, annotationFile, skipped, warnings);
    }

    private static TextSpan[] Sorted(List<TextSpan> parts) =>
        parts.Distinct().OrderBy(p => p.Start).ThenBy(p => p.End).ToArray();

    private static TextSpan Convert(TextSpan span, int[]? map, int length)
    {
        if (map is null) return new TextSpan(Math.Min(span.Start, length), Math.Min(span.End, length));
        int s = span.Start < map.Length ? map[span.Start] : length;
        int e = span.End < map.Length ? map[span.End] : length;
        return new TextSpan(s, e);
    }

    /// <summary>Code-point index → UTF-16 index, or null when the text has no surrogate pair (they agree).</summary>
    private static int[]? CodePointMap(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')) return null;
        var map = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length; i++)
        {
            map.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }
        map.Add(text.Length);
        return map.ToArray();
    }

    private sealed record Meta(DateOnly? Date, string? Title, string? Publisher);

    private static Dictionary<string, Meta> ReadMetadata(string dir)
    {
        var result = new Dictionary<string, Meta>(StringComparer.Ordinal);
        var full = Path.GetFullPath(dir);
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        foreach (var candidate in new[] { Path.Combine(full, "metadata.tsv"), parent is null ? null : Path.Combine(parent, "metadata.tsv") })
        {
            if (candidate is null || !File.Exists(candidate)) continue;
            using var reader = new StreamReader(candidate, Utf8);
            var header = reader.ReadLine()?.Split('\t');
            if (header is null) continue;
            int name = Array.IndexOf(header, "filename"), date = Array.IndexOf(header, "publication_date"),
                title = Array.IndexOf(header, "title"), publisher = Array.IndexOf(header, "publisher");
            if (name < 0) continue;
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                var f = line.Split('\t');
                if (f.Length <= name || result.ContainsKey(f[name])) continue;
                string? Field(int i) => i >= 0 && i < f.Length && f[i].Length > 0 && f[i] != "None" ? f[i] : null;
                DateOnly? d = DateOnly.TryParseExact(Field(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null;
                result[f[name]] = new Meta(d, Field(title), Field(publisher));
            }
        }
        return result;
    }
}
