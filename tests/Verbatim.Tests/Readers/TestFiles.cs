using System.Text;

namespace Verbatim.Tests.Readers;

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verbatim-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Where ../shared is: beside the repository root (the folder holding Verbatim.sln).</summary>
internal static class SharedPaths
{
    public static string? RepoRoot { get; } = FindRepoRoot();

    public static string Shared => System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot ?? ".", "..", "shared"));

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Verbatim.sln")))
                return dir.FullName;
        return null;
    }
}
