using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

public sealed class PolnearReaderTests
{
    private const string Header = "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n";

    private static TempDir Layout(bool metadataOneLevelUp = false)
    {
        var dir = new TempDir();
        var meta = Header +
            "dev\tnyt_2016-09-01_alpha\t4\tx\tnyt\t2016-09-01\tA\tAlpha Title\n" +
            "dev\tfox_2016-09-02_beta\t4\tx\tfox\t2016-09-02\tB\tBeta Title\n" +
            "dev\tcnn_2016-09-03_bad-date\t4\tx\tcnn\t2016-02-30\tC\tBad Date\n" +
            "other\tunrelated\t4\tx\tNone\tNone\tNone\tNone\n";
        dir.Write(metadataOneLevelUp ? "metadata.tsv" : "dev/metadata.tsv", meta);
        dir.Write("dev/text/nyt_2016-09-01_alpha.txt", "Alpha Title.\n\nTrump said hello.");
        dir.Write("dev/text/fox_2016-09-02_beta.txt", "Beta Title.\n\nClinton said goodbye.");
        dir.Write("dev/text/cnn_2016-09-03_bad-date.txt", "Text.");
        dir.Write("dev/text/zzz_no-row.txt", "No metadata row.");
        dir.Write("dev/attributions/nyt_2016-09-01_alpha_ef2d.ann", "T1\tSource 14 19\tTrump\n");
        return dir;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Layout_is_detected_and_dated_from_metadata(bool metadataOneLevelUp)
    {
        using var dir = Layout(metadataOneLevelUp);
        var dev = Path.Combine(dir.Path, "dev");

        var results = ArticleSources.Open([dev], new ReaderOptions()).ToList();

        // Ordinal file order: cnn (impossible date), fox, nyt, zzz (no row).
        Assert.Equal(4, results.Count);
        Assert.EndsWith("cnn_2016-09-03_bad-date.txt", results[0].Rejection!.Record);
        Assert.Equal(new DateOnly(2016, 9, 2), results[1].Article!.Date);
        Assert.Equal(new DateOnly(2016, 9, 1), results[2].Article!.Date);
        Assert.Equal("Alpha Title", results[2].Article!.Title);
        Assert.False(results[3].IsArticle);
    }

    [Fact]
    public void Articles_get_id_date_title_publisher_and_origin()
    {
        using var dir = Layout();
        var dev = Path.Combine(dir.Path, "dev");

        var results = ArticleSources.Open([dev], new ReaderOptions()).ToList();

        Assert.Contains("impossible date '2016-02-30'", results[0].Rejection!.Reason);
        var fox = results[1].Article!;
        Assert.Equal("fox_2016-09-02_beta", fox.Id);
        Assert.Equal(new DateOnly(2016, 9, 2), fox.Date);
        Assert.Equal("Beta Title", fox.Title);
        Assert.Equal("fox", fox.Publisher);
        Assert.Equal(Path.Combine(dev, "text", "fox_2016-09-02_beta.txt"), fox.Origin);
        Assert.Equal("Beta Title.\n\nClinton said goodbye.", fox.Text);
        Assert.Equal("nyt_2016-09-01_alpha", results[2].Article!.Id);
        Assert.Contains("no date: metadata.tsv gives no publication_date", results[3].Rejection!.Reason);
    }

    [Fact]
    public void The_option_date_covers_texts_without_a_metadata_row()
    {
        using var dir = Layout();
        var results = ArticleSources.Open([Path.Combine(dir.Path, "dev")], new ReaderOptions { Date = new DateOnly(2016, 12, 31) }).ToList();
        Assert.Equal(new DateOnly(2016, 12, 31), results[3].Article!.Date);
    }

    [Fact]
    public void Layouts_are_detected_inside_a_recursive_folder_read()
    {
        using var dir = Layout(metadataOneLevelUp: true);
        var ids = ArticleSources.Open([dir.Path], new ReaderOptions()).Where(r => r.IsArticle).Select(r => r.Article!.Id);
        Assert.Equal(["fox_2016-09-02_beta", "nyt_2016-09-01_alpha"], ids);
    }

    [Fact]
    public void Forced_polnear_reads_the_text_folder_itself()
    {
        using var dir = Layout();
        var text = Path.Combine(dir.Path, "dev", "text");

        var auto = ArticleSources.Open([text], new ReaderOptions()).ToList();
        Assert.All(auto, r => Assert.Contains("no date", r.Rejection!.Reason));   // a plain folder: no dates

        var forced = ArticleSources.Open([text], new ReaderOptions { Format = "polnear" }).Where(r => r.IsArticle).ToList();
        Assert.Equal("Beta Title", forced[0].Article!.Title);
    }

    [Fact]
    public void Forced_polnear_without_metadata_says_so_once()
    {
        using var dir = new TempDir();
        dir.Write("corpus/text/a.txt", "Body.");
        var results = ArticleSources.Open([Path.Combine(dir.Path, "corpus")], new ReaderOptions { Format = "polnear", Date = new DateOnly(2016, 1, 1) }).ToList();
        Assert.Contains("no metadata.tsv", results[0].Rejection!.Reason);
        Assert.Equal("a", results[1].Article!.Id);
    }

    [Fact]
    public void Metadata_without_a_filename_column_is_rejected_and_texts_still_read()
    {
        using var dir = new TempDir();
        dir.Write("c/metadata.tsv", "name\tdate\nx\t2016-01-01\n");
        dir.Write("c/text/x.txt", "Body.");
        var results = ArticleSources.Open([Path.Combine(dir.Path, "c")], new ReaderOptions { Date = new DateOnly(2016, 1, 1) }).ToList();
        Assert.Contains("no 'filename' column", results[0].Rejection!.Reason);
        Assert.True(results[1].IsArticle);
    }
}
