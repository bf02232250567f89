using Verbatim.Corpus;
using Verbatim.Storage;
using Verbatim.Tests.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Corpus;

/// <summary>A small corpus with known answers, shared by the verify cases (built once).</summary>
/// <summary>A small corpus with known answers, built on first use (so a PostgreSQL test can still skip).</summary>
public abstract class VerifyCorpus : IDisposable
{
    private IQuoteStore? _store;

    /// <summary>A new, empty store that has the corpus view.</summary>
    protected abstract IQuoteStore OpenStore();

    public ICorpusStore Store => (ICorpusStore)(_store ??= Build());

    private IQuoteStore Build()
    {
        var store = OpenStore();
        ArticleExtraction A(string id, string date, string publisher, string speaker, string words) =>
            Article(id, date, publisher, $"{speaker} said: \u201C{words}\u201D", new Q(words, speaker));
        store.Ingest([
            A("ht-0314-morell", "2031-03-14", "Harbor Times", "Prime Minister Ana Morell",
                "Port Emry is the front door of this country, and nobody, not a union and not a company, gets to lock it."),
            A("nw-0315-morell", "2031-03-15", "Northern Wire", "Ana Morell",
                "Port Emry is the front door of this country \u2013 and nobody \u2013 not a union and not a company \u2013 gets to lock it."),
            A("ht-0310-mirzhanenko", "2031-03-10", "Harbor Times", "Teodor Mirzhanenko", ClusterTexts.Sixty),
            A("vl-0320-pereth", "2031-03-20", "Valdoria Ledger", "Lucan Pereth",
                "Inflation will be back at two per cent in 2032, and we will not hesitate to act to make sure of it."),
            A("ht-0430-ostrand", "2031-04-30", "Harbor Times", "Finance Minister Helka Ostrand",
                "We learned this spring what happens when a country forgets who works its harbours."),
            A("ht-0430-lindqvar", "2031-04-30", "Harbor Times", "Josef Lindqvar", "I congratulate the finance minister on her timing."),
            A("eep-0318-davor", "2031-03-18", "Emry Evening Post", "Davor Ostrand",
                "I am not here to make a speech, I am here because these are the people who came to watch me play."),
            A("ht-0314-ardoux", "2031-03-14", "Harbor Times", "Sabine Ardoux",
                "We regret that the federation has chosen to stop the port rather than talk to us."),
            A("cnn-2022-zelensky", "2022-07-08", "CNN", "Volodymyr Zelensky",
                "We will fight for every territory, every village, every territory of our land."),
            A("reuters-2022-biden", "2022-06-01", "Reuters", "Joe Biden", "We will support Ukraine as long as it takes."),
            A("reuters-2022-scholz", "2022-08-15", "Reuters", "Olaf Scholz", "We are prepared for a difficult winter, and the energy supply is secure."),
        ]);
        return store;
    }

    public virtual void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteVerifyCorpus : VerifyCorpus
{
    private readonly TempFolder _temp = new();

    protected override IQuoteStore OpenStore() => SqliteQuoteStore.Open(_temp.File("verify.db"));

    public override void Dispose()
    {
        base.Dispose();
        _temp.Dispose();
    }
}

public sealed class PostgresVerifyCorpus : VerifyCorpus
{
    private readonly PostgresTestDatabase _db = new();

    protected override IQuoteStore OpenStore() => PostgresQuoteStore.Open(_db.NewSchemaUrl());

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}

public sealed class SqliteVerifyTests(SqliteVerifyCorpus corpus) : VerifyContract(corpus), IClassFixture<SqliteVerifyCorpus>;

/// <summary>The same on PostgreSQL (skipped without <c>VERBATIM_TEST_POSTGRES</c>).</summary>
public sealed class PostgresVerifyTests(PostgresVerifyCorpus corpus) : VerifyContract(corpus), IClassFixture<PostgresVerifyCorpus>;

public abstract class VerifyContract(VerifyCorpus corpus)
{
    /// <summary>The table: claim, claimed speaker (or empty), expected verdict.</summary>
    public static readonly TheoryData<string, string, string> Cases = new()
    {
        // verbatim: the same words after normalising marks, dashes, case and punctuation; any spelling of the speaker
        { "Port Emry is the front door of this country, and nobody, not a union and not a company, gets to lock it.", "Ana Morell", "verbatim" },
        { "\u201Cinflation will be back at two per cent in 2032 \u2014 and we will not hesitate to act to make sure of it\u201D", "Lukan Pereth", "verbatim" },
        { "We learned this spring what happens when a country forgets who works its harbours", "", "verbatim" },
        { "'I congratulate the Finance Minister on her timing'", "Lindqvar", "verbatim" },
        { "We will fight for every territory, every village, every territory of our land", "Zelenskiy", "verbatim" },
        { "we regret that the federation has chosen to stop the port rather than talk to us", "Sabine Ardoux", "verbatim" },
        { "We will support Ukraine as long as it takes!", "President Joe Biden", "verbatim" },
        // altered: words changed, added or dropped
        { "Port Emry is the back door of this country, and nobody, not a union and not a company, gets to lock it.", "Ana Morell", "altered" },
        { "Inflation will be back at three per cent in 2032, and we will not hesitate to act to make sure of it.", "", "altered" },
        { "We learned this spring what happens when a nation forgets who works its harbours.", "Helka Ostrand", "altered" },
        { "We will fight for every territory, every city, every territory of our land.", "Zelensky", "altered" },
        { "We regret that the federation has decided to stop the port rather than talk to us.", "", "altered" },
        { "We are prepared for a very difficult winter, and the energy supply is secure.", "Olaf Scholz", "altered" },
        // misattributed: said, but by someone else
        { "Port Emry is the front door of this country, and nobody, not a union and not a company, gets to lock it.", "Sabine Ardoux", "misattributed" },
        { "Inflation will be back at two per cent in 2032, and we will not hesitate to act to make sure of it.", "Ana Morell", "misattributed" },
        { "We learned this spring what happens when a country forgets who works its harbours.", "Davor Ostrand", "misattributed" },
        { "I am not here to make a speech, I am here because these are the people who came to watch me play.", "Helka Ostrand", "misattributed" },
        { "We will fight for every territory, every village, every territory of our land.", "Joe Biden", "misattributed" },
        { "We will support Ukraine as long as it takes.", "Zelensky", "misattributed" },
        // fragment: part of a longer quote
        { "knows what this port is made of", "Teodor Mirzhanenko", "fragment" },
        { "\"not a union and not a company\"", "Morell", "fragment" },
        { "we will not hesitate to act", "", "fragment" },
        { "what happens when a country forgets who works its harbours", "Helka Ostrand", "fragment" },
        { "every village, every territory of our land", "", "fragment" },
        { "the energy supply is secure", "Scholz", "fragment" },
        // not found
        { "The harbour will be fully automated by next spring.", "", "not_found" },
        { "We will never negotiate with the union.", "Sabine Ardoux", "not_found" },
        { "Inflation is a myth invented by economists.", "", "not_found" },
        { "I love football more than politics.", "Davor Ostrand", "not_found" },
        { "The moon is made of cheese.", "", "not_found" },
        { "Nobody gets to lock the front gate of the harbour at night.", "Ana Morell", "not_found" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Verdicts(string claim, string speaker, string expected)
    {
        var result = corpus.Store.Verify(new VerifyQuery(claim) { Speaker = speaker.Length == 0 ? null : speaker });
        Assert.Equal(expected, VerifyResult.Name(result.Verdict));
        if (result.Verdict != Verdict.NotFound) Assert.NotEmpty(result.Matches);
    }

    [SkippableFact]
    public void The_table_has_at_least_five_cases_of_each_verdict()
    {
        var counts = Cases.Select(c => (string)c[2]).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5, counts.Count);
        Assert.All(counts.Values, n => Assert.True(n >= 5));
        Assert.True(Cases.Count >= 30);
    }

    [SkippableFact]
    public void Altered_shows_the_word_difference()
    {
        var r = corpus.Store.Verify(new VerifyQuery("Port Emry is the back door of this country, and nobody, not a union and not a company, gets to lock it.") { Speaker = "Morell" });
        Assert.Equal(Verdict.Altered, r.Verdict);
        Assert.Contains("[-front-] {+back+}", r.Diff, StringComparison.Ordinal);
        Assert.Equal("ht-0314-morell", r.Matches[0].Article);
        Assert.Equal(new DateOnly(2031, 3, 14), r.Matches[0].FirstSeen);
        Assert.Equal(2, r.Matches[0].Articles);
        Assert.True(r.Matches[0].Similarity is > 0.9 and < 1);
    }

    [SkippableFact]
    public void Fragment_shows_the_rest_and_misattributed_says_who()
    {
        var f = corpus.Store.Verify(new VerifyQuery("knows what this port is made of"));
        Assert.Equal(Verdict.Fragment, f.Verdict);
        Assert.StartsWith("We did not build this harbour", f.FullText, StringComparison.Ordinal);
        Assert.Equal("Teodor Mirzhanenko", f.Matches[0].Speaker);

        var m = corpus.Store.Verify(new VerifyQuery("We will support Ukraine as long as it takes.") { Speaker = "Zelensky" });
        Assert.Equal(Verdict.Misattributed, m.Verdict);
        Assert.Equal("Joe Biden", m.SaidBy);
        Assert.Equal(1.0, m.Matches[0].Similarity);
    }
}
