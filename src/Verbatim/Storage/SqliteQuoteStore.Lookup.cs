using Microsoft.Data.Sqlite;
using Verbatim.Output;

namespace Verbatim.Storage;

/// <summary>The <see cref="IQuoteLookup"/> part of the SQLite store.</summary>
public sealed partial class SqliteQuoteStore
{
    public StoredQuote? Quote(string quoteId)
    {
        ArgumentNullException.ThrowIfNull(quoteId);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT {QuoteColumns}
            FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id
            WHERE {QuoteIdFilter("q", quoteId)}
            ORDER BY q.key
            LIMIT 1
            """;
        BindQuoteId(cmd, quoteId);
        return ReadQuotes(cmd, withRank: false).FirstOrDefault();
    }

    /// <summary>
    /// Finds quotes by id without an index on it (migration 4): a quote id is its article's id + <c>#qN</c>, so the article's
    /// rows come through the article_id index and (article_key, ord); an id of another shape is looked for in every quote.
    /// (Two texts, not one with "$article IS NULL OR ...": SQLite uses no index for such an OR.)
    /// </summary>
    internal static string QuoteIdFilter(string alias, string quoteId) => ArticleOfQuote(quoteId) is null
        ? $"{alias}.quote_id = $id"
        : $"{alias}.article_key IN (SELECT key FROM articles WHERE article_id = $article) AND {alias}.quote_id = $id";

    internal static void BindQuoteId(SqliteCommand cmd, string quoteId)
    {
        cmd.Parameters.AddWithValue("$id", quoteId);
        if (ArticleOfQuote(quoteId) is { } article) cmd.Parameters.AddWithValue("$article", article);
    }

    private static string? ArticleOfQuote(string quoteId)
    {
        var at = quoteId.LastIndexOf("#q", StringComparison.Ordinal);
        return at > 0 ? quoteId[..at] : null;
    }

    public ArticleExtraction? Article(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        using var tx = _connection.BeginTransaction(deferred: true);
        using var cmd = Command(tx, $"SELECT {StoredArticles.Columns} FROM articles WHERE article_id = $id ORDER BY key LIMIT 1");
        cmd.Parameters.AddWithValue("$id", articleId);
        using var ra = cmd.ExecuteReader();
        if (!ra.Read()) return null;
        using var parts = new StoredArticles(this, tx);
        return parts.Read(ra);
    }

    public IReadOnlyList<SpeakerSummary> FindSpeakers(string? words, int limit)
    {
        var pattern = string.IsNullOrWhiteSpace(words) ? null : "%" + LikeEscape(words.Trim()) + "%";
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT s.id, s.name, s.type, count(*) AS n, count(DISTINCT q.article_key), min(a.date), max(a.date)
            FROM quotes q JOIN speakers s ON s.id = q.speaker_id JOIN articles a ON a.key = q.article_key
            WHERE $pattern IS NULL OR s.name LIKE $pattern ESCAPE '\' OR s.id LIKE $pattern ESCAPE '\'
            GROUP BY s.id
            ORDER BY n DESC, s.name COLLATE NOCASE, s.id
            LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$pattern", (object?)pattern ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        return ReadSummaries(cmd);
    }

    public SpeakerProfile? Profile(string speakerId)
    {
        ArgumentNullException.ThrowIfNull(speakerId);
        using var tx = _connection.BeginTransaction(deferred: true);
        SpeakerSummary? summary;
        using (var cmd = Command(tx, """
            SELECT s.id, s.name, s.type, count(q.key), count(DISTINCT q.article_key), min(a.date), max(a.date)
            FROM speakers s LEFT JOIN quotes q ON q.speaker_id = s.id LEFT JOIN articles a ON a.key = q.article_key
            WHERE s.id = $id
            GROUP BY s.id
            """))
        {
            cmd.Parameters.AddWithValue("$id", speakerId);
            summary = ReadSummaries(cmd).FirstOrDefault();
        }
        if (summary is null) return null;
        var aliases = new List<NameCount>();
        using (var cmd = Command(tx, """
            SELECT coalesce(q.speaker_name, s.name) AS spelling, count(*) AS n
            FROM quotes q JOIN speakers s ON s.id = q.speaker_id
            WHERE q.speaker_id = $id
            GROUP BY spelling ORDER BY n DESC, spelling
            """))
        {
            cmd.Parameters.AddWithValue("$id", speakerId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) aliases.Add(new NameCount(r.GetString(0), r.GetInt32(1)));
        }
        var titles = new List<string>();
        using (var cmd = Command(tx, """
            SELECT title, count(*) AS n FROM article_speakers WHERE speaker_id = $id AND title IS NOT NULL
            GROUP BY title ORDER BY n DESC, title
            """))
        {
            cmd.Parameters.AddWithValue("$id", speakerId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) titles.Add(r.GetString(0));
        }
        var byDate = new List<DateCount>();
        using (var cmd = Command(tx, """
            SELECT a.date, count(*) FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.speaker_id = $id AND a.date IS NOT NULL
            GROUP BY a.date ORDER BY a.date
            """))
        {
            cmd.Parameters.AddWithValue("$id", speakerId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) byDate.Add(new DateCount(ReadDate(r, 0)!.Value, r.GetInt32(1)));
        }
        return new SpeakerProfile(summary, aliases, titles, byDate);
    }

    private static List<SpeakerSummary> ReadSummaries(SqliteCommand cmd)
    {
        var list = new List<SpeakerSummary>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(new SpeakerSummary(r.GetString(0), r.GetString(1), ExtractionJson.ParseType(r.GetString(2)),
                r.GetInt32(3), r.GetInt32(4), ReadDate(r, 5), ReadDate(r, 6)));
        return list;
    }

    /// <summary>Makes <c>%</c>, <c>_</c> and the escape character plain text in a LIKE pattern (ESCAPE '\').</summary>
    internal static string LikeEscape(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
