using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Verbatim.Server;
using Verbatim.Storage;

namespace Verbatim.Tests.Server;

public sealed class SearchCacheTests
{
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void A_kept_answer_is_served_until_a_write_through_the_server()
    {
        var cache = new SearchCache(1 << 20, () => 7);
        Assert.False(cache.TryGet("q=a", out _));
        cache.Put("q=a", Bytes("A"), cache.Version);
        Assert.True(cache.TryGet("q=a", out var body));
        Assert.Equal("A", Encoding.UTF8.GetString(body));
        cache.Invalidate();
        Assert.False(cache.TryGet("q=a", out _));
        Assert.Equal((1, 2), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void An_answer_computed_before_a_write_is_not_kept()
    {
        var cache = new SearchCache(1 << 20, () => 7);
        var version = cache.Version; // a search starts
        cache.Invalidate();          // a write lands while it runs
        cache.Put("q=a", Bytes("old"), version);
        Assert.False(cache.TryGet("q=a", out _));
    }

    [Fact]
    public void Another_process_writing_clears_the_cache_at_the_next_poll()
    {
        long counter = 1;
        var cache = new SearchCache(1 << 20, () => counter, TimeSpan.Zero);
        cache.Put("q=a", Bytes("A"), cache.Version);
        Assert.True(cache.TryGet("q=a", out _));
        counter = 2;
        Assert.False(cache.TryGet("q=a", out _));
    }

    [Fact]
    public void Without_a_change_counter_answers_live_one_poll_interval_at_most()
    {
        var cache = new SearchCache(1 << 20, () => null, TimeSpan.Zero);
        cache.Put("q=a", Bytes("A"), cache.Version);
        Assert.False(cache.TryGet("q=a", out _));
    }

    [Fact]
    public void The_cache_stays_within_its_budget()
    {
        var cache = new SearchCache(64 * 1024, () => 1);
        var body = new byte[1000];
        for (var i = 0; i < 1000; i++) cache.Put("q=" + i, body, cache.Version);
        var kept = Enumerable.Range(0, 1000).Count(i => cache.TryGet("q=" + i, out _));
        Assert.InRange(kept, 1, 64);
        Assert.True(cache.TryGet("q=999", out _), "the newest answer is kept");
        var off = new SearchCache(0, () => 1);
        off.Put("q=a", body, off.Version);
        Assert.False(off.TryGet("q=a", out _));
    }

    [Fact]
    public async Task Searches_see_writes_through_the_api_at_once_and_other_processes_writes_soon()
    {
        await using var s = await TestServer.StartAsync(fill: false);
        using var c = s.Client(withKey: true);
        async Task<int> Count(string q) =>
            JsonDocument.Parse(await c.GetStringAsync("api/quotes?q=" + Uri.EscapeDataString(q))).RootElement.GetProperty("results").GetArrayLength();

        Assert.Equal(0, await Count("ferries"));
        Assert.Equal(0, await Count("ferries")); // kept
        var line = JsonSerializer.Serialize(new { id = "cache-1", date = "2031-06-01", text = "\"The ferries will run on time,\" Noor Halvik said on Monday." });
        Assert.Equal(HttpStatusCode.OK, (await c.PostAsync("api/articles", new StringContent(line, Encoding.UTF8, "application/x-ndjson"))).StatusCode);
        Assert.Equal(1, await Count("ferries"));

        Assert.Equal(0, await Count("lighthouse"));
        using (var other = QuoteStores.Open(s.Store, create: false))
        {
            var x = Verbatim.Pipeline.VerbatimPipeline.Default.Extract(new Article("cache-2", new DateOnly(2031, 6, 2),
                "\"The lighthouse stays lit,\" Noor Halvik said on Tuesday."));
            Assert.Equal(1, other.Ingest([x]).Stored);
        }
        var seen = false;
        for (var i = 0; i < 50 && !seen; i++)
        {
            seen = await Count("lighthouse") == 1;
            if (!seen) await Task.Delay(100);
        }
        Assert.True(seen, "a write by another process shows in searches within a few polls");
        var health = JsonDocument.Parse(await c.GetStringAsync("health")).RootElement.GetProperty("searchCache");
        Assert.True(health.GetProperty("hits").GetInt64() >= 1);
    }
}
