using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

/// <summary>Reads the real data in ../shared; skipped (not failed) where it is absent.</summary>
public sealed class SharedDataTests
{
    [SkippableFact]
    public void PolNeAR_dev_layout_gives_84_dated_articles()
    {
        var dev = Path.Combine(SharedPaths.Shared, "data", "polnear", "dev");
        Skip.IfNot(Directory.Exists(dev), $"../shared is absent: no PolNeAR dev split at {dev}");

        var results = ArticleSources.Open([dev], new ReaderOptions()).ToList();

        Assert.Empty(results.Where(r => !r.IsArticle).Select(r => $"{r.Rejection!.Record}: {r.Rejection.Reason}"));
        Assert.Equal(84, results.Count);
        Assert.All(results, r => Assert.NotNull(r.Article!.Date));
        Assert.All(results, r => Assert.NotNull(r.Article!.Title));
        Assert.Equal(84, results.Select(r => r.Article!.Id).Distinct().Count());
    }

    [SkippableFact]
    public void Fixture_header_gives_the_date_and_the_body_start()
    {
        var path = Path.Combine(SharedPaths.Shared, "fixtures", "zelenskyy-cnn-2022-07-08.txt");
        Skip.IfNot(File.Exists(path), $"../shared is absent: no fixture at {path}");

        var a = Assert.Single(ArticleSources.Open([path], new ReaderOptions())).Article!;

        Assert.Equal("zelenskyy-cnn-2022-07-08", a.Id);
        Assert.Equal(new DateOnly(2022, 7, 8), a.Date);
        Assert.Equal(17, a.BodyStart);
        // SCHEMA.md's example: source [17,56) is "Ukrainian President Volodymyr Zelenskyy".
        Assert.Equal("Ukrainian President Volodymyr Zelenskyy", a.Text[17..56]);
    }
}
