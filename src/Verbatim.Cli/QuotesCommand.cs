using System.CommandLine;

namespace Verbatim.Cli;

internal static class QuotesCommand
{
    public static Command Create()
    {
        var command = new Command("quotes", "(not built yet)");
        command.SetAction(_ => { Console.Error.WriteLine("quotes: not built yet"); return 2; });
        return command;
    }
}
