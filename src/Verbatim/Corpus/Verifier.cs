using System.Text;

namespace Verbatim.Corpus;

/// <summary>The verdict on a claimed quote.</summary>
public enum Verdict
{
    /// <summary>Attested word for word (after normalising marks, dashes, case and punctuation), by the claimed speaker if one was given.</summary>
    Verbatim,
    /// <summary>Attested with different words; <see cref="VerifyResult.Diff"/> shows the word-level difference.</summary>
    Altered,
    /// <summary>Attested, but said by someone else than the claimed speaker.</summary>
    Misattributed,
    /// <summary>Part of a longer attested quote; <see cref="VerifyResult.FullText"/> is the whole.</summary>
    Fragment,
    /// <summary>Nothing close enough is attested.</summary>
    NotFound,
}

/// <summary>A claim to check: the words, and optionally who said them and when.</summary>
public sealed record VerifyQuery(string Claim)
{
    /// <summary>The claimed speaker: any spelling of a name, or a speaker id.</summary>
    public string? Speaker { get; init; }
    /// <summary>The claimed date: among equally close matches, those first seen nearest to it come first.</summary>
    public DateOnly? Date { get; init; }
    public int Limit { get; init; } = 5;
}

/// <summary>One attested quote close to a claim: its wording, its cluster's speaker and first appearance.</summary>
public sealed record VerifyMatch
{
    public required string Text { get; init; }
    public string? Speaker { get; init; }
    public string? SpeakerId { get; init; }
    public DateOnly? FirstSeen { get; init; }
    public required string Article { get; init; }
    public string? Publisher { get; init; }
    public string? Url { get; init; }
    public required double Similarity { get; init; }
    /// <summary>The claim is a part of this quote (its similarity is to that part).</summary>
    public bool Contains { get; init; }
    public int Cluster { get; init; }
    public int Articles { get; init; }
    public int Publishers { get; init; }
    /// <summary>The fullest wording of the cluster.</summary>
    public string? FullText { get; init; }
}

public sealed record VerifyResult(Verdict Verdict, IReadOnlyList<VerifyMatch> Matches)
{
    /// <summary>For <see cref="Verdict.Altered"/>: the claim against the attested words, <c>[-attested-]</c> <c>{+claimed+}</c>.</summary>
    public string? Diff { get; init; }
    /// <summary>For <see cref="Verdict.Fragment"/>: the whole quote the claim is part of.</summary>
    public string? FullText { get; init; }
    /// <summary>For <see cref="Verdict.Misattributed"/>: who said it.</summary>
    public string? SaidBy { get; init; }

    public static string Name(Verdict v) => v switch
    {
        Verdict.Verbatim => "verbatim",
        Verdict.Altered => "altered",
        Verdict.Misattributed => "misattributed",
        Verdict.Fragment => "fragment",
        _ => "not_found",
    };
}

/// <summary>What the verifier needs to know about clusters and variants beyond the index (a store supplies it).</summary>
public interface IClusterCatalog
{
    /// <summary>The cluster's first appearance (cheap: asked for every candidate).</summary>
    ClusterFacts Facts(int cluster);
    /// <summary>How many quotes, articles and publishers the cluster has (asked only for reported matches).</summary>
    (int Quotes, int Articles, int Publishers) Counts(int cluster);
    /// <summary>Whether any quote of the cluster is attributed to <paramref name="speakerId"/>, and whether any to someone else.</summary>
    (bool BySpeaker, bool ByOthers) Attribution(int cluster, string speakerId);
    /// <summary>The original wording of a variant (the text of its first quote).</summary>
    string VariantText(int variant);
}

/// <summary>A cluster's provenance: its first-seen quote, its counts and everyone it is attributed to.</summary>
public sealed record ClusterFacts(int Cluster, string? SpeakerId, string? SpeakerName, DateOnly? FirstSeen, string Article, string? Publisher, string? Url);

/// <summary>
/// Checks a claimed quote against the clusters: the closest attested variants (exact, near-duplicate, containing) and
/// one verdict. Similarity is word-level: 1 − edit distance / length, against the whole variant or, when the claim is
/// shorter, against the best-matching part of it.
/// </summary>
public sealed class Verifier(ClusterIndex index, IClusterCatalog catalog, Func<string, string?> resolveSpeaker)
{
    /// <summary>Below this a candidate is not reported.</summary>
    public const double ReportThreshold = 0.5;
    /// <summary>At or above this a candidate counts as the claim, altered.</summary>
    public const double MatchThreshold = 0.6;

    public VerifyResult Verify(VerifyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var max = MatchText.MaxWords(query.Claim.Length);
        var buffer = new ulong[max];
        var words = buffer.AsSpan(0, MatchText.Hashes(query.Claim, buffer)).ToArray();
        if (words.Length == 0) return new VerifyResult(Verdict.NotFound, []);
        var candidates = index.Closest(words, 40);

        // Best candidate per cluster.
        var perCluster = new Dictionary<int, VariantMatch>();
        foreach (var c in candidates)
        {
            if (c.Similarity < ReportThreshold) continue;
            if (!perCluster.TryGetValue(c.Cluster, out var have) || c.Similarity > have.Similarity
                || (c.Similarity == have.Similarity && !c.Contained && have.Contained))
                perCluster[c.Cluster] = c;
        }
        var facts = perCluster.Keys.ToDictionary(c => c, catalog.Facts);
        var ordered = perCluster.Values
            .OrderByDescending(m => Math.Round(m.Similarity, 6))
            .ThenBy(m => query.Date is { } d && facts[m.Cluster].FirstSeen is { } f ? Math.Abs(f.DayNumber - d.DayNumber) : int.MaxValue)
            .ThenBy(m => facts[m.Cluster].FirstSeen ?? DateOnly.MaxValue)
            .ToList();

        var speakerId = string.IsNullOrWhiteSpace(query.Speaker) ? null : resolveSpeaker(query.Speaker) ?? Storage.SlugSpeakerIdentity.Slug(query.Speaker);
        var good = ordered.Where(m => m.Similarity >= MatchThreshold).ToList();
        var verdict = Verdict.NotFound;
        VariantMatch? chosen = null;
        string? saidBy = null;
        if (good.Count > 0)
        {
            var consider = good;
            if (speakerId is not null)
            {
                var who = good.ToDictionary(m => m.Cluster, m => catalog.Attribution(m.Cluster, speakerId));
                var same = good.Where(m => who[m.Cluster].BySpeaker).ToList();
                var others = good.Where(m => !who[m.Cluster].BySpeaker && who[m.Cluster].ByOthers).ToList();
                if (same.Count > 0) consider = same;
                else if (others.Count > 0)
                {
                    verdict = Verdict.Misattributed;
                    chosen = others[0];
                    saidBy = facts[chosen.Value.Cluster].SpeakerName;
                }
            }
            if (verdict != Verdict.Misattributed)
            {
                chosen = consider[0];
                var m = chosen.Value;
                if (m.Similarity >= 1 - 1e-9)
                    verdict = m.Contained || index.FragmentOf(m.Variant) >= 0 ? Verdict.Fragment : Verdict.Verbatim;
                else verdict = Verdict.Altered;
            }
        }

        // Report the chosen match first, then the rest by closeness.
        if (chosen is { } first)
        {
            ordered.Remove(first);
            ordered.Insert(0, first);
        }
        var matches = ordered.Take(Math.Max(1, query.Limit)).Select(m =>
        {
            var f = facts[m.Cluster];
            var counts = catalog.Counts(m.Cluster);
            return new VerifyMatch
            {
                Text = catalog.VariantText(m.Variant),
                Speaker = f.SpeakerName,
                SpeakerId = f.SpeakerId,
                FirstSeen = f.FirstSeen,
                Article = f.Article,
                Publisher = f.Publisher,
                Url = f.Url,
                Similarity = Math.Round(m.Similarity, 4),
                Contains = m.Contained,
                Cluster = m.Cluster,
                Articles = counts.Articles,
                Publishers = counts.Publishers,
                FullText = catalog.VariantText(index.Representative(m.Cluster)),
            };
        }).ToList();

        string? diff = null, full = null;
        if (chosen is { } c0)
        {
            var attested = catalog.VariantText(c0.Variant);
            if (verdict == Verdict.Altered || (verdict == Verdict.Misattributed && c0.Similarity < 1 - 1e-9))
                diff = c0.Contained ? WordDiff.Between(attested, query.Claim, c0.Start, c0.End) : WordDiff.Between(attested, query.Claim);
            if (verdict == Verdict.Fragment) full = catalog.VariantText(index.Representative(c0.Cluster));
        }
        return new VerifyResult(verdict, matches) { Diff = diff, FullText = full, SaidBy = saidBy };
    }
}

/// <summary>Word-level differences between an attested text and a claim, shown on the original words.</summary>
public static class WordDiff
{
    public enum Op { Same, Removed, Added }

    /// <summary>The operations turning the attested words (optionally only words [start, end) of them) into the claim's.</summary>
    public static List<(Op Op, string Word)> Ops(string attested, string claim, int start = 0, int end = int.MaxValue)
    {
        var (aw, ah) = Words(attested);
        var (cw, ch) = Words(claim);
        end = Math.Min(end, aw.Length);
        aw = aw[start..end];
        ah = ah[start..end];
        // LCS table over word hashes
        var n = ah.Length;
        var m = ch.Length;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = ah[i] == ch[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var ops = new List<(Op, string)>();
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && ah[x] == ch[y]) { ops.Add((Op.Same, cw[y])); x++; y++; }
            else if (x < n && (y >= m || lcs[x + 1, y] >= lcs[x, y + 1])) { ops.Add((Op.Removed, aw[x])); x++; }
            else { ops.Add((Op.Added, cw[y])); y++; }
        }
        return ops;
    }

    /// <summary>The difference as one line: unchanged words plain, <c>[-attested-]</c>, <c>{+claimed+}</c>.</summary>
    public static string Between(string attested, string claim, int start = 0, int end = int.MaxValue)
    {
        var sb = new StringBuilder();
        var ops = Ops(attested, claim, start, end);
        for (var i = 0; i < ops.Count;)
        {
            var op = ops[i].Op;
            var j = i;
            while (j < ops.Count && ops[j].Op == op) j++;
            var run = string.Join(' ', ops.Skip(i).Take(j - i).Select(o => o.Word));
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(op switch { Op.Removed => $"[-{run}-]", Op.Added => $"{{+{run}+}}", _ => run });
            i = j;
        }
        return sb.ToString();
    }

    private static (string[] Words, ulong[] Hashes) Words(string text)
    {
        var max = MatchText.MaxWords(text.Length);
        var hashes = new ulong[max];
        var starts = new int[max];
        var ends = new int[max];
        var n = MatchText.Tokenize(text, hashes, starts, ends);
        var words = new string[n];
        for (var i = 0; i < n; i++) words[i] = text[starts[i]..ends[i]];
        return (words, hashes[..n]);
    }
}
