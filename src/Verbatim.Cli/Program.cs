using System.CommandLine;
using Spectre.Console;
using Verbatim.Cli;

// Piped or redirected output has no terminal width: use a wide one rather than wrapping tables at 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 140;

var root = new RootCommand("Verbatim: who said what, when — quotations and their speakers from dated news articles.");
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(SpeakersCommand.Create());
root.Subcommands.Add(QuotesCommand.Create());
root.Subcommands.Add(CommitmentsCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(ClustersCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(StatsCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(BenchCorpusCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(BenchIngestCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(FuzzCommand.Create());
root.Subcommands.Add(CountDirectCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
return ExitCodes.Invoke(root.Parse(args));
