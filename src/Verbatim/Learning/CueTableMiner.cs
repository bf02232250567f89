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
        var lines = new List<string> { Header };
        foreach (var p in candidates.Order(StringComparer.Ordinal))
        {
            int cues = cueCount[p];
            int occ = Math.Max(occurrences.GetValueOrDefault(p), cues);
            double share = (double)cues / occ;
            if (share < MinShare) continue;
            double aft = (double)after.GetValueOrDefault(p) / cues;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{p}\t{cues}\t{occ}\t{share:0.000}\t{aft:0.000}"));
        }
        return lines;
    }

    /// <summary>Writes the lines with "\n" endings, UTF-8 without a byte-order mark.</summary>
    public static void Write(IReadOnlyList<string> lines, string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(file, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
    }
}
