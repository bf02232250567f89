namespace Verbatim.Readers;

/// <summary>Options shared by every reader.</summary>
public sealed record ReaderOptions
{
    /// <summary>The date for plain-text files without a ` date YYYY-MM-DD ` header.</summary>
    public DateOnly? Date { get; init; }
    /// <summary>Force a format (text, jsonl, polnear) instead of choosing by extension.</summary>
    public string? Format { get; init; }
    /// <summary>Articles larger than this (in bytes) are rejected rather than read.</summary>
    public long MaxArticleBytes { get; init; } = 8 * 1024 * 1024;
}

/// <summary>Streams articles, one at a time, from files, folders, standard input ("-") and the PolNeAR layout.</summary>
public static class ArticleSources
{
    public static IEnumerable<ReadResult> Open(IEnumerable<string> inputs, ReaderOptions options)
    {
        _ = inputs;
        _ = options;
        yield break;
    }
}
