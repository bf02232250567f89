using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Verbatim.Benchmarks;
using Verbatim.Output;
using Verbatim.Pipeline;
using Verbatim.Readers;

namespace Verbatim.Cli;

/// <summary><c>verbatim extract INPUT...</c>: articles in, one JSON object per article out (SCHEMA.md), in input order.</summary>
internal static class ExtractCommand
{
    internal sealed record Settings
    {
        public string[] Inputs { get; init; } = [];
        public string Format { get; init; } = "jsonl";
        public DateOnly? Date { get; init; }
        public string? InputFormat { get; init; }
        public CsvColumns? CsvColumns { get; init; }
        public string? Rejects { get; init; }
        public int Threads { get; init; } = Environment.ProcessorCount;
        /// <summary>The accurate mode (MiniLM token codes for the content tagger; a few thousand words per second per core).</summary>
        public bool Accurate { get; init; }
    }

    public static Command Create() => Create(CliIo.FromConsole, null);

    /// <param name="io">The streams to use, asked for when the command runs.</param>
    /// <param name="pipeline">The pipeline; null = <see cref="VerbatimPipeline.Default"/>.</param>
    internal static Command Create(Func<CliIo> io, VerbatimPipeline? pipeline)
    {
        var inputs = new Argument<string[]>("INPUT")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Files (.txt; .jsonl/.ndjson; .html/.htm; .warc; .csv; .gz of these), folders (read recursively; a PolNeAR layout is detected) or - for standard input. None: standard input.",
        };
        inputs.Validators.Add(r =>
        {
            // An unknown option would otherwise be taken for an input path and "rejected" (exit 3).
            foreach (var t in r.Tokens)
                if (t.Value.Length > 1 && t.Value[0] == '-' && !File.Exists(t.Value) && !Directory.Exists(t.Value))
                    r.AddError($"unknown option '{t.Value}'");
        });
        var format = new Option<string>("--format")
        {
            Description = "Output: jsonl (one SCHEMA.md object per article) or table (for reading).",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var date = new Option<DateOnly?>("--date")
        {
            Description = "The date of articles that carry none (no ' date YYYY-MM-DD ' header, no \"date\" field).",
            HelpName = "YYYY-MM-DD",
            CustomParser = r =>
            {
                var token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (ArticleDates.TryParseIso(token, out var d)) return d;
                r.AddError($"--date '{token}' is not a real YYYY-MM-DD date");
                return null;
            },
        };
        var inputFormat = new Option<string?>("--input-format")
        {
            Description = "Read every input as this format instead of choosing by extension.",
        };
        inputFormat.AcceptOnlyFromAmong([.. ArticleSources.Formats]);
        var textColumn = new Option<string?>("--text-column") { Description = "CSV: the column that holds the article text (default: text).", HelpName = "NAME" };
        var column = new Option<string[]>("--column")
        {
            Description = "CSV: FIELD=NAME, the column for id, date, title, url, publisher or text (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "FIELD=NAME",
        };
        var rejects = new Option<string?>("--rejects")
        {
            Description = "Append rejected records to FILE as JSON Lines {\"record\",\"reason\",\"raw\"}.",
            HelpName = "FILE",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Extraction threads (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out int n) && n < 1)
                r.AddError("--threads must be at least 1");
        });

        var accurate = new Option<bool>("--accurate")
        {
            Description = "The accurate mode: MiniLM token features for the content tagger, with its own model (about 4,000 words per second per core instead of about 600,000).",
        };

        var command = new Command("extract",
            "Extract quotations and their speakers; writes one JSON object per article (../shared/SCHEMA.md) to stdout, in input order. " +
            "Rejected records are named on stderr (and in --rejects FILE); a summary ends stderr. " +
            "Exit codes: 0 every record was read, 3 some records were rejected (the rest is still output), 2 usage error, 1 the output could not be written.");
        command.Arguments.Add(inputs);
        command.Options.Add(format);
        command.Options.Add(date);
        command.Options.Add(inputFormat);
        command.Options.Add(textColumn);
        command.Options.Add(column);
        command.Options.Add(rejects);
        command.Options.Add(threads);
        command.Options.Add(accurate);
        command.SetAction(parse =>
        {
            CsvColumns? csv;
            try
            {
                csv = CliValues.CsvColumns(parse.GetValue(textColumn), parse.GetValue(column));
            }
            catch (UsageException e)
            {
                var cli = io();
                cli.Stderr.WriteLine($"verbatim extract: {e.Message}");
                return ExitCodes.Usage;
            }
            return Run(new Settings
            {
                Inputs = parse.GetValue(inputs) ?? [],
                Format = parse.GetValue(format) ?? "jsonl",
                Date = parse.GetValue(date),
                InputFormat = parse.GetValue(inputFormat),
                CsvColumns = csv,
                Rejects = parse.GetValue(rejects),
                Threads = parse.GetValue(threads),
                Accurate = parse.GetValue(accurate),
            }, io(), pipeline);
        });
        return command;
    }

    internal static int Run(Settings settings, CliIo io, VerbatimPipeline? pipeline = null)
    {
        if (settings.Threads < 1)
        {
            io.Stderr.WriteLine("verbatim extract: --threads must be at least 1");
            return ExitCodes.Usage;
        }
        var options = new ReaderOptions { Date = settings.Date, Format = settings.InputFormat, StandardInput = io.Stdin, CsvColumns = settings.CsvColumns };
        string[] inputs = settings.Inputs.Length == 0 ? ["-"] : settings.Inputs;
        if (inputs.Contains("-") && io.StdinIsTerminal)
            io.Stderr.WriteLine("verbatim extract: reading an article from standard input (end it with Ctrl+D; --help for more)");

        StreamWriter? rejectsFile = null;
        if (settings.Rejects is not null)
        {
            try
            {
                rejectsFile = new StreamWriter(settings.Rejects, append: true, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                io.Stderr.WriteLine($"verbatim extract: cannot open --rejects {settings.Rejects}: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        long articles = 0, quotes = 0, rejected = 0;
        int rc = ExitCodes.Ok;
        using (rejectsFile)
        using (var progress = Progress.Start(io))
        {
            try
            {
                using var sink = settings.Format == "table" ? (IExtractionSink)new TableSink(io) : new JsonLinesSink(io.Stdout);
                foreach (var result in ParallelExtraction.Run(ArticleSources.Open(inputs, options), pipeline ?? (settings.Accurate ? Contextual.AccuratePipeline.Default : VerbatimPipeline.Default), settings.Threads))
                {
                    if (result.Extraction is { } x)
                    {
                        sink.Write(x);
                        articles++;
                        quotes += x.Quotes.Count;
                        progress.Advance(1, Words.Count(x.Article.Text.AsSpan(x.Article.BodyStart)));
                        continue;
                    }
                    var r = result.Rejection!;
                    rejected++;
                    progress.WriteLine($"rejected {OneLine(r.Record)}: {OneLine(r.Reason)}");
                    rejectsFile?.WriteLine(RejectionJson(r));
                }
            }
            catch (IOException e)
            {
                // Typically a closed pipe (| head): stop quietly rather than dump a stack trace.
                progress.WriteLine($"verbatim extract: cannot write the output: {e.Message}");
                rc = ExitCodes.Failed;
            }
        }
        io.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{articles} articles, {quotes} quotes, {rejected} rejected"));
        io.Stderr.Flush();
        return rc != ExitCodes.Ok ? rc : rejected > 0 ? ExitCodes.Rejected : ExitCodes.Ok;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");

    internal static string RejectionJson(Rejection r)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, JsonLinesSink.Options))
        {
            w.WriteStartObject();
            w.WriteString("record", r.Record);
            w.WriteString("reason", r.Reason);
            w.WriteString("raw", r.Raw);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private interface IExtractionSink : IDisposable
    {
        void Write(ArticleExtraction x);
    }

    /// <summary>One <see cref="ExtractionJson"/> object per line, straight into a buffered stdout.</summary>
    private sealed class JsonLinesSink : IExtractionSink
    {
        // The same settings as ExtractionJson.ToJson, so a line equals ToJson of the article (a test checks it).
        internal static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

        private readonly BufferedStream _out;
        private readonly Utf8JsonWriter _writer;

        public JsonLinesSink(Stream stdout)
        {
            _out = new BufferedStream(stdout, 64 * 1024);
            _writer = new Utf8JsonWriter(_out, Options);
        }

        public void Write(ArticleExtraction x)
        {
            ExtractionJson.Write(_writer, x);
            _writer.Flush();
            _out.WriteByte((byte)'\n');
            _writer.Reset();
        }

        public void Dispose()
        {
            _writer.Dispose();
            _out.Flush();
        }
    }

    /// <summary>A readable table; flushed every few hundred rows so memory stays bounded on a big corpus.</summary>
    private sealed class TableSink : IExtractionSink
    {
        private const int RowsPerTable = 200;
        private const int QuoteWidth = 72;
        private readonly StreamWriter _writer;
        private readonly IAnsiConsole _console;
        private Table? _table;
        private int _rows;

        public TableSink(CliIo io)
        {
            _writer = new StreamWriter(io.Stdout, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(_writer),
                Ansi = io.StdoutIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = io.StdoutIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            if (!io.StdoutIsTerminal) _console.Profile.Width = 140;
        }

        public void Write(ArticleExtraction x)
        {
            _table ??= new Table().AddColumns("article", "kind", "speaker", "uttered", "quote");
            var id = Markup.Escape(x.Article.Id);
            if (x.Quotes.Count == 0)
                Add(id, "-", "", "", "[grey](no quotes)[/]");
            foreach (var q in x.Quotes)
                Add(id,
                    ExtractionJson.KindName(q.Kind),
                    Markup.Escape(q.Speaker?.Name ?? q.Source?.Text ?? "?"),
                    q.Uttered?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(Truncate(q.Text)));
            if (_rows >= RowsPerTable) Flush();
        }

        private void Add(params string[] cells)
        {
            _table!.AddRow(cells);
            _rows++;
        }

        private static string Truncate(string s)
        {
            s = s.ReplaceLineEndings(" ");
            return s.Length <= QuoteWidth ? s : string.Concat(s.AsSpan(0, QuoteWidth - 1), "…");
        }

        private void Flush()
        {
            if (_table is null) return;
            _console.Write(_table);
            _writer.Flush();
            _table = null;
            _rows = 0;
        }

        public void Dispose()
        {
            Flush();
            _writer.Dispose();
        }
    }
}
