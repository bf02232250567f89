using Npgsql;
using Verbatim.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Storage;

/// <summary>The store contract on PostgreSQL (skipped without <c>VERBATIM_TEST_POSTGRES</c>), and what is PostgreSQL's own.</summary>
public sealed class PostgresQuoteStoreTests : QuoteStoreContract
{
    private readonly PostgresTestDatabase _db = new();

    protected override IQuoteStore NewStore() => QuoteStores.Open(_db.NewSchemaUrl());

    public override void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }

    [SkippableFact]
    public void A_new_store_is_at_the_latest_version_with_a_gin_index()
    {
        var url = _db.NewSchemaUrl();
        using var s = QuoteStores.Open(url);
        Assert.Equal(PostgresQuoteStore.LatestVersion, s.Stats().SchemaVersion);
        using var c = new NpgsqlConnection(PostgresQuoteStore.ConnectionString(url));
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'quotes_fts'", c);
        Assert.Contains("gin", (string)cmd.ExecuteScalar()!, StringComparison.OrdinalIgnoreCase);
        using var again = QuoteStores.Open(url); // reopening migrates nothing
        Assert.Equal(PostgresQuoteStore.LatestVersion, again.Stats().SchemaVersion);
    }

    [SkippableFact]
    public void Another_programs_schema_is_left_alone()
    {
        var url = _db.NewSchemaUrl();
        using (var c = new NpgsqlConnection(PostgresQuoteStore.ConnectionString(url)))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("CREATE TABLE customers (id int PRIMARY KEY)", c);
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<StoreOpenException>(() => QuoteStores.Open(url));
        Assert.Contains("not a Verbatim store", e.Message);
    }

    [SkippableFact]
    public void Several_writers_and_readers_at_once_store_each_article_once()
    {
        var url = _db.NewSchemaUrl();
        using (QuoteStores.Open(url)) { }
        var batches = Enumerable.Range(0, 40).Select(i => Article($"a{i}", "2022-01-01", "P",
            $"\"Number {i} is said,\" Jane Doe said. \"And {i % 5} too,\" John Roe said.",
            new Q($"Number {i} is said,", "Jane Doe"), new Q($"And {i % 5} too,", "John Roe"))).ToArray();
        var stored = 0;
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, w =>
        {
            using var s = QuoteStores.Open(url);
            for (var i = 0; i < 10; i++)
            {
                var batch = batches.Skip((w + i) % 30).Take(10).Reverse().ToArray();
                Interlocked.Add(ref stored, s.Ingest(batch).Stored);
                Assert.NotNull(s.Search(new SearchQuery { Words = "said" }));
            }
        });
        using var check = QuoteStores.Open(url);
        Assert.Equal(check.Stats().Articles, stored);
        Assert.Equal(2 * stored, check.Stats().Quotes);
    }

    [Fact]
    public void A_url_becomes_a_connection_string_and_its_password_is_never_shown()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresQuoteStore.ConnectionString("postgres://me:s%40cret@db.example:6543/quotes?schema=news&pool=7"));
        Assert.Equal(("db.example", 6543, "quotes", "me", "s@cret", "news", 7), (cs.Host, cs.Port, cs.Database, cs.Username, cs.Password, cs.SearchPath, cs.MaxPoolSize));
        Assert.DoesNotContain("cret", PostgresQuoteStore.Redact("postgres://me:s%40cret@db.example:6543/quotes"));
        Assert.Throws<StoreOpenException>(() => PostgresQuoteStore.ConnectionString("postgres://h/db?evil=1"));
    }

    [Theory]
    [InlineData("territory", "'territory'")]
    [InlineData("text:territory", "('text' <-> 'territory')")]
    [InlineData("counteroff*", "'counteroff':*")]
    [InlineData("a & b | !c", "'a' & 'b' & 'c'")]
    [InlineData("' OR 1=1 --", "'OR' & ('1' <-> '1')")]
    [InlineData("\" * - :", null)]
    public void Words_become_a_safe_tsquery(string words, string? expected) => Assert.Equal(expected, TsQuery.FromWords(words));
}
