using Verbatim.Corpus;
using Verbatim.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Storage;

/// <summary>
/// The corpus view of every store, and what two instances of one store (two processes) see of each other's writes:
/// each writer decides speakers and clusters against everything the other committed, so there is one speaker per person
/// and one cluster per utterance whichever instance wrote what.
/// </summary>
public abstract partial class QuoteStoreContract
{
    /// <summary>Another instance on the same store, as a second process would open it.</summary>
    protected IQuoteStore Second(IQuoteStore store)
    {
        var s = QuoteStores.Open(store.Location);
        _opened.Add(s);
        return s;
    }

    private static ArticleExtraction Saying(string id, string date, string publisher, string speaker, string words) =>
        Article(id, date, publisher, $"\u201C{words},\u201D {speaker} said.", new Q(words + ",", speaker));

    private const string Fight = "We will fight for every territory, every village, every territory of our land";

    [SkippableFact]
    public void Every_store_has_the_corpus_view()
    {
        var s = Filled();
        var corpus = Assert.IsAssignableFrom<ICorpusStore>(s);
        var cluster = corpus.ClusterOfQuote("zelenskyy-2022-07-08#q2");
        Assert.NotNull(cluster);
        Assert.Equal("zelenskyy-2022-07-08", cluster.FirstArticle);
        Assert.Equal("verbatim", VerifyResult.Name(corpus.Verify(new VerifyQuery(Fight) { Speaker = "Zelenskyy" }).Verdict));
        Assert.Equal(Verdict.NotFound, corpus.Verify(new VerifyQuery("Bananas are the fruit of the gods")).Verdict);
        var zelenskyy = corpus.Speaker("Zelensky");
        Assert.NotNull(zelenskyy);
        Assert.Equal(4, zelenskyy.Quotes);
        Assert.Null(corpus.Speaker("Nobody Atall"));
    }

    [SkippableFact]
    public void Two_instances_writing_in_turn_share_speakers_and_clusters()
    {
        var a = CreateStore();
        var b = Second(a);
        a.Ingest([Saying("a1", "2022-07-09", "CNN", "Volodymyr Zelenskyy", Fight)]);
        b.Ingest([Saying("b1", "2022-07-08", "BBC", "Zelensky", Fight.Replace("every village", "every single village", StringComparison.Ordinal))]);
        a.Ingest([Saying("a2", "2022-07-10", "Reuters", "Zelenskiy", "every village, every territory of our land")]);
        b.Ingest([Saying("b2", "2022-07-11", "AP", "Joe Biden", "We will support Ukraine as long as it takes")]);

        foreach (var s in new[] { a, b })
        {
            var quotes = s.ExportQuotes().ToList();
            Assert.Equal(4, quotes.Count);
            Assert.Single(quotes.Where(q => q.ArticleId != "b2").Select(q => q.SpeakerId).Distinct());
            Assert.Equal(2, s.Stats().Speakers);
            var corpus = (ICorpusStore)s;
            var cluster = Assert.Single(corpus.Clusters(10), c => c.Articles > 1);
            Assert.Equal(3, cluster.Articles);
            Assert.Equal("b1", cluster.FirstArticle); // b's earlier article, though a wrote first
            Assert.Equal(cluster.Id, corpus.ClusterOfQuote("a2#q1")!.Id);
            Assert.Equal(3, corpus.Speaker("Zelenskyy")!.Names.Count);
        }
    }

    [SkippableFact]
    public void A_correction_by_one_instance_holds_for_the_other()
    {
        var a = CreateStore();
        var b = Second(a);
        a.Ingest([Saying("a1", "2022-07-09", "CNN", "Jozef Lindkvar", "A taxi to the harbour"), Saying("a2", "2022-07-09", "CNN", "Coastal Alliance leader", "A budget for the port")]);
        Assert.NotNull(((ICorpusStore)b).Speaker("Lindkvar")); // b has loaded its view before the correction
        ((ICorpusStore)a).MergeSpeakers("Coastal Alliance leader", "Jozef Lindkvar");
        ((ICorpusStore)a).RenameSpeaker("Jozef Lindkvar", "Jozef K. Lindkvar");
        b.Ingest([Saying("b1", "2022-07-10", "BBC", "Coastal Alliance leader", "Another budget for the port")]);
        var ids = b.ExportQuotes().Select(q => q.SpeakerId).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal("Jozef K. Lindkvar", ((ICorpusStore)b).Speaker("Lindkvar")!.Name);
        Assert.Equal(3, a.QuotesBySpeaker("Jozef K. Lindkvar", 10).Count);
    }

    [SkippableFact]
    public void Commitments_are_the_same_query_on_every_store()
    {
        var s = CreateStore();
        var x = Saying("c1", "2022-07-08", "CNN", "Ana Morell", "The mediator will be named by Friday");
        var q = x.Quotes[0];
        var due = new TimeRef(0, 1, "by Friday", "2022-07-15", "BEFORE", new DateOnly(2022, 7, 15));
        var past = new TimeRef(0, 1, "last week", "2022-W26", null, new DateOnly(2022, 7, 1));
        s.Ingest([x with { Quotes = [q with { Times = [past, due] }] }]);
        var found = Assert.Single(s.Commitments(new CommitmentQuery()));
        Assert.Equal(new DateOnly(2022, 7, 15), found.Due);
        Assert.Equal("c1#q1", found.Quote.QuoteId);
        Assert.Single(s.Commitments(new CommitmentQuery { Speaker = "Morell" }));
        Assert.Empty(s.Commitments(new CommitmentQuery { DueBefore = new DateOnly(2022, 7, 15) }));
        Assert.Empty(s.Commitments(new CommitmentQuery { Speaker = "Joe Biden" }));
    }
}
