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
        // Each outlet once, the one that printed it first first.
        Assert.Equal(["Harbor Times", "Northern Wire"], c.Outlets.Select(o => o.Publisher));
        Assert.Equal([new DateOnly(2031, 3, 14), new DateOnly(2031, 3, 15)], c.Outlets.Select(o => o.First));
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

    [Fact]
    public void A_fragment_seen_first_joins_its_full_quote_even_after_many_quotes_that_open_with_its_first_words()
    {
        var index = new ClusterIndex();
        var day = new DateOnly(2031, 3, 1);
        var fragment = index.Add("I think that the bridge will reopen in the spring", day, 1);
        // Seventy later wordings open with the same three words ("I think that" is common); none holds the fragment.
        for (var i = 0; i < 70; i++)
            index.Add($"I think that voters in ward {i} care most about rents and buses", day, 2 + i);

        var full = index.Add("The mayor told us I think that the bridge will reopen in the spring and trains will run by summer", day, 100);

        Assert.True(full.NewVariant);
        Assert.Equal(full.Cluster, index.ClusterOf(fragment.Variant));
    }

    [Fact]
    public void A_fragment_with_a_typo_still_finds_the_longer_quote_that_holds_it()
    {
        var index = new ClusterIndex();
        var day = new DateOnly(2031, 3, 1);
        var full = index.Add("We have been clear from the start that the new line will open in stages and the first trains " +
                             "will reach the airport before the end of the decade whatever the cost", day, 1);
        index.Add("Nobody on the waterfront wants a strike but nobody will accept these terms either", day, 2);
        // 17 words, one misspelt: within the one edit per eight words a fragment may differ by
        var fragment = index.Add("the new line will open in stages and the frist trains will reach the airport before the end", day, 3);

        Assert.Equal(full.Variant, fragment.FragmentOf);
        Assert.Equal(full.Cluster, fragment.Cluster);
    }

    private static readonly string[] Distinct =
    [
        "The counteroffensive is going to plan and we will take back every village",
        "Inflation will be back at two per cent in 2032 according to the central bank",
        "Nobody on the waterfront wants a strike but nobody will accept these terms either",
        "The bridge will reopen to traffic in the spring once the inspections are complete",
        "Our hospitals cannot cope with another winter like the last one without more nurses",
        "The council has spent three years studying a flood barrier that could have been built",
        "Every school in the region will have a new heating system by the end of next year",
        "We are prepared for anything this winter and the gas storage is nearly full",
    ];

    [Fact]
    public void A_bounded_index_lets_old_wordings_go_but_still_clusters_their_exact_repeats()
    {
        var index = new ClusterIndex { MaxHeldVariants = 4 };
        var first = Distinct.Select((t, i) => index.Add(t, new DateOnly(2031, 1, 1 + i), i + 1)).ToList();
        Assert.All(first, c => Assert.True(c.NewCluster));
        Assert.False(index.IsHeld(0));
        Assert.True(index.IsHeld(Distinct.Length - 1));
        Assert.True(index.Words(0).IsEmpty);
        // An old wording repeated exactly still joins its cluster; a near-duplicate of it no longer can.
        Assert.Equal(first[0].Cluster, index.Add(Distinct[0].ToUpperInvariant(), new DateOnly(2031, 2, 1), 100).Cluster);
        Assert.True(index.Add(Distinct[0].Replace("every village", "every single village", StringComparison.Ordinal), new DateOnly(2031, 2, 1), 101).NewCluster);
        // A near-duplicate of a held wording joins it.
        var last = Distinct[^1].Replace("nearly full", "almost full", StringComparison.Ordinal);
        Assert.Equal(first[^1].Cluster, index.Add(last, new DateOnly(2031, 2, 1), 102).Cluster);
    }

    [Fact]
    public void A_bounded_index_restored_from_the_store_holds_what_the_one_built_in_one_go_holds()
    {
        // A killed ingest resumes from the store: the restored index must go on exactly as the uninterrupted one would.
        var texts = Enumerable.Range(0, 40).Select(i => $"{Distinct[i % Distinct.Length]} {(i / Distinct.Length == 0 ? "" : "again " + i)}".Trim()).ToList();
        var whole = new ClusterIndex { MaxHeldVariants = 6 };
        var changes = texts.Select((t, i) => whole.Add(t, new DateOnly(2031, 1, 1), i + 1)).ToList();
        for (var cut = 7; cut < texts.Count; cut += 5)
        {
            var first = new ClusterIndex { MaxHeldVariants = 6 };
            var variants = new List<(int Cluster, string Text, int FragmentOf)>();
            for (var i = 0; i < cut; i++)
            {
                var c = first.Add(texts[i], new DateOnly(2031, 1, 1), i + 1);
                if (c.NewVariant) variants.Add((c.Cluster, MatchText.Normalise(texts[i]), c.FragmentOf));
            }
            var restored = new ClusterIndex { MaxHeldVariants = 6 };
            for (var k = 0; k < first.Clusters; k++) restored.RestoreCluster(k, first.Find(k) == k ? -1 : first.Find(k), new DateOnly(2031, 1, 1), 1);
            restored.BeginRestore(variants.Count);
            for (var v = 0; v < variants.Count; v++) restored.RestoreVariant(v, variants[v].Cluster, variants[v].Text, variants[v].FragmentOf);
            for (var v = 0; v < variants.Count; v++) Assert.Equal(first.IsHeld(v), restored.IsHeld(v));
            for (var i = cut; i < texts.Count; i++)
            {
                var c = restored.Add(texts[i], new DateOnly(2031, 1, 1), i + 1);
                Assert.Equal((changes[i].Variant, changes[i].NewCluster, changes[i].FragmentOf), (c.Variant, c.NewCluster, c.FragmentOf));
            }
        }
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
