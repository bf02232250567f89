using System.CommandLine;

namespace Verbatim.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public const string StoreEnvironmentVariable = "VERBATIM_STORE";
    public const string DefaultStoreFile = "verbatim.db";

    public static Option<string?> Store() => new("--store")
    {
        Description = $"The store: a SQLite file or a postgres:// URL (default: ${StoreEnvironmentVariable}, else ./{DefaultStoreFile}).",
    };

    /// <summary>--store, else $VERBATIM_STORE, else ./verbatim.db in the working folder.</summary>
    public static string ResolveStore(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return option;
        var env = Environment.GetEnvironmentVariable(StoreEnvironmentVariable);
        return string.IsNullOrWhiteSpace(env) ? Path.Combine(Environment.CurrentDirectory, DefaultStoreFile) : env;
    }
}
