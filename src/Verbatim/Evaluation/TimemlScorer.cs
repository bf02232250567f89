using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Verbatim.Evaluation;

/// <summary>A gold TIMEX3 of a TimeML document: its range in the tag-free text, type, value and modifier.</summary>
public sealed record TimemlTimex(int Start, int End, string Type, string Value, string? Mod, string Text);

/// <summary>One TimeML document: the tag-free text of its TEXT element (dated by its DCT) and its gold TIMEX3s.</summary>
public sealed record TimemlDocument(Article Article, IReadOnlyList<TimemlTimex> Timexes, string File);

/// <summary>Reads TimeML files (*.tml) that have a document creation time (DCT).</summary>
public static partial class TimemlCorpus
{
    [GeneratedRegex("""<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)"[^>]*>""", RegexOptions.Singleline)]
    private static partial Regex DctPattern();

    [GeneratedRegex("""\b([A-Za-z]+)="([^"]*)"(?=[\s/>]|$)""")]
    private static partial Regex AttributePattern();

    /// <summary>Every *.tml file under <paramref name="path"/> (or the file itself), in ordinal order of path.</summary>
    public static IReadOnlyList<TimemlDocument> Load(string path, ICollection<string>? warnings = null)
    {
        string[] files = File.Exists(path) ? [path]
            : Directory.Exists(path) ? Directory.GetFiles(path, "*.tml", SearchOption.AllDirectories)
            : throw new IOException($"no such file or folder: {path}");
        Array.Sort(files, StringComparer.Ordinal);
        var docs = new List<TimemlDocument>();
        foreach (var f in files)
        {
            var doc = Parse(File.ReadAllText(f), Path.GetFileNameWithoutExtension(f), f);
            if (doc is null) { warnings?.Add($"{f}: no DCT or no TEXT element; left out"); continue; }
            docs.Add(doc);
        }
        return docs;
    }

    /// <summary>Parses one TimeML document; null without a DCT or TEXT element.</summary>
    public static TimemlDocument? Parse(string xml, string id, string file = "")
    {
        var dct = DctPattern().Match(xml);
        if (!dct.Success) return null;
        var dv = dct.Groups[1].Value;
        if (dv.Length >= 8 && !dv.Contains('-')) dv = $"{dv[..4]}-{dv[4..6]}-{dv[6..8]}";
        if (dv.Length < 10 || !DateOnly.TryParseExact(dv[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return null;
        int open = xml.IndexOf("<TEXT>", StringComparison.Ordinal);
        int close = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
        if (open < 0 || close < open) return null;

        var text = new StringBuilder(close - open);
        var timexes = new List<TimemlTimex>();
        var stack = new Stack<(int Start, Dictionary<string, string> Attributes)>();
        int i = open + "<TEXT>".Length;
        while (i < close)
        {
            char c = xml[i];
            if (c == '<')
            {
                int gt = xml.IndexOf('>', i);
                if (gt < 0 || gt > close) break;
                var tag = xml.AsSpan(i + 1, gt - i - 1);
                if (tag.StartsWith("TIMEX3"))
                {
                    var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (Match m in AttributePattern().Matches(tag.ToString())) attrs[m.Groups[1].Value] = WebUtility.HtmlDecode(m.Groups[2].Value);
                    if (tag.EndsWith("/")) { /* an empty TIMEX3 marks nothing in the text */ }
                    else stack.Push((text.Length, attrs));
                }
                else if (tag.StartsWith("/TIMEX3") && stack.Count > 0)
                {
                    var (start, attrs) = stack.Pop();
                    var s = text.ToString(start, text.Length - start);
                    timexes.Add(new TimemlTimex(start, text.Length, attrs.GetValueOrDefault("type", ""), attrs.GetValueOrDefault("value", ""),
                        attrs.TryGetValue("mod", out var mod) ? mod : null, s));
                }
                i = gt + 1;
                continue;
            }
            if (c == '&')
            {
                int semi = xml.IndexOf(';', i);
                if (semi > i && semi - i <= 10)
                {
                    text.Append(WebUtility.HtmlDecode(xml.Substring(i, semi - i + 1)));
                    i = semi + 1;
                    continue;
                }
            }
            text.Append(c);
            i++;
        }
        timexes.Sort((a, b) => a.Start.CompareTo(b.Start));
        var article = new Article(id, date, text.ToString()) { Origin = file };
        return new TimemlDocument(article, timexes, file);
    }
}

/// <summary>Scores of a TimeML evaluation (TempEval-3 Task A style): recognition strict/relaxed and value F1.</summary>
public sealed record TimemlScores(int Documents, int FailedArticles, Prf Strict, Prf Relaxed, Prf Value, int TypeRight, int ModRight)
{
    /// <summary>Share of relaxed matches whose value is right (TempEval-3's value accuracy).</summary>
    public double ValueAccuracy => Relaxed.Matched == 0 ? 0 : (double)Value.Matched / Relaxed.Matched;
    public double TypeAccuracy => Relaxed.Matched == 0 ? 0 : (double)TypeRight / Relaxed.Matched;
}

/// <summary>Per document: the gold, the predictions and how they were matched.</summary>
public sealed record TimemlDocumentResult(TimemlDocument Gold, IReadOnlyList<TimeRef> Predicted, IReadOnlyList<MatchPair> Strict,
    IReadOnlyList<MatchPair> Relaxed, IReadOnlyList<MatchPair> Value, string? Failure);

public static class TimemlScorer
{
    public static TimemlEvaluation Evaluate(IReadOnlyList<TimemlDocument> docs, Func<Article, ArticleExtraction> extractor, EvaluationOptions? options = null)
    {
        var results = new TimemlDocumentResult[docs.Count];
        Parallel.For(0, docs.Count, PolnearScorer.ParallelOptionsOf(options), i =>
        {
            var (extraction, failure) = Extraction.Run(extractor, docs[i].Article);
            results[i] = ScoreDocument(docs[i], extraction.Times, failure);
        });
        Prf strict = default, relaxed = default, value = default;
        int typeRight = 0, modRight = 0, failed = 0;
        foreach (var r in results)
        {
            int g = r.Gold.Timexes.Count, p = r.Predicted.Count;
            strict += new Prf(r.Strict.Count, g, p);
            relaxed += new Prf(r.Relaxed.Count, g, p);
            value += new Prf(r.Value.Count, g, p);
            foreach (var m in r.Relaxed)
            {
                var gold = r.Gold.Timexes[m.Gold];
                var pred = r.Predicted[m.Predicted];
                if (string.Equals(gold.Type, TypeOf(pred), StringComparison.Ordinal)) typeRight++;
                if (string.Equals(gold.Mod ?? "", pred.Mod ?? "", StringComparison.Ordinal)) modRight++;
            }
            if (r.Failure is not null) failed++;
        }
        return new TimemlEvaluation(new TimemlScores(docs.Count, failed, strict, relaxed, value, typeRight, modRight), results);
    }

    /// <summary>A prediction's TIMEX3 type: the tagger's own, else the one its value implies (a SET with a duration's value,
    /// "daily" P1D, would read as DURATION).</summary>
    public static string TypeOf(TimeRef t) => t.Type ??
        (t.Value.StartsWith('P') && !t.Value.StartsWith("PRESENT", StringComparison.Ordinal) && !t.Value.StartsWith("PAST", StringComparison.Ordinal) ? "DURATION"
        : t.Value.StartsWith("XXXX", StringComparison.Ordinal) ? "SET"
        : t.Value.Contains('T') && !t.Value.EndsWith("_REF", StringComparison.Ordinal) ? "TIME" : "DATE");

    public static TimemlDocumentResult ScoreDocument(TimemlDocument doc, IReadOnlyList<TimeRef> predicted, string? failure = null)
    {
        var text = doc.Article.Text;
        var g = doc.Timexes.Select(t => SpanSet.Of(text, new TextSpan(t.Start, t.End))).ToArray();
        var p = predicted.Select(t => SpanSet.Of(text, new TextSpan(t.Start, t.End))).ToArray();
        var strict = OneToOneMatcher.Match(g, p, SpanMatchMode.Exact);
        var relaxedCandidates = new List<MatchCandidate>();
        var valueCandidates = new List<MatchCandidate>();
        for (int i = 0; i < g.Length; i++)
            for (int j = 0; j < p.Length; j++)
            {
                if (g[i].IntersectCount(p[j]) == 0) continue;
                double jac = g[i].Jaccard(p[j]);
                bool same = SameValue(doc.Timexes[i].Value, predicted[j].Value);
                relaxedCandidates.Add(new MatchCandidate(i, j, jac, same ? 1 : 0));
                if (same) valueCandidates.Add(new MatchCandidate(i, j, jac));
            }
        return new TimemlDocumentResult(doc, predicted, strict, OneToOneMatcher.Match(relaxedCandidates), OneToOneMatcher.Match(valueCandidates), failure);
    }

    /// <summary>TIMEX3 values compared after two canonicalisations of one meaning: ISO week numbers with or without their leading
    /// zero (1998-W7 = 1998-W07), and a decade or century written with trailing X (199X = 199, 19XX = 19).</summary>
    public static bool SameValue(string gold, string predicted) =>
        string.Equals(Canonical(gold), Canonical(predicted), StringComparison.Ordinal);

    private static string Canonical(string v)
    {
        if (v.Length == 7 && v[4] == '-' && v[5] == 'W' && char.IsDigit(v[6])) v = $"{v[..6]}0{v[6]}";
        else if (v.Length > 7 && v[4] == '-' && v[5] == 'W' && char.IsDigit(v[6]) && !char.IsDigit(v[7])) v = $"{v[..6]}0{v[6..]}";
        if (v.Length == 4 && v.EndsWith("XX", StringComparison.Ordinal) && char.IsDigit(v[0]) && char.IsDigit(v[1])) return v[..2];
        if (v.Length == 4 && v[3] == 'X' && char.IsDigit(v[0]) && char.IsDigit(v[1]) && char.IsDigit(v[2])) return v[..3];
        return v;
    }
}

public sealed record TimemlEvaluation(TimemlScores Scores, IReadOnlyList<TimemlDocumentResult> Documents) : IEvaluationReport
{
    public string? Path { get; init; }
    public EvalCorpus Corpus => EvalCorpus.Timeml;
    public int FailedArticles => Scores.FailedArticles;

    public void WriteTable(TextWriter w)
    {
        var s = Scores;
        w.WriteLine($"TimeML {Path}: {s.Documents} documents, {s.Relaxed.Gold} gold TIMEX3, {s.Relaxed.Predicted} predicted"
            + (s.FailedArticles > 0 ? $", {s.FailedArticles} documents FAILED" : ""));
        w.WriteLine($"   {"",-22} {"P",6} {"R",6} {"F1",6}   {"matched",7}");
        foreach (var (name, r) in new[] { ("recognition strict", s.Strict), ("recognition relaxed", s.Relaxed), ("value", s.Value) })
            w.WriteLine($"   {name,-22} {Diag.F(r.Precision),6} {Diag.F(r.Recall),6} {Diag.F(r.F1),6}   {r.Matched,7}");
        w.WriteLine($"   value accuracy on relaxed matches {Diag.F(s.ValueAccuracy)}; type accuracy {Diag.F(s.TypeAccuracy)}");
    }

    public string ToJson() => Json.Write(w =>
    {
        var s = Scores;
        w.WriteString("corpus", "timeml");
        w.WriteString("path", Path);
        w.WriteNumber("documents", s.Documents);
        w.WriteNumber("failedArticles", s.FailedArticles);
        Json.Prf(w, "strict", s.Strict);
        Json.Prf(w, "relaxed", s.Relaxed);
        Json.Prf(w, "value", s.Value);
        Json.Num(w, "valueAccuracy", s.ValueAccuracy);
        Json.Num(w, "typeAccuracy", s.TypeAccuracy);
    });

    public void WriteErrors(TextWriter w)
    {
        w.WriteLine($"# verbatim eval diagnostics: TimeML {Path}");
        w.WriteLine("# MISSED gold TIMEX3 no prediction overlaps; FALSE a prediction that overlaps no gold; VALUE overlapping with another value;");
        w.WriteLine("# EXTENT value right but extent not exact; TYPE value right but TIMEX3 type not.");
        foreach (var r in Documents)
        {
            var text = r.Gold.Article.Text;
            var lines = new List<string>();
            var relaxedGold = r.Relaxed.ToDictionary(m => m.Gold, m => m.Predicted);
            var relaxedPred = r.Relaxed.Select(m => m.Predicted).ToHashSet();
            var strictGold = r.Strict.Select(m => m.Gold).ToHashSet();
            var valueGold = r.Value.Select(m => m.Gold).ToHashSet();
            for (int i = 0; i < r.Gold.Timexes.Count; i++)
            {
                var g = r.Gold.Timexes[i];
                if (!relaxedGold.TryGetValue(i, out int j)) { lines.Add($"MISSED [{g.Start},{g.End}) \"{g.Text}\" {g.Type} {g.Value}{Context(text, g.Start, g.End)}"); continue; }
                var p = r.Predicted[j];
                var type = TimemlScorer.TypeOf(p);
                if (!valueGold.Contains(i)) lines.Add($"VALUE  \"{g.Text}\" gold {g.Type} {g.Value} | predicted \"{p.Text}\" {type} {p.Value}{Context(text, g.Start, g.End)}");
                else if (!strictGold.Contains(i)) lines.Add($"EXTENT gold \"{g.Text}\" | predicted \"{p.Text}\"");
                if (valueGold.Contains(i) && !string.Equals(g.Type, type, StringComparison.Ordinal))
                    lines.Add($"TYPE   \"{g.Text}\" {g.Value} gold {g.Type} | predicted {type}");
            }
            for (int j = 0; j < r.Predicted.Count; j++)
                if (!relaxedPred.Contains(j))
                {
                    var p = r.Predicted[j];
                    lines.Add($"FALSE  [{p.Start},{p.End}) \"{p.Text}\" {p.Value}{Context(text, p.Start, p.End)}");
                }
            if (lines.Count == 0 && r.Failure is null) continue;
            w.WriteLine();
            w.WriteLine($"=== {r.Gold.Article.Id} (DCT {r.Gold.Article.Date:yyyy-MM-dd})");
            if (r.Failure is not null) w.WriteLine($"EXTRACTOR FAILED: {r.Failure}");
            foreach (var l in lines) w.WriteLine(l);
        }
    }

    private static string Context(string text, int start, int end)
    {
        int a = Math.Max(0, start - 50), b = Math.Min(text.Length, end + 40);
        return "   | " + text[a..start].ReplaceLineEndings(" ") + "[" + text[start..end] + "]" + text[end..b].ReplaceLineEndings(" ");
    }
}
