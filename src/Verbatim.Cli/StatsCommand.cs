using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verbatim.Output;

namespace Verbatim.Cli;

/// <summary><c>verbatim stats [--json]</c>: what the store holds.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var json = StoreCli.Json();
        var store = CliOptions.Store();
        var command = new Command("stats", "Counts of stored articles, quotes (by kind), speakers and rejects; the store's size.") { json, store };
        command.SetAction(parse => StoreCli.Run("stats", () =>
        {
            using var s = StoreCli.OpenExisting(parse.GetValue(store));
            var st = s.Stats();
            if (parse.GetValue(json))
            {
                StoreCli.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("store", s.Location);
                    w.WriteNumber("schema_version", st.SchemaVersion);
                    w.WriteNumber("articles", st.Articles);
                    w.WriteNumber("quotes", st.Quotes);
                    w.WritePropertyName("quotes_by_kind");
                    w.WriteStartObject();
                    foreach (var (kind, n) in st.QuotesByKind.OrderBy(p => p.Key))
                        w.WriteNumber(ExtractionJson.KindName(kind), n);
                    w.WriteEndObject();
                    w.WriteNumber("speakers", st.Speakers);
                    w.WriteNumber("rejects", st.Rejects);
                    w.WriteNumber("size_bytes", st.SizeBytes);
                    StoreCli.WriteDate(w, "first_date", st.FirstDate);
                    StoreCli.WriteDate(w, "last_date", st.LastDate);
                    w.WriteEndObject();
                });
                return 0;
            }
            static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
            var table = new Table().Border(TableBorder.Rounded).HideHeaders();
            table.AddColumn("what");
            table.AddColumn(new TableColumn("value").RightAligned());
            table.AddRow("store", Markup.Escape(s.Location));
            table.AddRow("articles", N(st.Articles));
            table.AddRow("quotes", N(st.Quotes));
            foreach (var (kind, n) in st.QuotesByKind.OrderBy(p => p.Key))
                table.AddRow($"  {ExtractionJson.KindName(kind)}", N(n));
            table.AddRow("speakers", N(st.Speakers));
            table.AddRow("rejects", N(st.Rejects));
            table.AddRow("dates", st.FirstDate is null ? "—" : $"{StoreCli.Date(st.FirstDate)} … {StoreCli.Date(st.LastDate)}");
            table.AddRow("size", StoreCli.Bytes(st.SizeBytes));
            table.AddRow("schema version", st.SchemaVersion.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
