using System.Runtime.InteropServices;

namespace Icmal.StoriesBench;

/// <summary>
/// The calling thread's processor time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so that each part of
/// the stream is measured by the work it did, which a machine shared with other builds does not distort as it does
/// wall time. Zero where the call is not available (the part rates then read "not run").
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

    private static readonly bool Available = OperatingSystem.IsLinux();

    /// <summary>The thread's processor time so far, in nanoseconds.</summary>
    public static long Now()
    {
        if (!Available || ClockGetTime(ClockThreadCpuTime, out var t) != 0) return 0;
        return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
    }
}
