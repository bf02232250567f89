namespace Verbatim.Readers;

/// <summary>Row of side metadata for a plain-text article (PolNeAR's metadata.tsv).</summary>
internal sealed record ArticleMetadata(DateOnly? Date, string? DateError, string? Title, string? Publisher);

/// <summary>One plain-text file = one article; the text is the whole decoded file, header included.</summary>
internal static class PlainTextReader
{
    public static ReadResult FromFile(string path, string id, ReaderOptions options, ArticleMetadata? metadata = null)
    {
        byte[] buffer;
        int length;
        try
        {
            // Refuse oversized files by their length, before reading a byte of them.
            long size = new FileInfo(path).Length;
            if (size > options.MaxArticleBytes)
                return ReadResult.Rejected(path, TooLarge(size, options), ReadPrefix(path));
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (!ArticleBytes.TryReadBounded(stream, options.MaxArticleBytes, out buffer, out length))
                return ReadResult.Rejected(path, TooLarge(null, options), ArticleBytes.RawPrefix(buffer.AsSpan(0, Math.Min(length, buffer.Length))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Rejected(path, $"cannot read the file: {e.Message}");
        }
        return FromBytes(buffer.AsSpan(0, length), id, path, options, metadata);
    }

    public static ReadResult FromBytes(ReadOnlySpan<byte> bytes, string id, string origin, ReaderOptions options, ArticleMetadata? metadata = null)
    {
        if (bytes.Length > options.MaxArticleBytes)
            return ReadResult.Rejected(origin, TooLarge(bytes.Length, options), ArticleBytes.RawPrefix(bytes));
        string? text = ArticleBytes.TryDecode(bytes, out string? reason);
        if (text is null)
            return ReadResult.Rejected(origin, reason!, ArticleBytes.RawPrefix(bytes));

        int bodyStart = 0;
        DateOnly? date;
        if (ArticleDates.TryReadHeader(text, out var headerDate, out reason))
        {
            date = headerDate;
            bodyStart = ArticleDates.HeaderLength;
        }
        else if (reason is not null)
            return ReadResult.Rejected(origin, reason, ArticleBytes.RawPrefix(bytes));
        else if (metadata?.DateError is { } dateError)
            return ReadResult.Rejected(origin, dateError, ArticleBytes.RawPrefix(bytes));
        else
            date = metadata?.Date ?? options.Date;

        if (ArticleBytes.IsBlank(text.AsSpan(bodyStart)))
            return ReadResult.Rejected(origin, "empty text: the article has no words", ArticleBytes.RawPrefix(bytes));
        if (date is null)
            return ReadResult.Rejected(origin, metadata is null
                ? "no date: the text has no ' date YYYY-MM-DD ' header and no --date was given"
                : "no date: metadata.tsv gives no publication_date for it and no --date was given", ArticleBytes.RawPrefix(bytes));

        return ReadResult.Ok(new Article(id, date, text)
        {
            Origin = origin,
            BodyStart = bodyStart,
            Title = metadata?.Title,
            Publisher = metadata?.Publisher,
        });
    }

    internal static string TooLarge(long? size, ReaderOptions options) => size is { } s
        ? $"too large: {ArticleBytes.FormatBytes(s)}, over the limit of {ArticleBytes.FormatBytes(options.MaxArticleBytes)} per article"
        : $"too large: over the limit of {ArticleBytes.FormatBytes(options.MaxArticleBytes)} per article";

    private static string? ReadPrefix(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var prefix = new byte[ArticleBytes.RawPrefixBytes];
            int n = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
            return ArticleBytes.RawPrefix(prefix.AsSpan(0, n));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
