using System.Globalization;
using Microsoft.Data.Sqlite;
using Verbatim.Corpus;
using Verbatim.Output;

namespace Verbatim.Storage;

/// <summary>
/// The corpus part of the SQLite store: speaker identities, alias files and hand overrides, quote clusters, verify.
/// The <see cref="SpeakerDirectory"/> and <see cref="ClusterIndex"/> live in memory, loaded from the store on first
/// use and updated inside each ingest transaction together with the rows that persist them; a failed batch drops
/// them (they are reloaded), and a generation counter in the store tells when another process has written.
/// </summary>
public sealed partial class SqliteQuoteStore : ICorpusStore
{
    private const string CorpusMigrationSql = """
        ALTER TABLE speakers ADD COLUMN wikidata TEXT;
        ALTER TABLE speakers ADD COLUMN role TEXT;
        CREATE TABLE speaker_names (
            key        TEXT PRIMARY KEY,
            speaker_id TEXT NOT NULL,
            pinned     INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX speaker_names_speaker ON speaker_names(speaker_id);
        CREATE TABLE speaker_aliases (
            key       INTEGER PRIMARY KEY,
            canonical TEXT NOT NULL,
            aliases   TEXT NOT NULL,
            wikidata  TEXT,
            role      TEXT,
            "from"    TEXT,
            "to"      TEXT,
            source    TEXT NOT NULL,
            added_at  TEXT NOT NULL
        );
        CREATE TABLE speaker_overrides (
            key        INTEGER PRIMARY KEY,
            action     TEXT NOT NULL CHECK (action IN ('merge', 'split', 'rename')),
            speaker_id TEXT NOT NULL,
            value      TEXT NOT NULL,
            result     TEXT,
            at         TEXT NOT NULL
        );
        CREATE TABLE clusters (
            id          INTEGER PRIMARY KEY,
            merged_into INTEGER,
            first_quote INTEGER NOT NULL,
            first_date  TEXT
        );
        CREATE TABLE cluster_variants (
            id          INTEGER PRIMARY KEY,
            cluster_id  INTEGER NOT NULL,
            normalised  TEXT NOT NULL,
            words       INTEGER NOT NULL,
            fragment_of INTEGER,
            first_quote INTEGER NOT NULL
        );
        CREATE INDEX cluster_variants_cluster ON cluster_variants(cluster_id);
        CREATE TABLE quote_clusters (
            quote_key   INTEGER PRIMARY KEY,
            cluster_id  INTEGER NOT NULL,
            variant_id  INTEGER NOT NULL,
            article_key INTEGER NOT NULL,
            publisher   TEXT
        );
        -- covering: a cluster's quote, article and publisher counts never touch the quotes table
        CREATE INDEX quote_clusters_cluster ON quote_clusters(cluster_id, article_key, publisher);
        CREATE INDEX quote_clusters_variant ON quote_clusters(variant_id);
        CREATE TABLE corpus_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
        INSERT INTO corpus_state (id, generation) VALUES (1, 0);
        """;

    private CorpusState? _corpus;
    private int _maxHeldClusterVariants = int.MaxValue;

    /// <summary>What one quote's cluster rows must say, planned by <see cref="CorpusState.Plan"/>.</summary>
    internal sealed record ClusterPlan(long QuoteKey, ClusterChange Change, DateOnly? Date, string? Normalised, ulong Hash, int WordCount,
        (int From, int Into, int FragmentOf, int Fragment)[] Merges, bool WriteFirstSeen, long FirstKey, DateOnly? FirstDate);

    /// <summary>Most speaker ids the ingest remembers as written (see <see cref="CorpusState.KnownSpeakers"/>).</summary>
    internal const int MaxKnownSpeakers = 100_000;

    /// <summary>A set of strings emptied whenever it reaches its bound: a cache of "already done" that stays bounded.</summary>
    internal sealed class KnownSet(int max)
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);

        /// <summary>True when <paramref name="id"/> was not in the set (the caller does the work once more: it must be idempotent).</summary>
        public bool Add(string id)
        {
            if (_set.Count >= max && !_set.Contains(id)) _set.Clear();
            return _set.Add(id);
        }
    }

    /// <summary>
    /// Sets how much of the file this connection reads through a memory map (the default is 256 MiB). Mapped pages count in
    /// the process's resident memory, so a long ingest maps less; 0 reads with read() only.
    /// </summary>
    public void SetMemoryMap(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {bytes}");
        cmd.ExecuteScalar();
    }

    /// <summary>A PRAGMA's value on this store's connection (for tests: cache_size, mmap_size).</summary>
    internal long Pragma(string name)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Sets this connection's page cache (the default is 64 MiB); a long ingest keeps a smaller one.</summary>
    public void SetPageCache(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{bytes >> 10}");
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Most quote variants whose words the in-memory cluster index holds for near-duplicate and fragment matching
    /// (default: all; see <see cref="ClusterIndex.MaxHeldVariants"/>). Ingest at scale sets it so memory stays bounded.
    /// </summary>
    public int MaxHeldClusterVariants
    {
        get => _maxHeldClusterVariants;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            _maxHeldClusterVariants = value;
            if (_corpus?.Index is { } index)
            {
                index.MaxHeldVariants = value;
                index.Facts ??= value < int.MaxValue && !KeepClusterFactsInMemory ? PersistedFacts : null;
            }
        }
    }

    /// <summary>
    /// Tests and comparisons: a bounded index keeps every variant's and cluster's facts in memory (as before the facts were let go),
    /// so a run can be compared with one that reads them back from the store. Set before the index is loaded.
    /// </summary>
    internal bool KeepClusterFactsInMemory { get; set; }

    /// <summary>Tests: most facts read back that the index caches (<see cref="ClusterIndex.MaxCachedFacts"/>); set before the index is loaded.</summary>
    internal int? ClusterFactCache { get; set; }

    /// <summary>Tests: the loaded speaker directory, if any.</summary>
    internal SpeakerDirectory? LoadedSpeakerDirectory => _corpus?.Directory;

    /// <summary>Tests: the loaded cluster index, if any.</summary>
    internal ClusterIndex? LoadedClusterIndex => _corpus?.Index;

    /// <summary>How many times the bounded cluster index let go of its oldest variants (0 before it is loaded).</summary>
    public int ClusterLetGoes => _corpus?.Index?.LetGoes ?? 0;

    /// <summary>The in-memory corpus state and the statements that persist its changes.</summary>
    private sealed class CorpusState(SqliteConnection c, SpeakerDirectory directory, long generation) : IDisposable
    {
        public SpeakerDirectory Directory { get; } = directory;
        public ClusterIndex? Index { get; set; }
        public long Generation { get; set; } = generation;
        public SqliteTransaction? Tx { get; set; }

        /// <summary>
        /// Speaker ids whose <c>speakers</c> row this state has written or seen (so it is not written again); dropped with the state
        /// when a batch fails. A cache only (the insert is idempotent): emptied when it holds <see cref="MaxKnownSpeakers"/> ids,
        /// so it does not grow with the corpus.
        /// </summary>
        public KnownSet KnownSpeakers { get; } = new(MaxKnownSpeakers);

        private readonly Dictionary<string, SqliteCommand> _commands = [];

        public SqliteCommand Cmd(string sql)
        {
            if (!_commands.TryGetValue(sql, out var cmd))
            {
                cmd = c.CreateCommand();
                cmd.CommandText = sql;
                _commands[sql] = cmd;
            }
            cmd.Transaction = Tx;
            return cmd;
        }

        /// <summary>Runs a statement, prepared once per SQL text; its parameters are re-bound each time.</summary>
        public int Exec(string sql, params (string, object?)[] args) => Bind(Cmd(sql), args).ExecuteNonQuery();

        public static SqliteCommand Bind(SqliteCommand cmd, params (string, object?)[] args)
        {
            foreach (var (n, v) in args)
            {
                var i = cmd.Parameters.IndexOf(n);
                if (i >= 0) cmd.Parameters[i].Value = v ?? DBNull.Value;
                else cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
            }
            return cmd;
        }

        public void Bump()
        {
            Exec("UPDATE corpus_state SET generation = generation + 1 WHERE id = 1");
            Generation++;
        }

        private RawStatement? _insertCluster, _insertVariant, _insertQuoteCluster;
        private readonly Dictionary<string, RawStatement> _raw = new(StringComparer.Ordinal);

        /// <summary>A statement run through the native API (see <see cref="RawStatement"/>), prepared once per SQL text.</summary>
        public RawStatement Raw(string sql)
        {
            if (!_raw.TryGetValue(sql, out var stmt)) _raw[sql] = stmt = new RawStatement(c, sql);
            return stmt;
        }

        /// <summary>Clusters one stored quote (its matching values prepared beforehand) and writes what changed.</summary>
        public void Cluster(long quoteKey, QuotePrep prep, DateOnly? date, long articleKey, string? publisher)
        {
            if (Plan(quoteKey, prep, date) is { } plan) Write(plan, articleKey, publisher);
        }

        /// <summary>
        /// Adds one quote to the in-memory index and returns what its rows must say (null: the quote has no words to match),
        /// with every value read from the index now, so <see cref="Write"/> can run later, on another thread, and write the
        /// very rows writing at once would have. Touches no connection.
        /// </summary>
        public ClusterPlan? Plan(long quoteKey, QuotePrep prep, DateOnly? date)
        {
            var index = Index!;
            var ch = index.Add(prep.Words, prep.Hash, prep.Signature, date, quoteKey);
            if (ch.IsNone) return null;
            var merges = index.LastMerges.Count == 0 ? [] : index.LastMerges.Select(m => (m.From, m.Into, index.FragmentOf(m.Fragment), m.Fragment)).ToArray();
            var first = ch.FirstSeenChanged || merges.Length > 0;
            return new ClusterPlan(quoteKey, ch, date, ch.NewVariant ? prep.Normalised : null, prep.Hash, ch.NewVariant ? index.WordCount(ch.Variant) : 0, merges,
                first, first ? index.FirstKey(ch.Cluster) : 0, first ? index.FirstDate(ch.Cluster) : null);
        }

        /// <summary>Writes the rows of one planned quote (in the order the quotes were planned).</summary>
        public void Write(ClusterPlan p, long articleKey, string? publisher)
        {
            var ch = p.Change;
            if (ch.NewCluster)
                (_insertCluster ??= new RawStatement(c, "INSERT INTO clusters (id, merged_into, first_quote, first_date) VALUES (?1, NULL, ?2, ?3)"))
                    .Bind(1, ch.Cluster).Bind(2, p.QuoteKey).Bind(3, p.Date is { } d ? FormatDate(d) : null).Run();
            if (ch.NewVariant)
                (_insertVariant ??= new RawStatement(c, "INSERT INTO cluster_variants (id, cluster_id, normalised, words, fragment_of, first_quote, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"))
                    .Bind(1, ch.Variant).Bind(2, ch.Cluster).Bind(3, p.Normalised).Bind(4, p.WordCount)
                    .Bind(5, ch.FragmentOf < 0 ? null : ch.FragmentOf).Bind(6, p.QuoteKey).Bind(7, unchecked((long)p.Hash)).Run();
            foreach (var (from, into, fragmentOf, fragment) in p.Merges)
            {
                Exec("UPDATE quote_clusters SET cluster_id = $into WHERE cluster_id = $from", ("$into", into), ("$from", from));
                Exec("UPDATE cluster_variants SET cluster_id = $into WHERE cluster_id = $from", ("$into", into), ("$from", from));
                Exec("UPDATE clusters SET merged_into = $into WHERE id = $from", ("$into", into), ("$from", from));
                Exec("UPDATE cluster_variants SET fragment_of = $v WHERE id = $f AND fragment_of IS NULL", ("$v", fragmentOf), ("$f", fragment));
            }
            if (p.WriteFirstSeen)
                Exec("UPDATE clusters SET first_quote = $q, first_date = $d WHERE id = $id",
                    ("$q", p.FirstKey), ("$d", p.FirstDate is { } f ? FormatDate(f) : null), ("$id", ch.Cluster));
            (_insertQuoteCluster ??= new RawStatement(c, "INSERT INTO quote_clusters (quote_key, cluster_id, variant_id, article_key, publisher) VALUES (?1, ?2, ?3, ?4, ?5)"))
                .Bind(1, p.QuoteKey).Bind(2, ch.Cluster).Bind(3, ch.Variant).Bind(4, articleKey).Bind(5, publisher).Run();
        }

        public void Dispose()
        {
            foreach (var cmd in _commands.Values) cmd.Dispose();
            _insertCluster?.Dispose();
            _insertVariant?.Dispose();
            _insertQuoteCluster?.Dispose();
            foreach (var stmt in _raw.Values) stmt.Dispose();
        }
    }

    private void DropCorpus()
    {
        _corpus?.Dispose();
        _corpus = null;
    }

    private long ReadGeneration(SqliteTransaction? tx)
    {
        const string sql = "SELECT generation FROM corpus_state WHERE id = 1";
        if (tx is null) return Convert.ToInt64(Statement(sql).ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture); // every read asks: kept prepared
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT generation FROM corpus_state WHERE id = 1";
        return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>The store's generation: bumped in every ingest transaction that stores an article and by every correction.</summary>
    public long? ChangeCounter() => ReadGeneration(null);

    /// <summary>The corpus state for reading (identities only unless <paramref name="withIndex"/>), reloaded when another process wrote.</summary>
    private CorpusState CorpusForRead(bool withIndex)
    {
        var generation = ReadGeneration(null);
        if (_corpus is null || _corpus.Generation != generation)
        {
            DropCorpus();
            _corpus = new CorpusState(_connection, LoadDirectory(null), generation);
        }
        if (withIndex && _corpus.Index is null)
        {
            if (HasUnclusteredQuotes())
            {
                // A store written before clustering existed: cluster its quotes once, in one write transaction.
                using var tx = _connection.BeginTransaction(deferred: false);
                try
                {
                    var state = CorpusForWrite(tx);
                    state.Bump();
                    tx.Commit();
                    state.Tx = null;
                }
                catch
                {
                    DropCorpus();
                    throw;
                }
            }
            else _corpus.Index = LoadIndex(_corpus, null);
        }
        return _corpus;
    }

    /// <summary>The corpus state inside a write transaction, with its index; quotes not yet clustered are clustered first.</summary>
    private CorpusState CorpusForWrite(SqliteTransaction tx)
    {
        var generation = ReadGeneration(tx);
        if (_corpus is null || _corpus.Generation != generation)
        {
            DropCorpus();
            _corpus = new CorpusState(_connection, LoadDirectory(tx), generation);
        }
        _corpus.Tx = tx;
        _corpus.Index ??= LoadIndex(_corpus, tx);
        return _corpus;
    }

    private bool HasUnclusteredQuotes()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT EXISTS (SELECT 1 FROM quotes WHERE key > coalesce((SELECT max(quote_key) FROM quote_clusters), 0))";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    private SpeakerDirectory LoadDirectory(SqliteTransaction? tx)
    {
        var aliases = new List<AliasEntry>(AliasFile.Seed);
        using (var cmd = Command(tx, """SELECT canonical, aliases, wikidata, role, "from", "to" FROM speaker_aliases ORDER BY key"""))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                aliases.Add(new AliasEntry(r.GetString(0), r.GetString(1).Split('|', StringSplitOptions.RemoveEmptyEntries),
                    NullableString(r, 2), NullableString(r, 3), ReadDate(r, 4), ReadDate(r, 5)));
        var d = new SpeakerDirectory(aliases);
        // Name keys seen are looked up in speaker_names (on this connection, inside the ingest's transaction when there is one:
        // the ingest writes each new key there at once), so memory holds only the most recent of them.
        _speakerKey ??= new RawStatement(_connection, "SELECT speaker_id FROM speaker_names WHERE key = ?1");
        var lookup = _speakerKey;
        d.UseKeyStore(key => lookup.Bind(1, key).RunText(), MaxCachedSpeakerKeys);
        var locked = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = Command(tx, "SELECT speaker_id FROM speaker_overrides WHERE action = 'rename'"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) locked.Add(r.GetString(0));
        using (var cmd = Command(tx, "SELECT id, name, type, wikidata, role FROM speakers"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                d.LoadSpeaker(r.GetString(0), r.GetString(1), ExtractionJson.ParseType(r.GetString(2)), NullableString(r, 3), NullableString(r, 4), locked.Contains(r.GetString(0)));
        var names = 0;
        using (var cmd = Command(tx, "SELECT key, speaker_id, pinned FROM speaker_names"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                d.LoadName(r.GetString(0), r.GetString(1), r.GetInt64(2) != 0);
                names++;
            }
        if (names == 0)
        {
            // A store from before identities: its speakers keep their ids, and their names find them.
            using var cmd = Command(tx, "SELECT DISTINCT name, speaker_id FROM article_speakers");
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                d.KeepAllKeys(); // these keys are not in speaker_names
                d.LoadName(d.KeyOf(r.GetString(0)), r.GetString(1), false);
            }
        }
        using (var cmd = Command(tx, "SELECT speaker_id, value FROM speaker_overrides WHERE action = 'merge' ORDER BY key"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) d.LoadMerge(r.GetString(0), r.GetString(1));
        return d;
    }

    private ClusterIndex LoadIndex(CorpusState state, SqliteTransaction? tx)
    {
        int variants, clusters;
        long words;
        using (var cmd = Command(tx, "SELECT (SELECT count(*) FROM cluster_variants), (SELECT coalesce(sum(words), 0) FROM cluster_variants), (SELECT count(*) FROM clusters)"))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (variants, words, clusters) = (r.GetInt32(0), r.GetInt64(1), r.GetInt32(2));
        }
        var held = MaxHeldClusterVariants;
        // A bounded index (ingest at scale) keeps in memory only the facts of the variants it holds and of as many recent
        // clusters; the rest it reads back from the store when needed (see ClusterIndex.Facts).
        var index = held < variants
            ? new ClusterIndex(Math.Min(variants, held + held / 4), Math.Min(clusters, held + held / 4), words * held / Math.Max(1, variants))
            : new ClusterIndex(variants + variants / 4, clusters + clusters / 4, words + words / 4);
        index.MaxHeldVariants = held;
        if (held < int.MaxValue && !KeepClusterFactsInMemory) index.Facts = PersistedFacts;
        if (ClusterFactCache is { } cache) index.MaxCachedFacts = cache;
        index.BeginRestore(variants, clusters);
        var (firstVariant, firstCluster) = index.RestoreFrom;
        using (var cmd = Command(tx, "SELECT id, merged_into, first_date, first_quote FROM clusters WHERE id >= $from ORDER BY id"))
        {
            cmd.Parameters.AddWithValue("$from", firstCluster);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                index.RestoreCluster(r.GetInt32(0), r.IsDBNull(1) ? -1 : r.GetInt32(1), ReadDate(r, 2), r.GetInt64(3));
        }
        using (var cmd = Command(tx, "SELECT id, cluster_id, normalised, fragment_of FROM cluster_variants WHERE id >= $from ORDER BY id"))
        {
            cmd.Parameters.AddWithValue("$from", firstVariant);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                index.RestoreVariant(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? -1 : r.GetInt32(3));
        }
        state.Index = index;
        if (tx is not null)
        {
            // Quotes stored before clustering existed (an older store): cluster them now, in key order.
            var pending = new List<(long Key, string Text, DateOnly? Date, long Article, string? Publisher)>();
            using (var cmd = Command(tx, """
                SELECT q.key, q.text, a.date, a.key, a.publisher FROM quotes q JOIN articles a ON a.key = q.article_key
                WHERE q.key > coalesce((SELECT max(quote_key) FROM quote_clusters), 0) ORDER BY q.key
                """))
            using (var r = cmd.ExecuteReader())
                while (r.Read()) pending.Add((r.GetInt64(0), r.GetString(1), ReadDate(r, 2), r.GetInt64(3), NullableString(r, 4)));
            foreach (var (key, text, date, article, publisher) in pending) state.Cluster(key, QuotePrep.OfText(text), date, article, publisher);
        }
        return index;
    }

    /// <summary>The match hash of a variant's normalised text, as stored in <c>cluster_variants.hash</c>.</summary>
    internal static long VariantHash(string normalised)
    {
        var max = MatchText.MaxWords(normalised.Length);
        var rent = System.Buffers.ArrayPool<ulong>.Shared.Rent(Math.Max(1, max));
        try
        {
            var n = MatchText.Hashes(normalised, rent.AsSpan(0, max));
            return n == 0 ? 0 : unchecked((long)MatchText.SequenceHash(rent.AsSpan(0, n)));
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(rent);
        }
    }

    private StoreFacts? _facts;
    private RawStatement? _speakerKey;

    /// <summary>Most name keys the speaker directory keeps in memory (it asks <c>speaker_names</c> for the others).</summary>
    internal int MaxCachedSpeakerKeys { get; set; } = 100_000;

    /// <summary>The store's cluster facts for a bounded index, read on a connection of their own (see <see cref="StoreFacts"/>).</summary>
    private StoreFacts PersistedFacts => _facts ??= new StoreFacts(Location);

    /// <summary>
    /// The persisted facts of variants and clusters a bounded <see cref="ClusterIndex"/> let go of, read on a read-only connection
    /// of their own: the index asks on the clustering thread while the writer's connection writes the batch beside it, and it
    /// asks only about what earlier, committed transactions wrote (WAL: this connection sees the last commit).
    /// </summary>
    private sealed class StoreFacts : IClusterFacts, IDisposable
    {
        private readonly SqliteConnection _c;
        private readonly SqliteCommand _find, _variant, _cluster, _representative;

        public StoreFacts(string path)
        {
            _c = OpenSideConnection(path, SqliteOpenMode.ReadOnly, cacheKiB: 4096);
            _find = Make("SELECT id FROM cluster_variants WHERE hash = $h AND id < $below ORDER BY id LIMIT 1", "$h", "$below");
            _variant = Make("SELECT cluster_id, words, coalesce(fragment_of, -1) FROM cluster_variants WHERE id = $id", "$id");
            _cluster = Make("SELECT coalesce(merged_into, -1), first_date, first_quote FROM clusters WHERE id = $id", "$id");
            _representative = Make("SELECT id FROM cluster_variants WHERE cluster_id = $id ORDER BY words DESC, id LIMIT 1", "$id");
        }

        private SqliteCommand Make(string sql, params string[] names)
        {
            var cmd = _c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var n in names) cmd.Parameters.Add(n, SqliteType.Integer);
            cmd.Prepare();
            return cmd;
        }

        public int FindVariant(ulong hash, int below)
        {
            _find.Parameters[0].Value = unchecked((long)hash);
            _find.Parameters[1].Value = below;
            return _find.ExecuteScalar() is long id ? (int)id : -1;
        }

        public (int Cluster, int Words, int FragmentOf) Variant(int id)
        {
            _variant.Parameters[0].Value = id;
            using var r = _variant.ExecuteReader();
            if (!r.Read()) throw new InvalidOperationException($"cluster variant {id} is not in the store");
            return (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
        }

        public (int MergedInto, DateOnly? FirstDate, long FirstKey) Cluster(int id)
        {
            _cluster.Parameters[0].Value = id;
            using var r = _cluster.ExecuteReader();
            if (!r.Read()) throw new InvalidOperationException($"cluster {id} is not in the store");
            return (r.GetInt32(0), ReadDate(r, 1), r.GetInt64(2));
        }

        public int Representative(int cluster)
        {
            _representative.Parameters[0].Value = cluster;
            return _representative.ExecuteScalar() is long id ? (int)id : -1;
        }

        public void Hashes(int below, Action<ulong> each)
        {
            using var cmd = _c.CreateCommand();
            cmd.CommandText = "SELECT hash FROM cluster_variants INDEXED BY cluster_variants_hash WHERE hash IS NOT NULL AND id < $below";
            cmd.Parameters.AddWithValue("$below", below);
            using var r = cmd.ExecuteReader();
            while (r.Read()) each(unchecked((ulong)r.GetInt64(0)));
        }

        public void Dispose()
        {
            _find.Dispose();
            _variant.Dispose();
            _cluster.Dispose();
            _representative.Dispose();
            _c.Dispose();
        }
    }

    /// <summary>The corpus-wide id of a speaker of an article; new names and speakers are written in the ingest transaction.</summary>
    private string SpeakerId(CorpusState corpus, string name, SpeakerType type, string? title, Article article)
    {
        if (_identity is not null) return _identity.IdFor(name, type);
        var d = corpus.Directory.Resolve(name, type, title, article.Text, article.Date, article.Id);
        if (d.NewPerson)
        {
            corpus.Raw("INSERT INTO speakers (id, name, type, wikidata, role) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET wikidata = excluded.wikidata, role = excluded.role")
                .Bind(1, d.Id).Bind(2, d.Name).Bind(3, ExtractionJson.TypeName(type)).Bind(4, d.Wikidata).Bind(5, d.Role).Run();
            corpus.KnownSpeakers.Add(d.Id); // its row is written: the ingest need not write it again
        }
        else if (d.NameChanged)
            corpus.Raw("UPDATE speakers SET name = ?1 WHERE id = ?2").Bind(1, d.Name).Bind(2, d.Id).Run();
        if (d.NewKey)
            corpus.Raw("INSERT INTO speaker_names (key, speaker_id, pinned) VALUES (?1, ?2, 0) ON CONFLICT (key) DO NOTHING").Bind(1, d.Key).Bind(2, d.Id).Run();
        return d.Id;
    }

    /// <summary>The id a searched speaker name means (any spelling), else its slug.</summary>
    private string LookupSpeaker(string speaker)
    {
        if (_identity is not null) return _identity.IdFor(speaker, SpeakerType.Unknown);
        return CorpusForRead(withIndex: false).Directory.Lookup(speaker) ?? SlugSpeakerIdentity.Slug(speaker);
    }

    // ---------------------------------------------------------------- ICorpusStore: verify and clusters

    public VerifyResult Verify(VerifyQuery query)
    {
        var corpus = CorpusForRead(withIndex: true);
        var verifier = new Verifier(corpus.Index!, new Catalog(this), name => corpus.Directory.Lookup(name));
        return verifier.Verify(query);
    }

    /// <summary>Cluster facts and variant texts read from the store for the verifier.</summary>
    private sealed class Catalog(SqliteQuoteStore store) : IClusterCatalog
    {
        public ClusterFacts Facts(int cluster) => store.Facts(cluster);
        public (int Quotes, int Articles, int Publishers) Counts(int cluster) => store.Counts(cluster);
        public (bool BySpeaker, bool ByOthers) Attribution(int cluster, string speakerId) => store.Attribution(cluster, speakerId);
        public string VariantText(int variant) => store.VariantText(variant);
    }

    private ClusterFacts Facts(int cluster)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT q.speaker_id, coalesce(s.name, q.speaker_name), a.date, a.article_id, a.publisher, a.url
            FROM clusters c JOIN quotes q ON q.key = c.first_quote JOIN articles a ON a.key = q.article_key
                LEFT JOIN speakers s ON s.id = q.speaker_id
            WHERE c.id = $c
            """;
        cmd.Parameters.AddWithValue("$c", cluster);
        string? speakerId = null, speakerName = null, publisher = null, url = null;
        var article = "";
        DateOnly? first = null;
        using (var r = cmd.ExecuteReader())
            if (r.Read())
            {
                speakerId = NullableString(r, 0);
                speakerName = NullableString(r, 1);
                first = ReadDate(r, 2);
                article = r.GetString(3);
                publisher = NullableString(r, 4);
                url = NullableString(r, 5);
            }
        return new ClusterFacts(cluster, speakerId, speakerName, first, article, publisher, url);
    }

    private (int Quotes, int Articles, int Publishers) Counts(int cluster)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT count(*), count(DISTINCT article_key), count(DISTINCT publisher COLLATE NOCASE)
            FROM quote_clusters WHERE cluster_id = $c
            """;
        cmd.Parameters.AddWithValue("$c", cluster);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
    }

    private (bool BySpeaker, bool ByOthers) Attribution(int cluster, string speakerId)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT
                EXISTS (SELECT 1 FROM quote_clusters qc JOIN quotes q ON q.key = qc.quote_key WHERE qc.cluster_id = $c AND q.speaker_id = $s),
                EXISTS (SELECT 1 FROM quote_clusters qc JOIN quotes q ON q.key = qc.quote_key WHERE qc.cluster_id = $c AND q.speaker_id <> $s)
            """;
        cmd.Parameters.AddWithValue("$c", cluster);
        cmd.Parameters.AddWithValue("$s", speakerId);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0) != 0, r.GetInt64(1) != 0);
    }

    private string VariantText(int variant)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT q.text FROM cluster_variants v JOIN quotes q ON q.key = v.first_quote WHERE v.id = $v";
        cmd.Parameters.AddWithValue("$v", variant);
        return cmd.ExecuteScalar() as string ?? "";
    }

    public IReadOnlyList<QuoteCluster> Clusters(int limit, string? speaker = null)
    {
        CorpusForRead(withIndex: true);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT qc.cluster_id, count(DISTINCT q.article_key) AS n
            FROM quote_clusters qc JOIN quotes q ON q.key = qc.quote_key
            WHERE $speaker IS NULL OR q.speaker_id = $speaker
            GROUP BY qc.cluster_id
            ORDER BY n DESC, qc.cluster_id
            LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$speaker", string.IsNullOrWhiteSpace(speaker) ? DBNull.Value : LookupSpeaker(speaker));
        cmd.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        var ids = new List<int>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) ids.Add(r.GetInt32(0));
        return ids.Select(ClusterById).ToList();
    }

    public QuoteCluster? ClusterOfQuote(string quoteId)
    {
        CorpusForRead(withIndex: true);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"SELECT qc.cluster_id FROM quotes q JOIN quote_clusters qc ON qc.quote_key = q.key WHERE {QuoteIdFilter("q", quoteId)} ORDER BY q.key LIMIT 1";
        BindQuoteId(cmd, quoteId);
        return cmd.ExecuteScalar() is long c ? ClusterById((int)c) : null;
    }

    private QuoteCluster ClusterById(int cluster)
    {
        var f = Facts(cluster);
        var counts = Counts(cluster);
        var variants = new List<ClusterVariant>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = """
                WITH counts AS (SELECT variant_id, count(*) AS n FROM quote_clusters WHERE cluster_id = $c GROUP BY variant_id)
                SELECT v.id, q.text, coalesce(counts.n, 0) AS n, v.fragment_of IS NOT NULL, a.date, a.article_id
                FROM cluster_variants v JOIN quotes q ON q.key = v.first_quote JOIN articles a ON a.key = q.article_key
                    LEFT JOIN counts ON counts.variant_id = v.id
                WHERE v.cluster_id = $c
                ORDER BY v.words DESC, n DESC, v.id
                """;
            cmd.Parameters.AddWithValue("$c", cluster);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                variants.Add(new ClusterVariant(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3) != 0, ReadDate(r, 4), r.GetString(5)));
        }
        var outlets = new List<ClusterOutlet>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = """
                SELECT min(qc.publisher), count(*), count(DISTINCT qc.article_key), min(a.date)
                FROM quote_clusters qc JOIN articles a ON a.key = qc.article_key
                WHERE qc.cluster_id = $c
                GROUP BY qc.publisher COLLATE NOCASE
                ORDER BY min(a.date) IS NULL, min(a.date), min(qc.publisher)
                """;
            cmd.Parameters.AddWithValue("$c", cluster);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                outlets.Add(new ClusterOutlet(NullableString(r, 0), r.GetInt32(1), r.GetInt32(2), ReadDate(r, 3)));
        }
        return new QuoteCluster
        {
            Id = cluster,
            Outlets = outlets,
            // The fullest wording: the longest, and among the longest the most printed.
            Text = variants.FirstOrDefault()?.Text ?? "",
            FirstSeen = f.FirstSeen,
            FirstArticle = f.Article,
            FirstPublisher = f.Publisher,
            SpeakerId = f.SpeakerId,
            SpeakerName = f.SpeakerName,
            Quotes = counts.Quotes,
            Articles = counts.Articles,
            Publishers = counts.Publishers,
            Variants = variants,
        };
    }

    // ---------------------------------------------------------------- ICorpusStore: speakers and corrections

    public SpeakerIdentityInfo? Speaker(string nameOrId)
    {
        var corpus = CorpusForRead(withIndex: false);
        var id = corpus.Directory.Lookup(nameOrId);
        if (id is null || corpus.Directory.Get(id) is not { } p) return null;
        var names = new List<string>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT DISTINCT name FROM article_speakers WHERE speaker_id = $id ORDER BY name";
            cmd.Parameters.AddWithValue("$id", id);
            using var r = cmd.ExecuteReader();
            while (r.Read()) names.Add(r.GetString(0));
        }
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM quotes WHERE speaker_id = $id";
        count.Parameters.AddWithValue("$id", id);
        return new SpeakerIdentityInfo(id, p.Name, p.Wikidata, p.Role, Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture), names);
    }

    private string RequireSpeaker(CorpusState corpus, string nameOrId) =>
        corpus.Directory.Lookup(nameOrId) is { } id && corpus.Directory.Get(id) is not null
            ? id : throw new SpeakerCorrectionException($"no speaker '{nameOrId}' in the store (see 'verbatim speakers')");

    /// <summary>Runs a correction in one write transaction; the in-memory state is reloaded if it fails.</summary>
    private T Correct<T>(Func<CorpusState, T> body)
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        try
        {
            var generation = ReadGeneration(tx);
            if (_corpus is null || _corpus.Generation != generation)
            {
                DropCorpus();
                _corpus = new CorpusState(_connection, LoadDirectory(tx), generation);
            }
            _corpus.Tx = tx;
            var result = body(_corpus);
            _corpus.Bump();
            tx.Commit();
            _corpus.Tx = null;
            return result;
        }
        catch
        {
            DropCorpus();
            throw;
        }
    }

    public SpeakerCorrection MergeSpeakers(string from, string into) => Correct(c =>
    {
        var a = RequireSpeaker(c, from);
        var b = RequireSpeaker(c, into);
        if (a == b) throw new SpeakerCorrectionException($"'{from}' and '{into}' are already one speaker ({a})");
        c.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('merge', $a, $b, $b, $at)", ("$a", a), ("$b", b), ("$at", Now()));
        var n = MoveSpeaker(c, a, b, null);
        c.Exec("UPDATE speaker_names SET speaker_id = $b WHERE speaker_id = $a", ("$a", a), ("$b", b));
        c.Directory.Merge(a, b);
        return new SpeakerCorrection("merge", b, a, n);
    });

    public SpeakerCorrection SplitSpeaker(string name) => Correct(c =>
    {
        var current = RequireSpeaker(c, name);
        var type = c.Directory.Get(current)?.Type ?? SpeakerType.Person;
        var key = c.Directory.KeyOf(name, type);
        var id = c.Directory.Split(name, current);
        var p = c.Directory.Get(id)!;
        c.Exec("INSERT INTO speakers (id, name, type) VALUES ($id, $name, $type) ON CONFLICT (id) DO NOTHING", ("$id", id), ("$name", p.Name),
            ("$type", ExtractionJson.TypeName(type)));
        c.Exec("INSERT INTO speaker_names (key, speaker_id, pinned) VALUES ($k, $id, 1) ON CONFLICT (key) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = 1",
            ("$k", key), ("$id", id));
        c.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('split', $a, $name, $id, $at)",
            ("$a", current), ("$name", name), ("$id", id), ("$at", Now()));
        var n = MoveSpeaker(c, current, id, key, type);
        return new SpeakerCorrection("split", id, current, n);
    });

    public SpeakerCorrection RenameSpeaker(string speaker, string name) => Correct(c =>
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SpeakerCorrectionException("the new name is empty");
        var id = RequireSpeaker(c, speaker);
        var key = c.Directory.Rename(id, name.Trim());
        c.Exec("UPDATE speakers SET name = $name WHERE id = $id", ("$name", name.Trim()), ("$id", id));
        c.Exec("INSERT INTO speaker_names (key, speaker_id, pinned) VALUES ($k, $id, 1) ON CONFLICT (key) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = 1",
            ("$k", key), ("$id", id));
        c.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('rename', $id, $name, $id, $at)", ("$id", id), ("$name", name.Trim()), ("$at", Now()));
        return new SpeakerCorrection("rename", id, null, 0);
    });

    public int ImportAliases(IReadOnlyList<AliasEntry> entries, string source) => Correct(c =>
    {
        var at = Now();
        foreach (var e in entries)
        {
            c.Exec("""INSERT INTO speaker_aliases (canonical, aliases, wikidata, role, "from", "to", source, added_at) VALUES ($c, $a, $w, $r, $f, $t, $s, $at)""",
                ("$c", e.Canonical), ("$a", string.Join('|', e.Aliases)), ("$w", e.Wikidata), ("$r", e.Role),
                ("$f", e.From is { } f ? FormatDate(f) : null), ("$t", e.To is { } t ? FormatDate(t) : null), ("$s", source), ("$at", at));
            // Names of one entry already seen as different speakers become one (as a merge override, so it lasts).
            var ids = c.Directory.IdsOf(e);
            foreach (var other in ids.Skip(1))
            {
                c.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('merge', $a, $b, $b, $at)", ("$a", other), ("$b", ids[0]), ("$at", at));
                MoveSpeaker(c, other, ids[0], null);
                c.Exec("UPDATE speaker_names SET speaker_id = $b WHERE speaker_id = $a", ("$a", other), ("$b", ids[0]));
                c.Directory.Merge(other, ids[0]);
            }
            c.Directory.AddAlias(e);
            if (c.Directory.IdsOf(e).FirstOrDefault() is { } id && (e.Wikidata is not null || e.Role is not null))
                c.Exec("UPDATE speakers SET wikidata = coalesce($w, wikidata), role = coalesce($r, role) WHERE id = $id", ("$w", e.Wikidata), ("$r", e.Role), ("$id", id));
        }
        return entries.Count;
    });

    /// <summary>Moves quotes and article speakers from one id to another (only those written as <paramref name="onlyKey"/>, when given).</summary>
    private static int MoveSpeaker(CorpusState c, string from, string to, string? onlyKey, SpeakerType type = SpeakerType.Person)
    {
        var n = 0;
        if (onlyKey is null)
        {
            n = c.Exec("UPDATE quotes SET speaker_id = $to WHERE speaker_id = $from", ("$to", to), ("$from", from));
            c.Exec("UPDATE article_speakers SET speaker_id = $to WHERE speaker_id = $from", ("$to", to), ("$from", from));
            return n;
        }
        var names = new List<string>();
        var cmd = CorpusState.Bind(c.Cmd("SELECT DISTINCT name FROM article_speakers WHERE speaker_id = $from UNION SELECT DISTINCT speaker_name FROM quotes WHERE speaker_id = $from AND speaker_name IS NOT NULL"),
            ("$from", from));
        using (var r = cmd.ExecuteReader())
            while (r.Read()) names.Add(r.GetString(0));
        foreach (var name in names.Where(x => c.Directory.KeyOf(x, type) == onlyKey))
        {
            n += c.Exec("UPDATE quotes SET speaker_id = $to WHERE speaker_id = $from AND speaker_name = $name", ("$to", to), ("$from", from), ("$name", name));
            c.Exec("UPDATE article_speakers SET speaker_id = $to WHERE speaker_id = $from AND name = $name", ("$to", to), ("$from", from), ("$name", name));
        }
        return n;
    }
}
