using Verbatim.Evaluation;

namespace Verbatim.Tests.Evaluation;

/// <summary>Checks against the real data in ../shared; skipped when it is absent (a fresh machine).</summary>
public sealed class RealDataTests
{
    /// <summary>../shared beside the checkout (found by walking up to Verbatim.sln), or $VERBATIM_SHARED.</summary>
    internal static string Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("VERBATIM_SHARED");
            if (!string.IsNullOrEmpty(env)) return env;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Verbatim.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            return Path.GetFullPath("../shared");
        }
    }

    private static string FixtureGold => Path.Combine(Shared, "fixtures", "zelenskyy-cnn-2022-07-08.gold.json");
    private static string PolnearDev => Path.Combine(Shared, "data", "polnear", "dev");

    /// <summary>An extractor that answers with the fixture gold itself.</summary>
    private static Func<Article, ArticleExtraction> PerfectFixture(FixtureArticle gold) => article => new ArticleExtraction(article,
        gold.Quotes.Select((q, i) => new Quote
        {
            Id = $"g{i + 1}",
            Kind = q.Kind,
            Content = q.Content,
            Text = q.Text,
            Source = q.Source,
            Cue = q.Cue,
            Speaker = q.Speaker is null ? null : new SpeakerRef("s", q.Speaker, SpeakerType.Person),
            Uttered = q.Uttered,
            Confidence = 1,
        }).ToArray(), []);

    /// <summary>An extractor that answers with the PolNeAR gold itself (source and cue as the span covering their parts).</summary>
    private static Func<Article, ArticleExtraction> PerfectPolnear(IReadOnlyList<PolnearArticle> gold)
    {
        var byId = gold.ToDictionary(a => a.Article.Id);
        static SpanText? Cover(string text, IReadOnlyList<TextSpan>? parts) =>
            parts is null ? null : SpanText.Of(text, new TextSpan(parts.Min(p => p.Start), parts.Max(p => p.End)));
        return article => new ArticleExtraction(article, byId[article.Id].Attributions.Select(a => new Quote
        {
            Id = a.Id,
            Kind = PolnearScorer.IsDirect(article.Text, a) ? QuoteKind.Direct : QuoteKind.Indirect,
            Content = a.Content,
            Text = string.Join(' ', a.Content.Select(c => c.TextOf(article.Text))),
            Source = Cover(article.Text, a.Source),
            Cue = Cover(article.Text, a.Cue),
            Confidence = 1,
        }).ToArray(), []);
    }

    [SkippableFact]
    public void Real_fixture_gold_loads_and_its_offsets_hold()
    {
        Skip.IfNot(File.Exists(FixtureGold), $"../shared is absent: no {FixtureGold}");
        var a = Assert.Single(FixtureCorpus.Load(FixtureGold));
        Assert.Equal("zelenskyy-cnn-2022-07-08", a.Article.Id);
        Assert.Equal(new DateOnly(2022, 7, 8), a.Article.Date);
        Assert.Equal(16, a.Quotes.Count);
        Assert.Equal(3, a.NotQuotes.Count);
        foreach (var q in a.Quotes)
        {
            Assert.Equal(q.Text, string.Join(' ', q.Content.Select(c => c.TextOf(a.Article.Text))));
            Assert.Equal(q.Source!.Text, q.Source.Span.TextOf(a.Article.Text));
            Assert.Equal(q.Cue!.Text, q.Cue.Span.TextOf(a.Article.Text));
        }
        Assert.Equal(2, a.Quotes.Count(q => q.Content.Count == 2));
    }

    [SkippableFact]
    public void Real_fixture_gold_scores_perfect_against_itself()
    {
        Skip.IfNot(File.Exists(FixtureGold), $"../shared is absent: no {FixtureGold}");
        var gold = FixtureCorpus.Load(FixtureGold);
        var s = FixtureScorer.Evaluate(gold, PerfectFixture(gold[0])).Scores;
        Assert.Equal(16, s.Found);
        Assert.Equal(0, s.FalseQuotes);
        Assert.Equal(0, s.NotQuotesUnlocated);
        Assert.Equal(1.0, s.FoundShare);
        Assert.Equal(1.0, s.Precision);
        Assert.Equal(1.0, s.SpeakerShare);
        Assert.Equal(1.0, s.KindShare);
        Assert.True(s.UtteredCompared > 0);
        Assert.Equal(1.0, s.UtteredShare);
        Assert.Equal(2, s.TwoPartGold);
        Assert.Equal(1.0, s.TwoPartShare);
    }

    [SkippableFact]
    public void Real_polnear_dev_loads()
    {
        Skip.IfNot(Directory.Exists(PolnearDev), $"../shared is absent: no {PolnearDev}");
        var dev = PolnearCorpus.Load(PolnearDev);
        Assert.Equal(84, dev.Count);
        Assert.All(dev, a => Assert.NotNull(a.Article.Date));
        Assert.All(dev, a => Assert.NotNull(a.Article.Publisher));
        Assert.True(dev.Sum(a => a.Attributions.Count) > 2000);
        Assert.Contains(dev, a => a.Attributions.Any(x => x.Source is null));
        Assert.Contains(dev, a => a.Attributions.Any(x => x.Content.Count > 1));
        // Offsets point into the text: a content never starts or ends inside a word's white space.
        Assert.All(dev.SelectMany(a => a.Attributions.Select(x => (a.Article.Text, x))), t =>
            Assert.All(t.x.Content, c => Assert.InRange(c.End, c.Start + 1, t.Text.Length)));
        // The annotator file is the first of its article's files in ordinal order.
        var twice = dev.Single(a => a.Article.Id == "politico_2016-09-08_flynn-says-trump-absolutely-righ");
        var files = Directory.GetFiles(Path.Combine(PolnearDev, "attributions"), twice.Article.Id + "_*.ann").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 1);
        Assert.Equal(files[0], twice.AnnotationFile);
    }

    [SkippableFact]
    public void Real_polnear_dev_gold_scores_perfect_against_itself()
    {
        Skip.IfNot(Directory.Exists(PolnearDev), $"../shared is absent: no {PolnearDev}");
        var dev = PolnearCorpus.Load(PolnearDev);
        var s = PolnearScorer.Evaluate(dev, PerfectPolnear(dev)).Scores;
        Assert.Equal(84, s.Articles);
        Assert.Equal(s.GoldAttributions, s.PredictedQuotes);
        foreach (var role in new[] { s.Source, s.Cue, s.Content })
            foreach (var prf in new[] { role.Exact, role.Overlap })
            {
                Assert.True(prf.Gold > 0);
                Assert.Equal(1.0, prf.Precision);
                Assert.Equal(1.0, prf.Recall);
                Assert.Equal(1.0, prf.F1);
            }
        Assert.Equal(1.0, s.Attributions.F1);
        Assert.True(s.Direct.Gold > 500);
        Assert.Equal(1.0, s.Direct.Recall);
        Assert.Equal(1.0, s.Direct.SourceRightShare);
        Assert.Equal(0.0, s.Calibration.Ece);
    }
}
