using System.Text.Json;
using Verbatim.Dates;
using Verbatim.Evaluation;
using Verbatim.Pipeline;
using Verbatim.Readers;
using Verbatim.Storage;
using Verbatim.Tests.Evaluation;
using Verbatim.Tests.Storage;

namespace Verbatim.Tests.Dates;

/// <summary>Uttered dates, quote times and commitments end to end; TimeML reading and scoring.</summary>
public sealed class TimeFeatureTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ArticleExtraction Extract(string text, string date) =>
        VerbatimPipeline.Default.Extract(new Article("a", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), text));

    [Theory]
    [InlineData("The minister said on Thursday that the plant will close.", "2022-07-08", "2022-07-07")]
    [InlineData("The minister told reporters Tuesday that the plant will close.", "2022-07-08", "2022-07-05")]
    [InlineData("The minister said yesterday that the plant will close.", "2022-07-08", "2022-07-07")]
    [InlineData("The minister says the plant will close.", "2022-07-08", "2022-07-08")]
    [InlineData("The minister said last week that the plant will close.", "2022-07-08", null)]
    [InlineData("The minister said that the plant will close.", "2022-07-08", null)]
    public void Uttered_comes_from_the_cue_time_or_a_present_cue_else_null(string text, string date, string? uttered)
    {
        var q = Assert.Single(Extract(text, date).Quotes);
        Assert.Equal(uttered, q.Uttered?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_quote_carries_the_times_inside_its_content_only()
    {
        var x = Extract("On Monday, the minister said the plant will close by the end of next year.", "2022-07-08");
        var q = Assert.Single(x.Quotes);
        var t = Assert.Single(q.Times);
        Assert.Equal("the end of next year", t.Text);
        Assert.Equal("2023", t.Value);
        Assert.Equal("END", t.Mod);
        Assert.Equal(new DateOnly(2023, 12, 31), t.Due);
        Assert.Equal(2, x.Times.Count); // Monday is in the article's times, not the quote's
    }

    private static ArticleExtraction Dated(string id, string date, string text) =>
        VerbatimPipeline.Default.Extract(new Article(id, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), text));

    private static IReadOnlyList<ArticleExtraction> CommitmentCorpus() =>
    [
        Dated("a1", "2022-07-08", "Ukrainian President Volodymyr Zelenskyy said on Thursday that the war could be over by the end of 2022."),
        Dated("a2", "2022-07-08", "Mayor Anna Smith said the bridge will reopen in March."),
        Dated("a3", "2022-07-08", "Mayor Anna Smith said the bridge closed last week."),
    ];

    /// <summary>The default (export-based) implementation of <see cref="IQuoteStore.Commitments"/>, through a store that does not override it.</summary>
    private sealed class ExportOnlyStore(IQuoteStore inner) : IQuoteStore
    {
        public string Location => inner.Location;
        public bool ContainsContent(string contentHash) => inner.ContainsContent(contentHash);
        public IngestResult Ingest(IReadOnlyList<ArticleExtraction> batch, IReadOnlyList<Rejection>? rejections = null) => inner.Ingest(batch, rejections);
        public IReadOnlyList<StoredQuote> Search(SearchQuery query) => inner.Search(query);
        public IReadOnlyList<SpeakerSummary> Speakers(int limit) => inner.Speakers(limit);
        public IReadOnlyList<StoredQuote> QuotesBySpeaker(string speaker, int limit) => inner.QuotesBySpeaker(speaker, limit);
        public IEnumerable<ArticleExtraction> ExportArticles() => inner.ExportArticles();
        public IEnumerable<StoredQuote> ExportQuotes() => inner.ExportQuotes();
        public StoreStats Stats() => inner.Stats();
        public StoredQuote? Quote(string quoteId) => inner.Quote(quoteId);
        public ArticleExtraction? Article(string articleId) => inner.Article(articleId);
        public IReadOnlyList<SpeakerSummary> FindSpeakers(string? words, int limit) => inner.FindSpeakers(words, limit);
        public SpeakerProfile? Profile(string speakerId) => inner.Profile(speakerId);
        public void Dispose() => inner.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Commitments_are_quotes_pointing_after_they_were_said(bool defaultImplementation)
    {
        IQuoteStore store = SqliteQuoteStore.Open(_temp.File($"c{defaultImplementation}.db"));
        if (defaultImplementation) store = new ExportOnlyStore(store);
        using var s = store;
        s.Ingest(CommitmentCorpus());

        var all = s.Commitments(new CommitmentQuery());
        Assert.Equal(["2022-12-31", "2023-03-31"], all.Select(c => c.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateOnly(2022, 7, 7), all[0].Said);
        Assert.Equal("2022", all[0].Time.Value);
        Assert.Equal("END", all[0].Time.Mod);
        Assert.Equal("Volodymyr Zelenskyy", all[0].Quote.SpeakerName);

        Assert.Single(s.Commitments(new CommitmentQuery { DueBefore = new DateOnly(2023, 1, 1) }));
        Assert.Equal("2023-03", Assert.Single(s.Commitments(new CommitmentQuery { DueAfter = new DateOnly(2022, 12, 31) })).Time.Value);
        Assert.Equal("2023-03", Assert.Single(s.Commitments(new CommitmentQuery { Speaker = "anna smith" })).Time.Value);
        Assert.Single(s.Commitments(new CommitmentQuery { Speaker = "volodymyr-zelenskyy" }));
        Assert.Empty(s.Commitments(new CommitmentQuery { Speaker = "Nobody Here" }));
    }

    [Fact]
    public void The_commitments_command_filters_by_due_date_and_writes_json()
    {
        var path = _temp.File("cli.db");
        using (var s = SqliteQuoteStore.Open(path)) s.Ingest(CommitmentCorpus());
        var (rc, stdout, stderr) = CliProcess.Run("commitments", "--due-before", "2023-01-01", "--json", "--store", path);
        Assert.True(rc == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var c = Assert.Single(doc.RootElement.EnumerateArray().ToArray());
        Assert.Equal("2022-12-31", c.GetProperty("due").GetString());
        Assert.Equal("2022-07-07", c.GetProperty("said").GetString());
        Assert.Equal("the end of 2022", c.GetProperty("time").GetProperty("text").GetString());
        Assert.Equal("volodymyr-zelenskyy", c.GetProperty("quote").GetProperty("speaker").GetProperty("id").GetString());

        (rc, _, stderr) = CliProcess.Run("commitments", "--due-before", "soon", "--store", path);
        Assert.Equal(2, rc);
        Assert.Contains("--due-before: 'soon' is not a date", stderr);
    }

    private static string FixtureText => Path.Combine(RealDataTests.Shared, "fixtures", "zelenskyy-cnn-2022-07-08.txt");

    [SkippableFact]
    public void The_fixture_dates_its_quotes_and_its_war_prediction()
    {
        Skip.IfNot(File.Exists(FixtureText), $"../shared is absent: no {FixtureText}");
        var read = PlainTextReader.FromFile(FixtureText, "zelenskyy-cnn-2022-07-08", new ReaderOptions());
        Assert.True(read.IsArticle, read.Rejection?.Reason);
        var x = VerbatimPipeline.Default.Extract(read.Article!);
        var onThursday = x.Quotes.Where(q => q.Text.StartsWith("Ukraine will not give up", StringComparison.Ordinal)
            || q.Text.StartsWith("Ceding Ukrainian breakaway regions", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, onThursday.Count);
        Assert.All(onThursday, q => Assert.Equal(new DateOnly(2022, 7, 7), q.Uttered));

        var war = Assert.Single(x.Quotes, q => q.Text.Contains("the war could be over", StringComparison.Ordinal));
        var t = Assert.Single(war.Times);
        Assert.Equal(("2022", "END", new DateOnly(2022, 12, 31)), (t.Value, t.Mod, t.Due));

        var later = Assert.Single(x.Quotes, q => q.Text.Contains("before the end of the year", StringComparison.Ordinal));
        var y = Assert.Single(later.Times);
        Assert.Equal(("the end of the year", "2022", new DateOnly(2022, 12, 31)), (y.Text, y.Value, y.Due));
    }

    [Fact]
    public void TimeML_text_is_read_without_tags_and_scored_strict_relaxed_and_by_value()
    {
        const string tml = """
            <?xml version="1.0" ?>
            <TimeML>
            <DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-08" temporalFunction="false" functionInDocument="CREATION_TIME">1998-08-08</TIMEX3></DCT>
            <TEXT>
            Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; officials met <TIMEX3 tid="t2" type="DATE" value="1998-W31">last week</TIMEX3>, said <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3>.
            </TEXT>
            </TimeML>
            """;
        var doc = TimemlCorpus.Parse(tml, "d1");
        Assert.NotNull(doc);
        Assert.Equal(new DateOnly(1998, 8, 8), doc!.Article.Date);
        Assert.Equal(3, doc.Timexes.Count);
        Assert.All(doc.Timexes, t => Assert.Equal(t.Text, doc.Article.Text[t.Start..t.End]));
        Assert.Contains("Friday & officials", doc.Article.Text);

        var text = doc.Article.Text;
        int friday = text.IndexOf("Friday", StringComparison.Ordinal), week = text.IndexOf("last week", StringComparison.Ordinal);
        TimeRef[] predicted =
        [
            new(friday, friday + 6, "Friday", "1998-08-07", null, null), // exact, right value
            new(week + 5, week + 9, "week", "1998-W31", null, null),      // relaxed only
            new(0, 5, "Bombs", "1998", null, null),                       // false
        ];
        var r = TimemlScorer.ScoreDocument(doc, predicted);
        Assert.Single(r.Strict);
        Assert.Equal(2, r.Relaxed.Count);
        Assert.Equal(2, r.Value.Count);
        var eval = TimemlScorer.Evaluate([doc], _ => new ArticleExtraction(doc.Article, [], []) { Times = predicted });
        Assert.Equal(new Prf(2, 3, 3), eval.Scores.Value);
        Assert.Equal(new Prf(1, 3, 3), eval.Scores.Strict);
    }

    [Fact]
    public void Type_accuracy_takes_the_taggers_own_type_so_a_set_with_a_duration_value_counts_as_a_set()
    {
        const string tml = """
            <TimeML>
            <DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-08" functionInDocument="CREATION_TIME">1998-08-08</TIMEX3></DCT>
            <TEXT>The paper is printed <TIMEX3 tid="t1" type="SET" value="P1D">daily</TIMEX3> in Nairobi.</TEXT>
            </TimeML>
            """;
        var doc = TimemlCorpus.Parse(tml, "d1")!;
        int at = doc.Article.Text.IndexOf("daily", StringComparison.Ordinal);
        TimeRef[] predicted = [new(at, at + 5, "daily", "P1D", null, null)];
        var byValue = TimemlScorer.Evaluate([doc], _ => new ArticleExtraction(doc.Article, [], []) { Times = predicted });
        Assert.Equal(0, byValue.Scores.TypeRight); // P1D alone reads as a DURATION
        var typed = TimemlScorer.Evaluate([doc], _ => new ArticleExtraction(doc.Article, [], []) { Times = [predicted[0] with { Type = "SET" }] });
        Assert.Equal(1, typed.Scores.TypeRight);
        // And the pipeline gives the type: "daily" is a SET.
        var extraction = new PipelineBuilder().Add(new TokenizerStage()).Add(new SentenceStage()).Add(new TimeExpressionStage()).Build().Extract(doc.Article);
        Assert.Equal(["SET"], extraction.Times.Select(t => t.Type));
    }

    [Theory]
    [InlineData("1998-W7", "1998-W07", true)]
    [InlineData("199X", "199", true)]
    [InlineData("19XX", "19", true)]
    [InlineData("1998-08", "1998-08-01", false)]
    public void Values_compare_after_canonicalising_weeks_and_decades(string gold, string predicted, bool same) =>
        Assert.Equal(same, TimemlScorer.SameValue(gold, predicted));

    private static string TimeBank => Path.Combine(RealDataTests.Shared, "data", "temporal", "tempeval3", "TBAQ-cleaned", "TimeBank");

    [SkippableFact]
    public void TimeBank_scores_stay_above_a_floor()
    {
        Skip.IfNot(Directory.Exists(TimeBank), $"../shared is absent: no {TimeBank}");
        var eval = (TimemlEvaluation)Evaluator.Run(EvalCorpus.Timeml, TimeBank, VerbatimPipeline.Default.Extract);
        Assert.True(eval.Scores.Relaxed.F1 >= 0.90, eval.ToJson());
        Assert.True(eval.Scores.Value.F1 >= 0.77, eval.ToJson());
    }
}
