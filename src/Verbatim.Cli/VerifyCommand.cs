using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verbatim.Corpus;

namespace Verbatim.Cli;

/// <summary><c>verbatim verify "CLAIM" [--speaker NAME] [--date D] [--limit N] [--json]</c>: is this quote attested, by whom, first where.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var claim = new Argument<string>("claim") { Description = "The claimed quote, in quotation marks on the command line." };
        var speaker = new Option<string?>("--speaker") { Description = "Who supposedly said it: any spelling of the name, or a speaker id." };
        var date = new Option<string?>("--date") { Description = "When it was supposedly said (YYYY-MM-DD): breaks ties between equally close matches." };
        var limit = StoreCli.Limit(5);
        var json = new Option<bool>("--json") { Description = "Write one JSON object {\"verdict\", \"matches\": [{\"text\", \"speaker\", \"first_seen\", \"article\", \"similarity\", ...}]}." };
        var store = CliOptions.Store();
        var command = new Command("verify",
            "Check a claimed quote against the store: verbatim, altered (with the word difference), misattributed, fragment (with the whole quote) or not_found, " +
            "and the closest attested quotes with their speaker and first appearance.")
        {
            claim, speaker, date, limit, json, store,
        };
        command.SetAction(parse => CorpusCli.Run("verify", () =>
        {
            var text = parse.GetValue(claim);
            if (string.IsNullOrWhiteSpace(text)) throw new UsageException("give the claimed quote");
            var query = new VerifyQuery(text)
            {
                Speaker = parse.GetValue(speaker),
                Date = CliValues.Date("--date", parse.GetValue(date)),
                Limit = CliValues.PositiveInt("--limit", parse.GetValue(limit), 5, 100),
            };
            using var s = CorpusCli.Open(parse.GetValue(store));
            var result = s.Verify(query);
            if (parse.GetValue(json))
            {
                StoreCli.WriteJson(w => CorpusCli.WriteVerify(w, result));
                return ExitCodes.Ok;
            }
            var colour = result.Verdict switch
            {
                Verdict.Verbatim => "green",
                Verdict.Fragment => "yellow",
                Verdict.Altered => "orange1",
                Verdict.Misattributed => "red",
                _ => "grey",
            };
            AnsiConsole.MarkupLine($"[bold {colour}]{VerifyResult.Name(result.Verdict)}[/]");
            if (result.SaidBy is not null) AnsiConsole.MarkupLine($"said by [bold]{Markup.Escape(result.SaidBy)}[/]");
            if (result.Diff is not null)
                AnsiConsole.MarkupLine("difference: " + Markup.Escape(result.Diff)
                    .Replace("[[-", "[red strikethrough]", StringComparison.Ordinal).Replace("-]]", "[/]", StringComparison.Ordinal)
                    .Replace("{+", "[green]", StringComparison.Ordinal).Replace("+}", "[/]", StringComparison.Ordinal));
            if (result.FullText is not null) AnsiConsole.MarkupLine($"whole quote: {Markup.Escape(result.FullText)}");
            if (result.Matches.Count == 0) return ExitCodes.Ok;
            var table = new Table().Border(TableBorder.Rounded).Expand();
            table.AddColumn(new TableColumn("Similarity").RightAligned().NoWrap());
            table.AddColumn("Attested quote");
            table.AddColumn("Speaker");
            table.AddColumn(new TableColumn("First seen").NoWrap());
            table.AddColumn("Article");
            table.AddColumn(new TableColumn("Articles").RightAligned().NoWrap());
            foreach (var m in result.Matches)
                table.AddRow(m.Similarity.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(m.Text), Markup.Escape(m.Speaker ?? "—"),
                    StoreCli.Date(m.FirstSeen), Markup.Escape($"{m.Article}{(m.Publisher is null ? "" : $" ({m.Publisher})")}"),
                    m.Articles.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
