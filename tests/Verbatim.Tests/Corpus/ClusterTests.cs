using Verbatim.Corpus;
using Verbatim.Storage;
using Verbatim.Tests.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Corpus;

/// <summary>Texts the cluster and verify tests share.</summary>
internal static class ClusterTexts
{
    public const string Sixty =
        "We did not build this harbour so that a machine could be handed the keys to it, and we will not stand by while a company " +
        "that has never loaded a single crate tells us that our work is finished, because every family on the waterfront knows " +
        "what this port is made of and who keeps it running through winter";
}

public abstract class ClusterContract<TStore> : IDisposable where TStore : class, IQuoteStore, ICorpusStore
{
    private readonly TempFolder _temp = new();

    public virtual void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the store called <paramref name="name"/>, creating it the first time (the same name is the same store).</summary>
    protected abstract TStore Open(string name);

    private TStore NewStore() => Open($"{Guid.NewGuid():N}.db");

    internal const string Sixty = ClusterTexts.Sixty;

    [SkippableFact]
    public void Normalising_removes_marks_dashes_case_and_punctuation()
    {
        Assert.Equal("we will fight dont stop 2000 times", MatchText.Normalise("“We WILL fight” — don’t stop; 2,000 times!"));
        Span<ulong> a = stackalloc ulong[16];
        Span<ulong> b = stackalloc ulong[16];
        var na = MatchText.Hashes("\"Café—au lait,\" she said", a);
        var nb = MatchText.Hashes("cafe au LAIT she said", b);
        Assert.True(a[..na].SequenceEqual(b[..nb]));
    }

    [SkippableFact]
    public void Two_outlets_with_other_marks_and_a_typo_make_one_cluster_first_seen_at_the_earlier_article()
    {
        using var s = NewStore();
        // The later article is ingested first: first-seen follows the article date, not the ingest order.
        var later = Article("wire-2031-03-15", "2031-03-15", "Northern Wire",
            "\u201CPort Emry is the front door of this country \u2013 and nobody, not a union and not a compnay, gets to lock it,\u201D Ana Morell said.",
            new Q("Port Emry is the front door of this country \u2013 and nobody, not a union and not a compnay, gets to lock it,", "Ana Morell"));
        var earlier = Article("times-2031-03-14", "2031-03-14", "Harbor Times",
            "Ana Morell said: \"Port Emry is the front door of this country, and nobody, not a union and not a company, gets to lock it.\"",
            new Q("Port Emry is the front door of this country, and nobody, not a union and not a company, gets to lock it.", "Ana Morell"));
        s.Ingest([later]);
        s.Ingest([earlier]);

        var clusters = s.Clusters(10);
        var c = Assert.Single(clusters);
        Assert.Equal("times-2031-03-14", c.FirstArticle);
        Assert.Equal(new DateOnly(2031, 3, 14), c.FirstSeen);
        Assert.Equal(2, c.Articles);
        Assert.Equal(2, c.Publishers);
        Assert.Equal(2, c.Variants.Count);
        Assert.Contains(c.Variants, v => v.Text.Contains("compnay", StringComparison.Ordinal));
        Assert.Equal(c.Id, s.ClusterOfQuote("wire-2031-03-15#q1")!.Id);
    }

    [SkippableFact]
    public void The_same_words_in_other_marks_are_one_variant()
    {
        using var s = NewStore();
        s.Ingest([
            Article("a", "2031-03-14", "A", "\u201CWe will stay out as long as it takes,\u201D Teodor Mirzhanenko said.", new Q("We will stay out as long as it takes,", "Teodor Mirzhanenko")),
            Article("b", "2031-03-15", "B", "'We will stay out - as long as it TAKES' Teodor Mirzhanenko said.", new Q("We will stay out - as long as it TAKES", "Teodor Mirzhanenko")),
        ]);
        var c = Assert.Single(s.Clusters(10));
        Assert.Single(c.Variants);
        Assert.Equal(2, c.Quotes);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_six_word_fragment_attaches_to_its_sixty_word_quote(bool fragmentFirst)
    {
        Assert.Equal(60, MatchText.Normalise(Sixty).Split(' ').Length);
        using var s = NewStore();
        var full = Article("full", "2031-03-10", "Harbor Times", $"\"{Sixty},\" Teodor Mirzhanenko said.", new Q(Sixty + ",", "Teodor Mirzhanenko"));
        var fragment = Article("frag", "2031-03-11", "Valdoria Ledger",
            "Teodor Mirzhanenko said the federation would not \u201Cstand by while a company\u201D decided.",
            new Q("stand by while a company", "Teodor Mirzhanenko", QuoteKind.Direct));
        Assert.Equal(5, MatchText.Normalise("stand by while a company").Split(' ').Length);
        var six = Article("six", "2031-03-12", "Northern Wire",
            "Teodor Mirzhanenko said every family \u201Cknows what this port is made of\u201D.",
            new Q("knows what this port is made of", "Teodor Mirzhanenko"));
        if (fragmentFirst) { s.Ingest([six]); s.Ingest([full]); }
        else { s.Ingest([full]); s.Ingest([six]); }
        s.Ingest([fragment]);

        var c = Assert.Single(s.Clusters(10));
        Assert.Equal(3, c.Articles);
        Assert.Equal("full", c.FirstArticle);
        Assert.StartsWith("We did not build this harbour", c.Text, StringComparison.Ordinal);
        Assert.Equal(2, c.Variants.Count(v => v.Fragment));
        Assert.Equal(c.Id, s.ClusterOfQuote("six#q1")!.Id);
    }

    [SkippableFact]
    public void Different_sentences_stay_apart_and_a_common_short_phrase_attaches_to_nothing()
    {
        using var s = NewStore();
        s.Ingest([
            Article("a", "2031-03-14", "A", "\"We will stay out as long as it takes,\" Teodor Mirzhanenko said.", new Q("We will stay out as long as it takes,", "Teodor Mirzhanenko")),
            Article("b", "2031-03-14", "B", "\"We will meet the judge on Monday morning,\" Teodor Mirzhanenko said.", new Q("We will meet the judge on Monday morning,", "Teodor Mirzhanenko")),
            Article("c", "2031-03-15", "C", "\"We will,\" Teodor Mirzhanenko said.", new Q("We will,", "Teodor Mirzhanenko")),
        ]);
        Assert.Equal(3, s.Clusters(10).Count);
    }

    [SkippableFact]
    public void Ingesting_again_changes_nothing_and_reopening_keeps_the_clusters()
    {
        var articles = new[]
        {
            Article("full", "2031-03-10", "Harbor Times", $"\"{Sixty},\" Teodor Mirzhanenko said.", new Q(Sixty + ",", "Teodor Mirzhanenko")),
            Article("six", "2031-03-12", "Northern Wire", "Teodor Mirzhanenko said every family \u201Cknows what this port is made of\u201D.", new Q("knows what this port is made of", "Teodor Mirzhanenko")),
        };
        string Snapshot(TStore s) => string.Join("\n", s.Clusters(100).Select(c =>
            $"{c.Id}|{c.FirstArticle}|{c.Articles}|{c.Quotes}|{string.Join(",", c.Variants.Select(v => $"{v.Id}:{v.Quotes}:{v.Fragment}"))}"));
        string before;
        using (var s = Open("again.db"))
        {
            s.Ingest(articles);
            before = Snapshot(s);
            var again = s.Ingest(articles);
            Assert.Equal(0, again.Stored);
            Assert.Equal(before, Snapshot(s));
        }
        using (var s = Open("again.db"))
        {
            Assert.Equal(before, Snapshot(s));
            s.Ingest([Article("more", "2031-03-09", "Evening Post", "\"We did not build this harbour so that a machine could be handed the keys to it,\" Teodor Mirzhanenko said.",
                new Q("We did not build this harbour so that a machine could be handed the keys to it,", "Teodor Mirzhanenko"))]);
            var c = Assert.Single(s.Clusters(10));
            Assert.Equal("more", c.FirstArticle); // an earlier fragment: the cluster's first appearance moves back
        }
    }

    [SkippableFact]
    public void A_failed_batch_leaves_no_cluster_behind()
    {
        using var s = NewStore();
        var ok = Article("ok", "2031-03-10", "A", "\"We are prepared for anything this winter,\" Olaf Scholz said.", new Q("We are prepared for anything this winter,", "Olaf Scholz"));
        var broken = Biden with { Quotes = [Biden.Quotes[0] with { Text = null! }] };
        Assert.ThrowsAny<Exception>(() => s.Ingest([ok, broken]));
        Assert.Empty(s.Clusters(10));
        s.Ingest([ok]);
        Assert.Single(s.Clusters(10));
        Assert.Equal("ok", s.Clusters(10)[0].FirstArticle);
    }

    [SkippableFact]
    public void The_index_alone_clusters_near_duplicates_and_fragments()
    {
        var index = new ClusterIndex();
        var a = index.Add("The counteroffensive is going to plan and we will take back every village", new DateOnly(2022, 9, 1), 1);
        var b = index.Add("the counter-offensive is going to plan, and we will take back every village", new DateOnly(2022, 9, 2), 2);
        var typo = index.Add("The counteroffensive is going to plan and we will take bak every village", new DateOnly(2022, 9, 3), 3);
        var frag = index.Add("we will take back every village", new DateOnly(2022, 9, 4), 4);
        var other = index.Add("Inflation will be back at two per cent in 2032", new DateOnly(2022, 9, 4), 5);
        Assert.True(a.NewCluster);
        Assert.Equal(a.Cluster, typo.Cluster);
        Assert.Equal(a.Cluster, frag.Cluster);
        Assert.True(frag.FragmentOf >= 0);
        Assert.NotEqual(a.Cluster, other.Cluster);
        Assert.Equal(a.Cluster, b.Cluster); // "counter-offensive" is two words: still a near-duplicate
    }
}

public sealed class SqliteClusterTests : ClusterContract<SqliteQuoteStore>
{
    private readonly TempFolder _files = new();

    protected override SqliteQuoteStore Open(string name) => SqliteQuoteStore.Open(_files.File(name));

    public override void Dispose()
    {
        base.Dispose();
        _files.Dispose();
    }
}

/// <summary>The same on PostgreSQL (skipped without <c>VERBATIM_TEST_POSTGRES</c>).</summary>
public sealed class PostgresClusterTests : ClusterContract<PostgresQuoteStore>
{
    private readonly PostgresSchemas _db = new();

    protected override PostgresQuoteStore Open(string name) => PostgresQuoteStore.Open(_db.Url(name));

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
