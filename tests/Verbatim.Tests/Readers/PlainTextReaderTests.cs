using System.Text;
using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

public sealed class PlainTextReaderTests
{
    private static readonly ReaderOptions NoDate = new();
    private static readonly ReaderOptions WithDate = new() { Date = new DateOnly(2020, 1, 2) };

    private static ReadResult ReadOne(string path, ReaderOptions options)
    {
        var results = ArticleSources.Open([path], options).ToList();
        return Assert.Single(results);
    }

    [Fact]
    public void Header_gives_the_date_and_BodyStart_and_stays_in_the_text()
    {
        using var dir = new TempDir();
        const string content = " date 2022-07-08 Ukrainian President Volodymyr Zelenskyy said on Thursday.";
        var path = dir.Write("zelenskyy-cnn.txt", content);

        var r = ReadOne(path, NoDate);

        var a = Assert.IsType<Article>(r.Article);
        Assert.Equal(content, a.Text);                      // header included: offsets count from the file start
        Assert.Equal(17, a.BodyStart);
        Assert.Equal("Ukrainian", a.Text.Substring(a.BodyStart, 9));
        Assert.Equal(new DateOnly(2022, 7, 8), a.Date);
        Assert.Equal("zelenskyy-cnn", a.Id);
        Assert.Equal(path, a.Origin);
    }

    [Fact]
    public void Header_date_wins_over_the_option_date()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.txt", " date 2021-03-04 Body.");
        Assert.Equal(new DateOnly(2021, 3, 4), ReadOne(path, WithDate).Article!.Date);
    }

    [Fact]
    public void Without_header_the_option_date_applies_and_BodyStart_is_zero()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.txt", "He said so.");
        var a = ReadOne(path, WithDate).Article!;
        Assert.Equal(new DateOnly(2020, 1, 2), a.Date);
        Assert.Equal(0, a.BodyStart);
        Assert.Equal("He said so.", a.Text);
    }

    [Fact]
    public void Bom_is_removed_before_the_header_is_looked_for()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(" date 2022-07-08 Body ’quoted’.")]);
        var a = ReadOne(path, NoDate).Article!;
        Assert.Equal(" date 2022-07-08 Body ’quoted’.", a.Text);
        Assert.Equal(17, a.BodyStart);
    }

    [Theory]
    [InlineData(" date 2022-07-08\nBody")]      // newline, not a space, after the date
    [InlineData("date 2022-07-08 Body")]        // no leading space
    [InlineData(" date 2022-7-8 Body")]         // not YYYY-MM-DD
    public void Near_miss_headers_are_ordinary_text(string content)
    {
        using var dir = new TempDir();
        var path = dir.Write("a.txt", content);
        var a = ReadOne(path, WithDate).Article!;
        Assert.Equal(0, a.BodyStart);
        Assert.Equal(WithDate.Date, a.Date);
        Assert.Equal(content, a.Text);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "invalid UTF-8", [.. " date 2022-07-08 caf"u8, 0xE9, .. " au lait"u8], "invalid UTF-8 at byte offset 20" },
        { "truncated UTF-8 sequence", [.. "Body "u8, 0xE2, 0x80], "invalid UTF-8" },
        { "NUL byte (binary)", [.. " date 2022-07-08 Bo"u8, 0x00, .. "dy"u8], "binary content: NUL byte at byte offset 19" },
        { "PNG bytes", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], "binary content" },
        { "empty file", [], "empty text" },
        { "whitespace only", " \n\t \r\n"u8.ToArray(), "empty text" },
        { "header only", " date 2022-07-08 \n\n"u8.ToArray(), "empty text" },
        { "impossible header date", " date 2022-13-45 Body."u8.ToArray(), "impossible date '2022-13-45'" },
        { "no date anywhere", "Body without a header."u8.ToArray(), "no date" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_files_are_rejected_with_a_reason_and_reading_goes_on(string what, byte[] bytes, string reason)
    {
        using var dir = new TempDir();
        var bad = dir.Write("bad.txt", bytes);
        var good = dir.Write("good.txt", " date 2022-07-08 Fine.");

        var results = ArticleSources.Open([bad, good], NoDate).ToList();

        Assert.Equal(2, results.Count);
        var rejection = Assert.IsType<Rejection>(results[0].Rejection);
        Assert.False(results[0].IsArticle, what);
        Assert.Equal(bad, rejection.Record);
        Assert.Contains(reason, rejection.Reason);
        Assert.True(results[1].IsArticle, "the next file is still read");
    }

    [Fact]
    public void Rejection_keeps_a_bounded_raw_prefix()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes(new string('x', 5000) + "\0");
        var path = dir.Write("bin.txt", bytes);
        var rejection = ReadOne(path, WithDate).Rejection!;
        Assert.NotNull(rejection.Raw);
        Assert.Equal(1024, rejection.Raw!.Length);
    }

    [Fact]
    public void A_missing_path_is_a_rejection_and_the_next_input_is_read()
    {
        using var dir = new TempDir();
        var good = dir.Write("good.txt", " date 2022-07-08 Fine.");
        var missing = Path.Combine(dir.Path, "nope.txt");

        var results = ArticleSources.Open([missing, good], NoDate).ToList();

        Assert.Equal(missing, results[0].Rejection!.Record);
        Assert.Contains("no such file or folder", results[0].Rejection!.Reason);
        Assert.True(results[1].IsArticle);
    }

    [Fact]
    public void A_file_over_the_limit_is_rejected_by_its_length()
    {
        using var dir = new TempDir();
        var path = dir.Write("big.txt", " date 2022-07-08 " + new string('w', 200));
        var r = ReadOne(path, new ReaderOptions { MaxArticleBytes = 100 });
        Assert.Contains("too large", r.Rejection!.Reason);
    }

    [Fact]
    public void A_9_MiB_file_is_rejected_without_being_loaded_whole()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "huge.txt");
        using (var f = File.Create(path))
        {
            f.Write(" date 2022-07-08 "u8);
            f.SetLength(9 * 1024 * 1024);
        }
        var options = new ReaderOptions();   // default limit: 8 MiB

        // Warm up the code path so JIT allocations do not count.
        _ = ArticleSources.Open([path], options).ToList();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var results = ArticleSources.Open([path], options).ToList();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var rejection = Assert.Single(results).Rejection!;
        Assert.Contains("too large: 9 MiB, over the limit of 8 MiB", rejection.Reason);
        Assert.StartsWith(" date 2022-07-08 ", rejection.Raw);
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes to reject a 9 MiB file");
    }

    [Fact]
    public void Unknown_extension_named_explicitly_is_sniffed_and_forced_text_reads_it_as_text()
    {
        using var dir = new TempDir();
        var path = dir.Write("article.dat", " date 2022-07-08 {not json} body");

        var sniffed = ReadOne(path, NoDate).Article!;
        Assert.Equal(17, sniffed.BodyStart);       // first non-white char is 'd', so plain text
        Assert.Equal("article", sniffed.Id);

        var jsonish = dir.Write("records.data", "{\"text\":\"x y\",\"date\":\"2022-07-08\"}\n");
        Assert.Equal(jsonish + ":1", ReadOne(jsonish, NoDate).Article!.Origin);
        var forced = ReadOne(jsonish, new ReaderOptions { Format = "text", Date = new DateOnly(2022, 1, 1) }).Article!;
        Assert.Equal(jsonish, forced.Origin);
        Assert.StartsWith("{\"text\"", forced.Text);
    }

    [Fact]
    public void An_unknown_format_is_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => ArticleSources.Open(["x"], new ReaderOptions { Format = "xml" }));
    }
}
