using System.Diagnostics;
using System.Globalization;
using Verbatim.Pipeline;
using Verbatim.Readers;

namespace Verbatim.Benchmarks;

/// <summary>A benchmark corpus held in memory, so that reading costs nothing during the measured passes.</summary>
public sealed record BenchCorpus(IReadOnlyList<Article> Articles, long Words, long Chars, int Rejected)
{
    public static BenchCorpus Load(IEnumerable<string> inputs, ReaderOptions options)
    {
        var articles = new List<Article>();
        long words = 0, chars = 0;
        int rejected = 0;
        foreach (var r in ArticleSources.Open(inputs, options))
        {
            if (r.Article is not { } a)
            {
                rejected++;
                continue;
            }
            articles.Add(a);
            words += Benchmarks.Words.Count(a.Text.AsSpan(a.BodyStart));
            chars += a.Text.Length;
        }
        return new BenchCorpus(articles, words, chars, rejected);
    }
}

/// <summary>One measurement: so many words in so many passes over the corpus, in this much time (wall clock), using
/// this much CPU time of the measuring thread (user + system; what a loaded machine does not inflate).</summary>
public sealed record ExtractMeasurement(long Words, int Passes, TimeSpan Elapsed, double ThreadCpuSeconds = 0)
{
    public double WordsPerSecond => Words / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Words per CPU second of the measuring thread: the per-core figure for a single-thread measurement.</summary>
    public double WordsPerCpuSecond => Words / Math.Max(ThreadCpuSeconds, 1e-9);
}

/// <summary>Extraction throughput: a warm-up pass, then whole passes until the minimum time has passed.</summary>
public static class ExtractBenchmark
{
    /// <summary>Single thread, every stage on: the words-per-second-per-core figure.</summary>
    public static ExtractMeasurement SingleThread(BenchCorpus corpus, VerbatimPipeline pipeline, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Measure(corpus, minimum, () =>
        {
            int quotes = 0;
            foreach (var a in corpus.Articles)
                quotes += pipeline.Extract(a).Quotes.Count;
            return quotes;
        });
    }

    /// <summary>All cores through <see cref="ParallelExtraction"/>, as extract and ingest run it.</summary>
    public static ExtractMeasurement AllCores(BenchCorpus corpus, VerbatimPipeline pipeline, TimeSpan minimum, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Measure(corpus, minimum, () =>
        {
            int quotes = 0;
            foreach (var r in ParallelExtraction.Run(corpus.Articles.Select(ReadResult.Ok), pipeline, threads))
                quotes += r.Extraction?.Quotes.Count ?? 0;
            return quotes;
        });
    }

    private static ExtractMeasurement Measure(BenchCorpus corpus, TimeSpan minimum, Func<int> pass)
    {
        if (corpus.Articles.Count == 0)
            return new ExtractMeasurement(0, 0, TimeSpan.Zero);
        // Warm-up: JIT, tiering and lazily built tables must not count.
        GC.KeepAlive(pass());
        var clock = Stopwatch.StartNew();
        long cpu = ThreadCpu.Now();
        int passes = 0;
        do
        {
            GC.KeepAlive(pass());
            passes++;
        }
        while (clock.Elapsed < minimum);
        return new ExtractMeasurement(corpus.Words * passes, passes, clock.Elapsed, ThreadCpu.Seconds(ThreadCpu.Now() - cpu));
    }

    /// <summary>The process's peak resident set (VmHWM) in MiB; null where /proc is not available.</summary>
    public static double? PeakRssMegabytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var kb = line.AsSpan(6).Trim();
            if (kb.EndsWith("kB", StringComparison.Ordinal)) kb = kb[..^2].Trim();
            return long.TryParse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture, out long k) ? k / 1024.0 : null;
        }
        return null;
    }
}
