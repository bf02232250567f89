using System.Data;
using Npgsql;
using NpgsqlTypes;
using Verbatim.Corpus;
using Verbatim.Output;

namespace Verbatim.Storage;

/// <summary>
/// The corpus part of the PostgreSQL store, as the SQLite store's: speaker identities, alias files and hand overrides,
/// quote clusters, verify. Each instance keeps a <see cref="SpeakerDirectory"/> and a <see cref="ClusterIndex"/> in memory.
/// Several writers share the store: every write runs under the schema's write lock and first catches up with what other
/// writers committed — the rows they wrote carry the generation of their batch (<c>gen</c>), so only those rows are read,
/// never the whole corpus again. A hand correction bumps a second counter, after which the directory is reloaded whole.
/// </summary>
public sealed partial class PostgresQuoteStore
{
    private const string CorpusMigrationSql = """
        ALTER TABLE speakers ADD COLUMN wikidata text, ADD COLUMN role text, ADD COLUMN gen bigint NOT NULL DEFAULT 0;
        CREATE INDEX speakers_gen ON speakers(gen);
        CREATE TABLE speaker_names (
            key        text PRIMARY KEY,
            speaker_id text NOT NULL,
            pinned     boolean NOT NULL DEFAULT false,
            gen        bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX speaker_names_speaker ON speaker_names(speaker_id);
        CREATE INDEX speaker_names_gen ON speaker_names(gen);
        CREATE TABLE speaker_aliases (
            key       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            canonical text NOT NULL,
            aliases   text NOT NULL,
            wikidata  text,
            role      text,
            "from"    date,
            "to"      date,
            source    text NOT NULL,
            added_at  timestamptz NOT NULL
        );
        CREATE TABLE speaker_overrides (
            key        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            action     text NOT NULL CHECK (action IN ('merge', 'split', 'rename')),
            speaker_id text NOT NULL,
            value      text NOT NULL,
            result     text,
            at         timestamptz NOT NULL
        );
        CREATE TABLE clusters (
            id          integer PRIMARY KEY,
            merged_into integer,
            first_quote bigint NOT NULL,
            first_date  date,
            gen         bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX clusters_gen ON clusters(gen);
        CREATE TABLE cluster_variants (
            id          integer PRIMARY KEY,
            cluster_id  integer NOT NULL,
            normalised  text NOT NULL,
            words       integer NOT NULL,
            fragment_of integer,
            first_quote bigint NOT NULL,
            gen         bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX cluster_variants_cluster ON cluster_variants(cluster_id);
        CREATE INDEX cluster_variants_gen ON cluster_variants(gen);
        CREATE TABLE quote_clusters (
            quote_key   bigint PRIMARY KEY,
            cluster_id  integer NOT NULL,
            variant_id  integer NOT NULL,
            article_key bigint NOT NULL,
            publisher   text
        );
        CREATE INDEX quote_clusters_cluster ON quote_clusters(cluster_id, article_key, publisher);
        CREATE INDEX quote_clusters_variant ON quote_clusters(variant_id);
        CREATE TABLE corpus_state (
            id          integer PRIMARY KEY CHECK (id = 1),
            generation  bigint NOT NULL,
            corrections bigint NOT NULL
        );
        INSERT INTO corpus_state (id, generation, corrections) VALUES (1, 0, 0);
        """;

    /// <summary>The in-memory corpus of one store instance, as of a generation of the store.</summary>
    private sealed class PgCorpus(SpeakerDirectory directory, long generation, long corrections)
    {
        public SpeakerDirectory Directory { get; set; } = directory;
        public ClusterIndex? Index { get; set; }
        public long Generation { get; set; } = generation;
        public long Corrections { get; set; } = corrections;
        /// <summary>Speaker ids the store has rows for (so a batch does not insert them again).</summary>
        public HashSet<string> Known { get; } = new(StringComparer.Ordinal);
        /// <summary>Quotes of an older store were clustered in this transaction: the generation must move on.</summary>
        public bool Dirty { get; set; }
    }

    private PgCorpus? _corpus;

    private void DropCorpus() => _corpus = null;

    /// <summary>
    /// Brings the in-memory corpus up to the store's generation inside <paramref name="tx"/> (under the write lock when
    /// <paramref name="forWrite"/>, else in a repeatable-read snapshot): a full load the first time or after a hand
    /// correction, otherwise only the rows other writers added or changed since.
    /// </summary>
    private PgCorpus Sync(NpgsqlConnection c, NpgsqlTransaction tx, bool withIndex, bool forWrite)
    {
        long generation, corrections;
        using (var cmd = new NpgsqlCommand("SELECT generation, corrections FROM corpus_state WHERE id = 1", c, tx))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read()) throw new InvalidOperationException("the store has no corpus_state row");
            (generation, corrections) = (r.GetInt64(0), r.GetInt64(1));
        }
        var corpus = _corpus;
        if (corpus is not null && corpus.Generation > generation) corpus = null; // the store went back (restored): start again
        if (corpus is null)
        {
            corpus = new PgCorpus(LoadDirectory(c, tx, out var known), generation, corrections);
            corpus.Known.UnionWith(known);
        }
        else if (corpus.Generation < generation)
        {
            if (corpus.Corrections != corrections)
            {
                corpus.Directory = LoadDirectory(c, tx, out var known);
                corpus.Known.Clear();
                corpus.Known.UnionWith(known);
            }
            else CatchUpDirectory(c, tx, corpus, corpus.Generation, generation);
            if (corpus.Index is not null) CatchUpIndex(c, tx, corpus.Index, corpus.Generation, generation);
            corpus.Generation = generation;
            corpus.Corrections = corrections;
        }
        _corpus = corpus;
        corpus.Dirty = false;
        if (withIndex && corpus.Index is null) corpus.Index = LoadIndex(c, tx, corpus, forWrite);
        return corpus;
    }

    private static void Bump(NpgsqlConnection c, NpgsqlTransaction tx, PgCorpus corpus, bool corrections)
    {
        using var cmd = new NpgsqlCommand(corrections
            ? "UPDATE corpus_state SET generation = @g, corrections = corrections + 1 WHERE id = 1 RETURNING corrections"
            : "UPDATE corpus_state SET generation = @g WHERE id = 1 RETURNING corrections", c, tx);
        cmd.Parameters.AddWithValue("g", corpus.Generation + 1);
        var n = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        corpus.Generation++;
        corpus.Corrections = n;
    }

    /// <summary>The corpus for reading (identities only unless <paramref name="withIndex"/>), caught up with the store.</summary>
    private PgCorpus CorpusForRead(bool withIndex)
    {
        using var c = _source.OpenConnection();
        if (withIndex && _corpus?.Index is null && HasUnclusteredQuotes(c))
        {
            // A store written before clustering existed: cluster its quotes once, under the write lock.
            using var wtx = c.BeginTransaction();
            try
            {
                LockWrites(c, wtx);
                var state = Sync(c, wtx, withIndex: true, forWrite: true);
                if (state.Dirty) Bump(c, wtx, state, corrections: false);
                wtx.Commit();
                return state;
            }
            catch
            {
                DropCorpus();
                throw;
            }
        }
        using var tx = c.BeginTransaction(IsolationLevel.RepeatableRead);
        try
        {
            var corpus = Sync(c, tx, withIndex, forWrite: false);
            tx.Commit();
            return corpus;
        }
        catch
        {
            DropCorpus();
            throw;
        }
    }

    private static bool HasUnclusteredQuotes(NpgsqlConnection c)
    {
        using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM quotes WHERE key > coalesce((SELECT max(quote_key) FROM quote_clusters), 0))", c);
        return (bool)cmd.ExecuteScalar()!;
    }

    private static SpeakerDirectory LoadDirectory(NpgsqlConnection c, NpgsqlTransaction tx, out List<string> known)
    {
        var aliases = new List<AliasEntry>(AliasFile.Seed);
        using (var cmd = new NpgsqlCommand("""SELECT canonical, aliases, wikidata, role, "from", "to" FROM speaker_aliases ORDER BY key""", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                aliases.Add(new AliasEntry(r.GetString(0), r.GetString(1).Split('|', StringSplitOptions.RemoveEmptyEntries),
                    StringOrNull(r, 2), StringOrNull(r, 3), DateOrNull(r, 4), DateOrNull(r, 5)));
        var d = new SpeakerDirectory(aliases);
        var locked = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = new NpgsqlCommand("SELECT speaker_id FROM speaker_overrides WHERE action = 'rename'", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) locked.Add(r.GetString(0));
        known = [];
        using (var cmd = new NpgsqlCommand("SELECT id, name, type, wikidata, role FROM speakers", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var id = r.GetString(0);
                known.Add(id);
                d.LoadSpeaker(id, r.GetString(1), ExtractionJson.ParseType(r.GetString(2)), StringOrNull(r, 3), StringOrNull(r, 4), locked.Contains(id));
            }
        var names = 0;
        using (var cmd = new NpgsqlCommand("SELECT key, speaker_id, pinned FROM speaker_names", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                d.LoadName(r.GetString(0), r.GetString(1), r.GetBoolean(2));
                names++;
            }
        if (names == 0)
        {
            // A store from before identities: its speakers keep their ids, and their names find them.
            using var cmd = new NpgsqlCommand("SELECT DISTINCT name, speaker_id FROM article_speakers", c, tx);
            using var r = cmd.ExecuteReader();
            while (r.Read()) d.LoadName(d.KeyOf(r.GetString(0)), r.GetString(1), false);
        }
        using (var cmd = new NpgsqlCommand("SELECT speaker_id, value FROM speaker_overrides WHERE action = 'merge' ORDER BY key", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) d.LoadMerge(r.GetString(0), r.GetString(1));
        return d;
    }

    /// <summary>The speakers and names other writers added or changed in generations (from, to].</summary>
    private static void CatchUpDirectory(NpgsqlConnection c, NpgsqlTransaction tx, PgCorpus corpus, long from, long to)
    {
        using (var cmd = new NpgsqlCommand("SELECT id, name, type, wikidata, role FROM speakers WHERE gen > @from AND gen <= @to ORDER BY gen, id", c, tx))
        {
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var id = r.GetString(0);
                corpus.Known.Add(id);
                corpus.Directory.LoadSpeaker(id, r.GetString(1), ExtractionJson.ParseType(r.GetString(2)), StringOrNull(r, 3), StringOrNull(r, 4), false);
            }
        }
        using (var cmd = new NpgsqlCommand("SELECT key, speaker_id, pinned FROM speaker_names WHERE gen > @from AND gen <= @to ORDER BY gen, key", c, tx))
        {
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            using var r = cmd.ExecuteReader();
            while (r.Read()) corpus.Directory.LoadName(r.GetString(0), r.GetString(1), r.GetBoolean(2));
        }
    }

    private static ClusterIndex LoadIndex(NpgsqlConnection c, NpgsqlTransaction tx, PgCorpus corpus, bool forWrite)
    {
        int variants, clusters;
        long words;
        using (var cmd = new NpgsqlCommand("SELECT (SELECT count(*) FROM cluster_variants), (SELECT coalesce(sum(words), 0) FROM cluster_variants), (SELECT count(*) FROM clusters)", c, tx))
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (variants, words, clusters) = ((int)r.GetInt64(0), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), (int)r.GetInt64(2));
        }
        var index = new ClusterIndex(variants + variants / 4, clusters + clusters / 4, words + words / 4);
        using (var cmd = new NpgsqlCommand("SELECT id, merged_into, first_date, first_quote FROM clusters ORDER BY id", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                index.RestoreCluster(r.GetInt32(0), r.IsDBNull(1) ? -1 : r.GetInt32(1), DateOrNull(r, 2), r.GetInt64(3));
        using (var cmd = new NpgsqlCommand("SELECT id, cluster_id, normalised, fragment_of FROM cluster_variants ORDER BY id", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                index.RestoreVariant(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? -1 : r.GetInt32(3));
        if (forWrite)
        {
            // Quotes stored before clustering existed (an older store): cluster them now, in key order.
            var writes = new ClusterWrites(index);
            var pending = 0;
            using (var cmd = new NpgsqlCommand("""
                SELECT q.key, q.text, a.date, a.key, a.publisher FROM quotes q JOIN articles a ON a.key = q.article_key
                WHERE q.key > coalesce((SELECT max(quote_key) FROM quote_clusters), 0) ORDER BY q.key
                """, c, tx))
            using (var r = cmd.ExecuteReader())
                while (r.Read())
                {
                    writes.Add(r.GetInt64(0), r.GetString(1), DateOrNull(r, 2), r.GetInt64(3), StringOrNull(r, 4));
                    pending++;
                }
            if (pending > 0)
            {
                writes.Flush(c, tx, corpus.Generation + 1);
                corpus.Dirty = true;
            }
        }
        return index;
    }

    /// <summary>The clusters and variants other writers added or changed in generations (from, to].</summary>
    private static void CatchUpIndex(NpgsqlConnection c, NpgsqlTransaction tx, ClusterIndex index, long from, long to)
    {
        var c0 = index.Clusters;
        var changed = new List<(int Id, int MergedInto, DateOnly? First, long Key)>();
        using (var cmd = new NpgsqlCommand("SELECT id, merged_into, first_date, first_quote FROM clusters WHERE gen > @from AND gen <= @to ORDER BY id", c, tx))
        {
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var row = (r.GetInt32(0), r.IsDBNull(1) ? -1 : r.GetInt32(1), DateOrNull(r, 2), r.GetInt64(3));
                if (row.Item1 >= c0) index.RestoreCluster(row.Item1, row.Item2, row.Item3, row.Item4);
                else changed.Add(row);
            }
        }
        foreach (var (id, into, first, key) in changed) index.UpdateCluster(id, into, first, key);
        var v0 = index.Variants;
        using (var cmd = new NpgsqlCommand("SELECT id, cluster_id, normalised, fragment_of FROM cluster_variants WHERE gen > @from AND gen <= @to ORDER BY id", c, tx))
        {
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var id = r.GetInt32(0);
                var fragmentOf = r.IsDBNull(3) ? -1 : r.GetInt32(3);
                if (id >= v0) index.RestoreVariant(id, r.GetInt32(1), r.GetString(2), fragmentOf);
                else index.SetFragmentOf(id, fragmentOf);
            }
        }
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
        ArgumentNullException.ThrowIfNull(query);
        var corpus = CorpusForRead(withIndex: true);
        using var c = _source.OpenConnection();
        var verifier = new Verifier(corpus.Index!, new Catalog(c), name => corpus.Directory.Lookup(name));
        return verifier.Verify(query);
    }

    /// <summary>Cluster facts and variant texts read from the store for the verifier, on one connection.</summary>
    private sealed class Catalog(NpgsqlConnection c) : IClusterCatalog
    {
        public ClusterFacts Facts(int cluster) => PostgresQuoteStore.Facts(c, cluster);
        public (int Quotes, int Articles, int Publishers) Counts(int cluster) => PostgresQuoteStore.Counts(c, cluster);
        public (bool BySpeaker, bool ByOthers) Attribution(int cluster, string speakerId) => PostgresQuoteStore.Attribution(c, cluster, speakerId);
        public string VariantText(int variant) => PostgresQuoteStore.VariantText(c, variant);
    }

    private static ClusterFacts Facts(NpgsqlConnection c, int cluster)
    {
        using var cmd = new NpgsqlCommand("""
            SELECT q.speaker_id, coalesce(s.name, q.speaker_name), a.date, a.article_id, a.publisher, a.url
            FROM clusters cl JOIN quotes q ON q.key = cl.first_quote JOIN articles a ON a.key = q.article_key
                LEFT JOIN speakers s ON s.id = q.speaker_id
            WHERE cl.id = @c
            """, c);
        cmd.Parameters.AddWithValue("c", cluster);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return new ClusterFacts(cluster, null, null, null, "", null, null);
        return new ClusterFacts(cluster, StringOrNull(r, 0), StringOrNull(r, 1), DateOrNull(r, 2), r.GetString(3), StringOrNull(r, 4), StringOrNull(r, 5));
    }

    private static (int Quotes, int Articles, int Publishers) Counts(NpgsqlConnection c, int cluster)
    {
        using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT article_key), count(DISTINCT lower(publisher)) FROM quote_clusters WHERE cluster_id = @c
            """, c);
        cmd.Parameters.AddWithValue("c", cluster);
        using var r = cmd.ExecuteReader();
        r.Read();
        return ((int)r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2));
    }

    private static (bool BySpeaker, bool ByOthers) Attribution(NpgsqlConnection c, int cluster, string speakerId)
    {
        using var cmd = new NpgsqlCommand("""
            SELECT
                EXISTS (SELECT 1 FROM quote_clusters qc JOIN quotes q ON q.key = qc.quote_key WHERE qc.cluster_id = @c AND q.speaker_id = @s),
                EXISTS (SELECT 1 FROM quote_clusters qc JOIN quotes q ON q.key = qc.quote_key WHERE qc.cluster_id = @c AND q.speaker_id <> @s)
            """, c);
        cmd.Parameters.AddWithValue("c", cluster);
        cmd.Parameters.AddWithValue("s", speakerId);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetBoolean(0), r.GetBoolean(1));
    }

    private static string VariantText(NpgsqlConnection c, int variant)
    {
        using var cmd = new NpgsqlCommand("SELECT q.text FROM cluster_variants v JOIN quotes q ON q.key = v.first_quote WHERE v.id = @v", c);
        cmd.Parameters.AddWithValue("v", variant);
        return cmd.ExecuteScalar() as string ?? "";
    }

    public IReadOnlyList<QuoteCluster> Clusters(int limit, string? speaker = null)
    {
        CorpusForRead(withIndex: true);
        var speakerId = string.IsNullOrWhiteSpace(speaker) ? null : LookupSpeaker(speaker);
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction(IsolationLevel.RepeatableRead);
        var ids = new List<int>();
        using (var cmd = new NpgsqlCommand("""
            SELECT qc.cluster_id, count(DISTINCT q.article_key) AS n
            FROM quote_clusters qc JOIN quotes q ON q.key = qc.quote_key
            WHERE @speaker::text IS NULL OR q.speaker_id = @speaker
            GROUP BY qc.cluster_id
            ORDER BY n DESC, qc.cluster_id
            LIMIT @limit
            """, c, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter("speaker", NpgsqlDbType.Text) { Value = (object?)speakerId ?? DBNull.Value });
            cmd.Parameters.AddWithValue("limit", Math.Max(0, limit));
            using var r = cmd.ExecuteReader();
            while (r.Read()) ids.Add(r.GetInt32(0));
        }
        return ids.Select(id => ClusterById(c, id)).ToList();
    }

    public QuoteCluster? ClusterOfQuote(string quoteId)
    {
        ArgumentNullException.ThrowIfNull(quoteId);
        CorpusForRead(withIndex: true);
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction(IsolationLevel.RepeatableRead);
        using var cmd = new NpgsqlCommand("SELECT qc.cluster_id FROM quotes q JOIN quote_clusters qc ON qc.quote_key = q.key WHERE q.quote_id = @id ORDER BY q.key LIMIT 1", c, tx);
        cmd.Parameters.AddWithValue("id", quoteId);
        return cmd.ExecuteScalar() is int id ? ClusterById(c, id) : null;
    }

    private static QuoteCluster ClusterById(NpgsqlConnection c, int cluster)
    {
        var f = Facts(c, cluster);
        var counts = Counts(c, cluster);
        var variants = new List<ClusterVariant>();
        using (var cmd = new NpgsqlCommand("""
            SELECT v.id, q.text, (SELECT count(*) FROM quote_clusters x WHERE x.variant_id = v.id) AS n, v.fragment_of IS NOT NULL, a.date, a.article_id
            FROM cluster_variants v JOIN quotes q ON q.key = v.first_quote JOIN articles a ON a.key = q.article_key
            WHERE v.cluster_id = @c
            ORDER BY v.words DESC, n DESC, v.id
            """, c))
        {
            cmd.Parameters.AddWithValue("c", cluster);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                variants.Add(new ClusterVariant(r.GetInt32(0), r.GetString(1), (int)r.GetInt64(2), r.GetBoolean(3), DateOrNull(r, 4), r.GetString(5)));
        }
        var outlets = new List<ClusterOutlet>();
        using (var cmd = new NpgsqlCommand("""
            SELECT min(qc.publisher), count(*), count(DISTINCT qc.article_key), min(a.date)
            FROM quote_clusters qc JOIN articles a ON a.key = qc.article_key
            WHERE qc.cluster_id = @c
            GROUP BY lower(qc.publisher)
            ORDER BY min(a.date) NULLS LAST, min(qc.publisher)
            """, c))
        {
            cmd.Parameters.AddWithValue("c", cluster);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                outlets.Add(new ClusterOutlet(StringOrNull(r, 0), (int)r.GetInt64(1), (int)r.GetInt64(2), DateOrNull(r, 3)));
        }
        return new QuoteCluster
        {
            Id = cluster,
            Outlets = outlets,
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
        ArgumentNullException.ThrowIfNull(nameOrId);
        var corpus = CorpusForRead(withIndex: false);
        var id = corpus.Directory.Lookup(nameOrId);
        if (id is null || corpus.Directory.Get(id) is not { } p) return null;
        using var c = _source.OpenConnection();
        var names = new List<string>();
        using (var cmd = new NpgsqlCommand("SELECT DISTINCT name FROM article_speakers WHERE speaker_id = @id ORDER BY name", c))
        {
            cmd.Parameters.AddWithValue("id", id);
            using var r = cmd.ExecuteReader();
            while (r.Read()) names.Add(r.GetString(0));
        }
        using var count = new NpgsqlCommand("SELECT count(*) FROM quotes WHERE speaker_id = @id", c);
        count.Parameters.AddWithValue("id", id);
        return new SpeakerIdentityInfo(id, p.Name, p.Wikidata, p.Role, Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), names);
    }

    private static string RequireSpeaker(PgCorpus corpus, string nameOrId) =>
        corpus.Directory.Lookup(nameOrId) is { } id && corpus.Directory.Get(id) is not null
            ? id : throw new SpeakerCorrectionException($"no speaker '{nameOrId}' in the store (see 'verbatim speakers')");

    /// <summary>One statement of a correction, run at once (its row count is part of the answer).</summary>
    private sealed class Correction(NpgsqlConnection c, NpgsqlTransaction tx, PgCorpus corpus)
    {
        public PgCorpus Corpus { get; } = corpus;
        public long Gen => Corpus.Generation + 1;
        public DateTime At { get; } = DateTime.UtcNow;

        public int Exec(string sql, params object?[] args)
        {
            using var cmd = new NpgsqlCommand(sql, c, tx);
            foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a ?? DBNull.Value });
            return cmd.ExecuteNonQuery();
        }

        public List<string> Strings(string sql, params object?[] args)
        {
            using var cmd = new NpgsqlCommand(sql, c, tx);
            foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a ?? DBNull.Value });
            var list = new List<string>();
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }
    }

    /// <summary>Runs a correction in one transaction under the write lock; other instances reload their directory after it.</summary>
    private T Correct<T>(Func<Correction, T> body)
    {
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction();
        try
        {
            LockWrites(c, tx);
            var corpus = Sync(c, tx, withIndex: false, forWrite: true);
            var result = body(new Correction(c, tx, corpus));
            Bump(c, tx, corpus, corrections: true);
            tx.Commit();
            return result;
        }
        catch
        {
            DropCorpus();
            throw;
        }
    }

    public SpeakerCorrection MergeSpeakers(string from, string into) => Correct(x =>
    {
        var a = RequireSpeaker(x.Corpus, from);
        var b = RequireSpeaker(x.Corpus, into);
        if (a == b) throw new SpeakerCorrectionException($"'{from}' and '{into}' are already one speaker ({a})");
        x.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('merge', $1, $2, $2, $3)", a, b, x.At);
        var n = MoveSpeaker(x, a, b, null);
        x.Exec("UPDATE speaker_names SET speaker_id = $1, gen = $3 WHERE speaker_id = $2", b, a, x.Gen);
        x.Corpus.Directory.Merge(a, b);
        return new SpeakerCorrection("merge", b, a, n);
    });

    public SpeakerCorrection SplitSpeaker(string name) => Correct(x =>
    {
        ArgumentNullException.ThrowIfNull(name);
        var current = RequireSpeaker(x.Corpus, name);
        var type = x.Corpus.Directory.Get(current)?.Type ?? SpeakerType.Person;
        var key = x.Corpus.Directory.KeyOf(name, type);
        var id = x.Corpus.Directory.Split(name, current);
        var p = x.Corpus.Directory.Get(id)!;
        x.Exec("INSERT INTO speakers (id, name, type, gen) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING", id, p.Name, ExtractionJson.TypeName(type), x.Gen);
        x.Corpus.Known.Add(id);
        x.Exec("""
            INSERT INTO speaker_names (key, speaker_id, pinned, gen) VALUES ($1, $2, true, $3)
            ON CONFLICT (key) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = true, gen = excluded.gen
            """, key, id, x.Gen);
        x.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('split', $1, $2, $3, $4)", current, name, id, x.At);
        var n = MoveSpeaker(x, current, id, key, type);
        return new SpeakerCorrection("split", id, current, n);
    });

    public SpeakerCorrection RenameSpeaker(string speaker, string name) => Correct(x =>
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SpeakerCorrectionException("the new name is empty");
        var id = RequireSpeaker(x.Corpus, speaker);
        var trimmed = name.Trim();
        var key = x.Corpus.Directory.Rename(id, trimmed);
        x.Exec("UPDATE speakers SET name = $1, gen = $3 WHERE id = $2", trimmed, id, x.Gen);
        x.Exec("""
            INSERT INTO speaker_names (key, speaker_id, pinned, gen) VALUES ($1, $2, true, $3)
            ON CONFLICT (key) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = true, gen = excluded.gen
            """, key, id, x.Gen);
        x.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('rename', $1, $2, $1, $3)", id, trimmed, x.At);
        return new SpeakerCorrection("rename", id, null, 0);
    });

    public int ImportAliases(IReadOnlyList<AliasEntry> entries, string source) => Correct(x =>
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            x.Exec("""INSERT INTO speaker_aliases (canonical, aliases, wikidata, role, "from", "to", source, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""",
                e.Canonical, string.Join('|', e.Aliases), Typed(e.Wikidata, NpgsqlDbType.Text), Typed(e.Role, NpgsqlDbType.Text),
                Typed(e.From, NpgsqlDbType.Date), Typed(e.To, NpgsqlDbType.Date), source, x.At);
            // Names of one entry already seen as different speakers become one (as a merge override, so it lasts).
            var ids = x.Corpus.Directory.IdsOf(e);
            foreach (var other in ids.Skip(1))
            {
                x.Exec("INSERT INTO speaker_overrides (action, speaker_id, value, result, at) VALUES ('merge', $1, $2, $2, $3)", other, ids[0], x.At);
                MoveSpeaker(x, other, ids[0], null);
                x.Exec("UPDATE speaker_names SET speaker_id = $1, gen = $3 WHERE speaker_id = $2", ids[0], other, x.Gen);
                x.Corpus.Directory.Merge(other, ids[0]);
            }
            x.Corpus.Directory.AddAlias(e);
            if (x.Corpus.Directory.IdsOf(e).FirstOrDefault() is { } id && (e.Wikidata is not null || e.Role is not null))
                x.Exec("UPDATE speakers SET wikidata = coalesce($1, wikidata), role = coalesce($2, role), gen = $4 WHERE id = $3",
                    Typed(e.Wikidata, NpgsqlDbType.Text), Typed(e.Role, NpgsqlDbType.Text), id, x.Gen);
        }
        return entries.Count;
    });

    /// <summary>Moves quotes and article speakers from one id to another (only those written as <paramref name="onlyKey"/>, when given).</summary>
    private static int MoveSpeaker(Correction x, string from, string to, string? onlyKey, SpeakerType type = SpeakerType.Person)
    {
        if (onlyKey is null)
        {
            var moved = x.Exec("UPDATE quotes SET speaker_id = $1 WHERE speaker_id = $2", to, from);
            x.Exec("UPDATE article_speakers SET speaker_id = $1 WHERE speaker_id = $2", to, from);
            return moved;
        }
        var n = 0;
        var names = x.Strings("""
            SELECT name FROM article_speakers WHERE speaker_id = $1
            UNION SELECT speaker_name FROM quotes WHERE speaker_id = $1 AND speaker_name IS NOT NULL
            """, from);
        foreach (var name in names.Where(n => x.Corpus.Directory.KeyOf(n, type) == onlyKey))
        {
            n += x.Exec("UPDATE quotes SET speaker_id = $1 WHERE speaker_id = $2 AND speaker_name = $3", to, from, name);
            x.Exec("UPDATE article_speakers SET speaker_id = $1 WHERE speaker_id = $2 AND name = $3", to, from, name);
        }
        return n;
    }
}
