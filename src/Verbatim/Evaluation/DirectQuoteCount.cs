using System.Text.Json;

namespace Verbatim.Evaluation;

/// <summary>
/// How many gold direct quotes a system's quotation spans find, by the rule of EVALUATION.md figure 3 (content span
/// sets, overlap = Jaccard ≥ 0.5, one-to-one greedy): PolNeAR gold attributions whose content holds a quotation mark,
/// or a fixture's gold quotes of kind direct. Lets another system's spans (e.g. the npm package compromise's
/// quotations) be scored exactly as Verbatim's are.
/// </summary>
public static class DirectQuoteCount
{
    /// <summary>Each article's predicted quotation contents (each a list of parts), by article id.</summary>
    public delegate IReadOnlyList<IReadOnlyList<TextSpan>> Predictor(Article article);

    public readonly record struct Counts(int Articles, int Gold, int Found, int Predicted, long Words);

    public static Counts Run(EvalCorpus corpus, string path, Predictor predict)
    {
        var items = corpus switch
        {
            EvalCorpus.Polnear => PolnearCorpus.Load(path).Select(a => (a.Article, Gold: a.Attributions
                .Where(g => PolnearScorer.IsDirect(a.Article.Text, g)).Select(g => g.Content).ToList())).ToList(),
            EvalCorpus.Fixture => FixtureCorpus.Load(path).Select(a => (a.Article, Gold: a.Quotes
                .Where(q => q.Kind == QuoteKind.Direct).Select(q => q.Content).ToList())).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(corpus), "fixture or polnear"),
        };
        int gold = 0, found = 0, predicted = 0;
        long words = 0;
        foreach (var (article, goldContents) in items)
        {
            var text = article.Text;
            var goldSets = goldContents.Select(c => SpanSet.Of(text, c)).ToList();
            var predictedSets = predict(article).Select(p => SpanSet.Of(text, p)).ToList();
            gold += goldSets.Count;
            predicted += predictedSets.Count;
            found += OneToOneMatcher.Match(goldSets, predictedSets, SpanMatchMode.Overlap).Count;
            words += Benchmarks.Words.Count(text.AsSpan(article.BodyStart));
        }
        return new Counts(items.Count, gold, found, predicted, words);
    }

    /// <summary>Reads predictions as JSON Lines <c>{"id": "...", "spans": [[start, end], ...]}</c> (UTF-16 offsets).</summary>
    public static Dictionary<string, IReadOnlyList<IReadOnlyList<TextSpan>>> ReadSpans(string file)
    {
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyList<TextSpan>>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("id").GetString() ?? "";
            var spans = new List<IReadOnlyList<TextSpan>>();
            foreach (var s in doc.RootElement.GetProperty("spans").EnumerateArray())
            {
                int start = s[0].GetInt32(), end = s[1].GetInt32();
                if (end > start) spans.Add([new TextSpan(start, end)]);
            }
            result[id] = spans;
        }
        return result;
    }
}
