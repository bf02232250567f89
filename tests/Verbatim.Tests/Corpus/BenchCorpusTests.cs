using Verbatim.Benchmarks;
using Verbatim.Cli;
using Verbatim.Corpus;
using Verbatim.Storage;
using Verbatim.Tests.Storage;

namespace Verbatim.Tests.Corpus;

/// <summary>The corpus benchmark's generator and article builder, on made-up sentences (no shared data needed).</summary>
public sealed class BenchCorpusTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>400 sentences of 8–20 words drawn from a made-up vocabulary (deterministic).</summary>
    private static List<string> Sentences()
    {
        var rng = new Random(5);
        var vocabulary = Enumerable.Range(0, 3000).Select(i => new string(Enumerable.Range(0, 3 + i % 6).Select(_ => (char)('a' + rng.Next(26))).ToArray())).ToArray();
        return Enumerable.Range(0, 400)
            .Select(_ => string.Join(' ', Enumerable.Range(0, 8 + rng.Next(13)).Select(_ => vocabulary[rng.Next(vocabulary.Length)])) + ".")
            .ToList();
    }

    [Fact]
    public void Generated_articles_point_at_their_quotes_and_cluster()
    {
        var gen = new QuoteCorpusGenerator(Sentences(), seed: 1);
        var again = new QuoteCorpusGenerator(Sentences(), seed: 1);
        var quotes = Enumerable.Range(0, 800).Select(_ => gen.Next()).ToList();
        Assert.Equal(quotes, Enumerable.Range(0, 800).Select(_ => again.Next()).ToList()); // deterministic
        Assert.Equal(6, quotes.Select(q => q.Mutation).Distinct().Count());

        using var store = SqliteQuoteStore.Open(_temp.File("bench.db"));
        var articles = quotes.Chunk(8).Select((c, i) => BenchCorpusCommand.BuildArticle(i, c)).ToList();
        foreach (var a in articles)
            foreach (var q in a.Quotes)
                Assert.Equal(q.Text, q.Content[0].TextOf(a.Article.Text));
        store.Ingest(articles);
        Assert.Equal(800, store.Stats().Quotes);
        Assert.True(store.Clusters(1000).Count < 800);

        var claims = new QuoteCorpusGenerator(Sentences(), seed: 2);
        var (claim, speaker, expected) = Enumerable.Range(0, 50).Select(_ => claims.Claim()).First(c => c.Expected == "not_found");
        Assert.Equal(Verdict.NotFound, store.Verify(new VerifyQuery(claim) { Speaker = speaker }).Verdict);
    }
}
