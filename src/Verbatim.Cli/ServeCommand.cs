using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using System.CommandLine;
using Verbatim.Server;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim serve [--store FILE|postgres://...] [--urls URL] [--keys FILE] [--protect-reads] [--max-body BYTES] [--cors ORIGIN] [--search-cache MB]</c>:
/// the HTTP API and the web pages, in this process.
/// </summary>
internal static class ServeCommand
{
    public const string KeysEnvironmentVariable = "VERBATIM_KEYS";

    public static Command Create()
    {
        var store = CliOptions.Store();
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080; several separated by ;)." };
        var keys = Keys();
        var protect = new Option<bool>("--protect-reads") { Description = "Require an API key for reading too (default: reads are public, writes need a key)." };
        var maxBody = new Option<string?>("--max-body") { Description = "Largest ingest request body in bytes (default 16777216)." };
        var cache = new Option<string?>("--search-cache") { Description = "Megabytes of search responses kept for repeated searches (default 32; 0: off). Writes clear it." };
        var cors = new Option<string[]>("--cors") { Description = "Allow pages from this origin to call the API (repeatable; default: CORS off).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("serve", "Serve the HTTP API (OpenAPI at /openapi/v1.json) and the web pages for a store.")
        {
            store, urls, keys, protect, maxBody, cors, cache,
        };
        command.SetAction(parse => StoreCli.Run("serve", () =>
        {
            var location = CliOptions.ResolveStore(parse.GetValue(store));
            var options = new ServerOptions
            {
                Store = location,
                Urls = string.IsNullOrWhiteSpace(parse.GetValue(urls)) ? "http://127.0.0.1:5080" : parse.GetValue(urls)!,
                KeysFile = ResolveKeys(parse.GetValue(keys), location),
                ProtectReads = parse.GetValue(protect) || Environment.GetEnvironmentVariable("VERBATIM_PROTECT_READS") is "1" or "true",
                MaxIngestBytes = CliValues.PositiveInt("--max-body", parse.GetValue(maxBody), 16 * 1024 * 1024),
                CorsOrigins = parse.GetValue(cors) ?? [],
                SearchCacheBytes = parse.GetValue(cache) is null ? 32L * 1024 * 1024 : CliValues.NonNegativeInt("--search-cache", parse.GetValue(cache), 32, 4096) * 1024L * 1024,
            };
            WebApplication app;
            try
            {
                app = VerbatimServer.Build(options);
                app.Start();
            }
            catch (IOException e)
            {
                throw new UsageException($"cannot listen on {options.Urls}: {e.Message}");
            }
            var keyCount = new ApiKeys(options.KeysFile).Count;
            Console.WriteLine($"verbatim: serving {QuoteStores.Describe(location)} on {string.Join(", ", app.Urls)}");
            Console.WriteLine($"  reads {(options.ProtectReads ? "need a key" : "public")}; writes need a key ({keyCount} in {options.KeysFile}); Ctrl+C stops");
            app.WaitForShutdown();
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Option<string?> Keys() => new("--keys")
    {
        Description = $"The API keys file (default: ${KeysEnvironmentVariable}, else STORE.keys beside a SQLite store, else ./verbatim.keys).",
    };

    public static string ResolveKeys(string? option, string store)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        var env = Environment.GetEnvironmentVariable(KeysEnvironmentVariable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(env) ? ApiKeys.DefaultPath(store) : env);
    }
}

/// <summary><c>verbatim keys create [--name NAME] [--keys FILE] [--store S]</c>: makes an API key; only its hash is kept.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var name = new Option<string?>("--name") { Description = "What the key is for (kept beside its hash)." };
        var keys = ServeCommand.Keys();
        var store = CliOptions.Store();
        var create = new Command("create", "Make an API key for writes (POST /api/articles); prints the key once, stores its SHA-256 hash.")
        {
            name, keys, store,
        };
        create.SetAction(parse => StoreCli.Run("keys create", () =>
        {
            var path = ServeCommand.ResolveKeys(parse.GetValue(keys), CliOptions.ResolveStore(parse.GetValue(store)));
            var label = parse.GetValue(name)?.Trim();
            if (label is { Length: > 100 } || label?.Any(char.IsControl) == true) throw new UsageException("--name: at most 100 characters, no control characters");
            var (key, id) = ApiKeys.Create(path, string.IsNullOrEmpty(label) ? "unnamed" : label);
            Console.WriteLine(key);
            Console.Error.WriteLine($"key {id} added to {path} (only its hash is kept: copy the key now). Use it as: Authorization: Bearer KEY");
            return ExitCodes.Ok;
        }));
        return new Command("keys", "API keys for the server.") { create };
    }
}
