using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Verbatim.Evaluation;
using Verbatim.Pipeline;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim count-direct --corpus fixture|polnear PATH [--spans FILE]</c>: how many gold direct quotes are found
/// (EVALUATION.md figure 3's rule) by Verbatim, or by another system's spans (JSON Lines {"id", "spans": [[s, e]...]});
/// for Verbatim also its extraction speed (words per CPU-second, one thread, after a warm-up pass). One JSON line out.
/// Used by bench/compromise/run.sh for the side-by-side with the npm package compromise.
/// </summary>
internal static class CountDirectCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "fixture or polnear.", Required = true };
        corpus.AcceptOnlyFromAmong("fixture", "polnear");
        var path = new Argument<string>("PATH") { Description = "A fixture *.gold.json (or folder), or a PolNeAR split folder." };
        var spans = new Option<string?>("--spans") { Description = "Score these spans instead of Verbatim: JSON Lines {\"id\": ..., \"spans\": [[start, end], ...]}." };
        var command = new Command("count-direct", "Count the gold direct quotes found by Verbatim or by given spans (EVALUATION.md figure 3), with Verbatim's speed.");
        command.Options.Add(corpus);
        command.Arguments.Add(path);
        command.Options.Add(spans);
        command.SetAction(parse =>
        {
            var which = parse.GetValue(corpus) == "polnear" ? EvalCorpus.Polnear : EvalCorpus.Fixture;
            var where = parse.GetValue(path)!;
            var spansFile = parse.GetValue(spans);
            string line;
            if (spansFile is not null)
            {
                var given = DirectQuoteCount.ReadSpans(spansFile);
                int missing = 0;
                var counts = DirectQuoteCount.Run(which, where, a =>
                {
                    if (given.TryGetValue(a.Id, out var s)) return s;
                    missing++;
                    return [];
                });
                if (missing > 0) Console.Error.WriteLine($"count-direct: {missing} articles have no line in {spansFile}");
                line = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"system\":\"spans\",\"articles\":{counts.Articles},\"gold\":{counts.Gold},\"found\":{counts.Found},\"predicted\":{counts.Predicted},\"words\":{counts.Words}}}");
            }
            else
            {
                var pipeline = VerbatimPipeline.Default;
                IReadOnlyList<IReadOnlyList<TextSpan>> Predict(Article a) => pipeline.Extract(a).Quotes.Select(q => q.Content).ToList();
                var counts = DirectQuoteCount.Run(which, where, Predict); // also the warm-up pass
                var articles = new List<Article>();
                DirectQuoteCount.Run(which, where, a =>
                {
                    articles.Add(a);
                    return [];
                });
                var process = Process.GetCurrentProcess();
                var before = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                // Repeat the pass until a second of CPU time has gone by: a single short article is too quick to time.
                long words = 0;
                double cpu;
                do
                {
                    foreach (var a in articles) pipeline.Extract(a);
                    words += counts.Words;
                    process.Refresh();
                    cpu = (process.TotalProcessorTime - before).TotalSeconds;
                } while (cpu < 1.0);
                line = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"system\":\"verbatim\",\"articles\":{counts.Articles},\"gold\":{counts.Gold},\"found\":{counts.Found},\"predicted\":{counts.Predicted},\"words\":{counts.Words},\"cpu_seconds\":{cpu:F3},\"words_per_cpu_second\":{words / cpu:F0},\"words_per_wall_second\":{words / wall.Elapsed.TotalSeconds:F0}}}");
            }
            Console.WriteLine(line);
            return ExitCodes.Ok;
        });
        return command;
    }
}
