using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Verbatim.Benchmarks;

/// <summary>
/// CPU time of the calling thread (user + system), for stage timings that a loaded machine does not inflate the way wall
/// time is. Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>; elsewhere it falls back to the wall clock.
/// </summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Nanoseconds of CPU this thread has used (a wall-clock reading where not available): subtract two readings.</summary>
    public static long Now()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0) return t.Seconds * 1_000_000_000L + t.Nanoseconds;
        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    public static double Seconds(long nanoseconds) => nanoseconds / 1e9;
}
