using System.Globalization;
using System.Runtime.InteropServices;

namespace Verbatim.Pipeline;

/// <summary>How <see cref="OrderedParallel"/>'s worker threads are scheduled against the consumer's thread.</summary>
public enum WorkerPriority
{
    /// <summary>The workers compete with the consumer on equal terms.</summary>
    Normal,

    /// <summary>
    /// The workers run at a lower priority (Linux: nice <see cref="ThreadScheduling.LowNice"/>; elsewhere
    /// <see cref="ThreadPriority.BelowNormal"/>): for a consumer that is the pipeline's serial stage (the store's writer), which
    /// then gets a core whenever it can run, while the workers take every cycle it leaves. When the consumer waits for them,
    /// nothing competes and they run at full speed, so it costs nothing when they are the slower side.
    /// </summary>
    Low,
}

/// <summary>Lowers the scheduling priority of the calling thread, and reads it back (for tests and diagnostics).</summary>
public static class ThreadScheduling
{
    /// <summary>The nice value of a low-priority worker: the conventional background value of <c>nice(1)</c>.</summary>
    public const int LowNice = 10;

    private const int PrioProcess = 0; // with a thread id, setpriority applies to that one thread on Linux

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    /// <summary>Gives the calling thread a lower priority than the process's other threads; false when the system refused.</summary>
    public static bool LowerCurrentThread()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // Raising one's own nice value needs no privilege; it stays with this thread only.
                return SetPriority(PrioProcess, GetTid(), LowNice) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // an unusual libc: fall through to the portable way
            }
        }
        try
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return true;
        }
        catch (Exception e) when (e is ThreadStateException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's nice value (Linux, from /proc), or null where it cannot be read.</summary>
    public static int? NiceOfCurrentThread()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var stat = File.ReadAllText("/proc/thread-self/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture); // field 19 is the nice value; the rest start at field 3
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
