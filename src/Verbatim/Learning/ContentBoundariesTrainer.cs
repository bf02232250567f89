using Verbatim.Pipeline;
using Verbatim.Quotes;

namespace Verbatim.Learning;

/// <summary>One article for the boundary ranker: its drafts after the learned-content stage, the content tags that
/// stage used (from a tagger that did not see the article), and the gold contents.</summary>
public sealed record BoundaryDocument(Document Document, byte[] Tags, IReadOnlyList<IReadOnlyList<TextSpan>> GoldContents);

/// <summary>
/// Trains <see cref="ContentBoundaries"/>: an averaged perceptron ranking the candidate first words (and then the
/// candidate ends) of each reported content, whose target is the candidate nearest to the edge of the gold content
/// the draft overlaps most. Fixed order, no randomness: the same data gives the same weights.
/// </summary>
public static class ContentBoundariesTrainer
{
    /// <summary>A draft counts as a training example when its best gold content has at least this token Jaccard.</summary>
    private const double MinJaccard = 0.1;

    private readonly record struct Example(int Doc, AttributionDraft Draft, ContentBoundaries.Window Window, int GoldFirst, int GoldEnd);

    public static ContentBoundaries Train(IReadOnlyList<BoundaryDocument> data, int epochs, Action<string>? log = null)
    {
        var examples = new List<Example>();
        for (int di = 0; di < data.Count; di++)
        {
            var doc = data[di].Document;
            var gold = data[di].GoldContents.Select(parts => parts.Select(p => RoleBoundariesTrainer.TokenRange(doc, p)).Where(r => r.End > r.First).ToArray()).ToArray();
            foreach (var d in doc.Attributions)
            {
                if (!ContentBoundaries.Window.TryCreate(doc, d, out var w)) continue;
                double best = MinJaccard;
                (int First, int End) target = (-1, -1);
                foreach (var parts in gold)
                    foreach (var g in parts)
                    {
                        int inter = Math.Max(0, Math.Min(g.End, w.End) - Math.Max(g.First, w.First));
                        double j = (double)inter / (Math.Max(g.End, w.End) - Math.Min(g.First, w.First));
                        if (inter > 0 && j > best) { best = j; target = g; }
                    }
                if (target.First >= 0) examples.Add(new Example(di, d, w, target.First, target.End));
            }
        }
        log?.Invoke($"boundaries: {examples.Count} reported contents overlap a gold content");
        return new ContentBoundaries(RankerWeights.Mix(run => TrainRun(data, examples, epochs, run, log)));
    }

    /// <summary>One run of the averaged perceptron over the examples in run <paramref name="run"/>'s order.</summary>
    private static float[] TrainRun(IReadOnlyList<BoundaryDocument> data, List<Example> examples, int epochs, int run, Action<string>? log)
    {
        Span<int> gf = stackalloc int[ContentBoundaries.MaxFeatures];
        Span<int> pf = stackalloc int[ContentBoundaries.MaxFeatures];
        var perceptron = new RankerWeights.Perceptron(ContentBoundaries.Size);
        var w0 = perceptron.Current;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            int wrongStart = 0, wrongEnd = 0;
            foreach (int xi in RankerWeights.Order(examples.Count, run, epoch))
            {
                var ex = examples[xi];
                var doc = data[ex.Doc].Document;
                var tags = data[ex.Doc].Tags;
                var w = ex.Window;
                // start: the candidate nearest the gold first word is the target
                int goldStart = Nearest(doc, w.StartLo, w.StartHi, ex.GoldFirst, start: true);
                int guessStart = ContentBoundaries.Best(w0, doc, tags, ex.Draft, w, true, -1, pf);
                if (goldStart >= 0 && guessStart >= 0 && goldStart != guessStart)
                {
                    wrongStart++;
                    int ng = ContentBoundaries.StartFeatures(doc, tags, ex.Draft, w, goldStart, gf);
                    int np = ContentBoundaries.StartFeatures(doc, tags, ex.Draft, w, guessStart, pf);
                    perceptron.Update(gf[..ng], pf[..np]);
                }
                // end, given the gold start (or the guess when the gold one is out of reach)
                int from = goldStart >= 0 ? goldStart : guessStart;
                if (from >= 0)
                {
                    int goldEnd = Nearest(doc, Math.Max(w.EndLo, from + 1), w.EndHi, ex.GoldEnd, start: false);
                    int guessEnd = ContentBoundaries.Best(w0, doc, tags, ex.Draft, w, false, from, pf);
                    if (goldEnd >= 0 && guessEnd >= 0 && goldEnd != guessEnd)
                    {
                        wrongEnd++;
                        int ng = ContentBoundaries.EndFeatures(doc, tags, ex.Draft, w, from, goldEnd, gf);
                        int np = ContentBoundaries.EndFeatures(doc, tags, ex.Draft, w, from, guessEnd, pf);
                        perceptron.Update(gf[..ng], pf[..np]);
                    }
                }
                perceptron.Next();
            }
            log?.Invoke($"boundaries epoch {epoch + 1}: start wrong {wrongStart}, end wrong {wrongEnd} of {examples.Count}");
        }
        return perceptron.Averaged();
    }

    /// <summary>The candidate in [lo, hi] nearest to the gold edge (ties: the earlier one).</summary>
    private static int Nearest(Document doc, int lo, int hi, int goldEdge, bool start)
    {
        int best = -1, distance = int.MaxValue;
        for (int k = lo; k <= hi; k++)
        {
            if (start ? !ContentBoundaries.Window.IsStartCandidate(doc, k) : !ContentBoundaries.Window.IsEndCandidate(doc, k)) continue;
            int dist = Math.Abs(k - goldEdge);
            if (dist < distance) { distance = dist; best = k; }
        }
        return best;
    }
}
