using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Verbatim.Benchmarks;

namespace Verbatim.Cli;

/// <summary><c>verbatim generate --articles N --out FILE.jsonl[.gz] [--seed S]</c>: a synthetic news corpus for benchmarks, streamed.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var articles = new Option<string?>("--articles") { Description = "How many articles (required).", Required = true };
        var output = new Option<string?>("--out") { Description = "The JSON Lines file to write (.gz: gzip-compressed); - for standard output.", Required = true };
        var seed = new Option<string?>("--seed") { Description = "The seed (default 2031): the same seed and count give the same bytes." };
        var command = new Command("generate",
            "Write a synthetic news corpus as JSON Lines (id, date, title, url, publisher, text): articles of about 600 words from ~200 outlets, " +
            "stories covered by several outlets with their quotes repeated in small variations. Streamed: memory does not grow with --articles.")
        {
            articles, output, seed,
        };
        command.SetAction(parse => StoreCli.Run("generate", () =>
        {
            var n = CliValues.PositiveInt("--articles", parse.GetValue(articles), 0);
            var s = CliValues.PositiveInt("--seed", parse.GetValue(seed), 2031);
            var path = parse.GetValue(output)!;
            var generator = new NewsCorpusGenerator(n, s);
            var clock = Stopwatch.StartNew();
            long written;
            if (path == "-")
            {
                using var stdout = Console.OpenStandardOutput();
                using var buffered = new BufferedStream(stdout, 1 << 16);
                written = generator.WriteJsonLines(buffered);
            }
            else
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null) Directory.CreateDirectory(dir);
                written = generator.WriteJsonLines(path);
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{written} articles written to {path} in {clock.Elapsed.TotalSeconds:0.0} s"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
