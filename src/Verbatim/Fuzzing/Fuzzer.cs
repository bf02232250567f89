using System.Diagnostics;
using Verbatim.Pipeline;
using Verbatim.Readers;

namespace Verbatim.Fuzzing;

/// <summary>A broken invariant on one input: its kind and seed reproduce it.</summary>
public sealed record FuzzFinding(string Kind, int Seed, string Problem);

/// <summary>
/// Runs generated hostile inputs through the readers and the pipeline and checks what must always hold: no
/// exception escapes (bad input is rejected with a reason), every offset lies inside the text and gives back its
/// text, and the work stays linear (each input within a time budget proportional to its size).
/// </summary>
public sealed class Fuzzer(VerbatimPipeline pipeline)
{
    /// <summary>Time allowed per input: a fixed floor plus this much per byte (a linear bound, far above the real cost).</summary>
    private const double MicrosecondsPerByte = 20;
    private static readonly TimeSpan Floor = TimeSpan.FromSeconds(2);

    public FuzzFinding? Check(FuzzInput input)
    {
        var options = new ReaderOptions { MaxArticleBytes = 16 * 1024 * 1024, Date = input.Format is null ? null : new DateOnly(2022, 7, 8) };
        var clock = Stopwatch.StartNew();
        try
        {
            IEnumerable<ReadResult> items = input.Format is { } format
                ? ArticleSources.FromStream(new MemoryStream(input.Bytes), "fuzz", format, "fuzz", options)
                : input.JsonLines
                ? ArticleSources.FromJsonLines(new MemoryStream(input.Bytes), "fuzz", "fuzz", options)
                : [ArticleSources.FromText(input.Bytes, "fuzz", "fuzz", options)];
            foreach (var item in items)
            {
                if (item.Rejection is { } rejection)
                {
                    if (string.IsNullOrWhiteSpace(rejection.Reason)) return new(input.Kind, input.Seed, "a rejection without a reason");
                    continue;
                }
                var article = item.Article!;
                var result = pipeline.Extract(article);
                if (Offsets(article.Text, result) is { } problem) return new(input.Kind, input.Seed, problem);
            }
        }
        catch (Exception e)
        {
            // The innermost frame names where it broke, so a finding in CI can be read without rerunning it.
            var frame = e.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
            return new(input.Kind, input.Seed, $"{e.GetType().Name}: {e.Message}{(frame is null ? "" : " (" + frame + ")")}");
        }
        var budget = Floor + TimeSpan.FromMicroseconds(MicrosecondsPerByte * input.Bytes.Length);
        if (clock.Elapsed > budget)
            return new(input.Kind, input.Seed, $"took {clock.Elapsed.TotalSeconds:F1} s for {input.Bytes.Length} bytes (budget {budget.TotalSeconds:F1} s)");
        return null;
    }

    private static string? Offsets(string text, ArticleExtraction result)
    {
        foreach (var q in result.Quotes)
        {
            foreach (var p in q.Content)
                if (p.Start < 0 || p.End > text.Length || p.Start > p.End) return $"{q.Id}: content {p} outside the text ({text.Length})";
            if (q.Text != string.Join(" ", q.Content.Select(p => p.TextOf(text)))) return $"{q.Id}: text differs from its spans";
            foreach (var s in new[] { q.Cue, q.Source, q.Addressee })
                if (s is not null && (s.Start < 0 || s.End > text.Length || s.Start > s.End || text[s.Start..s.End] != s.Text))
                    return $"{q.Id}: a span [{s.Start},{s.End}) does not give back its text";
            if (double.IsNaN(q.Confidence) || q.Confidence < 0 || q.Confidence > 1) return $"{q.Id}: confidence {q.Confidence}";
        }
        return null;
    }
}
