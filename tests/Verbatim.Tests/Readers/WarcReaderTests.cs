using System.Text;
using Microsoft.Data.Sqlite;
using Verbatim.Cli;
using Verbatim.Readers;
using Verbatim.Storage;

namespace Verbatim.Tests.Readers;

public sealed class WarcReaderTests
{
    static WarcReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly ReaderOptions NoDate = new();

    internal static string Page(string title, string paragraphs, string head = "") =>
        $"""
        <!doctype html><html><head><meta charset="utf-8"><title>{title} | Site</title>{head}</head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
        <article><h1>{title}</h1>{paragraphs}</article>
        <footer><p>Copyright 2022. All rights reserved.</p></footer></body></html>
        """;

    internal const string Story =
        "<p>\"We will not go back until the cranes are safe,\" Ana Morell said on Thursday, standing at the gate of the container terminal where the strike began.</p>" +
        "<p>The port authority said that talks would resume next week, and that ships waiting at anchor would be given priority once work restarts.</p>" +
        "<p>\"Every day that the cranes stand still costs the country money,\" said Davor Ostrand, who runs a logistics firm in the harbour district.</p>";

    /// <summary>Eight records as CC-NEWS writes them: 3 good pages, 2 skipped records, 3 broken ones (#5, #6, #8).</summary>
    internal static WarcWriter SampleWarc()
    {
        var w = new WarcWriter();
        w.Warcinfo();                                                                      // #1 skipped
        w.Response("https://www.harbor-times.example/2022/07/08/strike", Page("Port strike enters second week", Story,
            """<meta property="og:site_name" content="Harbor Times"><meta property="article:published_time" content="2022-07-08T10:00:00+02:00">"""));
        w.Request("https://www.harbor-times.example/2022/07/08/strike");                  // #3 skipped
        var cp1252 = Encoding.GetEncoding(1252).GetBytes(Page("Caf\u00e9 owners protest",
            "<p>\u201cWe serve caf\u00e9 au lait to the dockers every morning,\u201d the owner, Mar\u00eda Lind, said. \u201cWithout them there is no caf\u00e9.\u201d She added that the quarter had never been so quiet, and that the council must act before the summer.</p>" +
            "<p>The council said it would meet the owners on Monday to discuss rents, parking and the future of the market hall on the quay.</p>").Replace("utf-8", "windows-1252"));
        w.Response("https://news.example.org/cafe", cp1252, contentType: "text/html; charset=windows-1252", warcDate: "2022-07-10T08:00:00Z"); // #4
        w.Response("https://news.example.org/wrong-length", Encoding.UTF8.GetBytes(Page("Wrong length", Story)),
            contentLength: 1000);                                                           // #5 Content-Length does not match
        w.Response("https://news.example.org/corrupt", Encoding.UTF8.GetBytes(Page("Corrupt member", Story)));
        w.BreakLastMember(m =>
        {
            var broken = (byte[])m.Clone();
            for (int i = 20; i < 60 && i < broken.Length - 8; i++) broken[i] ^= 0x5A;
            return broken;
        });                                                                                 // #6 corrupt gzip member
        w.Response("https://other.example.net/story", Page("Ministers meet", Story.Replace("Ana Morell", "Teo Brandt")), warcDate: "2022-07-11T00:00:00Z"); // #7
        w.Response("https://news.example.org/cut", Encoding.UTF8.GetBytes(Page("Cut short", Story)));
        w.BreakLastMember(m => m[..(m.Length / 2)]);                                       // #8 truncated final member
        return w;
    }

    [Fact]
    public void A_CC_NEWS_style_file_gives_its_good_pages_and_rejects_each_broken_record_by_name()
    {
        using var dir = new TempDir();
        var path = dir.Write("crawl.warc.gz", SampleWarc().Gzipped());

        var results = ArticleSources.Open([path], NoDate).ToList();

        var articles = results.Where(r => r.IsArticle).Select(r => r.Article!).ToList();
        Assert.Equal(3, articles.Count);
        var first = articles[0];
        Assert.Equal("00000000-0000-0000-0000-000000000002", first.Id);
        Assert.Equal(new DateOnly(2022, 7, 8), first.Date);                  // the page's article:published_time, not WARC-Date
        Assert.Equal("Harbor Times", first.Publisher);
        Assert.Equal("https://www.harbor-times.example/2022/07/08/strike", first.Url);
        Assert.Equal($"{path}#2 {WarcWriter.RecordId(2)}", first.Origin);
        Assert.StartsWith("\"We will not go back until the cranes are safe,\" Ana Morell said", first.Text);
        Assert.DoesNotContain("Home", first.Text);                           // navigation is not article text
        Assert.DoesNotContain("Copyright", first.Text);

        var cafe = articles[1];
        Assert.Contains("\u201cWe serve caf\u00e9 au lait", cafe.Text);      // decoded as windows-1252
        Assert.Equal(new DateOnly(2022, 7, 10), cafe.Date);                  // no date in the page: WARC-Date
        Assert.Equal("news.example.org", cafe.Publisher);                    // no site name: the host
        Assert.Equal("Caf\u00e9 owners protest | Site", cafe.Title);

        Assert.Equal("other.example.net", articles[2].Publisher);

        var rejected = results.Where(r => !r.IsArticle).Select(r => r.Rejection!).ToList();
        Assert.Equal(3, rejected.Count);
        Assert.Equal($"{path}#5 {WarcWriter.RecordId(5)}", rejected[0].Record);
        Assert.Contains("Content-Length 1000 does not match", rejected[0].Reason);
        Assert.Equal($"{path}#6", rejected[1].Record);
        Assert.Contains("member 6", rejected[1].Reason);
        Assert.Equal($"{path}#8", rejected[2].Record);
        Assert.Contains("truncated gzip member", rejected[2].Reason);
    }

    [Fact]
    public void Ingest_stores_the_good_records_and_keeps_the_corrupt_ones_aside_by_name()
    {
        using var dir = new TempDir();
        var path = dir.Write("CC-NEWS-20220709-00001.warc.gz", SampleWarc().Gzipped());
        var storePath = Path.Combine(dir.Path, "store.db");
        var log = new StringWriter();

        IngestCommand.Totals totals;
        using (var store = SqliteQuoteStore.Open(storePath))
            totals = IngestCommand.Run(store, [path], NoDate, threads: 2, batchSize: 2, log);

        Assert.Equal((6, 3, 3), (totals.Read, totals.Stored, totals.Rejected));
        Assert.True(totals.Quotes >= 3, $"quotes: {totals.Quotes}");
        Assert.Contains($"{path}#6", log.ToString());

        using var db = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT record, reason FROM rejects ORDER BY record";
        using var reader = cmd.ExecuteReader();
        var rows = new List<(string Record, string Reason)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
        Assert.Equal([$"{path}#5 {WarcWriter.RecordId(5)}", $"{path}#6", $"{path}#8"], rows.Select(r => r.Record));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));

        using var again = SqliteQuoteStore.Open(storePath);
        Assert.Equal(3, again.Stats().Articles);
    }

    [Fact]
    public void A_broken_WARC_header_costs_only_its_record()
    {
        var w = new WarcWriter();
        w.Response("https://a.example/1", Page("One", Story));
        w.Raw(Encoding.ASCII.GetBytes("WARC/1.0\r\nthis line is no header\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"));
        w.Raw(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\nnot a warc record\r\n\r\n"));
        w.Response("https://a.example/4", Page("Four", Story));
        using var dir = new TempDir();
        var path = dir.Write("x.warc.gz", w.Gzipped());

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Equal(["a.example", "a.example"], results.Where(r => r.IsArticle).Select(r => r.Article!.Publisher));
        var rejected = results.Where(r => !r.IsArticle).Select(r => r.Rejection!).ToList();
        Assert.Equal([path + "#2", path + "#3"], rejected.Select(r => r.Record));
        Assert.Contains("'this line is no header' is not 'Name: value'", rejected[0].Reason);
        Assert.Contains("must start with a WARC/1.x line", rejected[1].Reason);
    }

    [Fact]
    public void An_uncompressed_warc_resyncs_after_a_wrong_Content_Length()
    {
        var w = new WarcWriter();
        w.Response("https://a.example/1", Page("One", Story));
        w.Response("https://a.example/2", Encoding.UTF8.GetBytes(Page("Two", Story)), contentLength: 50);
        w.Response("https://a.example/3", Page("Three", Story));
        using var dir = new TempDir();
        var path = dir.Write("plain.warc", w.Plain());

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Equal(["https://a.example/1", "https://a.example/3"], results.Where(r => r.IsArticle).Select(r => r.Article!.Url));
        var rejection = Assert.Single(results, r => !r.IsArticle).Rejection!;
        Assert.Equal($"{path}#2 {WarcWriter.RecordId(2)}", rejection.Record);
    }

    [Fact]
    public void Redirects_and_non_HTML_responses_are_skipped_not_rejected()
    {
        var w = new WarcWriter();
        w.Response("https://a.example/moved", Encoding.UTF8.GetBytes("moved"), status: 301);
        w.Response("https://a.example/doc.pdf", Encoding.UTF8.GetBytes("%PDF-1.4"), contentType: "application/pdf");
        w.Response("https://a.example/ok", Page("Ok", Story));
        using var dir = new TempDir();
        var path = dir.Write("x.warc.gz", w.Gzipped());

        var result = Assert.Single(ArticleSources.Open([path], NoDate));
        Assert.Equal("https://a.example/ok", result.Article!.Url);
    }

    [Fact]
    public void Format_warc_reads_a_file_of_any_name_and_a_member_with_a_bad_CRC_is_rejected()
    {
        var w = new WarcWriter();
        w.Response("https://a.example/1", Page("One", Story));
        w.BreakLastMember(m =>
        {
            var b = (byte[])m.Clone();
            b[^8] ^= 0xFF; // the CRC-32 in the trailer
            return b;
        });
        w.Response("https://a.example/2", Page("Two", Story));
        using var dir = new TempDir();
        var path = dir.Write("crawl.bin", w.Gzipped());

        var results = ArticleSources.Open([path], new ReaderOptions { Format = "warc" }).ToList();

        Assert.Equal("https://a.example/2", Assert.Single(results, r => r.IsArticle).Article!.Url);
        var rejection = Assert.Single(results, r => !r.IsArticle).Rejection!;
        Assert.Equal($"{path}#1 {WarcWriter.RecordId(1)}", rejection.Record);
        Assert.Contains("CRC-32 mismatch", rejection.Reason);
    }

    [Fact]
    public void Garbage_between_members_is_skipped_to_the_next_member()
    {
        var w = new WarcWriter();
        w.Response("https://a.example/1", Page("One", Story));
        var bytes = w.Gzipped().Concat(Encoding.ASCII.GetBytes("garbage that is not gzip")).Concat(WarcWriter.Gzip(new WarcWriter().Response("https://a.example/2", Page("Two", Story)).Records[0])).ToArray();
        using var dir = new TempDir();
        var path = dir.Write("x.warc.gz", bytes);

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Equal(["https://a.example/1", "https://a.example/2"], results.Where(r => r.IsArticle).Select(r => r.Article!.Url));
        Assert.Single(results, r => !r.IsArticle);
    }
}
