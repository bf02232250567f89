using Verbatim.Evaluation;
using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Tests.Evaluation;

namespace Verbatim.Tests.Learning;

/// <summary>The content tagger trained on a small slice of PolNeAR train improves dev over the rules alone.</summary>
public sealed class TaggerOnPolnearTests
{
    private static string Split(string name) => Path.Combine(RealDataTests.Shared, "data", "polnear", name);

    [SkippableFact]
    public void A_tagger_trained_on_a_slice_of_train_improves_dev_content_over_the_rules_alone()
    {
        Skip.IfNot(Directory.Exists(Path.Combine(Split("train"), "text")) && Directory.Exists(Path.Combine(Split("dev"), "text")),
            "../shared/data/polnear is absent: the PolNeAR check runs where ../shared is (CI)");
        var train = PolnearCorpus.Load(Split("train")).Take(300).ToArray();
        var rules = new PipelineBuilder().UseRuleStages().Build();
        var data = train.Select(a =>
        {
            var doc = rules.Run(a.Article);
            return new TaggedDocument(doc, ContentTaggerTrainer.GoldTags(doc, a.Attributions.Select(x => x.Content)));
        }).ToArray();
        var model = ContentTaggerTrainer.Train(data, epochs: 6);

        var dev = PolnearCorpus.Load(Split("dev"));
        var rulesOnly = new PipelineBuilder().UseRuleStages().UseFinalStages().Build();
        var withModel = new PipelineBuilder().UseRuleStages().Add(new LearnedContentStage(model)).UseFinalStages().Build();
        var before = PolnearScorer.Evaluate(dev, rulesOnly.Extract).Scores.Content.Overlap;
        var after = PolnearScorer.Evaluate(dev, withModel.Extract).Scores.Content.Overlap;
        Assert.True(after.F1 > before.F1, $"content overlap F1 on dev: rules {before.F1:F3}, rules + tagger trained on 300 articles {after.F1:F3}");
    }
}
