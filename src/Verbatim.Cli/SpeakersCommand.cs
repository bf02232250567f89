using System.CommandLine;
using Spectre.Console;
using Verbatim.Output;

namespace Verbatim.Cli;

/// <summary><c>verbatim speakers [--limit N] [--json]</c>: the most quoted speakers.</summary>
internal static class SpeakersCommand
{
    public static Command Create()
    {
        var limit = StoreCli.Limit(20);
        var json = StoreCli.Json();
        var store = CliOptions.Store();
        var command = new Command("speakers", "The most quoted speakers, with their quote counts; merge, split, rename, aliases and show correct and inspect identities.")
        {
            limit, json, store,
        };
        foreach (var sub in SpeakerCorrectionCommands.Create()) command.Subcommands.Add(sub);
        command.SetAction(parse => StoreCli.Run("speakers", () =>
        {
            var n = CliValues.PositiveInt("--limit", parse.GetValue(limit), 20);
            using var s = StoreCli.OpenExisting(parse.GetValue(store));
            var speakers = s.Speakers(n);
            if (parse.GetValue(json))
            {
                StoreCli.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var sp in speakers)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", sp.Id);
                        w.WriteString("name", sp.Name);
                        w.WriteString("type", ExtractionJson.TypeName(sp.Type));
                        w.WriteNumber("quotes", sp.Quotes);
                        w.WriteNumber("articles", sp.Articles);
                        StoreCli.WriteDate(w, "first", sp.First);
                        StoreCli.WriteDate(w, "last", sp.Last);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
                return 0;
            }
            if (speakers.Count == 0)
            {
                AnsiConsole.MarkupLine("[grey]no speakers stored[/]");
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(new TableColumn("#").RightAligned().NoWrap());
            table.AddColumn("Speaker");
            table.AddColumn("Id");
            table.AddColumn(new TableColumn("Quotes").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("Articles").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("First").NoWrap());
            table.AddColumn(new TableColumn("Last").NoWrap());
            var rank = 0;
            foreach (var sp in speakers)
                table.AddRow((++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(sp.Name), Markup.Escape(sp.Id),
                    sp.Quotes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    sp.Articles.ToString(System.Globalization.CultureInfo.InvariantCulture), StoreCli.Date(sp.First), StoreCli.Date(sp.Last));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
