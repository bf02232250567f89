using System.CommandLine;
using System.CommandLine.Invocation;

namespace Verbatim.Cli;

/// <summary>The CLI's exit codes, shared by every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run could not finish (e.g. the output could not be written).</summary>
    public const int Failed = 1;
    /// <summary>Bad command line: unknown option, bad value, missing argument.</summary>
    public const int Usage = 2;
    /// <summary>The run finished, but some input records were rejected.</summary>
    public const int Rejected = 3;

    /// <summary>Invokes the parsed command; a parse error (printed by System.CommandLine) exits with <see cref="Usage"/>.</summary>
    public static int Invoke(ParseResult parse, InvocationConfiguration? configuration = null)
    {
        // The error lines alone, on stderr: a full help text would bury them (and help goes to stdout).
        if (parse.Action is ParseErrorAction errorAction)
            errorAction.ShowHelp = false;
        int rc = configuration is null ? parse.Invoke() : parse.Invoke(configuration);
        return parse.Errors.Count > 0 ? Usage : rc;
    }
}
