using System.Runtime.InteropServices;

namespace Icmal.Bench;

/// <summary>
/// The calling thread's processor time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>). The benchmarks run on
/// a machine shared with other builds, where wall time says as much about the neighbours as about İcmal; a part of a
/// stream, a query or a store call that completes synchronously runs on one thread, and its thread time is its own
/// cost. Zero where the clock is not available (differences then read zero: the benchmarks print "not run").
/// Shared by the bench programs as a linked source file (each project's <c>Compile Include</c>).
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    /// <summary>Whether the clock can be read here.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>The thread's processor time so far, in nanoseconds (0 where not available).</summary>
    public static long Nanoseconds()
    {
        if (!Available || ClockGetTime(ClockThreadCpuTime, out var t) != 0) return 0;
        return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
    }

    /// <summary>The same in milliseconds.</summary>
    public static double Milliseconds() => Nanoseconds() / 1e6;

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTime, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
