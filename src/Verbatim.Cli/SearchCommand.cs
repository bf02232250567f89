using System.CommandLine;

namespace Verbatim.Cli;

internal static class SearchCommand
{
    public static Command Create()
    {
        var command = new Command("search", "(not built yet)");
        command.SetAction(_ => { Console.Error.WriteLine("search: not built yet"); return 2; });
        return command;
    }
}
