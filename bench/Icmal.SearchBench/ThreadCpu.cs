using System.Runtime.InteropServices;

namespace Icmal.SearchBench;

/// <summary>
/// The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID). The machine the benchmark runs on is shared, so wall
/// time says as much about the neighbours as about İcmal; a query or a store call that completes synchronously (SQLite
/// calls do) runs on one thread, and its thread CPU time is its own cost. Null where the clock is not available.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static bool Available { get; } = OperatingSystem.IsLinux() && Now() >= 0;

    /// <summary>Milliseconds of CPU this thread has used.</summary>
    public static double Now()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : -1;
        }
        catch (DllNotFoundException)
        {
            return -1;
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }
}
