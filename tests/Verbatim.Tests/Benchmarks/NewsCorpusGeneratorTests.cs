using System.IO.Compression;
using System.Security.Cryptography;
using Verbatim.Benchmarks;
using Verbatim.Pipeline;
using Verbatim.Readers;
using Verbatim.Tests.Storage;

namespace Verbatim.Tests.Benchmarks;

public sealed class NewsCorpusGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        static byte[] Hash(int seed)
        {
            using var ms = new MemoryStream();
            new NewsCorpusGenerator(300, seed).WriteJsonLines(ms);
            return SHA256.HashData(ms.ToArray());
        }
        Assert.Equal(Hash(7), Hash(7));
        Assert.NotEqual(Hash(7), Hash(8));
    }

    [Fact]
    public void Articles_are_news_sized_from_many_outlets_and_days()
    {
        var articles = new NewsCorpusGenerator(3000, 1).Articles().ToList();
        Assert.Equal(3000, articles.Count);
        var words = articles.Select(a => Words.Count(a.Text)).ToList();
        Assert.All(words, w => Assert.InRange(w, 200, 1700));
        Assert.InRange(words.Average(), 500, 750);
        Assert.True(articles.Select(a => a.Publisher).Distinct().Count() >= 150, "outlets");
        Assert.True(articles.Select(a => a.Date).Distinct().Count() >= 3, "dates");
        Assert.Equal(3000, articles.Select(a => a.Id).Distinct().Count());
        // A few wire reprints (same text under another outlet's id), never many.
        var distinct = articles.Select(a => a.Text).Distinct().Count();
        Assert.InRange(3000 - distinct, 1, 90);
    }

    [Fact]
    public void Quotes_of_every_kind_come_back_across_outlets()
    {
        var articles = new NewsCorpusGenerator(400, 3).Articles().ToList();
        var kinds = new Dictionary<QuoteKind, int>();
        var outletsPerQuote = new Dictionary<string, HashSet<string>>();
        int quotes = 0, pronouns = 0, split = 0;
        foreach (var x in articles.Select(a => VerbatimPipeline.Default.Extract(a)))
            foreach (var q in x.Quotes)
            {
                quotes++;
                kinds[q.Kind] = kinds.GetValueOrDefault(q.Kind) + 1;
                if (q.Source?.Text is "he" or "she" or "He" or "She") pronouns++;
                if (q.Content.Count > 1) split++;
                if (q.Kind == QuoteKind.Direct)
                {
                    if (!outletsPerQuote.TryGetValue(q.Text, out var set)) outletsPerQuote[q.Text] = set = [];
                    set.Add(x.Article.Publisher!);
                }
            }
        Assert.True(quotes >= 400 * 5, $"only {quotes} quotes in 400 articles");
        Assert.True(kinds.GetValueOrDefault(QuoteKind.Direct) > 0 && kinds.GetValueOrDefault(QuoteKind.Indirect) > 0 && kinds.GetValueOrDefault(QuoteKind.Mixed) > 0,
            string.Join(", ", kinds));
        Assert.True(pronouns > 20, $"pronoun speakers: {pronouns}");
        Assert.True(split > 20, $"split quotes: {split}");
        Assert.True(outletsPerQuote.Values.Count(s => s.Count >= 3) > 20, "quotes repeated by three outlets or more");
    }

    [Fact]
    public void A_gz_path_is_gzip_compressed_JSON_Lines_the_reader_takes()
    {
        using var temp = new TempFolder();
        var gz = temp.File("corpus.jsonl.gz");
        Assert.Equal(50, new NewsCorpusGenerator(50, 5).WriteJsonLines(gz));
        var plain = temp.File("corpus.jsonl");
        using (var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
        using (var output = File.Create(plain))
            input.CopyTo(output);
        var read = ArticleSources.Open([plain], new ReaderOptions()).ToList();
        Assert.Equal(50, read.Count(r => r.IsArticle));
        Assert.Equal(new NewsCorpusGenerator(50, 5).Articles().Select(a => a.Text), read.Select(r => r.Article!.Text));
    }
}
