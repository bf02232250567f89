using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verbatim.Corpus;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim speakers merge|split|rename|aliases|show</c>: corrections by hand, stored as overrides that later
/// ingests respect, an alias file, and one speaker's identity.
/// </summary>
internal static class SpeakerCorrectionCommands
{
    public static IEnumerable<Command> Create() => [Merge(), Split(), Rename(), Aliases(), Show()];

    private static Command Merge()
    {
        var from = new Argument<string>("from") { Description = "The speaker to merge away: an id or any spelling of the name." };
        var into = new Argument<string>("into") { Description = "The speaker it is: an id or any spelling of the name." };
        var store = CliOptions.Store();
        var command = new Command("merge", "Make two speakers one (kept: later articles with either name go to INTO).") { from, into, store };
        command.SetAction(parse => CorpusCli.Run("speakers merge", () =>
        {
            using var s = CorpusCli.Open(parse.GetValue(store));
            var r = s.MergeSpeakers(parse.GetValue(from)!, parse.GetValue(into)!);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {r.Other} into {r.SpeakerId} ({r.QuotesChanged} quotes moved)"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Split()
    {
        var name = new Argument<string>("name") { Description = "The spelling that is someone else, as written in the articles." };
        var store = CliOptions.Store();
        var command = new Command("split", "Make one spelling its own speaker again (kept: later articles with it go to the new speaker).") { name, store };
        command.SetAction(parse => CorpusCli.Run("speakers split", () =>
        {
            using var s = CorpusCli.Open(parse.GetValue(store));
            var r = s.SplitSpeaker(parse.GetValue(name)!);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"split {parse.GetValue(name)} off {r.Other} as {r.SpeakerId} ({r.QuotesChanged} quotes moved)"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Rename()
    {
        var speaker = new Argument<string>("speaker") { Description = "The speaker: an id or any spelling of the name." };
        var name = new Argument<string>("name") { Description = "The name to show from now on." };
        var store = CliOptions.Store();
        var command = new Command("rename", "Set a speaker's display name (kept: fuller spellings seen later no longer replace it).") { speaker, name, store };
        command.SetAction(parse => CorpusCli.Run("speakers rename", () =>
        {
            using var s = CorpusCli.Open(parse.GetValue(store));
            var r = s.RenameSpeaker(parse.GetValue(speaker)!, parse.GetValue(name)!);
            Console.WriteLine($"renamed {r.SpeakerId} to {parse.GetValue(name)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Aliases()
    {
        var file = new Argument<string>("file") { Description = "A CSV (canonical,aliases,wikidata,role[,from,to]; aliases separated by |) or JSON alias file." };
        var store = CliOptions.Store();
        var command = new Command("aliases", "Add an alias file: its names are one speaker each (names already seen as different speakers are merged).") { file, store };
        command.SetAction(parse => CorpusCli.Run("speakers aliases", () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"no alias file at {Path.GetFullPath(path)}");
            var entries = AliasFile.Load(path);
            using var s = CorpusCli.Open(parse.GetValue(store));
            var n = s.ImportAliases(entries, Path.GetFileName(path));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} alias entries added from {path}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("speaker") { Description = "An id or any spelling of the name." };
        var json = StoreCli.Json();
        var store = CliOptions.Store();
        var command = new Command("show", "One speaker: id, name, Wikidata id, role, quotes and every spelling seen.") { name, json, store };
        command.SetAction(parse => CorpusCli.Run("speakers show", () =>
        {
            using var s = CorpusCli.Open(parse.GetValue(store));
            var who = parse.GetValue(name)!;
            var info = s.Speaker(who) ?? throw new UsageException($"no speaker '{who}' in the store (see 'verbatim speakers')");
            if (parse.GetValue(json))
            {
                StoreCli.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", info.Id);
                    w.WriteString("name", info.Name);
                    w.WriteString("wikidata", info.Wikidata);
                    w.WriteString("role", info.Role);
                    w.WriteNumber("quotes", info.Quotes);
                    w.WritePropertyName("names");
                    w.WriteStartArray();
                    foreach (var n in info.Names) w.WriteStringValue(n);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(info.Name)}[/] [grey]({Markup.Escape(info.Id)})[/]" +
                (info.Wikidata is null ? "" : $" wikidata {Markup.Escape(info.Wikidata)}") + (info.Role is null ? "" : $", {Markup.Escape(info.Role)}"));
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{info.Quotes} quotes; written as: {Markup.Escape(string.Join(", ", info.Names))}"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
