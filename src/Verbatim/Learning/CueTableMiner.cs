using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Verbatim.Evaluation;

namespace Verbatim.Learning;

/// <summary>
/// Mines the learned cue table (Resources/learned-cue-phrases.tsv) from PolNeAR articles: for every cue span the
/// annotators marked (lower-cased words, at most <see cref="MaxWords"/>), how often it is a cue, how often the same
/// words occur anywhere outside quotation marks in the texts, and where its content lies. Phrases seen as a cue at least
/// <see cref="MinCount"/> times in at least <see cref="MinShare"/> of their occurrences are kept. Deterministic: the same
/// articles give the same bytes. The table holds counts and words, no article text.
/// </summary>
public static partial class CueTableMiner
{
    public const int MaxWords = 3;
    public const int MinCount = 3;
    public const double MinShare = 0.25;
    /// <summary>Content starting at most this many characters after the cue counts as "after" it.</summary>
    private const int AfterGap = 12;

    public const string Header = "# phrase\tcue\toccurrences\tshare\tcontent_after";

    [GeneratedRegex(@"[A-Za-z]+(?:['’][A-Za-z]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[""“”«»][^""“”«»]*[""“”«»]")]
    private static partial Regex QuotedPattern();

    private static List<string> Words(string s)
    {
        var list = new List<string>();
        foreach (Match m in WordPattern().Matches(s)) list.Add(m.Value.ToLowerInvariant().Replace('’', '\''));
        return list;
    }

    /// <summary>The table's lines (header first), from these articles.</summary>
    public static IReadOnlyList<string> Mine(IEnumerable<PolnearArticle> articles)
    {
        var cueCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var after = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        foreach (var article in articles)
        {
            var text = article.Article.Text;
            texts.Add(text);
            foreach (var a in article.Attributions)
            {
                if (a.Cue is not { Count: > 0 } cue) continue;
                var w = Words(string.Join(' ', cue.Select(p => text[p.Start..p.End])));
                if (w.Count == 0 || w.Count > MaxWords) continue;
                var phrase = string.Join(' ', w);
                cueCount[phrase] = cueCount.GetValueOrDefault(phrase) + 1;
                int gap = a.Content[0].Start - cue[^1].End;
                if (gap >= 0 && gap <= AfterGap) after[phrase] = after.GetValueOrDefault(phrase) + 1;
            }
        }
        var candidates = cueCount.Where(kv => kv.Value >= MinCount).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var text in texts)
        {
            var w = Words(QuotedPattern().Replace(text, " "));
            for (int n = 1; n <= MaxWords; n++)
                for (int i = 0; i + n <= w.Count; i++)
                {
                    sb.Clear();
                    for (int k = i; k < i + n; k++) { if (k > i) sb.Append(' '); sb.Append(w[k]); }
                    var p = sb.ToString();
                    if (candidates.Contains(p)) occurrences[p] = occurrences.GetValueOrDefault(p) + 1;
                }
        }
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in candidates)
        {
            int cues = cueCount[p];
            int occ = Math.Max(occurrences.GetValueOrDefault(p), cues);
            double share = (double)cues / occ;
            if (share < MinShare) continue;
            double aft = (double)after.GetValueOrDefault(p) / cues;
            kept[p] = string.Create(CultureInfo.InvariantCulture, $"{p}\t{cues}\t{occ}\t{share:0.000}\t{aft:0.000}");
        }
        // Single words rarer than that as cues are judged with the other forms of their verb ("blasts" with "blasted",
        // "blasting"): a form the annotators marked at least once is kept when its family passes, with the family's counts.
        var families = new Dictionary<string, (int Cues, int After, List<string> Forms)>(StringComparer.Ordinal);
        foreach (var (p, cues) in cueCount)
        {
            if (p.Contains(' ')) continue;
            var stem = Stem(p);
            if (!families.TryGetValue(stem, out var f)) f = (0, 0, []);
            f.Forms.Add(p);
            families[stem] = (f.Cues + cues, f.After + after.GetValueOrDefault(p), f.Forms);
        }
        var familyOccurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var w in Words(QuotedPattern().Replace(text, " ")))
            {
                var stem = Stem(w);
                if (families.TryGetValue(stem, out var f) && f.Cues >= MinCount) familyOccurrences[stem] = familyOccurrences.GetValueOrDefault(stem) + 1;
            }
        foreach (var (stem, f) in families)
        {
            if (f.Cues < MinCount || f.Forms.Count < 2) continue;
            int occ = Math.Max(familyOccurrences.GetValueOrDefault(stem), f.Cues);
            double share = (double)f.Cues / occ;
            if (share < MinShare) continue;
            double aft = (double)f.After / f.Cues;
            foreach (var form in f.Forms)
                if (!kept.ContainsKey(form))
                    kept[form] = string.Create(CultureInfo.InvariantCulture, $"{form}\t{f.Cues}\t{occ}\t{share:0.000}\t{aft:0.000}");
        }
        var lines = new List<string> { Header };
        lines.AddRange(kept.Values);
        return lines;
    }

    /// <summary>A crude stem that joins a verb's forms (blast, blasts, blasted, blasting; praise, praised).</summary>
    internal static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal)) word = word[..^3];
        else if (word.Length > 4 && word.EndsWith("ied", StringComparison.Ordinal)) word = word[..^3] + "y";
        else if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) word = word[..^3] + "y";
        else if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) word = word[..^2];
        else if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("ses", StringComparison.Ordinal)) word = word[..^2];
        else if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) word = word[..^1];
        if (word.Length > 3 && word.EndsWith('e')) word = word[..^1];
        // a doubled final consonant (planned, stopping)
        if (word.Length > 3 && word[^1] == word[^2] && !"aeiouls".Contains(word[^1])) word = word[..^1];
        return word;
    }

    /// <summary>Writes the lines with "\n" endings, UTF-8 without a byte-order mark.</summary>
    public static void Write(IReadOnlyList<string> lines, string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(file, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
    }
}
