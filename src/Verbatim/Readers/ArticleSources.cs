namespace Verbatim.Readers;

/// <summary>Options shared by every reader.</summary>
public sealed record ReaderOptions
{
    /// <summary>The date for plain-text files without a ` date YYYY-MM-DD ` header.</summary>
    public DateOnly? Date { get; init; }
    /// <summary>Force a format (text, jsonl, polnear, html, warc, csv) instead of choosing by extension.</summary>
    public string? Format { get; init; }
    /// <summary>Articles larger than this (in bytes) are rejected rather than read.</summary>
    public long MaxArticleBytes { get; init; } = 8 * 1024 * 1024;
    /// <summary>What "-" reads; null = the process's standard input. Lets tests and hosts supply their own.</summary>
    public Func<Stream>? StandardInput { get; init; }
    /// <summary>Which CSV columns hold the text, id, date, title, url and publisher (null = those names).</summary>
    public CsvColumns? CsvColumns { get; init; }
}

/// <summary>Streams articles, one at a time, from files, folders, standard input ("-") and the PolNeAR layout.</summary>
/// <remarks>
/// Every bad record (unreadable, binary, invalid UTF-8, too large, malformed JSON, no date...) becomes a
/// <see cref="ReadResult.Rejected"/> item in the stream, in place; reading goes on with the next record.
/// </remarks>
public static class ArticleSources
{
    public const string FormatText = "text";
    public const string FormatJsonLines = "jsonl";
    public const string FormatPolnear = "polnear";
    public const string FormatHtml = "html";
    public const string FormatWarc = "warc";
    public const string FormatCsv = "csv";
    public static IReadOnlyList<string> Formats { get; } = [FormatText, FormatJsonLines, FormatPolnear, FormatHtml, FormatWarc, FormatCsv];

    /// <summary>The name "-" and records read from standard input go by.</summary>
    public const string StdinName = "stdin";

    private enum Kind { Text, JsonLines, Sniff, Skip, Html, Warc, Csv }

    /// <summary>
    /// Reads every input in order: "-" is standard input, a folder is read recursively (files in ordinal
    /// order of their relative paths, hidden ones skipped; a PolNeAR layout is detected), a file by its
    /// extension (.txt; .jsonl/.ndjson; .html/.htm; .warc; .csv; any of these but .txt also gzip-compressed, .gz) or by
    /// <see cref="ReaderOptions.Format"/>; a gzip-compressed file is recognised by its magic bytes too. Lazy: nothing is read
    /// until enumerated, and one article at a time is held.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown <see cref="ReaderOptions.Format"/>.</exception>
    public static IEnumerable<ReadResult> Open(IEnumerable<string> inputs, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Format is not null && !Formats.Contains(options.Format))
            throw new ArgumentException($"unknown input format '{options.Format}' (known: {string.Join(", ", Formats)})", nameof(options));
        if (options.MaxArticleBytes <= 0)
            throw new ArgumentException("MaxArticleBytes must be positive", nameof(options));
        return OpenAll(inputs, options);
    }

    private static IEnumerable<ReadResult> OpenAll(IEnumerable<string> inputs, ReaderOptions options)
    {
        foreach (var input in inputs)
            foreach (var result in OpenOne(input, options))
                yield return result;
    }

    private static IEnumerable<ReadResult> OpenOne(string input, ReaderOptions options)
    {
        if (input == "-")
            return FromStandardInput(options);
        if (Directory.Exists(input))
            return ReadFolder(input, options, top: true);
        if (File.Exists(input))
            return ReadFile(input, options, explicitlyNamed: true);
        return [ReadResult.Rejected(input, "no such file or folder")];
    }

    private static IEnumerable<ReadResult> FromStandardInput(ReaderOptions options)
    {
        var stream = options.StandardInput?.Invoke() ?? Console.OpenStandardInput();
        // A forced format applies to standard input too; else JSON Lines or plain text by the first character.
        return options.Format is { } format && format != FormatPolnear
            ? FromStream(stream, StdinName, format, StdinName, options)
            : FromStream(stream, StdinName, StdinName, options);
    }

    /// <summary>
    /// Reads a stream the way "-" is read: JSON Lines when its first non-white character is '{',
    /// else one plain-text article with id <paramref name="id"/> and origin <paramref name="name"/>.
    /// JSON Lines records are named <c>name:LINE</c>, with default ids <c>id-LINE</c>. The stream is disposed at the end.
    /// </summary>
    public static IEnumerable<ReadResult> FromStream(Stream stream, string name, string id, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return ReadStream(stream, name, id, options);
    }

    private static IEnumerable<ReadResult> ReadStream(Stream stream, string name, string id, ReaderOptions options)
    {
        using (stream)
        {
            Kind kind;
            Stream whole;
            string? error = null;
            try
            {
                whole = Sniff(stream, options.MaxArticleBytes, out kind);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                whole = Stream.Null;
                kind = Kind.Skip;
                error = e.Message;
            }
            if (error is not null)
            {
                yield return ReadResult.Rejected(name, $"cannot read: {error}");
                yield break;
            }
            if (kind == Kind.JsonLines)
            {
                foreach (var r in JsonLinesReader.Read(whole, name, id, options))
                    yield return r;
            }
            else
                yield return ReadTextStream(whole, name, id, options);
        }
    }

    /// <summary>One plain-text article from bytes already in memory (the whole file, header and BOM included).</summary>
    public static ReadResult FromText(ReadOnlySpan<byte> bytes, string id, string origin, ReaderOptions options) =>
        PlainTextReader.FromBytes(bytes, id, origin, options);

    /// <summary>JSON Lines from any stream; records are named <c>name:LINE</c>, default ids <c>idPrefix-LINE</c>.</summary>
    public static IEnumerable<ReadResult> FromJsonLines(Stream stream, string name, string idPrefix, ReaderOptions options) =>
        JsonLinesReader.Read(stream, name, idPrefix, options);

    private static ReadResult ReadTextStream(Stream stream, string name, string id, ReaderOptions options)
    {
        try
        {
            if (!ArticleBytes.TryReadBounded(stream, options.MaxArticleBytes, out var buffer, out int length))
                return ReadResult.Rejected(name, PlainTextReader.TooLarge(null, options), ArticleBytes.RawPrefix(buffer.AsSpan(0, Math.Min(length, buffer.Length))));
            return PlainTextReader.FromBytes(buffer.AsSpan(0, length), id, name, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Rejected(name, $"cannot read: {e.Message}");
        }
    }

    /// <summary>Looks at the first non-white byte; returns a stream that still yields every byte read so far.</summary>
    private static Stream Sniff(Stream stream, long limit, out Kind kind)
    {
        var prefix = new byte[4096];
        int length = 0;
        while (true)
        {
            int n = stream.Read(prefix, length, prefix.Length - length);
            int start = length;
            length += n;
            for (int i = start; i < length; i++)
            {
                byte b = prefix[i];
                bool bom = i < 3 && b == "\uFEFF"u8[i];
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || bom) continue;
                kind = b == (byte)'{' ? Kind.JsonLines : Kind.Text;
                return new PrefixedStream(prefix, length, stream);
            }
            if (n == 0 || length > limit)
            {
                kind = Kind.Text;
                return new PrefixedStream(prefix, length, stream);
            }
            if (length == prefix.Length) Array.Resize(ref prefix, prefix.Length * 2);
        }
    }

    private static IEnumerable<ReadResult> ReadFile(string path, ReaderOptions options, bool explicitlyNamed)
    {
        var kind = KindOf(path, options.Format, explicitlyNamed);
        if (kind == Kind.Skip)
            return [];
        if (kind == Kind.Text)
            return [PlainTextReader.FromFile(path, Path.GetFileNameWithoutExtension(path), options)];

        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [ReadResult.Rejected(path, $"cannot open the file: {e.Message}")];
        }
        var stem = Stem(path);
        return kind switch
        {
            Kind.JsonLines => ReadAndDispose(stream, s => JsonLinesReader.Read(Gunzipped(s), path, stem, options)),
            Kind.Csv => ReadAndDispose(stream, s => CsvReader.Read(Gunzipped(s), path, stem, options)),
            Kind.Warc => ReadAndDispose(stream, s => WarcReader.Read(s, path, options)),
            Kind.Html => ReadAndDispose(stream, s => [ReadHtml(s, path, stem, options)]),
            _ => FromStream(stream, path, stem, options),
        };
    }

    /// <summary>
    /// Reads a stream as the given format (text, jsonl, html, warc or csv; not polnear, which is a folder layout).
    /// Records are named as for files: <c>name:LINE</c>, <c>name:row N</c>, <c>name#N</c>; the stream is disposed at the end.
    /// </summary>
    public static IEnumerable<ReadResult> FromStream(Stream stream, string name, string format, string idPrefix, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return format switch
        {
            FormatText => ReadAndDispose(stream, s => [ReadTextStream(Gunzipped(s), name, idPrefix, options)]),
            FormatJsonLines => ReadAndDispose(stream, s => JsonLinesReader.Read(Gunzipped(s), name, idPrefix, options)),
            FormatCsv => ReadAndDispose(stream, s => CsvReader.Read(Gunzipped(s), name, idPrefix, options)),
            FormatWarc => ReadAndDispose(stream, s => WarcReader.Read(s, name, options)),
            FormatHtml => ReadAndDispose(stream, s => [ReadHtml(s, name, idPrefix, options)]),
            _ => throw new ArgumentException($"cannot read a stream as '{format}' (known: text, jsonl, html, warc, csv)", nameof(format)),
        };
    }

    private static ReadResult ReadHtml(Stream stream, string name, string id, ReaderOptions options)
    {
        try
        {
            var whole = Gunzipped(stream);
            if (!ArticleBytes.TryReadBounded(whole, options.MaxArticleBytes, out var buffer, out int length))
                return ReadResult.Rejected(name, PlainTextReader.TooLarge(null, options), ArticleBytes.RawPrefix(buffer.AsSpan(0, Math.Min(length, buffer.Length))));
            return HtmlReader.Read(buffer.AsSpan(0, length), new HtmlContext(id, name), options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Rejected(name, $"cannot read: {e.Message}");
        }
    }

    /// <summary>The stream itself, or its decompressed bytes when it starts with the gzip magic (1f 8b); decided on
    /// the first read, so a read error surfaces where the reader handles it.</summary>
    private static Stream Gunzipped(Stream stream) => new GzipSniffStream(stream);

    /// <summary>The file name without its extension, and without .gz before it (news.jsonl.gz: news).</summary>
    private static string Stem(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return Path.GetFileNameWithoutExtension(name);
    }

    private static IEnumerable<ReadResult> ReadAndDispose(Stream stream, Func<Stream, IEnumerable<ReadResult>> read)
    {
        using (stream)
            foreach (var r in read(stream))
                yield return r;
    }

    private static Kind KindOf(string path, string? format, bool explicitlyNamed)
    {
        var name = Path.GetFileName(path);
        bool gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var ext = Path.GetExtension(gz ? name[..^3] : name).ToLowerInvariant();
        var byExtension = ext switch
        {
            ".txt" when !gz => Kind.Text,
            ".jsonl" or ".ndjson" => Kind.JsonLines,
            ".json" when gz => Kind.JsonLines,
            ".html" or ".htm" => Kind.Html,
            ".warc" => Kind.Warc,
            ".csv" => Kind.Csv,
            _ => Kind.Skip,
        };
        // In a folder only known extensions are articles (a PolNeAR folder also holds .ann and .tsv files).
        if (!explicitlyNamed && byExtension == Kind.Skip)
            return Kind.Skip;
        return format switch
        {
            FormatText => Kind.Text,
            FormatJsonLines => Kind.JsonLines,
            FormatHtml => Kind.Html,
            FormatWarc => Kind.Warc,
            FormatCsv => Kind.Csv,
            // A file named on the command line with another extension is read like standard input.
            _ when byExtension == Kind.Skip => Kind.Sniff,
            _ => byExtension,
        };
    }

    private static IEnumerable<ReadResult> ReadFolder(string folder, ReaderOptions options, bool top)
    {
        bool forced = options.Format == FormatPolnear;
        if ((options.Format is null && PolnearReader.IsLayout(folder)) || (forced && Directory.Exists(Path.Combine(folder, "text"))))
            return PolnearReader.Read(folder, options);
        // Forced polnear on the text/ folder itself.
        if (top && forced
            && Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))) is { } parent
            && PolnearReader.FindMetadata(parent) is not null)
            return PolnearReader.Read(folder, options);
        return ReadFolderEntries(folder, options);
    }

    private static IEnumerable<ReadResult> ReadFolderEntries(string folder, ReaderOptions options)
    {
        var entries = ListFolder(folder, out string? error);
        if (error is not null)
        {
            yield return ReadResult.Rejected(folder, error);
            yield break;
        }
        foreach (var entry in entries)
        {
            var path = Path.Combine(folder, entry.Name);
            var results = entry is DirectoryInfo
                ? ReadFolder(path, options, top: false)
                : ReadFile(path, options, explicitlyNamed: false);
            foreach (var r in results)
                yield return r;
        }
    }

    /// <summary>
    /// A folder's visible entries, sorted so that depth-first traversal visits files in the ordinal
    /// order of their relative paths ('/' sorts a folder's contents where its path would).
    /// </summary>
    private static List<FileSystemInfo> ListFolder(string folder, out string? error)
    {
        error = null;
        try
        {
            var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos()
                .Where(e => !IsHidden(e))
                // Do not follow symlinked folders: they can form cycles.
                .Where(e => e is FileInfo || e.LinkTarget is null)
                .ToList();
            entries.Sort((a, b) => string.CompareOrdinal(SortKey(a), SortKey(b)));
            return entries;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot list the folder: {e.Message}";
            return [];
        }
    }

    private static string SortKey(FileSystemInfo e) => e is DirectoryInfo ? e.Name + "/" : e.Name;

    internal static bool IsHidden(FileSystemInfo e) =>
        e.Name.StartsWith('.') || (e.Attributes & FileAttributes.Hidden) != 0;
}
