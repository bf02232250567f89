using System.CommandLine;
using Spectre.Console;

namespace Verbatim.Cli;

/// <summary><c>verbatim quotes --speaker NAME [--limit N] [--json]</c>: one speaker's quotes in date order.</summary>
internal static class QuotesCommand
{
    public static Command Create()
    {
        var speaker = new Option<string?>("--speaker") { Description = "The speaker: an id (volodymyr-zelenskyy) or a name, any case." };
        var limit = StoreCli.Limit(50);
        var json = StoreCli.Json();
        var store = CliOptions.Store();
        var command = new Command("quotes", "A speaker's quotes, oldest first.") { speaker, limit, json, store };
        command.SetAction(parse => StoreCli.Run("quotes", () =>
        {
            var who = parse.GetValue(speaker);
            if (string.IsNullOrWhiteSpace(who)) throw new UsageException("--speaker: give a speaker id or name");
            var n = CliValues.PositiveInt("--limit", parse.GetValue(limit), 50);
            using var s = StoreCli.OpenExisting(parse.GetValue(store));
            var quotes = s.QuotesBySpeaker(who, n);
            if (parse.GetValue(json))
            {
                StoreCli.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var q in quotes) StoreCli.WriteQuote(w, q);
                    w.WriteEndArray();
                });
                return 0;
            }
            if (quotes.Count == 0)
            {
                AnsiConsole.MarkupLine($"[grey]no quotes by {Markup.Escape(who)}[/] (see 'verbatim speakers')");
                return 0;
            }
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(quotes[0].SpeakerName ?? who)}[/] [grey]({Markup.Escape(quotes[0].SpeakerId ?? "")})[/]");
            AnsiConsole.Write(StoreCli.QuoteTable(quotes, showSpeaker: false));
            return 0;
        }));
        return command;
    }
}
