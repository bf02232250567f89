using Npgsql;

namespace Verbatim.Tests.Storage;

/// <summary>
/// The PostgreSQL server the tests may use: <c>VERBATIM_TEST_POSTGRES</c> (a <c>postgres://</c> URL of a database the
/// tests may create schemas in). Each store gets a schema of its own, dropped afterwards. Absent: the tests skip.
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    public const string Variable = "VERBATIM_TEST_POSTGRES";
    private readonly List<string> _schemas = [];

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    /// <summary>Skips the calling test, with the reason, when no server is configured.</summary>
    public static string Require()
    {
        Skip.If(Url is null, $"PostgreSQL tests need {Variable}=postgres://user@127.0.0.1:PORT/DB (set by .ci/run, which starts a server)");
        return Url!;
    }

    /// <summary>A store location on a new, empty schema.</summary>
    public string NewSchemaUrl()
    {
        var url = Require();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new NpgsqlConnection(Verbatim.Storage.PostgresQuoteStore.ConnectionString(url)))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            cmd.ExecuteNonQuery();
        }
        lock (_schemas) _schemas.Add(schema);
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "schema=" + schema;
    }

    public void Dispose()
    {
        if (Url is null || _schemas.Count == 0) return;
        try
        {
            using var c = new NpgsqlConnection(Verbatim.Storage.PostgresQuoteStore.ConnectionString(Url));
            c.Open();
            foreach (var s in _schemas)
            {
                using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {s} CASCADE", c);
                cmd.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException) { }
    }
}
