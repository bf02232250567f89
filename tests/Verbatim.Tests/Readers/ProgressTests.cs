using System.Text.RegularExpressions;
using Verbatim.Cli;

namespace Verbatim.Tests.Readers;

public sealed class ProgressTests
{
    [Fact]
    public void Redirected_stderr_gets_plain_progress_lines_every_interval()
    {
        var stderr = new StringWriter();
        using (var progress = new Progress(Progress.Mode.Plain, stderr, TimeSpan.FromMilliseconds(40)))
        {
            progress.Advance(3, 120);
            Thread.Sleep(300);
        }
        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0, $"stderr: [{stderr}]");
        Assert.All(lines, l => Assert.Matches(new Regex(@"^progress: \d+ articles, \d+ words, \d+ articles/s$"), l));
        Assert.StartsWith("progress: 3 articles, 120 words, ", lines[^1]);
    }

    [Fact]
    public void A_run_that_ends_within_the_first_interval_prints_nothing()
    {
        var stderr = new StringWriter();
        using (var progress = Progress.Start(new CliIo(() => Stream.Null, Stream.Null, stderr, StdoutIsTerminal: false, StderrIsTerminal: false)))
            progress.Advance(1000, 5000);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Messages_go_to_stderr_and_nothing_goes_after_dispose()
    {
        var stderr = new StringWriter();
        var progress = new Progress(Progress.Mode.Plain, stderr, TimeSpan.FromMilliseconds(20));
        progress.WriteLine("rejected x: why");
        progress.Dispose();
        var after = stderr.ToString();
        Thread.Sleep(100);
        Assert.Equal(after, stderr.ToString());
        // A progress line may come first on a loaded machine; the message must be there, whole, on its own line.
        Assert.Contains("rejected x: why" + Environment.NewLine, after);
    }
}
