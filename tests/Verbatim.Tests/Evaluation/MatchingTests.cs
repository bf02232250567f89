using Verbatim.Evaluation;

namespace Verbatim.Tests.Evaluation;

public sealed class MatchingTests
{
    [Fact]
    public void Greedy_takes_the_highest_jaccard_first_even_when_that_leaves_fewer_pairs()
    {
        // G0–P0 0.9 is taken first; it blocks G1–P0 (0.6) and G0–P1 (0.55), so one pair, not the two a
        // maximum matching would find. The candidates come in an order that differs from the greedy one.
        var pairs = OneToOneMatcher.Match([
            new MatchCandidate(1, 0, 0.6),
            new MatchCandidate(0, 1, 0.55),
            new MatchCandidate(0, 0, 0.9),
        ]);
        Assert.Equal([new MatchPair(0, 0, 0.9)], pairs);
    }

    [Fact]
    public void Greedy_order_decides_who_gets_a_shared_prediction()
    {
        // Text: two gold contents and one prediction between them; the better-overlapping gold wins it.
        const string text = "aaaa bbbb cccc dddd";
        var gold = new[] { SpanSet.Of(text, new TextSpan(0, 9)), SpanSet.Of(text, new TextSpan(5, 19)) };
        var predicted = new[] { SpanSet.Of(text, new TextSpan(5, 14)), SpanSet.Of(text, new TextSpan(0, 4)) };
        // J(G0,P0) = 4/12, J(G1,P0) = 8/12, J(G0,P1) = 4/8, J(G1,P1) = 0
        var pairs = OneToOneMatcher.Match(gold, predicted, SpanMatchMode.Overlap);
        Assert.Equal(2, pairs.Count);
        Assert.Contains(new MatchPair(1, 0, 8.0 / 12), pairs);
        Assert.Contains(new MatchPair(0, 1, 0.5), pairs);
        Assert.Empty(OneToOneMatcher.Match(gold, predicted, SpanMatchMode.Exact));
    }

    [Fact]
    public void Identical_predictions_match_one_gold_each()
    {
        const string text = "same words here";
        var s = SpanSet.Of(text, new TextSpan(0, 15));
        var pairs = OneToOneMatcher.Match([s], [s, s], SpanMatchMode.Exact);
        Assert.Equal([new MatchPair(0, 0, 1.0)], pairs);
    }

    [Fact]
    public void Ties_go_by_tie_break_then_gold_then_prediction_index()
    {
        var pairs = OneToOneMatcher.Match([
            new MatchCandidate(0, 0, 1.0, 0),
            new MatchCandidate(0, 1, 1.0, 1),
            new MatchCandidate(1, 0, 1.0, 0),
        ]);
        Assert.Equal([new MatchPair(0, 1, 1.0), new MatchPair(1, 0, 1.0)], pairs);
    }

    [Theory]
    [InlineData(3, 4, 5, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35)]
    [InlineData(0, 4, 5, 0.0, 0.0, 0.0)]
    [InlineData(0, 0, 0, 0.0, 0.0, 0.0)]
    [InlineData(2, 2, 2, 1.0, 1.0, 1.0)]
    public void Prf_is_micro(int matched, int predicted, int gold, double p, double r, double f1)
    {
        var prf = new Prf(matched, gold, predicted);
        Assert.Equal(p, prf.Precision, 10);
        Assert.Equal(r, prf.Recall, 10);
        Assert.Equal(f1, prf.F1, 10);
        Assert.Equal(new Prf(2 * matched, 2 * gold, 2 * predicted), prf + prf);
    }

    [Fact]
    public void Calibration_error_over_ten_equal_bins()
    {
        // bin 3: 0.3, 0.3 wrong → |0 − 0.3|; bin 9: 0.9 and 1.0 right → |1 − 0.95|; bin 5: 0.5 right → |1 − 0.5|
        var report = CalibrationReport.Compute([(0.3, false), (0.3, false), (0.9, true), (1.0, true), (0.5, true)]);
        Assert.Equal((2 * 0.3 + 2 * 0.05 + 0.5) / 5, report.Ece, 10);
        Assert.Equal(10, report.Bins.Count);
        Assert.Equal(2, report.Bins[3].Count);
        Assert.Equal(2, report.Bins[9].Count);
        Assert.Equal(0.95, report.Bins[9].MeanConfidence, 10);
        Assert.Equal(0, CalibrationReport.Compute([]).Ece);
        Assert.Equal(0, CalibrationReport.Compute([(1.0, true), (0.0, false)]).Ece);
    }

    [Theory]
    [InlineData("\"We will win,\"", true)]
    [InlineData("“We will win”", true)]
    [InlineData("the UK’s policy ‘will not change’", true)]
    [InlineData("«non»", true)]
    [InlineData("Trump Was 'Mocking' Clinton Camp", true)]
    [InlineData("''This isn't tax reform,''", true)]
    [InlineData("it is ‘fine.’", true)]
    [InlineData("Clinton’s team didn’t say", false)]
    [InlineData("the voters’ views and the States' role", false)]
    [InlineData("since the ’90s", false)]
    [InlineData("taxes will rise", false)]
    public void Quotation_marks(string content, bool holds) =>
        Assert.Equal(holds, QuotationMarks.HoldsQuotationMark(content));
}
