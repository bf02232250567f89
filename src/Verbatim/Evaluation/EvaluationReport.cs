using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Verbatim.Evaluation;

/// <summary>The corpora <c>verbatim eval</c> scores.</summary>
public enum EvalCorpus { Fixture, Polnear, Timeml }

/// <summary>The outcome of one evaluation: a readable table, one JSON object with every figure, and diagnostics.</summary>
public interface IEvaluationReport
{
    EvalCorpus Corpus { get; }
    int FailedArticles { get; }
    /// <summary>Every figure as a readable table.</summary>
    void WriteTable(TextWriter writer);
    /// <summary>Every figure as one JSON object on one line.</summary>
    string ToJson();
    /// <summary>Per article: missed gold, false predictions, and matched pairs that disagree.</summary>
    void WriteErrors(TextWriter writer);
}

/// <summary>Loads a corpus and evaluates an extractor on it: the library side of <c>verbatim eval</c>.</summary>
public static class Evaluator
{
    public static IEvaluationReport Run(
        EvalCorpus corpus,
        string path,
        Func<Article, ArticleExtraction> extractor,
        EvaluationOptions? options = null,
        ICollection<string>? warnings = null)
    {
        switch (corpus)
        {
            case EvalCorpus.Polnear:
                var polnear = PolnearCorpus.Load(path, warnings);
                if (warnings is not null)
                    foreach (var w in polnear.SelectMany(a => a.Warnings)) warnings.Add(w);
                return PolnearScorer.Evaluate(polnear, extractor, options) with { Path = path };
            case EvalCorpus.Fixture:
                var fixtures = FixtureCorpus.Load(path);
                return FixtureScorer.Evaluate(fixtures, extractor, options) with { Path = path };
            case EvalCorpus.Timeml:
                var timeml = TimemlCorpus.Load(path, warnings);
                return TimemlScorer.Evaluate(timeml, extractor, options) with { Path = path };
            default:
                throw new ArgumentOutOfRangeException(nameof(corpus));
        }
    }
}

/// <summary>A PolNeAR evaluation: the four figures and the per-article results behind them.</summary>
public sealed record PolnearEvaluation(PolnearScores Scores, IReadOnlyList<PolnearArticleResult> Articles) : IEvaluationReport
{
    public string? Path { get; init; }
    public EvalCorpus Corpus => EvalCorpus.Polnear;
    public int FailedArticles => Scores.FailedArticles;

    public void WriteTable(TextWriter w)
    {
        var s = Scores;
        w.WriteLine($"PolNeAR {Path}: {s.Articles} articles, {s.GoldAttributions} gold attributions, {s.PredictedQuotes} predicted quotes"
            + (s.SkippedGoldAttributions > 0 ? $" ({s.SkippedGoldAttributions} gold events without content skipped)" : "")
            + (s.FailedArticles > 0 ? $", {s.FailedArticles} articles FAILED" : ""));
        w.WriteLine();
        w.WriteLine("1. Role spans");
        w.WriteLine($"   {"",-8} {"exact P",14} {"R",6} {"F1",6} {"overlap P",15} {"R",6} {"F1",6}   {"gold",6}  {"pred",6}");
        foreach (var (name, r) in new[] { ("source", s.Source), ("cue", s.Cue), ("content", s.Content) })
            w.WriteLine($"   {name,-8} {F(r.Exact.Precision),14} {F(r.Exact.Recall),6} {F(r.Exact.F1),6} {F(r.Overlap.Precision),15} {F(r.Overlap.Recall),6} {F(r.Overlap.F1),6}   {r.Exact.Gold,6}  {r.Exact.Predicted,6}");
        var x = s.ContentAsExtracted;
        w.WriteLine($"   contents are scored as PolNeAR draws them, with the complementizer the extractor reports apart (said [that] ...);");
        w.WriteLine($"   as extracted, without it: content exact F1 {F(x.Exact.F1)} (P {F(x.Exact.Precision)} R {F(x.Exact.Recall)}), overlap F1 {F(x.Overlap.F1)}");
        w.WriteLine();
        var a = s.Attributions;
        w.WriteLine($"2. Attributions, end to end:  P {F(a.Precision)}  R {F(a.Recall)}  F1 {F(a.F1)}   ({a.Matched} right of {a.Predicted} predicted; {a.Gold} gold)");
        w.WriteLine();
        var d = s.Direct;
        w.WriteLine($"3. Direct quotes: content recall {F(d.Recall)} ({d.Found} of {d.Gold} found); source right {F(d.SourceRightShare)} ({d.SourceRight} of {d.Found})");
        w.WriteLine();
        var c = s.Calibration;
        w.WriteLine($"4. Calibration: ECE {F(c.Ece)} over {c.Count} predicted quotes");
        w.WriteLine("   confidence     count  mean conf  right share");
        foreach (var b in c.Bins)
            w.WriteLine($"   [{b.Low:0.0}, {b.High:0.0}{(b.High >= 1 ? "]" : ")")}  {b.Count,7}  {(b.Count == 0 ? "     -" : F(b.MeanConfidence)),9}  {(b.Count == 0 ? "     -" : F(b.Accuracy)),11}");
    }

    public string ToJson() => Json.Write(w =>
    {
        var s = Scores;
        w.WriteString("corpus", "polnear");
        w.WriteString("path", Path);
        w.WriteNumber("articles", s.Articles);
        w.WriteNumber("failedArticles", s.FailedArticles);
        w.WriteNumber("goldAttributions", s.GoldAttributions);
        w.WriteNumber("skippedGoldAttributions", s.SkippedGoldAttributions);
        w.WriteNumber("predictedQuotes", s.PredictedQuotes);
        w.WriteStartObject("roles");
        foreach (var (name, r) in new[] { ("source", s.Source), ("cue", s.Cue), ("content", s.Content) })
        {
            w.WriteStartObject(name);
            Json.Prf(w, "exact", r.Exact);
            Json.Prf(w, "overlap", r.Overlap);
            w.WriteEndObject();
        }
        w.WriteStartObject("contentAsExtracted");
        Json.Prf(w, "exact", s.ContentAsExtracted.Exact);
        Json.Prf(w, "overlap", s.ContentAsExtracted.Overlap);
        w.WriteEndObject();
        w.WriteEndObject();
        Json.Prf(w, "attributions", s.Attributions);
        w.WriteStartObject("directQuotes");
        w.WriteNumber("gold", s.Direct.Gold);
        w.WriteNumber("found", s.Direct.Found);
        Json.Num(w, "recall", s.Direct.Recall);
        w.WriteNumber("sourceRight", s.Direct.SourceRight);
        Json.Num(w, "sourceRightShare", s.Direct.SourceRightShare);
        w.WriteEndObject();
        w.WriteStartObject("calibration");
        Json.Num(w, "ece", s.Calibration.Ece);
        w.WriteNumber("predictions", s.Calibration.Count);
        w.WriteStartArray("bins");
        foreach (var b in s.Calibration.Bins)
        {
            w.WriteStartObject();
            Json.Num(w, "low", b.Low);
            Json.Num(w, "high", b.High);
            w.WriteNumber("count", b.Count);
            Json.Num(w, "meanConfidence", b.MeanConfidence);
            Json.Num(w, "accuracy", b.Accuracy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public void WriteErrors(TextWriter w)
    {
        var s = Scores;
        w.WriteLine($"# verbatim eval diagnostics: PolNeAR {Path}");
        w.WriteLine($"# {s.Articles} articles; {s.GoldAttributions} gold attributions; {s.PredictedQuotes} predicted quotes; {s.Attributions.Matched} right end to end.");
        w.WriteLine("# MISSED  a gold attribution no prediction matches end to end (content overlap + source overlap, one-to-one).");
        w.WriteLine("#         \"(holds a quotation mark; not found)\": a direct gold (figure 3) no prediction's content overlaps, one-to-one.");
        w.WriteLine("# FALSE   a predicted quote that matches no gold attribution end to end.");
        w.WriteLine("# DIFFERS a right prediction whose source or cue is not exactly the gold span (\"ok\": still overlaps).");
        w.WriteLine("# BOUNDS  a content matched by overlap but not exactly: gold and predicted content, for boundary conventions.");
        w.WriteLine("# 'note' lines say when the content alone was matched (so only the source was wrong). Offsets are [start,end) UTF-16.");
        w.WriteLine("#");
        w.WriteLine("# per rule: predicted quotes, content matched (overlap, one-to-one), right end to end");
        var perRule = new SortedDictionary<string, (int Predicted, int Content, int Right)>(StringComparer.Ordinal);
        foreach (var r in Articles)
        {
            var contentPred = r.ContentPairs.Select(p => p.Predicted).ToHashSet();
            var rightPred = r.AttributionPairs.Select(p => p.Predicted).ToHashSet();
            for (int j = 0; j < r.Extraction.Quotes.Count; j++)
            {
                var q = r.Extraction.Quotes[j];
                var key = $"{q.Rule}/{ExtractionJsonNames.Kind(q.Kind)}{(q.TaggedCue ? "/tagged-cue" : "")}{(q.Speaker is null ? "/no-speaker" : "")}";
                var (pr, c, rt) = perRule.GetValueOrDefault(key);
                perRule[key] = (pr + 1, c + (contentPred.Contains(j) ? 1 : 0), rt + (rightPred.Contains(j) ? 1 : 0));
            }
        }
        foreach (var (rule, (pr, c, rt)) in perRule)
            w.WriteLine($"#   {rule,-34} {pr,6} {c,6} ({(double)c / Math.Max(1, pr):0.00}) {rt,6} ({(double)rt / Math.Max(1, pr):0.00})");
        foreach (var r in Articles)
        {
            var text = r.Gold.Article.Text;
            var quotes = r.Extraction.Quotes;
            var gold = r.Gold.Attributions;
            var rightGold = r.AttributionPairs.Select(p => p.Gold).ToHashSet();
            var rightPred = r.AttributionPairs.Select(p => p.Predicted).ToHashSet();
            var contentByGold = r.ContentPairs.ToDictionary(p => p.Gold, p => p.Predicted);
            var directFound = r.DirectPairs.Select(p => p.Gold).ToHashSet();
            var contentByPred = r.ContentPairs.ToDictionary(p => p.Predicted, p => p.Gold);
            var differs = r.AttributionPairs.Where(p => !SameSpan(text, gold[p.Gold].Source, quotes[p.Predicted].Source)
                || !SameSpan(text, gold[p.Gold].Cue, quotes[p.Predicted].Cue)).ToList();
            var bounds = r.ContentPairs.Where(p => !SpanSet.Of(text, gold[p.Gold].Content).SetEquals(SpanSet.Of(text, PolnearScorer.ContentAsPolnearDraws(quotes[p.Predicted])))).ToList();
            if (r.Failure is null && rightGold.Count == gold.Count && rightPred.Count == quotes.Count && differs.Count == 0 && bounds.Count == 0) continue;

            w.WriteLine();
            w.WriteLine($"=== {r.Gold.Article.Id}  ({System.IO.Path.GetFileName(r.Gold.AnnotationFile)}): gold {gold.Count}, predicted {quotes.Count}, right {r.AttributionPairs.Count}");
            if (r.Failure is not null) w.WriteLine($"EXTRACTOR FAILED: {r.Failure}");
            for (int i = 0; i < gold.Count; i++)
            {
                if (rightGold.Contains(i)) continue;
                var g = gold[i];
                w.WriteLine($"MISSED {g.Id}{(!PolnearScorer.IsDirect(text, g) ? "" : directFound.Contains(i) ? " (holds a quotation mark)" : " (holds a quotation mark; not found)")}");
                Diag.Role(w, "source", text, g.Source);
                Diag.Role(w, "cue", text, g.Cue);
                Diag.Role(w, "content", text, g.Content);
                if (contentByGold.TryGetValue(i, out var j))
                    w.WriteLine($"  note    content found by {Diag.QuoteName(quotes[j], j)}, whose source is {Diag.Mention(quotes[j].Source)}");
            }
            for (int j = 0; j < quotes.Count; j++)
            {
                if (rightPred.Contains(j)) continue;
                var q = quotes[j];
                w.WriteLine($"FALSE {Diag.QuoteName(q, j)} ({ExtractionJsonNames.Kind(q.Kind)}, {q.Rule}, confidence {q.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})");
                Diag.Prediction(w, text, q);
                if (contentByPred.TryGetValue(j, out var i))
                    w.WriteLine($"  note    content matches gold {gold[i].Id}, whose source is {Diag.Role(text, gold[i].Source)}");
            }
            foreach (var p in differs)
            {
                var g = gold[p.Gold];
                var q = quotes[p.Predicted];
                w.WriteLine($"DIFFERS {g.Id} ~ {Diag.QuoteName(q, p.Predicted)}  content {Diag.Role(text, g.Content)}");
                if (!SameSpan(text, g.Source, q.Source))
                    w.WriteLine($"  source  gold {Diag.Role(text, g.Source)} | predicted {Diag.Mention(q.Source)}{(SpanMatching.OptionalOverlaps(Set(text, g.Source), Set(text, q.Source)) ? "  (ok)" : "")}");
                if (!SameSpan(text, g.Cue, q.Cue))
                    w.WriteLine($"  cue     gold {Diag.Role(text, g.Cue)} | predicted {Diag.Mention(q.Cue)}{(SpanMatching.OptionalOverlaps(Set(text, g.Cue), Set(text, q.Cue)) ? "  (ok)" : "")}");
            }
            foreach (var p in bounds)
            {
                var q = quotes[p.Predicted];
                w.WriteLine($"BOUNDS {gold[p.Gold].Id} ~ {Diag.QuoteName(q, p.Predicted)} ({ExtractionJsonNames.Kind(q.Kind)}, {q.Rule})");
                Diag.Role(w, "gold", text, gold[p.Gold].Content);
                Diag.Role(w, "pred", text, PolnearScorer.ContentAsPolnearDraws(q));
            }
        }
    }

    private static SpanSet? Set(string text, IReadOnlyList<TextSpan>? parts) => parts is null ? null : SpanSet.Of(text, parts);
    private static SpanSet? Set(string text, SpanText? span) => span is null ? null : SpanSet.Of(text, span.Span);

    private static bool SameSpan(string text, IReadOnlyList<TextSpan>? gold, SpanText? predicted)
    {
        var g = Set(text, gold);
        var p = Set(text, predicted);
        return g is null ? p is null : p is not null && g.SetEquals(p);
    }

    private static string F(double x) => Diag.F(x);
}

/// <summary>A fixture evaluation: every figure and the per-article results behind them.</summary>
public sealed record FixtureEvaluation(FixtureScores Scores, IReadOnlyList<FixtureArticleResult> Articles) : IEvaluationReport
{
    public string? Path { get; init; }
    public EvalCorpus Corpus => EvalCorpus.Fixture;
    public int FailedArticles => Scores.FailedArticles;

    public void WriteTable(TextWriter w)
    {
        var s = Scores;
        w.WriteLine($"Fixtures {Path}: {s.Articles} articles, {s.GoldQuotes} gold quotes, {s.PredictedQuotes} predicted quotes"
            + (s.FailedArticles > 0 ? $", {s.FailedArticles} articles FAILED" : ""));
        w.WriteLine();
        w.WriteLine($"   quotes found           {s.Found,4} / {s.GoldQuotes,-4}  {F(s.FoundShare)}");
        w.WriteLine($"   false quotes           {s.FalseQuotes,4} / {s.PredictedQuotes,-4}  precision {F(s.Precision)}, F1 {F(s.F1)}");
        w.WriteLine($"     on notQuotes         {s.FalseOnNotQuotes,4} / {s.NotQuotes,-4}  sentences{(s.NotQuotesUnlocated > 0 ? $" ({s.NotQuotesUnlocated} not found in the text)" : "")}");
        w.WriteLine($"   speaker right          {s.SpeakerRight,4} / {s.Found,-4}  {F(s.SpeakerShare)}");
        w.WriteLine($"   kind right             {s.KindRight,4} / {s.Found,-4}  {F(s.KindShare)}");
        w.WriteLine($"   uttered right          {s.UtteredRight,4} / {s.UtteredCompared,-4}  {F(s.UtteredShare)}");
        w.WriteLine($"   two parts found as one {s.TwoPartFoundAsOne,4} / {s.TwoPartGold,-4}  {F(s.TwoPartShare)}");
    }

    public string ToJson() => Json.Write(w =>
    {
        var s = Scores;
        w.WriteString("corpus", "fixture");
        w.WriteString("path", Path);
        w.WriteNumber("articles", s.Articles);
        w.WriteNumber("failedArticles", s.FailedArticles);
        w.WriteNumber("goldQuotes", s.GoldQuotes);
        w.WriteNumber("predictedQuotes", s.PredictedQuotes);
        w.WriteNumber("found", s.Found);
        Json.Num(w, "foundShare", s.FoundShare);
        w.WriteNumber("falseQuotes", s.FalseQuotes);
        w.WriteNumber("falseOnNotQuotes", s.FalseOnNotQuotes);
        w.WriteNumber("notQuotes", s.NotQuotes);
        w.WriteNumber("notQuotesUnlocated", s.NotQuotesUnlocated);
        Json.Num(w, "precision", s.Precision);
        Json.Num(w, "f1", s.F1);
        Json.Share(w, "speaker", s.SpeakerRight, s.Found, s.SpeakerShare);
        Json.Share(w, "kind", s.KindRight, s.Found, s.KindShare);
        Json.Share(w, "uttered", s.UtteredRight, s.UtteredCompared, s.UtteredShare);
        Json.Share(w, "twoPart", s.TwoPartFoundAsOne, s.TwoPartGold, s.TwoPartShare);
    });

    public void WriteErrors(TextWriter w)
    {
        var s = Scores;
        w.WriteLine($"# verbatim eval diagnostics: fixtures {Path}");
        w.WriteLine($"# {s.Articles} articles; {s.GoldQuotes} gold quotes; {s.PredictedQuotes} predicted; {s.Found} found; {s.FalseQuotes} false.");
        w.WriteLine("# MISSED  a gold quote no prediction matches (content overlap, one-to-one).");
        w.WriteLine("# FALSE   a prediction that matches no gold quote, or overlaps a notQuotes sentence.");
        w.WriteLine("# DIFFERS a found quote whose source, cue (by text), speaker, kind, uttered or parts disagree with the gold.");
        foreach (var r in Articles)
        {
            var text = r.Gold.Article.Text;
            var quotes = r.Extraction.Quotes;
            var gold = r.Gold.Quotes;
            var found = r.Pairs.Select(p => p.Gold).ToHashSet();
            w.WriteLine();
            w.WriteLine($"=== {r.Gold.Article.Id}  ({System.IO.Path.GetFileName(r.Gold.GoldFile)}): gold {gold.Count}, predicted {quotes.Count}, found {r.Pairs.Count}, false {r.Scores.FalseQuotes}");
            if (r.Failure is not null) w.WriteLine($"EXTRACTOR FAILED: {r.Failure}");
            foreach (var u in r.UnlocatedNotQuotes) w.WriteLine($"WARNING notQuotes sentence not found in the text: \"{u}\"");
            for (int i = 0; i < gold.Count; i++)
            {
                if (found.Contains(i)) continue;
                var g = gold[i];
                w.WriteLine($"MISSED gold #{i + 1} ({ExtractionJsonNames.Kind(g.Kind)}, speaker {g.Speaker ?? "-"})");
                w.WriteLine($"  source  {Diag.Mention(g.Source)}");
                w.WriteLine($"  cue     {Diag.Mention(g.Cue)}");
                Diag.Role(w, "content", text, g.Content);
            }
            for (int j = 0; j < quotes.Count; j++)
            {
                if (r.FalseReasons[j] is not { } reason) continue;
                var q = quotes[j];
                w.WriteLine($"FALSE {Diag.QuoteName(q, j)} ({ExtractionJsonNames.Kind(q.Kind)}, speaker {q.Speaker?.Name ?? "-"}, confidence {q.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}): {reason}");
                Diag.Prediction(w, text, q);
            }
            foreach (var p in r.Pairs)
            {
                var g = gold[p.Gold];
                var q = quotes[p.Predicted];
                var lines = new List<string>();
                if (FixtureScorer.NormalizeMention(g.Source?.Text) != FixtureScorer.NormalizeMention(q.Source?.Text))
                    lines.Add($"  source  gold {Diag.Mention(g.Source)} | predicted {Diag.Mention(q.Source)}");
                if (FixtureScorer.NormalizeMention(g.Cue?.Text) != FixtureScorer.NormalizeMention(q.Cue?.Text))
                    lines.Add($"  cue     gold {Diag.Mention(g.Cue)} | predicted {Diag.Mention(q.Cue)}");
                if (!p.SpeakerRight)
                    lines.Add($"  speaker gold \"{g.Speaker}\" | predicted {(q.Speaker is null ? "none" : $"\"{q.Speaker.Name}\"")}");
                if (!p.KindRight)
                    lines.Add($"  kind    gold {ExtractionJsonNames.Kind(g.Kind)} | predicted {ExtractionJsonNames.Kind(q.Kind)}");
                if (p.UtteredRight == false)
                    lines.Add($"  uttered gold {g.Uttered:yyyy-MM-dd} | predicted {(q.Uttered is null ? "none" : q.Uttered.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
                if (p.TwoPartFoundAsOne == false)
                    lines.Add($"  parts   gold {string.Join(" ", g.Content)} | predicted {string.Join(" ", q.Content)}");
                if (lines.Count == 0) continue;
                w.WriteLine($"DIFFERS gold #{p.Gold + 1} ~ {Diag.QuoteName(q, p.Predicted)}  content {Diag.Role(text, g.Content)}");
                foreach (var l in lines) w.WriteLine(l);
            }
        }
    }

    private static string F(double x) => Diag.F(x);
}

internal static class ExtractionJsonNames
{
    public static string Kind(QuoteKind k) => Output.ExtractionJson.KindName(k);
}

/// <summary>Formatting shared by the diagnostics writers.</summary>
internal static class Diag
{
    private const int MaxText = 400;

    public static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    public static string QuoteName(Quote q, int index) => string.IsNullOrEmpty(q.Id) ? $"q{index + 1}" : q.Id;

    public static string Clean(string s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, MaxText + 1));
        foreach (var c in s)
        {
            if (sb.Length >= MaxText) { sb.Append('…'); break; }
            sb.Append(c is '\n' or '\r' or '\t' ? ' ' : c);
        }
        return sb.ToString();
    }

    public static string Mention(SpanText? s) => s is null ? "none" : $"\"{Clean(s.Text)}\" [{s.Start},{s.End})";

    public static string Role(string text, IReadOnlyList<TextSpan>? parts)
    {
        if (parts is null || parts.Count == 0) return "none";
        var joined = string.Join(" ", parts.Select(p => SafeText(text, p)));
        return $"\"{Clean(joined)}\" {string.Join("", parts.Select(p => p.ToString()))}";
    }

    public static void Role(TextWriter w, string role, string text, IReadOnlyList<TextSpan>? parts) =>
        w.WriteLine($"  {role,-7} {Role(text, parts)}");

    public static void Prediction(TextWriter w, string text, Quote q)
    {
        w.WriteLine($"  source  {Mention(q.Source)}");
        w.WriteLine($"  cue     {Mention(q.Cue)}");
        Role(w, "content", text, q.Content);
    }

    private static string SafeText(string text, TextSpan p)
    {
        int s = Math.Clamp(p.Start, 0, text.Length), e = Math.Clamp(p.End, s, text.Length);
        return text[s..e];
    }
}

/// <summary>One-line JSON with figures rounded to 4 decimals.</summary>
internal static class Json
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Num(Utf8JsonWriter w, string name, double value) => w.WriteNumber(name, Math.Round(value, 4));

    public static void Prf(Utf8JsonWriter w, string name, Prf prf)
    {
        w.WriteStartObject(name);
        Num(w, "precision", prf.Precision);
        Num(w, "recall", prf.Recall);
        Num(w, "f1", prf.F1);
        w.WriteNumber("matched", prf.Matched);
        w.WriteNumber("gold", prf.Gold);
        w.WriteNumber("predicted", prf.Predicted);
        w.WriteEndObject();
    }

    public static void Share(Utf8JsonWriter w, string name, int right, int of, double share)
    {
        w.WriteStartObject(name);
        w.WriteNumber("right", right);
        w.WriteNumber("of", of);
        Num(w, "share", share);
        w.WriteEndObject();
    }
}
