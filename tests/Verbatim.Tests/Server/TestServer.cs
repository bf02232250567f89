using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Verbatim.Cli;
using Verbatim.Readers;
using Verbatim.Server;
using Verbatim.Storage;
using Verbatim.Tests.Storage;

namespace Verbatim.Tests.Server;

/// <summary>
/// A running <c>verbatim serve</c> on a loopback port, in this process, over a store ingested from <c>samples/</c> plus
/// one hostile article (a quote holding a script tag), with one API key.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string Hostile = "<script>alert(1)</script>";
    public const string HostileArticleId = "hostile-2031-05-01";
    public const string HostileSpeakerId = "mallory-evans";

    /// <summary>A JSON Lines article whose quote, title, publisher and speaker carry markup.</summary>
    public static string HostileJsonLine => System.Text.Json.JsonSerializer.Serialize(new
    {
        id = HostileArticleId,
        date = "2031-05-01",
        title = "Markup <b>test</b> " + Hostile,
        url = "javascript:alert(2)",
        publisher = "<img src=x onerror=alert(3)>",
        text = $"\"{Hostile} is what I typed,\" Mallory Evans said on Thursday. \"<img src=x onerror=alert(4)> too,\" Mallory Evans said.",
    });

    private readonly TempFolder _temp = new();
    private WebApplication? _app;

    public required string Store { get; init; }
    public required string KeysFile { get; init; }
    public string Key { get; private set; } = "";
    public Uri BaseAddress { get; private set; } = null!;

    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Verbatim.sln"))) return d.FullName;
            throw new InvalidOperationException("no Verbatim.sln above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Starts a server over a SQLite store (or the given location) filled from samples/ and the hostile article.</summary>
    public static async Task<TestServer> StartAsync(string? store = null, Func<ServerOptions, ServerOptions>? configure = null, bool fill = true)
    {
        var temp = new TempFolder();
        var server = new TestServer { Store = store ?? temp.File("samples.db"), KeysFile = temp.File("keys") };
        server.Key = ApiKeys.Create(server.KeysFile, "tests").Key;
        if (fill)
        {
            using var s = QuoteStores.Open(server.Store);
            var samples = Path.Combine(RepoRoot, "samples");
            IngestCommand.Run(s, [Path.Combine(samples, "articles"), Path.Combine(samples, "wire.jsonl")], new ReaderOptions(), 2, 64, TextWriter.Null);
            var hostile = temp.File("hostile.jsonl");
            File.WriteAllText(hostile, HostileJsonLine + "\n");
            IngestCommand.Run(s, [hostile], new ReaderOptions(), 1, 64, TextWriter.Null);
        }
        var options = new ServerOptions { Store = server.Store, Urls = "http://127.0.0.1:0", KeysFile = server.KeysFile };
        server._app = VerbatimServer.Build(configure is null ? options : configure(options));
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Urls.First().TrimEnd('/') + "/");
        server._tempOwned = temp;
        return server;
    }

    private TempFolder? _tempOwned;

    public HttpClient Client(bool withKey = false)
    {
        var c = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (withKey) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _tempOwned?.Dispose();
        _temp.Dispose();
    }
}

/// <summary>One sample server shared by the API tests and the browser tests.</summary>
public sealed class SampleServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition("sample server")]
public sealed class SampleServerCollection : ICollectionFixture<SampleServerFixture>;
