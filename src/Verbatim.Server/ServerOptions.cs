namespace Verbatim.Server;

/// <summary>How <c>verbatim serve</c> runs.</summary>
public sealed record ServerOptions
{
    /// <summary>A SQLite file or a <c>postgres://</c> URL.</summary>
    public required string Store { get; init; }
    /// <summary>Where to listen (Kestrel URLs, separated by <c>;</c>).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    /// <summary>The API keys file (hashes only); null: writes are refused (no key can match).</summary>
    public string? KeysFile { get; init; }
    /// <summary>When true, every <c>/api</c> request needs a key, reads too; the web pages send the key the user saved.</summary>
    public bool ProtectReads { get; init; }
    /// <summary>The largest request body accepted by <c>POST /api/articles</c> (JSON Lines), in bytes.</summary>
    public long MaxIngestBytes { get; init; } = 16 * 1024 * 1024;
    /// <summary>The largest JSON body of the other POST endpoints (verify), in bytes.</summary>
    public long MaxJsonBytes { get; init; } = 64 * 1024;
    /// <summary>Origins allowed to call the API from other sites' pages; empty (the default): CORS off.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];
    /// <summary>Bytes of search responses kept for repeated searches (<see cref="SearchCache"/>); 0 turns the cache off.</summary>
    public long SearchCacheBytes { get; init; } = 32L * 1024 * 1024;
}
