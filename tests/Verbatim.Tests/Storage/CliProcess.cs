using System.Diagnostics;

namespace Verbatim.Tests.Storage;

/// <summary>Runs the built CLI (or another dll) as a child process: <c>dotnet DLL ARGS...</c>.</summary>
internal static class CliProcess
{
    public static string CliDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Verbatim.Cli.dll");
        Assert.True(File.Exists(dll), $"the CLI is not built next to the tests: {dll}");
        return dll;
    }

    private static ProcessStartInfo Info(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("VERBATIM_STORE");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        return info;
    }

    /// <summary>Starts <c>dotnet ARGS...</c> (the first argument is the dll) with its output drained and ignored.</summary>
    public static Process Start(string[] args)
    {
        var p = Process.Start(Info(args, null))!;
        p.StandardInput.Close();
        // Drain the pipes so a chatty child never blocks on a full pipe.
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>Runs the CLI with <paramref name="args"/> (or any dll, when the first argument ends in .dll) to the end.</summary>
    public static (int Rc, string Stdout, string Stderr) Run(params string[] args) => Run(args, null, null);

    public static (int Rc, string Stdout, string Stderr) Run(string[] args, string? stdin, IReadOnlyDictionary<string, string>? environment, string? workingDirectory = null)
    {
        if (args.Length == 0 || !args[0].EndsWith(".dll", StringComparison.Ordinal))
            args = [CliDll(), .. args];
        var info = Info(args, environment);
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)), "the child did not finish in 3 minutes");
        return (p.ExitCode, stdoutTask.Result, stderr.Result);
    }
}
