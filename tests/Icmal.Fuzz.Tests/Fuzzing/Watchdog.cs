using System.Collections.Concurrent;
using System.Diagnostics;

namespace Icmal.Fuzz.Tests.Fuzzing;

/// <summary>
/// Catches hangs, which the per-input clock can not (it only reads the time once the input returns). A thread
/// that stays on one input for <see cref="HangLimit"/> has its input saved to the corpus and the process is ended,
/// as AFL does: a .NET thread can not be aborted, and a hung fuzz run must not hang CI until its time limit.
/// </summary>
public static class Watchdog
{
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<int, (string Target, long Started, Func<byte[]> Input)> Active = new();
    private static readonly Timer Timer = new(_ => Check(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public static Scope Watch(string target, Func<byte[]> input)
    {
        GC.KeepAlive(Timer);
        Active[Environment.CurrentManagedThreadId] = (target, Stopwatch.GetTimestamp(), input);
        return new Scope(Environment.CurrentManagedThreadId);
    }

    private static void Check()
    {
        foreach (var (_, (target, started, input)) in Active)
        {
            if (Stopwatch.GetElapsedTime(started) < HangLimit) continue;
            string saved = Corpus.Save(target, input());
            Environment.FailFast($"fuzz target '{target}' hung on one input for over {HangLimit.TotalSeconds:0} s; input saved to {saved}");
        }
    }

    public readonly struct Scope(int thread) : IDisposable
    {
        public void Dispose() => Active.TryRemove(thread, out _);
    }
}
