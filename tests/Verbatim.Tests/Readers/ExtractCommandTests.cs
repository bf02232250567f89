using System.CommandLine;
using System.Text;
using System.Text.Json;
using Verbatim.Cli;
using Verbatim.Output;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Readers;

public sealed class ExtractCommandTests
{
    /// <summary>Marks the first quoted span as a direct quote; throws on "boom".</summary>
    private sealed class QuoteMarksStage : IStage
    {
        public string Name => "quote-marks";

        public void Run(Document d)
        {
            if (d.Text.Contains("boom", StringComparison.Ordinal)) throw new InvalidOperationException("kaboom");
            int open = d.Text.IndexOf('"', d.Article.BodyStart);
            int close = open < 0 ? -1 : d.Text.IndexOf('"', open + 1);
            if (close < 0) return;
            var span = new TextSpan(open + 1, close);
            d.Quotes.Add(new Quote
            {
                Id = d.Article.Id + "#q1",
                Kind = QuoteKind.Direct,
                Content = [span],
                Text = span.TextOf(d.Text),
                Confidence = 0.5,
            });
        }
    }

    private static readonly VerbatimPipeline Pipeline = new PipelineBuilder().Add(new QuoteMarksStage()).Build();

    private static (int Rc, string[] Lines, string Stderr) Run(string[] args, string stdin = "", string? format = null)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var io = new CliIo(() => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr, StdoutIsTerminal: false, StderrIsTerminal: false);
        var command = ExtractCommand.Create(() => io, Pipeline);
        int rc = ExitCodes.Invoke(command.Parse(args), new InvocationConfiguration { Output = new StringWriter(), Error = stderr });
        var text = Encoding.UTF8.GetString(stdout.ToArray());
        _ = format;
        return (rc, text.Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    [Fact]
    public void Writes_one_schema_object_per_article_in_input_order_and_exits_3_when_a_record_is_rejected()
    {
        using var dir = new TempDir();
        var first = dir.Write("1-first.txt", " date 2022-07-08 He said \"we will win\" on Thursday.");
        var bad = dir.Write("2-bad.txt", [0x48, 0x00, 0x49]);
        dir.Write("3-third.jsonl", "{\"id\":\"j\",\"date\":\"2022-07-09\",\"text\":\"No quote here.\"}\n{oops\n");
        var rejects = Path.Combine(dir.Path, "rejects.jsonl");

        var (rc, lines, stderr) = Run([dir.Path, "--rejects", rejects, "--threads", "2"]);

        Assert.Equal(3, rc);
        Assert.Equal(2, lines.Length);
        using var doc = JsonDocument.Parse(lines[0]);
        var root = doc.RootElement;
        Assert.Equal(["article", "quotes", "speakers"], root.EnumerateObject().Select(p => p.Name));
        var article = root.GetProperty("article");
        Assert.Equal("1-first", article.GetProperty("id").GetString());
        Assert.Equal("2022-07-08", article.GetProperty("date").GetString());
        Assert.Equal(first, article.GetProperty("origin").GetString());
        var quote = Assert.Single(root.GetProperty("quotes").EnumerateArray());
        Assert.Equal("we will win", quote.GetProperty("text").GetString());
        Assert.Equal(26, quote.GetProperty("content")[0].GetProperty("start").GetInt32());   // offsets count the header
        Assert.Equal("j", JsonDocument.Parse(lines[1]).RootElement.GetProperty("article").GetProperty("id").GetString());

        Assert.Contains($"rejected {bad}: binary content: NUL byte at byte offset 1", stderr);
        Assert.Contains("3-third.jsonl:2: malformed JSON", stderr);
        Assert.EndsWith("2 articles, 1 quotes, 2 rejected" + Environment.NewLine, stderr);

        var rejected = File.ReadAllLines(rejects).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([bad, Path.Combine(dir.Path, "3-third.jsonl") + ":2"], rejected.Select(r => r.GetProperty("record").GetString()));
        Assert.All(rejected, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("reason").GetString())));
    }

    [Fact]
    public void Exits_0_when_nothing_is_rejected_and_lines_equal_ExtractionJson()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.txt", "She said \"é ’ ok\".");

        var (rc, lines, stderr) = Run([path, "--date", "2021-02-03"]);

        Assert.Equal(0, rc);
        var article = new Article("a", new DateOnly(2021, 2, 3), "She said \"é ’ ok\".") { Origin = path };
        Assert.Equal(ExtractionJson.ToJson(Pipeline.Extract(article)), Assert.Single(lines));
        Assert.Contains("1 articles, 1 quotes, 0 rejected", stderr);
    }

    [Fact]
    public void Without_inputs_it_reads_stdin()
    {
        var (rc, lines, _) = Run([], stdin: "{\"text\":\"a\",\"date\":\"2022-07-08\"}\n{\"text\":\"b\",\"date\":\"2022-07-08\"}\n");
        Assert.Equal(0, rc);
        Assert.Equal(["stdin:1", "stdin:2"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("article").GetProperty("origin").GetString()));
    }

    [Fact]
    public void An_extraction_failure_is_a_rejection_not_a_crash()
    {
        var (rc, lines, stderr) = Run(["--date", "2022-07-08"], stdin: "It went boom.");
        Assert.Equal(3, rc);
        Assert.Empty(lines);
        Assert.Contains("rejected stdin: extraction failed: InvalidOperationException: kaboom", stderr);
    }

    [Theory]
    [InlineData("--date", "2022-13-45")]
    [InlineData("--format", "xml")]
    [InlineData("--input-format", "xml")]
    [InlineData("--threads", "0")]
    [InlineData("--no-such-option", "")]
    public void Usage_errors_exit_2(string option, string value)
    {
        string[] args = value.Length > 0 ? [option, value, "-"] : [option];
        var (rc, lines, _) = Run(args, stdin: "x");
        Assert.Equal(2, rc);
        Assert.Empty(lines);
    }

    [Fact]
    public void Table_format_shows_article_kind_and_quote()
    {
        using var dir = new TempDir();
        var path = dir.Write("tbl.txt", " date 2022-07-08 He said \"this is a quote\".");
        dir.Write("none.txt", " date 2022-07-08 Nothing quoted.");

        var (rc, lines, _) = Run([dir.Path, "--format", "table"]);

        Assert.Equal(0, rc);
        var table = string.Join('\n', lines);
        Assert.Contains("article", table);
        Assert.Contains("direct", table);
        Assert.Contains("this is a quote", table);
        Assert.Contains("(no quotes)", table);
        Assert.DoesNotContain("\u001b[", table);    // no ANSI codes when stdout is not a terminal
        _ = path;
    }
}
