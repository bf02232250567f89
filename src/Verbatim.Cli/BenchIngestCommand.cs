using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Verbatim.Benchmarks;
using Verbatim.Readers;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim bench-ingest --articles N [--store FILE|postgres://...] [--seed S] [--threads N] [--batch-size N] [--json]</c>:
/// the end-to-end ingest benchmark. Generates N news articles (<see cref="NewsCorpusGenerator"/>, streamed, never held),
/// ingests them through the real ingest pipeline, and reports articles and words per second (wall clock and per CPU-second
/// of the process), peak resident memory, store bytes per article, and the time of each stage.
/// </summary>
internal static class BenchIngestCommand
{
    public static Command Create()
    {
        var articles = new Option<string?>("--articles") { Description = "How many articles to generate and ingest (default 100000)." };
        var store = new Option<string?>("--store") { Description = "The store: a SQLite file or a postgres:// URL (default: a temporary SQLite file, deleted afterwards)." };
        var seed = new Option<string?>("--seed") { Description = "The corpus seed (default 2031)." };
        var threads = new Option<string?>("--threads") { Description = "Extraction threads (default: the number of cores)." };
        var batch = new Option<string?>("--batch-size") { Description = $"Articles per transaction (default {IngestCommand.DefaultBatchSize})." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every figure." };
        var window = IngestCommand.ClusterWindowOption();
        var command = new Command("bench-ingest",
            "Generate N news articles (streamed) and ingest them with extraction on: articles/s and words/s (wall and per CPU-second), " +
            "peak RSS, store bytes per article, time per stage.")
        {
            articles, store, seed, threads, batch, window, json,
        };
        command.SetAction(parse => StoreCli.Run("bench-ingest", () => Run(
            CliValues.PositiveInt("--articles", parse.GetValue(articles), 100_000),
            parse.GetValue(store),
            CliValues.PositiveInt("--seed", parse.GetValue(seed), 2031),
            CliValues.PositiveInt("--threads", parse.GetValue(threads), Environment.ProcessorCount, 256),
            CliValues.PositiveInt("--batch-size", parse.GetValue(batch), IngestCommand.DefaultBatchSize, 100_000),
            IngestCommand.ClusterWindow(parse.GetValue(window)),
            parse.GetValue(json))));
        return command;
    }

    private static int Run(int count, string? location, int seed, int threads, int batchSize, int clusterWindow, bool json)
    {
        var temporary = location is null;
        location ??= Path.Combine(Path.GetTempPath(), $"verbatim-bench-ingest-{Guid.NewGuid():N}.db");
        var generator = new NewsCorpusGenerator(count, seed);
        Console.Error.WriteLine($"bench-ingest: {count} generated articles (seed {seed}) into {QuoteStores.Describe(location)}, {threads} threads, batches of {batchSize}");
        try
        {
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var timings = new IngestCommand.Timings();
            var stages = new WriterStages();
            IngestCommand.Totals totals;
            long bytes;
            using var memoryLog = MemoryLog.Start(timings);
            using (var s = QuoteStores.Open(location))
            {
                IngestCommand.BoundMemory(s, clusterWindow);
                if (s is SqliteQuoteStore sqlite) sqlite.Stages = stages;
                using (var progress = Progress.Start(CliIo.FromConsole()))
                    totals = IngestCommand.Run(s, generator.Articles().Select(ReadResult.Ok), new IngestCommand.Settings(threads, batchSize),
                        Console.Error, progress, timings);
                clock.Stop();
                process.Refresh();
                bytes = QuoteStores.IsPostgres(location) ? s.Stats().SizeBytes : 0;
            }
            // SQLite: measured closed, when the last checkpoint has emptied the write-ahead log into the file.
            if (!QuoteStores.IsPostgres(location)) bytes = SqliteFileBytes(location);
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            var wall = clock.Elapsed.TotalSeconds;
            var rss = Benchmarks.ExtractBenchmark.PeakRssMegabytes();
            var r = new Result(count, totals, wall, cpu, rss, bytes, timings, QuoteStores.IsPostgres(location) ? null : stages, threads, batchSize, Environment.ProcessorCount);
            if (json) WriteJson(r);
            else WriteText(r);
            return ExitCodes.Ok;
        }
        finally
        {
            if (temporary)
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { location, location + "-wal", location + "-shm" })
                    if (File.Exists(f)) File.Delete(f);
            }
        }
    }

    /// <summary>
    /// With <c>VERBATIM_BENCH_MEMLOG=SECONDS</c>: a line on standard error every SECONDS with the articles written so far, the
    /// process's resident memory (now and peak) and the managed heap, to see whether memory grows with the corpus.
    /// </summary>
    private sealed class MemoryLog : IDisposable
    {
        private readonly Timer _timer;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private MemoryLog(IngestCommand.Timings timings, int seconds) =>
            _timer = new Timer(_ => Write(timings), null, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds));

        public static MemoryLog? Start(IngestCommand.Timings timings) =>
            int.TryParse(Environment.GetEnvironmentVariable("VERBATIM_BENCH_MEMLOG"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0
                ? new MemoryLog(timings, s) : null;

        private void Write(IngestCommand.Timings timings)
        {
            long rss = 0, hwm = 0;
            try
            {
                foreach (var line in File.ReadLines("/proc/self/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
                    else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
                }
            }
            catch (IOException) { }
            var gc = GC.GetGCMemoryInfo();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mem: t={_clock.Elapsed.TotalSeconds:0} articles={timings.Written} rss_mb={rss / 1024} hwm_mb={hwm / 1024} heap_mb={gc.HeapSizeBytes >> 20} committed_mb={gc.TotalCommittedBytes >> 20} fragmented_mb={gc.FragmentedBytes >> 20}"));
        }

        private static long Kb(string line) =>
            long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

        public void Dispose() => _timer.Dispose();
    }

    /// <summary>A SQLite store's file and its write-ahead log, if one is left (what Stats() reports, without counting every row).</summary>
    private static long SqliteFileBytes(string location) =>
        new[] { location, location + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    private sealed record Result(int Generated, IngestCommand.Totals Totals, double Wall, double Cpu, double? RssMb, long StoreBytes,
        IngestCommand.Timings Timings, WriterStages? Stages, int Threads, int BatchSize, int Cores)
    {
        // Every thread stops while the runtime collects (workstation GC): pauses stretch the writer's wall time too.
        public int Collections { get; } = GC.CollectionCount(0);
        public int FullCollections { get; } = GC.CollectionCount(2);
        public double GcPauseSeconds { get; } = GC.GetTotalPauseDuration().TotalSeconds;

        public double ArticlesPerSecond => Totals.Read / Wall;
        public double WordsPerSecond => Totals.Words / Wall;
        public double ArticlesPerCpuSecond => Totals.Read / Cpu;
        public double CpuMsPerArticle => 1000 * Cpu / Math.Max(1, Totals.Read);
        public double BytesPerArticle => (double)StoreBytes / Math.Max(1, Totals.Stored);
        public double WriterBusySeconds => (double)Timings.WriteWallTicks / Stopwatch.Frequency;
    }

    private static void WriteText(Result r)
    {
        string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
        string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        var t = r.Totals;
        Console.WriteLine(t.Summary + string.Create(CultureInfo.InvariantCulture, $", {N(t.Words)} words"));
        Console.WriteLine($"wall:    {F(r.Wall)} s   {N(r.ArticlesPerSecond)} articles/s   {N(r.WordsPerSecond)} words/s");
        Console.WriteLine($"cpu:     {F(r.Cpu)} s (user+sys of the process)   {N(r.ArticlesPerCpuSecond)} articles per CPU-second   {F(r.CpuMsPerArticle)} ms CPU per article");
        Console.WriteLine($"memory:  peak RSS {(r.RssMb is { } m ? N(m) + " MiB" : "n/a")}   garbage collections {N(r.Collections)} (gen 2: {N(r.FullCollections)}), paused {F(r.GcPauseSeconds)} s");
        Console.WriteLine($"store:   {N(r.StoreBytes)} bytes, {N(r.BytesPerArticle)} bytes per stored article");
        Console.WriteLine($"stages:  read+generate {F(IngestCommand.Timings.Seconds(r.Timings.ReadTicks))} s, extract {F(IngestCommand.Timings.Seconds(r.Timings.ExtractTicks))} s (summed over {r.Threads} threads; " +
            $"{F(IngestCommand.Timings.Seconds(r.Timings.PrepareTicks))} s of it preparing the store's values), " +
            $"write {F(IngestCommand.Timings.Seconds(r.Timings.WriteTicks))} s" + " (thread CPU time)");
        Console.WriteLine($"writer:  busy {F(r.WriterBusySeconds)} s of the {F(r.Wall)} s wall ({(r.WriterBusySeconds / r.Wall).ToString("0%", CultureInfo.InvariantCulture)}; near 100%: the writer bounds the throughput)");
        if (r.Stages is { } stages)
            Console.WriteLine("writer:  " + string.Join(", ", WriterStages.Names.Select((n, i) =>
                $"{n} {(stages.Nanoseconds[i] / 1e6 / Math.Max(1, r.Totals.Stored)).ToString("0.000", CultureInfo.InvariantCulture)}")) + " ms per stored article (thread CPU time)");
    }

    private static void WriteJson(Result r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("articles", r.Generated);
            w.WriteNumber("read", r.Totals.Read);
            w.WriteNumber("stored", r.Totals.Stored);
            w.WriteNumber("skipped", r.Totals.Skipped);
            w.WriteNumber("quotes", r.Totals.Quotes);
            w.WriteNumber("words", r.Totals.Words);
            w.WriteNumber("wall_seconds", Math.Round(r.Wall, 2));
            w.WriteNumber("cpu_seconds", Math.Round(r.Cpu, 2));
            w.WriteNumber("articles_per_second", Math.Round(r.ArticlesPerSecond, 1));
            w.WriteNumber("words_per_second", Math.Round(r.WordsPerSecond));
            w.WriteNumber("articles_per_cpu_second", Math.Round(r.ArticlesPerCpuSecond, 1));
            w.WriteNumber("cpu_ms_per_article", Math.Round(r.CpuMsPerArticle, 3));
            if (r.RssMb is { } m) w.WriteNumber("peak_rss_mb", Math.Round(m, 1));
            else w.WriteNull("peak_rss_mb");
            w.WriteNumber("store_bytes", r.StoreBytes);
            w.WriteNumber("store_bytes_per_article", Math.Round(r.BytesPerArticle));
            w.WriteStartObject("stage_cpu_seconds");
            w.WriteNumber("read", Math.Round(IngestCommand.Timings.Seconds(r.Timings.ReadTicks), 2));
            w.WriteNumber("extract", Math.Round(IngestCommand.Timings.Seconds(r.Timings.ExtractTicks), 2));
            w.WriteNumber("of_which_prepare", Math.Round(IngestCommand.Timings.Seconds(r.Timings.PrepareTicks), 2));
            w.WriteNumber("write", Math.Round(IngestCommand.Timings.Seconds(r.Timings.WriteTicks), 2));
            w.WriteEndObject();
            w.WriteNumber("writer_busy_wall_seconds", Math.Round(r.WriterBusySeconds, 2));
            w.WriteNumber("gc_collections", r.Collections);
            w.WriteNumber("gc_pause_seconds", Math.Round(r.GcPauseSeconds, 2));
            if (r.Stages is { } stages)
            {
                // The SQLite writer's parts, thread CPU milliseconds per stored article.
                w.WriteStartObject("writer_ms_per_article");
                for (var i = 0; i < WriterStages.Names.Length; i++)
                    w.WriteNumber(WriterStages.Names[i], Math.Round(stages.Nanoseconds[i] / 1e6 / Math.Max(1, r.Totals.Stored), 3));
                w.WriteEndObject();
            }
            w.WriteNumber("threads", r.Threads);
            w.WriteNumber("batch_size", r.BatchSize);
            w.WriteNumber("cores", r.Cores);
            w.WriteEndObject();
        }
        Console.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
