using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Verbatim.Corpus;
using Verbatim.Output;
using Verbatim.Readers;

namespace Verbatim.Storage;

/// <summary>
/// The PostgreSQL quote store, behind the same contracts as <see cref="SqliteQuoteStore"/> (<see cref="IQuoteStore"/> and
/// <see cref="ICorpusStore"/>): numbered migrations applied under an advisory lock, a generated <c>tsvector</c> column with a
/// GIN index for full-text search, parameterised SQL only. Chosen by a
/// <c>postgres://user:password@host:port/database[?schema=S&amp;sslmode=M&amp;pool=N]</c> location. Each call borrows a
/// pooled connection; like every store, one instance serves one caller at a time (it keeps the corpus's speaker directory and
/// cluster index in memory), and any number of instances in any number of processes can read and write one store at once
/// (writes take the schema's write lock, see PostgresQuoteStore.Ingest.cs).
/// </summary>
public sealed partial class PostgresQuoteStore : IQuoteStore, ICorpusStore
{
    internal sealed record Migration(int Version, string Description, string Sql);

    /// <summary>Never edit a released step: add the next.</summary>
    internal static readonly Migration[] Migrations =
    [
        new(1, "articles, speakers, mentions, quotes, rejects", """
            CREATE TABLE articles (
                key          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                article_id   text NOT NULL,
                content_hash text NOT NULL UNIQUE,
                date         date,
                title        text,
                url          text,
                publisher    text,
                origin       text,
                text         text NOT NULL,
                body_start   integer NOT NULL DEFAULT 0,
                word_count   integer NOT NULL,
                ingested_at  timestamptz NOT NULL
            );
            CREATE INDEX articles_article_id ON articles(article_id);
            CREATE INDEX articles_date ON articles(date);
            CREATE INDEX articles_publisher ON articles(lower(publisher));

            CREATE TABLE speakers (id text PRIMARY KEY, name text NOT NULL, type text NOT NULL);
            CREATE INDEX speakers_name ON speakers(lower(name));

            CREATE TABLE article_speakers (
                article_key bigint NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
                ord         integer NOT NULL,
                speaker_id  text NOT NULL REFERENCES speakers(id),
                name        text NOT NULL,
                type        text NOT NULL,
                title       text,
                PRIMARY KEY (article_key, ord)
            );
            CREATE INDEX article_speakers_speaker ON article_speakers(speaker_id);

            CREATE TABLE mentions (
                article_key bigint NOT NULL,
                speaker_ord integer NOT NULL,
                ord         integer NOT NULL,
                start       integer NOT NULL,
                "end"       integer NOT NULL,
                text        text NOT NULL,
                PRIMARY KEY (article_key, speaker_ord, ord),
                FOREIGN KEY (article_key, speaker_ord) REFERENCES article_speakers(article_key, ord) ON DELETE CASCADE
            );

            CREATE TABLE quotes (
                key             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                quote_id        text NOT NULL,
                article_key     bigint NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
                ord             integer NOT NULL,
                kind            text NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
                text            text NOT NULL,
                content         text NOT NULL,
                cue_start       integer, cue_end integer, cue_text text,
                source_start    integer, source_end integer, source_text text,
                addressee_start integer, addressee_end integer, addressee_text text,
                speaker_id      text REFERENCES speakers(id),
                speaker_name    text,
                speaker_type    text,
                uttered         date,
                confidence      double precision NOT NULL,
                times           text NOT NULL DEFAULT '[]',
                UNIQUE (article_key, ord)
            );
            CREATE INDEX quotes_speaker ON quotes(speaker_id);
            CREATE INDEX quotes_quote_id ON quotes(quote_id);

            CREATE TABLE rejects (
                key    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                record text NOT NULL,
                reason text NOT NULL,
                raw    text,
                at     timestamptz NOT NULL,
                UNIQUE (record, reason)
            );
            """),
        new(2, "full-text search: tsvector column and GIN index", """
            DO $$
            BEGIN
                -- unaccent (contrib, trusted) folds diacritics like SQLite's remove_diacritics; without it, plain English.
                BEGIN
                    CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
                EXCEPTION WHEN OTHERS THEN NULL;
                END;
                CREATE TEXT SEARCH CONFIGURATION verbatim_fts (COPY = pg_catalog.english);
                IF EXISTS (SELECT 1 FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
                           WHERE d.dictname = 'unaccent' AND n.nspname = 'public') THEN
                    ALTER TEXT SEARCH CONFIGURATION verbatim_fts
                        ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;
                END IF;
            END
            $$;
            ALTER TABLE quotes ADD COLUMN fts tsvector GENERATED ALWAYS AS (to_tsvector('verbatim_fts'::regconfig, text)) STORED;
            CREATE INDEX quotes_fts ON quotes USING gin (fts);
            """),
        new(3, "corpus: speaker identities, aliases, hand overrides, quote clusters", CorpusMigrationSql),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> Sources = new(StringComparer.Ordinal);

    private readonly NpgsqlDataSource _source;
    /// <summary>A caller's own identity (tests, experiments); null: the corpus-wide <see cref="SpeakerDirectory"/>.</summary>
    private readonly ISpeakerIdentity? _identity;

    private PostgresQuoteStore(NpgsqlDataSource source, string location, ISpeakerIdentity? identity)
    {
        _source = source;
        Location = location;
        _identity = identity;
    }

    public string Location { get; }

    /// <summary>Opens a store at a <c>postgres://</c> URL (or an Npgsql connection string), creating and migrating its tables.</summary>
    public static PostgresQuoteStore Open(string location, ISpeakerIdentity? identity = null)
    {
        var connectionString = ConnectionString(location);
        var redacted = Redact(location);
        var source = Sources.GetOrAdd(connectionString, cs => NpgsqlDataSource.Create(cs));
        try
        {
            using var c = source.OpenConnection();
            Migrate(c, redacted);
        }
        catch (NpgsqlException e)
        {
            throw new StoreOpenException($"cannot open the store {redacted}: {e.Message}", e);
        }
        return new PostgresQuoteStore(source, redacted, identity);
    }

    /// <summary>Turns a <c>postgres://</c> URL into an Npgsql connection string; a keyword connection string passes through.</summary>
    public static string ConnectionString(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (!QuoteStores.IsPostgres(location)) return new NpgsqlConnectionStringBuilder(location).ConnectionString;
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
            throw new StoreOpenException($"not a PostgreSQL URL: {Redact(location)}");
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) b.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]).ToLowerInvariant();
            var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
            switch (key)
            {
                case "schema" or "search_path": b.SearchPath = value; break;
                case "sslmode": b.SslMode = Enum.Parse<SslMode>(value, ignoreCase: true); break;
                case "pool" or "max_pool_size": b.MaxPoolSize = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "host": b.Host = value; break;
                case "application_name": b.ApplicationName = value; break;
                default: throw new StoreOpenException($"unknown PostgreSQL URL parameter '{key}' (known: schema, sslmode, pool, host, application_name)");
            }
        }
        b.ApplicationName ??= "verbatim";
        return b.ConnectionString;
    }

    /// <summary>The location without its password.</summary>
    public static string Redact(string location)
    {
        if (!QuoteStores.IsPostgres(location) || !Uri.TryCreate(location, UriKind.Absolute, out var uri) || !uri.UserInfo.Contains(':'))
            return location;
        var user = uri.UserInfo.Split(':', 2)[0];
        return new UriBuilder(uri) { UserName = user, Password = "" }.Uri.ToString().Replace(user + ":@", user + "@", StringComparison.Ordinal);
    }

    private static void Migrate(NpgsqlConnection c, string location)
    {
        using var tx = c.BeginTransaction();
        // One migrator per schema at a time; the others wait here and then find nothing to do.
        Exec(c, tx, "SELECT pg_advisory_xact_lock(hashtext('verbatim-migrate:' || current_schema()))");
        var tables = Convert.ToInt64(Scalar(c, tx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"), CultureInfo.InvariantCulture);
        var versioned = Convert.ToInt64(Scalar(c, tx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'"), CultureInfo.InvariantCulture);
        if (tables > 0 && versioned == 0)
            throw new StoreOpenException($"{location}: the schema has tables but is not a Verbatim store (no schema_version table); refusing to change it");
        if (Scalar(c, tx, "SELECT current_schema()") is not string)
            throw new StoreOpenException($"{location}: no schema to create the tables in (check the schema parameter or search_path)");
        Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)");
        var current = Convert.ToInt32(Scalar(c, tx, "SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        if (current > LatestVersion)
            throw new StoreOpenException($"{location} has schema version {current}, newer than this Verbatim knows ({LatestVersion}); upgrade Verbatim");
        foreach (var m in Migrations.Where(m => m.Version > current))
        {
            Exec(c, tx, m.Sql);
            using var cmd = new NpgsqlCommand("INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, now())", c, tx);
            cmd.Parameters.AddWithValue("v", m.Version);
            cmd.Parameters.AddWithValue("d", m.Description);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    // ---------------------------------------------------------------- reading

    private const string QuoteColumns = """
        q.quote_id, a.article_id, a.date, a.publisher, a.title, a.url, q.kind, q.text,
        q.speaker_id, coalesce(q.speaker_name, s.name), q.cue_text, q.uttered, q.confidence
        """;

    private const string QuoteFrom = "quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id";

    // A null parameter switches its filter off (PostgreSQL plans each unprepared call with its values, so these fold away).
    private const string Filters = """
        (@speaker::text IS NULL OR q.speaker_id = @speaker OR q.speaker_id = @speakerSlug
            OR lower(s.name) = lower(@speaker) OR lower(q.speaker_name) = lower(@speaker))
        AND (@from::date IS NULL OR a.date >= @from)
        AND (@to::date IS NULL OR a.date <= @to)
        AND (@publisher::text IS NULL OR lower(a.publisher) = lower(@publisher))
        """;

    public IReadOnlyList<StoredQuote> Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0) return [];
        var match = TsQuery.FromWords(query.Words);
        using var c = _source.OpenConnection();
        using var cmd = c.CreateCommand();
        if (match is null)
        {
            if (!string.IsNullOrWhiteSpace(query.Words)) return [];
            cmd.CommandText = $"""
                SELECT {QuoteColumns}
                FROM {QuoteFrom}
                WHERE {Filters}
                ORDER BY a.date DESC NULLS LAST, a.key DESC, q.ord
                LIMIT @limit OFFSET @offset
                """;
        }
        else
        {
            // Rank and page first (joining the filters' tables only when there are filters); the (costly) headline
            // only for the rows of the page.
            var filtered = query.Speaker is not null || query.From is not null || query.To is not null || !string.IsNullOrWhiteSpace(query.Publisher);
            cmd.CommandText = $"""
                WITH hits AS (
                    SELECT q.key, -ts_rank(q.fts, m.query, 1) AS score, m.query
                    FROM {(filtered ? QuoteFrom : "quotes q")}, to_tsquery('verbatim_fts', @match) AS m(query)
                    WHERE q.fts @@ m.query {(filtered ? "AND " + Filters : "")}
                    ORDER BY score, q.key
                    LIMIT @limit OFFSET @offset
                )
                SELECT {QuoteColumns}, ts_headline('verbatim_fts', q.text, h.query, @headline), h.score
                FROM hits h JOIN quotes q ON q.key = h.key JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id
                ORDER BY h.score, q.key
                """;
            cmd.Parameters.AddWithValue("match", match);
            cmd.Parameters.AddWithValue("headline", HeadlineOptions(query.HighlightOpen, query.HighlightClose));
        }
        AddFilters(cmd, query.Speaker, query.From, query.To, query.Publisher);
        cmd.Parameters.AddWithValue("limit", query.Limit);
        cmd.Parameters.AddWithValue("offset", Math.Max(0, query.Offset));
        return ReadQuotes(cmd, withRank: match is not null);
    }

    private static string HeadlineOptions(string open, string close)
    {
        static string Quote(string s) => "\"" + s.Replace("\"", "", StringComparison.Ordinal) + "\"";
        return $"StartSel={Quote(open)}, StopSel={Quote(close)}, MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";
    }

    public IReadOnlyList<SpeakerSummary> Speakers(int limit) => FindSpeakers(null, limit);

    public IReadOnlyList<SpeakerSummary> FindSpeakers(string? words, int limit)
    {
        using var c = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("""
            SELECT s.id, s.name, s.type, count(*) AS n, count(DISTINCT q.article_key), min(a.date), max(a.date)
            FROM quotes q JOIN speakers s ON s.id = q.speaker_id JOIN articles a ON a.key = q.article_key
            WHERE @pattern::text IS NULL OR s.name ILIKE @pattern OR s.id ILIKE @pattern
            GROUP BY s.id, s.name, s.type
            ORDER BY n DESC, lower(s.name), s.id
            LIMIT @limit
            """, c);
        var pattern = string.IsNullOrWhiteSpace(words) ? null : "%" + SqliteQuoteStore.LikeEscape(words.Trim()) + "%";
        cmd.Parameters.Add(new NpgsqlParameter("pattern", NpgsqlDbType.Text) { Value = (object?)pattern ?? DBNull.Value });
        cmd.Parameters.AddWithValue("limit", Math.Max(0, limit));
        return ReadSummaries(cmd);
    }

    public IReadOnlyList<StoredQuote> QuotesBySpeaker(string speaker, int limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(speaker);
        using var c = _source.OpenConnection();
        using var cmd = new NpgsqlCommand($"""
            SELECT {QuoteColumns}
            FROM {QuoteFrom}
            WHERE q.speaker_id IS NOT NULL AND {Filters}
            ORDER BY a.date NULLS LAST, a.key, q.ord
            LIMIT @limit
            """, c);
        AddFilters(cmd, speaker, null, null, null);
        cmd.Parameters.AddWithValue("limit", Math.Max(0, limit));
        return ReadQuotes(cmd, withRank: false);
    }

    public StoredQuote? Quote(string quoteId)
    {
        ArgumentNullException.ThrowIfNull(quoteId);
        using var c = _source.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT {QuoteColumns} FROM {QuoteFrom} WHERE q.quote_id = @id ORDER BY q.key LIMIT 1", c);
        cmd.Parameters.AddWithValue("id", quoteId);
        return ReadQuotes(cmd, withRank: false).FirstOrDefault();
    }

    public ArticleExtraction? Article(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        long? key;
        using (var cmd = new NpgsqlCommand("SELECT key FROM articles WHERE article_id = @id ORDER BY key LIMIT 1", c, tx))
        {
            cmd.Parameters.AddWithValue("id", articleId);
            key = cmd.ExecuteScalar() as long?;
        }
        return key is null ? null : ReadArticles(c, tx, [key.Value]).Single();
    }

    public SpeakerProfile? Profile(string speakerId)
    {
        ArgumentNullException.ThrowIfNull(speakerId);
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        SpeakerSummary? summary;
        using (var cmd = new NpgsqlCommand("""
            SELECT s.id, s.name, s.type, count(q.key), count(DISTINCT q.article_key), min(a.date), max(a.date)
            FROM speakers s LEFT JOIN quotes q ON q.speaker_id = s.id LEFT JOIN articles a ON a.key = q.article_key
            WHERE s.id = @id
            GROUP BY s.id, s.name, s.type
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("id", speakerId);
            summary = ReadSummaries(cmd).FirstOrDefault();
        }
        if (summary is null) return null;
        var aliases = new List<NameCount>();
        using (var cmd = new NpgsqlCommand("""
            SELECT coalesce(q.speaker_name, s.name) AS name, count(*) AS n
            FROM quotes q JOIN speakers s ON s.id = q.speaker_id
            WHERE q.speaker_id = @id
            GROUP BY 1 ORDER BY n DESC, name
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("id", speakerId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) aliases.Add(new NameCount(r.GetString(0), Convert.ToInt32(r.GetInt64(1))));
        }
        var titles = new List<string>();
        using (var cmd = new NpgsqlCommand("""
            SELECT title, count(*) AS n FROM article_speakers WHERE speaker_id = @id AND title IS NOT NULL
            GROUP BY title ORDER BY n DESC, title
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("id", speakerId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) titles.Add(r.GetString(0));
        }
        var byDate = new List<DateCount>();
        using (var cmd = new NpgsqlCommand("""
            SELECT a.date, count(*) FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.speaker_id = @id AND a.date IS NOT NULL
            GROUP BY a.date ORDER BY a.date
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("id", speakerId);
            using var r = cmd.ExecuteReader();
            while (r.Read()) byDate.Add(new DateCount(r.GetFieldValue<DateOnly>(0), Convert.ToInt32(r.GetInt64(1))));
        }
        return new SpeakerProfile(summary, aliases, titles, byDate);
    }

    public IReadOnlyList<Commitment> Commitments(CommitmentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0) return [];
        using var c = _source.OpenConnection();
        // One row per (quote, time expression) whose due day lies after the day the words were said.
        using var cmd = new NpgsqlCommand($"""
            SELECT {QuoteColumns}, t.value::text
            FROM {QuoteFrom}, jsonb_array_elements(q.times::jsonb) WITH ORDINALITY AS t(value, n)
            WHERE q.times <> '[]'
              AND jsonb_typeof(t.value->'due') = 'string'
              AND (coalesce(q.uttered, a.date) IS NULL OR (t.value->>'due')::date > coalesce(q.uttered, a.date))
              AND (@before::date IS NULL OR (t.value->>'due')::date < @before)
              AND (@after::date IS NULL OR (t.value->>'due')::date > @after)
              AND {Filters}
            ORDER BY (t.value->>'due')::date, a.date NULLS LAST, a.key, q.ord, t.n
            LIMIT @limit
            """, c);
        AddFilters(cmd, query.Speaker, null, null, null);
        cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Date) { Value = query.DueBefore is { } b ? b : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Date) { Value = query.DueAfter is { } a ? a : DBNull.Value });
        cmd.Parameters.AddWithValue("limit", query.Limit);
        var list = new List<Commitment>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var quote = ReadQuote(r, withRank: false);
            var time = SqliteQuoteStore.ParseTimesJson("[" + r.GetString(13) + "]");
            if (time.Length == 1) list.Add(new Commitment(quote, time[0]));
        }
        return list;
    }

    public IEnumerable<ArticleExtraction> ExportArticles()
    {
        // One repeatable-read transaction: a consistent snapshot while others write; articles read a page at a time.
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        long after = 0;
        while (true)
        {
            var keys = new List<long>();
            using (var cmd = new NpgsqlCommand("SELECT key FROM articles WHERE key > @after ORDER BY key LIMIT 200", c, tx))
            {
                cmd.Parameters.AddWithValue("after", after);
                using var r = cmd.ExecuteReader();
                while (r.Read()) keys.Add(r.GetInt64(0));
            }
            if (keys.Count == 0) yield break;
            foreach (var x in ReadArticles(c, tx, keys))
                yield return x;
            after = keys[^1];
        }
    }

    /// <summary>Whole extractions for the given article keys, in key order.</summary>
    private static List<ArticleExtraction> ReadArticles(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<long> keys)
    {
        var arr = keys.ToArray();
        var articles = new List<(long Key, Article Article)>();
        using (var cmd = new NpgsqlCommand("""
            SELECT key, article_id, date, title, url, publisher, origin, text, body_start FROM articles WHERE key = ANY(@keys) ORDER BY key
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("keys", arr);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                articles.Add((r.GetInt64(0), new Article(r.GetString(1), DateOrNull(r, 2), r.GetString(7))
                {
                    Title = StringOrNull(r, 3),
                    Url = StringOrNull(r, 4),
                    Publisher = StringOrNull(r, 5),
                    Origin = StringOrNull(r, 6),
                    BodyStart = r.GetInt32(8),
                }));
        }
        var mentions = new Dictionary<(long, int), List<SpanText>>();
        using (var cmd = new NpgsqlCommand("""
            SELECT article_key, speaker_ord, start, "end", text FROM mentions WHERE article_key = ANY(@keys) ORDER BY article_key, speaker_ord, ord
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("keys", arr);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var k = (r.GetInt64(0), r.GetInt32(1));
                if (!mentions.TryGetValue(k, out var list)) mentions[k] = list = [];
                list.Add(new SpanText(r.GetInt32(2), r.GetInt32(3), r.GetString(4)));
            }
        }
        var speakers = new Dictionary<long, List<Speaker>>();
        using (var cmd = new NpgsqlCommand("""
            SELECT article_key, ord, speaker_id, name, type, title FROM article_speakers WHERE article_key = ANY(@keys) ORDER BY article_key, ord
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("keys", arr);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var k = r.GetInt64(0);
                if (!speakers.TryGetValue(k, out var list)) speakers[k] = list = [];
                list.Add(new Speaker
                {
                    Id = r.GetString(2),
                    Name = r.GetString(3),
                    Type = ExtractionJson.ParseType(r.GetString(4)),
                    Title = StringOrNull(r, 5),
                    Mentions = mentions.TryGetValue((k, r.GetInt32(1)), out var ms) ? ms : [],
                });
            }
        }
        var quotes = new Dictionary<long, List<Quote>>();
        using (var cmd = new NpgsqlCommand("""
            SELECT article_key, quote_id, kind, content, text, cue_start, cue_end, cue_text, source_start, source_end, source_text,
                   addressee_start, addressee_end, addressee_text, speaker_id, speaker_name, speaker_type, uttered, confidence, times
            FROM quotes WHERE article_key = ANY(@keys) ORDER BY article_key, ord
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("keys", arr);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var k = r.GetInt64(0);
                if (!quotes.TryGetValue(k, out var list)) quotes[k] = list = [];
                SpanText? Span(int at) => r.IsDBNull(at) ? null : new SpanText(r.GetInt32(at), r.GetInt32(at + 1), r.GetString(at + 2));
                SpeakerRef? speaker = r.IsDBNull(14) ? null
                    : new SpeakerRef(r.GetString(14), StringOrNull(r, 15) ?? r.GetString(14), ExtractionJson.ParseType(StringOrNull(r, 16)));
                list.Add(new Quote
                {
                    Id = r.GetString(1),
                    Kind = ExtractionJson.ParseKind(r.GetString(2)),
                    Content = SqliteQuoteStore.ParseContentJson(r.GetString(3)),
                    Text = r.GetString(4),
                    Cue = Span(5),
                    Source = Span(8),
                    Addressee = Span(11),
                    Speaker = speaker,
                    Uttered = DateOrNull(r, 17),
                    Confidence = r.GetDouble(18),
                    Times = SqliteQuoteStore.ParseTimesJson(r.GetString(19)),
                });
            }
        }
        return articles.Select(a => new ArticleExtraction(a.Article,
            quotes.TryGetValue(a.Key, out var q) ? q : [],
            speakers.TryGetValue(a.Key, out var s) ? s : [])).ToList();
    }

    public IEnumerable<StoredQuote> ExportQuotes()
    {
        using var c = _source.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT {QuoteColumns} FROM {QuoteFrom} ORDER BY q.article_key, q.ord", c);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return ReadQuote(r, withRank: false);
    }

    public StoreStats Stats()
    {
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var byKind = new Dictionary<QuoteKind, int> { [QuoteKind.Direct] = 0, [QuoteKind.Indirect] = 0, [QuoteKind.Mixed] = 0 };
        using (var cmd = new NpgsqlCommand("SELECT kind, count(*) FROM quotes GROUP BY kind", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                byKind[ExtractionJson.ParseKind(r.GetString(0))] = Convert.ToInt32(r.GetInt64(1));
        int articles;
        DateOnly? first, last;
        using (var cmd = new NpgsqlCommand("SELECT count(*), min(date), max(date) FROM articles", c, tx))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            articles = Convert.ToInt32(r.GetInt64(0));
            first = DateOrNull(r, 1);
            last = DateOrNull(r, 2);
        }
        int Count(string sql) => Convert.ToInt32(Scalar(c, tx, sql), CultureInfo.InvariantCulture);
        var size = Convert.ToInt64(Scalar(c, tx, """
            SELECT coalesce(sum(pg_total_relation_size(cl.oid)), 0)::bigint FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
            WHERE n.nspname = current_schema() AND cl.relkind = 'r'
            """), CultureInfo.InvariantCulture);
        return new StoreStats
        {
            Articles = articles,
            Quotes = byKind.Values.Sum(),
            QuotesByKind = byKind,
            Speakers = Count("SELECT count(DISTINCT speaker_id) FROM quotes WHERE speaker_id IS NOT NULL"),
            Rejects = Count("SELECT count(*) FROM rejects"),
            SizeBytes = size,
            FirstDate = first,
            LastDate = last,
            SchemaVersion = Count("SELECT max(version) FROM schema_version"),
        };
    }

    /// <summary>The pool stays for other instances on the same location; nothing to release per instance.</summary>
    public void Dispose() { }

    // ---------------------------------------------------------------- helpers

    private void AddFilters(NpgsqlCommand cmd, string? speaker, DateOnly? from, DateOnly? to, string? publisher)
    {
        speaker = string.IsNullOrWhiteSpace(speaker) ? null : speaker.Trim();
        publisher = string.IsNullOrWhiteSpace(publisher) ? null : publisher.Trim();
        cmd.Parameters.Add(new NpgsqlParameter("speaker", NpgsqlDbType.Text) { Value = (object?)speaker ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("speakerSlug", NpgsqlDbType.Text)
        {
            Value = speaker is null ? DBNull.Value : LookupSpeaker(speaker),
        });
        cmd.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from is { } f ? f : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = to is { } t ? t : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("publisher", NpgsqlDbType.Text) { Value = (object?)publisher ?? DBNull.Value });
    }

    private static List<StoredQuote> ReadQuotes(NpgsqlCommand cmd, bool withRank)
    {
        var list = new List<StoredQuote>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(ReadQuote(r, withRank));
        return list;
    }

    private static StoredQuote ReadQuote(NpgsqlDataReader r, bool withRank) => new()
    {
        QuoteId = r.GetString(0),
        ArticleId = r.GetString(1),
        Date = DateOrNull(r, 2),
        Publisher = StringOrNull(r, 3),
        Title = StringOrNull(r, 4),
        Url = StringOrNull(r, 5),
        Kind = ExtractionJson.ParseKind(r.GetString(6)),
        Text = r.GetString(7),
        SpeakerId = StringOrNull(r, 8),
        SpeakerName = StringOrNull(r, 9),
        Cue = StringOrNull(r, 10),
        Uttered = DateOrNull(r, 11),
        Confidence = r.GetDouble(12),
        Snippet = withRank ? StringOrNull(r, 13) : null,
        Score = withRank ? r.GetFloat(14) : null,
    };

    private static List<SpeakerSummary> ReadSummaries(NpgsqlCommand cmd)
    {
        var list = new List<SpeakerSummary>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(new SpeakerSummary(r.GetString(0), r.GetString(1), ExtractionJson.ParseType(r.GetString(2)),
                Convert.ToInt32(r.GetInt64(3)), Convert.ToInt32(r.GetInt64(4)), DateOrNull(r, 5), DateOrNull(r, 6)));
        return list;
    }

    private static string? StringOrNull(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? DateOrNull(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    private static void Exec(NpgsqlConnection c, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c, tx);
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection c, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c, tx);
        return cmd.ExecuteScalar();
    }
}

/// <summary>
/// Turns a user's words into a safe <c>to_tsquery</c> input: each term keeps only its letters and digits, each word is a
/// quoted lexeme, a term of several words (<c>text:territory</c>) is a phrase, a trailing <c>*</c> is a prefix search, and
/// terms are ANDed — the same reading as <see cref="Fts5Query"/>. Operators (<c>&amp;</c>, <c>|</c>, <c>!</c>) never survive.
/// </summary>
internal static class TsQuery
{
    public static string? FromWords(string? words)
    {
        if (string.IsNullOrWhiteSpace(words)) return null;
        var terms = new List<string>();
        foreach (var raw in words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = raw.Length > 1 && raw[^1] == '*';
            var parts = new List<string>();
            var current = new System.Text.StringBuilder();
            foreach (var ch in raw)
            {
                if (char.IsLetterOrDigit(ch)) current.Append(ch);
                else if (current.Length > 0) { parts.Add(current.ToString()); current.Clear(); }
            }
            if (current.Length > 0) parts.Add(current.ToString());
            if (parts.Count == 0) continue;
            var lexemes = parts.Select(p => "'" + p + "'").ToList();
            if (prefix) lexemes[^1] += ":*";
            terms.Add(lexemes.Count == 1 ? lexemes[0] : "(" + string.Join(" <-> ", lexemes) + ")");
        }
        return terms.Count == 0 ? null : string.Join(" & ", terms);
    }
}
