using Verbatim.Cues;
using Verbatim.Evaluation;
using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Learning;

public sealed class CueTableMinerTests
{
    // Sentences written for this test. "vouched" is in neither the shipped verb list nor the project's own forms.
    private static readonly string[] Texts =
    [
        "Ann Cole vouched that the bridge is safe.",
        "Tom Hale vouched that the budget adds up.",
        "Mia Park vouched that the harbour will reopen.",
        "Leo Dunn vouched for his neighbour at the hearing.",
    ];

    /// <summary>The first three articles mark "vouched" as the cue and the words after "that" as the content.</summary>
    private static List<PolnearArticle> Articles() => Texts.Select((text, i) =>
    {
        var gold = new List<GoldAttribution>();
        if (i < 3)
        {
            int cue = text.IndexOf("vouched", StringComparison.Ordinal);
            int content = text.IndexOf("that", StringComparison.Ordinal) + 5;
            gold.Add(new GoldAttribution("E1", [new TextSpan(content, text.Length - 1)], [new TextSpan(0, cue - 1)], [new TextSpan(cue, cue + 7)]));
        }
        return new PolnearArticle(new Article($"a{i}", new DateOnly(2022, 7, 8), text), gold, $"a{i}_x.ann", 0, []);
    }).ToList();

    [Fact]
    public void A_phrase_marked_as_a_cue_is_counted_against_all_its_occurrences()
    {
        var lines = CueTableMiner.Mine(Articles());
        Assert.Equal(CueTableMiner.Header, lines[0]);
        // 3 times a cue of 4 occurrences; each time the content starts within a few characters after it.
        Assert.Equal(["vouched\t3\t4\t0.750\t1.000"], lines.Skip(1));
        Assert.Equal(lines, CueTableMiner.Mine(Articles()));
    }

    [Fact]
    public void A_phrase_seen_as_a_cue_fewer_than_three_times_is_left_out()
    {
        var lines = CueTableMiner.Mine(Articles().Skip(1));
        Assert.Equal([CueTableMiner.Header], lines);
    }

    [Fact]
    public void Rare_forms_of_one_verb_are_judged_together()
    {
        // "scolded" twice and "scolds" once as cues: each alone is under three, the verb's family is not.
        string[] texts =
        [
            "Ann Cole scolded the council for the delay.",
            "Tom Hale scolded the mayor over the budget.",
            "Mia Park scolds the board in her column.",
        ];
        var articles = texts.Select((text, i) =>
        {
            var word = i < 2 ? "scolded" : "scolds";
            int cue = text.IndexOf(word, StringComparison.Ordinal);
            var gold = new List<GoldAttribution>
            {
                new("E1", [new TextSpan(cue + word.Length + 1, text.Length - 1)], [new TextSpan(0, cue - 1)], [new TextSpan(cue, cue + word.Length)]),
            };
            return new PolnearArticle(new Article($"s{i}", new DateOnly(2022, 7, 8), text), gold, $"s{i}_x.ann", 0, []);
        }).ToList();
        Assert.Equal(["scolded\t3\t3\t1.000\t1.000", "scolds\t3\t3\t1.000\t1.000"], CueTableMiner.Mine(articles).Skip(1));
        // one form alone stays under the count
        Assert.Empty(CueTableMiner.Mine(articles.Take(2)).Skip(1));
        Assert.Equal(CueTableMiner.Stem("scolded"), CueTableMiner.Stem("scolds"));
        Assert.NotEqual(CueTableMiner.Stem("said"), CueTableMiner.Stem("sad"));
    }

    [Fact]
    public void A_mined_cue_yields_an_attribution_the_lexicon_without_it_missed()
    {
        // Without "that": a verb the lexicon lacks before a that-clause is a cue anyway (CueFinder), so the test needs none.
        const string text = "Rosa Lind vouched the new clinic will open in May.";
        Assert.Empty(Run(text, CueLexicon.WithLearnedTable([])).Attributions);
        var doc = Run(text, CueLexicon.WithLearnedTable(CueTableMiner.Mine(Articles())));
        var draft = Assert.Single(doc.Attributions);
        Assert.Equal("vouched", text[doc.Tokens[draft.CueFirst].Start..doc.Tokens[draft.CueEnd - 1].End]);
        Assert.Equal("Rosa Lind", text[doc.Tokens[draft.SourceFirst].Start..doc.Tokens[draft.SourceEnd - 1].End]);
        Assert.Equal("the new clinic will open in May", text[draft.Content[0].Start..draft.Content[0].End]);
    }

    private static Document Run(string text, CueLexicon cues) =>
        new PipelineBuilder().UseRuleStages(PosTagger.Default, cues: cues).Build().Run(new Article("t", new DateOnly(2022, 7, 8), text));
}
