using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Verbatim.Server;
using Verbatim.Tests.Storage;

namespace Verbatim.Tests.Server;

[Collection("sample server")]
public sealed class ApiTests(SampleServerFixture fixture)
{
    private TestServer S => fixture.Server;

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> Get(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var c = S.Client();
        var r = await c.GetAsync(path);
        Assert.Equal(expected, r.StatusCode);
        return await Json(r);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_answer()
    {
        Assert.Equal("ok", (await Get("health")).GetProperty("status").GetString());
        var doc = await Get("openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/quotes", "/api/quotes/{id}", "/api/speakers", "/api/speakers/{id}", "/api/articles/{id}", "/api/verify", "/api/articles", "/health" })
            Assert.True(paths.TryGetProperty(p, out _), p + " is documented");
    }

    [Fact]
    public async Task Search_highlights_the_matched_words_and_pages()
    {
        var r = await Get("api/quotes?q=strike&size=5");
        var results = r.GetProperty("results");
        Assert.Equal(5, results.GetArrayLength());
        Assert.True(r.GetProperty("hasMore").GetBoolean());
        foreach (var hit in results.EnumerateArray())
        {
            var marked = hit.GetProperty("snippet").EnumerateArray().Where(p => p.GetProperty("hit").GetBoolean()).Select(p => p.GetProperty("text").GetString()!).ToList();
            Assert.NotEmpty(marked);
            Assert.All(marked, m => Assert.StartsWith("strik", m, StringComparison.OrdinalIgnoreCase));
        }
        var page2 = await Get("api/quotes?q=strike&size=5&page=2");
        Assert.Empty(results.EnumerateArray().Select(x => x.GetProperty("id").GetString())
            .Intersect(page2.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("id").GetString())));
    }

    [Fact]
    public async Task Search_filters_by_speaker_publisher_and_dates()
    {
        var r = await Get("api/quotes?speaker=Ana%20Morell&from=2031-03-01&to=2031-03-31&size=100");
        var results = r.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, q => Assert.Equal("ana-morell", q.GetProperty("speaker").GetProperty("id").GetString()));
        Assert.All(results, q => Assert.StartsWith("2031-03", q.GetProperty("date").GetString()));
        var ledger = await Get("api/quotes?publisher=valdoria%20ledger&size=100");
        Assert.All(ledger.GetProperty("results").EnumerateArray(), q => Assert.Equal("Valdoria Ledger", q.GetProperty("publisher").GetString()));
    }

    [Theory]
    [InlineData("api/quotes?page=x", "page")]
    [InlineData("api/quotes?page=0", "page")]
    [InlineData("api/quotes?size=1000", "size")]
    [InlineData("api/quotes?size=-1", "size")]
    [InlineData("api/quotes?from=2031-13-01", "from")]
    [InlineData("api/quotes?to=yesterday", "to")]
    [InlineData("api/quotes?from=2031-04-01&to=2031-03-01", "after")]
    [InlineData("api/speakers?size=abc", "size")]
    public async Task A_malformed_parameter_is_a_400_with_a_message(string path, string mentions)
    {
        var e = await Get(path, HttpStatusCode.BadRequest);
        Assert.Equal(400, e.GetProperty("status").GetInt32());
        Assert.Contains(mentions, e.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Query_syntax_in_the_words_is_plain_text()
    {
        foreach (var q in new[] { "\"", "NEAR(", "strike*", "'; DROP TABLE quotes; --", "a:b", "*" })
            await Get("api/quotes?q=" + Uri.EscapeDataString(q));
        Assert.NotEqual(0, (await Get("api/quotes?q=strike")).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task A_quote_comes_with_its_article_offsets_and_provenance()
    {
        var hit = (await Get("api/quotes?q=victory+family+waterfront&size=1")).GetProperty("results")[0];
        var id = hit.GetProperty("id").GetString()!;
        var d = await Get("api/quotes/" + Uri.EscapeDataString(id));
        Assert.Equal(id, d.GetProperty("quote").GetProperty("id").GetString());
        Assert.NotEqual(0, d.GetProperty("content").GetArrayLength());
        var prov = d.GetProperty("provenance");
        Assert.Equal("2031-04-03", prov.GetProperty("firstSeen").GetString());
        Assert.NotEqual(0, prov.GetProperty("outlets").GetArrayLength());
        Assert.NotEqual(0, d.GetProperty("cluster").GetProperty("variants").GetArrayLength());
        var e = await Get("api/quotes/" + Uri.EscapeDataString("nope#q1"), HttpStatusCode.NotFound);
        Assert.Contains("nope#q1", e.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_article_has_its_text_and_every_quotes_offsets()
    {
        var a = await Get("api/articles/harbor-times-2031-04-03-strike-deal");
        var text = a.GetProperty("text").GetString()!;
        var quotes = a.GetProperty("quotes").EnumerateArray().ToList();
        Assert.NotEmpty(quotes);
        foreach (var q in quotes)
        {
            var parts = q.GetProperty("content").EnumerateArray().Select(c => text[c.GetProperty("start").GetInt32()..c.GetProperty("end").GetInt32()]);
            Assert.Equal(q.GetProperty("text").GetString(), string.Join(' ', parts));
        }
        await Get("api/articles/missing", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Speakers_are_found_and_profiled()
    {
        var list = await Get("api/speakers?q=mirzh");
        // One speaker for every spelling (Teodor, Theodor Mirzhanenko); which spelling names them depends on the corpus.
        var id = Assert.Single(list.GetProperty("results").EnumerateArray().Select(s => s.GetProperty("id").GetString()),
            i => i!.EndsWith("-mirzhanenko", StringComparison.Ordinal));
        var s = await Get($"api/speakers/{id}");
        Assert.EndsWith("odor Mirzhanenko", s.GetProperty("name").GetString());
        Assert.Equal("week", s.GetProperty("period").GetString());
        var weeks = s.GetProperty("quotesOverTime").EnumerateArray().ToList();
        Assert.Equal(s.GetProperty("quotes").GetInt32(), weeks.Sum(w => w.GetProperty("quotes").GetInt32()));
        Assert.All(weeks, w => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(w.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek));
        // Every spelling the articles used (the samples spell him four ways), and what he talks about.
        var aliases = s.GetProperty("aliases").EnumerateArray().ToList();
        Assert.True(aliases.Count >= 2, "the speaker's spellings are listed: " + string.Join(", ", aliases));
        Assert.Equal(s.GetProperty("quotes").GetInt32(), aliases.Sum(a => a.GetProperty("quotes").GetInt32()));
        Assert.Contains(s.GetProperty("subjects").EnumerateArray(), t => t.GetProperty("term").GetString() == "union");
        Assert.NotEqual(0, s.GetProperty("latest").GetArrayLength());
        await Get("api/speakers/nobody-at-all", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Verify_finds_the_quote_and_checks_the_speaker()
    {
        using var c = S.Client();
        var text = "This is not a victory for the union, it is a victory for every family on the waterfront.";
        var r = await c.PostAsJsonAsync("api/verify", new { text, speaker = "Teodor Mirzhanenko" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var v = await Json(r);
        Assert.Equal("verbatim", v.GetProperty("verdict").GetString());
        Assert.True(v.GetProperty("speakerMatches").GetBoolean());
        Assert.EndsWith("-mirzhanenko", v.GetProperty("matches")[0].GetProperty("speaker").GetProperty("id").GetString());
        Assert.Equal("2031-04-03", v.GetProperty("matches")[0].GetProperty("firstSeen").GetString());

        var other = await Json(await c.PostAsJsonAsync("api/verify", new { text, speaker = "Ana Morell" }));
        Assert.Equal("misattributed", other.GetProperty("verdict").GetString());
        Assert.False(other.GetProperty("speakerMatches").GetBoolean());
        Assert.EndsWith("odor Mirzhanenko", other.GetProperty("saidBy").GetString());

        var changed = await Json(await c.PostAsJsonAsync("api/verify", new { text = "This is not a win for the union, it is a victory for every family on the waterfront." }));
        Assert.Equal("altered", changed.GetProperty("verdict").GetString());
        Assert.Contains("{+win+}", changed.GetProperty("diff").GetString());

        var part = await Json(await c.PostAsJsonAsync("api/verify", new { text = "a victory for every family on the waterfront" }));
        Assert.Equal("fragment", part.GetProperty("verdict").GetString());
        Assert.Contains("not a victory for the union", part.GetProperty("fullText").GetString());

        var none = await Json(await c.PostAsJsonAsync("api/verify", new { text = "Purple elephants dance quietly in Zanzibar." }));
        Assert.Equal("not_found", none.GetProperty("verdict").GetString());
        Assert.Null(none.GetProperty("speakerMatches").GetString());

        var bad = await c.PostAsync("api/verify", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var empty = await c.PostAsJsonAsync("api/verify", new { speaker = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("text", (await Json(empty)).GetProperty("detail").GetString());
        var badDate = await c.PostAsJsonAsync("api/verify", new { text, date = "last week" });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("date", (await Json(badDate)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("This is not a victory for the union, it is a victory for every family on the waterfront.", "Teodor Mirzhanenko")]
    [InlineData("This is not a victory for the union, it is a victory for every family on the waterfront.", "Ana Morell")]
    [InlineData("This is not a win for the union, it is a victory for every family on the waterfront.", null)]
    [InlineData("a victory for every family on the waterfront", null)]
    [InlineData("Purple elephants dance quietly in Zanzibar.", "Ana Morell")]
    public async Task Verify_answers_as_the_cli_does(string claim, string? speaker)
    {
        using var c = S.Client();
        var api = await Json(await c.PostAsJsonAsync("api/verify", new { text = claim, speaker, limit = 5 }));
        string[] args = speaker is null ? ["verify", claim, "--json", "--store", S.Store] : ["verify", claim, "--speaker", speaker, "--json", "--store", S.Store];
        var (rc, stdout, stderr) = CliProcess.Run(args);
        Assert.True(rc == 0, stderr);
        var cli = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(cli.GetProperty("verdict").GetString(), api.GetProperty("verdict").GetString());
        var cliMatches = cli.GetProperty("matches").EnumerateArray().ToList();
        var apiMatches = api.GetProperty("matches").EnumerateArray().ToList();
        Assert.Equal(cliMatches.Count, apiMatches.Count);
        foreach (var (x, y) in cliMatches.Zip(apiMatches))
        {
            Assert.Equal(x.GetProperty("text").GetString(), y.GetProperty("text").GetString());
            Assert.Equal(x.GetProperty("similarity").GetDouble(), y.GetProperty("similarity").GetDouble());
            Assert.Equal(x.GetProperty("speaker_id").GetString(), y.GetProperty("speaker").ValueKind == JsonValueKind.Null ? null : y.GetProperty("speaker").GetProperty("id").GetString());
            Assert.Equal(x.GetProperty("article").GetString(), y.GetProperty("article").GetString());
            Assert.Equal(x.GetProperty("cluster").GetInt32(), y.GetProperty("cluster").GetInt32());
        }
        foreach (var (cliName, apiName) in new[] { ("diff", "diff"), ("full_text", "fullText"), ("said_by", "saidBy") })
            Assert.Equal(cli.TryGetProperty(cliName, out var v) ? v.GetString() : null, api.GetProperty(apiName).GetString());
    }

    [Fact]
    public async Task A_quote_shows_its_cluster_and_provenance()
    {
        var hit = (await Get("api/quotes?q=victory+family+waterfront&size=1")).GetProperty("results")[0];
        var d = await Get("api/quotes/" + Uri.EscapeDataString(hit.GetProperty("id").GetString()!));
        var cluster = d.GetProperty("cluster");
        Assert.True(cluster.GetProperty("articles").GetInt32() >= 2, "the quote was printed by two articles");
        Assert.EndsWith("-mirzhanenko", cluster.GetProperty("speaker").GetProperty("id").GetString());
        Assert.Single(cluster.GetProperty("variants").EnumerateArray(), v => v.GetProperty("current").GetBoolean());
        var prov = d.GetProperty("provenance");
        Assert.Equal("2031-04-03", prov.GetProperty("firstSeen").GetString());
        Assert.False(string.IsNullOrEmpty(prov.GetProperty("firstArticle").GetString()));
        Assert.Equal(cluster.GetProperty("quotes").GetInt32(), prov.GetProperty("outlets").EnumerateArray().Sum(o => o.GetProperty("quotes").GetInt32()));
        Assert.Equal(JsonValueKind.Null, d.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task A_write_without_a_valid_key_is_a_401()
    {
        using var c = S.Client();
        var body = new StringContent(TestServer.HostileJsonLine + "\n", Encoding.UTF8, "application/x-ndjson");
        var r = await c.PostAsync("api/articles", body);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Contains("Bearer", r.Headers.WwwAuthenticate.ToString());
        Assert.Contains("API key", (await Json(r)).GetProperty("detail").GetString());

        c.DefaultRequestHeaders.Authorization = new("Bearer", "vb_not-a-real-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.PostAsync("api/articles", new StringContent("{}"))).StatusCode);
        c.DefaultRequestHeaders.Authorization = new("Basic", S.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.PostAsync("api/articles", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task A_write_with_a_key_ingests_json_lines()
    {
        using var c = S.Client(withKey: true);
        var line = JsonSerializer.Serialize(new { id = "api-ingest-1", date = "2031-06-01", publisher = "Test Wire", text = "\"The ferries will run on time,\" Noor Halvik said on Monday." });
        var r = await c.PostAsync("api/articles", new StringContent(line + "\nnot json\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var j = await Json(r);
        Assert.Equal((2, 1, 1), (j.GetProperty("read").GetInt32(), j.GetProperty("stored").GetInt32(), j.GetProperty("rejected").GetInt32()));
        var found = await Get("api/quotes?q=ferries+on+time");
        Assert.Equal("api-ingest-1", found.GetProperty("results")[0].GetProperty("article").GetString());
        var again = await Json(await c.PostAsync("api/articles", new StringContent(line, Encoding.UTF8, "application/x-ndjson")));
        Assert.Equal(1, again.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task A_verify_body_over_the_limit_is_a_413()
    {
        using var c = S.Client();
        var big = new StringContent("{\"text\": \"" + new string('a', 70 * 1024) + "\"}", Encoding.UTF8, "application/json");
        var r = await c.PostAsync("api/verify", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Contains("limit", (await Json(r)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Errors_carry_no_stack_trace_and_cors_is_off()
    {
        using var c = S.Client();
        var r = await c.GetAsync("api/quotes?from=bad");
        var text = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        var req = new HttpRequestMessage(HttpMethod.Get, "api/quotes?q=strike");
        req.Headers.Add("Origin", "https://evil.example");
        var cors = await c.SendAsync(req);
        Assert.False(cors.Headers.Contains("Access-Control-Allow-Origin"));
        var preflight = new HttpRequestMessage(HttpMethod.Options, "api/articles");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.False((await c.SendAsync(preflight)).Headers.Contains("Access-Control-Allow-Origin"));
        var page = await c.GetAsync("/");
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync("api/nothing-here")).StatusCode);
    }

    [Fact]
    public async Task Markup_in_the_store_comes_back_as_json_strings()
    {
        var r = await Get("api/quotes?speaker=" + TestServer.HostileSpeakerId);
        var texts = r.GetProperty("results").EnumerateArray().Select(q => q.GetProperty("text").GetString()).ToList();
        Assert.Contains(texts, t => t!.Contains(TestServer.Hostile, StringComparison.Ordinal));
        using var c = S.Client();
        var raw = await c.GetStringAsync("api/quotes?speaker=" + TestServer.HostileSpeakerId);
        Assert.DoesNotContain("<script>", raw); // the JSON encoder escapes < and > as well
    }
}

/// <summary>Servers with other settings: reads behind a key, a small ingest limit.</summary>
public sealed class ServerSettingsTests
{
    [Fact]
    public async Task Protected_reads_need_a_key_and_health_does_not()
    {
        await using var s = await TestServer.StartAsync(configure: o => o with { ProtectReads = true }, fill: false);
        using var anonymous = s.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/quotes?q=strike")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/speakers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode); // the page itself asks for the key
        using var keyed = s.Client(withKey: true);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("api/quotes?q=strike")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("api/articles", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task An_ingest_body_over_the_limit_is_a_413_announced_or_streamed()
    {
        await using var s = await TestServer.StartAsync(configure: o => o with { MaxIngestBytes = 4096 }, fill: false);
        using var c = s.Client(withKey: true);
        var line = JsonSerializer.Serialize(new { id = "big", date = "2031-01-01", text = new string('x', 10_000) });
        var r = await c.PostAsync("api/articles", new StringContent(line, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        // No Content-Length (chunked): the limit still holds while reading.
        var chunked = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(line)));
        var r2 = await c.PostAsync("api/articles", chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r2.StatusCode);
        // Without a key, the key is checked first.
        using var anonymous = s.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("api/articles", new StringContent(line))).StatusCode);
    }

    [Fact]
    public void Keys_are_stored_hashed()
    {
        using var temp = new TempFolder();
        var path = temp.File("k");
        var (key, _) = ApiKeys.Create(path, "ci");
        Assert.StartsWith(ApiKeys.Prefix, key);
        Assert.DoesNotContain(key, File.ReadAllText(path));
        Assert.DoesNotContain(key[ApiKeys.Prefix.Length..], File.ReadAllText(path));
        var keys = new ApiKeys(path);
        Assert.Equal("ci", keys.Find(key)!.Name);
        Assert.Null(keys.Find(key + "x"));
        Assert.Null(keys.Find(null));
        var (second, _) = ApiKeys.Create(path, "other");
        Assert.Equal("other", keys.Find(second)!.Name); // picked up without a restart
    }

    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>The API over PostgreSQL (skipped without <c>VERBATIM_TEST_POSTGRES</c>).</summary>
public sealed class PostgresServerTests : IDisposable
{
    private readonly PostgresTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [SkippableFact]
    public async Task The_api_answers_from_a_postgres_store()
    {
        await using var s = await TestServer.StartAsync(store: _db.NewSchemaUrl());
        using var c = s.Client();
        Assert.Equal("postgresql", JsonDocument.Parse(await c.GetStringAsync("health")).RootElement.GetProperty("store").GetString());
        var hits = JsonDocument.Parse(await c.GetStringAsync("api/quotes?q=strike&size=3")).RootElement.GetProperty("results");
        Assert.Equal(3, hits.GetArrayLength());
        Assert.Contains(hits[0].GetProperty("snippet").EnumerateArray(), p => p.GetProperty("hit").GetBoolean());
        // One corpus-wide speaker for every spelling, as on SQLite.
        var found = JsonDocument.Parse(await c.GetStringAsync("api/speakers?q=mirzh")).RootElement.GetProperty("results");
        var id = Assert.Single(found.EnumerateArray()).GetProperty("id").GetString();
        var speaker = JsonDocument.Parse(await c.GetStringAsync($"api/speakers/{id}")).RootElement;
        Assert.NotEqual(0, speaker.GetProperty("quotesOverTime").GetArrayLength());
        // Verify answers from the store's quote clusters, on PostgreSQL as on SQLite.
        var verify = await c.PostAsJsonAsync("api/verify", new { text = "We did not build this harbour so that a machine could be handed the keys to it." });
        var answer = JsonDocument.Parse(await verify.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Equal("fragment", answer.GetProperty("verdict").GetString());
        var hit = hits[0].GetProperty("id").GetString()!;
        var quote = JsonDocument.Parse(await c.GetStringAsync("api/quotes/" + Uri.EscapeDataString(hit))).RootElement;
        Assert.Equal(hit, quote.GetProperty("quote").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Object, quote.GetProperty("provenance").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync("api/quotes?from=x")).StatusCode);
    }
}
