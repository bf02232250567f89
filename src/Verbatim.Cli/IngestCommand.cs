using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Verbatim.Benchmarks;
using Verbatim.Pipeline;
using Verbatim.Readers;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim ingest INPUT... [--store FILE] [--date D] [--input-format F] [--threads N] [--batch-size N]</c>:
/// read, extract, and store in batches, one transaction each, so an interrupted run can simply be re-run.
/// </summary>
internal static class IngestCommand
{
    public const int DefaultBatchSize = 256;

    /// <summary>Quote variants whose words the cluster index holds while ingesting (about 1.5 KB each): see <see cref="SqliteQuoteStore.MaxHeldClusterVariants"/>.</summary>
    public const int DefaultClusterWindow = 150_000;

    /// <summary>Memory-mapped reads of the ingest's SQLite connections (the writer's; the probe maps nothing).</summary>
    public const long IngestMemoryMap = 64L << 20;

    /// <summary>SQLite's page cache of the ingest's writer connection: the index pages it inserts into most, no more.</summary>
    public const long IngestPageCache = 32L << 20;

    /// <summary>Bounds the memory a store holds while ingesting (SQLite: the cluster index, 0 = unbounded, the memory map and the page cache).</summary>
    internal static void BoundMemory(IQuoteStore store, int clusterWindow, long memoryMap = IngestMemoryMap)
    {
        if (store is not SqliteQuoteStore sqlite) return;
        if (clusterWindow > 0) sqlite.MaxHeldClusterVariants = clusterWindow;
        sqlite.SetMemoryMap(memoryMap);
        sqlite.SetPageCache(IngestPageCache);
    }

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files, folders, or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var date = new Option<string?>("--date") { Description = "The date (YYYY-MM-DD) of plain-text articles without a date header." };
        var format = new Option<string?>("--input-format", "--format")
        {
            Description = $"Read every input as {string.Join(", ", ArticleSources.Formats)} (default: by extension; .gz files are decompressed).",
        };
        var textColumn = new Option<string?>("--text-column") { Description = "CSV: the column that holds the article text (default: text)." };
        var column = new Option<string[]>("--column") { Description = "CSV: FIELD=NAME, the column for id, date, title, url, publisher or text (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var threads = new Option<string?>("--threads") { Description = "Extraction threads (default: the number of cores)." };
        var batch = new Option<string?>("--batch-size") { Description = $"Articles per transaction (default {DefaultBatchSize})." };
        var window = ClusterWindowOption();
        var store = CliOptions.Store();
        var command = new Command("ingest", "Extract quotes from articles and add them to the store; already stored articles are skipped.")
        {
            inputs, date, format, textColumn, column, threads, batch, window, store,
        };
        command.SetAction(parse => StoreCli.Run("ingest", () =>
        {
            var options = new ReaderOptions
            {
                Date = CliValues.Date("--date", parse.GetValue(date)),
                Format = CliValues.OneOf("--input-format", parse.GetValue(format), [.. ArticleSources.Formats]),
                CsvColumns = CliValues.CsvColumns(parse.GetValue(textColumn), parse.GetValue(column)),
            };
            var threadCount = CliValues.PositiveInt("--threads", parse.GetValue(threads), Environment.ProcessorCount, 256);
            var batchSize = CliValues.PositiveInt("--batch-size", parse.GetValue(batch), DefaultBatchSize, 100_000);
            var location = CliOptions.ResolveStore(parse.GetValue(store));
            using var s = QuoteStores.Open(location);
            BoundMemory(s, ClusterWindow(parse.GetValue(window)));
            // A second connection answers "already stored?" on the reader thread, so a re-run skips stored articles
            // before extracting them without ever touching the writer's connection from two threads.
            using var probe = QuoteStores.Open(location);
            BoundMemory(probe, 0, memoryMap: 0);
            Totals totals;
            using (var progress = Progress.Start(CliIo.FromConsole()))
                totals = Run(s, ArticleSources.Open(parse.GetValue(inputs) ?? [], options), new Settings(threadCount, batchSize, probe.ContainsContent),
                    Console.Error, progress);
            Console.WriteLine(totals.Summary);
            return totals.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Ok;
        }));
        return command;
    }

    internal static Option<string?> ClusterWindowOption() => new("--cluster-window")
    {
        Description = $"Quote variants held in memory for near-duplicate clustering (default {DefaultClusterWindow}, about 1.5 KB each; 0 = all). " +
            "Older wordings still cluster when repeated exactly.",
    };

    internal static int ClusterWindow(string? value) =>
        value?.Trim() == "0" ? 0 : CliValues.PositiveInt("--cluster-window", value, DefaultClusterWindow);

    internal sealed class Totals
    {
        public int Read, Stored, Skipped, Rejected, Quotes;
        public long Words;

        public string Summary => string.Create(CultureInfo.InvariantCulture,
            $"{Read} read, {Stored} stored, {Skipped} skipped (already stored), {Rejected} rejected, {Quotes} quotes");
    }

    /// <summary>How an ingest runs: extraction threads, articles per transaction, and the optional "already stored?" probe (thread-safe for the reader thread).</summary>
    internal sealed record Settings(int Threads, int BatchSize, Func<string, bool>? AlreadyStored = null)
    {
        /// <summary>Most articles between the reader and the writer: a batch being written plus a batch being extracted, so no stage waits for another.</summary>
        public int Window => 2 * BatchSize + 4 * Threads;
    }

    /// <summary>Where the CPU went, per stage (thread CPU time in nanoseconds, summed over the stage's threads; see <see cref="ThreadCpu"/>).</summary>
    internal sealed class Timings
    {
        public long ReadTicks, ExtractTicks, WriteTicks;
        /// <summary>The part of <see cref="ExtractTicks"/> spent preparing the store's values (<see cref="IngestPrep"/>).</summary>
        public long PrepareTicks;

        /// <summary>Wall time (<see cref="Stopwatch"/> ticks) the writer spent writing batches: near the run's wall time, the
        /// writer bounds the throughput; well under it, extraction does.</summary>
        public long WriteWallTicks;

        /// <summary>Articles written so far (read by a progress logger on another thread).</summary>
        public volatile int Written;

        public static double Seconds(long ns) => ThreadCpu.Seconds(ns);
    }

    /// <summary>The ingest loop over files: see <see cref="Run(IQuoteStore, IEnumerable{ReadResult}, Settings, TextWriter, Progress?, Timings?)"/>.</summary>
    internal static Totals Run(IQuoteStore store, IReadOnlyList<string> inputs, ReaderOptions options, int threads, int batchSize, TextWriter log,
        Progress? progress = null) =>
        Run(store, ArticleSources.Open(inputs, options), new Settings(threads, batchSize), log, progress);

    /// <summary>
    /// The ingest pipeline: a reader thread (reading, content hashes, the optional already-stored probe) → extraction on
    /// <see cref="Settings.Threads"/> workers → this thread, the only one that touches <paramref name="store"/>, writing
    /// batches of <see cref="Settings.BatchSize"/> articles in input order, one transaction each. At most
    /// <see cref="Settings.Window"/> articles are between reading and writing: a slow writer slows the reader (backpressure),
    /// so memory does not grow with the corpus.
    /// </summary>
    /// <param name="log">Where rejections are reported (through <paramref name="progress"/> when there is one).</param>
    internal static Totals Run(IQuoteStore store, IEnumerable<ReadResult> source, Settings settings, TextWriter log,
        Progress? progress = null, Timings? timings = null)
    {
        var totals = new Totals();
        var pending = new List<ArticleExtraction>(settings.BatchSize);
        var rejections = new List<Rejection>();
        var probe = settings.AlreadyStored;
        int read = 0, probed = 0; // counted on the reader thread, added to the totals at the end

        // Runs on the reader thread: skip stored articles before extracting, so a re-run after a crash costs a hash per stored article.
        IEnumerable<ReadResult> NotYetStored()
        {
            foreach (var item in source)
            {
                read++;
                if (probe is not null && item.Article is { } article && probe(ContentHash.Of(article.Text)))
                {
                    probed++;
                    continue;
                }
                yield return item;
            }
        }

        var sqlite = store as SqliteQuoteStore;
        var letGoes = sqlite?.ClusterLetGoes ?? 0;

        void Flush()
        {
            if (pending.Count == 0 && rejections.Count == 0) return;
            var started = ThreadCpu.Now();
            var wallStarted = Stopwatch.GetTimestamp();
            var result = store.Ingest(pending, rejections);
            // The bounded cluster index just let go of its oldest variants: their arrays and postings (tens of MB, many on
            // the large-object heap) are garbage. A full compacting collection now returns them at once, instead of the
            // heap growing until the next full collection the runtime would schedule (it keeps peak memory bounded).
            if (sqlite is not null && sqlite.ClusterLetGoes != letGoes)
            {
                letGoes = sqlite.ClusterLetGoes;
                // Aggressive: the collection also gives the freed regions back to the system, so resident memory falls
                // with the heap instead of staying at its high-water mark.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
            if (timings is not null)
            {
                timings.WriteTicks += ThreadCpu.Now() - started;
                timings.WriteWallTicks += Stopwatch.GetTimestamp() - wallStarted;
            }
            totals.Stored += result.Stored;
            if (timings is not null) timings.Written = totals.Stored;
            totals.Skipped += result.Skipped;
            totals.Quotes += result.Quotes;
            pending.Clear();
            rejections.Clear();
        }

        var pipeline = VerbatimPipeline.Default;
        var prepare = store is SqliteQuoteStore; // only the SQLite store uses the prepared values
        ExtractionResult Extract(ReadResult r)
        {
            var started = timings is null ? 0 : ThreadCpu.Now();
            var result = ParallelExtraction.ExtractOne(pipeline, r);
            var extracted = timings is null ? 0 : ThreadCpu.Now();
            // What the SQLite writer would compute per article and quote (hashes, JSON columns, match words) is computed here.
            if (prepare && result.Extraction is { } x) IngestPrep.Prepare(x);
            if (timings is not null)
            {
                var now = ThreadCpu.Now();
                Interlocked.Add(ref timings.ExtractTicks, now - started);
                Interlocked.Add(ref timings.PrepareTicks, now - extracted);
            }
            return result;
        }

        using var reader = new ReadAhead<ReadResult>(NotYetStored(), settings.Window, timings);
        // The writer (this thread) is the serial stage and bounds the throughput: the extraction threads yield the CPU to it
        // and take what it leaves (10,000 generated articles on 2 cores: 400 → 480-500 articles/s; README, speed).
        foreach (var result in OrderedParallel.Select(reader.Items(), Extract, settings.Threads, settings.Window, priority: WorkerPriority.Low))
        {
            if (result.Rejection is { } rejection)
            {
                totals.Rejected++;
                rejections.Add(rejection);
                var line = $"rejected: {rejection.Record}: {rejection.Reason}";
                if (progress is null) log.WriteLine(line);
                else progress.WriteLine(line);
            }
            else
            {
                pending.Add(result.Extraction!);
                var words = prepare ? IngestPrep.Prepare(result.Extraction!) : Words.Count(result.Extraction!.Article.Text);
                totals.Words += words;
                progress?.Advance(1, words);
            }
            if (pending.Count >= settings.BatchSize || rejections.Count >= settings.BatchSize) Flush();
        }
        Flush();
        reader.Rethrow();
        totals.Read += read;
        totals.Skipped += probed;
        return totals;
    }

    /// <summary>
    /// Enumerates a source on a thread of its own, at most <c>capacity</c> items ahead of the consumer. An exception
    /// of the source ends the items and is rethrown by <see cref="Rethrow"/>; disposing stops the thread.
    /// </summary>
    private sealed class ReadAhead<T> : IDisposable
    {
        private readonly BlockingCollection<T> _queue;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private Exception? _error;

        public ReadAhead(IEnumerable<T> source, int capacity, Timings? timings)
        {
            _queue = new BlockingCollection<T>(Math.Max(1, capacity));
            _thread = new Thread(() =>
            {
                try
                {
                    using var e = source.GetEnumerator();
                    while (true)
                    {
                        var started = ThreadCpu.Now();
                        if (!e.MoveNext()) break;
                        if (timings is not null) timings.ReadTicks += ThreadCpu.Now() - started;
                        _queue.Add(e.Current, _stop.Token);
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
                catch (Exception e)
                {
                    _error = e;
                }
                finally
                {
                    _queue.CompleteAdding();
                }
            })
            { IsBackground = true, Name = "verbatim-reader" };
            _thread.Start();
        }

        public IEnumerable<T> Items() => _queue.GetConsumingEnumerable();

        public void Rethrow()
        {
            _thread.Join();
            if (_error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
        }

        public void Dispose()
        {
            _stop.Cancel();
            // A reader blocked inside the source (standard input waiting for data) is a background thread: do not wait for it forever.
            if (_thread.Join(TimeSpan.FromSeconds(2)))
            {
                _queue.Dispose();
                _stop.Dispose();
            }
        }
    }
}
