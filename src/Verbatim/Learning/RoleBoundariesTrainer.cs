using Verbatim.Evaluation;
using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>One article for the role ranker: its drafts as the run will hand them over, and its gold attributions.</summary>
public sealed record RoleDocument(Document Document, IReadOnlyList<GoldAttribution> Gold);

/// <summary>
/// Trains <see cref="RoleBoundaries"/>: an averaged perceptron ranking the candidate first words (then ends) of each
/// draft's source and cue. The target is the gold attribution whose content the draft's content overlaps most (token
/// Jaccard at least <see cref="MinJaccard"/>), and within it the part of that role which the draft's span touches; a
/// draft whose mention is another one altogether teaches nothing. Fixed order, no randomness: same data, same weights.
/// </summary>
public static class RoleBoundariesTrainer
{
    private const double MinJaccard = 0.3;

    private readonly record struct Example(int Doc, AttributionDraft Draft, RoleBoundaries.Window Window, int GoldFirst, int GoldEnd);

    public static RoleBoundaries Train(IReadOnlyList<RoleDocument> data, int epochs, Action<string>? log = null)
    {
        var examples = new List<Example>();
        for (int di = 0; di < data.Count; di++)
        {
            var doc = data[di].Document;
            var gold = data[di].Gold;
            var goldContents = gold.Select(g => Union(doc, g.Content)).ToArray();
            foreach (var d in doc.Attributions)
            {
                int target = GoldFor(doc, d, goldContents);
                if (target < 0) continue;
                foreach (var role in RoleBoundaries.Roles)
                {
                    if (!RoleBoundaries.Window.TryCreate(doc, d, role, out var w)) continue;
                    var parts = role == RoleBoundaries.Role.Source ? gold[target].Source : gold[target].Cue;
                    if (parts is null) continue;
                    foreach (var part in parts)
                    {
                        var (first, end) = TokenRange(doc, part);
                        if (end <= first || Math.Min(end, w.End) <= Math.Max(first, w.First)) continue;
                        examples.Add(new Example(di, d, w, first, end));
                        break;
                    }
                }
            }
        }
        var tables = data.Select(r => TokenTables.Of(r.Document)).ToArray();
        log?.Invoke($"roles: {examples.Count} sources and cues touch their gold span");
        return new RoleBoundaries(RankerWeights.Mix(run => TrainRun(data, examples, tables, epochs, run, log)));
    }

    /// <summary>One run of the averaged perceptron over the examples in run <paramref name="run"/>'s order.</summary>
    private static float[] TrainRun(IReadOnlyList<RoleDocument> data, List<Example> examples, TokenTables[] tables, int epochs, int run, Action<string>? log)
    {
        Span<int> gf = stackalloc int[RoleBoundaries.MaxFeatures];
        Span<int> pf = stackalloc int[RoleBoundaries.MaxFeatures];
        var perceptron = new RankerWeights.Perceptron(RoleBoundaries.Size);
        var w0 = perceptron.Current;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            int wrongStart = 0, wrongEnd = 0;
            foreach (int xi in RankerWeights.Order(examples.Count, run, epoch))
            {
                var ex = examples[xi];
                var doc = data[ex.Doc].Document;
                var w = ex.Window;
                int goldStart = Nearest(doc, w, w.StartLo, w.StartHi, ex.GoldFirst, start: true);
                int guessStart = RoleBoundaries.Best(w0, doc, tables[ex.Doc], ex.Draft, w, true, -1, pf);
                if (goldStart >= 0 && guessStart >= 0 && goldStart != guessStart)
                {
                    wrongStart++;
                    int ng = RoleBoundaries.StartFeatures(doc, tables[ex.Doc], ex.Draft, w, goldStart, gf);
                    int np = RoleBoundaries.StartFeatures(doc, tables[ex.Doc], ex.Draft, w, guessStart, pf);
                    perceptron.Update(gf[..ng], pf[..np]);
                }
                int from = goldStart >= 0 ? goldStart : guessStart;
                if (from >= 0)
                {
                    int goldEnd = Nearest(doc, w, Math.Max(w.EndLo, from + 1), w.EndHi, ex.GoldEnd, start: false);
                    int guessEnd = RoleBoundaries.Best(w0, doc, tables[ex.Doc], ex.Draft, w, false, from, pf);
                    if (goldEnd >= 0 && guessEnd >= 0 && goldEnd != guessEnd)
                    {
                        wrongEnd++;
                        int ng = RoleBoundaries.EndFeatures(doc, tables[ex.Doc], ex.Draft, w, from, goldEnd, gf);
                        int np = RoleBoundaries.EndFeatures(doc, tables[ex.Doc], ex.Draft, w, from, guessEnd, pf);
                        perceptron.Update(gf[..ng], pf[..np]);
                    }
                }
                perceptron.Next();
            }
            log?.Invoke($"roles epoch {epoch + 1}: start wrong {wrongStart}, end wrong {wrongEnd} of {examples.Count}");
        }
        return perceptron.Averaged();
    }

    /// <summary>The gold attribution whose content the draft's content overlaps most (token Jaccard at least
    /// <see cref="MinJaccard"/>), or -1.</summary>
    internal static int GoldFor(Document doc, AttributionDraft d, (int First, int End)[] goldContents)
    {
        if (d.Content.Count == 0) return -1;
        var mine = Union(doc, d.Content);
        if (mine.End <= mine.First) return -1;
        double best = MinJaccard;
        int target = -1;
        for (int g = 0; g < goldContents.Length; g++)
        {
            var gc = goldContents[g];
            int inter = Math.Max(0, Math.Min(gc.End, mine.End) - Math.Max(gc.First, mine.First));
            double j = (double)inter / (Math.Max(gc.End, mine.End) - Math.Min(gc.First, mine.First));
            if (inter > 0 && j > best) { best = j; target = g; }
        }
        return target;
    }

    /// <summary>The candidate in [lo, hi] nearest to the gold edge (ties: the earlier one).</summary>
    private static int Nearest(Document doc, in RoleBoundaries.Window w, int lo, int hi, int goldEdge, bool start)
    {
        int best = -1, distance = int.MaxValue;
        for (int k = lo; k <= hi; k++)
        {
            if (start ? !RoleBoundaries.Window.IsStartCandidate(doc, k) : !w.IsEndCandidate(doc, k)) continue;
            int dist = Math.Abs(k - goldEdge);
            if (dist < distance) { distance = dist; best = k; }
        }
        return best;
    }

    internal static (int First, int End) Union(Document doc, IReadOnlyList<TextSpan> parts)
    {
        int first = int.MaxValue, end = 0;
        foreach (var p in parts)
        {
            var (f, e) = TokenRange(doc, p);
            if (e <= f) continue;
            first = Math.Min(first, f);
            end = Math.Max(end, e);
        }
        return first == int.MaxValue ? (0, 0) : (first, end);
    }

    internal static (int First, int End) TokenRange(Document doc, TextSpan span)
    {
        int first = doc.TokenAtOrAfter(span.Start);
        int end = first;
        while (end < doc.Tokens.Count && doc.Tokens[end].Start < span.End) end++;
        // edges on words, as the candidates are (punctuation never decides a match)
        while (first < end && doc.Tokens[first].Kind is not (TokenKind.Word or TokenKind.Number)) first++;
        while (end > first && doc.Tokens[end - 1].Kind is not (TokenKind.Word or TokenKind.Number)) end--;
        return (first, end);
    }
}
