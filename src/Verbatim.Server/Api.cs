using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Verbatim.Corpus;
using Verbatim.Pipeline;
using Verbatim.Readers;
using Verbatim.Storage;

namespace Verbatim.Server;

/// <summary>The HTTP API's endpoints. Every query parameter is checked here and a bad one is a 400 with a message.</summary>
internal static class Api
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 10_000;
    private const int MaxWordsLength = 500;

    public static void Map(WebApplication app, ServerOptions options)
    {
        app.MapGet("/health", (StorePool pool, SearchCache cache) =>
        {
            pool.Use(s => s.ContainsContent("health-check"));
            return Results.Ok(new HealthResponse("ok", QuoteStores.IsPostgres(options.Store) ? "postgresql" : "sqlite",
                new CacheCounts(cache.Hits, cache.Misses)));
        }).WithName("Health").WithSummary("Whether the server and its store answer.").Produces<HealthResponse>();

        var api = app.MapGroup("/api");
        if (options.ProtectReads) api.AddEndpointFilter(RequireKey);

        api.MapGet("/quotes", (StorePool pool, SearchCache cache,
                string? q, string? speaker, string? from, string? to, string? publisher, string? page, string? size) =>
            {
                var (fromDate, toDate) = (Date("from", from), Date("to", to));
                if (fromDate > toDate) throw new BadQuery("from is after to");
                var p = Int("page", page, 1, 1, MaxPage);
                var n = Int("size", size, 20, 1, MaxPageSize);
                var query = new SearchQuery
                {
                    Words = Text("q", q, MaxWordsLength),
                    Speaker = Text("speaker", speaker, 200),
                    Publisher = Text("publisher", publisher, 200),
                    From = fromDate,
                    To = toDate,
                    Limit = n + 1, // one more than the page: tells whether there is a next page
                    Offset = (p - 1) * n,
                    HighlightOpen = QuoteHit.Open,
                    HighlightClose = QuoteHit.Close,
                };
                // The response depends on these values only: a repeated search is the bytes sent last time.
                var key = string.Join('\u001f', query.Words, query.Speaker, query.Publisher, from?.Trim(), to?.Trim(),
                    p.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture));
                if (!cache.TryGet(key, out var body))
                {
                    var version = cache.Version;
                    var hits = pool.Use(s => s.Search(query));
                    var results = new List<QuoteHit>(Math.Min(hits.Count, n));
                    for (var i = 0; i < hits.Count && i < n; i++) results.Add(QuoteHit.From(hits[i]));
                    body = JsonSerializer.SerializeToUtf8Bytes(new SearchResponse(query.Words, p, n, hits.Count > n, results), ApiJson.Api.SearchResponse);
                    cache.Put(key, body, version);
                }
                return Results.Bytes(body, JsonContentType);
            })
            .WithName("SearchQuotes")
            .WithSummary("Full-text search over quotes (every word must match; a trailing * is a prefix), with filters and paging.")
            .WithDescription("Without q: the filters only, newest first. Dates are YYYY-MM-DD and filter on the article date.")
            .Produces<SearchResponse>().ProducesProblem(400);

        api.MapGet("/quotes/{id}", async (string id, StorePool pool, CorpusLane corpus, CancellationToken cancel) =>
            {
                var found = pool.Use<(StoredQuote Quote, Quote? Full, string? Text)?>(s =>
                {
                    var q = s.Quote(id);
                    if (q is null) return null;
                    var article = s.Article(q.ArticleId);
                    return (q, article?.Quotes.FirstOrDefault(x => x.Id == q.QuoteId), article?.Article.Text);
                });
                if (found is not { } f) return NotFound($"no quote with id '{id}'");
                var q = f.Quote;
                var content = f.Full?.Content.Select(c => new Span(c.Start, c.End)).ToList() ?? [];
                var (passage, passageStart) = f.Text is null || content.Count == 0 ? (null, 0) : Passage(f.Text, content[0].Start, content[^1].End);
                var cluster = await corpus.UseAsync(s => s is ICorpusStore c ? c.ClusterOfQuote(q.QuoteId) : null, cancel);
                ProvenanceItem? provenance = null;
                ClusterItem? clusterItem = null;
                string? note = null;
                if (cluster is not null)
                {
                    var own = MatchText.Normalise(q.Text);
                    provenance = new ProvenanceItem(ClusterMethod, cluster.FirstSeen, cluster.FirstArticle, cluster.FirstPublisher,
                        cluster.Outlets.Select(o => new OutletItem(o.Publisher ?? "(no publisher)", o.Quotes, o.Articles, o.First)).ToList());
                    clusterItem = new ClusterItem(cluster.Id, cluster.Text,
                        cluster.SpeakerId is null ? null : new SpeakerLink(cluster.SpeakerId, cluster.SpeakerName ?? cluster.SpeakerId),
                        cluster.Quotes, cluster.Articles, cluster.Publishers,
                        cluster.Variants.Select(v => new VariantItem(v.Text, v.Quotes, v.Fragment, MatchText.Normalise(v.Text) == own, v.FirstSeen, v.FirstArticle)).ToList());
                }
                else note = NoClusters(options);
                return Results.Ok(new QuoteDetail(QuoteHit.From(q), new ArticleRef(q.ArticleId, q.Date, q.Title, q.Publisher, q.Url),
                    content, passage, passageStart, provenance, clusterItem, note));
            })
            .WithName("GetQuote").WithSummary("One quote with its article, offsets, its cluster (the same words across articles, every wording) and provenance (first seen, outlets).")
            .Produces<QuoteDetail>().ProducesProblem(404);

        api.MapGet("/speakers", (StorePool pool, string? q, string? size) =>
            {
                var words = Text("q", q, 200);
                var n = Int("size", size, 50, 1, 500);
                var list = pool.Use(s => s.FindSpeakers(words, n));
                return Results.Ok(new SpeakersResponse(words, list.Select(SpeakerItem.From).ToList()));
            })
            .WithName("FindSpeakers").WithSummary("Speakers whose name contains q (any case), most quoted first; without q, the most quoted.")
            .Produces<SpeakersResponse>().ProducesProblem(400);

        api.MapGet("/speakers/{id}", (string id, StorePool pool) =>
            {
                var detail = pool.Use(s =>
                {
                    var p = s.Profile(id);
                    if (p is null) return null;
                    var texts = s.QuotesBySpeaker(p.Summary.Id, 2000).Select(x => x.Text);
                    var latest = s.Search(new SearchQuery { Speaker = p.Summary.Id, Limit = 20 });
                    var (period, buckets) = OverTime(p.QuotesByDate);
                    var x = p.Summary;
                    return new SpeakerDetail(x.Id, x.Name, Verbatim.Output.ExtractionJson.TypeName(x.Type), x.Quotes, x.Articles, x.First, x.Last,
                        p.Aliases, p.Titles, period, buckets,
                        Server.Text.TopTerms(texts, 12).Select(t => new SubjectCount(t.Term, t.Quotes)).ToList(),
                        latest.Select(QuoteHit.From).ToList());
                });
                return detail is null ? NotFound($"no speaker with id '{id}'") : Results.Ok(detail);
            })
            .WithName("GetSpeaker").WithSummary("A speaker: names used, quotes per week (per month over long spans), top subjects, latest quotes.")
            .Produces<SpeakerDetail>().ProducesProblem(404);

        api.MapGet("/articles/{id}", (string id, StorePool pool) =>
            {
                var x = pool.Use(s => s.Article(id));
                if (x is null) return NotFound($"no article with id '{id}'");
                var a = x.Article;
                return Results.Ok(new ArticleDetail(a.Id, a.Date, a.Title, a.Url, a.Publisher, a.Text, a.BodyStart,
                    x.Quotes.Select(q => new ArticleQuote(q.Id, Verbatim.Output.ExtractionJson.KindName(q.Kind),
                        q.Content.Select(c => new Span(c.Start, c.End)).ToList(), q.Text,
                        SpanWithText.From(q.Cue), SpanWithText.From(q.Source),
                        q.Speaker is null ? null : new SpeakerLink(q.Speaker.Id, q.Speaker.Name),
                        SpanWithText.From(q.Addressee), q.Uttered, Math.Round(q.Confidence, 3))).ToList(),
                    x.Speakers.Select(s => new ArticleSpeaker(s.Id, s.Name, Verbatim.Output.ExtractionJson.TypeName(s.Type), s.Title,
                        s.Mentions.Select(m => SpanWithText.From(m)!).ToList())).ToList()));
            })
            .WithName("GetArticle").WithSummary("An article's text with every quote's offsets (UTF-16 code units, as in SCHEMA.md).")
            .Produces<ArticleDetail>().ProducesProblem(404);

        api.MapPost("/verify", async (HttpContext ctx, CorpusLane corpus) =>
            {
                var body = await Body(ctx, options.MaxJsonBytes);
                VerifyRequest? request;
                try { request = JsonSerializer.Deserialize(body, ApiJson.Api.VerifyRequest); }
                catch (JsonException e) { throw new BadQuery($"the body is not the JSON expected ({e.Message.Split('.')[0]})"); }
                var text = request?.Text?.Trim();
                if (string.IsNullOrEmpty(text)) throw new BadQuery("text is required: {\"text\": \"...\", \"speaker\": \"...\"}");
                if (text.Length > 5000) throw new BadQuery("text is longer than 5000 characters");
                var speaker = string.IsNullOrWhiteSpace(request!.Speaker) ? null : request.Speaker.Trim();
                if (speaker?.Length > 200) throw new BadQuery("speaker is longer than 200 characters");
                var query = new VerifyQuery(text)
                {
                    Speaker = speaker,
                    Date = Date("date", request.Date),
                    Limit = request.Limit is { } l ? (l is >= 1 and <= 100 ? l : throw new BadQuery($"limit must be from 1 to 100, not {l}")) : 5,
                };
                var result = await corpus.UseAsync(s => s is ICorpusStore c ? c.Verify(query) : null, ctx.RequestAborted);
                if (result is null)
                    return Error(StatusCodes.Status501NotImplemented, "Not Implemented", "verify needs quote clusters, which this store does not keep yet ("
                        + (QuoteStores.IsPostgres(options.Store) ? "PostgreSQL" : "this store") + "); a SQLite store has them");
                return Results.Ok(VerifyAnswer(result, speaker));
            })
            .WithName("Verify").WithSummary("Was this said, and by this speaker? The corpus verifier's verdict (as verbatim verify gives it) and the closest attested quotes.")
            .WithDescription("Body: {\"text\": ..., \"speaker\": ..., \"date\": \"YYYY-MM-DD\", \"limit\": 5}; speaker, date and limit are optional.")
            .Produces<VerifyResponse>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(501);

        var ingest = api.MapPost("/articles", async (HttpContext ctx, StorePool pool, CorpusLane corpus, SearchCache cache) =>
            {
                var body = await Body(ctx, options.MaxIngestBytes);
                return Results.Ok(await Ingest(pool, corpus, cache, body, options, ctx.RequestAborted));
            })
            .WithName("IngestArticles")
            .WithDescription("The body is JSON Lines (any content type), at most the server's --max-body bytes (413 beyond). Each line is read, extracted and stored like `verbatim ingest`; already stored texts are skipped; bad lines are rejected one by one.")
            .WithSummary("Extracts and stores articles sent as JSON Lines ({id, date, title, url, publisher, text} a line). Needs Authorization: Bearer KEY.")
            .Produces<IngestResponse>().ProducesProblem(401).ProducesProblem(413);
        if (!options.ProtectReads) ingest.AddEndpointFilter(RequireKey);

        api.MapFallback((HttpContext ctx) => NotFound($"no API endpoint {ctx.Request.Method} {ctx.Request.Path}")).ExcludeFromDescription();
    }

    private const string JsonContentType = "application/json; charset=utf-8";
    private const string ClusterMethod = "quote clusters: the same words across articles after normalising marks, case and punctuation, near-duplicates and fragments joined (as verbatim clusters and verbatim verify)";

    private static string NoClusters(ServerOptions options) =>
        $"this store ({(QuoteStores.IsPostgres(options.Store) ? "PostgreSQL" : "this kind")}) does not keep quote clusters yet, so there is no provenance to show";

    /// <summary>The verifier's result as the API gives it, with the same verdict names as <c>verbatim verify --json</c>.</summary>
    internal static VerifyResponse VerifyAnswer(VerifyResult r, string? speaker)
    {
        var best = r.Matches.Count > 0 ? r.Matches[0] : null;
        // The verifier prefers clusters attributed to the claimed speaker, else says misattributed when others said it;
        // a chosen cluster with no attributed speaker at all tells nothing about the claim's speaker.
        bool? speakerMatches = speaker is null || r.Verdict == Verdict.NotFound ? null
            : r.Verdict == Verdict.Misattributed ? false
            : best?.SpeakerId is null ? null : true;
        string Who(VerifyMatch m) => m.Speaker ?? "an unidentified speaker";
        string Where(VerifyMatch m) => $"{m.Publisher ?? m.Article}{(m.FirstSeen is { } d ? $", first seen {d:yyyy-MM-dd}" : "")}";
        var explanation = (r.Verdict, best) switch
        {
            (Verdict.Verbatim, { } m) => $"Attested word for word, said by {Who(m)} ({Where(m)}).",
            (Verdict.Fragment, { } m) => $"Attested as part of a longer quote by {Who(m)} ({Where(m)}).",
            (Verdict.Altered, { } m) => $"A quote by {Who(m)} is close, with different words ({Where(m)}).",
            (Verdict.Misattributed, { } m) => $"Said by {r.SaidBy ?? Who(m)}, not by {speaker} ({Where(m)}).",
            _ => "Nothing close enough is stored.",
        };
        return new VerifyResponse(VerifierMethod, VerifyResult.Name(r.Verdict), speakerMatches, explanation, r.Diff, r.FullText, r.SaidBy,
            r.Matches.Select(m => new VerifyMatchItem(m.Text, m.SpeakerId is null ? null : new SpeakerLink(m.SpeakerId, m.Speaker ?? m.SpeakerId),
                m.FirstSeen, m.Article, m.Publisher, m.Url, m.Similarity, m.Contains, m.Cluster, m.Articles, m.Publishers, m.FullText)).ToList());
    }

    private const string VerifierMethod = "corpus verifier: quote clusters, word-level similarity (the same as verbatim verify)";

    private static async Task<IngestResponse> Ingest(StorePool pool, CorpusLane corpus, SearchCache cache, byte[] body, ServerOptions options, CancellationToken cancel)
    {
        const int batchSize = 128;
        int read = 0, stored = 0, skipped = 0, quotes = 0;
        var rejections = new List<Rejection>();
        var pending = new List<ArticleExtraction>();
        var pendingRejects = new List<Rejection>();
        async Task Flush()
        {
            if (pending.Count == 0 && pendingRejects.Count == 0) return;
            // Written by the corpus store: its speaker directory and cluster index stay loaded and current.
            var r = await corpus.UseAsync(s => s.Ingest(pending, pendingRejects), CancellationToken.None);
            if (r.Stored > 0) cache.Invalidate();
            stored += r.Stored;
            skipped += r.Skipped;
            quotes += r.Quotes;
            pending.Clear();
            pendingRejects.Clear();
        }
        using var stream = new MemoryStream(body, writable: false);
        var readerOptions = new ReaderOptions { MaxArticleBytes = options.MaxIngestBytes };
        foreach (var item in ArticleSources.FromJsonLines(stream, "request", "request", readerOptions))
        {
            cancel.ThrowIfCancellationRequested();
            read++;
            if (item.Article is { } article && pool.Use(s => s.ContainsContent(ContentHash.Of(article.Text))))
            {
                skipped++;
                continue;
            }
            var result = ParallelExtraction.ExtractOne(VerbatimPipeline.Default, item);
            if (result.Rejection is { } rejection)
            {
                rejections.Add(rejection);
                pendingRejects.Add(rejection);
            }
            else pending.Add(result.Extraction!);
            if (pending.Count >= batchSize) await Flush();
        }
        await Flush();
        return new IngestResponse(read, stored, skipped, rejections.Count, quotes,
            rejections.Select(r => new RejectionItem(r.Record, r.Reason)).ToList());
    }

    /// <summary>A paragraph-bounded passage around a quote (at most ~700 characters), and where it starts in the text.</summary>
    private static (string, int) Passage(string text, int start, int end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        var from = text.LastIndexOf("\n\n", start, StringComparison.Ordinal);
        from = from < 0 ? 0 : from + 2;
        var to = text.IndexOf("\n\n", end, StringComparison.Ordinal);
        to = to < 0 ? text.Length : to;
        if (start - from > 300) from = start - 300;
        if (to - end > 300) to = end + 300;
        return (text[from..to], from);
    }

    /// <summary>Quote counts per week (Monday), zero weeks included; per month when that would be over 156 weeks.</summary>
    internal static (string Period, List<PeriodCount> Buckets) OverTime(IReadOnlyList<DateCount> byDate)
    {
        if (byDate.Count == 0) return ("week", []);
        static DateOnly Week(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
        static DateOnly Month(DateOnly d) => new(d.Year, d.Month, 1);
        var weekly = (Week(byDate[^1].Date).DayNumber - Week(byDate[0].Date).DayNumber) / 7 <= 156;
        Func<DateOnly, DateOnly> bucket = weekly ? Week : Month;
        var counts = byDate.GroupBy(d => bucket(d.Date)).ToDictionary(g => g.Key, g => g.Sum(d => d.Quotes));
        var list = new List<PeriodCount>();
        for (var d = bucket(byDate[0].Date); d <= byDate[^1].Date; d = weekly ? d.AddDays(7) : d.AddMonths(1))
            list.Add(new PeriodCount(d, counts.GetValueOrDefault(d)));
        return (weekly ? "week" : "month", list);
    }

    // ------------------------------------------------------------------ requests

    /// <summary>Reads a request body of at most <paramref name="limit"/> bytes; more is a 413, whether announced or sent.</summary>
    private static async Task<byte[]> Body(HttpContext ctx, long limit)
    {
        if (ctx.Request.ContentLength > limit) throw new TooLarge(limit);
        var feature = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        try
        {
            while ((n = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
            {
                if (buffer.Length + n > limit) throw new TooLarge(limit);
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new TooLarge(limit);
        }
        return buffer.ToArray();
    }

    private static async ValueTask<object?> RequireKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        var keys = ctx.RequestServices.GetRequiredService<ApiKeys>();
        var header = ctx.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (keys.Find(key) is null)
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized",
                key is null ? "this request needs an API key: Authorization: Bearer KEY (make one with 'verbatim keys create')" : "the API key is not valid");
        }
        return await next(context);
    }

    private static string? Text(string name, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length > max) throw new BadQuery($"{name} is longer than {max} characters");
        return value.Trim();
    }

    private static DateOnly? Date(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new BadQuery($"{name} must be a date as YYYY-MM-DD, not '{Clip(value)}'");
    }

    private static int Int(string name, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new BadQuery($"{name} must be a whole number from {min} to {max}, not '{Clip(value)}'");
        return n < min || n > max ? throw new BadQuery($"{name} must be from {min} to {max}, not {n}") : n;
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    public static IResult Error(int status, string title, string detail) =>
        Results.Json(new ErrorResponse(status, title, detail), ApiJson.Api.ErrorResponse, "application/problem+json", status);

    private static IResult NotFound(string detail) => Error(StatusCodes.Status404NotFound, "Not Found", detail);
}

/// <summary>A bad request parameter or body: a 400 whose message goes to the client.</summary>
internal sealed class BadQuery(string message) : Exception(message);

/// <summary>A request body over its limit: a 413.</summary>
internal sealed class TooLarge(long limit) : Exception($"the request body is larger than the limit of {limit} bytes");
