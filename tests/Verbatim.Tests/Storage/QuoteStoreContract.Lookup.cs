using Verbatim.Output;
using Verbatim.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Storage;

/// <summary>The <see cref="IQuoteLookup"/> part of the contract, and search paging.</summary>
public abstract partial class QuoteStoreContract
{
    [SkippableFact]
    public void Search_pages_with_an_offset()
    {
        var s = Filled();
        var all = s.Search(new SearchQuery { Limit = 100 }).Select(h => h.QuoteId).ToArray();
        var pages = Enumerable.Range(0, 3).SelectMany(p => s.Search(new SearchQuery { Limit = 3, Offset = p * 3 })).Select(h => h.QuoteId);
        Assert.Equal(all, pages);
        var ranked = s.Search(new SearchQuery { Words = "territory" }).Select(h => h.QuoteId).ToArray();
        Assert.Equal(ranked[1..], s.Search(new SearchQuery { Words = "territory", Offset = 1 }).Select(h => h.QuoteId));
        Assert.Empty(s.Search(new SearchQuery { Words = "territory", Offset = 3 }));
    }

    [SkippableFact]
    public void A_quote_is_found_by_its_id()
    {
        var s = Filled();
        var q = s.Quote("biden-2022-06-01#q2");
        Assert.NotNull(q);
        Assert.Equal(("biden-2022-06-01", "Reuters", "The economy is strong", "joe-biden", "told", QuoteKind.Indirect),
            (q.ArticleId, q.Publisher, q.Text, q.SpeakerId, q.Cue, q.Kind));
        Assert.Equal(new DateOnly(2022, 6, 1), q.Date);
        Assert.Null(s.Quote("nope#q1"));
        Assert.Null(s.Quote("' OR 1=1 --"));
    }

    [SkippableFact]
    public void An_article_comes_back_whole_with_its_offsets()
    {
        var s = Filled();
        var x = s.Article("zelenskyy-2022-07-08");
        Assert.NotNull(x);
        Assert.Equal(ExtractionJson.ToJson(Zelenskyy), ExtractionJson.ToJson(x));
        Assert.Equal(Zelenskyy.Article.Text, x.Article.Text);
        foreach (var q in x.Quotes)
            Assert.Equal(q.Text, string.Join(' ', q.Content.Select(c => c.TextOf(x.Article.Text))));
        Assert.Null(s.Article("missing"));
    }

    [SkippableFact]
    public void Speakers_are_found_by_part_of_a_name()
    {
        var s = Filled();
        Assert.Equal(["volodymyr-zelenskyy"], s.FindSpeakers("zelen", 10).Select(x => x.Id));
        Assert.Equal(["joe-biden"], s.FindSpeakers("JOE", 10).Select(x => x.Id));
        Assert.Equal(["volodymyr-zelenskyy", "joe-biden", "olaf-scholz"], s.FindSpeakers(null, 10).Select(x => x.Id));
        Assert.Equal(2, s.FindSpeakers(" ", 2).Count);
        Assert.Empty(s.FindSpeakers("%", 10));
        Assert.Empty(s.FindSpeakers("_", 10));
        Assert.Equal(4, s.FindSpeakers("volodymyr", 10).Single().Quotes);
    }

    [SkippableFact]
    public void A_speaker_profile_has_names_titles_and_dates()
    {
        var s = CreateStore();
        var variant = Article("zelensky-variant", "2022-07-08", "BBC", "\"We stand,\" Volodymyr Zelenskyy said.", new Q("We stand,", "Volodymyr Zelenskyy"));
        s.Ingest([.. All, variant]);
        var p = s.Profile("volodymyr-zelenskyy");
        Assert.NotNull(p);
        Assert.Equal(("Volodymyr Zelenskyy", 5, 4), (p.Summary.Name, p.Summary.Quotes, p.Summary.Articles));
        Assert.Equal([new NameCount("Volodymyr Zelenskyy", 5)], p.Aliases);
        Assert.Equal(
            [new DateCount(new(2022, 3, 1), 1), new DateCount(new(2022, 7, 8), 3), new DateCount(new(2022, 9, 1), 1)],
            p.QuotesByDate);
        Assert.Null(s.Profile("nobody"));
    }
}
