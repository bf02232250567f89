namespace Verbatim.Evaluation;

/// <summary>A candidate (gold, predicted) pair: <see cref="Score"/> is the Jaccard index that orders the greedy
/// matching; <see cref="TieBreak"/> orders pairs of equal score (higher first), then gold and predicted index.</summary>
public readonly record struct MatchCandidate(int Gold, int Predicted, double Score, double TieBreak = 0);

/// <summary>One matched pair.</summary>
public readonly record struct MatchPair(int Gold, int Predicted, double Score);

/// <summary>
/// One-to-one matching within one article: pairs are taken greedily by score, highest first; a pair is taken
/// when neither side is matched yet. Ties: higher <see cref="MatchCandidate.TieBreak"/>, then lower gold index,
/// then lower predicted index, so the result is deterministic.
/// </summary>
public static class OneToOneMatcher
{
    public static IReadOnlyList<MatchPair> Match(IEnumerable<MatchCandidate> candidates)
    {
        var list = candidates.ToList();
        if (list.Count == 0) return [];
        list.Sort(static (a, b) =>
        {
            int c = b.Score.CompareTo(a.Score);
            if (c != 0) return c;
            c = b.TieBreak.CompareTo(a.TieBreak);
            if (c != 0) return c;
            c = a.Gold.CompareTo(b.Gold);
            return c != 0 ? c : a.Predicted.CompareTo(b.Predicted);
        });
        var goldTaken = new HashSet<int>();
        var predTaken = new HashSet<int>();
        var pairs = new List<MatchPair>();
        foreach (var c in list)
        {
            if (goldTaken.Contains(c.Gold) || predTaken.Contains(c.Predicted)) continue;
            goldTaken.Add(c.Gold);
            predTaken.Add(c.Predicted);
            pairs.Add(new MatchPair(c.Gold, c.Predicted, c.Score));
        }
        return pairs;
    }

    /// <summary>Matches two lists of span sets under <paramref name="mode"/>: candidates are the pairs that
    /// match (equal sets, or Jaccard ≥ 0.5), ordered by Jaccard.</summary>
    public static IReadOnlyList<MatchPair> Match(IReadOnlyList<SpanSet> gold, IReadOnlyList<SpanSet> predicted, SpanMatchMode mode)
    {
        var candidates = new List<MatchCandidate>();
        for (int g = 0; g < gold.Count; g++)
            for (int p = 0; p < predicted.Count; p++)
            {
                if (!SpanMatching.Matches(gold[g], predicted[p], mode)) continue;
                candidates.Add(new MatchCandidate(g, p, mode == SpanMatchMode.Exact ? 1.0 : gold[g].Jaccard(predicted[p])));
            }
        return Match(candidates);
    }
}

/// <summary>Micro-averaged counts: matched pairs, gold items, predicted items.</summary>
public readonly record struct Prf(int Matched, int Gold, int Predicted)
{
    /// <summary>Matched predictions / predictions; 0 when there are no predictions.</summary>
    public double Precision => Predicted == 0 ? 0 : (double)Matched / Predicted;
    /// <summary>Matched gold / gold; 0 when there is no gold.</summary>
    public double Recall => Gold == 0 ? 0 : (double)Matched / Gold;
    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Prf operator +(Prf a, Prf b) => new(a.Matched + b.Matched, a.Gold + b.Gold, a.Predicted + b.Predicted);
}
