using Verbatim.Benchmarks;

namespace Verbatim.Storage;

/// <summary>
/// Where the SQLite writer's thread CPU time goes, when a caller asks (<see cref="SqliteQuoteStore.Stages"/>; the
/// ingest benchmark does): beginning the transaction and loading the corpus state, the article rows, speakers (identity
/// decisions and their rows, mentions), quote rows, the cluster index (on a thread of its own, beside the writer's), the
/// cluster rows, the full-text index, the commit. A few clock reads per article (each a system call); nothing at all when nobody asks.
/// </summary>
public sealed class WriterStages
{
    public const int Begin = 0, Articles = 1, Speakers = 2, Quotes = 3, ClusterIndex = 4, ClusterRows = 5, FullText = 6, Commit = 7;

    public static readonly string[] Names = ["begin", "articles", "speakers", "quotes", "cluster_index", "cluster_rows", "full_text", "commit"];

    /// <summary>Thread CPU nanoseconds per part (indexed by the constants above).</summary>
    public long[] Nanoseconds { get; } = new long[Names.Length];

    public static long Now() => ThreadCpu.Now();

    /// <summary>Adds the time since <paramref name="since"/> to a part, and moves <paramref name="since"/> to now.</summary>
    public void Lap(int part, ref long since)
    {
        var now = ThreadCpu.Now();
        Nanoseconds[part] += now - since;
        since = now;
    }
}
