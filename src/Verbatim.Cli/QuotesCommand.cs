using System.CommandLine;
using Spectre.Console;

namespace Verbatim.Cli;

/// <summary><c>verbatim quotes --speaker NAME [--about WORDS] [--limit N] [--json]</c>: one speaker's quotes in date order, or about a subject.</summary>
internal static class QuotesCommand
{
    public static Command Create()
    {
        var speaker = new Option<string?>("--speaker") { Description = "The speaker: an id (volodymyr-zelenskyy) or a name in any spelling (Zelensky, Zelenskiy), any case." };
        var about = new Option<string?>("--about") { Description = "Only quotes about these words (full-text, best first), across every spelling of the speaker's name." };
        var limit = StoreCli.Limit(50);
        var json = StoreCli.Json();
        var store = CliOptions.Store();
        var command = new Command("quotes", "A speaker's quotes, oldest first (with --about: what they said about a subject, best first).") { speaker, about, limit, json, store };
        command.SetAction(parse => StoreCli.Run("quotes", () =>
        {
            var who = parse.GetValue(speaker);
            if (string.IsNullOrWhiteSpace(who)) throw new UsageException("--speaker: give a speaker id or name");
            var n = CliValues.PositiveInt("--limit", parse.GetValue(limit), 50);
            using var s = StoreCli.OpenExisting(parse.GetValue(store));
            var subject = parse.GetValue(about);
            var quotes = string.IsNullOrWhiteSpace(subject)
                ? s.QuotesBySpeaker(who, n)
                : s.Search(new Verbatim.Storage.SearchQuery { Words = subject, Speaker = who, Limit = n });
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
