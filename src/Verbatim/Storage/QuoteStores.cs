namespace Verbatim.Storage;

/// <summary>Opens the store a location names: a <c>postgres://</c> (or <c>postgresql://</c>) URL is a PostgreSQL store, anything else a SQLite file.</summary>
public static class QuoteStores
{
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (and migrates) a store; with <paramref name="create"/> false a missing SQLite file is a <see cref="StoreOpenException"/>.</summary>
    public static IQuoteStore Open(string location, bool create = true, ISpeakerIdentity? identity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return IsPostgres(location)
            ? PostgresQuoteStore.Open(location, identity)
            : SqliteQuoteStore.Open(location, create, identity);
    }

    /// <summary>The location with any password removed, for messages and logs.</summary>
    public static string Describe(string location) => IsPostgres(location) ? PostgresQuoteStore.Redact(location) : location;
}
