using Verbatim.Output;
using Verbatim.Readers;
using Verbatim.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Storage;

/// <summary>
/// What every <see cref="IQuoteStore"/> must do, whatever the engine. A new store (PostgreSQL) derives from
/// this class and supplies <see cref="CreateStore"/>.
/// </summary>
public abstract partial class QuoteStoreContract : IDisposable
{
    private readonly List<IQuoteStore> _opened = [];

    /// <summary>A new, empty store.</summary>
    protected abstract IQuoteStore NewStore();

    protected IQuoteStore CreateStore()
    {
        var s = NewStore();
        _opened.Add(s);
        return s;
    }

    public virtual void Dispose()
    {
        foreach (var s in _opened) s.Dispose();
        GC.SuppressFinalize(this);
    }

    protected IQuoteStore Filled()
    {
        var s = CreateStore();
        s.Ingest(All);
        return s;
    }

    [SkippableFact]
    public void Ingesting_twice_stores_once()
    {
        var s = CreateStore();
        var first = s.Ingest([Zelenskyy, Biden]);
        Assert.Equal(new IngestResult(2, 0, 4, 0), first);

        var second = s.Ingest([Zelenskyy, Biden, Scholz]);
        Assert.Equal(new IngestResult(1, 2, 2, 0), second);

        var stats = s.Stats();
        Assert.Equal(3, stats.Articles);
        Assert.Equal(6, stats.Quotes);
        Assert.Equal(6, s.ExportQuotes().Select(q => q.QuoteId).Distinct().Count());
    }

    [SkippableFact]
    public void The_same_text_under_another_id_is_the_same_article()
    {
        var s = CreateStore();
        var copy = Zelenskyy with { Article = Zelenskyy.Article with { Id = "a-copy", Publisher = "Elsewhere" } };
        var result = s.Ingest([Zelenskyy, copy]);
        Assert.Equal(1, result.Stored);
        Assert.Equal(1, result.Skipped);
        Assert.True(s.ContainsContent(ContentHash.Of(Zelenskyy.Article.Text)));
        Assert.False(s.ContainsContent(ContentHash.Of(Biden.Article.Text)));
    }

    [SkippableFact]
    public void A_failing_batch_stores_nothing_and_can_be_retried()
    {
        var s = CreateStore();
        var broken = Biden with { Quotes = [Biden.Quotes[0] with { Text = null! }] }; // violates NOT NULL mid-batch
        Assert.ThrowsAny<Exception>(() => s.Ingest([Zelenskyy, broken], [new Rejection("x.jsonl:3", "not JSON")]));

        var stats = s.Stats();
        Assert.Equal(0, stats.Articles);
        Assert.Equal(0, stats.Quotes);
        Assert.Equal(0, stats.Rejects);
        Assert.Equal(0, stats.Speakers);
        Assert.False(s.ContainsContent(ContentHash.Of(Zelenskyy.Article.Text)));

        Assert.Equal(2, s.Ingest([Zelenskyy, Biden]).Stored);
    }

    [SkippableFact]
    public void Rejections_are_stored_once_per_record_and_reason()
    {
        var s = CreateStore();
        Rejection[] rejects = [new("in.jsonl:2", "not a JSON object"), new("in.jsonl:7", "text is empty")];
        Assert.Equal(2, s.Ingest([], rejects).Rejected);
        s.Ingest([], rejects); // a re-run rejects the same records again
        Assert.Equal(2, s.Stats().Rejects);
    }

    [SkippableFact]
    public void Search_ranks_by_relevance_and_highlights()
    {
        var s = Filled();
        var hits = s.Search(new SearchQuery { Words = "territory" });
        // Three quotes say "territory"; the one saying it twice in few words ranks first.
        Assert.Equal(["zelenskyy-2022-07-08#q2", "zelenskyy-2022-07-08#q1", "biden-2022-06-01#q1"], hits.Select(h => h.QuoteId));
        Assert.All(hits, h => Assert.NotNull(h.Score));
        Assert.True(hits[0].Score <= hits[1].Score && hits[1].Score <= hits[2].Score);
        Assert.Contains("[territory]", hits[0].Snippet);
        Assert.Equal("CNN", hits[0].Publisher);
        Assert.Equal("volodymyr-zelenskyy", hits[0].SpeakerId);
        Assert.Equal("Volodymyr Zelenskyy", hits[0].SpeakerName);
    }

    [SkippableFact]
    public void Search_needs_every_word_and_matches_word_forms()
    {
        var s = Filled();
        Assert.Equal(["biden-2022-06-01#q1"], s.Search(new SearchQuery { Words = "territory Kyiv" }).Select(h => h.QuoteId));
        Assert.Equal(["zelenskyy-2022-03-01#q1"], s.Search(new SearchQuery { Words = "defend" }).Select(h => h.QuoteId)); // "defending"
        Assert.Equal(["zelenskyy-2022-09-01#q1"], s.Search(new SearchQuery { Words = "counteroff*" }).Select(h => h.QuoteId));
        Assert.Empty(s.Search(new SearchQuery { Words = "territory winter" }));
    }

    [SkippableFact]
    public void Search_filters_by_speaker_date_and_publisher()
    {
        var s = Filled();
        string[] Ids(SearchQuery q) => s.Search(q).Select(h => h.QuoteId).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["biden-2022-06-01#q1"], Ids(new SearchQuery { Words = "territory", Speaker = "joe biden" }));
        Assert.Equal(["biden-2022-06-01#q1"], Ids(new SearchQuery { Words = "territory", Speaker = "joe-biden" }));
        Assert.Equal(["zelenskyy-2022-07-08#q1", "zelenskyy-2022-07-08#q2"], Ids(new SearchQuery { Words = "territory", From = new(2022, 7, 1) }));
        Assert.Equal(["biden-2022-06-01#q1"], Ids(new SearchQuery { Words = "territory", To = new(2022, 6, 30) }));
        Assert.Equal(["biden-2022-06-01#q1"], Ids(new SearchQuery { Words = "territory", Publisher = "reuters" }));
        Assert.Empty(Ids(new SearchQuery { Words = "territory", Publisher = "BBC" }));
        Assert.Equal(["scholz-2022-08-15#q1", "scholz-2022-08-15#q2"],
            Ids(new SearchQuery { Speaker = "Olaf Scholz", From = new(2022, 8, 15), To = new(2022, 8, 15), Publisher = "Reuters" }));
    }

    [SkippableFact]
    public void Search_without_words_filters_newest_first()
    {
        var s = Filled();
        var hits = s.Search(new SearchQuery { Speaker = "Volodymyr Zelenskyy", Limit = 3 });
        Assert.Equal(["zelenskyy-2022-09-01#q1", "zelenskyy-2022-07-08#q1", "zelenskyy-2022-07-08#q2"], hits.Select(h => h.QuoteId));
        Assert.All(hits, h => Assert.Null(h.Snippet));
        Assert.Equal(8, s.Search(new SearchQuery { Limit = 100 }).Count);
    }

    [SkippableTheory]
    [InlineData("\"")]
    [InlineData("\"territory")]
    [InlineData("territory\"")]
    [InlineData("*")]
    [InlineData("territory*")]
    [InlineData("*territory")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(territory peace")]
    [InlineData("NEAR(territory peace, 2)")]
    [InlineData("-")]
    [InlineData("-territory")]
    [InlineData(":")]
    [InlineData("text:territory")]
    [InlineData("territory AND")]
    [InlineData("OR")]
    [InlineData("NOT territory")]
    [InlineData("^territory")]
    [InlineData("(territory")]
    [InlineData("{text}: territory")]
    [InlineData("terr\u0000itory")]
    [InlineData("'; DROP TABLE quotes; --")]
    public void Search_with_query_syntax_characters_does_not_throw(string words)
    {
        var s = Filled();
        var hits = s.Search(new SearchQuery { Words = words });
        Assert.NotNull(hits);
        Assert.Equal(8, s.Stats().Quotes);
    }

    [SkippableTheory]
    [InlineData("\"territory")]
    [InlineData("territory:")]
    [InlineData("-territory")]
    [InlineData("(territory)")]
    public void Syntax_characters_are_plain_text_around_a_word(string words)
    {
        var s = Filled();
        Assert.Equal(3, s.Search(new SearchQuery { Words = words }).Count);
    }

    [SkippableFact]
    public void Operators_are_words_not_syntax()
    {
        var s = CreateStore();
        s.Ingest([Article("ops", "2022-01-01", null, "\"Cats AND dogs, NOT mice,\" Jane Doe said.", new Q("Cats AND dogs, NOT mice,", "Jane Doe"))]);
        Assert.Single(s.Search(new SearchQuery { Words = "NOT mice" }));
        Assert.Single(s.Search(new SearchQuery { Words = "cats AND" }));
        Assert.Empty(s.Search(new SearchQuery { Words = "cats OR birds" })); // OR is a word here, and "birds" is absent
    }

    [SkippableFact]
    public void Words_with_nothing_searchable_find_nothing()
    {
        var s = Filled();
        Assert.Empty(s.Search(new SearchQuery { Words = "\" * - :" }));
    }

    [SkippableFact]
    public void Speakers_are_counted_most_quoted_first()
    {
        var s = Filled();
        var speakers = s.Speakers(10);
        Assert.Equal(["volodymyr-zelenskyy", "joe-biden", "olaf-scholz"], speakers.Select(x => x.Id));
        var z = speakers[0];
        Assert.Equal(("Volodymyr Zelenskyy", 4, 3), (z.Name, z.Quotes, z.Articles));
        Assert.Equal((new DateOnly(2022, 3, 1), new DateOnly(2022, 9, 1)), (z.First!.Value, z.Last!.Value));
        Assert.Equal(2, speakers[1].Quotes);
        Assert.Equal(2, speakers[2].Quotes);
        Assert.Single(s.Speakers(1));
        Assert.Equal(3, s.Stats().Speakers);
    }

    [SkippableFact]
    public void Quotes_by_speaker_come_in_date_order()
    {
        var s = Filled(); // ingested out of date order
        var expected = new[] { "zelenskyy-2022-03-01#q1", "zelenskyy-2022-07-08#q1", "zelenskyy-2022-07-08#q2", "zelenskyy-2022-09-01#q1" };
        Assert.Equal(expected, s.QuotesBySpeaker("volodymyr-zelenskyy", 10).Select(q => q.QuoteId));
        Assert.Equal(expected, s.QuotesBySpeaker("VOLODYMYR ZELENSKYY", 10).Select(q => q.QuoteId));
        Assert.Equal(expected[..2], s.QuotesBySpeaker("Volodymyr Zelenskyy", 2).Select(q => q.QuoteId));
        Assert.Empty(s.QuotesBySpeaker("Nobody Atall", 10));
        var first = s.QuotesBySpeaker("volodymyr-zelenskyy", 1)[0];
        Assert.Equal((new DateOnly(2022, 3, 1), "CNN", "said", QuoteKind.Direct), (first.Date!.Value, first.Publisher, first.Cue, first.Kind));
    }

    [SkippableFact]
    public void Export_round_trips_the_schema_json()
    {
        var s = CreateStore();
        var rich = Zelenskyy with
        {
            Quotes =
            [
                Zelenskyy.Quotes[0] with
                {
                    Addressee = new SpanText(0, 10, "Ukrainian "),
                    Times = [new TimeRef(3, 9, "by end", "2022", "END", new DateOnly(2022, 12, 31)), new TimeRef(1, 2, "x", "2022-W26", null, null)],
                },
                Zelenskyy.Quotes[1] with { Content = [new TextSpan(117, 150), new TextSpan(160, 170)], Cue = null, Source = null, Speaker = null, Confidence = 0.12345 },
            ],
        };
        var noDate = Scholz with { Article = Scholz.Article with { Date = null, Title = null, Url = null, Publisher = null, Origin = null } };
        var noQuotes = new ArticleExtraction(new Article("empty", new DateOnly(2020, 1, 1), "Nothing was said here."), [], []);
        ArticleExtraction[] inputs = [rich, Biden, noDate, noQuotes];
        s.Ingest(inputs);

        var exported = s.ExportArticles().ToArray();
        Assert.Equal(inputs.Select(ExtractionJson.ToJson), exported.Select(ExtractionJson.ToJson));
        Assert.Equal(inputs.Select(x => x.Article.Text), exported.Select(x => x.Article.Text));
        Assert.Equal(rich.Quotes[0].Times, exported[0].Quotes[0].Times);
        Assert.Equal(0.12345, exported[0].Quotes[1].Confidence, 10);
    }

    [SkippableFact]
    public void Export_gives_corpus_wide_speaker_ids()
    {
        var s = CreateStore();
        // The pipeline may number speakers per article; the store maps them to the corpus-wide id.
        var local = Biden with
        {
            Speakers = [Biden.Speakers[0] with { Id = "s1" }],
            Quotes = Biden.Quotes.Select(q => q with { Speaker = q.Speaker! with { Id = "s1" } }).ToArray(),
        };
        s.Ingest([local]);
        var x = s.ExportArticles().Single();
        Assert.Equal("joe-biden", x.Speakers.Single().Id);
        Assert.All(x.Quotes, q => Assert.Equal("joe-biden", q.Speaker!.Id));
        Assert.Equal(2, s.QuotesBySpeaker("joe-biden", 10).Count);
    }

    [SkippableFact]
    public void Csv_export_escapes_commas_quotes_and_newlines()
    {
        var s = CreateStore();
        var text = "Jane Doe said: \"One, two \"\"three\"\"\nand four.\" Then silence.";
        var tricky = Article("csv,1", "2022-02-02", "Pub, \"Inc\"", text, new Q("One, two \"\"three\"\"\nand four.", "Jane Doe"));
        s.Ingest([tricky, Scholz]);

        var csv = new StringWriter();
        QuoteCsv.Write(csv, s.ExportQuotes());
        var rows = CsvTests.Parse(csv.ToString());

        Assert.Equal(QuoteCsv.Header, rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["csv,1#q1", "csv,1", "2022-02-02", "Pub, \"Inc\"", "direct", "Jane Doe", "jane-doe", "said", "", "0.5", "One, two \"\"three\"\"\nand four."], rows[1]);
        Assert.Equal(["scholz-2022-08-15#q2", "scholz-2022-08-15", "2022-08-15", "Reuters", "direct", "Olaf Scholz", "olaf-scholz", "said", "", "0.625", "We are prepared,"], rows[3]);
    }

    [SkippableFact]
    public void Stats_count_articles_quotes_by_kind_speakers_and_rejects()
    {
        var s = CreateStore();
        s.Ingest(All, [new Rejection("bad.txt", "empty")]);
        var st = s.Stats();
        Assert.Equal(5, st.Articles);
        Assert.Equal(8, st.Quotes);
        Assert.Equal(5, st.QuotesByKind[QuoteKind.Direct]);
        Assert.Equal(3, st.QuotesByKind[QuoteKind.Indirect]);
        Assert.Equal(0, st.QuotesByKind[QuoteKind.Mixed]);
        Assert.Equal(3, st.Speakers);
        Assert.Equal(1, st.Rejects);
        Assert.True(st.SizeBytes > 0);
        Assert.Equal((new DateOnly(2022, 3, 1), new DateOnly(2022, 9, 1)), (st.FirstDate!.Value, st.LastDate!.Value));
    }
}
