using System.CommandLine;

namespace Verbatim.Cli;

internal static class SpeakersCommand
{
    public static Command Create()
    {
        var command = new Command("speakers", "(not built yet)");
        command.SetAction(_ => { Console.Error.WriteLine("speakers: not built yet"); return 2; });
        return command;
    }
}
