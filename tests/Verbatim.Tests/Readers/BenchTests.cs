using System.Text.Json;
using Verbatim.Benchmarks;
using Verbatim.Cli;
using Verbatim.Pipeline;
using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

public sealed class BenchTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("   \n\t ", 0)]
    [InlineData("one", 1)]
    [InlineData(" date 2022-07-08 He said: \"yes,\"  twice.\n\nEnd", 7)]
    [InlineData("a\u00A0b\u2003c", 3)]     // non-breaking and em spaces separate words too
    public void Words_are_whitespace_separated_tokens(string text, int expected)
    {
        Assert.Equal(expected, Words.Count(text));
    }

    [Fact]
    public void Single_thread_measure_counts_whole_passes_of_the_corpus()
    {
        var corpus = new BenchCorpus([new Article("a", new DateOnly(2022, 7, 8), "one two three")], Words: 3, Chars: 13, Rejected: 0);
        var m = ExtractBenchmark.SingleThread(corpus, VerbatimPipeline.Default, TimeSpan.FromMilliseconds(20));
        Assert.True(m.Passes >= 1);
        Assert.Equal(3L * m.Passes, m.Words);
        Assert.True(m.WordsPerSecond > 0);
    }

    [Fact]
    public void Peak_rss_is_read_from_proc_on_linux()
    {
        var rss = ExtractBenchmark.PeakRssMegabytes();
        if (OperatingSystem.IsLinux()) Assert.InRange(rss!.Value, 1, 100_000);
        else Assert.Null(rss);
    }

    [Fact]
    public void Bench_json_is_exactly_one_object_of_the_documented_shape()
    {
        using var dir = new TempDir();
        dir.Write("a.txt", " date 2022-07-08 He said \"we will win\" on Thursday.");
        dir.Write("b.jsonl", "{\"text\":\"She told reporters it was fine.\",\"date\":\"2022-07-09\"}\n");
        var stdout = new StringWriter();

        int rc = BenchCommand.Run([dir.Path], json: true, seconds: 0.05, stdout, TextWriter.Null);

        Assert.Equal(0, rc);
        var text = stdout.ToString().Trim();
        Assert.DoesNotContain('\n', text);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(["extract", "ingest", "peak_rss_mb"], root.EnumerateObject().Select(p => p.Name));
        var extract = root.GetProperty("extract");
        Assert.Equal(["words_per_second_per_core", "words_per_cpu_second_per_core", "words_per_second_all_cores", "articles", "words"], extract.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, extract.GetProperty("articles").GetInt32());
        Assert.Equal(7 + 6, extract.GetProperty("words").GetInt64());   // the date header is not counted
        Assert.True(extract.GetProperty("words_per_second_per_core").GetDouble() > 0);
        Assert.True(extract.GetProperty("words_per_cpu_second_per_core").GetDouble() > 0);
        Assert.True(root.GetProperty("ingest").GetProperty("articles_per_second").GetDouble() > 0);
    }

    [Fact]
    public void Bench_without_a_readable_corpus_is_a_usage_error()
    {
        using var dir = new TempDir();
        Assert.Equal(2, BenchCommand.Run([dir.Path], json: true, seconds: 0.05, new StringWriter(), TextWriter.Null));
    }
}
