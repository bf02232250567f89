using Verbatim.Pipeline;

namespace Verbatim.Learning;

/// <summary>One training document: the pipeline's columns and the gold tag of every token.</summary>
public sealed record TaggedDocument(Document Document, byte[] Gold);

/// <summary>Trains the content tagger: a structured averaged perceptron, in a fixed order, so the same data gives the same model.</summary>
public static class ContentTaggerTrainer
{
    /// <summary>Gold tags from content spans: B on the first token of each part, I inside, O elsewhere.</summary>
    public static byte[] GoldTags(Document doc, IEnumerable<IReadOnlyList<TextSpan>> contents)
    {
        var tags = new byte[doc.Tokens.Count];
        foreach (var parts in contents)
            foreach (var part in parts)
            {
                bool first = true;
                for (int k = 0; k < doc.Tokens.Count; k++)
                {
                    var t = doc.Tokens[k];
                    if (t.End <= part.Start || t.Start >= part.End) continue;
                    if (tags[k] == ContentTagger.O) tags[k] = (byte)(first ? ContentTagger.B : ContentTagger.I);
                    first = false;
                }
            }
        return tags;
    }

    public static ContentTagger Train(IReadOnlyList<TaggedDocument> data, int epochs, Action<string>? log = null)
    {
        var features = data.Select(d => new ContentFeatures(d.Document)).ToArray();
        int runs = RankerWeights.Runs;
        float[]? w = null, tr = null;
        for (int run = 0; run < runs; run++)
        {
            var (wr, trr) = TrainRun(data, features, epochs, run, log);
            RankerWeights.AddMean(w ??= new float[wr.Length], wr, runs);
            RankerWeights.AddMean(tr ??= new float[trr.Length], trr, runs);
        }
        return new ContentTagger(w!, tr!);
    }

    private static (float[] W, float[] Transitions) TrainRun(IReadOnlyList<TaggedDocument> data, ContentFeatures[] features, int epochs, int run,
        Action<string>? log)
    {
        int size = ContentFeatures.Size * ContentTagger.Tags;
        var w = new float[size];
        var u = new float[size];              // accumulated update × time, for averaging
        var tr = new float[(ContentTagger.Tags + 1) * ContentTagger.Tags];
        var tu = new float[tr.Length];
        int c = 1;
        Span<int> buffer = stackalloc int[ContentFeatures.MaxFeatures];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            int wrong = 0, total = 0;
            foreach (int di in RankerWeights.Order(data.Count, run, epoch))
            {
                var doc = data[di].Document;
                var gold = data[di].Gold;
                var guess = ContentTagger.Decode(doc, features[di], w, tr);
                for (int i = 0; i < gold.Length; i++)
                {
                    total++;
                    int prevGold = i == 0 || doc.ParagraphOfToken[i] != doc.ParagraphOfToken[i - 1] ? ContentTagger.Tags : gold[i - 1];
                    int prevGuess = i == 0 || doc.ParagraphOfToken[i] != doc.ParagraphOfToken[i - 1] ? ContentTagger.Tags : guess[i - 1];
                    if (gold[i] == guess[i] && prevGold == prevGuess) continue;
                    if (gold[i] != guess[i]) wrong++;
                    int count = features[di].Extract(i, buffer);
                    for (int f = 0; f < count; f++)
                    {
                        int at = buffer[f] * ContentTagger.Tags;
                        w[at + gold[i]] += 1; u[at + gold[i]] += c;
                        w[at + guess[i]] -= 1; u[at + guess[i]] -= c;
                    }
                    tr[prevGold * ContentTagger.Tags + gold[i]] += 1; tu[prevGold * ContentTagger.Tags + gold[i]] += c;
                    tr[prevGuess * ContentTagger.Tags + guess[i]] -= 1; tu[prevGuess * ContentTagger.Tags + guess[i]] -= c;
                }
                c++;
            }
            log?.Invoke($"epoch {epoch + 1}: {wrong} of {total} tokens tagged wrong ({100.0 * wrong / Math.Max(1, total):F2}%)");
        }
        for (int i = 0; i < size; i++) w[i] -= u[i] / c;
        for (int i = 0; i < tr.Length; i++) tr[i] -= tu[i] / c;
        return (w, tr);
    }
}
