using System.CommandLine;
using Spectre.Console;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary><c>verbatim commitments [--speaker NAME] [--due-before DATE] [--due-after DATE] [--limit N] [--json]</c>:
/// promises and predictions with the date they point to, earliest due first.</summary>
internal static class CommitmentsCommand
{
    public static Command Create()
    {
        var speaker = new Option<string?>("--speaker") { Description = "Only this speaker: an id (volodymyr-zelenskyy) or a name, any case." };
        var dueBefore = new Option<string?>("--due-before") { Description = "Only commitments due before YYYY-MM-DD (that day excluded)." };
        var dueAfter = new Option<string?>("--due-after") { Description = "Only commitments due after YYYY-MM-DD (that day excluded)." };
        var limit = StoreCli.Limit(50);
        var json = StoreCli.Json();
        var store = CliOptions.Store();
        var command = new Command("commitments",
            "Dated commitments: quotes whose words point to a time after they were said (promises, deadlines, predictions), " +
            "with who said them, when, and the last day they allow.")
        {
            speaker, dueBefore, dueAfter, limit, json, store,
        };
        command.SetAction(parse => StoreCli.Run("commitments", () =>
        {
            var before = CliValues.Date("--due-before", parse.GetValue(dueBefore));
            var after = CliValues.Date("--due-after", parse.GetValue(dueAfter));
            if (before is { } b && after is { } a && a >= b)
                throw new UsageException($"--due-after {StoreCli.Date(a)} is not before --due-before {StoreCli.Date(b)}");
            var n = CliValues.PositiveInt("--limit", parse.GetValue(limit), 50);
            var who = parse.GetValue(speaker);
            using var s = StoreCli.OpenExisting(parse.GetValue(store));
            var list = s.Commitments(new CommitmentQuery
            {
                Speaker = string.IsNullOrWhiteSpace(who) ? null : who.Trim(),
                DueBefore = before,
                DueAfter = after,
                Limit = n,
            });
            if (parse.GetValue(json))
            {
                StoreCli.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var c in list)
                    {
                        w.WriteStartObject();
                        StoreCli.WriteDate(w, "due", c.Due);
                        StoreCli.WriteDate(w, "said", c.Said);
                        w.WriteStartObject("time");
                        w.WriteNumber("start", c.Time.Start);
                        w.WriteNumber("end", c.Time.End);
                        w.WriteString("text", c.Time.Text);
                        w.WriteString("value", c.Time.Value);
                        w.WriteString("mod", c.Time.Mod);
                        w.WriteEndObject();
                        w.WritePropertyName("quote");
                        StoreCli.WriteQuote(w, c.Quote);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
                return 0;
            }
            if (list.Count == 0)
            {
                AnsiConsole.MarkupLine("[grey]no dated commitments match[/]");
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Expand();
            table.AddColumn(new TableColumn("Due").NoWrap());
            table.AddColumn("Points to");
            table.AddColumn("Speaker");
            table.AddColumn(new TableColumn("Said").NoWrap());
            table.AddColumn("Words");
            foreach (var c in list)
                table.AddRow(
                    Markup.Escape(StoreCli.Date(c.Due)),
                    Markup.Escape($"{c.Time.Text} ({c.Time.Value}{(c.Time.Mod is null ? "" : " " + c.Time.Mod)})"),
                    Markup.Escape(c.Quote.SpeakerName ?? "—"),
                    Markup.Escape(StoreCli.Date(c.Said)),
                    Markup.Escape(c.Quote.Text));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
