namespace Verbatim.Readers;

/// <summary>A record that could not be read as an article, kept aside with its reason.</summary>
/// <param name="Record">Names the record: a file path, or path:line for a JSON Lines record.</param>
/// <param name="Reason">Why it was rejected, in words a user can act on.</param>
/// <param name="Raw">The raw bytes' prefix (at most a few KB), for the rejects file; null when not useful.</param>
public sealed record Rejection(string Record, string Reason, string? Raw = null);

/// <summary>One item of a reader's stream: an article, or a rejected record. Never both.</summary>
public readonly struct ReadResult
{
    private ReadResult(Article? article, Rejection? rejection)
    {
        Article = article;
        Rejection = rejection;
    }

    public Article? Article { get; }
    public Rejection? Rejection { get; }
    public bool IsArticle => Article is not null;

    public static ReadResult Ok(Article article) => new(article, null);
    public static ReadResult Rejected(string record, string reason, string? raw = null) => new(null, new Rejection(record, reason, raw));
}
