using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Quotes;

namespace Verbatim.Tests.Learning;

/// <summary>The rule guards the learned stage applies to the sources its rankers drew (sentences written for them).</summary>
public sealed class SourceGuardTests
{
    private static readonly VerbatimPipeline Rules = new PipelineBuilder().UseRuleStages().Build();
    private static readonly VerbatimPipeline Tagged = new PipelineBuilder().UseRuleStages(PosTagger.Default).Build();

    /// <summary>The text's only attribution, its source redrawn over <paramref name="source"/>.</summary>
    private static (Document Doc, AttributionDraft Draft) Draft(string text, string source) =>
        Drawn(text, source, doc => Assert.Single(doc.Attributions));

    /// <summary>The text's first attribution, its source redrawn over <paramref name="source"/>.</summary>
    private static (Document Doc, AttributionDraft Draft) FirstDraft(string text, string source) =>
        Drawn(text, source, doc => doc.Attributions[0]);

    private static (Document Doc, AttributionDraft Draft) Drawn(string text, string source, Func<Document, AttributionDraft> pick)
    {
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        var d = pick(doc);
        int start = text.IndexOf(source, StringComparison.Ordinal);
        d.SourceFirst = doc.TokenAtOrAfter(start);
        d.SourceEnd = doc.TokenAtOrAfter(start + source.Length - 1) + 1;
        return (doc, d);
    }

    private static string SourceText(Document doc, AttributionDraft d) =>
        doc.Text[doc.Tokens[d.SourceFirst].Start..doc.Tokens[d.SourceEnd - 1].End];

    [Theory]
    [InlineData("\"We will win,\" Mr. Trump said.", "Mr", "Mr. Trump")]
    [InlineData("\"It is over,\" said Matt Bennett, a former aide to Mr. Clinton.", "Matt Bennett, a former aide to Mr", "Matt Bennett, a former aide to Mr. Clinton")]
    [InlineData("\"It is over,\" said Diane D. Blair.", "Diane D", "Diane D. Blair")]
    [InlineData("\"It is over,\" said Diane Blair.", "Diane Blair", "Diane Blair")]
    public void A_source_ending_on_a_title_or_an_initial_takes_the_name_after_it(string text, string drawn, string expected)
    {
        var (doc, d) = Draft(text, drawn);
        LearnedContentStage.SourceThroughName(doc, d);
        Assert.Equal(expected, SourceText(doc, d));
    }

    [Theory]
    [InlineData("She read a state report in which county officials were quoted as doubting the plan.", "a state report in which county officials", "county officials")]
    [InlineData("She read a state report where county officials were quoted as doubting the plan.", "a state report where county officials", "county officials")]
    [InlineData("The county officials were quoted as doubting the plan.", "The county officials", "The county officials")]
    public void A_source_starts_after_the_relative_pronoun_of_its_clause(string text, string drawn, string expected)
    {
        var (doc, d) = Draft(text, drawn);
        LearnedContentStage.SourceAfterRelative(doc, d);
        Assert.Equal(expected, SourceText(doc, d));
    }

    [Theory]
    // The source keeps the clause between its commas, as a name keeps its appositive (PolNeAR's convention).
    [InlineData("Mayor Tom Hale, who took office in May, said the town would recover.", "who", "Mayor Tom Hale, who took office in May")]
    [InlineData("Mayor Tom Hale -- who took office in May -- said the town would recover.", "who", "Mayor Tom Hale")]
    [InlineData("Mayor Tom Hale, who took office in May, said the town would recover.", "Mayor Tom Hale", "Mayor Tom Hale")]
    public void A_relative_pronoun_is_not_the_source_of_the_cue_after_its_clause(string text, string drawn, string expected)
    {
        var (doc, d) = FirstDraft(text, drawn);
        LearnedContentStage.SourceBeforeRelativeClause(doc, d);
        Assert.Equal(expected, SourceText(doc, d));
    }

    [Fact]
    public void Whose_and_its_noun_are_the_source_and_the_cue_starts_at_the_verb()
    {
        const string text = "She called the union, whose members met last week to discuss the plan to close the mill.";
        var doc = Tagged.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        Assert.Equal(doc.Tokens.Count, doc.PosTags.Length);
        var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned };
        int whose = doc.TokenAtOrAfter(text.IndexOf("whose", StringComparison.Ordinal));
        int content = doc.TokenAtOrAfter(text.IndexOf("the plan", StringComparison.Ordinal));
        (d.SourceFirst, d.SourceEnd, d.CueFirst, d.CueEnd) = (whose, whose + 1, whose + 1, content);
        LearnedContentStage.WhoseWithItsNoun(doc, d);
        Assert.Equal("whose members", SourceText(doc, d));
        Assert.Equal("met", doc.TokenText(d.CueFirst).ToString());
    }

    [Theory]
    [InlineData("Expecting thousands for a protest on the opening day, Mr. Hale said he would march.", "Expecting", "thousands for a protest on the opening day", "Mr. Hale")]
    [InlineData("Worried the town might miss its target, the state government proposed a levy.", "Worried", "the town might miss its target", "the state government")]
    [InlineData("Asked by Matt Lauer whether she had practiced, she said no.", "Asked", "whether she had practiced", "Matt Lauer")]
    [InlineData("Winning that race would put him in a category of his own.", "Winning", "that race", null)]
    public void An_opening_participle_is_said_by_the_main_clause_subject(string text, string cue, string content, string? expected)
    {
        var doc = Tagged.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned };
        int c = text.IndexOf(content, StringComparison.Ordinal);
        d.Content.Add(new TextSpan(c, c + content.Length));
        d.CueFirst = doc.TokenAtOrAfter(text.IndexOf(cue, StringComparison.Ordinal));
        d.CueEnd = d.CueFirst + 1;
        LearnedContentStage.SourceAfterOpeningParticiple(doc, d);
        Assert.Equal(expected, d.HasSource ? SourceText(doc, d) : null);
    }

    [Theory]
    [InlineData("Hillary Clinton said the town would recover.", "Hillary", "Hillary Clinton")]
    [InlineData("Texas Sen. Ted Cruz said the town would recover.", "Texas Sen. Ted", "Texas Sen. Ted Cruz")]
    [InlineData("Hillary Clinton said the town would recover.", "Hillary Clinton", "Hillary Clinton")]
    [InlineData("Clinton Monday said the town would recover.", "Clinton", "Clinton")]
    public void A_source_never_ends_inside_a_proper_name(string text, string drawn, string expected)
    {
        var (doc, d) = Draft(text, drawn);
        LearnedContentStage.SourceThroughProperName(doc, d);
        Assert.Equal(expected, SourceText(doc, d));
    }

    [Theory]
    [InlineData("Bernie Sanders and Ted Cruz both campaigned hard in Arizona, saying the vote was close.", "Bernie Sanders and Ted Cruz both campaigned hard in Arizona", "Bernie Sanders and Ted Cruz")]
    [InlineData("Ahead of the vote, Rubio assumed a new style, saying the plan was dead.", "Ahead of the vote, Rubio assumed a new style", "Rubio")]
    [InlineData("The debate progressed and Trump said the plan was dead.", "The debate progressed and Trump", "Trump")]
    [InlineData("Mr. Sperling, but she has developed a reputation, said the plan was dead.", "Mr. Sperling, but she has developed a reputation", "Mr. Sperling")]
    // a participle, a title's noun, a relative clause: the annotators' source, kept
    [InlineData("A commission appointed by President Bush said the plan was dead.", "A commission appointed by President Bush", "A commission appointed by President Bush")]
    [InlineData("Democrats involved in the talks said the plan was dead.", "Democrats involved in the talks", "Democrats involved in the talks")]
    [InlineData("Nargis Kassenova, an international relations expert at KIMEP University, said the plan was dead.", "Nargis Kassenova, an international relations expert at KIMEP University", "Nargis Kassenova, an international relations expert at KIMEP University")]
    [InlineData("Anna Kovacs, who spoke on Monday, said the plan was dead.", "Anna Kovacs, who spoke on Monday", "Anna Kovacs, who spoke on Monday")]
    public void A_source_run_over_a_clause_is_its_subject(string text, string drawn, string expected)
    {
        var (doc, d) = FirstDraft(text, drawn);
        LearnedContentStage.SourceWithoutClause(doc, d);
        Assert.Equal(expected, SourceText(doc, d));
    }

    [Theory]
    [InlineData("Party leaders long ago said the plan was dead.", "Party leaders long ago", "Party leaders")]
    [InlineData("A congressional report on Monday said the plan was dead.", "A congressional report on", "A congressional report")]
    [InlineData("The mayor of Dayton said the plan was dead.", "The mayor of Dayton", "The mayor of Dayton")]
    public void A_source_ends_at_its_noun(string text, string drawn, string expected)
    {
        var (doc, d) = FirstDraft(text, drawn);
        LearnedContentStage.SourceWithoutTrailingWords(doc, d);
        Assert.Equal(expected, SourceText(doc, d));
    }

    [Fact]
    public void Long_ago_before_the_cue_is_the_cues()
    {
        const string text = "Party leaders long ago picked a side, she said.";
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), text));
        var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned };
        d.Content.Add(new TextSpan(text.IndexOf("a side", StringComparison.Ordinal), text.IndexOf(", she", StringComparison.Ordinal)));
        d.SourceFirst = 0;
        d.SourceEnd = doc.TokenAtOrAfter(text.IndexOf("picked", StringComparison.Ordinal));
        d.CueFirst = d.SourceEnd;
        d.CueEnd = d.CueFirst + 1;
        LearnedContentStage.SourceWithoutTrailingWords(doc, d);
        Assert.Equal("Party leaders", SourceText(doc, d));
        Assert.Equal("long ago picked", text[doc.Tokens[d.CueFirst].Start..doc.Tokens[d.CueEnd - 1].End]);
    }

    [Theory]
    [InlineData("Voters in the town want a new bridge, she said.", "Voters in the town want", "Voters in the town")]
    [InlineData("His friends make it plain, she said.", "His friends make", "His friends")]
    [InlineData("Sanders campaign manager Jeff Weaver said the plan was dead.", "Sanders campaign manager Jeff Weaver", "Sanders campaign manager Jeff Weaver")]
    [InlineData("The ad featured five veterans of the war, she said.", "featured five veterans of the war", "five veterans of the war")]
    public void At_assembly_a_source_loses_a_verb_at_its_edges(string text, string drawn, string expected)
    {
        var (doc, d) = FirstDraft(text, drawn);
        QuoteAssembler.SourceEdges(doc, d);
        Assert.Equal(expected, SourceText(doc, d));
    }
}
