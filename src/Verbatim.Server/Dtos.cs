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

public sealed record MatchItem(QuoteHit Quote, double Similarity, double Coverage, bool? SameSpeaker)
{
    public static MatchItem From(QuoteMatch m) => new(QuoteHit.From(m.Quote with { Snippet = null, Score = null }), m.Similarity, m.Coverage, m.SameSpeaker);
}

public sealed record ProvenanceItem(string Method, DateOnly? FirstSeen, string? FirstQuote, IReadOnlyList<Outlet> Outlets, IReadOnlyList<MatchItem> Variants);

public sealed record ArticleRef(string Id, DateOnly? Date, string? Title, string? Publisher, string? Url);

public sealed record QuoteDetail(QuoteHit Quote, ArticleRef Article, IReadOnlyList<Span> Content, string? Passage, int PassageStart,
    ProvenanceItem Provenance, object? Cluster);

public sealed record ArticleQuote(string Id, string Kind, IReadOnlyList<Span> Content, string Text, SpanWithText? Cue, SpanWithText? Source,
    SpeakerLink? Speaker, SpanWithText? Addressee, DateOnly? Uttered, double Confidence);

public sealed record ArticleSpeaker(string Id, string Name, string Type, string? Title, IReadOnlyList<SpanWithText> Mentions);

public sealed record ArticleDetail(string Id, DateOnly? Date, string? Title, string? Url, string? Publisher, string Text, int BodyStart,
    IReadOnlyList<ArticleQuote> Quotes, IReadOnlyList<ArticleSpeaker> Speakers);

public sealed record VerifyRequest(string? Text, string? Speaker);

public sealed record VerifyResponse(string Method, string Verdict, bool? SpeakerMatches, string Explanation, IReadOnlyList<MatchItem> Matches);

public sealed record RejectionItem(string Record, string Reason);

public sealed record IngestResponse(int Read, int Stored, int Skipped, int Rejected, int Quotes, IReadOnlyList<RejectionItem> Rejections);

public sealed record HealthResponse(string Status, string Store);

public sealed record ErrorResponse(int Status, string Title, string Detail);
