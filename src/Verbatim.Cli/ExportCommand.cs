using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Verbatim.Output;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary><c>verbatim export --format jsonl|csv [--output FILE]</c>: the whole store, streamed.</summary>
internal static class ExportCommand
{
    private static readonly JsonWriterOptions LineJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static Command Create()
    {
        var format = new Option<string?>("--format") { Description = "jsonl: one article per line in the SCHEMA.md shape; csv: one row per quote." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output." };
        var store = CliOptions.Store();
        var command = new Command("export", "Export every stored article (JSON Lines) or quote (CSV).") { format, output, store };
        command.SetAction(parse => StoreCli.Run("export", () =>
        {
            var fmt = CliValues.OneOf("--format", parse.GetValue(format), "jsonl", "csv")
                ?? throw new UsageException("--format: give jsonl or csv");
            using var s = StoreCli.OpenExisting(parse.GetValue(store));
            var path = parse.GetValue(output);
            // Write to a temporary file and rename, so an interrupted export never leaves a half file under the name.
            var temp = path is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
            try
            {
                using (var stream = temp is null ? Console.OpenStandardOutput() : File.Create(temp))
                using (var buffered = new BufferedStream(stream, 1 << 16))
                {
                    if (fmt == "jsonl") WriteJsonLines(buffered, s);
                    else
                    {
                        using var text = new StreamWriter(buffered, new UTF8Encoding(false), 1 << 16);
                        QuoteCsv.Write(text, s.ExportQuotes());
                    }
                }
                if (temp is not null) File.Move(temp, path!, overwrite: true);
            }
            finally
            {
                if (temp is not null && File.Exists(temp)) File.Delete(temp);
            }
            return 0;
        }));
        return command;
    }

    private static void WriteJsonLines(Stream output, IQuoteStore store)
    {
        using var w = new Utf8JsonWriter(output, LineJson);
        foreach (var x in store.ExportArticles())
        {
            ExtractionJson.Write(w, x);
            w.Flush();
            output.Write("\n"u8);
            w.Reset(output);
        }
    }
}
