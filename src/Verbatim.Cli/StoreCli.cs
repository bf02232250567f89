using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Verbatim.Output;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary>What the store commands share: opening the store, error handling, JSON and table output.</summary>
internal static class StoreCli
{
    /// <summary>Runs a command body: usage mistakes and store-open problems become one clear line on stderr.</summary>
    public static int Run(string command, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"verbatim {command}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (StoreOpenException e)
        {
            Console.Error.WriteLine($"verbatim {command}: {e.Message}");
            if (e.InnerException is FileNotFoundException)
                Console.Error.WriteLine($"  (run 'verbatim ingest' first, or point --store or ${CliOptions.StoreEnvironmentVariable} at an existing store)");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"verbatim {command}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Opens an existing store for a read command; a missing file is a clear error, never a new empty store.</summary>
    public static IQuoteStore OpenExisting(string? storeOption) =>
        QuoteStores.Open(CliOptions.ResolveStore(storeOption), create: false);

    public static Option<bool> Json() => new("--json") { Description = "Write JSON (for scripts) instead of a table." };

    public static Option<string?> Limit(int fallback) => new("--limit") { Description = $"At most N rows (default {fallback})." };

    // ------------------------------------------------------------------ JSON

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>Writes one JSON document to standard output.</summary>
    public static void WriteJson(Action<Utf8JsonWriter> write)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, JsonOptions))
            write(w);
        stdout.Write("\n"u8);
    }

    public static void WriteQuote(Utf8JsonWriter w, StoredQuote q)
    {
        w.WriteStartObject();
        w.WriteString("id", q.QuoteId);
        w.WriteString("article", q.ArticleId);
        WriteDate(w, "date", q.Date);
        w.WriteString("publisher", q.Publisher);
        w.WriteString("title", q.Title);
        w.WriteString("url", q.Url);
        w.WriteString("kind", ExtractionJson.KindName(q.Kind));
        w.WriteString("text", q.Text);
        if (q.Snippet is not null) w.WriteString("snippet", q.Snippet);
        if (q.SpeakerId is null) w.WriteNull("speaker");
        else
        {
            w.WritePropertyName("speaker");
            w.WriteStartObject();
            w.WriteString("id", q.SpeakerId);
            w.WriteString("name", q.SpeakerName);
            w.WriteEndObject();
        }
        w.WriteString("cue", q.Cue);
        WriteDate(w, "uttered", q.Uttered);
        w.WriteNumber("confidence", Math.Round(q.Confidence, 3));
        if (q.Score is { } score) w.WriteNumber("score", Math.Round(score, 4));
        w.WriteEndObject();
    }

    public static void WriteDate(Utf8JsonWriter w, string name, DateOnly? d)
    {
        if (d is null) w.WriteNull(name);
        else w.WriteString(name, Date(d));
    }

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    // ------------------------------------------------------------------ tables

    /// <summary>A table of quotes; <paramref name="highlight"/> turns the snippet's marks into colour.</summary>
    public static Table QuoteTable(IReadOnlyList<StoredQuote> quotes, bool showSpeaker, string? open = null, string? close = null)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("Date").NoWrap());
        if (showSpeaker) table.AddColumn("Speaker");
        table.AddColumn("Quote");
        table.AddColumn("Kind");
        table.AddColumn("Publisher");
        foreach (var q in quotes)
        {
            var quote = q.Snippet is { } snippet && open is not null && close is not null
                ? Markup.Escape(snippet).Replace(open, "[bold yellow]", StringComparison.Ordinal).Replace(close, "[/]", StringComparison.Ordinal)
                : Markup.Escape(q.Text);
            var cells = new List<string> { Markup.Escape(Date(q.Date)) };
            if (showSpeaker) cells.Add(Markup.Escape(q.SpeakerName ?? "—"));
            cells.Add(quote);
            cells.Add(ExtractionJson.KindName(q.Kind));
            cells.Add(Markup.Escape(q.Publisher ?? ""));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    public static string Bytes(long n) => n switch
    {
        < 1024 => $"{n} B",
        < 1024 * 1024 => $"{n / 1024.0:0.0} KB",
        < 1024L * 1024 * 1024 => $"{n / (1024.0 * 1024):0.0} MB",
        _ => $"{n / (1024.0 * 1024 * 1024):0.00} GB",
    };
}
