using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
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
        app.MapGet("/health", (StorePool pool) =>
        {
            pool.Use(s => s.ContainsContent("health-check"));
            return Results.Ok(new HealthResponse("ok", QuoteStores.IsPostgres(options.Store) ? "postgresql" : "sqlite"));
        }).WithName("Health").WithSummary("Whether the server and its store answer.").Produces<HealthResponse>();

        var api = app.MapGroup("/api");
        if (options.ProtectReads) api.AddEndpointFilter(RequireKey);

        api.MapGet("/quotes", (HttpContext ctx, StorePool pool,
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
                var hits = pool.Use(s => s.Search(query));
                return Results.Ok(new SearchResponse(query.Words, p, n, hits.Count > n, hits.Take(n).Select(QuoteHit.From).ToList()));
            })
            .WithName("SearchQuotes")
            .WithSummary("Full-text search over quotes (every word must match; a trailing * is a prefix), with filters and paging.")
            .WithDescription("Without q: the filters only, newest first. Dates are YYYY-MM-DD and filter on the article date.")
            .Produces<SearchResponse>().ProducesProblem(400);

        api.MapGet("/quotes/{id}", (string id, StorePool pool, IQuoteMatcher matcher) =>
            {
                var detail = pool.Use(s =>
                {
                    var q = s.Quote(id);
                    if (q is null) return null;
                    var article = s.Article(q.ArticleId);
                    var full = article?.Quotes.FirstOrDefault(x => x.Id == q.QuoteId);
                    var content = full?.Content.Select(c => new Span(c.Start, c.End)).ToList() ?? [];
                    var (passage, passageStart) = article is null || content.Count == 0 ? (null, 0) : Passage(article.Article.Text, content[0].Start, content[^1].End);
                    var prov = matcher.Provenance(s, q);
                    return new QuoteDetail(QuoteHit.From(q),
                        new ArticleRef(q.ArticleId, q.Date, q.Title, q.Publisher, q.Url), content, passage, passageStart,
                        new ProvenanceItem(matcher.Method, prov.FirstSeen, prov.FirstQuoteId, prov.Outlets, prov.Variants.Select(MatchItem.From).ToList()),
                        Cluster: null);
                });
                return detail is null ? NotFound($"no quote with id '{id}'") : Results.Ok(detail);
            })
            .WithName("GetQuote").WithSummary("One quote with its article, offsets, and provenance (first seen, outlets, variants).")
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

        api.MapPost("/verify", async (HttpContext ctx, StorePool pool, IQuoteMatcher matcher) =>
            {
                var body = await Body(ctx, options.MaxJsonBytes);
                VerifyRequest? request;
                try { request = JsonSerializer.Deserialize<VerifyRequest>(body, JsonOptions); }
                catch (JsonException e) { throw new BadQuery($"the body is not the JSON expected ({e.Message.Split('.')[0]})"); }
                var text = request?.Text?.Trim();
                if (string.IsNullOrEmpty(text)) throw new BadQuery("text is required: {\"text\": \"...\", \"speaker\": \"...\"}");
                if (text.Length > 5000) throw new BadQuery("text is longer than 5000 characters");
                var speaker = string.IsNullOrWhiteSpace(request!.Speaker) ? null : request.Speaker.Trim();
                if (speaker?.Length > 200) throw new BadQuery("speaker is longer than 200 characters");
                var result = pool.Use(s => matcher.Verify(s, text, speaker));
                return Results.Ok(new VerifyResponse(matcher.Method, result.Verdict, result.SpeakerMatches, result.Explanation,
                    result.Matches.Select(MatchItem.From).ToList()));
            })
            .WithName("Verify").WithSummary("Was this said, and by this speaker? The closest stored quotes and a verdict.")
            .Produces<VerifyResponse>().ProducesProblem(400).ProducesProblem(413);

        var ingest = api.MapPost("/articles", async (HttpContext ctx, StorePool pool) =>
            {
                var body = await Body(ctx, options.MaxIngestBytes);
                return Results.Ok(Ingest(pool, body, options));
            })
            .WithName("IngestArticles")
            .WithDescription("The body is JSON Lines (any content type), at most the server's --max-body bytes (413 beyond). Each line is read, extracted and stored like `verbatim ingest`; already stored texts are skipped; bad lines are rejected one by one.")
            .WithSummary("Extracts and stores articles sent as JSON Lines ({id, date, title, url, publisher, text} a line). Needs Authorization: Bearer KEY.")
            .Produces<IngestResponse>().ProducesProblem(401).ProducesProblem(413);
        if (!options.ProtectReads) ingest.AddEndpointFilter(RequireKey);

        api.MapFallback((HttpContext ctx) => NotFound($"no API endpoint {ctx.Request.Method} {ctx.Request.Path}")).ExcludeFromDescription();
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };

    private static IngestResponse Ingest(StorePool pool, byte[] body, ServerOptions options)
    {
        const int batchSize = 128;
        int read = 0, stored = 0, skipped = 0, quotes = 0;
        var rejections = new List<Rejection>();
        var pending = new List<ArticleExtraction>();
        var pendingRejects = new List<Rejection>();
        void Flush()
        {
            if (pending.Count == 0 && pendingRejects.Count == 0) return;
            var r = pool.Use(s => s.Ingest(pending, pendingRejects));
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
            if (pending.Count >= batchSize) Flush();
        }
        Flush();
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
        Results.Json(new ErrorResponse(status, title, detail), JsonOptions, "application/problem+json", status);

    private static IResult NotFound(string detail) => Error(StatusCodes.Status404NotFound, "Not Found", detail);
}

/// <summary>A bad request parameter or body: a 400 whose message goes to the client.</summary>
internal sealed class BadQuery(string message) : Exception(message);

/// <summary>A request body over its limit: a 413.</summary>
internal sealed class TooLarge(long limit) : Exception($"the request body is larger than the limit of {limit} bytes");
