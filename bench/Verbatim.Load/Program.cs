using System.Diagnostics;
using System.Globalization;
using System.Net;
using Verbatim;
using Verbatim.Storage;

// verbatim load tester: `fill` makes a store of N synthetic quotes (no extraction: extractions are built directly),
// `run` sends search requests to a running `verbatim serve` on loopback, bounded in count and in time, and prints
// requests per second and latency percentiles. Only 127.0.0.0/8 and ::1 are accepted as targets.
return args.FirstOrDefault() switch
{
    "fill" => Fill(Options(args[1..])),
    "run" => await Run(Options(args[1..])),
    "store" => StoreOnly(Options(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Verbatim.Load fill --store FILE|postgres://... [--quotes 100000]
               Verbatim.Load run --url http://127.0.0.1:PORT [--requests 30000] [--seconds 30] [--concurrency 16] [--warmup 1000] [--server-pid PID] [--path ONE/PATH]
               Verbatim.Load store --store FILE|postgres://... [--requests 5000]   (the same searches on the store, no HTTP, one thread)
        """);
    return 2;
}

static Dictionary<string, string> Options(string[] a)
{
    var d = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < a.Length; i += 2) d[a[i].TrimStart('-')] = a[i + 1];
    return d;
}

static int Int(Dictionary<string, string> o, string k, int fallback) =>
    o.TryGetValue(k, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static int Fill(Dictionary<string, string> o)
{
    var store = o["store"];
    var quotes = Int(o, "quotes", 100_000);
    var sw = Stopwatch.StartNew();
    using var s = QuoteStores.Open(store);
    var before = s.Stats().Quotes;
    var batch = new List<ArticleExtraction>();
    var made = 0;
    for (var article = 0; made < quotes; article++)
    {
        var x = Synthetic.Article(article, Math.Min(5, quotes - made));
        made += x.Quotes.Count;
        batch.Add(x);
        if (batch.Count == 500) { s.Ingest(batch); batch.Clear(); }
    }
    if (batch.Count > 0) s.Ingest(batch);
    var st = s.Stats();
    Console.WriteLine($"{QuoteStores.Describe(store)}: {st.Quotes} quotes ({st.Quotes - before} new), {st.Articles} articles, {st.Speakers} speakers in {sw.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

static async Task<int> Run(Dictionary<string, string> o)
{
    var url = new Uri(o["url"]);
    if (!IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) ? url.Host != "localhost" : !IPAddress.IsLoopback(ip))
    {
        Console.Error.WriteLine("refusing: the load test only targets loopback (127.0.0.1, ::1, localhost)");
        return 2;
    }
    var requests = Math.Clamp(Int(o, "requests", 30_000), 1, 1_000_000);
    var seconds = Math.Clamp(Int(o, "seconds", 30), 1, 600);
    var concurrency = Math.Clamp(Int(o, "concurrency", 16), 1, 256);
    var warmup = Math.Clamp(Int(o, "warmup", 1000), 0, 100_000);
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = url,
        Timeout = TimeSpan.FromSeconds(10),
    };
    var paths = o.TryGetValue("path", out var only) ? [only.TrimStart('/')] : Synthetic.SearchPaths(50_000, seed: 7);

    // The measured phase starts after the warm-up's paths: a cached answer from the warm-up is never counted.
    async Task<(long Ok, long Errors, List<double> Ms, double Seconds)> Phase(int count, TimeSpan limit, int first)
    {
        var next = -1L;
        long ok = 0, errors = 0;
        var lat = new List<double>[concurrency];
        var deadline = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = lat[w] = new List<double>(count / concurrency + 16);
            while (deadline.Elapsed < limit)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count) break;
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var r = await http.GetAsync(paths[(int)((first + i) % paths.Count)], HttpCompletionOption.ResponseContentRead);
                    if (r.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref ok);
                    else Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (ok, errors, lat.SelectMany(l => l).ToList(), deadline.Elapsed.TotalSeconds);
    }

    if (warmup > 0) await Phase(warmup, TimeSpan.FromSeconds(Math.Min(30, seconds)), 0);
    var cache0 = await CacheCounts(http);
    var serverPid = Int(o, "server-pid", 0);
    // With --pg URL: the PostgreSQL backends serving that database (on this machine) count as the store's CPU.
    var backends = o.TryGetValue("pg", out var pg) ? Backends(pg) : [];
    var pgCpu0 = backends.Sum(CpuSeconds);
    var serverCpu0 = CpuSeconds(serverPid);
    var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var (okCount, errorCount, ms, elapsed) = await Phase(requests, TimeSpan.FromSeconds(seconds), warmup);
    var serverCpu = CpuSeconds(serverPid) - serverCpu0;
    var pgCpu = backends.Sum(CpuSeconds) - pgCpu0;
    var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpu0;
    ms.Sort();
    double P(double q) => ms.Count == 0 ? 0 : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
    var rps = ms.Count / elapsed;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{ms.Count} requests in {elapsed:0.0} s with {concurrency} concurrent: {rps:0} req/s, p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {P(1):0.0} ms, {errorCount} errors"));
    var cache1 = await CacheCounts(http);
    if (cache0 is { } c0 && cache1 is { } c1 && c1.Hits + c1.Misses > c0.Hits + c0.Misses)
    {
        var (hits, misses) = (c1.Hits - c0.Hits, c1.Misses - c0.Misses);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server search cache: {hits} hits, {misses} searches run on the store ({100.0 * hits / (hits + misses):0.0}% hits); {ms.Count} requests over {paths.Skip(warmup).Take(ms.Count).Distinct().Count()} distinct paths"));
    }
    if (serverPid > 0 && ms.Count > 0)
    {
        if (backends.Count > 0)
        {
            var total = (serverCpu + pgCpu) * 1000 / ms.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL backends ({backends.Count}) CPU {pgCpu * 1000 / ms.Count:0.00} ms per request; serve + PostgreSQL {total:0.00} ms per request (≈ {Environment.ProcessorCount * 1000 / total:0} req/s would fill {Environment.ProcessorCount} idle cores)"));
        }
        var perRequest = serverCpu * 1000 / ms.Count;
        var meaning = backends.Count > 0 ? "the PostgreSQL backends' CPU is above"
            : string.Create(CultureInfo.InvariantCulture, $"all the work with SQLite, so ≈ {Environment.ProcessorCount * 1000 / perRequest:0} req/s would fill {Environment.ProcessorCount} idle cores");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serve process CPU {perRequest:0.00} ms per request ({meaning}); load client CPU {clientCpu * 1000 / ms.Count:0.00} ms per request; machine load average {LoadAverage()}"));
    }
    return errorCount == 0 ? 0 : 1;
}

static async Task<(long Hits, long Misses)?> CacheCounts(HttpClient http)
{
    try
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("health"));
        return doc.RootElement.TryGetProperty("searchCache", out var c) ? (c.GetProperty("hits").GetInt64(), c.GetProperty("misses").GetInt64()) : null;
    }
    catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
    {
        return null;
    }
}

static List<int> Backends(string url)
{
    using var source = Npgsql.NpgsqlDataSource.Create(PostgresQuoteStore.ConnectionString(url));
    using var cmd = source.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    using var r = cmd.ExecuteReader();
    var pids = new List<int>();
    while (r.Read()) pids.Add(r.GetInt32(0));
    return pids;
}

static double CpuSeconds(int pid)
{
    if (pid <= 0) return 0;
    try
    {
        var f = File.ReadAllText($"/proc/{pid}/stat");
        var fields = f[(f.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0; // utime + stime, in clock ticks of 1/100 s
    }
    catch (IOException) { return 0; }
}

static string LoadAverage()
{
    try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "?"; }
}

static int StoreOnly(Dictionary<string, string> o)
{
    var count = Math.Clamp(Int(o, "requests", 5000), 1, 100_000);
    using var s = QuoteStores.Open(o["store"], create: false);
    var paths = o.TryGetValue("path", out var only) ? Enumerable.Repeat(only, count).ToList() : Synthetic.SearchPaths(count * 4, seed: 7);
    if (o.TryGetValue("mix", out var mix))
        paths = paths.Where(p => mix == "plain" ? !p.Contains('&') : mix == "filtered" ? p.Contains('&') && !p.Contains("page=") : true).ToList();
    paths = paths.Take(count).ToList();
    count = paths.Count;
    var queries = paths.Select(p =>
    {
        var q = System.Web.HttpUtility.ParseQueryString(p[(p.IndexOf('?') + 1)..]);
        var page = int.Parse(q["page"] ?? "1", CultureInfo.InvariantCulture);
        return new SearchQuery
        {
            Words = q["q"], Speaker = q["speaker"], Publisher = q["publisher"],
            From = q["from"] is { } f ? DateOnly.Parse(f, CultureInfo.InvariantCulture) : null,
            To = q["to"] is { } t ? DateOnly.Parse(t, CultureInfo.InvariantCulture) : null,
            Limit = 21, Offset = (page - 1) * 20, HighlightOpen = "\uE000", HighlightClose = "\uE001",
        };
    }).ToList();
    foreach (var q in queries.Take(500)) s.Search(q);
    var ms = new List<double>(count);
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var all = Stopwatch.StartNew();
    foreach (var q in queries)
    {
        var t = Stopwatch.GetTimestamp();
        s.Search(q);
        ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / count;
    ms.Sort();
    double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"store only: {count} searches in {all.Elapsed.TotalSeconds:0.0} s, one thread: mean {ms.Average():0.00} ms, p50 {P(0.5):0.00} ms, p99 {P(0.99):0.00} ms, CPU {cpu:0.00} ms per search; load average {LoadAverage()}"));
    return 0;
}

/// <summary>A deterministic synthetic corpus: Zipf-distributed words, speakers, outlets and dates; and searches over it.</summary>
internal static class Synthetic
{
    private static readonly string[] Syllables =
        ["ba", "ro", "ta", "mi", "ken", "dor", "la", "vi", "sen", "par", "gro", "tu", "mar", "lin", "ste", "qua", "ner", "ho", "cal", "fen", "dri", "po", "zal", "wen"];

    public static readonly string[] Vocabulary = MakeVocabulary(4000);
    private static readonly double[] Cumulative = Zipf(Vocabulary.Length, 1.0);
    private static readonly string[] Publishers = ["Harbor Times", "Valdoria Ledger", "Northern Wire", "Emry Evening Post", "Coastal Herald", "Altrena Daily", "Port Review", "The Quay"];
    public static readonly string[] Speakers = MakeSpeakers(600);

    private static string[] MakeVocabulary(int n)
    {
        var r = new Random(1);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (set.Count < n)
        {
            var parts = r.Next(2, 4);
            set.Add(string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[r.Next(Syllables.Length)])));
        }
        return [.. set];
    }

    private static string[] MakeSpeakers(int n)
    {
        var r = new Random(2);
        return Enumerable.Range(0, n).Select(_ => Cap(Vocabulary[r.Next(500, 4000)]) + " " + Cap(Vocabulary[r.Next(500, 4000)])).Distinct().ToArray();
    }

    private static string Cap(string w) => char.ToUpperInvariant(w[0]) + w[1..];

    private static double[] Zipf(int n, double s)
    {
        var c = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++) c[i] = sum += 1 / Math.Pow(i + 1, s);
        for (var i = 0; i < n; i++) c[i] /= sum;
        return c;
    }

    private static string Word(Random r)
    {
        var i = Array.BinarySearch(Cumulative, r.NextDouble());
        return Vocabulary[Math.Min(Vocabulary.Length - 1, i < 0 ? ~i : i)];
    }

    public static ArticleExtraction Article(int n, int quotes)
    {
        var r = new Random(1000 + n);
        var date = new DateOnly(2030, 1, 1).AddDays(n % 730);
        var text = new System.Text.StringBuilder();
        var list = new List<Quote>();
        var speakers = new List<Speaker>();
        for (var q = 0; q < quotes; q++)
        {
            var name = Speakers[(int)(Math.Pow(r.NextDouble(), 2) * Speakers.Length)];
            var words = Enumerable.Range(0, r.Next(8, 30)).Select(_ => Word(r)).ToArray();
            words[0] = Cap(words[0]);
            var content = string.Join(' ', words);
            text.Append('"');
            var start = text.Length;
            text.Append(content);
            var end = text.Length;
            text.Append(",\" ");
            var sourceStart = text.Length;
            text.Append(name);
            var sourceEnd = text.Length;
            text.Append(' ');
            var cueStart = text.Length;
            text.Append("said. ");
            var id = Verbatim.Storage.SlugSpeakerIdentity.Slug(name);
            if (!speakers.Any(s => s.Id == id))
                speakers.Add(new Speaker { Id = id, Name = name, Type = SpeakerType.Person, Mentions = [new SpanText(sourceStart, sourceEnd, name)] });
            list.Add(new Quote
            {
                Id = $"synthetic-{n}#q{q + 1}",
                Kind = QuoteKind.Direct,
                Content = [new TextSpan(start, end)],
                Text = content,
                Cue = new SpanText(cueStart, cueStart + 4, "said"),
                Source = new SpanText(sourceStart, sourceEnd, name),
                Speaker = new SpeakerRef(id, name, SpeakerType.Person),
                Confidence = 0.9,
            });
        }
        var article = new Article($"synthetic-{n}", date, text.ToString()) { Publisher = Publishers[n % Publishers.Length], Title = $"Synthetic article {n}" };
        return new ArticleExtraction(article, list, speakers);
    }

    /// <summary>The rank below which words are not searched for alone: in real English the top 100 are function words.</summary>
    public const int FirstSearchedRank = 100;

    /// <summary>
    /// Search requests: one word (two in a third of them, the second drawn by frequency), of Zipf rank 100 and up
    /// (uniformly), an eighth each filtered by speaker, by dates, by publisher, and an eighth on page 2.
    /// </summary>
    public static List<string> SearchPaths(int count, int seed)
    {
        var r = new Random(seed);
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            string W() => Vocabulary[r.Next(FirstSearchedRank, Vocabulary.Length)];
            string Frequent() { string w; do w = Word(r); while (Array.IndexOf(Vocabulary, w) < FirstSearchedRank); return w; }
            var q = r.Next(3) == 0 ? W() + " " + Frequent() : W();
            var path = "api/quotes?q=" + Uri.EscapeDataString(q);
            switch (r.Next(8))
            {
                case 0: path += "&speaker=" + Uri.EscapeDataString(Speakers[r.Next(50)]); break;
                case 1: path += "&from=2030-06-01&to=2030-12-31"; break;
                case 2: path += "&publisher=" + Uri.EscapeDataString(Publishers[r.Next(Publishers.Length)]); break;
                case 3: path += "&page=2"; break;
            }
            list.Add(path);
        }
        return list;
    }
}
