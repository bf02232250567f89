using Npgsql;
using NpgsqlTypes;
using Verbatim.Corpus;
using Verbatim.Output;
using Verbatim.Readers;

namespace Verbatim.Storage;

/// <summary>
/// Ingest into PostgreSQL. One batch is one transaction that first takes the store's write lock (a transaction-level
/// advisory lock per schema), so any number of processes on any number of machines can ingest into one store: extraction
/// runs in parallel everywhere, and the short write of each batch — deciding speaker identities and quote clusters
/// against everything already committed, then writing — happens one batch at a time. Rows go in with binary COPY
/// (articles, article speakers, mentions, quotes, clusters) and the few upserts in one round trip.
/// </summary>
public sealed partial class PostgresQuoteStore
{
    public bool ContainsContent(string contentHash)
    {
        using var c = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT 1 FROM articles WHERE content_hash = @h", c);
        cmd.Parameters.AddWithValue("h", contentHash);
        return cmd.ExecuteScalar() is not null;
    }

    public IngestResult Ingest(IReadOnlyList<ArticleExtraction> batch, IReadOnlyList<Rejection>? rejections = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return IngestOnce(batch, rejections ?? []);
            }
            catch (PostgresException e) when (IsTransient(e) && attempt < 5)
            {
                Thread.Sleep(20 * attempt);
            }
        }
    }

    /// <summary>Failures that a second try of the whole transaction can get past (another writer's commit came between).</summary>
    private static bool IsTransient(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation;

    /// <summary>The write lock of this schema: held until the transaction ends.</summary>
    private static void LockWrites(NpgsqlConnection c, NpgsqlTransaction tx) =>
        Exec(c, tx, "SELECT pg_advisory_xact_lock(hashtext('verbatim-write:' || current_schema()))");

    private IngestResult IngestOnce(IReadOnlyList<ArticleExtraction> batch, IReadOnlyList<Rejection> rejections)
    {
        int stored = 0, skipped = 0, quotes = 0;
        using var c = _source.OpenConnection();
        using var tx = c.BeginTransaction();
        try
        {
            LockWrites(c, tx);
            var corpus = Sync(c, tx, withIndex: true, forWrite: true);
            var gen = corpus.Generation + 1;
            var at = DateTime.UtcNow;

            // Which texts are new: under the lock no other writer can be adding the same text meanwhile.
            var hashes = new string[batch.Count];
            for (var i = 0; i < batch.Count; i++) hashes[i] = ContentHash.Of(batch[i].Article.Text);
            var seen = ExistingHashes(c, tx, hashes);
            var fresh = new List<(ArticleExtraction X, string Hash)>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (seen.Add(hashes[i])) fresh.Add((batch[i], hashes[i]));
                else skipped++;
            }

            if (fresh.Count > 0)
            {
                var articleKeys = NextKeys(c, tx, "articles", fresh.Count);
                using (var w = c.BeginBinaryImport("""
                    COPY articles (key, article_id, content_hash, date, title, url, publisher, origin, text, body_start, word_count, ingested_at)
                    FROM STDIN (FORMAT BINARY)
                    """))
                {
                    for (var i = 0; i < fresh.Count; i++)
                    {
                        var a = fresh[i].X.Article;
                        w.StartRow();
                        w.Write(articleKeys[i], NpgsqlDbType.Bigint);
                        w.Write(a.Id, NpgsqlDbType.Text);
                        w.Write(fresh[i].Hash, NpgsqlDbType.Text);
                        Date(w, a.Date);
                        Text(w, a.Title);
                        Text(w, a.Url);
                        Text(w, a.Publisher);
                        Text(w, a.Origin);
                        w.Write(a.Text, NpgsqlDbType.Text);
                        w.Write(a.BodyStart, NpgsqlDbType.Integer);
                        w.Write(Benchmarks.Words.Count(a.Text), NpgsqlDbType.Integer);
                        w.Write(at, NpgsqlDbType.TimestampTz);
                    }
                    w.Complete();
                }

                // Identities first (in memory, with the statements that persist them), then the rows that point at them.
                var ops = new SqlBatch(gen);
                var speakerRows = new List<(long Article, int Ord, string Id, Speaker S)>();
                var quoteRows = new List<(long Article, int Ord, Quote Q, string? SpeakerId, int Fresh)>();
                for (var f = 0; f < fresh.Count; f++)
                {
                    var x = fresh[f].X;
                    var key = articleKeys[f];
                    var corpusIds = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var i = 0; i < x.Speakers.Count; i++)
                    {
                        var s = x.Speakers[i];
                        var id = SpeakerId(corpus, ops, s.Name, s.Type, s.Title, x.Article);
                        corpusIds.TryAdd(s.Id, id);
                        EnsureSpeaker(corpus, ops, id, s.Name, s.Type);
                        speakerRows.Add((key, i, id, s));
                    }
                    for (var i = 0; i < x.Quotes.Count; i++)
                    {
                        var q = x.Quotes[i];
                        string? speakerId = null;
                        if (q.Speaker is { } sp)
                        {
                            speakerId = corpusIds.TryGetValue(sp.Id, out var known) ? known : SpeakerId(corpus, ops, sp.Name, sp.Type, null, x.Article);
                            EnsureSpeaker(corpus, ops, speakerId, sp.Name, sp.Type);
                        }
                        quoteRows.Add((key, i, q, speakerId, f));
                    }
                    quotes += x.Quotes.Count;
                }
                stored = fresh.Count;
                ops.Run(c, tx);

                using (var w = c.BeginBinaryImport("COPY article_speakers (article_key, ord, speaker_id, name, type, title) FROM STDIN (FORMAT BINARY)"))
                {
                    foreach (var (article, ord, id, s) in speakerRows)
                    {
                        w.StartRow();
                        w.Write(article, NpgsqlDbType.Bigint);
                        w.Write(ord, NpgsqlDbType.Integer);
                        w.Write(id, NpgsqlDbType.Text);
                        w.Write(s.Name, NpgsqlDbType.Text);
                        w.Write(ExtractionJson.TypeName(s.Type), NpgsqlDbType.Text);
                        Text(w, s.Title);
                    }
                    w.Complete();
                }
                using (var w = c.BeginBinaryImport("""COPY mentions (article_key, speaker_ord, ord, start, "end", text) FROM STDIN (FORMAT BINARY)"""))
                {
                    foreach (var (article, ord, _, s) in speakerRows)
                        for (var m = 0; m < s.Mentions.Count; m++)
                        {
                            var mention = s.Mentions[m];
                            w.StartRow();
                            w.Write(article, NpgsqlDbType.Bigint);
                            w.Write(ord, NpgsqlDbType.Integer);
                            w.Write(m, NpgsqlDbType.Integer);
                            w.Write(mention.Start, NpgsqlDbType.Integer);
                            w.Write(mention.End, NpgsqlDbType.Integer);
                            w.Write(mention.Text, NpgsqlDbType.Text);
                        }
                    w.Complete();
                }

                var quoteKeys = NextKeys(c, tx, "quotes", quoteRows.Count);
                using (var w = c.BeginBinaryImport("""
                    COPY quotes (key, quote_id, article_key, ord, kind, text, content,
                        cue_start, cue_end, cue_text, source_start, source_end, source_text,
                        addressee_start, addressee_end, addressee_text,
                        speaker_id, speaker_name, speaker_type, uttered, confidence, times)
                    FROM STDIN (FORMAT BINARY)
                    """))
                {
                    for (var i = 0; i < quoteRows.Count; i++)
                    {
                        var (article, ord, q, speakerId, _) = quoteRows[i];
                        w.StartRow();
                        w.Write(quoteKeys[i], NpgsqlDbType.Bigint);
                        w.Write(q.Id, NpgsqlDbType.Text);
                        w.Write(article, NpgsqlDbType.Bigint);
                        w.Write(ord, NpgsqlDbType.Integer);
                        w.Write(ExtractionJson.KindName(q.Kind), NpgsqlDbType.Text);
                        if (q.Text is null) throw new ArgumentException($"quote {q.Id} has no text");
                        w.Write(q.Text, NpgsqlDbType.Text);
                        w.Write(SqliteQuoteStore.ContentJson(q.Content), NpgsqlDbType.Text);
                        Span(w, q.Cue);
                        Span(w, q.Source);
                        Span(w, q.Addressee);
                        Text(w, speakerId);
                        Text(w, q.Speaker?.Name);
                        Text(w, q.Speaker is { } sp ? ExtractionJson.TypeName(sp.Type) : null);
                        Date(w, q.Uttered);
                        w.Write(q.Confidence, NpgsqlDbType.Double);
                        w.Write(SqliteQuoteStore.TimesJson(q.Times), NpgsqlDbType.Text);
                    }
                    w.Complete();
                }

                var clusters = new ClusterWrites(corpus.Index!);
                for (var i = 0; i < quoteRows.Count; i++)
                {
                    var a = fresh[quoteRows[i].Fresh].X.Article;
                    clusters.Add(quoteKeys[i], quoteRows[i].Q.Text, a.Date, quoteRows[i].Article, a.Publisher);
                }
                clusters.Flush(c, tx, gen);
            }

            if (rejections.Count > 0)
            {
                var ops = new SqlBatch(gen);
                foreach (var r in rejections)
                    ops.Add("""
                        INSERT INTO rejects (record, reason, raw, at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (record, reason) DO UPDATE SET at = excluded.at, raw = excluded.raw
                        """, r.Record, r.Reason, Typed(r.Raw, NpgsqlDbType.Text), at);
                ops.Run(c, tx);
            }
            if (stored > 0 || corpus.Dirty) Bump(c, tx, corpus, corrections: false);
            tx.Commit();
        }
        catch
        {
            DropCorpus(); // the in-memory identities and clusters may hold what was rolled back: reload them from the store
            throw;
        }
        return new IngestResult(stored, skipped, quotes, rejections.Count);
    }

    private static HashSet<string> ExistingHashes(NpgsqlConnection c, NpgsqlTransaction tx, string[] hashes)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        using var cmd = new NpgsqlCommand("SELECT content_hash FROM articles WHERE content_hash = ANY(@h)", c, tx);
        cmd.Parameters.Add(new NpgsqlParameter("h", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = hashes });
        using var r = cmd.ExecuteReader();
        while (r.Read()) found.Add(r.GetString(0));
        return found;
    }

    /// <summary><paramref name="n"/> new keys of a table's identity column, in increasing order (rows keep ingest order).</summary>
    private static long[] NextKeys(NpgsqlConnection c, NpgsqlTransaction tx, string table, int n)
    {
        var keys = new long[n];
        if (n == 0) return keys;
        using var cmd = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence(@t, 'key')) FROM generate_series(1, @n)", c, tx);
        cmd.Parameters.AddWithValue("t", table);
        cmd.Parameters.AddWithValue("n", n);
        using (var r = cmd.ExecuteReader())
            for (var i = 0; r.Read(); i++) keys[i] = r.GetInt64(0);
        Array.Sort(keys);
        return keys;
    }

    /// <summary>The corpus-wide id of a speaker of an article; new names and speakers are written with the batch.</summary>
    private string SpeakerId(PgCorpus corpus, SqlBatch ops, string name, SpeakerType type, string? title, Article article)
    {
        if (_identity is not null) return _identity.IdFor(name, type);
        var d = corpus.Directory.Resolve(name, type, title, article.Text, article.Date, article.Id);
        if (d.NewPerson)
        {
            ops.Add("""
                INSERT INTO speakers (id, name, type, wikidata, role, gen) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO UPDATE SET wikidata = excluded.wikidata, role = excluded.role, gen = excluded.gen
                """, d.Id, d.Name, ExtractionJson.TypeName(type), Typed(d.Wikidata, NpgsqlDbType.Text), Typed(d.Role, NpgsqlDbType.Text), ops.Gen);
            corpus.Known.Add(d.Id);
        }
        else if (d.NameChanged)
            ops.Add("UPDATE speakers SET name = $1, gen = $2 WHERE id = $3", d.Name, ops.Gen, d.Id);
        if (d.NewKey)
            ops.Add("INSERT INTO speaker_names (key, speaker_id, pinned, gen) VALUES ($1, $2, false, $3) ON CONFLICT (key) DO NOTHING", d.Key, d.Id, ops.Gen);
        return d.Id;
    }

    /// <summary>A speaker row for an id the store may not have yet (a caller's own identity, an id from an older store).</summary>
    private static void EnsureSpeaker(PgCorpus corpus, SqlBatch ops, string id, string name, SpeakerType type)
    {
        if (corpus.Known.Add(id))
            ops.Add("INSERT INTO speakers (id, name, type, gen) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
                id, name, ExtractionJson.TypeName(type), ops.Gen);
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull();
        else w.Write(value, NpgsqlDbType.Text);
    }

    private static void Date(NpgsqlBinaryImporter w, DateOnly? value)
    {
        if (value is { } d) w.Write(d, NpgsqlDbType.Date);
        else w.WriteNull();
    }

    private static void Span(NpgsqlBinaryImporter w, SpanText? s)
    {
        if (s is null)
        {
            w.WriteNull();
            w.WriteNull();
            w.WriteNull();
            return;
        }
        w.Write(s.Start, NpgsqlDbType.Integer);
        w.Write(s.End, NpgsqlDbType.Integer);
        w.Write(s.Text, NpgsqlDbType.Text);
    }

    /// <summary>A parameter value with its type, so that a null still has one.</summary>
    private static NpgsqlParameter Typed(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>Statements run together in one round trip, in order, with positional parameters.</summary>
    private sealed class SqlBatch(long gen)
    {
        private readonly List<NpgsqlBatchCommand> _commands = [];

        /// <summary>The generation the rows written now carry (see <see cref="PgCorpus"/>).</summary>
        public long Gen { get; } = gen;

        public int Count => _commands.Count;

        public void Add(string sql, params object?[] args)
        {
            var cmd = new NpgsqlBatchCommand(sql);
            foreach (var a in args)
                cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a ?? DBNull.Value });
            _commands.Add(cmd);
        }

        public void Run(NpgsqlConnection c, NpgsqlTransaction tx)
        {
            if (_commands.Count == 0) return;
            using var batch = new NpgsqlBatch(c, tx);
            foreach (var cmd in _commands) batch.BatchCommands.Add(cmd);
            batch.ExecuteNonQuery();
            _commands.Clear();
        }
    }

    /// <summary>
    /// What clustering a batch's quotes changed, written at the end of the batch: merges applied to earlier rows in order,
    /// earlier clusters and variants updated, and the batch's new clusters, variants and quote links copied in.
    /// </summary>
    private sealed class ClusterWrites
    {
        private readonly ClusterIndex _index;
        private readonly int _c0, _v0;
        private readonly List<(long Quote, int Variant, long Article, string? Publisher)> _rows = [];
        private readonly List<(int From, int Into)> _merges = [];
        private readonly HashSet<int> _touched = [];
        private readonly HashSet<int> _fragments = [];
        private readonly Dictionary<int, (string Normalised, long Quote)> _newVariants = [];

        public ClusterWrites(ClusterIndex index)
        {
            _index = index;
            _c0 = index.Clusters;
            _v0 = index.Variants;
        }

        public void Add(long quoteKey, string text, DateOnly? date, long articleKey, string? publisher)
        {
            var ch = _index.Add(text, date, quoteKey);
            if (ch.IsNone) return;
            if (ch.NewVariant) _newVariants[ch.Variant] = (MatchText.Normalise(text), quoteKey);
            foreach (var (from, into, fragment) in _index.LastMerges)
            {
                _merges.Add((from, into));
                if (from < _c0) _touched.Add(from);
                if (into < _c0) _touched.Add(into);
                if (fragment < _v0) _fragments.Add(fragment);
            }
            if ((ch.FirstSeenChanged || _index.LastMerges.Count > 0) && ch.Cluster < _c0) _touched.Add(ch.Cluster);
            _rows.Add((quoteKey, ch.Variant, articleKey, publisher));
        }

        public void Flush(NpgsqlConnection c, NpgsqlTransaction tx, long gen)
        {
            var ops = new SqlBatch(gen);
            foreach (var (from, into) in _merges)
            {
                ops.Add("UPDATE quote_clusters SET cluster_id = $1 WHERE cluster_id = $2", into, from);
                ops.Add("UPDATE cluster_variants SET cluster_id = $1 WHERE cluster_id = $2", into, from);
            }
            if (_touched.Count > 0)
            {
                var ids = _touched.Order().ToArray();
                ops.Add("""
                    UPDATE clusters c SET merged_into = nullif(u.m, -1), first_quote = u.q, first_date = u.d, gen = $5
                    FROM unnest($1::integer[], $2::integer[], $3::bigint[], $4::date[]) AS u(id, m, q, d)
                    WHERE c.id = u.id
                    """,
                    ids, ids.Select(id => _index.Find(id) is var root && root == id ? -1 : root).ToArray(),
                    ids.Select(_index.FirstKey).ToArray(), ids.Select(_index.FirstDate).ToArray(), gen);
            }
            if (_fragments.Count > 0)
            {
                var ids = _fragments.Order().ToArray();
                ops.Add("""
                    UPDATE cluster_variants v SET fragment_of = u.f, gen = $3
                    FROM unnest($1::integer[], $2::integer[]) AS u(id, f)
                    WHERE v.id = u.id AND v.fragment_of IS NULL AND u.f >= 0
                    """, ids, ids.Select(_index.FragmentOf).ToArray(), gen);
            }
            ops.Run(c, tx);

            using (var w = c.BeginBinaryImport("COPY clusters (id, merged_into, first_quote, first_date, gen) FROM STDIN (FORMAT BINARY)"))
            {
                for (var id = _c0; id < _index.Clusters; id++)
                {
                    var root = _index.Find(id);
                    w.StartRow();
                    w.Write(id, NpgsqlDbType.Integer);
                    if (root == id) w.WriteNull();
                    else w.Write(root, NpgsqlDbType.Integer);
                    w.Write(_index.FirstKey(id), NpgsqlDbType.Bigint);
                    Date(w, _index.FirstDate(id));
                    w.Write(gen, NpgsqlDbType.Bigint);
                }
                w.Complete();
            }
            using (var w = c.BeginBinaryImport("COPY cluster_variants (id, cluster_id, normalised, words, fragment_of, first_quote, gen) FROM STDIN (FORMAT BINARY)"))
            {
                for (var id = _v0; id < _index.Variants; id++)
                {
                    var (normalised, quote) = _newVariants[id];
                    var fragmentOf = _index.FragmentOf(id);
                    w.StartRow();
                    w.Write(id, NpgsqlDbType.Integer);
                    w.Write(_index.ClusterOf(id), NpgsqlDbType.Integer);
                    w.Write(normalised, NpgsqlDbType.Text);
                    w.Write(_index.WordCount(id), NpgsqlDbType.Integer);
                    if (fragmentOf < 0) w.WriteNull();
                    else w.Write(fragmentOf, NpgsqlDbType.Integer);
                    w.Write(quote, NpgsqlDbType.Bigint);
                    w.Write(gen, NpgsqlDbType.Bigint);
                }
                w.Complete();
            }
            using (var w = c.BeginBinaryImport("COPY quote_clusters (quote_key, cluster_id, variant_id, article_key, publisher) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (quote, variant, article, publisher) in _rows)
                {
                    w.StartRow();
                    w.Write(quote, NpgsqlDbType.Bigint);
                    w.Write(_index.ClusterOf(variant), NpgsqlDbType.Integer);
                    w.Write(variant, NpgsqlDbType.Integer);
                    w.Write(article, NpgsqlDbType.Bigint);
                    Text(w, publisher);
                }
                w.Complete();
            }
        }
    }
}
