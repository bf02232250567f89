using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Verbatim.Cli;

/// <summary><c>verbatim clusters [--speaker NAME] [--quote ID] [--limit N] [--json]</c>: the same utterance across articles.</summary>
internal static class ClustersCommand
{
    public static Command Create()
    {
        var speaker = new Option<string?>("--speaker") { Description = "Only clusters with quotes by this speaker (any spelling)." };
        var quote = new Option<string?>("--quote") { Description = "The cluster of one quote id (article-id#qN)." };
        var limit = StoreCli.Limit(20);
        var json = StoreCli.Json();
        var store = CliOptions.Store();
        var command = new Command("clusters",
            "Quote clusters, most widely reported first: first-seen date and article, articles and publishers, and every wording (fragments marked).")
        {
            speaker, quote, limit, json, store,
        };
        command.SetAction(parse => CorpusCli.Run("clusters", () =>
        {
            var n = CliValues.PositiveInt("--limit", parse.GetValue(limit), 20);
            using var s = CorpusCli.Open(parse.GetValue(store));
            var id = parse.GetValue(quote);
            var clusters = string.IsNullOrWhiteSpace(id)
                ? s.Clusters(n, parse.GetValue(speaker))
                : s.ClusterOfQuote(id.Trim()) is { } one ? [one] : throw new UsageException($"--quote: no quote '{id}' in the store");
            if (parse.GetValue(json))
            {
                StoreCli.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var c in clusters) CorpusCli.WriteCluster(w, c);
                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }
            if (clusters.Count == 0)
            {
                AnsiConsole.MarkupLine("[grey]no clusters[/]");
                return ExitCodes.Ok;
            }
            foreach (var c in clusters)
            {
                AnsiConsole.MarkupLine($"[bold]#{c.Id}[/] {Markup.Escape(c.SpeakerName ?? "—")}: first seen {StoreCli.Date(c.FirstSeen)} in " +
                    $"{Markup.Escape(c.FirstArticle)}{(c.FirstPublisher is null ? "" : $" ({Markup.Escape(c.FirstPublisher)})")}; " +
                    $"{c.Articles.ToString(CultureInfo.InvariantCulture)} articles, {c.Publishers.ToString(CultureInfo.InvariantCulture)} publishers");
                foreach (var v in c.Variants)
                    AnsiConsole.MarkupLine($"  {(v.Fragment ? "[yellow]fragment[/] " : "")}[grey]×{v.Quotes.ToString(CultureInfo.InvariantCulture)}[/] {Markup.Escape(v.Text)}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
