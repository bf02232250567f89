using Microsoft.Data.Sqlite;
using Verbatim.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Storage;

/// <summary>A folder of its own per test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verbatim-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class SqliteQuoteStoreTests : QuoteStoreContract
{
    private readonly TempFolder _temp = new();
    private int _count;

    protected override IQuoteStore NewStore() => SqliteQuoteStore.Open(_temp.File($"store{++_count}.db"));

    public override void Dispose()
    {
        base.Dispose();
        _temp.Dispose();
    }

    private static SqliteConnection Raw(string path)
    {
        var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        return c;
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void An_ingest_bounds_the_writer_connections_page_cache_and_memory_map()
    {
        using var store = SqliteQuoteStore.Open(_temp.File("bounded.db"));
        Assert.Equal(-65536, store.Pragma("cache_size")); // 64 MiB by default
        store.SetPageCache(32L << 20);
        store.SetMemoryMap(64L << 20);
        Assert.Equal(-32768, store.Pragma("cache_size"));
        Assert.Equal(64L << 20, store.Pragma("mmap_size"));
    }

    [Fact]
    public void Checkpoints_run_beside_the_writer_and_keep_the_log_bounded()
    {
        var path = _temp.File("checkpoints.db");
        const long bound = 64 * 1024;
        long largest = 0;
        using (var store = SqliteQuoteStore.Open(path))
        {
            store.WalBound = bound;
            for (var i = 0; i < 40; i++)
            {
                var said = $"We will build {i} new bridges over the river before the winter comes";
                var text = $"\"{said},\" said Mayor Ana Ruiz on Monday. " + string.Concat(Enumerable.Repeat($"Council notes, item {i}. ", 200));
                Assert.Equal(1, store.Ingest([Article($"bridges-{i}", "2022-01-03", "CNN", text, new Q(said, "Ana Ruiz"))]).Stored);
                largest = Math.Max(largest, store.WalBytes());
            }
            Assert.True(store.BackgroundCheckpoints > 0, "no checkpoint ran on the checkpointer's thread");
            Assert.Equal(0L, store.Pragma("wal_autocheckpoint")); // SQLite's own checkpoints are off on the writer meanwhile
        }
        // The log grows by one transaction past the bound at most before it starts over (each writes ~20 KB of text here).
        Assert.InRange(largest, 1, bound + 512 * 1024);
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "closing left a log behind");
        using var c = Raw(path);
        Assert.Equal(40L, Scalar(c, "SELECT count(*) FROM articles"));
        Assert.Equal(40L, Scalar(c, "SELECT count(*) FROM quotes"));
    }

    [Fact]
    public void A_new_store_is_at_the_latest_version_in_wal_mode()
    {
        var path = _temp.File("new.db");
        using (SqliteQuoteStore.Open(path)) { }
        using var c = Raw(path);
        Assert.Equal("wal", Scalar(c, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteQuoteStore.LatestVersion, Scalar(c, "SELECT max(version) FROM schema_version"));
        Assert.Equal((long)SqliteQuoteStore.Migrations.Length, Scalar(c, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public void Data_survives_closing_and_reopening()
    {
        var path = _temp.File("reopen.db");
        using (var s = SqliteQuoteStore.Open(path)) s.Ingest(All);
        using (var s = SqliteQuoteStore.Open(path, create: false))
        {
            Assert.Equal(5, s.Stats().Articles);
            Assert.Equal(0, s.Ingest(All).Stored);
            Assert.Equal(3, s.Search(new SearchQuery { Words = "territory" }).Count);
        }
    }

    [Fact]
    public void The_full_text_index_stays_in_step_with_the_quotes()
    {
        var path = _temp.File("fts.db");
        using (var s = SqliteQuoteStore.Open(path))
        {
            s.Ingest(All);
            Assert.ThrowsAny<Exception>(() => s.Ingest([Article("bad", "2022-01-01", null, "x", new Q("x", "x")) with { Quotes = [Biden.Quotes[0] with { Text = null! }] }]));
        }
        using var c = Raw(path);
        Execute(c, "INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)");
        Assert.Equal(8L, Scalar(c, "SELECT count(*) FROM quotes"));
        Assert.Equal(0L, Scalar(c, "PRAGMA foreign_key_check") ?? 0L);
    }

    [Fact]
    public void A_missing_file_is_not_created_for_reading()
    {
        var path = _temp.File("missing.db");
        var e = Assert.Throws<StoreOpenException>(() => SqliteQuoteStore.Open(path, create: false));
        Assert.Contains("no store", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_clear_error()
    {
        var path = _temp.File("notes.db");
        File.WriteAllText(path, "these are my notes, not a database, but long enough to look like a header....................................");
        var e = Assert.Throws<StoreOpenException>(() => SqliteQuoteStore.Open(path, create: false));
        Assert.Contains("not a Verbatim store", e.Message);
    }

    [Fact]
    public void Another_programs_database_is_left_alone()
    {
        var path = _temp.File("other.db");
        using (var c = Raw(path)) Execute(c, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        var e = Assert.Throws<StoreOpenException>(() => SqliteQuoteStore.Open(path));
        Assert.Contains("not a Verbatim store", e.Message);
        using var check = Raw(path);
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"));
    }

    [Fact]
    public void A_store_from_a_newer_version_is_refused()
    {
        var path = _temp.File("future.db");
        using (SqliteQuoteStore.Open(path)) { }
        using (var c = Raw(path))
            Execute(c, "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'from the future', '2099-01-01')");
        var e = Assert.Throws<StoreOpenException>(() => SqliteQuoteStore.Open(path));
        Assert.Contains("999", e.Message);
    }

    /// <summary>Version 1 exactly as released (frozen here on purpose: if migration 1 is edited, this test notices).</summary>
    private const string Version1 = """
        CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
        CREATE TABLE articles (
            key INTEGER PRIMARY KEY, article_id TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE, date TEXT, title TEXT, url TEXT,
            publisher TEXT, origin TEXT, text TEXT NOT NULL, body_start INTEGER NOT NULL DEFAULT 0, word_count INTEGER NOT NULL,
            ingested_at TEXT NOT NULL);
        CREATE INDEX articles_article_id ON articles(article_id);
        CREATE INDEX articles_date ON articles(date);
        CREATE INDEX articles_publisher ON articles(publisher COLLATE NOCASE);
        CREATE TABLE speakers (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);
        CREATE INDEX speakers_name ON speakers(name COLLATE NOCASE);
        CREATE TABLE article_speakers (
            article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE, ord INTEGER NOT NULL,
            speaker_id TEXT NOT NULL REFERENCES speakers(id), name TEXT NOT NULL, type TEXT NOT NULL, title TEXT,
            PRIMARY KEY (article_key, ord));
        CREATE INDEX article_speakers_speaker ON article_speakers(speaker_id);
        CREATE TABLE mentions (
            article_key INTEGER NOT NULL, speaker_ord INTEGER NOT NULL, ord INTEGER NOT NULL, start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (article_key, speaker_ord, ord),
            FOREIGN KEY (article_key, speaker_ord) REFERENCES article_speakers(article_key, ord) ON DELETE CASCADE);
        CREATE TABLE quotes (
            key INTEGER PRIMARY KEY, quote_id TEXT NOT NULL, article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
            ord INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')), text TEXT NOT NULL,
            content TEXT NOT NULL, cue_start INTEGER, cue_end INTEGER, cue_text TEXT, source_start INTEGER, source_end INTEGER,
            source_text TEXT, addressee_start INTEGER, addressee_end INTEGER, addressee_text TEXT,
            speaker_id TEXT REFERENCES speakers(id), speaker_name TEXT, speaker_type TEXT, uttered TEXT,
            confidence REAL NOT NULL, times TEXT NOT NULL DEFAULT '[]', UNIQUE (article_key, ord));
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        CREATE INDEX quotes_quote_id ON quotes(quote_id);
        CREATE TABLE rejects (
            key INTEGER PRIMARY KEY, record TEXT NOT NULL, reason TEXT NOT NULL, raw TEXT, at TEXT NOT NULL, UNIQUE (record, reason));
        INSERT INTO schema_version VALUES (1, 'articles, speakers, mentions, quotes, rejects', '2025-01-01T00:00:00Z');
        """;

    [Fact]
    public void A_version_1_file_migrates_and_its_quotes_become_searchable()
    {
        var path = _temp.File("v1.db");
        var text = "\"The harvest was good this year,\" Maria Lopez said.";
        using (var c = Raw(path))
        {
            Execute(c, Version1);
            using var insert = c.CreateCommand();
            insert.CommandText = """
                INSERT INTO articles (key, article_id, content_hash, date, publisher, text, word_count, ingested_at)
                    VALUES (1, 'harvest', $hash, '2021-09-30', 'Farm News', $text, 8, '2025-01-01T00:00:00Z');
                INSERT INTO speakers VALUES ('maria-lopez', 'Maria Lopez', 'person');
                INSERT INTO article_speakers VALUES (1, 0, 'maria-lopez', 'Maria Lopez', 'person', NULL);
                INSERT INTO mentions VALUES (1, 0, 0, 34, 45, 'Maria Lopez');
                INSERT INTO quotes (quote_id, article_key, ord, kind, text, content, cue_start, cue_end, cue_text,
                        source_start, source_end, source_text, speaker_id, speaker_name, speaker_type, confidence)
                    VALUES ('harvest#q1', 1, 0, 'direct', 'The harvest was good this year,', '[{"start":1,"end":32}]', 46, 50, 'said',
                        34, 45, 'Maria Lopez', 'maria-lopez', 'Maria Lopez', 'person', 0.9);
                """;
            insert.Parameters.AddWithValue("$hash", ContentHash.Of(text));
            insert.Parameters.AddWithValue("$text", text);
            insert.ExecuteNonQuery();
        }

        using (var s = SqliteQuoteStore.Open(path, create: false))
        {
            Assert.Equal(["harvest#q1"], s.Search(new SearchQuery { Words = "harvest" }).Select(h => h.QuoteId));
            var x = s.ExportArticles().Single();
            Assert.Equal((1, 32), (x.Quotes[0].Content[0].Start, x.Quotes[0].Content[0].End));
            Assert.Equal("Maria Lopez", x.Speakers[0].Mentions[0].Text);
            Assert.Equal(1, s.Ingest([Scholz]).Stored);
            Assert.Equal(2, s.Search(new SearchQuery { Words = "prepared" }).Count + s.Search(new SearchQuery { Words = "harvest" }).Count);
            Assert.Equal(SqliteQuoteStore.LatestVersion, s.Stats().SchemaVersion);
            // Migration 4 dropped the quote_id index: a quote is still found by its id (through its article's id).
            Assert.Equal("The harvest was good this year,", s.Quote("harvest#q1")?.Text);
            Assert.Equal(s.Search(new SearchQuery { Words = "prepared" })[0].QuoteId, s.Quote(s.Search(new SearchQuery { Words = "prepared" })[0].QuoteId)?.QuoteId);
            Assert.Null(s.Quote("harvest#q9"));
        }
        using var check = Raw(path);
        Assert.Equal(SqliteQuoteStore.Migrations.Select(m => (long)m.Version), ReadVersions(check));
        Assert.Equal(0L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name IN ('quotes_quote_id', 'quote_clusters_variant', 'quotes_fts_insert')"));
        Execute(check, "INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)");
    }

    private static List<long> ReadVersions(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_version ORDER BY version";
        using var r = cmd.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }

    [Fact]
    public void Two_stores_on_one_file_ingest_without_duplicates()
    {
        var path = _temp.File("shared.db");
        using var a = SqliteQuoteStore.Open(path);
        using var b = SqliteQuoteStore.Open(path);
        var ra = a.Ingest([Zelenskyy, Biden]);
        var rb = b.Ingest([Biden, Scholz, Zelenskyy]);
        Assert.Equal(3, ra.Stored + rb.Stored);
        Assert.Equal(3, a.Stats().Articles);
    }
}
