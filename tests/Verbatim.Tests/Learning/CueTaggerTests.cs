using Verbatim.Cues;
using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Learning;

public sealed class CueTaggerTests
{
    private static readonly VerbatimPipeline Rules = new PipelineBuilder().UseRuleStages(PosTagger.Default).Build();

    // Sentences written for this test. "surmised" is in neither the shipped verb list, the project's own forms nor the
    // learned cue table; the other verbs are ordinary words that report nothing.
    private static readonly (string Text, string? Cue)[] Corpus =
    [
        ("Ann Cole surmised the bridge is safe.", "surmised"),
        ("Tom Hale surmised the budget adds up.", "surmised"),
        ("Mia Park surmised the harbour will reopen.", "surmised"),
        ("Leo Dunn surmised the strike would end soon.", "surmised"),
        ("Ann Cole painted the bridge in the spring.", null),
        ("Tom Hale carried the budget papers home.", null),
        ("Mia Park cleaned the harbour steps.", null),
        ("Leo Dunn fixed the old fence.", null),
    ];

    private static List<(Document Doc, bool[] Gold)> Data() => Corpus.Select(c =>
    {
        var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), c.Text));
        IReadOnlyList<TextSpan>? cue = c.Cue is null ? null : [new TextSpan(c.Text.IndexOf(c.Cue, StringComparison.Ordinal), c.Text.IndexOf(c.Cue, StringComparison.Ordinal) + c.Cue.Length)];
        return (doc, CueTagger.GoldTokens(doc, [cue]));
    }).ToList();

    private static Document Run(string text, CueTagger? tagger) =>
        new PipelineBuilder().UseRuleStages(PosTagger.Default, cueTagger: tagger).Build().Run(new Article("t", new DateOnly(2022, 7, 8), text));

    [Fact]
    public void Gold_tokens_are_those_inside_a_cue_span()
    {
        var doc = Rules.Run(new Article("t", null, "Ann Cole surmised the bridge is safe."));
        Assert.Equal([false, false, true, false, false, false, false, false], CueTagger.GoldTokens(doc, [[new TextSpan(9, 17)], null]));
    }

    [Fact]
    public void A_tagged_cue_yields_the_attribution_the_lexicon_missed()
    {
        const string text = "Rosa Lind surmised the new clinic will open in May.";
        Assert.Empty(Run(text, null).Attributions);
        var doc = Run(text, CueTagger.Train(Data(), epochs: 5));
        var cue = Assert.Single(doc.Cues);
        Assert.True(cue.Has(CueFlags.Tagged));
        var draft = Assert.Single(doc.Attributions);
        Assert.True(draft.TaggedCue);
        Assert.Equal("surmised", text[doc.Tokens[draft.CueFirst].Start..doc.Tokens[draft.CueEnd - 1].End]);
        Assert.Equal("Rosa Lind", text[doc.Tokens[draft.SourceFirst].Start..doc.Tokens[draft.SourceEnd - 1].End]);
        Assert.Equal("the new clinic will open in May", text[draft.Content[0].Start..draft.Content[0].End]);
        // an ordinary verb stays no cue
        Assert.Empty(Run("Rosa Lind painted the new clinic in May.", CueTagger.Train(Data(), epochs: 5)).Cues);
    }

    [Fact]
    public void Training_twice_gives_the_same_weights()
    {
        Assert.Equal(CueTagger.Train(Data(), epochs: 3).Weights, CueTagger.Train(Data(), epochs: 3).Weights);
    }

    [Fact]
    public void A_tagged_run_needs_a_head_and_no_word_never_taken_as_a_cue()
    {
        // weights that mark every candidate word: only runs with a verb, noun or adjective, and without "praised", stay
        var all = new float[CueTagger.Size];
        all[(int)(FeatureHash.Of(1, 0) & (CueTagger.Size - 1))] = 1; // the bias feature
        var tagger = new CueTagger(all);
        var doc = Run("He also praised Sweden. She quickly left.", tagger);
        Assert.DoesNotContain(doc.Cues, c => doc.TokenIs(c.FirstToken, "praised") || doc.TokenIs(c.FirstToken, "also"));
        Assert.Contains(doc.Cues, c => doc.TokenIs(c.FirstToken, "quickly") || doc.TokenIs(c.FirstToken, "left"));
    }

    [Fact]
    public void The_cue_tagger_is_saved_and_loaded_with_the_content_tagger()
    {
        var contentData = Corpus.Select(c =>
        {
            var doc = Rules.Run(new Article("t", new DateOnly(2022, 7, 8), c.Text));
            return new TaggedDocument(doc, new byte[doc.Tokens.Count]);
        }).ToList();
        var cues = CueTagger.Train(Data(), epochs: 3);
        var model = ContentTaggerTrainer.Train(contentData, epochs: 1).WithCues(cues);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = ContentTagger.Load(stream);
        Assert.NotNull(loaded.Cues);
        // stored as half floats
        Assert.Equal(cues.Weights.Select(w => (float)(Half)w), loaded.Cues!.Weights);
    }
}
