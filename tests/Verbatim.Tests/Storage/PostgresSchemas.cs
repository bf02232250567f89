namespace Verbatim.Tests.Storage;

/// <summary>PostgreSQL stores by name for tests that reopen a store: the same name is the same schema (see <see cref="PostgresTestDatabase"/>).</summary>
internal sealed class PostgresSchemas : IDisposable
{
    private readonly PostgresTestDatabase _db = new();
    private readonly Dictionary<string, string> _urls = new(StringComparer.Ordinal);

    /// <summary>The store location called <paramref name="name"/>; skips the calling test when no server is configured.</summary>
    public string Url(string name)
    {
        lock (_urls)
        {
            if (!_urls.TryGetValue(name, out var url)) _urls[name] = url = _db.NewSchemaUrl();
            return url;
        }
    }

    public void Dispose() => _db.Dispose();
}
