using Verbatim.Pipeline;
using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

public sealed class ParallelExtractionTests
{
    /// <summary>Sleeps a varying time per article (so finishing order differs from input order) and fails on "boom".</summary>
    private sealed class JitterStage : IStage
    {
        public string Name => "jitter";

        public void Run(Document document)
        {
            var n = int.Parse(document.Article.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            Thread.Sleep((n * 7) % 5);
            if (document.Text.Contains("boom", StringComparison.Ordinal))
                throw new InvalidOperationException("stage blew up");
        }
    }

    private static ReadResult Art(int i, string text = "words") =>
        ReadResult.Ok(new Article("a" + i, new DateOnly(2022, 7, 8), text) { Origin = "in.jsonl:" + i });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Results_come_back_in_input_order(int threads)
    {
        var pipeline = new PipelineBuilder().Add(new JitterStage()).Build();
        var input = Enumerable.Range(0, 200).Select(i => Art(i)).ToList();

        var ids = ParallelExtraction.Run(input, pipeline, threads).Select(r => r.Extraction!.Article.Id).ToList();

        Assert.Equal(input.Select(r => r.Article!.Id), ids);
    }

    [Fact]
    public void An_exception_in_extract_becomes_a_rejection_of_that_article_and_reader_rejections_pass_through()
    {
        var pipeline = new PipelineBuilder().Add(new JitterStage()).Build();
        ReadResult[] input = [Art(1), Art(2, "boom"), ReadResult.Rejected("in.jsonl:3", "malformed JSON"), Art(4)];

        var results = ParallelExtraction.Run(input, pipeline, 2).ToList();

        Assert.Equal(4, results.Count);
        Assert.True(results[0].IsExtraction);
        Assert.Equal("in.jsonl:2", results[1].Rejection!.Record);
        Assert.Equal("extraction failed: InvalidOperationException: stage blew up", results[1].Rejection!.Reason);
        Assert.Equal(("in.jsonl:3", "malformed JSON"), (results[2].Rejection!.Record, results[2].Rejection!.Reason));
        Assert.Equal("a4", results[3].Extraction!.Article.Id);
    }

    [Fact]
    public void The_reader_is_never_more_than_the_window_ahead_of_the_consumer()
    {
        var pipeline = new PipelineBuilder().Add(new JitterStage()).Build();
        int read = 0, consumed = 0, maxAhead = 0;
        IEnumerable<ReadResult> Source()
        {
            for (int i = 0; i < 100; i++)
            {
                maxAhead = Math.Max(maxAhead, Interlocked.Increment(ref read) - Volatile.Read(ref consumed));
                yield return Art(i);
            }
        }

        foreach (var _ in ParallelExtraction.Run(Source(), pipeline, degreeOfParallelism: 2, window: 5))
        {
            Thread.Sleep(1);    // a slow consumer: the reader must wait for it
            Interlocked.Increment(ref consumed);
        }

        Assert.Equal(100, consumed);
        Assert.InRange(maxAhead, 1, 6);   // the window, plus the item being handed over
    }

    [Fact]
    public void Stopping_early_stops_reading_and_the_workers()
    {
        var pipeline = new PipelineBuilder().Add(new JitterStage()).Build();
        int read = 0;
        IEnumerable<ReadResult> Endless()
        {
            for (int i = 0; ; i++)
            {
                read++;
                yield return Art(i);
            }
        }

        var first = ParallelExtraction.Run(Endless(), pipeline, degreeOfParallelism: 2, window: 8).Take(3).ToList();

        Assert.Equal(["a0", "a1", "a2"], first.Select(r => r.Extraction!.Article.Id));
        Assert.InRange(read, 3, 12);
    }

    [Fact]
    public void The_default_pipeline_runs_on_all_cores()
    {
        var input = Enumerable.Range(0, 50).Select(i => Art(i, "He said it.")).ToList();
        var results = ParallelExtraction.Run(input, VerbatimPipeline.Default).ToList();
        Assert.All(results, r => Assert.True(r.IsExtraction));
        Assert.Equal(50, results.Count);
    }

    [Fact]
    public void Ordered_select_rethrows_a_selector_exception_at_its_place()
    {
        var seen = new List<int>();
        var ex = Assert.Throws<FormatException>(() =>
        {
            foreach (var x in OrderedParallel.Select(Enumerable.Range(0, 10), i => i == 5 ? throw new FormatException("five") : i, 3))
                seen.Add(x);
        });
        Assert.Equal("five", ex.Message);
        Assert.Equal([0, 1, 2, 3, 4], seen);
    }

    [SkippableFact]
    public void Low_priority_workers_run_below_the_consumer_and_normal_ones_at_its_level()
    {
        var consumer = ThreadScheduling.NiceOfCurrentThread() ?? 0;
        Skip.IfNot(OperatingSystem.IsLinux() && ThreadScheduling.NiceOfCurrentThread() is not null, "thread nice values are read from /proc on Linux only");
        int?[] Nices(WorkerPriority priority) =>
            OrderedParallel.Select(Enumerable.Range(0, 8), _ => ThreadScheduling.NiceOfCurrentThread(), 2, priority: priority).ToArray();

        var low = Nices(WorkerPriority.Low);
        var normal = Nices(WorkerPriority.Normal);

        // nice only goes up for an unprivileged process: a consumer already at 19 leaves no room below it
        Assert.All(low, n => Assert.Equal(Math.Min(19, consumer + ThreadScheduling.LowNice), n));
        Assert.All(normal, n => Assert.Equal(consumer, n));
        Assert.Equal(consumer, ThreadScheduling.NiceOfCurrentThread()); // the consumer's own thread is untouched
    }
}
