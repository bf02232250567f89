namespace Verbatim.Cli;

/// <summary>The process's standard streams, as a value so commands can run in-process under test.</summary>
internal sealed record CliIo(Func<Stream> Stdin, Stream Stdout, TextWriter Stderr, bool StdoutIsTerminal, bool StderrIsTerminal)
{
    /// <summary>Standard input is a terminal (a person would have to type the input).</summary>
    public bool StdinIsTerminal { get; init; }

    public static CliIo FromConsole() => new(
        Console.OpenStandardInput,
        Console.OpenStandardOutput(),
        Console.Error,
        StdoutIsTerminal: !Console.IsOutputRedirected,
        StderrIsTerminal: !Console.IsErrorRedirected)
    {
        StdinIsTerminal = !Console.IsInputRedirected,
    };
}
