using System.Globalization;
using Verbatim.Storage;

namespace Verbatim.Tests.Storage;

/// <summary>
/// The test assembly's entry point, used only as a child process by <see cref="CrashSafetyTests"/>:
/// <c>dotnet Verbatim.Tests.dll store-crash-child STORE COUNT SEED</c> ingests a generated corpus of
/// hand-built extractions (quotes, speakers, mentions, times) the way <c>verbatim ingest</c> does,
/// so the crash test covers quotes whatever the pipeline finds. The test runner never calls it.
/// </summary>
public static class TestEntryPoint
{
    public const string StoreCrashChild = "store-crash-child";
    public const int BatchSize = 32;

    public static int Main(string[] args)
    {
        if (args is [StoreCrashChild, var store, var count, var seed])
        {
            using var s = SqliteQuoteStore.Open(store);
            var batch = new List<ArticleExtraction>(BatchSize);
            var stored = 0;
            foreach (var x in CrashCorpus.Generate(int.Parse(count, CultureInfo.InvariantCulture), int.Parse(seed, CultureInfo.InvariantCulture)))
            {
                if (s.ContainsContent(ContentHash.Of(x.Article.Text))) continue;
                batch.Add(x);
                if (batch.Count == BatchSize)
                {
                    stored += s.Ingest(batch).Stored;
                    batch.Clear();
                }
            }
            stored += s.Ingest(batch).Stored;
            Console.WriteLine($"{stored} stored");
            return 0;
        }
        Console.Error.WriteLine($"Verbatim.Tests is run by 'dotnet test'; as a program it only knows: {StoreCrashChild} STORE COUNT SEED");
        return 2;
    }
}

/// <summary>A deterministic corpus of extractions with several quotes and speakers each, and a few repeated texts.</summary>
internal static class CrashCorpus
{
    private static readonly string[] Names = ["Jane Doe", "John Smith", "Maria Lopez", "Olaf Scholz", "Joe Biden", "Volodymyr Zelenskyy"];
    private static readonly string[] Words = ["city", "council", "budget", "plan", "vote", "river", "bridge", "school", "tax", "winter", "energy", "harbour"];

    public static IEnumerable<ArticleExtraction> Generate(int count, int seed)
    {
        ArticleExtraction? previous = null;
        for (var i = 0; i < count; i++)
        {
            if (previous is not null && i % 97 == 13)
            {
                // The same text under another id: must be skipped, never stored twice.
                yield return previous with { Article = previous.Article with { Id = $"repeat-{i}" } };
                continue;
            }
            var rng = new Random(unchecked(seed * 1_000_003 + i));
            string W() => Words[rng.Next(Words.Length)];
            var a = Names[rng.Next(Names.Length)];
            var b = Names[(Array.IndexOf(Names, a) + 1 + rng.Next(Names.Length - 1)) % Names.Length];
            var q1 = $"We will rebuild the {W()} by {2023 + rng.Next(5)}, article {i}";
            var q2 = $"the {W()} {W()} plan {rng.Next(1_000_000)} is sound";
            var q3 = $"Nobody asked about the {W()} {i}";
            var text = $"\"{q1},\" {a} said on Tuesday. The {W()} and the {W()} were discussed. {b} told reporters {q2}. \"{q3},\" {a} added.";
            var month = 1 + rng.Next(12);
            previous = Corpus.Article($"crash-{i}", $"2022-{month:00}-{1 + rng.Next(28):00}", i % 3 == 0 ? "Reuters" : "BBC", text,
                new Corpus.Q(q1, a, Uttered: $"2022-{month:00}-01"),
                new Corpus.Q(q2, b, QuoteKind.Indirect, Cue: "told"),
                new Corpus.Q(q3, a, Cue: "added"));
            yield return previous;
        }
    }
}
