using System.Text;
using Verbatim.Cli;
using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

public sealed class HtmlReaderTests
{
    static HtmlReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void A_page_gives_its_main_text_and_the_title_date_publisher_and_url_its_metadata_names()
    {
        const string head = """
            <meta property="og:title" content="Port strike enters second week">
            <link rel="canonical" href="https://www.harbor-times.example/strike">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H","datePublished":"2022-07-08T10:00:00-04:00","publisher":{"@type":"Organization","name":"Harbor Times"}}]}</script>
            """;
        using var dir = new TempDir();
        var path = dir.Write("strike.html", WarcReaderTests.Page("Port strike", WarcReaderTests.Story, head));

        var a = Assert.Single(ArticleSources.Open([path], new ReaderOptions())).Article!;

        Assert.Equal("strike", a.Id);
        Assert.Equal(path, a.Origin);
        Assert.Equal("Port strike enters second week", a.Title);     // og:title before <title>
        Assert.Equal(new DateOnly(2022, 7, 8), a.Date);               // JSON-LD datePublished, in @graph
        Assert.Equal("Harbor Times", a.Publisher);                    // JSON-LD publisher.name
        Assert.Equal("https://www.harbor-times.example/strike", a.Url);
        Assert.StartsWith("\"We will not go back until the cranes are safe,\" Ana Morell said on Thursday", a.Text);
        Assert.Contains("\n\n\"Every day that the cranes stand still", a.Text); // paragraphs stay apart
        Assert.DoesNotContain("Copyright", a.Text);
    }

    [Theory]
    [InlineData("""<meta name="pubdate" content="20220708">""", "2022-07-08")]
    [InlineData("""<meta itemprop="datePublished" content="2021-03-04">""", "2021-03-04")]
    [InlineData("""<meta property="article:published_time" content="Fri, 08 Jul 2022 10:00:00 GMT">""", "2022-07-08")]
    [InlineData("", "2020-01-02")] // from <time datetime> in the body
    public void The_date_comes_from_whichever_metadata_the_page_has(string head, string expected)
    {
        var html = WarcReaderTests.Page("T", "<p><time datetime=\"2020-01-02T08:00\">Jan 2</time></p>" + WarcReaderTests.Story, head);
        using var dir = new TempDir();
        var path = dir.Write("p.htm", html);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(ArticleSources.Open([path], new ReaderOptions())).Article!.Date);
    }

    [Fact]
    public void A_page_without_a_date_takes_the_date_option_or_is_rejected()
    {
        using var dir = new TempDir();
        var path = dir.Write("p.html", WarcReaderTests.Page("T", WarcReaderTests.Story));
        var rejection = Assert.Single(ArticleSources.Open([path], new ReaderOptions())).Rejection!;
        Assert.Equal(path, rejection.Record);
        Assert.StartsWith("no date", rejection.Reason);
        Assert.Equal(new DateOnly(2019, 1, 1), Assert.Single(ArticleSources.Open([path], new ReaderOptions { Date = new DateOnly(2019, 1, 1) })).Article!.Date);
    }

    [Fact]
    public void A_windows_1252_page_named_by_its_meta_tag_is_decoded_as_such()
    {
        var html = WarcReaderTests.Page("Caf\u00e9", "<p>\u201cThe caf\u00e9 stays open,\u201d the owner said on Tuesday, adding that the council had promised help before the summer season starts in earnest.</p>" +
            "<p>Her neighbour, who sells bread on the same street, said he would wait and see what the council really does.</p>",
            """<meta property="article:published_time" content="2022-07-08">""")
            .Replace("<meta charset=\"utf-8\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">");
        using var dir = new TempDir();
        var path = dir.Write("cafe.html", Encoding.GetEncoding(1252).GetBytes(html));

        var a = Assert.Single(ArticleSources.Open([path], new ReaderOptions())).Article!;

        Assert.StartsWith("\u201cThe caf\u00e9 stays open,\u201d the owner said", a.Text);
    }

    [Fact]
    public void Hostile_nesting_is_capped_so_the_text_survives_and_the_work_stays_small()
    {
        var sb = new StringBuilder("<html><head><meta name=\"date\" content=\"2022-07-08\"></head><body>");
        for (int i = 0; i < 20_000; i++) sb.Append("<div class=\"x\">");
        sb.Append(WarcReaderTests.Story);
        for (int i = 0; i < 20_000; i++) sb.Append("</div>");
        sb.Append("</body></html>");

        var limited = HtmlDepthLimiter.Limit(sb.ToString());
        Assert.True(limited.Split("<div").Length - 1 <= HtmlDepthLimiter.DefaultMaxDepth, "the deep <div>s are gone");
        using var dir = new TempDir();
        var path = dir.Write("deep.html", sb.ToString());
        var a = Assert.Single(ArticleSources.Open([path], new ReaderOptions())).Article!;
        Assert.Contains("Ana Morell said on Thursday", a.Text);
    }

    [Theory]
    [InlineData("<div class=a\"b><div>x</div></div>", "<div class=a\"b><div>x</div></div>")]         // a quote opens a value only after '='
    [InlineData("<p title=\"a > b\"><b>x</b></p>", "<p title=\"a > b\"><b>x</b></p>")]
    [InlineData("<script>if (a < b) { '<div>' }</script><div>x</div>", "<script>if (a < b) { '<div>' }</script><div>x</div>")]
    public void The_depth_cap_leaves_shallow_pages_unchanged(string html, string expected) =>
        Assert.Equal(expected, HtmlDepthLimiter.Limit(html));

    [Fact]
    public void The_depth_cap_drops_tags_past_the_limit_and_their_end_tags()
    {
        Assert.Equal("<a><b> x </b></a>".Replace(" x ", "  x  "), HtmlDepthLimiter.Limit("<a><b><c><d>x</d></c></b></a>", 2));
        // <p> closes an open <p>: a page of unclosed paragraphs is not deep.
        var paragraphs = string.Concat(Enumerable.Repeat("<p>para", 500));
        Assert.Equal(paragraphs, HtmlDepthLimiter.Limit(paragraphs, 4));
    }

    [Fact]
    public void A_page_with_no_text_is_rejected_by_name()
    {
        using var dir = new TempDir();
        var path = dir.Write("empty.html", "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>");
        var rejection = Assert.Single(ArticleSources.Open([path], new ReaderOptions { Date = new DateOnly(2022, 1, 1) })).Rejection!;
        Assert.Equal(path, rejection.Record);
        Assert.StartsWith("no main text", rejection.Reason);
    }
}

public sealed class CsvReaderTests
{
    private static readonly ReaderOptions NoDate = new();

    [Fact]
    public void Rows_become_articles_with_quoted_newlines_commas_and_doubled_quotes()
    {
        using var dir = new TempDir();
        var path = dir.Write("news.csv",
            "id,date,title,url,publisher,text\r\n" +
            "a1,2022-07-08,Strike,https://x/1,CNN,\"\"\"We stand,\"\" Jane Doe said.\r\n\r\nShe left, later.\"\r\n" +
            ",2022-07-09,,,,Plain text without quotes\n");

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Equal(2, results.Count);
        var a = results[0].Article!;
        Assert.Equal(("a1", "Strike", "https://x/1", "CNN"), (a.Id, a.Title, a.Url, a.Publisher));
        Assert.Equal(new DateOnly(2022, 7, 8), a.Date);
        Assert.Equal("\"We stand,\" Jane Doe said.\r\n\r\nShe left, later.", a.Text);
        Assert.Equal(path + ":row 1", a.Origin);
        var b = results[1].Article!;
        Assert.Equal("news-2", b.Id);
        Assert.Null(b.Title);
        Assert.Equal("Plain text without quotes", b.Text);
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { "x,2022-07-08,a\"b", "a quote inside an unquoted field" },
        { "x,2022-07-08,\"quoted\" tail", "text after the closing quote" },
        { "x,2022-07-08", "2 fields, the header has 3" },
        { "x,2022-13-45,text", "impossible date '2022-13-45'" },
        { "x,,text", "no date" },
        { "x,2022-07-08,\"  \"", "empty text" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_malformed_row_is_rejected_by_row_number_and_the_rest_is_read(string row, string reason)
    {
        using var dir = new TempDir();
        var path = dir.Write("in.csv", "id,date,text\nfirst,2022-07-08,\"ok,\nstill the first row\"\n" + row + "\nlast,2022-07-08,ok\n");

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Equal(3, results.Count);
        Assert.Equal("first", results[0].Article!.Id);
        Assert.Equal(path + ":row 2", results[1].Rejection!.Record);
        Assert.Contains(reason, results[1].Rejection!.Reason);
        Assert.Contains("line 4", results[1].Rejection!.Reason);
        Assert.Equal("last", results[2].Article!.Id);
    }

    [Fact]
    public void An_unterminated_quote_at_the_end_is_rejected()
    {
        using var dir = new TempDir();
        var path = dir.Write("in.csv", "text,date\nok,2022-07-08\n\"never closed,2022-07-08\n");
        var results = ArticleSources.Open([path], NoDate).ToList();
        Assert.True(results[0].IsArticle);
        Assert.Contains("unterminated quoted field", results[1].Rejection!.Reason);
    }

    [Fact]
    public void Column_names_are_configurable_and_a_file_without_the_text_column_is_rejected_whole()
    {
        using var dir = new TempDir();
        var path = dir.Write("feed.csv", "Body,Published,Outlet\nHe said so.,2022-07-08,AP\n");

        var rejection = Assert.Single(ArticleSources.Open([path], NoDate)).Rejection!;
        Assert.Equal(path, rejection.Record);
        Assert.Contains("no 'text' column", rejection.Reason);

        var columns = CliValues.CsvColumns("body", ["date=published", "publisher=outlet"]);
        var a = Assert.Single(ArticleSources.Open([path], new ReaderOptions { CsvColumns = columns })).Article!;
        Assert.Equal(("He said so.", "AP"), (a.Text, a.Publisher));
        Assert.Equal(new DateOnly(2022, 7, 8), a.Date);
        Assert.Throws<UsageException>(() => CliValues.CsvColumns(null, ["author=x"]));
    }

    [Fact]
    public void Invalid_utf8_in_a_row_is_rejected_by_row()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes("text,date\nok,2022-07-08\n").Concat(new byte[] { 0xC3, 0x28, (byte)',', (byte)'2', (byte)'0', (byte)'2', (byte)'2', (byte)'-', (byte)'0', (byte)'1', (byte)'-', (byte)'0', (byte)'1', (byte)'\n' }).ToArray();
        var path = dir.Write("in.csv", bytes);
        var results = ArticleSources.Open([path], NoDate).ToList();
        Assert.Equal(path + ":row 2", results[1].Rejection!.Record);
        Assert.Contains("invalid UTF-8", results[1].Rejection!.Reason);
    }
}

public sealed class GzipReaderTests
{
    private static byte[] Jsonl(int n) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, n).Select(i =>
        $"{{\"id\":\"r{i}\",\"date\":\"2022-07-08\",\"text\":\"Record {i} said that it was {i}.\"}}\n")));

    [Fact]
    public void A_jsonl_gz_file_reads_like_its_jsonl_and_a_multi_member_one_too()
    {
        using var dir = new TempDir();
        var one = dir.Write("a.jsonl.gz", WarcWriter.Gzip(Jsonl(3)));
        var two = dir.Write("b.json.gz", WarcWriter.Gzip(Jsonl(2)).Concat(WarcWriter.Gzip(Encoding.UTF8.GetBytes("{\"id\":\"r3\",\"date\":\"2022-07-08\",\"text\":\"x\"}\n"))).ToArray());

        var a = ArticleSources.Open([one], new ReaderOptions()).ToList();
        Assert.Equal(["r1", "r2", "r3"], a.Select(r => r.Article!.Id));
        Assert.Equal(one + ":2", a[1].Article!.Origin);
        Assert.Equal(["r1", "r2", "r3"], ArticleSources.Open([two], new ReaderOptions()).Select(r => r.Article!.Id));
    }

    [Fact]
    public void A_truncated_gzip_file_gives_its_whole_lines_then_a_rejection_saying_it_is_truncated()
    {
        var gz = WarcWriter.Gzip(Jsonl(2000));
        using var dir = new TempDir();
        var path = dir.Write("cut.jsonl.gz", gz[..(gz.Length / 2)]);

        var results = ArticleSources.Open([path], new ReaderOptions()).ToList();

        Assert.True(results.Count > 10);
        Assert.All(results[..^1], r => Assert.True(r.IsArticle));   // no half line is taken for a record
        var last = results[^1].Rejection!;
        Assert.Equal(path, last.Record);
        Assert.Contains("truncated gzip member", last.Reason);
    }

    [Fact]
    public void A_csv_gz_and_the_format_option_on_a_gz_of_another_name_are_decompressed()
    {
        using var dir = new TempDir();
        var csv = dir.Write("rows.csv.gz", WarcWriter.Gzip(Encoding.UTF8.GetBytes("text,date\n\"He said, \"\"yes\"\".\",2022-07-08\n")));
        Assert.Equal("He said, \"yes\".", Assert.Single(ArticleSources.Open([csv], new ReaderOptions())).Article!.Text);

        var odd = dir.Write("dump.bin", WarcWriter.Gzip(Jsonl(1)));
        Assert.Equal("r1", Assert.Single(ArticleSources.Open([odd], new ReaderOptions { Format = "jsonl" })).Article!.Id);
    }

    [Fact]
    public void A_forced_format_applies_to_standard_input()
    {
        var csv = Encoding.UTF8.GetBytes("text,date\nHe said so.,2022-07-08\n");
        var options = new ReaderOptions { Format = "csv", StandardInput = () => new MemoryStream(WarcWriter.Gzip(csv)) };
        var a = Assert.Single(ArticleSources.Open(["-"], options)).Article!;
        Assert.Equal(("He said so.", "stdin:row 1"), (a.Text, a.Origin));
    }

    [Fact]
    public void A_binary_file_named_html_is_rejected_as_binary()
    {
        using var dir = new TempDir();
        var path = dir.Write("x.html", Encoding.UTF8.GetBytes("<html><body><p>text</p>").Concat(new byte[] { 0, 1, 2, 0 }).ToArray());
        Assert.StartsWith("binary content", Assert.Single(ArticleSources.Open([path], new ReaderOptions())).Rejection!.Reason);
    }

    [Fact]
    public void Extract_reads_every_new_format_from_a_folder()
    {
        using var dir = new TempDir();
        dir.Write("in/a.jsonl.gz", WarcWriter.Gzip(Jsonl(1)));
        dir.Write("in/b.csv", "text,date\n\"\"\"We stand,\"\" Jane Doe said.\",2022-07-08\n");
        dir.Write("in/c.html", WarcReaderTests.Page("T", WarcReaderTests.Story, """<meta property="article:published_time" content="2022-07-08">"""));
        dir.Write("in/d.warc.gz", new WarcWriter().Response("https://a.example/1", WarcReaderTests.Page("One", WarcReaderTests.Story.Replace("Ana", "Eva"))).Gzipped());
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var io = new CliIo(() => new MemoryStream(), stdout, stderr, StdoutIsTerminal: false, StderrIsTerminal: false);

        int rc = ExtractCommand.Run(new ExtractCommand.Settings { Inputs = [Path.Combine(dir.Path, "in")], Threads = 1 }, io);

        Assert.Equal(0, rc);
        Assert.Contains("4 articles", stderr.ToString());
        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"publisher\":\"a.example\"", lines[3]);
    }
}
