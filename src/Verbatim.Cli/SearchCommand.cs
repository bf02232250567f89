using System.CommandLine;
using Spectre.Console;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary><c>verbatim search "words" [--speaker NAME] [--from D] [--to D] [--publisher P] [--limit N] [--json]</c></summary>
internal static class SearchCommand
{
    // Control characters cannot occur in the escaped snippet, so they mark the highlights unambiguously.
    private const string Open = "\u0002", Close = "\u0003";

    public static Command Create()
    {
        var words = new Argument<string?>("words") { Description = "Words to find in quote text (plain words; empty: filters only, newest first).", Arity = ArgumentArity.ZeroOrOne };
        var speaker = new Option<string?>("--speaker") { Description = "Only quotes by this speaker (id or name, any case)." };
        var from = new Option<string?>("--from") { Description = "Only articles dated on or after YYYY-MM-DD." };
        var to = new Option<string?>("--to") { Description = "Only articles dated on or before YYYY-MM-DD." };
        var publisher = new Option<string?>("--publisher") { Description = "Only articles of this publisher (any case)." };
        var limit = StoreCli.Limit(20);
        var json = StoreCli.Json();
        var store = CliOptions.Store();

        var command = new Command("search", "Search stored quotes by words, ranked by relevance, with filters.")
        {
            words, speaker, from, to, publisher, limit, json, store,
        };
        command.SetAction(parse => StoreCli.Run("search", () =>
        {
            var (f, t) = CliValues.DateRange(parse.GetValue(from), parse.GetValue(to));
            var asJson = parse.GetValue(json);
            var query = new SearchQuery
            {
                Words = parse.GetValue(words),
                Speaker = parse.GetValue(speaker),
                From = f,
                To = t,
                Publisher = parse.GetValue(publisher),
                Limit = CliValues.PositiveInt("--limit", parse.GetValue(limit), 20),
                HighlightOpen = asJson ? "[" : Open,
                HighlightClose = asJson ? "]" : Close,
            };
            using var s = StoreCli.OpenExisting(parse.GetValue(store));
            var hits = s.Search(query);
            if (asJson)
            {
                StoreCli.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var h in hits) StoreCli.WriteQuote(w, h);
                    w.WriteEndArray();
                });
                return 0;
            }
            if (hits.Count == 0)
            {
                AnsiConsole.MarkupLine("[grey]no quotes found[/]");
                return 0;
            }
            AnsiConsole.Write(StoreCli.QuoteTable(hits, showSpeaker: true, Open, Close));
            return 0;
        }));
        return command;
    }
}
