using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Quotes;

namespace Verbatim.Tests.Learning;

public sealed class ContentBoundariesTests
{
    private static readonly VerbatimPipeline Rules = new PipelineBuilder().UseRuleStages().Build();

    // Sentences written for this test. The rules run the reported words on to the sentence end; the gold (as
    // annotators draw it) stops before the reporter's own aside: ", even as ...", ", while ...".
    private static readonly (string Text, string Content)[] Corpus =
    [
        ("Anna Berg said the budget would pass in March, even as critics called it reckless.", "the budget would pass in March"),
        ("Tom Hale said prices are rising fast, even as wages stayed flat all year.", "prices are rising fast"),
        ("Mia Cole said the bridge is safe now, while engineers kept testing the cables.", "the bridge is safe now"),
        ("Leo Park said the talks had failed again, even as both sides met on Friday.", "the talks had failed again"),
        ("Sara Quinn said the school will reopen soon, while parents waited for news.", "the school will reopen soon"),
        ("Omar Reyes said the port was busy again, even as the storm moved north.", "the port was busy again"),
    ];

    private static BoundaryDocument Document((string Text, string Content) c)
    {
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), c.Text));
        int at = c.Text.IndexOf(c.Content, StringComparison.Ordinal);
        return new BoundaryDocument(doc, new byte[doc.Tokens.Count], [[new TextSpan(at, at + c.Content.Length)]]);
    }

    private static string Reported(Document doc) =>
        string.Join(" | ", doc.Attributions.Where(d => d.Kind != QuoteKind.Direct).Select(d => doc.Text[d.Content[0].Start..d.Content[0].End]));

    [Fact]
    public void The_rules_alone_run_the_content_past_the_aside()
    {
        var doc = Document(("Ruth Lin said the harbour would close soon, even as ships kept arriving.", "x")).Document;
        Assert.Equal("the harbour would close soon, even as ships kept arriving", Reported(doc));
    }

    [Fact]
    public void A_ranker_trained_on_a_few_sentences_ends_a_new_content_where_annotators_do()
    {
        var ranker = ContentBoundariesTrainer.Train(Corpus.Select(Document).ToArray(), epochs: 3);
        var doc = Rules.Run(new Article("t", null, "Ruth Lin said the harbour would close soon, even as ships kept arriving."));
        ranker.Apply(doc, new byte[doc.Tokens.Count]);
        Assert.Equal("the harbour would close soon", Reported(doc));
    }

    [Fact]
    public void The_ranker_never_moves_a_content_over_its_cue_or_source()
    {
        var ranker = ContentBoundariesTrainer.Train(Corpus.Select(Document).ToArray(), epochs: 3);
        const string text = "The port will reopen next week, officials said, even as the strike goes on.";
        var doc = Rules.Run(new Article("t", null, text));
        var before = doc.Attributions.Single(d => d.Kind != QuoteKind.Direct);
        ranker.Apply(doc, new byte[doc.Tokens.Count]);
        var after = doc.Attributions.Single(d => d.Kind != QuoteKind.Direct).Content[0];
        Assert.True(after.End <= doc.Tokens[before.SourceFirst].Start, Reported(doc));
    }

    [Fact]
    public void The_ranker_is_saved_in_the_tagger_file_and_loaded_back()
    {
        var ranker = ContentBoundariesTrainer.Train(Corpus.Select(Document).ToArray(), epochs: 3);
        var tagger = ContentTagger.Default ?? throw new InvalidOperationException("no shipped content tagger");
        var saved = new MemoryStream();
        tagger.WithBoundaries(ranker).Save(saved);
        saved.Position = 0;
        var loaded = ContentTagger.Load(saved);
        Assert.NotNull(loaded.Boundaries);
        Assert.Equal(ranker.Weights, loaded.Boundaries!.Weights.Select(w => (float)(Half)w).ToArray(), new HalfEquality());
        var again = new MemoryStream();
        loaded.Save(again);
        Assert.Equal(saved.ToArray(), again.ToArray());
    }

    [Fact]
    public void The_shipped_tagger_carries_its_ranker() =>
        Assert.NotNull(ContentTagger.Default?.Boundaries);

    private sealed class HalfEquality : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => (float)(Half)x == y;
        public int GetHashCode(float obj) => 0;
    }
}
