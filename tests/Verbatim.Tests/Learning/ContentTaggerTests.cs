using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Learning;

public sealed class ContentTaggerTests
{
    private static readonly VerbatimPipeline Rules = new PipelineBuilder().UseRuleStages().Build();

    // Sentences written for this test: the content is what follows "said" or precedes ", X said".
    private static readonly (string Text, string[] Contents)[] Corpus =
    [
        ("Anna Berg said the budget would pass in March.", ["the budget would pass in March"]),
        ("The port will reopen next week, officials said.", ["The port will reopen next week"]),
        ("Tom Hale said prices are rising fast. The weather was cold.", ["prices are rising fast"]),
        ("Rain fell all day. Mia Cole said the bridge is safe now.", ["the bridge is safe now"]),
        ("The strike is over, the union said on Monday.", ["The strike is over"]),
        ("Leo Park said the talks had failed again.", ["the talks had failed again"]),
    ];

    private static IReadOnlyList<TaggedDocument> Data() => Corpus.Select(c =>
    {
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), c.Text));
        var spans = c.Contents.Select(x => (IReadOnlyList<TextSpan>)[new TextSpan(c.Text.IndexOf(x, StringComparison.Ordinal), c.Text.IndexOf(x, StringComparison.Ordinal) + x.Length)]);
        return new TaggedDocument(doc, ContentTaggerTrainer.GoldTags(doc, spans));
    }).ToArray();

    [Fact]
    public void Gold_tags_mark_the_first_token_B_and_the_rest_I()
    {
        var doc = Rules.Run(new Article("t", null, "Anna said the plan works."));
        var tags = ContentTaggerTrainer.GoldTags(doc, [[new TextSpan(10, 24)]]);
        Assert.Equal(new byte[] { 0, 0, 1, 2, 2, 0 }, tags);
    }

    [Fact]
    public void A_tagger_trained_on_a_few_sentences_tags_the_content_of_a_new_one()
    {
        var model = ContentTaggerTrainer.Train(Data(), epochs: 8);
        const string text = "Ruth Lin said the harbour would close soon.";
        var doc = Rules.Run(new Article("t", null, text));
        var tags = model.Tag(doc);
        var tagged = string.Join(" ", doc.Tokens.Where((t, i) => tags[i] != ContentTagger.O).Select(t => text[t.Start..t.End]));
        Assert.Equal("the harbour would close soon", tagged);
    }

    [Fact]
    public void Training_is_deterministic_and_the_model_round_trips()
    {
        var a = new MemoryStream();
        var b = new MemoryStream();
        ContentTaggerTrainer.Train(Data(), epochs: 3).Save(a);
        ContentTaggerTrainer.Train(Data(), epochs: 3).Save(b);
        Assert.Equal(a.ToArray(), b.ToArray());
        a.Position = 0;
        var loaded = ContentTagger.Load(a);
        var doc = Rules.Run(new Article("t", null, Corpus[0].Text));
        var again = new MemoryStream();
        loaded.Save(again);
        Assert.Equal(b.ToArray(), again.ToArray());
        Assert.Equal(doc.Tokens.Count, loaded.Tag(doc).Length);
    }

    [Fact]
    public void The_shipped_model_loads() => Assert.NotNull(ContentTagger.Default);
}
