namespace Verbatim.Corpus;

/// <summary>
/// The corpus view of a quote store: corpus-wide speakers (with hand corrections that later ingests respect),
/// quote clusters, and claim verification. Separate from <see cref="Storage.IQuoteStore"/> so a store can add it later;
/// both stores (SQLite and PostgreSQL) have it. Disposing it closes the store.
/// </summary>
public interface ICorpusStore : IDisposable
{
    /// <summary>Checks a claimed quote against every stored quote; see <see cref="Verifier"/>.</summary>
    VerifyResult Verify(VerifyQuery query);

    /// <summary>The most widely reported clusters (most articles first), optionally only a speaker's (any spelling).</summary>
    IReadOnlyList<QuoteCluster> Clusters(int limit, string? speaker = null);

    /// <summary>The cluster of one stored quote (by quote id), with its variants; null when the quote is unknown.</summary>
    QuoteCluster? ClusterOfQuote(string quoteId);

    /// <summary>A speaker by any spelling of their name or by id: canonical name, Wikidata id, role, every spelling seen.</summary>
    SpeakerIdentityInfo? Speaker(string nameOrId);

    /// <summary>Makes <paramref name="from"/> and <paramref name="into"/> one speaker (ids or names); kept as an override.</summary>
    SpeakerCorrection MergeSpeakers(string from, string into);

    /// <summary>Makes one spelling (<paramref name="name"/>) its own speaker again; kept as an override.</summary>
    SpeakerCorrection SplitSpeaker(string name);

    /// <summary>Sets a speaker's display name by hand; kept as an override (later, fuller spellings no longer replace it).</summary>
    SpeakerCorrection RenameSpeaker(string speaker, string name);

    /// <summary>Adds alias entries (a user's alias file); names already seen as different speakers are merged.</summary>
    int ImportAliases(IReadOnlyList<AliasEntry> entries, string source);
}

/// <summary>One cluster: the same utterance across articles, with its first appearance and its wordings.</summary>
public sealed record QuoteCluster
{
    public required int Id { get; init; }
    /// <summary>The fullest wording.</summary>
    public required string Text { get; init; }
    public DateOnly? FirstSeen { get; init; }
    public required string FirstArticle { get; init; }
    public string? FirstPublisher { get; init; }
    public string? SpeakerId { get; init; }
    public string? SpeakerName { get; init; }
    public int Quotes { get; init; }
    public int Articles { get; init; }
    public int Publishers { get; init; }
    public IReadOnlyList<ClusterVariant> Variants { get; init; } = [];
    /// <summary>Who printed it: one row per publisher (any case), earliest first; empty when the store does not say.</summary>
    public IReadOnlyList<ClusterOutlet> Outlets { get; init; } = [];
}

/// <summary>One publisher of a cluster: how many of its quotes and articles, and the first article date.</summary>
public sealed record ClusterOutlet(string? Publisher, int Quotes, int Articles, DateOnly? First);

/// <summary>One wording of a cluster (quotes equal after normalisation share it).</summary>
public sealed record ClusterVariant(int Id, string Text, int Quotes, bool Fragment, DateOnly? FirstSeen, string FirstArticle);

public sealed record SpeakerIdentityInfo(string Id, string Name, string? Wikidata, string? Role, int Quotes, IReadOnlyList<string> Names);

/// <summary>What a hand correction did.</summary>
public sealed record SpeakerCorrection(string Action, string SpeakerId, string? Other, int QuotesChanged);

/// <summary>A hand correction that cannot be applied (unknown speaker, same speaker twice); the message is for the user.</summary>
public sealed class SpeakerCorrectionException(string message) : Exception(message);
