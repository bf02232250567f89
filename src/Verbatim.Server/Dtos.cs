using Verbatim.Output;
using Verbatim.Storage;

namespace Verbatim.Server;

// The API's JSON shapes (camelCase on the wire). Field names follow ../shared/SCHEMA.md where they overlap.

public sealed record SpeakerLink(string Id, string Name);

/// <summary>A piece of a snippet: <c>hit</c> marks the words that matched the search.</summary>
public sealed record SnippetPart(string Text, bool Hit);

public sealed record QuoteHit(
    string Id, string Article, DateOnly? Date, string? Publisher, string? Title, string? Url, string Kind, string Text,
    IReadOnlyList<SnippetPart>? Snippet, SpeakerLink? Speaker, string? Cue, DateOnly? Uttered, double Confidence, double? Score)
{
    internal const string Open = "\uE000", Close = "\uE001";

    public static QuoteHit From(StoredQuote q) => new(
        q.QuoteId, q.ArticleId, q.Date, q.Publisher, q.Title, q.Url, ExtractionJson.KindName(q.Kind), q.Text,
        q.Snippet is null ? null : Parts(q.Snippet),
        q.SpeakerId is null ? null : new SpeakerLink(q.SpeakerId, q.SpeakerName ?? q.SpeakerId),
        q.Cue, q.Uttered, Math.Round(q.Confidence, 3), q.Score is { } s ? Math.Round(s, 4) : null);

    /// <summary>Splits a snippet marked with private-use characters into plain and matched parts.</summary>
    internal static List<SnippetPart> Parts(string snippet)
    {
        var parts = new List<SnippetPart>();
        var at = 0;
        while (at < snippet.Length)
        {
            var open = snippet.IndexOf(Open, at, StringComparison.Ordinal);
            if (open < 0) { parts.Add(new SnippetPart(snippet[at..], false)); break; }
            if (open > at) parts.Add(new SnippetPart(snippet[at..open], false));
            var close = snippet.IndexOf(Close, open + 1, StringComparison.Ordinal);
            if (close < 0) { parts.Add(new SnippetPart(snippet[(open + 1)..], true)); break; }
            parts.Add(new SnippetPart(snippet[(open + 1)..close], true));
            at = close + 1;
        }
        // Adjacent matched words read better as one mark.
        return parts.Where(p => p.Text.Length > 0).ToList();
    }
}

public sealed record SearchResponse(string? Q, int Page, int Size, bool HasMore, IReadOnlyList<QuoteHit> Results);

public sealed record SpeakerItem(string Id, string Name, string Type, int Quotes, int Articles, DateOnly? First, DateOnly? Last)
{
    public static SpeakerItem From(SpeakerSummary s) => new(s.Id, s.Name, ExtractionJson.TypeName(s.Type), s.Quotes, s.Articles, s.First, s.Last);
}

public sealed record SpeakersResponse(string? Q, IReadOnlyList<SpeakerItem> Results);

public sealed record PeriodCount(DateOnly Start, int Quotes);

public sealed record SubjectCount(string Term, int Quotes);

public sealed record SpeakerDetail(
    string Id, string Name, string Type, int Quotes, int Articles, DateOnly? First, DateOnly? Last,
    IReadOnlyList<NameCount> Aliases, IReadOnlyList<string> Titles,
    string Period, IReadOnlyList<PeriodCount> QuotesOverTime, IReadOnlyList<SubjectCount> Subjects, IReadOnlyList<QuoteHit> Latest);

public sealed record Span(int Start, int End);

public sealed record SpanWithText(int Start, int End, string Text)
{
    public static SpanWithText? From(SpanText? s) => s is null ? null : new(s.Start, s.End, s.Text);
}

/// <summary>Where a quote's words were printed first and by whom (from its quote cluster).</summary>
public sealed record ProvenanceItem(string Method, DateOnly? FirstSeen, string FirstArticle, string? FirstPublisher, IReadOnlyList<OutletItem> Outlets);

public sealed record OutletItem(string Publisher, int Quotes, int Articles, DateOnly? First);

/// <summary>The quote's cluster: the same words across articles, its fullest wording, its wordings (<c>current</c>: this quote's).</summary>
public sealed record ClusterItem(int Id, string Text, SpeakerLink? Speaker, int Quotes, int Articles, int Publishers, IReadOnlyList<VariantItem> Variants);

public sealed record VariantItem(string Text, int Quotes, bool Fragment, bool Current, DateOnly? FirstSeen, string FirstArticle);

public sealed record ArticleRef(string Id, DateOnly? Date, string? Title, string? Publisher, string? Url);

/// <summary>One quote; <c>provenance</c> and <c>cluster</c> are null (with <c>note</c> saying why) when the store keeps no clusters.</summary>
public sealed record QuoteDetail(QuoteHit Quote, ArticleRef Article, IReadOnlyList<Span> Content, string? Passage, int PassageStart,
    ProvenanceItem? Provenance, ClusterItem? Cluster, string? Note);

public sealed record ArticleQuote(string Id, string Kind, IReadOnlyList<Span> Content, string Text, SpanWithText? Cue, SpanWithText? Source,
    SpeakerLink? Speaker, SpanWithText? Addressee, DateOnly? Uttered, double Confidence);

public sealed record ArticleSpeaker(string Id, string Name, string Type, string? Title, IReadOnlyList<SpanWithText> Mentions);

public sealed record ArticleDetail(string Id, DateOnly? Date, string? Title, string? Url, string? Publisher, string Text, int BodyStart,
    IReadOnlyList<ArticleQuote> Quotes, IReadOnlyList<ArticleSpeaker> Speakers);

public sealed record VerifyRequest(string? Text, string? Speaker, string? Date, int? Limit);

/// <summary>
/// The corpus verifier's answer, as <c>verbatim verify --json</c> gives it: <c>verdict</c> is <c>verbatim</c>, <c>altered</c>
/// (<c>diff</c>: <c>[-attested-]</c> <c>{+claimed+}</c>), <c>misattributed</c> (<c>saidBy</c>), <c>fragment</c> (<c>fullText</c>)
/// or <c>not_found</c>; <c>speakerMatches</c> is null when no speaker was claimed or nothing tells.
/// </summary>
public sealed record VerifyResponse(string Method, string Verdict, bool? SpeakerMatches, string Explanation, string? Diff, string? FullText,
    string? SaidBy, IReadOnlyList<VerifyMatchItem> Matches);

/// <summary>An attested quote close to the claim: its wording, its cluster's speaker and first appearance, how widely printed.</summary>
public sealed record VerifyMatchItem(string Text, SpeakerLink? Speaker, DateOnly? FirstSeen, string Article, string? Publisher, string? Url,
    double Similarity, bool ContainsClaim, int Cluster, int Articles, int Publishers, string? FullText);

public sealed record RejectionItem(string Record, string Reason);

public sealed record IngestResponse(int Read, int Stored, int Skipped, int Rejected, int Quotes, IReadOnlyList<RejectionItem> Rejections);

/// <summary><c>searchCache</c>: searches answered from the response cache and searches that ran on the store, since start.</summary>
public sealed record HealthResponse(string Status, string Store, CacheCounts SearchCache);

public sealed record CacheCounts(long Hits, long Misses);

public sealed record ErrorResponse(int Status, string Title, string Detail);
