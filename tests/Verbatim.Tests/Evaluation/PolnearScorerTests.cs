using Verbatim.Evaluation;

namespace Verbatim.Tests.Evaluation;

/// <summary>
/// A two-article PolNeAR-shaped corpus with a fake extractor whose every answer is known, so each figure is
/// worked out by hand below.
/// <code>
/// a1: Alice said the plan works and the team agrees. "We will win," Bob said. Carol believes taxes rise.
///   gold E1 Alice/said/the plan works · E4 Alice/said (same T's)/the team agrees · E2 Bob/said/"We will win," · E3 Carol/believes/taxes rise
///   q1 Alice/said/the plan works (0.9)  right
///   q2 Bob said/said/We will win (0.8)  wrong: source J("Bob","Bob said") = 3/7
///   q3 Carol/believes/taxes (0.6)       right: content J = 5/9
/// b1: Officials said the talks failed. The talks were "a disaster."
///   gold E1 Officials/said/the talks failed · E2 (no source, no cue)/"a disaster."
///   q4 Officials/said/talks failed (0.7)        right: content J = 11/14
///   q5 none/none/a disaster (0.95)              right: both without source
///   q6 The talks/were/Officials said (0.3)      wrong
///   q7 Officials/said/the talks (0.3)           wrong: J = 8/14 with E1, but q4 (11/14) takes E1 first
/// </code>
/// </summary>
public sealed class PolnearScorerTests : IDisposable
{
    private const string TextA = "Alice said the plan works and the team agrees. \"We will win,\" Bob said. Carol believes taxes rise.";
    private const string TextB = "Officials said the talks failed. The talks were \"a disaster.\"";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The n-th (0-based) occurrence of <paramref name="s"/> in <paramref name="text"/>.</summary>
    private static TextSpan At(string text, string s, int nth = 0)
    {
        int at = -1;
        for (int i = 0; i <= nth; i++) at = text.IndexOf(s, at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, s);
        return new TextSpan(at, at + s.Length);
    }

    private static string T(string id, string type, TextSpan s, string text) => $"{id}\t{type} {s.Start} {s.End}\t{s.TextOf(text)}\n";

    private string WriteCorpus()
    {
        var split = _dir.Combine("dev");
        Directory.CreateDirectory(Path.Combine(split, "text"));
        Directory.CreateDirectory(Path.Combine(split, "attributions"));
        File.WriteAllText(Path.Combine(split, "text", "a1.txt"), TextA);
        File.WriteAllText(Path.Combine(split, "text", "b1.txt"), TextB);

        var a = T("T1", "Source", At(TextA, "Alice"), TextA) + T("T2", "Cue", At(TextA, "said"), TextA)
            + T("T3", "Content", At(TextA, "the plan works"), TextA) + T("T4", "Attribution", At(TextA, "said"), TextA)
            + "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
            + T("T5", "Content", At(TextA, "the team agrees"), TextA)
            + "E4\tAttribution:T4 Source:T1 Cue:T2 Content:T5\n"
            + T("T6", "Content", At(TextA, "\"We will win,\""), TextA) + T("T7", "Source", At(TextA, "Bob"), TextA)
            + T("T8", "Cue", At(TextA, "said", 1), TextA) + T("T9", "Attribution", At(TextA, "said", 1), TextA)
            + "E2\tAttribution:T9 Source:T7 Cue:T8 Content:T6\n"
            + T("T10", "Source", At(TextA, "Carol"), TextA) + T("T11", "Cue", At(TextA, "believes"), TextA)
            + T("T12", "Content", At(TextA, "taxes rise"), TextA) + T("T13", "Attribution", At(TextA, "believes"), TextA)
            + "E3\tAttribution:T13 Source:T10 Cue:T11 Content:T12\n";
        File.WriteAllText(Path.Combine(split, "attributions", "a1_4e07.ann"), a);
        // A second annotator of a1, later in ordinal order: must be ignored.
        File.WriteAllText(Path.Combine(split, "attributions", "a1_ef2d.ann"),
            T("T1", "Content", At(TextA, "Carol"), TextA) + "E1\tAttribution:T1 Content:T1\n");

        var b = T("T1", "Source", At(TextB, "Officials"), TextB) + T("T2", "Cue", At(TextB, "said"), TextB)
            + T("T3", "Content", At(TextB, "the talks failed"), TextB) + T("T4", "Attribution", At(TextB, "said"), TextB)
            + "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
            + T("T5", "Content", At(TextB, "\"a disaster.\""), TextB) + T("T6", "Attribution-no-source", At(TextB, "were"), TextB)
            + "E2\tAttribution-no-source:T6 Content:T5\n";
        File.WriteAllText(Path.Combine(split, "attributions", "b1_6b86.ann"), b);

        // metadata.tsv one level up, as in ../shared/data/polnear.
        File.WriteAllText(_dir.Combine("metadata.tsv"),
            "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n" +
            "dev\ta1\t1\t4e07|ef2d\tpolitico\t2016-09-12\tX\tPlan works, Alice says\n" +
            "dev\tb1\t1\t6b86\tnyt\t2016-10-01\tY\tTalks fail\n");
        return split;
    }

    private static Quote Q(string text, int n, string? source, TextSpan? sourceSpan, string? cue, TextSpan? cueSpan, TextSpan content, double confidence) => new()
    {
        Id = $"q{n}",
        Kind = QuoteKind.Indirect,
        Content = [content],
        Text = content.TextOf(text),
        Source = source is null ? null : SpanText.Of(text, sourceSpan!.Value),
        Cue = cue is null ? null : SpanText.Of(text, cueSpan!.Value),
        Confidence = confidence,
    };

    private static ArticleExtraction Fake(Article article)
    {
        var t = article.Text;
        Quote[] quotes = article.Id switch
        {
            "a1" =>
            [
                Q(t, 1, "Alice", At(t, "Alice"), "said", At(t, "said"), At(t, "the plan works"), 0.9),
                Q(t, 2, "Bob said", At(t, "Bob said"), "said", At(t, "said", 1), At(t, "We will win"), 0.8),
                Q(t, 3, "Carol", At(t, "Carol"), "believes", At(t, "believes"), At(t, "taxes"), 0.6),
            ],
            "b1" =>
            [
                Q(t, 4, "Officials", At(t, "Officials"), "said", At(t, "said"), At(t, "talks failed"), 0.7),
                Q(t, 5, null, null, null, null, At(t, "a disaster"), 0.95),
                Q(t, 6, "The talks", At(t, "The talks"), "were", At(t, "were"), At(t, "Officials said"), 0.3),
                Q(t, 7, "Officials", At(t, "Officials"), "said", At(t, "said"), At(t, "the talks"), 0.3),
            ],
            _ => throw new InvalidOperationException(article.Id),
        };
        return new ArticleExtraction(article, quotes, []);
    }

    private PolnearEvaluation Evaluate() => PolnearScorer.Evaluate(PolnearCorpus.Load(WriteCorpus()), Fake);

    [Fact]
    public void Corpus_loads_texts_gold_and_metadata_one_level_up()
    {
        var articles = PolnearCorpus.Load(WriteCorpus());
        Assert.Equal(["a1", "b1"], articles.Select(a => a.Article.Id));
        Assert.Equal(4, articles[0].Attributions.Count);          // from a1_4e07.ann, not a1_ef2d.ann
        Assert.Equal(new DateOnly(2016, 9, 12), articles[0].Article.Date);
        Assert.Equal("politico", articles[0].Article.Publisher);
        Assert.Equal("Plan works, Alice says", articles[0].Article.Title);
        Assert.Equal(TextA, articles[0].Article.Text);
        Assert.Null(articles[1].Attributions[1].Source);
    }

    [Fact]
    public void Figure_1_role_spans_count_shared_mentions_once()
    {
        var s = Evaluate().Scores;
        // Source gold {Alice, Bob, Carol, Officials}; predicted {Alice, Bob said, Carol, Officials (q4 = q7), The talks}.
        Assert.Equal(new Prf(3, 4, 5), s.Source.Exact);
        Assert.Equal(new Prf(3, 4, 5), s.Source.Overlap);
        // Cue gold {said, said, believes, said(b1)}; predicted {said, said, believes, said(b1) (q4 = q7), were}.
        Assert.Equal(new Prf(4, 4, 5), s.Cue.Exact);
        Assert.Equal(new Prf(4, 4, 5), s.Cue.Overlap);
        // Content: 6 gold, 7 predicted; exact: plan works, We will win, a disaster; overlap adds taxes, talks failed.
        Assert.Equal(new Prf(3, 6, 7), s.Content.Exact);
        Assert.Equal(new Prf(5, 6, 7), s.Content.Overlap);
        Assert.Equal(0.6, s.Source.Exact.Precision, 10);
        Assert.Equal(0.75, s.Source.Exact.Recall, 10);
        Assert.Equal(2 * 0.6 * 0.75 / 1.35, s.Source.Exact.F1, 10);
        Assert.Equal(5.0 / 7, s.Content.Overlap.Precision, 10);
        Assert.Equal(5.0 / 6, s.Content.Overlap.Recall, 10);
    }

    [Fact]
    public void Figure_2_attributions_end_to_end()
    {
        var s = Evaluate().Scores;
        Assert.Equal(6, s.GoldAttributions);
        Assert.Equal(7, s.PredictedQuotes);
        Assert.Equal(new Prf(4, 6, 7), s.Attributions); // q1, q3, q4, q5
        Assert.Equal(4.0 / 7, s.Attributions.Precision, 10);
        Assert.Equal(4.0 / 6, s.Attributions.Recall, 10);
        Assert.Equal(8.0 / 13, s.Attributions.F1, 10);
    }

    [Fact]
    public void Figure_3_direct_quotes()
    {
        var s = Evaluate().Scores;
        // Gold with a quotation mark: a1 E2 "We will win," and b1 E2 "a disaster."; both found (q2, q5); q5's source right.
        Assert.Equal(new DirectQuoteScores(2, 2, 1), s.Direct);
        Assert.Equal(1.0, s.Direct.Recall, 10);
        Assert.Equal(0.5, s.Direct.SourceRightShare, 10);
    }

    [Fact]
    public void Figure_4_calibration()
    {
        var s = Evaluate().Scores;
        // bin 3: q6, q7 (0.3, wrong) → 0.3 · 2; bin 6: q3 (0.6, right) → 0.4; bin 7: q4 (0.7, right) → 0.3;
        // bin 8: q2 (0.8, wrong) → 0.8; bin 9: q1, q5 (mean 0.925, right) → 0.075 · 2.
        Assert.Equal((2 * 0.3 + 0.4 + 0.3 + 0.8 + 2 * 0.075) / 7, s.Calibration.Ece, 10);
        Assert.Equal(7, s.Calibration.Count);
        Assert.Equal([0, 0, 0, 2, 0, 0, 1, 1, 1, 2], s.Calibration.Bins.Select(b => b.Count));
    }

    [Fact]
    public void Results_do_not_depend_on_parallelism()
    {
        var articles = PolnearCorpus.Load(WriteCorpus());
        var one = PolnearScorer.Evaluate(articles, Fake, new EvaluationOptions { MaxDegreeOfParallelism = 1 });
        var many = PolnearScorer.Evaluate(articles, Fake, new EvaluationOptions { MaxDegreeOfParallelism = 8 });
        Assert.Equal(one.ToJson(), many.ToJson());
    }

    [Fact]
    public void A_failing_extractor_is_scored_as_no_quotes_and_reported()
    {
        var articles = PolnearCorpus.Load(WriteCorpus());
        var e = PolnearScorer.Evaluate(articles, a => a.Id == "b1" ? throw new InvalidOperationException("boom") : Fake(a));
        Assert.Equal(1, e.Scores.FailedArticles);
        Assert.Equal(3, e.Scores.PredictedQuotes);
        var errors = new StringWriter();
        e.WriteErrors(errors);
        Assert.Contains("EXTRACTOR FAILED: InvalidOperationException: boom", errors.ToString());
    }

    [Fact]
    public void Diagnostics_name_missed_false_and_differing_attributions()
    {
        var errors = new StringWriter();
        Evaluate().WriteErrors(errors);
        var s = errors.ToString();
        Assert.Contains("MISSED E4", s);                                      // the team agrees
        Assert.Contains("content \"the team agrees\"", s);
        Assert.Contains("MISSED E2 (holds a quotation mark)", s);                        // Bob's quote: source wrong
        Assert.Contains("note    content found by q2, whose source is \"Bob said\"", s);
        Assert.Contains("FALSE q6", s);
        Assert.Contains("FALSE q7", s);
        Assert.Contains("source  \"The talks\"", s);
        Assert.DoesNotContain("FALSE q1", s);
        Assert.DoesNotContain("\nDIFFERS ", s);                              // right pairs have exact source and cue
    }

    [Fact]
    public void Diagnostics_show_right_pairs_whose_cue_differs()
    {
        var b1 = PolnearCorpus.Load(WriteCorpus()).Single(a => a.Article.Id == "b1");
        var t = b1.Article.Text;
        var quote = Q(t, 1, "Officials", At(t, "Officials"), "said the", At(t, "said the"), At(t, "the talks failed"), 1);
        var r = PolnearScorer.ScoreArticle(b1, new ArticleExtraction(b1.Article, [quote], []));
        Assert.Equal(new Prf(1, 2, 1), r.Attributions);
        var errors = new StringWriter();
        new PolnearEvaluation(PolnearScorer.Aggregate([r]), [r]).WriteErrors(errors);
        var s = errors.ToString();
        Assert.Contains("DIFFERS E1 ~ q1", s);
        Assert.Contains("cue     gold \"said\" [10,14) | predicted \"said the\" [10,18)  (ok)", s);
        Assert.DoesNotContain("  source  gold", s);
        Assert.Contains("MISSED E2 (holds a quotation mark; not found)", s);
    }

    [Fact]
    public void Contents_are_scored_with_the_complementizer_the_extractor_reports_apart()
    {
        // PolNeAR draws "that" inside the content; the extractor leaves it out and reports it as the complementizer.
        const string t = "Alice said that taxes rise.";
        var article = new Article("c1", null, t);
        var gold = new PolnearArticle(article, [new GoldAttribution("E1", [At(t, "that taxes rise")], [At(t, "Alice")], [At(t, "said")])], "c1_4e07.ann", 0, []);
        var with = Q(t, 1, "Alice", At(t, "Alice"), "said", At(t, "said"), At(t, "taxes rise"), 0.9) with { Complementizer = SpanText.Of(t, At(t, "that")) };
        Assert.Equal([At(t, "that taxes rise")], PolnearScorer.ContentAsPolnearDraws(with));

        var r = PolnearScorer.ScoreArticle(gold, new ArticleExtraction(article, [with], []));
        Assert.Equal(new Prf(1, 1, 1), r.Content.Exact);
        Assert.Equal(new Prf(0, 1, 1), r.ContentAsExtracted.Exact);   // "taxes rise" alone is not PolNeAR's span
        Assert.Equal(new Prf(1, 1, 1), r.ContentAsExtracted.Overlap);
        var scores = PolnearScorer.Aggregate([r]);
        Assert.Equal(new Prf(0, 1, 1), scores.ContentAsExtracted.Exact);

        // Without a complementizer the content is scored as extracted.
        var without = with with { Complementizer = null };
        Assert.Equal(new Prf(0, 1, 1), PolnearScorer.ScoreArticle(gold, new ArticleExtraction(article, [without], [])).Content.Exact);
    }

    [Fact]
    public void Json_holds_every_figure()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Evaluate().ToJson());
        var r = doc.RootElement;
        Assert.Equal("polnear", r.GetProperty("corpus").GetString());
        Assert.Equal(0.6, r.GetProperty("roles").GetProperty("source").GetProperty("exact").GetProperty("precision").GetDouble());
        Assert.Equal(Math.Round(5.0 / 6, 4), r.GetProperty("roles").GetProperty("content").GetProperty("overlap").GetProperty("recall").GetDouble());
        Assert.Equal(Math.Round(8.0 / 13, 4), r.GetProperty("attributions").GetProperty("f1").GetDouble());
        Assert.Equal(0.5, r.GetProperty("directQuotes").GetProperty("sourceRightShare").GetDouble());
        Assert.Equal(Math.Round(2.25 / 7, 4), r.GetProperty("calibration").GetProperty("ece").GetDouble());
        Assert.Equal(10, r.GetProperty("calibration").GetProperty("bins").GetArrayLength());
    }
}
