using System.Diagnostics;
using System.Globalization;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;
using Verbatim;
using Verbatim.Evaluation;
using Verbatim.Pipeline;

// Usage: dotnet run --project tools/RecognizersProbe -c Release -- TIMEML_DIR
// Scores Microsoft.Recognizers.Text.DateTime (as the extractor of article times) and Verbatim's own time stage on the same
// documents with TimemlScorer, and times both (words per second, one thread).
var dir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: RecognizersProbe TIMEML_DIR");
var docs = TimemlCorpus.Load(dir);
long words = docs.Sum(d => (long)d.Article.Text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length);
var model = new DateTimeRecognizer(Culture.English, DateTimeOptions.None, lazyInitialization: false).GetDateTimeModel();

ArticleExtraction Recognizers(Article a)
{
    var reference = a.Date!.Value.ToDateTime(new TimeOnly(12, 0));
    var results = model.Parse(a.Text, reference);
    var times = new List<TimeRef>();
    foreach (var r in results)
    {
        var value = Value(r, a.Date.Value);
        if (value is null) continue;
        times.Add(new TimeRef(r.Start, r.End + 1, r.Text, value, null, null));
    }
    return new ArticleExtraction(a, [], []) { Times = times };
}

static string? Value(ModelResult r, DateOnly dct)
{
    if (r.Resolution is null || !r.Resolution.TryGetValue("values", out var v) || v is not IList<Dictionary<string, string>> values || values.Count == 0)
        return null;
    // Ambiguous (past/future) candidates: news text mostly means the past one.
    Dictionary<string, string> pick = values[0];
    foreach (var c in values)
        if (c.TryGetValue("value", out var d) && DateOnly.TryParse(d.AsSpan(0, Math.Min(10, d.Length)), CultureInfo.InvariantCulture, out var day) && day <= dct) { pick = c; break; }
    var type = pick.GetValueOrDefault("type", "");
    var timex = pick.GetValueOrDefault("timex", "");
    if (pick.TryGetValue("value", out var val) && timex.Contains('X') && type is "date") return val;
    if (timex.StartsWith('(') && pick.TryGetValue("start", out var start))
    {
        // A range: its TIMEX3 is best approximated by the range's own granularity; fall back to its start day.
        return start.Length >= 10 ? start[..10] : start;
    }
    if (type is "datetime" && pick.TryGetValue("value", out var dt) && dt.Length >= 16) return dt[..10] + "T" + dt[11..16];
    return timex;
}

var ownClock = Stopwatch.StartNew();
var own = TimemlScorer.Evaluate(docs, VerbatimPipeline.Default.Extract, new EvaluationOptions { MaxDegreeOfParallelism = 1 });
ownClock.Stop();
var recClock = Stopwatch.StartNew();
var rec = TimemlScorer.Evaluate(docs, Recognizers, new EvaluationOptions { MaxDegreeOfParallelism = 1 });
recClock.Stop();
foreach (var (name, e, clock) in new[] { ("verbatim (whole pipeline)", own, ownClock), ("Microsoft.Recognizers.Text.DateTime 1.8.13", rec, recClock) })
{
    var s = e.Scores;
    Console.WriteLine($"{name}: strict F1 {s.Strict.F1:0.000} (P {s.Strict.Precision:0.000} R {s.Strict.Recall:0.000}), relaxed F1 {s.Relaxed.F1:0.000} (P {s.Relaxed.Precision:0.000} R {s.Relaxed.Recall:0.000}), value F1 {s.Value.F1:0.000}; {words / clock.Elapsed.TotalSeconds:0} words/s on one thread");
}
