namespace Verbatim.Evaluation;

/// <summary>Role-span scores of one role under both match criteria.</summary>
public sealed record RoleScores(Prf Exact, Prf Overlap)
{
    public static RoleScores operator +(RoleScores a, RoleScores b) => new(a.Exact + b.Exact, a.Overlap + b.Overlap);
    public static RoleScores Zero { get; } = new(default, default);
}

/// <summary>Figure 3: gold attributions whose content holds a quotation mark, how many were found (content
/// overlap, one-to-one against every predicted quote), and how many of those found have the right source.</summary>
public readonly record struct DirectQuoteScores(int Gold, int Found, int SourceRight)
{
    public double Recall => Gold == 0 ? 0 : (double)Found / Gold;
    public double SourceRightShare => Found == 0 ? 0 : (double)SourceRight / Found;
    public static DirectQuoteScores operator +(DirectQuoteScores a, DirectQuoteScores b) =>
        new(a.Gold + b.Gold, a.Found + b.Found, a.SourceRight + b.SourceRight);
}

/// <summary>Every PolNeAR figure of ../shared/EVALUATION.md, micro-averaged over the split.</summary>
public sealed record PolnearScores(
    int Articles,
    int FailedArticles,
    int GoldAttributions,
    int SkippedGoldAttributions,
    int PredictedQuotes,
    RoleScores Source,
    RoleScores Cue,
    RoleScores Content,
    Prf Attributions,
    DirectQuoteScores Direct,
    CalibrationReport Calibration)
{
    /// <summary>Contents as the extractor gives them, without the complementizer PolNeAR draws inside them (see
    /// <see cref="PolnearScorer.ContentAsPolnearDraws"/>): reported beside <see cref="Content"/>, for comparison.</summary>
    public RoleScores ContentAsExtracted { get; init; } = RoleScores.Zero;
}

/// <summary>The scoring of one article, with what the diagnostics need.</summary>
public sealed class PolnearArticleResult
{
    internal PolnearArticleResult(PolnearArticle gold, ArticleExtraction extraction, string? failure)
    {
        Gold = gold;
        Extraction = extraction;
        Failure = failure;
    }

    public PolnearArticle Gold { get; }
    public ArticleExtraction Extraction { get; }
    /// <summary>The extractor's exception message when it failed on this article (scored as no quotes).</summary>
    public string? Failure { get; }

    public RoleScores Source { get; internal set; } = RoleScores.Zero;
    public RoleScores Cue { get; internal set; } = RoleScores.Zero;
    public RoleScores Content { get; internal set; } = RoleScores.Zero;
    public RoleScores ContentAsExtracted { get; internal set; } = RoleScores.Zero;
    public Prf Attributions { get; internal set; }
    public DirectQuoteScores Direct { get; internal set; }

    /// <summary>Figure 2 pairs: (gold attribution index, predicted quote index).</summary>
    public IReadOnlyList<MatchPair> AttributionPairs { get; internal set; } = [];
    /// <summary>Pairs matched by content alone (overlap, one-to-one; ties prefer the right source): used to say,
    /// for a missed or false attribution, whether only its source was wrong.</summary>
    public IReadOnlyList<MatchPair> ContentPairs { get; internal set; } = [];
    /// <summary>Figure 3 pairs: (gold attribution holding a quotation mark, predicted quote).</summary>
    public IReadOnlyList<MatchPair> DirectPairs { get; internal set; } = [];
    /// <summary>For each predicted quote, whether it is right as in figure 2.</summary>
    public IReadOnlyList<bool> PredictionRight { get; internal set; } = [];
}

/// <summary>Runs an extractor over PolNeAR articles and scores it as ../shared/EVALUATION.md says.</summary>
public static class PolnearScorer
{
    public static PolnearEvaluation Evaluate(
        IReadOnlyList<PolnearArticle> articles,
        Func<Article, ArticleExtraction> extractor,
        EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(extractor);
        var results = new PolnearArticleResult[articles.Count];
        Parallel.For(0, articles.Count, ParallelOptionsOf(options), i =>
        {
            var (extraction, failure) = Extraction.Run(extractor, articles[i].Article);
            results[i] = ScoreArticle(articles[i], extraction, failure);
        });
        return new PolnearEvaluation(Aggregate(results), results);
    }

    internal static ParallelOptions ParallelOptionsOf(EvaluationOptions? options) => new()
    {
        MaxDegreeOfParallelism = Math.Max(1, options?.MaxDegreeOfParallelism ?? Environment.ProcessorCount),
    };

    public static PolnearScores Aggregate(IReadOnlyList<PolnearArticleResult> results)
    {
        RoleScores source = RoleScores.Zero, cue = RoleScores.Zero, content = RoleScores.Zero, asExtracted = RoleScores.Zero;
        Prf attributions = default;
        DirectQuoteScores direct = default;
        int gold = 0, skipped = 0, predicted = 0, failed = 0;
        var calibration = new List<(double, bool)>();
        foreach (var r in results)
        {
            source += r.Source;
            cue += r.Cue;
            content += r.Content;
            asExtracted += r.ContentAsExtracted;
            attributions += r.Attributions;
            direct += r.Direct;
            gold += r.Gold.Attributions.Count;
            skipped += r.Gold.SkippedAttributions;
            predicted += r.Extraction.Quotes.Count;
            if (r.Failure is not null) failed++;
            for (int p = 0; p < r.Extraction.Quotes.Count; p++)
                calibration.Add((r.Extraction.Quotes[p].Confidence, r.PredictionRight[p]));
        }
        return new PolnearScores(results.Count, failed, gold, skipped, predicted, source, cue, content,
            attributions, direct, CalibrationReport.Compute(calibration)) { ContentAsExtracted = asExtracted };
    }

    /// <summary>
    /// A quote's content as PolNeAR's annotators draw it: with its complementizer (said [that ...], [which] he said ...),
    /// which the extractor reports apart (<see cref="Quote.Complementizer"/>), as the content's first part. Everything the scorer
    /// compares with a gold content uses this.
    /// </summary>
    public static IReadOnlyList<TextSpan> ContentAsPolnearDraws(Quote q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Complementizer is not { } c || q.Content.Count == 0) return q.Content;
        var parts = q.Content.ToArray();
        var first = 0;
        for (var i = 1; i < parts.Length; i++) if (parts[i].Start < parts[first].Start) first = i;
        if (c.Span.End > parts[first].Start) return q.Content;
        // Right before the words (said [that] X) it opens the first part; with an attribution or an aside between
        // ([which] he said X, [that], in his view, X) it is a part of its own, as the annotators draw it. (Spans are
        // scored as sets of characters less white space and punctuation: "that, X" is one part or two alike.)
        if (parts[first].Start - c.Span.End > 3) return [c.Span, .. parts];
        parts[first] = new TextSpan(c.Span.Start, parts[first].End);
        return parts;
    }

    /// <summary>Scores one article's extraction against its gold.</summary>
    public static PolnearArticleResult ScoreArticle(PolnearArticle gold, ArticleExtraction extraction, string? failure = null)
    {
        var text = gold.Article.Text;
        var g = gold.Attributions.Select(a => new Sets(
            SpanSet.Of(text, a.Content),
            a.Source is null ? null : SpanSet.Of(text, a.Source),
            a.Cue is null ? null : SpanSet.Of(text, a.Cue))).ToArray();
        var p = extraction.Quotes.Select(q => new Sets(
            SpanSet.Of(text, ContentAsPolnearDraws(q)),
            q.Source is null ? null : SpanSet.Of(text, q.Source.Span),
            q.Cue is null ? null : SpanSet.Of(text, q.Cue.Span))).ToArray();

        var result = new PolnearArticleResult(gold, extraction, failure)
        {
            // 1. Role spans.
            Source = ScoreRole(g.Select(s => s.Source), p.Select(s => s.Source)),
            Cue = ScoreRole(g.Select(s => s.Cue), p.Select(s => s.Cue)),
            Content = ScoreRole(g.Select(s => (SpanSet?)s.Content), p.Select(s => (SpanSet?)s.Content)),
            ContentAsExtracted = ScoreRole(g.Select(s => (SpanSet?)s.Content), extraction.Quotes.Select(q => (SpanSet?)SpanSet.Of(text, q.Content))),
        };

        // 2. Attributions end to end.
        var contentJ = new double[g.Length, p.Length];
        var candidates = new List<MatchCandidate>();
        var contentCandidates = new List<MatchCandidate>();
        for (int i = 0; i < g.Length; i++)
            for (int j = 0; j < p.Length; j++)
            {
                double cj = contentJ[i, j] = g[i].Content.Jaccard(p[j].Content);
                if (cj < SpanMatching.OverlapThreshold) continue;
                bool sourceRight = SpanMatching.OptionalOverlaps(g[i].Source, p[j].Source);
                double sj = SourceJaccard(g[i].Source, p[j].Source);
                contentCandidates.Add(new MatchCandidate(i, j, cj, (sourceRight ? 2 : 0) + sj));
                if (sourceRight) candidates.Add(new MatchCandidate(i, j, cj, sj));
            }
        var pairs = OneToOneMatcher.Match(candidates);
        result.AttributionPairs = pairs;
        result.ContentPairs = OneToOneMatcher.Match(contentCandidates);
        result.Attributions = new Prf(pairs.Count, g.Length, p.Length);
        var right = new bool[p.Length];
        foreach (var pair in pairs) right[pair.Predicted] = true;
        result.PredictionRight = right;

        // 3. Direct quotes: gold whose content holds a quotation mark, against every predicted quote.
        var directCandidates = new List<MatchCandidate>();
        int directGold = 0;
        for (int i = 0; i < g.Length; i++)
        {
            if (!IsDirect(text, gold.Attributions[i])) continue;
            directGold++;
            for (int j = 0; j < p.Length; j++)
            {
                if (contentJ[i, j] < SpanMatching.OverlapThreshold) continue;
                bool sourceRight = SpanMatching.OptionalOverlaps(g[i].Source, p[j].Source);
                directCandidates.Add(new MatchCandidate(i, j, contentJ[i, j], (sourceRight ? 2 : 0) + SourceJaccard(g[i].Source, p[j].Source)));
            }
        }
        var directPairs = OneToOneMatcher.Match(directCandidates);
        result.DirectPairs = directPairs;
        int directSourceRight = directPairs.Count(pr => SpanMatching.OptionalOverlaps(g[pr.Gold].Source, p[pr.Predicted].Source));
        result.Direct = new DirectQuoteScores(directGold, directPairs.Count, directSourceRight);
        return result;
    }

    /// <summary>True when the gold attribution's content text holds a quotation mark (see <see cref="QuotationMarks"/>).</summary>
    public static bool IsDirect(string text, GoldAttribution attribution)
    {
        foreach (var part in attribution.Content)
        {
            int s = Math.Clamp(part.Start, 0, text.Length), e = Math.Clamp(part.End, s, text.Length);
            if (QuotationMarks.HoldsQuotationMark(text.AsSpan(s, e - s))) return true;
        }
        return false;
    }

    private static double SourceJaccard(SpanSet? gold, SpanSet? predicted) =>
        gold is null && predicted is null ? 1 : gold is null || predicted is null ? 0 : gold.Jaccard(predicted);

    /// <summary>All distinct non-empty gold spans of a role against all distinct non-empty predicted spans of it
    /// (a mention shared by several attributions or quotes counts once).</summary>
    private static RoleScores ScoreRole(IEnumerable<SpanSet?> gold, IEnumerable<SpanSet?> predicted)
    {
        var g = Distinct(gold);
        var p = Distinct(predicted);
        var exact = OneToOneMatcher.Match(g, p, SpanMatchMode.Exact).Count;
        var overlap = OneToOneMatcher.Match(g, p, SpanMatchMode.Overlap).Count;
        return new RoleScores(new Prf(exact, g.Count, p.Count), new Prf(overlap, g.Count, p.Count));
    }

    private static List<SpanSet> Distinct(IEnumerable<SpanSet?> sets)
    {
        var seen = new HashSet<SpanSet>();
        var list = new List<SpanSet>();
        foreach (var s in sets)
            if (s is { IsEmpty: false } && seen.Add(s)) list.Add(s);
        return list;
    }

    private sealed record Sets(SpanSet Content, SpanSet? Source, SpanSet? Cue);
}

/// <summary>Options of an evaluation run.</summary>
public sealed record EvaluationOptions
{
    /// <summary>How many articles to extract at once; default: one per core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

internal static class Extraction
{
    /// <summary>Runs the extractor; an exception is kept as the article's failure and scored as no quotes.</summary>
    public static (ArticleExtraction Extraction, string? Failure) Run(Func<Article, ArticleExtraction> extractor, Article article)
    {
        try
        {
            return (extractor(article), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (new ArticleExtraction(article, [], []), $"{e.GetType().Name}: {e.Message}");
        }
    }
}
