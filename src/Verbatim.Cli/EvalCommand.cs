using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Verbatim.Evaluation;
using Verbatim.Pipeline;

namespace Verbatim.Cli;

/// <summary><c>verbatim eval --corpus fixture|polnear PATH [--json] [--errors FILE]</c>: scores the default pipeline
/// as ../shared/EVALUATION.md says. Prints a table, then one JSON object with every figure on the last line.</summary>
internal static class EvalCommand
{
    private const int MaxWarningsShown = 10;

    public static Command Create()
    {
        var corpus = new Option<string>("--corpus")
        {
            Description = "Which corpus PATH holds: fixture (a *.gold.json file or a folder of them) or polnear (a split folder with text/ and attributions/).",
            Required = true,
        };
        corpus.AcceptOnlyFromAmong("fixture", "polnear");
        var path = new Argument<string>("PATH") { Description = "The gold file or folder." };
        var json = new Option<bool>("--json") { Description = "Print only the JSON object." };
        var errors = new Option<string?>("--errors") { Description = "Write per-article diagnostics (missed, false, differing) to this file." };
        var parallel = new Option<int?>("--parallel") { Description = "Articles extracted at once (default: one per core)." };
        var model = new Option<string?>("--model") { Description = "Score with this content-tagger model file instead of the shipped one." };
        var rulesOnly = new Option<bool>("--rules-only") { Description = "Score the rules alone, without the learned content tagger." };

        var command = new Command("eval", "Score the extractor on a gold corpus (../shared/EVALUATION.md).");
        command.Options.Add(corpus);
        command.Arguments.Add(path);
        command.Options.Add(json);
        command.Options.Add(errors);
        command.Options.Add(parallel);
        command.Options.Add(model);
        command.Options.Add(rulesOnly);
        command.SetAction(parse => Run(
            parse.GetValue(corpus)!,
            parse.GetValue(path)!,
            parse.GetValue(json),
            parse.GetValue(errors),
            parse.GetValue(parallel),
            ChoosePipeline(parse.GetValue(model), parse.GetValue(rulesOnly)).Extract,
            Console.Out,
            Console.Error));
        return command;
    }

    private static VerbatimPipeline ChoosePipeline(string? modelFile, bool rulesOnly)
    {
        if (modelFile is null && !rulesOnly) return VerbatimPipeline.Default;
        var builder = new PipelineBuilder().UseRuleStages();
        if (modelFile is not null && !rulesOnly)
        {
            using var stream = File.OpenRead(modelFile);
            builder.Add(new Learning.LearnedContentStage(Learning.ContentTagger.Load(stream)));
        }
        return builder.UseFinalStages().Build();
    }

    /// <summary>The command's body, with the extractor and the writers passed in (tests give fakes).</summary>
    public static int Run(
        string corpusName,
        string path,
        bool jsonOnly,
        string? errorsFile,
        int? parallel,
        Func<Article, ArticleExtraction> extractor,
        TextWriter stdout,
        TextWriter stderr)
    {
        EvalCorpus corpus;
        switch (corpusName)
        {
            case "fixture": corpus = EvalCorpus.Fixture; break;
            case "polnear": corpus = EvalCorpus.Polnear; break;
            default:
                stderr.WriteLine($"eval: unknown corpus '{corpusName}' (fixture or polnear)");
                return 2;
        }

        var warnings = new List<string>();
        IEvaluationReport report;
        var clock = Stopwatch.StartNew();
        try
        {
            report = Evaluator.Run(corpus, path, extractor, new EvaluationOptions { MaxDegreeOfParallelism = parallel }, warnings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            stderr.WriteLine($"eval: cannot read {path}: {e.GetType().Name}: {e.Message}");
            return 2;
        }
        clock.Stop();

        foreach (var w in warnings.Take(MaxWarningsShown)) stderr.WriteLine($"eval: warning: {w}");
        if (warnings.Count > MaxWarningsShown) stderr.WriteLine($"eval: … and {warnings.Count - MaxWarningsShown} more warnings");

        if (!jsonOnly)
        {
            report.WriteTable(stdout);
            stdout.WriteLine();
        }
        stdout.WriteLine(report.ToJson());
        stdout.Flush();

        if (errorsFile is not null)
        {
            try
            {
                using var file = new StreamWriter(errorsFile, false, new UTF8Encoding(false));
                report.WriteErrors(file);
                if (warnings.Count > 0)
                {
                    file.WriteLine();
                    file.WriteLine("=== warnings while reading the corpus");
                    foreach (var w in warnings) file.WriteLine(w);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"eval: cannot write {errorsFile}: {e.Message}");
                return 2;
            }
        }

        stderr.WriteLine($"eval: {clock.Elapsed.TotalSeconds:0.0} s");
        if (report.FailedArticles > 0)
        {
            stderr.WriteLine($"eval: the extractor failed on {report.FailedArticles} articles (scored as no quotes; see --errors)");
            return 1;
        }
        return 0;
    }
}
