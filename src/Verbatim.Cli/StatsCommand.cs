using System.CommandLine;

namespace Verbatim.Cli;

internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "(not built yet)");
        command.SetAction(_ => { Console.Error.WriteLine("stats: not built yet"); return 2; });
        return command;
    }
}
