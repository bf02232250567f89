using System.CommandLine;

namespace Verbatim.Cli;

internal static class ExtractCommand
{
    public static Command Create()
    {
        var command = new Command("extract", "(not built yet)");
        command.SetAction(_ => { Console.Error.WriteLine("extract: not built yet"); return 2; });
        return command;
    }
}
