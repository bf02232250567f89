using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Quotes;

namespace Verbatim.Tests.Learning;

/// <summary>The rules the learned stage applies to the reports its rankers drew (sentences written for them).</summary>
public sealed class ReportGuardTests
{
    private static readonly VerbatimPipeline Rules = new PipelineBuilder().UseRuleStages().Build();
    private static readonly VerbatimPipeline Tagged = new PipelineBuilder().UseRuleStages(PosTagger.Default).Build();

    /// <summary>The text with part of speech, and a learned report drawn by hand: its cue over the first
    /// <paramref name="cue"/>, its words over [<paramref name="start"/>, <paramref name="end"/>).</summary>
    private static (Document Doc, AttributionDraft Draft) HandDrawn(string text, string cue, int start, int end)
    {
        var doc = Tagged.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned };
        int c = text.IndexOf(cue, StringComparison.Ordinal);
        d.CueFirst = doc.TokenAtOrAfter(c);
        d.CueEnd = doc.TokenAtOrAfter(c + cue.Length - 1) + 1;
        d.Content.Add(new TextSpan(start, end));
        return (doc, d);
    }

    [Theory]
    [InlineData("\"She just made it up,\" Mayor Tom Hale said of the claim during a call.", "said of", "the claim", true)]
    [InlineData("Voters in the four states that cast votes were angry.", "states", "cast votes", true)]
    [InlineData("Mayor Tom Hale said the claim was false.", "said", "the claim was false", false)]
    [InlineData("Mayor Tom Hale was given a chance to reply.", "was given", "a chance to reply", false)]
    public void A_cue_that_says_nothing_here_drops_its_report(string text, string cue, string content, bool dropped)
    {
        int start = text.IndexOf(content, StringComparison.Ordinal);
        var (doc, d) = HandDrawn(text, cue, start, start + content.Length);
        Assert.Equal(dropped, LearnedContentStage.CueIsNoSaying(doc, d));
    }

    [Theory]
    [InlineData("\"We will win,\" Mayor Tom Hale said during a forum at the library.", "during a forum at the library", true)]
    [InlineData("\"We will win,\" Mayor Tom Hale said because the polls favor him.", "because the polls favor him", false)]
    public void The_words_after_a_quotations_cue_that_open_on_a_preposition_are_its_occasion(string text, string words, bool dropped)
    {
        var doc = Tagged.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        var quote = doc.Attributions.Single(a => a.Kind == QuoteKind.Direct);
        var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.IndirectCueFirst, CueFirst = quote.CueFirst, CueEnd = quote.CueEnd };
        int start = text.IndexOf(words, StringComparison.Ordinal);
        d.Content.Add(new TextSpan(start, start + words.Length));
        Assert.Equal(dropped, LearnedContentStage.OccasionOfAQuotation(doc, d, [quote.CueFirst]));
    }

    [Theory]
    [InlineData("Critics said the ruling, which struck down limits on clinics, shows the stakes of the election.", "the ruling",
        "the ruling, which struck down limits on clinics, shows the stakes of the election")]
    [InlineData("Critics said the ruling, and the mayor agreed, shows the stakes of the election.", "the ruling", "the ruling")]
    public void Reported_words_stopping_at_a_subject_go_on_through_an_aside_to_its_verb(string text, string words, string expected)
    {
        var doc = Tagged.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned };
        d.SourceFirst = 0;
        d.SourceEnd = 1;
        d.CueFirst = doc.TokenAtOrAfter(text.IndexOf("said", StringComparison.Ordinal));
        d.CueEnd = d.CueFirst + 1;
        int start = text.IndexOf(words, StringComparison.Ordinal);
        d.Content.Add(new TextSpan(start, start + words.Length));
        LearnedContentStage.ContentThroughAside(doc, d);
        Assert.Equal(expected, text[d.Content[0].Start..d.Content[0].End]);
    }

    [Fact]
    public void A_cue_inside_a_sources_own_reported_words_is_not_that_sources()
    {
        const string text = "Critics said the ruling shows the stakes, and that Haley said she was backing the plan.";
        var doc = Tagged.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        AttributionDraft Draft(string cue, string words)
        {
            var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned, SourceFirst = 0, SourceEnd = 1 };
            int c = text.IndexOf(cue, StringComparison.Ordinal);
            d.CueFirst = doc.TokenAtOrAfter(c);
            d.CueEnd = d.CueFirst + 1;
            int start = text.IndexOf(words, StringComparison.Ordinal);
            d.Content.Add(new TextSpan(start, start + words.Length));
            return d;
        }
        var outer = Draft("said", "the ruling shows the stakes, and that Haley said she was backing the plan");
        var shows = Draft("shows", "the stakes");
        var haley = Draft("said she", "she was backing the plan");
        doc.Attributions.Clear();
        doc.Attributions.AddRange([outer, shows, haley]);
        Assert.False(LearnedContentStage.CueInsideOwnWords(doc, outer));
        // "the ruling shows": the subject right before it speaks there
        Assert.False(LearnedContentStage.CueInsideOwnWords(doc, shows));
        Assert.Equal("the ruling", text[doc.Tokens[shows.SourceFirst].Start..doc.Tokens[shows.SourceEnd - 1].End]);
        Assert.False(LearnedContentStage.CueInsideOwnWords(doc, haley));
        Assert.Equal("Haley", doc.TokenText(haley.SourceFirst).ToString());
    }

    [Theory]
    [InlineData("Mayor Tom Hale rejected the notion that the bridge was unsafe.", "rejected the notion", "the notion that the bridge was unsafe", "rejected")]
    [InlineData("Mayor Tom Hale repeated his false claim that the bridge was unsafe.", "repeated his false claim", "his false claim that the bridge was unsafe", "repeated")]
    [InlineData("Mayor Tom Hale made the suggestion that the bridge was unsafe.", "made the suggestion", "the bridge was unsafe", "made the suggestion")]
    public void A_noun_naming_what_is_said_opens_the_reported_words(string text, string cue, string expected, string expectedCue)
    {
        var (doc, d) = HandDrawn(text, cue, text.IndexOf("the bridge", StringComparison.Ordinal), text.Length - 1);
        LearnedContentStage.ContentNounOutOfCue(doc, d);
        Assert.Equal(expected, text[d.Content[0].Start..d.Content[0].End]);
        Assert.Equal(expectedCue, text[doc.Tokens[d.CueFirst].Start..doc.Tokens[d.CueEnd - 1].End]);
    }

    [Theory]
    [InlineData("the town would recover", true)]   // the same words by the same cue: one report
    [InlineData("the town", false)]                // a part of them (Jaccard under 0.9): both stay
    public void A_report_repeated_by_the_same_cue_is_dropped(string second, bool dropped)
    {
        const string text = "Mayor Ann Hale said the town would recover.";
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        var first = Assert.Single(doc.Attributions);
        var copy = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned, CueFirst = first.CueFirst, CueEnd = first.CueEnd };
        int start = text.IndexOf(second, StringComparison.Ordinal);
        copy.Content.Add(new TextSpan(start, start + second.Length));
        doc.Attributions.Add(copy);
        LearnedContentStage.DropRepeatedReports(doc);
        Assert.Equal(dropped ? 1 : 2, doc.Attributions.Count);
        Assert.Same(first, doc.Attributions[0]);
    }

    [Theory]
    [InlineData("Senator Ann Lowe insisted that the bill was \"dead on arrival,\" claiming that the votes were not there.",
        "the bill was \"dead on arrival,\"", "the votes were not there")]
    [InlineData("Senator Ann Lowe said the bill was \"dead on arrival,\" Republicans on the committee agreed.", "the bill was \"dead on arrival,\"", null)]
    [InlineData("Governor Ruth Ames said the deal was \"a good start,\" and that more talks would follow.",
        "the deal was \"a good start,\" and that more talks would follow", null)]
    public void A_report_ends_at_a_quotation_closing_on_a_comma_before_a_new_clause(string text, string content, string? second)
    {
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        int start = text.IndexOf(content[..6], StringComparison.Ordinal);
        // the report whose cue comes before the words, as the rankers may draw it: to the sentence's end
        var d = doc.Attributions.First(a => a.Kind != QuoteKind.Direct && a.CueFirst >= 0 && a.CueEnd <= doc.TokenAtOrAfter(start));
        d.Content.Clear();
        d.Content.Add(new TextSpan(start, text.Length - 1));
        var rest = LearnedContentStage.ContentEndsAtQuotedComma(doc, d);
        Assert.Equal(content, text[d.Content[0].Start..d.Content[0].End]);
        Assert.Equal(second, rest is null ? null : text[rest.Content[0].Start..rest.Content[0].End]);
        if (rest is not null) Assert.Equal((d.SourceFirst, d.SourceEnd), (rest.SourceFirst, rest.SourceEnd));
    }
}
