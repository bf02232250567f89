using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Verbatim.Benchmarks;
using Verbatim.Pipeline;
using Verbatim.Readers;
using Verbatim.Storage;
using Microsoft.Data.Sqlite;

namespace Verbatim.Cli;

/// <summary><c>verbatim bench</c>: extraction words/s per core (and on all cores), ingest articles/s, peak memory.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var corpus = new Option<string[]>("--corpus")
        {
            Description = "Corpus folder(s) or files (default: ../shared/data/polnear train and dev beside the repository, else the repository's samples/).",
            HelpName = "DIR",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"extract\":{...},\"ingest\":{...}|null,\"peak_rss_mb\":N}; extract holds words_per_second_per_core (wall clock) and words_per_cpu_second_per_core (the thread's CPU time)." };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Minimum measuring time of the single-thread extract figure, in seconds.",
            DefaultValueFactory = _ => 10,
        };
        seconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or double.NaN)
                r.AddError("--seconds must be a positive number");
        });
        var accurate = new Option<bool>("--accurate") { Description = "Measure the accurate mode's pipeline (MiniLM token features) instead of the default one; no ingest figure. Pass a small --corpus: it runs a few thousand words per second." };
        var command = new Command("bench",
            "Measure extract words per second per core (one thread, every stage on, warm-up first, then whole passes for at least --seconds), " +
            "the same on all cores, ingest articles per second into a fresh temporary store, and the peak resident memory. " +
            "The corpus is loaded into memory first; words are whitespace-separated tokens.")
        {
            corpus, json, seconds, accurate,
        };
        command.SetAction(parse => Run(parse.GetValue(corpus) ?? [], parse.GetValue(json), parse.GetValue(seconds), Console.Out, Console.Error,
            parse.GetValue(accurate)));
        return command;
    }

    internal static int Run(string[] corpusInputs, bool json, double seconds, TextWriter stdout, TextWriter stderr, bool accurate = false)
    {
        string[] inputs = corpusInputs.Length > 0 ? corpusInputs : DefaultCorpus();
        if (inputs.Length == 0)
        {
            stderr.WriteLine("verbatim bench: no corpus found (no ../shared/data/polnear beside the repository, no samples/); pass --corpus DIR");
            return ExitCodes.Usage;
        }

        stderr.WriteLine($"bench: loading {string.Join(", ", inputs)}");
        // Bench needs text, not true dates: undated plain text gets a fixed date instead of being dropped.
        var corpus = BenchCorpus.Load(inputs, new ReaderOptions { Date = new DateOnly(2016, 1, 1) });
        if (corpus.Articles.Count == 0)
        {
            stderr.WriteLine("verbatim bench: the corpus holds no readable article");
            return ExitCodes.Usage;
        }
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: {corpus.Articles.Count} articles, {corpus.Words} words in memory ({corpus.Rejected} rejected); measuring one thread for {seconds:0.#} s"));

        var pipeline = accurate ? Contextual.AccuratePipeline.Default : VerbatimPipeline.Default;
        var minimum = TimeSpan.FromSeconds(seconds);
        var single = ExtractBenchmark.SingleThread(corpus, pipeline, minimum);
        int cores = Environment.ProcessorCount;
        stderr.WriteLine($"bench: measuring {cores} threads");
        var all = ExtractBenchmark.AllCores(corpus, pipeline, TimeSpan.FromSeconds(Math.Max(1, seconds / 2)), cores);
        // Ingest runs the default pipeline: the accurate mode is measured on extract alone.
        if (!accurate) stderr.WriteLine("bench: measuring ingest");
        double? ingest = accurate ? null : IngestBench.ArticlesPerSecond(inputs, stderr);
        double? rss = ExtractBenchmark.PeakRssMegabytes();

        if (json)
            WriteJson(stdout, corpus, single, all, ingest, rss);
        else
            WriteTable(stdout, corpus, single, all, ingest, rss, cores, accurate ? "not measured in the accurate mode" : "ingest stored nothing");
        return ExitCodes.Ok;
    }

    /// <summary>PolNeAR train + dev from ../shared beside the repository root, else the repository's samples/.</summary>
    internal static string[] DefaultCorpus()
    {
        var root = RepoRoot();
        if (root is null) return [];
        var polnear = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "polnear"));
        // The split folders (not their text/) so the PolNeAR reader dates them from metadata.tsv.
        var splits = new[] { "train", "dev" }
            .Select(s => Path.Combine(polnear, s))
            .Where(s => Directory.Exists(Path.Combine(s, "text")))
            .ToArray();
        if (splits.Length > 0) return splits;
        var samples = Path.Combine(root, "samples");
        return Directory.Exists(samples) ? [samples] : [];
    }

    private static string? RepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Verbatim.sln")))
                    return dir.FullName;
        return null;
    }

    private static void WriteJson(TextWriter stdout, BenchCorpus corpus, ExtractMeasurement single, ExtractMeasurement all, double? ingest, double? rss)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("extract");
            w.WriteNumber("words_per_second_per_core", Math.Round(single.WordsPerSecond));
            w.WriteNumber("words_per_cpu_second_per_core", Math.Round(single.WordsPerCpuSecond));
            w.WriteNumber("words_per_second_all_cores", Math.Round(all.WordsPerSecond));
            w.WriteNumber("articles", corpus.Articles.Count);
            w.WriteNumber("words", corpus.Words);
            w.WriteEndObject();
            if (ingest is { } perSecond)
            {
                w.WriteStartObject("ingest");
                w.WriteNumber("articles_per_second", Math.Round(perSecond, 1));
                w.WriteEndObject();
            }
            else
                w.WriteNull("ingest");     // the ingest pass stored nothing
            if (rss is { } mb) w.WriteNumber("peak_rss_mb", Math.Round(mb, 1));
            else w.WriteNull("peak_rss_mb");
            w.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        stdout.Flush();
    }

    private static void WriteTable(TextWriter stdout, BenchCorpus corpus, ExtractMeasurement single, ExtractMeasurement all, double? ingest, double? rss, int cores,
        string noIngest)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        var table = new Table().AddColumns("measure", "value", "how");
        string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
        table.AddRow("extract words/s per core", N(single.WordsPerSecond), $"1 thread, {single.Passes} passes in {single.Elapsed.TotalSeconds:0.0} s");
        table.AddRow("extract words per CPU second", N(single.WordsPerCpuSecond), $"the same passes, by the thread's CPU time ({single.ThreadCpuSeconds:0.0} s)");
        table.AddRow($"extract words/s, {cores} cores", N(all.WordsPerSecond), $"ParallelExtraction, {all.Passes} passes in {all.Elapsed.TotalSeconds:0.0} s");
        table.AddRow("ingest articles/s", ingest is { } i ? N(i) : "n/a", ingest is null ? noIngest : "read + extract + store, fresh temp SQLite");
        table.AddRow("peak RSS (MiB)", rss is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) : "n/a", "VmHWM");
        table.AddRow("corpus", $"{corpus.Articles.Count} articles", $"{N(corpus.Words)} words");
        console.Write(table);
    }
}

/// <summary>
/// Ingest throughput: the real ingest loop (read, extract, store in batches) into a fresh temporary
/// SQLite store per pass, passes repeated for at least two seconds; the files are deleted afterwards.
/// </summary>
internal static class IngestBench
{
    public static double? ArticlesPerSecond(string[] inputs, TextWriter log)
    {
        var options = new ReaderOptions { Date = new DateOnly(2016, 1, 1) };
        long stored = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            var path = Path.Combine(Path.GetTempPath(), $"verbatim-bench-{Guid.NewGuid():N}.db");
            try
            {
                using (var store = SqliteQuoteStore.Open(path))
                    stored += IngestCommand.Run(store, inputs, options, Environment.ProcessorCount, IngestCommand.DefaultBatchSize, TextWriter.Null).Stored;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                    File.Delete(f);
            }
            if (stored == 0)
            {
                log.WriteLine("bench: ingest stored no article");
                return null;
            }
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(2));
        return stored / clock.Elapsed.TotalSeconds;
    }
}
