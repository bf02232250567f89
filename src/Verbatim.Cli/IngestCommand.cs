using System.CommandLine;
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
        var store = CliOptions.Store();
        var command = new Command("ingest", "Extract quotes from articles and add them to the store; already stored articles are skipped.")
        {
            inputs, date, format, textColumn, column, threads, batch, store,
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
            using var s = QuoteStores.Open(CliOptions.ResolveStore(parse.GetValue(store)));
            Totals totals;
            using (var progress = Progress.Start(CliIo.FromConsole()))
                totals = Run(s, parse.GetValue(inputs) ?? [], options, threadCount, batchSize, Console.Error, progress);
            Console.WriteLine(totals.Summary);
            return totals.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Ok;
        }));
        return command;
    }

    internal sealed class Totals
    {
        public int Read, Stored, Skipped, Rejected, Quotes;

        public string Summary => string.Create(CultureInfo.InvariantCulture,
            $"{Read} read, {Stored} stored, {Skipped} skipped (already stored), {Rejected} rejected, {Quotes} quotes");
    }

    /// <summary>The ingest loop, apart from option parsing so it can be driven directly.</summary>
    /// <param name="log">Where rejections are reported (through <paramref name="progress"/> when there is one).</param>
    internal static Totals Run(IQuoteStore store, IReadOnlyList<string> inputs, ReaderOptions options, int threads, int batchSize, TextWriter log,
        Progress? progress = null)
    {
        var totals = new Totals();
        var pending = new List<ArticleExtraction>(batchSize);
        var rejections = new List<Rejection>();

        // Skip stored articles before extracting, so a re-run after a crash costs a hash per stored article.
        // ParallelExtraction enumerates its source on this (the consumer's) thread, so the store is never used from two threads.
        IEnumerable<ReadResult> NotYetStored()
        {
            foreach (var item in ArticleSources.Open(inputs, options))
            {
                totals.Read++;
                if (item.Article is { } article && store.ContainsContent(ContentHash.Of(article.Text)))
                {
                    totals.Skipped++;
                    continue;
                }
                yield return item;
            }
        }

        void Flush()
        {
            if (pending.Count == 0 && rejections.Count == 0) return;
            var result = store.Ingest(pending, rejections);
            totals.Stored += result.Stored;
            totals.Skipped += result.Skipped;
            totals.Quotes += result.Quotes;
            pending.Clear();
            rejections.Clear();
        }

        foreach (var result in ParallelExtraction.Run(NotYetStored(), VerbatimPipeline.Default, threads))
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
                progress?.Advance(1, Words.Count(result.Extraction!.Article.Text));
            }
            if (pending.Count >= batchSize || rejections.Count >= batchSize) Flush();
        }
        Flush();
        return totals;
    }
}
