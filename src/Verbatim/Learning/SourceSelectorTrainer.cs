using Verbatim.Pipeline;
using Verbatim.Quotes;

namespace Verbatim.Learning;

/// <summary>
/// Trains <see cref="SourceSelector"/> as a latent averaged perceptron: for each draft whose content
/// matches a gold attribution, the right answers are the candidate words inside that attribution's gold source (or
/// "no source" when it has none); when the best-scoring candidate is not one of them, the weights move towards the
/// best-scoring right answer. Drafts whose gold source lies out of reach teach nothing. Fixed order, no randomness.
/// </summary>
public static class SourceSelectorTrainer
{
    private readonly record struct Example(int Doc, AttributionDraft Draft, SourceSelector.Scope Scope, (int First, int End)[]? Gold);

    public static SourceSelector Train(IReadOnlyList<RoleDocument> data, int epochs, Action<string>? log = null)
    {
        var examples = new List<Example>();
        var counts = data.Select(r => TokenTables.Of(r.Document)).ToArray();
        for (int di = 0; di < data.Count; di++)
        {
            var doc = data[di].Document;
            var gold = data[di].Gold;
            var goldContents = gold.Select(g => RoleBoundariesTrainer.Union(doc, g.Content)).ToArray();
            foreach (var d in doc.Attributions)
            {
                if (!SourceSelector.Scope.TryCreate(doc, d, out var s)) continue;
                int target = RoleBoundariesTrainer.GoldFor(doc, d, goldContents);
                if (target < 0) continue;
                if (gold[target].Source is not { } parts) { examples.Add(new Example(di, d, s, null)); continue; }
                var ranges = parts.Select(p => RoleBoundariesTrainer.TokenRange(doc, p)).Where(r => r.End > r.First).ToArray();
                bool reachable = false;
                foreach (var (first, end) in ranges)
                    for (int k = Math.Max(first, s.First); k < Math.Min(end, s.End) && !reachable; k++)
                        reachable = s.IsCandidate(doc, d, k);
                if (reachable) examples.Add(new Example(di, d, s, ranges));
            }
        }
        log?.Invoke($"sources: {examples.Count} drafts match a gold attribution ({examples.Count(e => e.Gold is null)} of them have none)");
        return new SourceSelector(RankerWeights.Mix(run => TrainRun(data, examples, counts, epochs, run, log)));
    }

    /// <summary>One run of the averaged perceptron over the examples in run <paramref name="run"/>'s order.</summary>
    private static float[] TrainRun(IReadOnlyList<RoleDocument> data, List<Example> examples, TokenTables[] counts, int epochs, int run, Action<string>? log)
    {
        Span<int> gf = stackalloc int[SourceSelector.MaxFeatures];
        Span<int> pf = stackalloc int[SourceSelector.MaxFeatures];
        var perceptron = new RankerWeights.Perceptron(SourceSelector.Size);
        var w0 = perceptron.Current;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            int wrong = 0;
            foreach (int xi in RankerWeights.Order(examples.Count, run, epoch))
            {
                var ex = examples[xi];
                var doc = data[ex.Doc].Document;
                var s = ex.Scope;
                int guess = SourceSelector.Best(w0, doc, counts[ex.Doc], ex.Draft, s, pf, out _);
                if (!IsRight(ex, guess))
                {
                    wrong++;
                    int right = BestRight(w0, doc, counts[ex.Doc], ex, gf);
                    int ng = right == SourceSelector.None ? SourceSelector.NoneFeatures(doc, counts[ex.Doc], ex.Draft, s, gf) : SourceSelector.Features(doc, counts[ex.Doc], ex.Draft, s, right, gf);
                    int np = guess == SourceSelector.None ? SourceSelector.NoneFeatures(doc, counts[ex.Doc], ex.Draft, s, pf) : SourceSelector.Features(doc, counts[ex.Doc], ex.Draft, s, guess, pf);
                    perceptron.Update(gf[..ng], pf[..np]);
                }
                perceptron.Next();
            }
            log?.Invoke($"sources epoch {epoch + 1}: wrong {wrong} of {examples.Count}");
        }
        return perceptron.Averaged();
    }

    private static bool IsRight(in Example ex, int k)
    {
        if (ex.Gold is null) return k == SourceSelector.None;
        if (k == SourceSelector.None) return false;
        foreach (var (first, end) in ex.Gold)
            if (k >= first && k < end) return true;
        return false;
    }

    /// <summary>The best-scoring right answer.</summary>
    private static int BestRight(float[] w, Document doc, TokenTables counts, in Example ex, Span<int> buffer)
    {
        if (ex.Gold is null) return SourceSelector.None;
        int best = SourceSelector.None;
        float top = float.NegativeInfinity;
        foreach (var (first, end) in ex.Gold)
            for (int k = Math.Max(first, ex.Scope.First); k < Math.Min(end, ex.Scope.End); k++)
            {
                if (!ex.Scope.IsCandidate(doc, ex.Draft, k)) continue;
                int n = SourceSelector.Features(doc, counts, ex.Draft, ex.Scope, k, buffer);
                float score = 0;
                foreach (int f in buffer[..n]) score += w[f];
                if (score > top) { top = score; best = k; }
            }
        return best;
    }
}
