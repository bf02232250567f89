using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Verbatim.Readers;

namespace Verbatim.Pipeline;

/// <summary>One item of <see cref="ParallelExtraction.Run"/>: an extraction, or a rejected record. Never both.</summary>
public readonly struct ExtractionResult
{
    private ExtractionResult(ArticleExtraction? extraction, Rejection? rejection)
    {
        Extraction = extraction;
        Rejection = rejection;
    }

    public ArticleExtraction? Extraction { get; }
    public Rejection? Rejection { get; }
    public bool IsExtraction => Extraction is not null;

    public static ExtractionResult Ok(ArticleExtraction extraction) => new(extraction, null);
    public static ExtractionResult Rejected(Rejection rejection) => new(null, rejection);
}

/// <summary>
/// Runs <see cref="VerbatimPipeline.Extract"/> on many cores while keeping input order and bounded
/// memory: at most <c>window</c> items are read ahead of the consumer, so a slow consumer slows the reader.
/// </summary>
public static class ParallelExtraction
{
    /// <summary>The read-ahead window for a degree of parallelism: enough to keep every core busy.</summary>
    public static int DefaultWindow(int degreeOfParallelism) => 4 * degreeOfParallelism;

    /// <summary>
    /// Extracts every article of <paramref name="source"/> and yields the results in input order.
    /// Reader rejections pass through in place; an exception from Extract becomes a rejection of that
    /// article ("extraction failed: ..."), never a crash of the run.
    /// </summary>
    /// <param name="degreeOfParallelism">Worker threads; 0 or less = one per core.</param>
    /// <param name="window">Most items in flight; 0 or less = 4 × workers.</param>
    /// <param name="priority">How the extraction threads are scheduled against the consumer's (see <see cref="WorkerPriority"/>).</param>
    public static IEnumerable<ExtractionResult> Run(
        IEnumerable<ReadResult> source,
        VerbatimPipeline pipeline,
        int degreeOfParallelism = 0,
        int window = 0,
        CancellationToken cancellationToken = default,
        WorkerPriority priority = WorkerPriority.Normal)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pipeline);
        return OrderedParallel.Select(source, r => ExtractOne(pipeline, r), degreeOfParallelism, window, cancellationToken, priority);
    }

    /// <summary>Extracts one item on the calling thread, turning an exception into a rejection.</summary>
    public static ExtractionResult ExtractOne(VerbatimPipeline pipeline, ReadResult item)
    {
        if (item.Article is not { } article)
            return ExtractionResult.Rejected(item.Rejection!);
        try
        {
            return ExtractionResult.Ok(pipeline.Extract(article));
        }
        catch (Exception e)
        {
            return ExtractionResult.Rejected(new Rejection(article.Origin ?? article.Id, $"extraction failed: {e.GetType().Name}: {e.Message}"));
        }
    }
}

/// <summary>An order-preserving parallel map over a stream, with a bounded read-ahead window.</summary>
public static class OrderedParallel
{
    /// <summary>
    /// Applies <paramref name="selector"/> on <paramref name="degreeOfParallelism"/> worker threads and yields
    /// the results in source order. The source is enumerated on the consumer's thread, never more than
    /// <paramref name="window"/> items ahead of what has been yielded. An exception from the selector is
    /// rethrown to the consumer at that item's place. Stopping the enumeration early stops the workers.
    /// <paramref name="priority"/> says how the workers are scheduled against the consumer (see <see cref="WorkerPriority"/>).
    /// </summary>
    public static IEnumerable<TOut> Select<TIn, TOut>(
        IEnumerable<TIn> source,
        Func<TIn, TOut> selector,
        int degreeOfParallelism = 0,
        int window = 0,
        CancellationToken cancellationToken = default,
        WorkerPriority priority = WorkerPriority.Normal)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selector);
        int workers = degreeOfParallelism > 0 ? degreeOfParallelism : Environment.ProcessorCount;
        int size = window > 0 ? window : ParallelExtraction.DefaultWindow(workers);
        return Iterate(source, selector, workers, Math.Max(size, workers), priority, cancellationToken);
    }

    private sealed class Slot<TIn, TOut>(TIn input)
    {
        public TIn Input = input;
        public TOut? Output;
        public Exception? Error;
        private bool _done;

        public void Complete()
        {
            lock (this)
            {
                _done = true;
                Monitor.PulseAll(this);
            }
        }

        public void Wait(CancellationToken token)
        {
            lock (this)
            {
                while (!_done)
                {
                    token.ThrowIfCancellationRequested();
                    // Wake now and then to notice cancellation.
                    Monitor.Wait(this, 100);
                }
            }
        }
    }

    private static IEnumerable<TOut> Iterate<TIn, TOut>(
        IEnumerable<TIn> source, Func<TIn, TOut> selector, int workers, int window, WorkerPriority priority, CancellationToken token)
    {
        using var queue = new BlockingCollection<Slot<TIn, TOut>>();
        var stop = new CancellationTokenSource();
        var threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            threads[i] = new Thread(() => Work(queue, selector, priority, stop.Token))
            {
                IsBackground = true,
                Name = $"verbatim-worker-{i + 1}",
            };
            threads[i].Start();
        }

        var pending = new Queue<Slot<TIn, TOut>>(window);
        try
        {
            using var e = source.GetEnumerator();
            bool more = true;
            while (true)
            {
                // Backpressure: read ahead only while the window has room.
                while (more && pending.Count < window)
                {
                    token.ThrowIfCancellationRequested();
                    if (!e.MoveNext())
                    {
                        more = false;
                        break;
                    }
                    var slot = new Slot<TIn, TOut>(e.Current);
                    pending.Enqueue(slot);
                    queue.Add(slot);
                }
                if (pending.Count == 0)
                    yield break;
                var head = pending.Dequeue();
                head.Wait(token);
                if (head.Error is not null)
                    ExceptionDispatchInfo.Throw(head.Error);
                yield return head.Output!;
            }
        }
        finally
        {
            // Workers skip whatever is still queued, finish the item in hand, and exit.
            stop.Cancel();
            queue.CompleteAdding();
            foreach (var t in threads)
                t.Join();
            stop.Dispose();
        }
    }

    private static void Work<TIn, TOut>(BlockingCollection<Slot<TIn, TOut>> queue, Func<TIn, TOut> selector, WorkerPriority priority, CancellationToken stop)
    {
        if (priority == WorkerPriority.Low) ThreadScheduling.LowerCurrentThread();
        foreach (var slot in queue.GetConsumingEnumerable())
        {
            if (!stop.IsCancellationRequested)
            {
                try
                {
                    slot.Output = selector(slot.Input);
                }
                catch (Exception e)
                {
                    slot.Error = e;
                }
            }
            // Let the input be collected as soon as it is done with.
            slot.Input = default!;
            slot.Complete();
        }
    }
}
