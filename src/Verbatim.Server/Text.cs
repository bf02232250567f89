using System.Text;

namespace Verbatim.Server;

/// <summary>Word lists for a speaker's subjects.</summary>
internal static class Text
{
    /// <summary>Lower-cased runs of letters and digits (apostrophes inside a word kept: <c>don't</c>).</summary>
    public static List<string> Words(string text)
    {
        var list = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if ((c is '\'' or '’') && sb.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1])) sb.Append('\'');
            else if (sb.Length > 0) { list.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) list.Add(sb.ToString());
        return list;
    }

    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "don't", "down", "each", "even", "every",
        "few", "for", "from", "get", "gets", "going", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
        "his", "how", "i", "if", "in", "into", "is", "it", "it's", "its", "just", "know", "like", "make", "many", "may", "me",
        "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
        "our", "ours", "out", "over", "own", "said", "same", "say", "says", "she", "should", "so", "some", "such", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "until", "up", "us", "very", "was", "we", "well", "were", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "would", "you", "your", "yours", "we're", "we'll", "i'm", "they're", "there's", "that's",
        "cannot", "can't", "won't", "isn't", "want", "think", "need", "still", "way", "back", "last", "next", "two", "three",
    };

    public static bool IsStopWord(string w) => Stop.Contains(w);

    /// <summary>The words most of these texts use (counted once per text), stop words and short words left out.</summary>
    public static IReadOnlyList<(string Term, int Quotes)> TopTerms(IEnumerable<string> texts, int count)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in texts)
            foreach (var w in Words(t).Where(w => w.Length >= 4 && !IsStopWord(w) && !w.All(char.IsDigit)).Distinct())
                counts[w] = counts.GetValueOrDefault(w) + 1;
        return counts.Where(kv => kv.Value >= 2)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(count).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
