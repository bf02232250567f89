namespace Verbatim;

/// <summary>One dated news article exactly as read. <see cref="Text"/> is never rewritten: every offset points into it.</summary>
public sealed record Article
{
    public Article(string id, DateOnly? date, string text)
    {
        Id = id;
        Date = date;
        Text = text;
    }

    public string Id { get; init; }
    public DateOnly? Date { get; init; }
    public string Text { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string? Publisher { get; init; }
    /// <summary>Where the article came from: a file path, or path:line for a JSON Lines record.</summary>
    public string? Origin { get; init; }
    /// <summary>Where the article body starts in <see cref="Text"/> (after a ` date YYYY-MM-DD ` header).</summary>
    public int BodyStart { get; init; }
}
