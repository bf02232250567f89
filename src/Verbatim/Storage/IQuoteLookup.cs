namespace Verbatim.Storage;

/// <summary>
/// Lookups by id for browsing (the HTTP API and the web pages): one quote, one article with every quote's offsets,
/// speakers by name, one speaker's profile. Part of every <see cref="IQuoteStore"/>; same threading rule (one caller at a time).
/// </summary>
public interface IQuoteLookup
{
    /// <summary>One quote with its article's metadata; null when no quote has this id.</summary>
    StoredQuote? Quote(string quoteId);

    /// <summary>
    /// The stored article with this id (the first ingested, when two texts share an id), with all its quotes and speakers;
    /// speaker ids are the corpus-wide ids. Null when none.
    /// </summary>
    ArticleExtraction? Article(string articleId);

    /// <summary>Speakers whose name or id contains <paramref name="words"/> (any case), most quoted first; null or blank: every speaker.</summary>
    IReadOnlyList<SpeakerSummary> FindSpeakers(string? words, int limit);

    /// <summary>A speaker's profile by corpus-wide id: counts, every name the articles used, quotes per article date. Null when unknown.</summary>
    SpeakerProfile? Profile(string speakerId);
}

/// <summary>What <see cref="IQuoteLookup.Profile"/> returns.</summary>
public sealed record SpeakerProfile(
    SpeakerSummary Summary,
    IReadOnlyList<NameCount> Aliases,
    IReadOnlyList<string> Titles,
    IReadOnlyList<DateCount> QuotesByDate);

/// <summary>A name and how many quotes were attributed under it.</summary>
public sealed record NameCount(string Name, int Quotes);

/// <summary>Quotes on one article date (oldest first in a list).</summary>
public readonly record struct DateCount(DateOnly Date, int Quotes);
