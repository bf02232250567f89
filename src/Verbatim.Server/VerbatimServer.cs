using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Verbatim.Storage;

namespace Verbatim.Server;

/// <summary>
/// The Verbatim web server: the HTTP API, its OpenAPI document, and the web pages (static files in <c>wwwroot</c>
/// beside the assembly, no build step). <c>verbatim serve</c> calls <see cref="Build"/> and runs the result.
/// </summary>
public static class VerbatimServer
{
    /// <summary>Builds the app (not started). Opens the store once up front, so a bad store fails here with its message.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Fail now, clearly, rather than on the first request: and create an empty SQLite store to ingest into.
        using (QuoteStores.Open(options.Store, create: true)) { }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.Error);
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Math.Max(options.MaxIngestBytes, options.MaxJsonBytes) + 1;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ApiKeys(options.KeysFile));
        builder.Services.AddSingleton(_ => new StorePool(() => QuoteStores.Open(options.Store, create: false), keep: 4 * Environment.ProcessorCount + 4));
        builder.Services.AddSingleton(_ => new CorpusLane(() => QuoteStores.Open(options.Store, create: false)));
        builder.Services.AddSingleton(sp =>
        {
            var pool = sp.GetRequiredService<StorePool>();
            return new SearchCache(options.SearchCacheBytes, () => pool.Use(s => s.ChangeCounter()));
        });
        // The default encoder escapes <, >, & and quotes in strings: JSON that holds markup stays inert even if mis-served.
        // The API's types are serialised by generated code (ApiJson) first.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default);
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Verbatim API";
            doc.Info.Description = "Quotations and their speakers from dated news articles: search, speakers, articles, verification, ingest.";
            return Task.CompletedTask;
        }));
        if (options.CorsOrigins.Count > 0)
            builder.Services.AddCors(c => c.AddDefaultPolicy(p => p.WithOrigins([.. options.CorsOrigins]).WithMethods("GET", "POST").WithHeaders("Authorization", "Content-Type")));

        // Sync store calls run on pool threads: start with enough of them for a burst of searches.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8 * Environment.ProcessorCount), io);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleError, SuppressDiagnosticsCallback = _ => true });
        app.Use(async (ctx, next) =>
        {
            SecurityHeaders(ctx.Response.Headers);
            await next(ctx);
        });
        if (options.CorsOrigins.Count > 0) app.UseCors();
        app.UseStatusCodePages(async ctx =>
        {
            var r = ctx.HttpContext.Response;
            if (r.HasStarted || r.ContentLength > 0 || r.ContentType is not null) return;
            await Api.Error(r.StatusCode, ReasonPhrase(r.StatusCode), ReasonPhrase(r.StatusCode)).ExecuteAsync(ctx.HttpContext);
        });
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        // API requests skip the file lookups.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages =>
        {
            pages.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            pages.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "no-cache",
            });
        });
        app.MapOpenApi();
        Api.Map(app, options);
        // The pages are one document; its script reads the path (/speakers/ID, /quotes/ID, /articles/ID, /verify).
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files, OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "no-cache" });
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            app.Services.GetRequiredService<CorpusLane>().Dispose();
            app.Services.GetRequiredService<StorePool>().Dispose();
        });
        return app;
    }

    /// <summary>No inline script or style, nothing from elsewhere, no framing, no sniffing.</summary>
    private static void SecurityHeaders(IHeaderDictionary h)
    {
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        h.XFrameOptions = "DENY";
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error";

    /// <summary>Errors become a status and a message; never a stack trace. Unexpected ones are logged here, on the server.</summary>
    private static async Task HandleError(HttpContext ctx)
    {
        var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, detail) = error switch
        {
            BadQuery b => (400, b.Message),
            TooLarge t => (413, t.Message),
            BadHttpRequestException b => (b.StatusCode, b.StatusCode == 413 ? "the request body is too large" : "bad request"),
            OperationCanceledException => (499, "request cancelled"),
            _ => (500, "internal error (details are in the server's log)"),
        };
        if (status == 500)
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Verbatim.Server")
                .LogError(error, "{Method} {Path} failed", ctx.Request.Method, ctx.Request.Path);
        ctx.Response.StatusCode = status;
        SecurityHeaders(ctx.Response.Headers);
        await Api.Error(status, ReasonPhrase(status), detail).ExecuteAsync(ctx);
    }
}
