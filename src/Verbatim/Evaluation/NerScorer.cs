using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Verbatim.Evaluation;

/// <summary>Counts of one entity type (or all): gold chunks, predicted chunks, and predicted chunks exactly right.</summary>
public sealed record NerCounts(string Type, int Gold, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Entity-level scores, conlleval style: a predicted chunk is right when its start, end and type equal a gold chunk's.</summary>
public sealed record NerReport(NerCounts Overall, IReadOnlyList<NerCounts> PerType, int Documents, int Sentences, int Tokens)
{
    public void WriteTable(TextWriter w)
    {
        w.WriteLine($"{Documents} documents, {Sentences} sentences, {Tokens} tokens; entities exact span and type (conlleval)");
        w.WriteLine($"{"type",-8} {"gold",6} {"found",6} {"right",6} {"P",7} {"R",7} {"F1",7}");
        foreach (var c in PerType.Append(Overall))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Type,-8} {c.Gold,6} {c.Predicted,6} {c.Correct,6} {c.Precision,7:F4} {c.Recall,7:F4} {c.F1,7:F4}"));
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartObject();
            j.WriteString("corpus", "conll");
            j.WriteNumber("documents", Documents);
            j.WriteNumber("sentences", Sentences);
            j.WriteNumber("tokens", Tokens);
            Write(j, "overall", Overall);
            j.WriteStartObject("types");
            foreach (var c in PerType) Write(j, c.Type, c);
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter j, string name, NerCounts c)
    {
        j.WriteStartObject(name);
        j.WriteNumber("gold", c.Gold);
        j.WriteNumber("predicted", c.Predicted);
        j.WriteNumber("correct", c.Correct);
        j.WriteNumber("precision", Math.Round(c.Precision, 4));
        j.WriteNumber("recall", Math.Round(c.Recall, 4));
        j.WriteNumber("f1", Math.Round(c.F1, 4));
        j.WriteEndObject();
    }
}

public static class NerScorer
{
    /// <summary>Scores predicted chunks against gold chunks, document by document (the two lists pair up by index).</summary>
    public static NerReport Score(IReadOnlyList<IReadOnlyList<LabelledChunk>> gold, IReadOnlyList<IReadOnlyList<LabelledChunk>> predicted,
        int sentences = 0, int tokens = 0)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted documents differ in number");
        var g = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var p = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var r = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < gold.Count; d++)
        {
            var goldSet = new HashSet<LabelledChunk>(gold[d]);
            foreach (var c in gold[d]) Bump(g, c.Type);
            foreach (var c in predicted[d])
            {
                Bump(p, c.Type);
                if (goldSet.Contains(c)) Bump(r, c.Type);
            }
        }
        var types = g.Keys.Union(p.Keys).OrderBy(t => t, StringComparer.Ordinal)
            .Select(t => new NerCounts(t, g.GetValueOrDefault(t), p.GetValueOrDefault(t), r.GetValueOrDefault(t))).ToArray();
        var overall = new NerCounts("overall", types.Sum(t => t.Gold), types.Sum(t => t.Predicted), types.Sum(t => t.Correct));
        return new NerReport(overall, types, gold.Count, sentences, tokens);
    }

    private static void Bump(SortedDictionary<string, int> counts, string type) => counts[type] = counts.GetValueOrDefault(type) + 1;

    /// <summary>Tags every document with <paramref name="tagger"/> and scores it against the corpus's gold.</summary>
    public static NerReport Evaluate(IReadOnlyList<ConllDocument> corpus, Func<Learning.EntityDocument, byte[]> tagger)
    {
        var gold = new IReadOnlyList<LabelledChunk>[corpus.Count];
        var predicted = new IReadOnlyList<LabelledChunk>[corpus.Count];
        for (int d = 0; d < corpus.Count; d++)
        {
            gold[d] = corpus[d].Gold;
            predicted[d] = Learning.EntityTags.ToSpans(tagger(corpus[d].Document))
                .Select(s => new LabelledChunk(s.FirstToken, s.EndToken, Learning.EntityTags.TypeNames[(int)s.Type])).ToArray();
        }
        return Score(gold, predicted, corpus.Sum(c => c.Document.Sentences.Length), corpus.Sum(c => c.Document.Tokens.Length));
    }
}
