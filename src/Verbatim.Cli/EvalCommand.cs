using System.CommandLine;

namespace Verbatim.Cli;

internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "(not built yet)");
        command.SetAction(_ => { Console.Error.WriteLine("eval: not built yet"); return 2; });
        return command;
    }
}
