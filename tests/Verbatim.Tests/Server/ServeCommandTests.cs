using System.Net;
using Verbatim.Server;
using Verbatim.Tests.Storage;

namespace Verbatim.Tests.Server;

/// <summary>The CLI side: <c>verbatim keys create</c> and <c>verbatim serve</c> as a separate process.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void Keys_create_prints_a_key_once_and_keeps_its_hash_beside_the_store()
    {
        using var temp = new TempFolder();
        var store = temp.File("news.db");
        var (rc, stdout, stderr) = CliProcess.Run("keys", "create", "--store", store, "--name", "newsroom");
        Assert.Equal(0, rc);
        var key = stdout.Trim();
        Assert.StartsWith(ApiKeys.Prefix, key);
        Assert.Contains(store + ".keys", stderr);
        Assert.DoesNotContain(key, File.ReadAllText(store + ".keys"));
        Assert.Equal("newsroom", new ApiKeys(store + ".keys").Find(key)!.Name);
    }

    [Fact]
    public async Task Serve_runs_as_a_process_and_refuses_writes_without_a_key()
    {
        using var temp = new TempFolder();
        var store = temp.File("served.db");
        var port = FreePort();
        using var p = CliProcess.Start([CliProcess.CliDll(), "serve", "--store", store, "--urls", $"http://127.0.0.1:{port}"]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            HttpResponseMessage? health = null;
            for (var i = 0; i < 100 && health is null; i++)
            {
                try { health = await http.GetAsync("health"); }
                catch (HttpRequestException) { await Task.Delay(200); }
            }
            Assert.NotNull(health);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("api/articles", new StringContent("{}"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/quotes")).StatusCode);
            Assert.Contains("<script src=\"/app.js\"", await http.GetStringAsync("/speakers/anyone"));
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
