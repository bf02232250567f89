using System.Globalization;
using System.Text;
using System.Text.Json;
using Verbatim.Learning;

namespace Verbatim.Evaluation;

/// <summary>Attachment scores of a dependency parse against gold: unlabelled (UAS: the head right) and labelled (LAS: head
/// and label right, labels of the compact set <see cref="DependencyLabels"/>), over the words whose gold label is not
/// punct (punctuation excluded, as is usual).</summary>
public sealed record DependencyReport(string Corpus, int Sentences, int Words, int Scored, int HeadRight, int BothRight,
    IReadOnlyList<(string Label, int Gold, int Right)> PerLabel)
{
    public double Uas => Scored == 0 ? 0 : (double)HeadRight / Scored;
    public double Las => Scored == 0 ? 0 : (double)BothRight / Scored;

    public void WriteTable(TextWriter w)
    {
        w.WriteLine($"{Sentences} sentences, {Words} words, {Scored} scored (punctuation excluded); gold tokens, Verbatim's predicted POS");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UAS {Uas:F4}   LAS {Las:F4}"));
        w.WriteLine($"{"label",-14} {"gold",7} {"LAS right",9} {"recall",7}");
        foreach (var (label, gold, right) in PerLabel)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-14} {gold,7} {right,9} {(gold == 0 ? 0 : (double)right / gold),7:F4}"));
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartObject();
            j.WriteString("corpus", Corpus);
            j.WriteNumber("sentences", Sentences);
            j.WriteNumber("words", Words);
            j.WriteNumber("scored", Scored);
            j.WriteString("punctuation", "excluded");
            j.WriteNumber("uas", Math.Round(Uas, 4));
            j.WriteNumber("las", Math.Round(Las, 4));
            j.WriteStartObject("labels");
            foreach (var (label, gold, right) in PerLabel)
            {
                j.WriteStartObject(label);
                j.WriteNumber("gold", gold);
                j.WriteNumber("right", right);
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

public static class DependencyScorer
{
    /// <summary>Tags each sentence with <paramref name="tagger"/>, parses it and scores the parse against the gold tree.</summary>
    public static DependencyReport Evaluate(string corpus, IEnumerable<DependencySentence> sentences, DependencyParser parser, PosTagger tagger)
    {
        int count = 0, words = 0, scored = 0, headRight = 0, bothRight = 0;
        var gold = new int[DependencyLabels.Count];
        var right = new int[DependencyLabels.Count];
        foreach (var s in sentences)
        {
            int n = s.Tokens.Length;
            if (n == 0) continue;
            var pos = new byte[n];
            var heads = new int[n];
            var labels = new byte[n];
            tagger.Tag(s.Text, s.Tokens, pos);
            parser.Parse(s.Text, s.Tokens, pos, heads, labels);
            count++;
            words += n;
            for (int i = 0; i < n; i++)
            {
                if (s.Labels[i] == DependencyLabels.Punct) continue;
                scored++;
                gold[s.Labels[i]]++;
                if (heads[i] != s.Heads[i]) continue;
                headRight++;
                if (labels[i] == s.Labels[i]) { bothRight++; right[s.Labels[i]]++; }
            }
        }
        var perLabel = Enumerable.Range(0, DependencyLabels.Count).Where(l => gold[l] > 0)
            .Select(l => (DependencyLabels.Names[l], gold[l], right[l])).ToArray();
        return new DependencyReport(corpus, count, words, scored, headRight, bothRight, perLabel);
    }
}
