using System.Text;
using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

public sealed class JsonLinesReaderTests
{
    private static readonly ReaderOptions NoDate = new();

    [Fact]
    public void Records_carry_their_fields_and_origin_path_colon_line()
    {
        using var dir = new TempDir();
        var path = dir.Write("news.jsonl",
            "{\"id\":\"a1\",\"date\":\"2022-07-08\",\"title\":\"T\",\"url\":\"https://x/1\",\"publisher\":\"CNN\",\"text\":\"He said \\\"hi\\\".\"}\n" +
            "\n" +                                                    // blank line: skipped, but counted
            "{\"date\":\"2022-07-09\",\"text\":\"No id here.\",\"extra\":{\"nested\":[1,2]}}\r\n");

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Equal(2, results.Count);
        var a = results[0].Article!;
        Assert.Equal("a1", a.Id);
        Assert.Equal(new DateOnly(2022, 7, 8), a.Date);
        Assert.Equal("T", a.Title);
        Assert.Equal("https://x/1", a.Url);
        Assert.Equal("CNN", a.Publisher);
        Assert.Equal("He said \"hi\".", a.Text);
        Assert.Equal(path + ":1", a.Origin);
        Assert.Equal(0, a.BodyStart);

        var b = results[1].Article!;
        Assert.Equal("news-3", b.Id);                 // <filename>-<line>
        Assert.Equal(path + ":3", b.Origin);
        Assert.Equal("No id here.", b.Text);           // the \r of CRLF is not part of the record
        Assert.Null(b.Title);
    }

    [Fact]
    public void Missing_date_falls_back_to_the_option_and_ndjson_is_read_too()
    {
        using var dir = new TempDir();
        var path = dir.Write("x.ndjson", "{\"id\":\"k\",\"text\":\"Words.\",\"date\":null}");  // no trailing newline
        var a = Assert.Single(ArticleSources.Open([path], new ReaderOptions { Date = new DateOnly(2019, 5, 6) })).Article!;
        Assert.Equal(new DateOnly(2019, 5, 6), a.Date);
    }

    [Fact]
    public void A_date_time_keeps_its_calendar_day()
    {
        using var dir = new TempDir();
        var path = dir.Write("x.jsonl", "{\"text\":\"Words.\",\"date\":\"2022-07-08T23:30:00-05:00\"}\n");
        Assert.Equal(new DateOnly(2022, 7, 8), Assert.Single(ArticleSources.Open([path], NoDate)).Article!.Date);
    }

    public static TheoryData<string, string, string> BadLines => new()
    {
        { "malformed JSON", "{\"text\": \"unterminated", "malformed JSON" },
        { "trailing garbage", "{\"text\":\"a\",\"date\":\"2022-07-08\"} extra", "malformed JSON" },
        { "not an object", "[\"text\", \"a\"]", "not a JSON object: the line starts with an array" },
        { "text is a number", "{\"text\":42,\"date\":\"2022-07-08\"}", "wrong type: field \"text\" must be a string, not a number" },
        { "date is a number", "{\"text\":\"a\",\"date\":20220708}", "wrong type: field \"date\" must be a string, not a number" },
        { "id is an object", "{\"id\":{},\"text\":\"a\",\"date\":\"2022-07-08\"}", "wrong type: field \"id\" must be a string, not an object" },
        { "missing text", "{\"id\":\"x\",\"date\":\"2022-07-08\"}", "missing field: the record has no \"text\"" },
        { "empty text", "{\"text\":\"  \\n \",\"date\":\"2022-07-08\"}", "empty text" },
        { "impossible date", "{\"text\":\"a\",\"date\":\"2022-13-45\"}", "impossible date '2022-13-45'" },
        { "no date", "{\"text\":\"a\"}", "no date" },
        { "NUL byte", "{\"text\":\"a\0b\",\"date\":\"2022-07-08\"}", "binary content" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Each_bad_line_is_rejected_as_path_colon_line_and_the_next_line_is_read(string what, string line, string reason)
    {
        using var dir = new TempDir();
        var path = dir.Write("in.jsonl",
            "{\"id\":\"first\",\"text\":\"ok\",\"date\":\"2022-07-08\"}\n" + line + "\n" +
            "{\"id\":\"last\",\"text\":\"ok\",\"date\":\"2022-07-08\"}\n");

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Equal(3, results.Count);
        Assert.Equal("first", results[0].Article?.Id);
        var rejection = results[1].Rejection;
        Assert.True(rejection is not null, what);
        Assert.Equal(path + ":2", rejection!.Record);
        Assert.Contains(reason, rejection.Reason);
        Assert.Equal(line, rejection.Raw);
        Assert.Equal("last", results[2].Article?.Id);
    }

    [Fact]
    public void Invalid_UTF8_in_a_line_is_rejected_for_that_line_only()
    {
        using var dir = new TempDir();
        byte[] bytes = [.. "{\"text\":\"caf"u8, 0xE9, .. "\",\"date\":\"2022-07-08\"}\n"u8, .. "{\"text\":\"ok\",\"date\":\"2022-07-08\"}\n"u8];
        var path = dir.Write("in.jsonl", bytes);

        var results = ArticleSources.Open([path], NoDate).ToList();

        Assert.Contains("invalid UTF-8 at byte offset 12", results[0].Rejection!.Reason);
        Assert.Equal(path + ":1", results[0].Rejection!.Record);
        Assert.True(results[1].IsArticle);
    }

    [Fact]
    public void An_overlong_line_is_rejected_without_buffering_it_and_reading_goes_on()
    {
        using var dir = new TempDir();
        var longText = new string('a', 50_000);
        var path = dir.Write("in.jsonl",
            "{\"text\":\"" + longText + "\",\"date\":\"2022-07-08\"}\n" +
            "{\"text\":\"short\",\"date\":\"2022-07-08\"}\n");
        var options = new ReaderOptions { MaxArticleBytes = 1000 };

        var results = ArticleSources.Open([path], options).ToList();

        Assert.Equal(2, results.Count);
        Assert.Equal(path + ":1", results[0].Rejection!.Record);
        Assert.Contains("too large", results[0].Rejection!.Reason);
        Assert.True(results[0].Rejection!.Raw!.Length <= 1024);
        Assert.Equal("short", results[1].Article!.Text);
        Assert.Equal(path + ":2", results[1].Article!.Origin);
    }

    [Fact]
    public void A_line_exactly_at_the_limit_is_read_and_one_byte_more_is_not()
    {
        var line = "{\"text\":\"abc\",\"date\":\"2022-07-08\"}";
        int size = Encoding.UTF8.GetByteCount(line);
        using var dir = new TempDir();
        var path = dir.Write("in.jsonl", line + "\r\n" + line + " \n");

        var results = ArticleSources.Open([path], new ReaderOptions { MaxArticleBytes = size }).ToList();

        Assert.True(results[0].IsArticle);
        Assert.Contains("too large", results[1].Rejection!.Reason);
    }

    [Fact]
    public void In_memory_json_lines_reader_names_records_by_the_given_name()
    {
        var bytes = "{\"text\":\"a\",\"date\":\"2022-07-08\"}\n{\"text\":\"b\",\"date\":\"2022-07-08\"}"u8.ToArray();
        var results = ArticleSources.FromJsonLines(new MemoryStream(bytes), "feed", "feed", NoDate).ToList();
        Assert.Equal(["feed-1", "feed-2"], results.Select(r => r.Article!.Id));
    }
}
