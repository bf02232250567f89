using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Verbatim.Output;
using Verbatim.Readers;

namespace Verbatim.Storage;

/// <summary>
/// The SQLite quote store: one file, WAL journal, numbered migrations applied in order at open,
/// batched ingest with prepared, parameterised statements (no SQL is ever built from data),
/// and an FTS5 index over quote text kept in step by triggers inside the writing transaction.
/// </summary>
public sealed partial class SqliteQuoteStore : IQuoteStore
{
    /// <summary>A numbered schema step. Never edit a released one: add the next.</summary>
    internal sealed record Migration(int Version, string Description, string Sql);

    internal static readonly Migration[] Migrations =
    [
        new(1, "articles, speakers, mentions, quotes, rejects", """
            CREATE TABLE articles (
                key          INTEGER PRIMARY KEY,
                article_id   TEXT NOT NULL,
                content_hash TEXT NOT NULL UNIQUE,
                date         TEXT,
                title        TEXT,
                url          TEXT,
                publisher    TEXT,
                origin       TEXT,
                text         TEXT NOT NULL,
                body_start   INTEGER NOT NULL DEFAULT 0,
                word_count   INTEGER NOT NULL,
                ingested_at  TEXT NOT NULL
            );
            CREATE INDEX articles_article_id ON articles(article_id);
            CREATE INDEX articles_date ON articles(date);
            CREATE INDEX articles_publisher ON articles(publisher COLLATE NOCASE);

            CREATE TABLE speakers (
                id   TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                type TEXT NOT NULL
            );
            CREATE INDEX speakers_name ON speakers(name COLLATE NOCASE);

            CREATE TABLE article_speakers (
                article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
                ord         INTEGER NOT NULL,
                speaker_id  TEXT NOT NULL REFERENCES speakers(id),
                name        TEXT NOT NULL,
                type        TEXT NOT NULL,
                title       TEXT,
                PRIMARY KEY (article_key, ord)
            );
            CREATE INDEX article_speakers_speaker ON article_speakers(speaker_id);

            CREATE TABLE mentions (
                article_key INTEGER NOT NULL,
                speaker_ord INTEGER NOT NULL,
                ord         INTEGER NOT NULL,
                start       INTEGER NOT NULL,
                "end"       INTEGER NOT NULL,
                text        TEXT NOT NULL,
                PRIMARY KEY (article_key, speaker_ord, ord),
                FOREIGN KEY (article_key, speaker_ord) REFERENCES article_speakers(article_key, ord) ON DELETE CASCADE
            );

            CREATE TABLE quotes (
                key             INTEGER PRIMARY KEY,
                quote_id        TEXT NOT NULL,
                article_key     INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
                ord             INTEGER NOT NULL,
                kind            TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
                text            TEXT NOT NULL,
                content         TEXT NOT NULL,
                cue_start       INTEGER, cue_end INTEGER, cue_text TEXT,
                source_start    INTEGER, source_end INTEGER, source_text TEXT,
                addressee_start INTEGER, addressee_end INTEGER, addressee_text TEXT,
                speaker_id      TEXT REFERENCES speakers(id),
                speaker_name    TEXT,
                speaker_type    TEXT,
                uttered         TEXT,
                confidence      REAL NOT NULL,
                times           TEXT NOT NULL DEFAULT '[]',
                UNIQUE (article_key, ord)
            );
            CREATE INDEX quotes_speaker ON quotes(speaker_id);
            CREATE INDEX quotes_quote_id ON quotes(quote_id);

            CREATE TABLE rejects (
                key    INTEGER PRIMARY KEY,
                record TEXT NOT NULL,
                reason TEXT NOT NULL,
                raw    TEXT,
                at     TEXT NOT NULL,
                UNIQUE (record, reason)
            );
            """),
        new(2, "full-text index over quote text", """
            CREATE VIRTUAL TABLE quotes_fts USING fts5(
                text, content='quotes', content_rowid='key', tokenize='porter unicode61 remove_diacritics 2');
            CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
                INSERT INTO quotes_fts(rowid, text) VALUES (new.key, new.text);
            END;
            CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
                INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.key, old.text);
            END;
            CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
                INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.key, old.text);
                INSERT INTO quotes_fts(rowid, text) VALUES (new.key, new.text);
            END;
            INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
            """),
        new(3, "corpus: speaker identities, aliases, hand overrides, quote clusters", CorpusMigrationSql),
        // Ingest at scale: fewer index entries per quote. A quote id is its article's id + "#qN", so the article_id index and
        // (article_key, ord) find it; a variant's quotes are counted through their cluster's index (its quotes all carry its
        // cluster); and the ingest adds a batch's quotes to the full-text index in one statement at the end of its
        // transaction instead of an insert trigger per row (the delete and update triggers stay).
        new(4, "ingest at scale: no quote_id or variant index; quotes indexed for full text per batch", """
            DROP INDEX IF EXISTS quotes_quote_id;
            DROP INDEX IF EXISTS quote_clusters_variant;
            DROP TRIGGER IF EXISTS quotes_fts_insert;
            """),
        // Bounded ingest memory: the cluster index lets go of old variants' facts and finds an old wording again by its hash.
        new(5, "cluster variants findable by their match hash", """
            ALTER TABLE cluster_variants ADD COLUMN hash INTEGER;
            UPDATE cluster_variants SET hash = verbatim_variant_hash(normalised);
            CREATE INDEX cluster_variants_hash ON cluster_variants(hash);
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    private readonly SqliteConnection _connection;
    /// <summary>A caller's own identity (tests, experiments); null: the corpus-wide <see cref="Corpus.SpeakerDirectory"/>.</summary>
    private readonly ISpeakerIdentity? _identity;
    private readonly Writer _writer;

    /// <summary>SQLite's own checkpoints, when the writer runs them (see <see cref="WalCheckpointer"/>): every 8,192 pages
    /// (32 MiB) rather than 1,000, since one ingest batch writes ~1,600.</summary>
    private const int AutoCheckpointPages = 8192;

    /// <summary>Past this size of the log, the writer waits for the background checkpoint before its next transaction,
    /// so that the log starts over (two of SQLite's own checkpoint intervals).</summary>
    internal const long WalBoundBytes = 2L * AutoCheckpointPages * 4096;

    /// <summary>The log's bound in bytes (<see cref="WalBoundBytes"/>; tests set a small one).</summary>
    internal long WalBound { get; set; } = WalBoundBytes;

    private WalCheckpointer? _checkpointer;
    private bool _checkpointsOnWriter; // the background checkpointer failed or could not start: SQLite's own, on the writer

    private SqliteQuoteStore(string path, SqliteConnection connection, ISpeakerIdentity? identity)
    {
        Location = path;
        _connection = connection;
        _identity = identity;
        _writer = new Writer(connection);
    }

    public string Location { get; }

    /// <summary>
    /// Opens a store file, creating it when <paramref name="create"/> is true, and brings its schema up to date.
    /// Throws <see cref="StoreOpenException"/> (with a message fit for a user) for a missing file when
    /// <paramref name="create"/> is false, a file that is not a store, or a schema newer than this code.
    /// With no <paramref name="identity"/>, speakers get corpus-wide ids from the store's <see cref="Corpus.SpeakerDirectory"/>.
    /// </summary>
    public static SqliteQuoteStore Open(string path, bool create = true, ISpeakerIdentity? identity = null)
    {
        var full = Path.GetFullPath(path);
        if (!create && !File.Exists(full))
            throw new StoreOpenException($"no store at {full}", new FileNotFoundException(null, full));
        if (create)
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false, // Dispose really closes the file (tests delete it; a killed ingest leaves nothing pooled)
            ForeignKeys = true,
            DefaultTimeout = 60,
        }.ToString());
        try
        {
            try
            {
                OpenAndMigrate(connection, full);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
            {
                throw new StoreOpenException($"{full} is not a Verbatim store (not a SQLite database, or damaged)", e);
            }
            catch (SqliteException e)
            {
                throw new StoreOpenException($"cannot open the store {full}: {e.Message}", e);
            }
            return new SqliteQuoteStore(full, connection, identity);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void OpenAndMigrate(SqliteConnection connection, string full)
    {
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000;");
        // WAL: readers never block the writer; synchronous=NORMAL is crash-safe for a killed process.
        var mode = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new StoreOpenException($"{full}: could not switch the journal to WAL (got '{mode}')");
        // A 64 MiB page cache (the default is 2 MiB): ingest inserts into several indexes at random places.
        // Reads through a memory map: no read() per page, and the pages are shared by every connection of the process.
        // A checkpoint every 8,192 pages (32 MiB) rather than 1,000: one ingest batch writes ~1,600, so each commit checkpointed.
        // While ingesting, checkpoints move to a thread of their own (WalCheckpointer).
        Execute(connection, $"PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = {AutoCheckpointPages};");
        // Migration 5 fills the hash of the variants stored before it.
        connection.CreateFunction("verbatim_variant_hash", (string normalised) => VariantHash(normalised), isDeterministic: true);
        Migrate(connection, full);
    }

    /// <summary>The schema version of an open connection (0 for an empty file).</summary>
    internal static int SchemaVersion(SqliteConnection connection)
    {
        var exists = Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
        if (Convert.ToInt64(exists, CultureInfo.InvariantCulture) == 0) return 0;
        return Convert.ToInt32(Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        // Never adopt someone else's database: tables but no schema_version means it is not ours.
        var tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture);
        var versioned = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"), CultureInfo.InvariantCulture);
        if (tables > 0 && versioned == 0)
            throw new StoreOpenException($"{path} is a SQLite database but not a Verbatim store (no schema_version table); refusing to change it");
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);");
        var current = SchemaVersion(connection);
        if (current > LatestVersion)
            throw new StoreOpenException($"{path} has schema version {current}, newer than this Verbatim knows ({LatestVersion}); upgrade Verbatim");
        foreach (var m in Migrations.Where(m => m.Version > current))
        {
            // Each step commits with its version row, so a crash between steps resumes at the next one.
            using var tx = connection.BeginTransaction(deferred: false);
            if (SchemaVersion(connection) >= m.Version) continue; // another process migrated meanwhile
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = m.Sql;
                cmd.ExecuteNonQuery();
            }
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $at)";
                cmd.Parameters.AddWithValue("$v", m.Version);
                cmd.Parameters.AddWithValue("$d", m.Description);
                cmd.Parameters.AddWithValue("$at", Now());
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    public bool ContainsContent(string contentHash)
    {
        _writer.Contains.Transaction = null;
        _writer.Contains.Parameters["$hash"].Value = contentHash;
        return _writer.Contains.ExecuteScalar() is not null;
    }

    /// <summary>When set, the ingest adds its thread CPU time per part to it (see <see cref="WriterStages"/>).</summary>
    public WriterStages? Stages { get; set; }

    public IngestResult Ingest(IReadOnlyList<ArticleExtraction> batch, IReadOnlyList<Rejection>? rejections = null)
    {
        int stored = 0, skipped = 0, quotes = 0, rejected = 0;
        var stages = Stages;
        var t = stages is null ? 0 : WriterStages.Now();
        var checkpointer = Checkpointer();
        if (checkpointer is not null && WalBytes() > WalBound) checkpointer.WaitIdle();
        Task? clustering = null;
        // BEGIN IMMEDIATE: take the write lock up front so two ingests never deadlock upgrading a read lock.
        using var tx = _connection.BeginTransaction(deferred: false);
        _writer.Enlist(tx);
        try
        {
            // Identity and clustering happen in this transaction: a failure leaves neither the rows nor the index changed.
            var corpus = CorpusForWrite(tx);
            var at = Now();
            // Which articles will be stored and the keys their quotes will get (a rowid is one more than the largest, and this
            // transaction is the only writer): the cluster index then works on a thread of its own while this one writes the
            // rows, and the cluster rows follow, in quote order, with the values the index had for each quote.
            var (stores, jobs) = PlanBatch(batch);
            var plans = new ClusterPlan?[jobs.Count];
            var articleKeys = new long[jobs.Count];
            clustering = Task.Run(() =>
            {
                var ct = stages is null ? 0 : WriterStages.Now();
                for (var i = 0; i < jobs.Count; i++) plans[i] = corpus.Plan(jobs[i].Key, jobs[i].Prep, jobs[i].Date);
                stages?.Lap(WriterStages.ClusterIndex, ref ct);
            });
            stages?.Lap(WriterStages.Begin, ref t);
            var job = 0;
            for (var b = 0; b < batch.Count; b++)
            {
                var x = batch[b];
                var prep = IngestPrep.Of(x);
                var key = _writer.InsertArticle(x.Article, prep, at);
                stages?.Lap(WriterStages.Articles, ref t);
                if ((key is not null) != stores[b])
                    throw new InvalidOperationException($"article {x.Article.Id}: stored = {key is not null}, expected {stores[b]}");
                if (key is null)
                {
                    skipped++;
                    continue;
                }
                stored++;
                for (var i = 0; i < x.Quotes.Count; i++) articleKeys[job + i] = key.Value;
                quotes += WriteArticleParts(key.Value, x, prep, corpus, jobs, ref job, ref t);
            }
            foreach (var r in rejections ?? [])
            {
                _writer.InsertReject(r, at);
                rejected++;
            }
            stages?.Lap(WriterStages.Articles, ref t);
            clustering.GetAwaiter().GetResult();
            for (var i = 0; i < jobs.Count; i++)
                if (plans[i] is { } plan) corpus.Write(plan, articleKeys[i], jobs[i].Publisher);
            stages?.Lap(WriterStages.ClusterRows, ref t);
            // The full-text index of the batch's quotes in one statement (not a trigger per row): see migration 4.
            if (jobs.Count > 0) _writer.IndexQuotes(jobs[0].Key);
            stages?.Lap(WriterStages.FullText, ref t);
            if (stored > 0) corpus.Bump();
            tx.Commit();
            checkpointer?.Request();
            // Everything the index added is in the store now: what it need not hold goes (see ClusterIndex.Release).
            corpus.Index?.Release();
            stages?.Lap(WriterStages.Commit, ref t);
        }
        catch
        {
            // The cluster thread may still be adding to the index: let it finish before the index is dropped.
            try { clustering?.Wait(); } catch (AggregateException) { }
            DropCorpus(); // the in-memory identities and clusters may hold what was rolled back: reload them from the store
            throw;
        }
        finally
        {
            if (_corpus is not null) _corpus.Tx = null;
        }
        return new IngestResult(stored, skipped, quotes, rejected);
    }

    /// <summary>
    /// The background checkpointer, started on the first ingest (SQLite's own checkpoints on the writer's connection are then
    /// off); null, and SQLite's own back on, when it could not start or a checkpoint failed.
    /// </summary>
    private WalCheckpointer? Checkpointer()
    {
        if (_checkpointsOnWriter) return null;
        if (_checkpointer is { Failed: null } running) return running;
        if (_checkpointer is null)
        {
            try
            {
                _checkpointer = new WalCheckpointer(Location);
                Execute(_connection, "PRAGMA wal_autocheckpoint = 0;");
                return _checkpointer;
            }
            catch (SqliteException)
            {
                // fall through: the writer checkpoints for itself
            }
        }
        _checkpointer?.Dispose();
        _checkpointer = null;
        _checkpointsOnWriter = true;
        Execute(_connection, $"PRAGMA wal_autocheckpoint = {AutoCheckpointPages};");
        return null;
    }

    /// <summary>The write-ahead log's size on disk (0 when there is none).</summary>
    internal long WalBytes()
    {
        var wal = new FileInfo(Location + "-wal");
        return wal.Exists ? wal.Length : 0;
    }

    /// <summary>Checkpoints the background checkpointer has run (tests); null when it is not running.</summary>
    internal long? BackgroundCheckpoints => _checkpointer?.Checkpoints;

    /// <summary>One quote to cluster: the key it will be stored under, its prepared values, its article's date and publisher.</summary>
    private readonly record struct ClusterJob(long Key, QuotePrep Prep, DateOnly? Date, string? Publisher);

    /// <summary>Which articles of a batch will be stored (not stored yet, not repeated earlier in the batch) and their quotes' keys, in order.</summary>
    private (bool[] Stores, List<ClusterJob> Jobs) PlanBatch(IReadOnlyList<ArticleExtraction> batch)
    {
        var stores = new bool[batch.Count];
        var jobs = new List<ClusterJob>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = _writer.NextQuoteKey();
        for (var b = 0; b < batch.Count; b++)
        {
            var x = batch[b];
            var prep = IngestPrep.Of(x);
            stores[b] = seen.Add(prep.ContentHash) && !_writer.Stored(prep.ContentHash);
            if (!stores[b]) continue;
            for (var i = 0; i < x.Quotes.Count; i++) jobs.Add(new ClusterJob(next++, prep.Quotes[i], x.Article.Date, x.Article.Publisher));
        }
        return (stores, jobs);
    }

    private int WriteArticleParts(long articleKey, ArticleExtraction x, IngestPrep prep, CorpusState corpus, List<ClusterJob> jobs, ref int job, ref long t)
    {
        var stages = Stages;
        // The article's own speaker ids map to corpus-wide ids through the identity, in this one place.
        var corpusIds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < x.Speakers.Count; i++)
        {
            var s = x.Speakers[i];
            var id = SpeakerId(corpus, s.Name, s.Type, s.Title, x.Article);
            corpusIds.TryAdd(s.Id, id);
            if (corpus.KnownSpeakers.Add(id)) _writer.InsertSpeaker(id, s.Name, s.Type);
            _writer.InsertArticleSpeaker(articleKey, i, id, s);
            for (var m = 0; m < s.Mentions.Count; m++)
                _writer.InsertMention(articleKey, i, m, s.Mentions[m]);
        }
        stages?.Lap(WriterStages.Speakers, ref t);
        for (var i = 0; i < x.Quotes.Count; i++)
        {
            var q = x.Quotes[i];
            string? speakerId = null;
            if (q.Speaker is { } sp)
            {
                speakerId = corpusIds.TryGetValue(sp.Id, out var known) ? known : SpeakerId(corpus, sp.Name, sp.Type, null, x.Article);
                if (corpus.KnownSpeakers.Add(speakerId)) _writer.InsertSpeaker(speakerId, sp.Name, sp.Type);
            }
            _writer.InsertQuote(jobs[job++].Key, articleKey, i, q, prep.Quotes[i], speakerId);
        }
        // One clock read per article, not per quote: a thread CPU clock is a system call (about 1 µs here), which read twice
        // per quote made the measured writer slower than the unmeasured one. A quote's own speaker lookup counts as quotes.
        stages?.Lap(WriterStages.Quotes, ref t);
        return x.Quotes.Count;
    }

    // ---------------------------------------------------------------- queries

    private const string QuoteColumns = """
        q.quote_id, a.article_id, a.date, a.publisher, a.title, a.url, q.kind, q.text,
        q.speaker_id, coalesce(q.speaker_name, s.name), q.cue_text, q.uttered, q.confidence
        """;

    // Filters are static SQL with nullable parameters: a null parameter switches its filter off.
    private const string Filters = """
        ($speaker IS NULL OR q.speaker_id = $speaker OR q.speaker_id = $speakerSlug
            OR s.name = $speaker COLLATE NOCASE OR q.speaker_name = $speaker COLLATE NOCASE)
        AND ($from IS NULL OR a.date >= $from)
        AND ($to IS NULL OR a.date <= $to)
        AND ($publisher IS NULL OR a.publisher = $publisher COLLATE NOCASE)
        """;

    public IReadOnlyList<StoredQuote> Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0) return [];
        var match = Fts5Query.FromWords(query.Words);
        string sql;
        if (match is null)
        {
            if (!string.IsNullOrWhiteSpace(query.Words))
                return []; // words given, but none searchable (only punctuation): nothing can match
            sql = $"""
                SELECT {QuoteColumns}
                FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id
                WHERE {Filters}
                ORDER BY a.date DESC NULLS LAST, a.key DESC, q.ord
                LIMIT $limit OFFSET $offset
                """;
        }
        else
        {
            // Rank first, then join and make snippets for the page's rows only: a word found in thousands of quotes
            // costs one bm25 each, not a join and a snippet each. With no filter, FTS5 sorts by rank itself and makes
            // the snippets of the rows it returns; with filters, each matching row is checked with only the tables its
            // filters need (the quote row for a speaker, the article row for dates and publisher), the page's rows are
            // ranked, and their snippets made after.
            var filtered = !string.IsNullOrWhiteSpace(query.Speaker) || query.From is not null || query.To is not null || !string.IsNullOrWhiteSpace(query.Publisher);
            sql = filtered
                ? $"""
                    WITH top AS MATERIALIZED (
                        SELECT quotes_fts.rowid AS key, bm25(quotes_fts) AS score
                        FROM quotes_fts JOIN quotes q ON q.key = quotes_fts.rowid{(NeedsArticle(query) ? " JOIN articles a ON a.key = q.article_key" : "")}
                        WHERE quotes_fts MATCH $match{RankedFilters(query)}
                        ORDER BY score, key
                        LIMIT $limit OFFSET $offset)
                    SELECT {QuoteColumns},
                        (SELECT snippet(quotes_fts, 0, $open, $close, '…', 24) FROM quotes_fts WHERE quotes_fts MATCH $match AND quotes_fts.rowid = top.key),
                        top.score
                    FROM top JOIN quotes q ON q.key = top.key
                        JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id
                    ORDER BY top.score, q.key
                    """
                : $"""
                    WITH top AS MATERIALIZED (
                        SELECT rowid AS key, snippet(quotes_fts, 0, $open, $close, '…', 24) AS snippet, rank AS score
                        FROM quotes_fts WHERE quotes_fts MATCH $match
                        ORDER BY rank
                        LIMIT $limit OFFSET $offset)
                    SELECT {QuoteColumns}, top.snippet, top.score
                    FROM top JOIN quotes q ON q.key = top.key
                        JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id
                    ORDER BY top.score, q.key
                    """;
        }
        // The search statements are prepared once per store and kept: compiling them cost more than running most searches.
        var cmd = Statement(sql);
        if (match is not null)
        {
            cmd.Parameters.AddWithValue("$match", match);
            cmd.Parameters.AddWithValue("$open", query.HighlightOpen);
            cmd.Parameters.AddWithValue("$close", query.HighlightClose);
        }
        AddFilterParameters(cmd, query.Speaker, query.From, query.To, query.Publisher);
        cmd.Parameters.AddWithValue("$limit", query.Limit);
        cmd.Parameters.AddWithValue("$offset", Math.Max(0, query.Offset));
        return ReadQuotes(cmd, withRank: match is not null);
    }

    private static bool NeedsArticle(SearchQuery q) => q.From is not null || q.To is not null || !string.IsNullOrWhiteSpace(q.Publisher);

    /// <summary>
    /// The filters of a ranked search, only those given (so a row is checked against the tables its filters need and
    /// no others); same meaning as <see cref="Filters"/>, whose parameters they use.
    /// </summary>
    private static string RankedFilters(SearchQuery q)
    {
        var sb = new System.Text.StringBuilder();
        if (!string.IsNullOrWhiteSpace(q.Speaker))
            sb.Append("""
                 AND (q.speaker_id IN ($speaker, $speakerSlug) OR q.speaker_name = $speaker COLLATE NOCASE
                    OR q.speaker_id IN (SELECT id FROM speakers WHERE name = $speaker COLLATE NOCASE))
                """);
        if (q.From is not null) sb.Append(" AND a.date >= $from");
        if (q.To is not null) sb.Append(" AND a.date <= $to");
        if (!string.IsNullOrWhiteSpace(q.Publisher)) sb.Append(" AND a.publisher = $publisher COLLATE NOCASE");
        return sb.ToString();
    }

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    /// <summary>A kept, prepared command for this SQL text, its parameters cleared.</summary>
    private SqliteCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var cmd))
        {
            cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            _statements[sql] = cmd;
        }
        cmd.Parameters.Clear();
        cmd.Transaction = null;
        return cmd;
    }

    public IReadOnlyList<SpeakerSummary> Speakers(int limit)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT s.id, s.name, s.type, count(*) AS n, count(DISTINCT q.article_key), min(a.date), max(a.date)
            FROM quotes q JOIN speakers s ON s.id = q.speaker_id JOIN articles a ON a.key = q.article_key
            GROUP BY s.id
            ORDER BY n DESC, s.name COLLATE NOCASE, s.id
            LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        var list = new List<SpeakerSummary>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(new SpeakerSummary(r.GetString(0), r.GetString(1), ExtractionJson.ParseType(r.GetString(2)),
                r.GetInt32(3), r.GetInt32(4), ReadDate(r, 5), ReadDate(r, 6)));
        return list;
    }

    public IReadOnlyList<StoredQuote> QuotesBySpeaker(string speaker, int limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(speaker);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT {QuoteColumns}
            FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id
            WHERE q.speaker_id IS NOT NULL AND {Filters}
            ORDER BY a.date NULLS LAST, a.key, q.ord
            LIMIT $limit
            """;
        AddFilterParameters(cmd, speaker, null, null, null);
        cmd.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        return ReadQuotes(cmd, withRank: false);
    }

    public IReadOnlyList<Commitment> Commitments(CommitmentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0) return [];
        using var cmd = _connection.CreateCommand();
        // One row per (quote, time expression) whose due day lies after the day the words were said.
        cmd.CommandText = $"""
            SELECT {QuoteColumns}, t.value
            FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id,
                 json_each(q.times) t
            WHERE q.times <> '[]'
              AND json_extract(t.value, '$.due') IS NOT NULL
              AND json_extract(t.value, '$.due') > coalesce(q.uttered, a.date, '')
              AND ($before IS NULL OR json_extract(t.value, '$.due') < $before)
              AND ($after IS NULL OR json_extract(t.value, '$.due') > $after)
              AND {Filters}
            ORDER BY json_extract(t.value, '$.due'), a.date NULLS LAST, a.key, q.ord, t.key
            LIMIT $limit
            """;
        AddFilterParameters(cmd, query.Speaker, null, null, null);
        cmd.Parameters.AddWithValue("$before", query.DueBefore is { } b ? FormatDate(b) : DBNull.Value);
        cmd.Parameters.AddWithValue("$after", query.DueAfter is { } a ? FormatDate(a) : DBNull.Value);
        cmd.Parameters.AddWithValue("$limit", query.Limit);
        var list = new List<Commitment>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var quote = ReadQuote(r, withRank: false);
            var time = ParseTimes("[" + r.GetString(13) + "]");
            if (time.Length == 1) list.Add(new Commitment(quote, time[0]));
        }
        return list;
    }

    public IEnumerable<StoredQuote> ExportQuotes()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT {QuoteColumns}
            FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN speakers s ON s.id = q.speaker_id
            ORDER BY q.article_key, q.ord
            """;
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return ReadQuote(r, withRank: false);
    }

    public IEnumerable<ArticleExtraction> ExportArticles()
    {
        // One read transaction: the export is a consistent snapshot even while an ingest writes.
        using var tx = _connection.BeginTransaction(deferred: true);
        using var articles = Command(tx, $"SELECT {StoredArticles.Columns} FROM articles ORDER BY key");
        using var parts = new StoredArticles(this, tx);
        using var ra = articles.ExecuteReader();
        while (ra.Read())
            yield return parts.Read(ra);
    }

    /// <summary>
    /// Reads whole stored articles back (the article row, its speakers with their mentions, its quotes) with three
    /// commands prepared once: for the export of every article and for one article by id.
    /// </summary>
    private sealed class StoredArticles : IDisposable
    {
        /// <summary>The columns of <c>articles</c> that <see cref="Read"/> expects, in order.</summary>
        public const string Columns = "key, article_id, date, title, url, publisher, origin, text, body_start";

        private readonly SqliteCommand _quotes, _speakers, _mentions;
        private readonly SqliteParameter _quotesKey, _speakersKey, _mentionsKey;

        public StoredArticles(SqliteQuoteStore store, SqliteTransaction tx)
        {
            _quotes = store.Command(tx, """
                SELECT quote_id, kind, content, text, cue_start, cue_end, cue_text, source_start, source_end, source_text,
                       addressee_start, addressee_end, addressee_text, speaker_id, speaker_name, speaker_type,
                       uttered, confidence, times
                FROM quotes WHERE article_key = $key ORDER BY ord
                """);
            _quotesKey = _quotes.Parameters.Add("$key", SqliteType.Integer);
            _speakers = store.Command(tx, "SELECT ord, speaker_id, name, type, title FROM article_speakers WHERE article_key = $key ORDER BY ord");
            _speakersKey = _speakers.Parameters.Add("$key", SqliteType.Integer);
            _mentions = store.Command(tx, """
                SELECT speaker_ord, start, "end", text FROM mentions WHERE article_key = $key ORDER BY speaker_ord, ord
                """);
            _mentionsKey = _mentions.Parameters.Add("$key", SqliteType.Integer);
        }

        /// <summary>The article on the reader's current row (<see cref="Columns"/>), with its speakers and quotes.</summary>
        public ArticleExtraction Read(SqliteDataReader ra)
        {
            var key = ra.GetInt64(0);
            var article = new Article(ra.GetString(1), ReadDate(ra, 2), ra.GetString(7))
            {
                Title = NullableString(ra, 3),
                Url = NullableString(ra, 4),
                Publisher = NullableString(ra, 5),
                Origin = NullableString(ra, 6),
                BodyStart = ra.GetInt32(8),
            };
            _quotesKey.Value = _speakersKey.Value = _mentionsKey.Value = key;

            var mentionsByOrd = new Dictionary<int, List<SpanText>>();
            using (var rm = _mentions.ExecuteReader())
                while (rm.Read())
                {
                    var ord = rm.GetInt32(0);
                    if (!mentionsByOrd.TryGetValue(ord, out var list)) mentionsByOrd[ord] = list = [];
                    list.Add(new SpanText(rm.GetInt32(1), rm.GetInt32(2), rm.GetString(3)));
                }
            var speakers = new List<Speaker>();
            using (var rs = _speakers.ExecuteReader())
                while (rs.Read())
                    speakers.Add(new Speaker
                    {
                        Id = rs.GetString(1),
                        Name = rs.GetString(2),
                        Type = ExtractionJson.ParseType(rs.GetString(3)),
                        Title = NullableString(rs, 4),
                        Mentions = mentionsByOrd.TryGetValue(rs.GetInt32(0), out var ms) ? ms : [],
                    });
            var quotes = new List<Quote>();
            using (var rq = _quotes.ExecuteReader())
                while (rq.Read())
                    quotes.Add(ReadFullQuote(rq));
            return new ArticleExtraction(article, quotes, speakers);
        }

        public void Dispose()
        {
            _quotes.Dispose();
            _speakers.Dispose();
            _mentions.Dispose();
        }
    }

    public StoreStats Stats()
    {
        using var tx = _connection.BeginTransaction(deferred: true);
        var byKind = new Dictionary<QuoteKind, int> { [QuoteKind.Direct] = 0, [QuoteKind.Indirect] = 0, [QuoteKind.Mixed] = 0 };
        using (var cmd = Command(tx, "SELECT kind, count(*) FROM quotes GROUP BY kind"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                byKind[ExtractionJson.ParseKind(r.GetString(0))] = r.GetInt32(1);
        int articles;
        DateOnly? first, last;
        using (var cmd = Command(tx, "SELECT count(*), min(date), max(date) FROM articles"))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            articles = r.GetInt32(0);
            first = ReadDate(r, 1);
            last = ReadDate(r, 2);
        }
        int Count(string sql)
        {
            using var cmd = Command(tx, sql);
            return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var speakers = Count("SELECT count(DISTINCT speaker_id) FROM quotes WHERE speaker_id IS NOT NULL");
        var rejects = Count("SELECT count(*) FROM rejects");
        var version = Count("SELECT max(version) FROM schema_version");
        long size = 0;
        foreach (var f in new[] { Location, Location + "-wal" })
            if (File.Exists(f)) size += new FileInfo(f).Length;
        return new StoreStats
        {
            Articles = articles,
            Quotes = byKind.Values.Sum(),
            QuotesByKind = byKind,
            Speakers = speakers,
            Rejects = rejects,
            SizeBytes = size,
            FirstDate = first,
            LastDate = last,
            SchemaVersion = version,
        };
    }

    public void Dispose()
    {
        DropCorpus();
        _facts?.Dispose();
        _speakerKey?.Dispose();
        foreach (var cmd in _statements.Values) cmd.Dispose();
        _writer.Dispose();
        _checkpointer?.Dispose(); // before the writer's connection: closing last, it checkpoints and removes the log
        _connection.Dispose();
    }

    // ---------------------------------------------------------------- reading helpers

    private void AddFilterParameters(SqliteCommand cmd, string? speaker, DateOnly? from, DateOnly? to, string? publisher)
    {
        speaker = string.IsNullOrWhiteSpace(speaker) ? null : speaker.Trim();
        cmd.Parameters.AddWithValue("$speaker", (object?)speaker ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$speakerSlug", speaker is null ? DBNull.Value : LookupSpeaker(speaker));
        cmd.Parameters.AddWithValue("$from", from is { } f ? FormatDate(f) : DBNull.Value);
        cmd.Parameters.AddWithValue("$to", to is { } t ? FormatDate(t) : DBNull.Value);
        cmd.Parameters.AddWithValue("$publisher", string.IsNullOrWhiteSpace(publisher) ? DBNull.Value : publisher.Trim());
    }

    private static List<StoredQuote> ReadQuotes(SqliteCommand cmd, bool withRank)
    {
        var list = new List<StoredQuote>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(ReadQuote(r, withRank));
        return list;
    }

    private static StoredQuote ReadQuote(SqliteDataReader r, bool withRank) => new()
    {
        QuoteId = r.GetString(0),
        ArticleId = r.GetString(1),
        Date = ReadDate(r, 2),
        Publisher = NullableString(r, 3),
        Title = NullableString(r, 4),
        Url = NullableString(r, 5),
        Kind = ExtractionJson.ParseKind(r.GetString(6)),
        Text = r.GetString(7),
        SpeakerId = NullableString(r, 8),
        SpeakerName = NullableString(r, 9),
        Cue = NullableString(r, 10),
        Uttered = ReadDate(r, 11),
        Confidence = r.GetDouble(12),
        Snippet = withRank ? NullableString(r, 13) : null,
        Score = withRank ? r.GetDouble(14) : null,
    };

    private static Quote ReadFullQuote(SqliteDataReader r)
    {
        SpanText? Span(int at) => r.IsDBNull(at) ? null : new SpanText(r.GetInt32(at), r.GetInt32(at + 1), r.GetString(at + 2));
        SpeakerRef? speaker = r.IsDBNull(13) ? null
            : new SpeakerRef(r.GetString(13), NullableString(r, 14) ?? r.GetString(13), ExtractionJson.ParseType(NullableString(r, 15)));
        return new Quote
        {
            Id = r.GetString(0),
            Kind = ExtractionJson.ParseKind(r.GetString(1)),
            Content = ParseContent(r.GetString(2)),
            Text = r.GetString(3),
            Cue = Span(4),
            Source = Span(7),
            Addressee = Span(10),
            Speaker = speaker,
            Uttered = ReadDate(r, 16),
            Confidence = r.GetDouble(17),
            Times = ParseTimes(r.GetString(18)),
        };
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? ReadDate(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A second connection to a store's file for work beside the writer (facts read back, checkpoints): unpooled, its own
    /// small page cache of <paramref name="cacheKiB"/> and no memory map, since what it reads is scattered and memory is
    /// what it saves.
    /// </summary>
    internal static SqliteConnection OpenSideConnection(string path, SqliteOpenMode mode, int cacheKiB)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString());
        try
        {
            c.Open();
            Execute(c, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = 10000; PRAGMA cache_size = -{cacheKiB}; PRAGMA mmap_size = 0;"));
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    // ---------------------------------------------------------------- JSON columns

    private static readonly JsonWriterOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, CompactJson))
            write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string ContentJson(IReadOnlyList<TextSpan> parts)
    {
        // The common shapes without a JSON writer: one or two parts (same bytes as the writer's output).
        if (parts.Count == 1)
            return string.Create(CultureInfo.InvariantCulture, $"[{{\"start\":{parts[0].Start},\"end\":{parts[0].End}}}]");
        if (parts.Count == 2)
            return string.Create(CultureInfo.InvariantCulture,
                $"[{{\"start\":{parts[0].Start},\"end\":{parts[0].End}}},{{\"start\":{parts[1].Start},\"end\":{parts[1].End}}}]");
        return ContentJsonWritten(parts);
    }

    internal static string ContentJsonWritten(IReadOnlyList<TextSpan> parts) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var p in parts)
        {
            w.WriteStartObject();
            w.WriteNumber("start", p.Start);
            w.WriteNumber("end", p.End);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    internal static string TimesJson(IReadOnlyList<TimeRef> times) => times.Count == 0 ? "[]" : TimesJsonWritten(times);

    private static string TimesJsonWritten(IReadOnlyList<TimeRef> times) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var t in times)
        {
            w.WriteStartObject();
            w.WriteNumber("start", t.Start);
            w.WriteNumber("end", t.End);
            w.WriteString("text", t.Text);
            w.WriteString("value", t.Value);
            w.WriteString("mod", t.Mod);
            if (t.Due is { } due) w.WriteString("due", FormatDate(due));
            else w.WriteNull("due");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    internal static TextSpan[] ParseContentJson(string json) => ParseContent(json);

    internal static TimeRef[] ParseTimesJson(string json) => ParseTimes(json);

    private static TextSpan[] ParseContent(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => new TextSpan(e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32()))
            .ToArray();
    }

    private static TimeRef[] ParseTimes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e =>
        {
            var due = e.GetProperty("due");
            return new TimeRef(
                e.GetProperty("start").GetInt32(),
                e.GetProperty("end").GetInt32(),
                e.GetProperty("text").GetString() ?? "",
                e.GetProperty("value").GetString() ?? "",
                e.GetProperty("mod").GetString(),
                due.ValueKind == JsonValueKind.Null ? null : DateOnly.ParseExact(due.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }).ToArray();
    }

    // ---------------------------------------------------------------- prepared write statements

    /// <summary>The ingest statements, prepared once per store and re-bound per row.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteCommand[] _all;

        public Writer(SqliteConnection c)
        {
            Contains = Make(c, "SELECT 1 FROM articles WHERE content_hash = $hash", ("$hash", SqliteType.Text));
            // ON CONFLICT DO NOTHING + RETURNING: a stored (or in-batch repeated) text returns no row = skipped.
            Article = new RawStatement(c, """
                INSERT INTO articles (article_id, content_hash, date, title, url, publisher, origin, text, body_start, word_count, ingested_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                ON CONFLICT (content_hash) DO NOTHING
                RETURNING key
                """);
            Speaker = Make(c, "INSERT INTO speakers (id, name, type) VALUES ($id, $name, $type) ON CONFLICT (id) DO NOTHING",
                ("$id", SqliteType.Text), ("$name", SqliteType.Text), ("$type", SqliteType.Text));
            ArticleSpeaker = new RawStatement(c, "INSERT INTO article_speakers (article_key, ord, speaker_id, name, type, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            Mention = new RawStatement(c, """INSERT INTO mentions (article_key, speaker_ord, ord, start, "end", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)""");
            Quote = new RawStatement(c, """
                INSERT INTO quotes (quote_id, article_key, ord, kind, text, content,
                    cue_start, cue_end, cue_text, source_start, source_end, source_text,
                    addressee_start, addressee_end, addressee_text,
                    speaker_id, speaker_name, speaker_type, uttered, confidence, times, key)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
                """);
            StoredHash = new RawStatement(c, "SELECT 1 FROM articles WHERE content_hash = ?1");
            NextKey = new RawStatement(c, "SELECT coalesce(max(key), 0) + 1 FROM quotes");
            // A record rejected again (a re-run) keeps one row, with the latest time.
            Reject = Make(c, """
                INSERT INTO rejects (record, reason, raw, at) VALUES ($record, $reason, $raw, $at)
                ON CONFLICT (record, reason) DO UPDATE SET at = excluded.at, raw = excluded.raw
                """,
                ("$record", SqliteType.Text), ("$reason", SqliteType.Text), ("$raw", SqliteType.Text), ("$at", SqliteType.Text));
            _all = [Contains, Speaker, Reject];
            FullText = new RawStatement(c, "INSERT INTO quotes_fts (rowid, text) SELECT key, text FROM quotes WHERE key >= ?1 ORDER BY key");
            _raw = [Article, ArticleSpeaker, Mention, Quote, FullText, StoredHash, NextKey];
        }

        private RawStatement StoredHash { get; }
        private RawStatement NextKey { get; }

        /// <summary>Whether an article with this content hash is stored (seen by the current transaction).</summary>
        public bool Stored(string contentHash) => StoredHash.Bind(1, contentHash).Run() is not null;

        /// <summary>The key the next quote row gets: SQLite gives a new rowid one more than the largest.</summary>
        public long NextQuoteKey() => NextKey.Run() ?? 1;

        private RawStatement FullText { get; }

        /// <summary>Adds the quotes from key <paramref name="first"/> on (those of the batch being written) to the full-text index.</summary>
        public void IndexQuotes(long first) => FullText.Bind(1, first).Run();

        private readonly RawStatement[] _raw;

        public SqliteCommand Contains { get; }
        private RawStatement Article { get; }
        private SqliteCommand Speaker { get; }
        private RawStatement ArticleSpeaker { get; }
        private RawStatement Mention { get; }
        private RawStatement Quote { get; }
        private SqliteCommand Reject { get; }

        private static SqliteCommand Make(SqliteConnection c, string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, type) in parameters)
                cmd.Parameters.Add(name, type);
            cmd.Prepare();
            return cmd;
        }

        public void Enlist(SqliteTransaction tx)
        {
            foreach (var cmd in _all)
                cmd.Transaction = tx;
        }

        private readonly Dictionary<SqliteCommand, Dictionary<string, SqliteParameter>> _parameters = [];

        /// <summary>Binds by a cached parameter reference (the collection's by-name indexer is a linear search per call).</summary>
        private void Set(SqliteCommand cmd, string name, object? value)
        {
            if (!_parameters.TryGetValue(cmd, out var map))
                _parameters[cmd] = map = cmd.Parameters.Cast<SqliteParameter>().ToDictionary(p => p.ParameterName, StringComparer.Ordinal);
            map[name].Value = value ?? DBNull.Value;
        }

        public long? InsertArticle(Article a, IngestPrep prep, string at) => Article
            .Bind(1, a.Id).Bind(2, prep.ContentHash).Bind(3, a.Date is { } d ? FormatDate(d) : null).Bind(4, a.Title)
            .Bind(5, a.Url).Bind(6, a.Publisher).Bind(7, a.Origin).Bind(8, a.Text).Bind(9, a.BodyStart).Bind(10, prep.Words)
            .Bind(11, at)
            .Run();

        public void InsertSpeaker(string id, string name, SpeakerType type)
        {
            Set(Speaker, "$id", id);
            Set(Speaker, "$name", name);
            Set(Speaker, "$type", ExtractionJson.TypeName(type));
            Speaker.ExecuteNonQuery();
        }

        public void InsertArticleSpeaker(long article, int ord, string id, Speaker s) => ArticleSpeaker
            .Bind(1, article).Bind(2, ord).Bind(3, id).Bind(4, s.Name).Bind(5, ExtractionJson.TypeName(s.Type)).Bind(6, s.Title)
            .Run();

        public void InsertMention(long article, int speakerOrd, int ord, SpanText m) => Mention
            .Bind(1, article).Bind(2, speakerOrd).Bind(3, ord).Bind(4, m.Start).Bind(5, m.End).Bind(6, m.Text)
            .Run();

        /// <summary>Inserts a quote under the key planned for it (<see cref="NextQuoteKey"/> onwards, in order).</summary>
        public long InsertQuote(long key, long article, int ord, Quote q, QuotePrep prep, string? speakerId)
        {
            Quote.Bind(22, key);
            Quote.Bind(1, q.Id).Bind(2, article).Bind(3, ord).Bind(4, ExtractionJson.KindName(q.Kind)).Bind(5, q.Text).Bind(6, prep.ContentJson);
            BindSpan(7, q.Cue);
            BindSpan(10, q.Source);
            BindSpan(13, q.Addressee);
            Quote.Bind(16, speakerId).Bind(17, q.Speaker?.Name).Bind(18, q.Speaker is { } sp ? ExtractionJson.TypeName(sp.Type) : null)
                .Bind(19, q.Uttered is { } u ? FormatDate(u) : null).Bind(20, q.Confidence).Bind(21, prep.TimesJson)
                .Run();
            return Quote.LastRowId;
        }

        private void BindSpan(int at, SpanText? s) => Quote.Bind(at, s?.Start).Bind(at + 1, s?.End).Bind(at + 2, s?.Text);

        public void InsertReject(Rejection r, string at)
        {
            Set(Reject, "$record", r.Record);
            Set(Reject, "$reason", r.Reason);
            Set(Reject, "$raw", r.Raw);
            Set(Reject, "$at", at);
            Reject.ExecuteNonQuery();
        }

        public void Dispose()
        {
            foreach (var cmd in _all)
                cmd.Dispose();
            foreach (var stmt in _raw)
                stmt.Dispose();
        }
    }
}

/// <summary>
/// Turns a user's words into a safe FTS5 query: every term becomes a quoted string (so <c>"</c>, <c>*</c>,
/// <c>-</c>, <c>:</c>, <c>NEAR(</c>, <c>AND</c> are plain text); terms are ANDed. A trailing <c>*</c> keeps its
/// meaning as a prefix search. Terms with no letter or digit are dropped (they cannot match anything).
/// </summary>
internal static class Fts5Query
{
    public static string? FromWords(string? words)
    {
        if (string.IsNullOrWhiteSpace(words)) return null;
        // Control characters become spaces: a NUL would end the query string inside FTS5's parser.
        var cleaned = string.Create(words.Length, words, (span, w) =>
        {
            for (var i = 0; i < w.Length; i++) span[i] = char.IsControl(w[i]) ? ' ' : w[i];
        });
        var terms = new List<string>();
        foreach (var raw in cleaned.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = raw.Length > 1 && raw[^1] == '*';
            var term = prefix ? raw.TrimEnd('*') : raw;
            if (!term.Any(char.IsLetterOrDigit)) continue;
            var quoted = "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            terms.Add(prefix ? quoted + "*" : quoted);
        }
        return terms.Count == 0 ? null : string.Join(' ', terms);
    }
}
