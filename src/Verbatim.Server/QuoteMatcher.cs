using Verbatim.Storage;

namespace Verbatim.Server;

/// <summary>
/// Verification and provenance for the API and the pages. The interim implementation, <see cref="SimilarityQuoteMatcher"/>,
/// finds candidates with the store's full-text search and scores them by word overlap; when the library gains its own
/// verifier and quote clusters, an implementation that calls them replaces it in <see cref="VerbatimServer"/> (one line).
/// </summary>
public interface IQuoteMatcher
{
    /// <summary>Names the method in responses, so clients know which answers they got.</summary>
    string Method { get; }

    VerifyOutcome Verify(IQuoteStore store, string text, string? speaker);

    Provenance Provenance(IQuoteStore store, StoredQuote quote);
}

public sealed record QuoteMatch(StoredQuote Quote, double Similarity, double Coverage, bool? SameSpeaker);

/// <summary>
/// <c>exact</c>: the same words; <c>excerpt</c>: the words appear, in order, inside a longer stored quote;
/// <c>close</c>: nearly the same words; <c>related</c>: a paraphrase or a partial match; <c>not-found</c>.
/// </summary>
public sealed record VerifyOutcome(string Verdict, bool? SpeakerMatches, string Explanation, IReadOnlyList<QuoteMatch> Matches);

public sealed record Provenance(DateOnly? FirstSeen, string? FirstQuoteId, IReadOnlyList<Outlet> Outlets, IReadOnlyList<QuoteMatch> Variants);

public sealed record Outlet(string Publisher, int Quotes, DateOnly? First);

public sealed class SimilarityQuoteMatcher : IQuoteMatcher
{
    public string Method => "interim: full-text candidates scored by word overlap";

    private const double ExactAt = 0.97, CloseAt = 0.75, RelatedAt = 0.45;

    public VerifyOutcome Verify(IQuoteStore store, string text, string? speaker)
    {
        var words = Text.Words(text);
        if (words.Count == 0) return new VerifyOutcome("not-found", null, "The text has no words to look for.", []);
        var matches = Candidates(store, words)
            .Select(q => Score(words, q, speaker))
            .Where(m => m.Coverage >= RelatedAt || m.Similarity >= RelatedAt)
            .OrderByDescending(m => Math.Round(m.Coverage, 2)).ThenByDescending(m => m.SameSpeaker == true).ThenByDescending(m => m.Similarity)
            .ThenBy(m => m.Quote.Date ?? DateOnly.MaxValue)
            .Take(10)
            .ToList();
        if (matches.Count == 0)
            return new VerifyOutcome("not-found", null, "No stored quote has these words.", []);
        var best = matches[0];
        var verdict = best.Coverage >= ExactAt ? (best.Similarity >= ExactAt ? "exact" : "excerpt")
            : best.Coverage >= CloseAt ? "close" : "related";
        var who = best.Quote.SpeakerName ?? "an unidentified speaker";
        var where = $"{best.Quote.Publisher ?? "an article"}{(best.Quote.Date is { } d ? $", {d:yyyy-MM-dd}" : "")}";
        var explanation = verdict switch
        {
            "exact" => $"These words were quoted, attributed to {who} ({where}).",
            "excerpt" => $"These words are part of a longer quote attributed to {who} ({where}).",
            "close" => $"A stored quote of {who} is close, with some words different ({where}).",
            _ => $"Only related quotes were found; the closest is from {who} ({where}).",
        };
        if (best.SameSpeaker == false)
            explanation += $" It is not attributed to {speaker}.";
        return new VerifyOutcome(verdict, best.SameSpeaker, explanation, matches);
    }

    public Provenance Provenance(IQuoteStore store, StoredQuote quote)
    {
        var words = Text.Words(quote.Text);
        var variants = Candidates(store, words)
            .Where(q => q.QuoteId != quote.QuoteId)
            .Select(q => Score(words, q, null))
            .Where(m => m.Similarity >= 0.5 || m.Coverage >= CloseAt || Reverse(words, m.Quote) >= CloseAt)
            .OrderBy(m => m.Quote.Date ?? DateOnly.MaxValue).ThenByDescending(m => m.Similarity)
            .Take(20)
            .ToList();
        var all = variants.Select(v => v.Quote).Append(quote).ToList();
        var first = all.Where(q => q.Date is not null).OrderBy(q => q.Date).FirstOrDefault();
        var outlets = all.GroupBy(q => q.Publisher ?? "(unknown)")
            .Select(g => new Outlet(g.Key, g.Count(), g.Min(q => q.Date)))
            .OrderBy(o => o.First ?? DateOnly.MaxValue).ThenBy(o => o.Publisher, StringComparer.Ordinal)
            .ToList();
        return new Provenance(first?.Date, first?.QuoteId, outlets, variants);
    }

    private static double Reverse(IReadOnlyList<string> words, StoredQuote other)
    {
        var theirs = Text.Words(other.Text);
        return theirs.Count == 0 ? 0 : (double)Text.Lcs(words, theirs) / theirs.Count;
    }

    /// <summary>Stored quotes sharing words with the text: all its words at once, then runs of three significant words.</summary>
    private static List<StoredQuote> Candidates(IQuoteStore store, IReadOnlyList<string> words)
    {
        var found = new Dictionary<string, StoredQuote>(StringComparer.Ordinal);
        void Add(string w, int limit)
        {
            foreach (var q in store.Search(new SearchQuery { Words = w, Limit = limit })) found.TryAdd(q.QuoteId, q);
        }
        Add(string.Join(' ', words.Take(40)), 20);
        var significant = words.Where(w => w.Length >= 4 && !Text.IsStopWord(w)).ToList();
        const int run = 3, maxRuns = 6;
        var starts = Math.Max(1, significant.Count - run + 1);
        var step = Math.Max(1, (int)Math.Ceiling(starts / (double)maxRuns));
        for (var i = 0; i < starts; i += step)
            Add(string.Join(' ', significant.Skip(i).Take(run)), 10);
        return found.Values.ToList();
    }

    private static QuoteMatch Score(IReadOnlyList<string> words, StoredQuote q, string? speaker)
    {
        var theirs = Text.Words(q.Text);
        var lcs = Text.Lcs(words, theirs);
        var similarity = words.Count + theirs.Count == 0 ? 0 : 2.0 * lcs / (words.Count + theirs.Count);
        var coverage = words.Count == 0 ? 0 : (double)lcs / words.Count;
        return new QuoteMatch(q, Math.Round(similarity, 3), Math.Round(coverage, 3), speaker is null ? null : SameSpeaker(q, speaker));
    }

    /// <summary>The claimed speaker is the quote's when the ids match or every word of the claim is in the quote's speaker name.</summary>
    internal static bool SameSpeaker(StoredQuote q, string speaker)
    {
        if (q.SpeakerId is null) return false;
        if (string.Equals(q.SpeakerId, SlugSpeakerIdentity.Slug(speaker), StringComparison.Ordinal)) return true;
        var name = Text.Words(q.SpeakerName ?? "");
        var claim = Text.Words(speaker);
        return claim.Count > 0 && claim.All(name.Contains);
    }
}
