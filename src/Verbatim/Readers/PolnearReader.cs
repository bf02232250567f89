using System.Text;

namespace Verbatim.Readers;

/// <summary>
/// The PolNeAR layout: a folder with <c>text/*.txt</c> (and usually <c>attributions/</c>), dated by a
/// <c>metadata.tsv</c> (columns filename, publisher, publication_date, title) beside <c>text/</c> or one level up.
/// </summary>
internal static class PolnearReader
{
    public const string MetadataFile = "metadata.tsv";

    /// <summary>The folder holds <c>text/</c> and a metadata.tsv is found for it.</summary>
    public static bool IsLayout(string folder) =>
        Directory.Exists(Path.Combine(folder, "text")) && FindMetadata(folder) is not null;

    /// <summary>metadata.tsv beside <c>text/</c> (in the folder), else one level up.</summary>
    public static string? FindMetadata(string folder)
    {
        var here = Path.Combine(folder, MetadataFile);
        if (File.Exists(here)) return here;
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        if (parent is null) return null;
        var up = Path.Combine(parent, MetadataFile);
        return File.Exists(up) ? up : null;
    }

    /// <param name="folder">The layout folder (holding <c>text/</c>), or the <c>text/</c> folder itself.</param>
    public static IEnumerable<ReadResult> Read(string folder, ReaderOptions options)
    {
        var textDir = Path.Combine(folder, "text");
        var layoutDir = folder;
        if (!Directory.Exists(textDir))
        {
            // Given the text folder itself: metadata sits beside it, i.e. in its parent (or above).
            textDir = folder;
            layoutDir = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))) ?? folder;
        }

        var metadataPath = FindMetadata(layoutDir);
        Dictionary<string, ArticleMetadata>? metadata = null;
        if (metadataPath is null)
            yield return ReadResult.Rejected(folder, $"no {MetadataFile} beside text/ or one level up: PolNeAR articles get no dates or titles (--date still applies)");
        else
        {
            var loaded = LoadMetadata(metadataPath, out string? error);
            if (error is not null)
                yield return ReadResult.Rejected(metadataPath, error);
            metadata = loaded;
        }

        var files = ListTextFiles(textDir, out string? listError);
        if (listError is not null)
        {
            yield return ReadResult.Rejected(textDir, listError);
            yield break;
        }
        foreach (var path in files)
        {
            var id = Path.GetFileNameWithoutExtension(path);
            ArticleMetadata? row = null;
            // A known metadata file without a row for this text: say so through the "no date" reason.
            if (metadata is not null && !metadata.TryGetValue(id, out row))
                row = new ArticleMetadata(null, null, null, null);
            yield return PlainTextReader.FromFile(path, id, options, row);
        }
    }

    private static List<string> ListTextFiles(string textDir, out string? error)
    {
        error = null;
        try
        {
            var files = new DirectoryInfo(textDir).EnumerateFiles("*.txt")
                .Where(f => !ArticleSources.IsHidden(f))
                .Select(f => Path.Combine(textDir, f.Name))
                .ToList();
            files.Sort(StringComparer.Ordinal);
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot list the folder: {e.Message}";
            return [];
        }
    }

    internal static Dictionary<string, ArticleMetadata> LoadMetadata(string path, out string? error)
    {
        error = null;
        var rows = new Dictionary<string, ArticleMetadata>(StringComparer.Ordinal);
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            var header = reader.ReadLine()?.Split('\t') ?? [];
            int file = Array.IndexOf(header, "filename");
            int date = Array.IndexOf(header, "publication_date");
            int title = Array.IndexOf(header, "title");
            int publisher = Array.IndexOf(header, "publisher");
            if (file < 0)
            {
                error = $"{MetadataFile} has no 'filename' column in its header line";
                return rows;
            }
            while (reader.ReadLine() is { } line)
            {
                var cells = line.Split('\t');
                var name = Cell(cells, file);
                if (name is null) continue;
                if (name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
                var dateText = Cell(cells, date);
                DateOnly? day = null;
                string? dateError = null;
                if (dateText is not null)
                {
                    if (ArticleDates.TryParseRecordDate(dateText, out var d)) day = d;
                    else dateError = $"impossible date '{dateText}' in the publication_date of {MetadataFile}";
                }
                rows[name] = new ArticleMetadata(day, dateError, Cell(cells, title), Cell(cells, publisher));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            error = $"cannot read {MetadataFile}: {e.Message}";
        }
        return rows;
    }

    // PolNeAR writes "None" for a missing value.
    private static string? Cell(string[] cells, int index) =>
        index >= 0 && index < cells.Length && cells[index].Length > 0 && cells[index] != "None" ? cells[index] : null;
}
