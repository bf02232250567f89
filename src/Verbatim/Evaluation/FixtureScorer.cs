namespace Verbatim.Evaluation;

/// <summary>Every fixture figure of ../shared/EVALUATION.md, summed over the gold files.</summary>
public sealed record FixtureScores(
    int Articles,
    int FailedArticles,
    int GoldQuotes,
    int PredictedQuotes,
    int Found,
    int FalseQuotes,
    int FalseOnNotQuotes,
    int NotQuotes,
    int NotQuotesUnlocated,
    int SpeakerRight,
    int KindRight,
    int UtteredCompared,
    int UtteredRight,
    int TwoPartGold,
    int TwoPartFoundAsOne)
{
    /// <summary>Quotes found / gold quotes.</summary>
    public double FoundShare => Ratio(Found, GoldQuotes);
    /// <summary>(Predictions − false quotes) / predictions.</summary>
    public double Precision => Ratio(PredictedQuotes - FalseQuotes, PredictedQuotes);
    public double F1 => FoundShare + Precision == 0 ? 0 : 2 * FoundShare * Precision / (FoundShare + Precision);
    /// <summary>Share of found quotes whose speaker name is right.</summary>
    public double SpeakerShare => Ratio(SpeakerRight, Found);
    public double KindShare => Ratio(KindRight, Found);
    /// <summary>Share of found quotes with a gold <c>uttered</c> whose predicted <c>uttered</c> is the same day.</summary>
    public double UtteredShare => Ratio(UtteredRight, UtteredCompared);
    public double TwoPartShare => Ratio(TwoPartFoundAsOne, TwoPartGold);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    public static FixtureScores operator +(FixtureScores a, FixtureScores b) => new(
        a.Articles + b.Articles, a.FailedArticles + b.FailedArticles, a.GoldQuotes + b.GoldQuotes,
        a.PredictedQuotes + b.PredictedQuotes, a.Found + b.Found, a.FalseQuotes + b.FalseQuotes,
        a.FalseOnNotQuotes + b.FalseOnNotQuotes, a.NotQuotes + b.NotQuotes, a.NotQuotesUnlocated + b.NotQuotesUnlocated,
        a.SpeakerRight + b.SpeakerRight, a.KindRight + b.KindRight, a.UtteredCompared + b.UtteredCompared,
        a.UtteredRight + b.UtteredRight, a.TwoPartGold + b.TwoPartGold, a.TwoPartFoundAsOne + b.TwoPartFoundAsOne);

    public static FixtureScores Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>One matched (gold quote, predicted quote) pair and how it agrees.</summary>
public sealed record FixturePair(int Gold, int Predicted, double Jaccard, bool SpeakerRight, bool KindRight, bool? UtteredRight, bool? TwoPartFoundAsOne);

/// <summary>The scoring of one fixture article.</summary>
public sealed record FixtureArticleResult(
    FixtureArticle Gold,
    ArticleExtraction Extraction,
    string? Failure,
    FixtureScores Scores,
    IReadOnlyList<FixturePair> Pairs,
    IReadOnlyList<string?> FalseReasons, // per prediction: null unless it is a false quote, else why

    IReadOnlyList<string> UnlocatedNotQuotes);

/// <summary>Runs an extractor over fixture articles and scores it as ../shared/EVALUATION.md says.</summary>
public static class FixtureScorer
{
    public static FixtureEvaluation Evaluate(
        IReadOnlyList<FixtureArticle> articles,
        Func<Article, ArticleExtraction> extractor,
        EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(extractor);
        var results = new FixtureArticleResult[articles.Count];
        Parallel.For(0, articles.Count, PolnearScorer.ParallelOptionsOf(options), i =>
        {
            var (extraction, failure) = Extraction.Run(extractor, articles[i].Article);
            results[i] = ScoreArticle(articles[i], extraction, failure);
        });
        var total = results.Aggregate(FixtureScores.Zero, (acc, r) => acc + r.Scores);
        return new FixtureEvaluation(total, results);
    }

    public static FixtureArticleResult ScoreArticle(FixtureArticle gold, ArticleExtraction extraction, string? failure = null)
    {
        var text = gold.Article.Text;
        var predicted = extraction.Quotes;
        var g = gold.Quotes.Select(q => SpanSet.Of(text, q.Content)).ToArray();
        var p = predicted.Select(q => SpanSet.Of(text, q.Content)).ToArray();

        var candidates = new List<MatchCandidate>();
        for (int i = 0; i < g.Length; i++)
            for (int j = 0; j < p.Length; j++)
            {
                double jac = g[i].Jaccard(p[j]);
                if (jac >= SpanMatching.OverlapThreshold)
                    candidates.Add(new MatchCandidate(i, j, jac, SpeakerRight(gold, gold.Quotes[i], predicted[j]) ? 1 : 0));
            }
        var pairs = OneToOneMatcher.Match(candidates).Select(m =>
        {
            var gq = gold.Quotes[m.Gold];
            var pq = predicted[m.Predicted];
            bool? uttered = gq.Uttered is null ? null : pq.Uttered == gq.Uttered;
            bool? twoPart = gq.Content.Count >= 2 ? FoundAsOne(text, gq, pq) : null;
            return new FixturePair(m.Gold, m.Predicted, m.Score, SpeakerRight(gold, gq, pq), gq.Kind == pq.Kind, uttered, twoPart);
        }).ToList();

        // notQuotes: each sentence located in the text (first occurrence); a prediction overlapping one is false.
        var notQuotes = new List<(string Sentence, SpanSet Set)>();
        var unlocated = new List<string>();
        foreach (var sentence in gold.NotQuotes)
        {
            int at = text.IndexOf(sentence, StringComparison.Ordinal);
            if (at < 0) unlocated.Add(sentence);
            else notQuotes.Add((sentence, SpanSet.Of(text, new TextSpan(at, at + sentence.Length))));
        }
        var matched = pairs.Select(x => x.Predicted).ToHashSet();
        var reasons = new string?[p.Length];
        int onNotQuotes = 0;
        for (int j = 0; j < p.Length; j++)
        {
            var hit = notQuotes.FirstOrDefault(n => SpanMatching.Overlaps(n.Set, p[j]));
            if (hit.Set is not null)
            {
                reasons[j] = $"overlaps a notQuotes sentence: \"{hit.Sentence}\"";
                onNotQuotes++;
            }
            else if (!matched.Contains(j))
                reasons[j] = "matches no gold quote";
        }

        var scores = new FixtureScores(
            Articles: 1,
            FailedArticles: failure is null ? 0 : 1,
            GoldQuotes: g.Length,
            PredictedQuotes: p.Length,
            Found: pairs.Count,
            FalseQuotes: reasons.Count(r => r is not null),
            FalseOnNotQuotes: onNotQuotes,
            NotQuotes: gold.NotQuotes.Count,
            NotQuotesUnlocated: unlocated.Count,
            SpeakerRight: pairs.Count(x => x.SpeakerRight),
            KindRight: pairs.Count(x => x.KindRight),
            UtteredCompared: pairs.Count(x => x.UtteredRight is not null),
            UtteredRight: pairs.Count(x => x.UtteredRight == true),
            TwoPartGold: gold.Quotes.Count(q => q.Content.Count >= 2),
            TwoPartFoundAsOne: pairs.Count(x => x.TwoPartFoundAsOne == true));
        return new FixtureArticleResult(gold, extraction, failure, scores, pairs, reasons, unlocated);
    }

    /// <summary>A gold quote of several parts is found as one quote when the matched prediction has as many parts
    /// and each overlaps (Jaccard ≥ 0.5) the gold part of the same rank (parts in text order).</summary>
    public static bool FoundAsOne(string text, GoldQuote gold, Quote predicted)
    {
        if (predicted.Content.Count != gold.Content.Count) return false;
        var gp = gold.Content.OrderBy(x => x.Start).ToArray();
        var pp = predicted.Content.OrderBy(x => x.Start).ToArray();
        for (int k = 0; k < gp.Length; k++)
            if (!SpanMatching.Overlaps(SpanSet.Of(text, gp[k]), SpanSet.Of(text, pp[k]))) return false;
        return true;
    }

    /// <summary>True when the predicted <c>speaker.name</c> is the gold speaker's name, or one of its aliases of
    /// two words or more (from the gold's <c>speakers</c>, else <c>otherPeople</c>), compared by <see cref="NormalizeName"/>.</summary>
    public static bool SpeakerRight(FixtureArticle gold, GoldQuote quote, Quote predicted)
    {
        if (quote.Speaker is null || predicted.Speaker is null) return false;
        var name = NormalizeName(predicted.Speaker.Name);
        return name.Length > 0 && AcceptedNames(gold, quote.Speaker).Contains(name);
    }

    /// <summary>The normalised names that count as right for a gold speaker name.</summary>
    public static HashSet<string> AcceptedNames(FixtureArticle gold, string speaker)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { NormalizeName(speaker) };
        var entry = gold.Speakers.FirstOrDefault(s => s.Name == speaker) ?? gold.OtherPeople.FirstOrDefault(s => s.Name == speaker);
        if (entry is not null)
            foreach (var alias in entry.Aliases)
            {
                var n = NormalizeName(alias);
                if (n.Split(' ').Length >= 2) names.Add(n);
            }
        return names;
    }

    /// <summary>Lower case, periods removed, a leading "the" dropped, white space collapsed.</summary>
    public static string NormalizeName(string name)
    {
        var words = name.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1 && words[0] == "the") words = words[1..];
        return string.Join(' ', words);
    }

    /// <summary>Cue and source are compared by text: lower case, without white space and the ignored punctuation.</summary>
    public static string NormalizeMention(string? text)
    {
        if (text is null) return "";
        var chars = text.Where(c => !SpanSet.IsIgnored(c)).Select(char.ToLowerInvariant).ToArray();
        return new string(chars);
    }
}
