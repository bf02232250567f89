using Verbatim.Readers;

namespace Verbatim.Storage;

/// <summary>
/// The quote store: articles with their quotes, speakers and mentions, searchable and exportable.
/// One instance is one connection: not thread-safe; share it between threads only with a lock.
/// The contract is engine-neutral so a PostgreSQL store can sit behind it later.
/// </summary>
public interface IQuoteStore : IQuoteLookup, IDisposable
{
    /// <summary>Where the store lives, for messages (a file path for SQLite).</summary>
    string Location { get; }

    /// <summary>True when an article with this <see cref="ContentHash"/> is already stored (lets ingest skip extraction).</summary>
    bool ContainsContent(string contentHash);

    /// <summary>
    /// Writes one batch in one transaction: every new article with all its quotes, speakers and mentions,
    /// plus the rejections, or nothing at all. Articles whose content hash is already stored (or repeated
    /// earlier in the batch) are skipped and counted in <see cref="IngestResult.Skipped"/>.
    /// </summary>
    IngestResult Ingest(IReadOnlyList<ArticleExtraction> batch, IReadOnlyList<Rejection>? rejections = null);

    /// <summary>Full-text search ranked by relevance (bm25); with no words, the filters only, newest first.</summary>
    IReadOnlyList<StoredQuote> Search(SearchQuery query);

    /// <summary>The most quoted speakers, most quotes first.</summary>
    IReadOnlyList<SpeakerSummary> Speakers(int limit);

    /// <summary>A speaker's quotes in date order (oldest first); <paramref name="speaker"/> is a speaker id or a name (any case).</summary>
    IReadOnlyList<StoredQuote> QuotesBySpeaker(string speaker, int limit);

    /// <summary>Every stored article's extraction, in ingest order, streamed; speaker ids are the corpus-wide ids.</summary>
    IEnumerable<ArticleExtraction> ExportArticles();

    /// <summary>Every stored quote, one row each, in ingest order, streamed (for the CSV export).</summary>
    IEnumerable<StoredQuote> ExportQuotes();

    StoreStats Stats();

    /// <summary>
    /// A number that changes whenever what a search returns may have changed, by this or any other process (an ingest
    /// that stored something, a speaker correction); cheap enough to ask several times a second. Null when the store
    /// cannot tell cheaply: callers that cache answers then keep them only briefly.
    /// </summary>
    long? ChangeCounter() => null;

    /// <summary>
    /// Dated commitments: quotes with a time expression whose last allowed day (<see cref="TimeRef.Due"/>) lies after the day
    /// the words were said (<see cref="StoredQuote.Uttered"/>, else the article date), earliest due first. The default reads every
    /// stored article; a store overrides it with a query.
    /// </summary>
    IReadOnlyList<Commitment> Commitments(CommitmentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var speakerSlug = query.Speaker is null ? null : Verbatim.Speakers.SpeakerResolver.Slug(query.Speaker);
        var found = new List<Commitment>();
        foreach (var x in ExportArticles())
            foreach (var q in x.Quotes)
            {
                if (query.Speaker is not null && !(q.Speaker is { } sp && (sp.Id == query.Speaker || sp.Id == speakerSlug
                    || string.Equals(sp.Name, query.Speaker, StringComparison.OrdinalIgnoreCase)))) continue;
                var said = q.Uttered ?? x.Article.Date;
                foreach (var t in q.Times)
                {
                    if (t.Due is not { } due || said is { } s && due <= s) continue;
                    if (query.DueBefore is { } before && due >= before || query.DueAfter is { } after && due <= after) continue;
                    found.Add(new Commitment(new StoredQuote
                    {
                        QuoteId = q.Id, ArticleId = x.Article.Id, Date = x.Article.Date, Publisher = x.Article.Publisher,
                        Title = x.Article.Title, Url = x.Article.Url, Kind = q.Kind, Text = q.Text, SpeakerId = q.Speaker?.Id,
                        SpeakerName = q.Speaker?.Name, Cue = q.Cue?.Text, Uttered = q.Uttered, Confidence = q.Confidence,
                    }, t));
                }
            }
        return found.OrderBy(c => c.Due).ThenBy(c => c.Quote.Date).Take(Math.Max(0, query.Limit)).ToList();
    }
}

/// <summary>Which commitments to list: by speaker (id or name, any case), and by due date (both bounds exclusive).</summary>
public sealed record CommitmentQuery
{
    public string? Speaker { get; init; }
    /// <summary>Only commitments due before this day (exclusive).</summary>
    public DateOnly? DueBefore { get; init; }
    /// <summary>Only commitments due after this day (exclusive).</summary>
    public DateOnly? DueAfter { get; init; }
    public int Limit { get; init; } = 50;
}

/// <summary>A dated commitment: the quote (who, when, the words) and the time expression inside it that it points to.</summary>
public sealed record Commitment(StoredQuote Quote, TimeRef Time)
{
    /// <summary>The last day the words allow.</summary>
    public DateOnly Due => Time.Due ?? default;
    /// <summary>When the words were said: the uttered day, else the article date.</summary>
    public DateOnly? Said => Quote.Uttered ?? Quote.Date;
}

/// <summary>What one <see cref="IQuoteStore.Ingest"/> call did.</summary>
public readonly record struct IngestResult(int Stored, int Skipped, int Quotes, int Rejected)
{
    public static IngestResult operator +(IngestResult a, IngestResult b) =>
        new(a.Stored + b.Stored, a.Skipped + b.Skipped, a.Quotes + b.Quotes, a.Rejected + b.Rejected);
}

/// <summary>A search: words (plain user words, never query syntax) and optional filters.</summary>
public sealed record SearchQuery
{
    public string? Words { get; init; }
    /// <summary>A speaker id or name (any case).</summary>
    public string? Speaker { get; init; }
    /// <summary>First article date included.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Last article date included.</summary>
    public DateOnly? To { get; init; }
    /// <summary>The publisher, any case.</summary>
    public string? Publisher { get; init; }
    public int Limit { get; init; } = 20;
    /// <summary>Hits skipped before the first returned (for paging).</summary>
    public int Offset { get; init; }
    /// <summary>Marks put around matched words in <see cref="StoredQuote.Snippet"/>.</summary>
    public string HighlightOpen { get; init; } = "[";
    public string HighlightClose { get; init; } = "]";
}

/// <summary>A stored quote with its article's metadata: a search hit, a row of the quotes listing or of the CSV export.</summary>
public sealed record StoredQuote
{
    public required string QuoteId { get; init; }
    public required string ArticleId { get; init; }
    public DateOnly? Date { get; init; }
    public string? Publisher { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public required QuoteKind Kind { get; init; }
    public required string Text { get; init; }
    /// <summary>The text around the matched words, highlighted; only set by a word search.</summary>
    public string? Snippet { get; init; }
    public string? SpeakerId { get; init; }
    public string? SpeakerName { get; init; }
    public string? Cue { get; init; }
    public DateOnly? Uttered { get; init; }
    public double Confidence { get; init; }
    /// <summary>bm25 relevance, lower is better (SQLite's sign); only set by a word search.</summary>
    public double? Score { get; init; }
}

public sealed record SpeakerSummary(string Id, string Name, SpeakerType Type, int Quotes, int Articles, DateOnly? First, DateOnly? Last);

public sealed record StoreStats
{
    public required int Articles { get; init; }
    public required int Quotes { get; init; }
    public required IReadOnlyDictionary<QuoteKind, int> QuotesByKind { get; init; }
    public required int Speakers { get; init; }
    public required int Rejects { get; init; }
    /// <summary>Bytes on disk (for SQLite: the file plus its write-ahead log).</summary>
    public required long SizeBytes { get; init; }
    public DateOnly? FirstDate { get; init; }
    public DateOnly? LastDate { get; init; }
    public int SchemaVersion { get; init; }
}

/// <summary>The store could not be opened: missing, not a store, or written by a newer version. The message is for the user.</summary>
public sealed class StoreOpenException(string message, Exception? inner = null) : Exception(message, inner);
