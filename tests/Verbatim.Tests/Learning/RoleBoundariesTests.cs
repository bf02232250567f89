using Verbatim.Evaluation;
using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Quotes;

namespace Verbatim.Tests.Learning;

public sealed class RoleBoundariesTests
{
    private static readonly VerbatimPipeline Rules = new PipelineBuilder().UseRuleStages().Build();

    // Sentences written for this test: annotators leave the conjunction out of the source ("But") and take the
    // auxiliary into the cue ("has"); the rules do neither.
    private static readonly (string Text, string Content, string Source, string Cue)[] Edges =
    [
        ("But Anna Berg has repeatedly said the budget would pass in March.", "the budget would pass in March", "Anna Berg", "has repeatedly said"),
        ("But Tom Hale has repeatedly said prices are rising fast.", "prices are rising fast", "Tom Hale", "has repeatedly said"),
        ("But Mia Cole has repeatedly said the bridge is safe now.", "the bridge is safe now", "Mia Cole", "has repeatedly said"),
        ("But Leo Park has repeatedly said the talks had failed again.", "the talks had failed again", "Leo Park", "has repeatedly said"),
        ("But Sara Quinn has repeatedly said the school will reopen soon.", "the school will reopen soon", "Sara Quinn", "has repeatedly said"),
        ("But Omar Reyes has repeatedly said the race was close.", "the race was close", "Omar Reyes", "has repeatedly said"),
    ];

    // Quoted fragments no rule ties to anyone: annotators name the subject that holds the view.
    private static readonly (string Text, string Content, string Source)[] Holders =
    [
        ("Voters in Ohio now regard the plan as \"a costly mistake\" for the state.", "a costly mistake", "Voters in Ohio"),
        ("Teachers in Texas now regard the test as \"a waste of time\" for pupils.", "a waste of time", "Teachers in Texas"),
        ("Nurses in Maine now regard the law as \"a step backwards\" for patients.", "a step backwards", "Nurses in Maine"),
        ("Farmers in Kansas now regard the tariff as \"a heavy blow\" for exports.", "a heavy blow", "Farmers in Kansas"),
        ("Doctors in Utah now regard the rule as \"a real danger\" for clinics.", "a real danger", "Doctors in Utah"),
        ("Drivers in Idaho now regard the toll as \"an unfair burden\" for commuters.", "an unfair burden", "Drivers in Idaho"),
    ];

    private const string Unseen = "But Ruth Lin has repeatedly said the harbour would close soon.";

    private static TextSpan Find(string text, string part)
    {
        int at = text.IndexOf(part, StringComparison.Ordinal);
        Assert.True(at >= 0, part);
        return new TextSpan(at, at + part.Length);
    }

    private static RoleDocument Edge((string Text, string Content, string Source, string Cue) c)
    {
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), c.Text));
        return new RoleDocument(doc, [new GoldAttribution("E1", [Find(c.Text, c.Content)], [Find(c.Text, c.Source)], [Find(c.Text, c.Cue)])]);
    }

    private static RoleDocument Holder((string Text, string Content, string Source) c)
    {
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), c.Text));
        return new RoleDocument(doc, [new GoldAttribution("E1", [Find(c.Text, c.Content)], [Find(c.Text, c.Source)], null)]);
    }

    private static string? SourceOf(Document doc, AttributionDraft d) =>
        d.SourceFirst < 0 ? null : doc.Text[doc.Tokens[d.SourceFirst].Start..doc.Tokens[d.SourceEnd - 1].End];

    [Fact]
    public void The_rules_alone_draw_other_edges()
    {
        var doc = Rules.Run(new Article("t", null, Unseen));
        var d = doc.Attributions.Single();
        Assert.NotEqual(("Ruth Lin", "has repeatedly said"), (SourceOf(doc, d), CueOf(doc, d)));
    }

    [Fact]
    public void A_ranker_trained_on_a_few_sentences_draws_the_edges_of_a_new_source_and_cue_as_annotators_do()
    {
        var ranker = RoleBoundariesTrainer.Train(Edges.Select(Edge).ToArray(), epochs: 3);
        var doc = Rules.Run(new Article("t", null, Unseen));
        ranker.Apply(doc);
        var d = doc.Attributions.Single();
        Assert.Equal(("Ruth Lin", "has repeatedly said"), (SourceOf(doc, d), CueOf(doc, d)));
    }

    private static string? CueOf(Document doc, AttributionDraft d) =>
        d.CueFirst < 0 ? null : doc.Text[doc.Tokens[d.CueFirst].Start..doc.Tokens[d.CueEnd - 1].End];

    [Fact]
    public void The_ranker_never_draws_a_source_over_its_content()
    {
        var ranker = RoleBoundariesTrainer.Train(Edges.Select(Edge).ToArray(), epochs: 3);
        const string text = "The harbour would close soon, Ruth Lin has repeatedly said, and the ferries would stop.";
        var doc = Rules.Run(new Article("t", null, text));
        ranker.Apply(doc);
        foreach (var d in doc.Attributions.Where(d => d.SourceFirst >= 0))
            Assert.True(doc.Tokens[d.SourceFirst].Start >= d.Content[^1].End || doc.Tokens[d.SourceEnd - 1].End <= d.Content[0].Start, SourceOf(doc, d));
    }

    [Fact]
    public void A_selector_trained_on_a_few_sentences_names_the_holder_of_an_unclaimed_fragment()
    {
        const string text = "Bakers in Vermont now regard the tax as \"a bitter pill\" for shops.";
        var before = Rules.Run(new Article("t", null, text));
        var fragment = before.Attributions.Single(d => d.Kind == QuoteKind.Direct);
        Assert.Null(SourceOf(before, fragment));

        var selector = SourceSelectorTrainer.Train(Holders.Select(Holder).ToArray(), epochs: 3);
        var doc = Rules.Run(new Article("t", null, text));
        selector.Apply(doc);
        var source = SourceOf(doc, doc.Attributions.Single(d => d.Kind == QuoteKind.Direct));
        Assert.NotNull(source);
        Assert.Contains(source, new[] { "Bakers", "Vermont" });
    }

    [Fact]
    public void Both_rankers_are_saved_in_the_tagger_file_and_loaded_back()
    {
        var roles = RoleBoundariesTrainer.Train(Edges.Select(Edge).ToArray(), epochs: 3);
        var sources = SourceSelectorTrainer.Train(Holders.Select(Holder).ToArray(), epochs: 3);
        var tagger = ContentTagger.Default ?? throw new InvalidOperationException("no shipped content tagger");
        var saved = new MemoryStream();
        tagger.WithSources(sources).WithRoles(roles).Save(saved);
        saved.Position = 0;
        var loaded = ContentTagger.Load(saved);
        Assert.NotNull(loaded.Boundaries);
        Assert.Equal(roles.Weights.Select(w => (float)(Half)w), loaded.Roles!.Weights);
        Assert.Equal(sources.Weights.Select(w => (float)(Half)w), loaded.Sources!.Weights);
        var again = new MemoryStream();
        loaded.Save(again);
        Assert.Equal(saved.ToArray(), again.ToArray());
    }

    [Fact]
    public void The_shipped_tagger_carries_both_rankers()
    {
        Assert.NotNull(ContentTagger.Default?.Sources);
        Assert.NotNull(ContentTagger.Default?.Roles);
    }

    [Fact]
    public void Token_tables_count_what_lies_between_two_tokens_as_a_plain_scan_does()
    {
        var doc = Rules.Run(new Article("t", null, "Said Anna Berg, a lawyer, the plan will fail; she said it twice, and SAID it loudly: the plan will fail."));
        using var tables = TokenTables.Rent(doc);
        for (int from = 0; from < doc.Tokens.Count; from++)
            for (int to = from; to <= doc.Tokens.Count; to++)
            {
                int verbs = 0, commas = 0, nouns = 0;
                for (int k = from; k < to; k++)
                {
                    if (doc.PosTags[k] is 15 or 3) verbs++;
                    else if (doc.Tokens[k].Kind == Verbatim.Text.TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] is ',' or ';' or ':') commas++;
                    if (doc.PosTags[k] is 7 or 10 or 11) nouns++;
                }
                Assert.Equal(verbs, tables.Verbs[to] - tables.Verbs[from]);
                Assert.Equal(commas, tables.Commas[to] - tables.Commas[from]);
                Assert.Equal(nouns, tables.Nouns[to] - tables.Nouns[from]);
            }
        // a word's features ignore case, and differ by template and by word
        int said = Enumerable.Range(0, doc.Tokens.Count).First(k => doc.TokenIs(k, "said") && doc.Text[doc.Tokens[k].Start] == 's');
        int upper = Enumerable.Range(0, doc.Tokens.Count).First(k => doc.Text[doc.Tokens[k].Start..doc.Tokens[k].End] == "SAID");
        Assert.Equal(tables.Word(3, said), tables.Word(3, upper));
        Assert.NotEqual(tables.Word(3, said), tables.Word(4, said));
        Assert.NotEqual(tables.Word(3, said), tables.Word(3, said + 1));
    }
}
