using System.Text;

namespace Verbatim.Bench;

/// <summary>Deterministic synthetic news text, so the kernels need no corpus on disk.</summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Sentences =
    [
        "Ukrainian President Volodymyr Zelenskyy said on Thursday that Ukraine will not give up any of its territory.",
        "\"We always talk about that, and we are intending to return all our territories,\" he told CNN.",
        "The White House said in a statement that the talks would continue next week.",
        "According to officials, the agreement is expected to be signed by the end of 2022.",
        "Senator Jane Doe, a Democrat from Ohio, expressed confidence that the bill would pass.",
        "\"It is a good day,\" she added. \"We have done what we promised.\"",
        "Critics argued that the measure went too far, while supporters called it overdue.",
    ];

    /// <summary>One article of about <paramref name="words"/> words, with a ` date YYYY-MM-DD ` header.</summary>
    public static string Article(int words, int seed = 0)
    {
        var sb = new StringBuilder(" date 2022-07-08 ");
        int count = 0;
        for (int i = seed; count < words; i++)
        {
            var s = Sentences[i % Sentences.Length];
            sb.Append(s).Append(i % 4 == 3 ? "\n\n" : " ");
            count += s.Count(c => c == ' ') + 1;
        }
        return sb.ToString();
    }
}
