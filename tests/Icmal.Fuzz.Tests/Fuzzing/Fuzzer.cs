using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace Icmal.Fuzz.Tests.Fuzzing;

/// <summary>
/// Runs a target's generator through CsCheck and holds every input to three rules: no exception escapes, no input
/// takes a second or more, and no input allocates more than <see cref="MaxAllocatedBytes"/>. A failing input is
/// shrunk by CsCheck and the smallest one seen is saved to the corpus, so the next run replays it as a test.
/// </summary>
/// <remarks>
/// ICMAL_FUZZ_ITERATIONS sets the inputs per target (default: each target's small CI count); ICMAL_FUZZ_SEED replays
/// a CsCheck seed (see <see cref="Seed"/>); ICMAL_FUZZ_REPORT names a file that gets one tab-separated line of figures per target.
/// </remarks>
public static class Fuzzer
{
    /// <summary>The time one input may take in the long run (the "no page over 1 s").</summary>
    public static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The limit this run holds each input to: <see cref="PerInputLimit"/> in the long run, which runs each target
    /// alone; ten times that in the short run inside `dotnet test`, where the test assemblies share two cores, so
    /// the short run catches blow-ups (quadratic walks, backtracking) and leaves the 1 s figure to the long run.
    /// </summary>
    public static TimeSpan InputLimit => LongRun ? PerInputLimit : PerInputLimit * 10;

    /// <summary>Whether ICMAL_FUZZ_ITERATIONS asks for a long run (tools/fuzz sets it).</summary>
    public static bool LongRun => Environment.GetEnvironmentVariable("ICMAL_FUZZ_ITERATIONS") is { Length: > 0 };

    /// <summary>The PCG seed of the short run: fixed, so CI draws the same inputs every time.</summary>
    private const ulong ShortRunSeed = 20261203;

    /// <summary>A bound on what one input may allocate; inputs are at most a few MB, so this is a blow-up.</summary>
    public const long MaxAllocatedBytes = 512L * 1024 * 1024;

    /// <summary>Untimed inputs first, so that JIT compilation and lazy loads (lexicon, language model) are not timed.</summary>
    private const int WarmUp = 10;

    public static long Iterations(int defaultIterations) =>
        long.TryParse(Environment.GetEnvironmentVariable("ICMAL_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
            ? n : defaultIterations;

    /// <summary>ICMAL_FUZZ_SEED when set: a CsCheck seed to replay.</summary>
    private static string? Seed() =>
        Environment.GetEnvironmentVariable("ICMAL_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    public static FuzzFigures Run<T>(FuzzTarget<T> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        long iterations = Iterations(target.DefaultIterations);
        var figures = new Figures();
        byte[]? smallestFailure = null;
        var gate = new object();
        int warm = 0;

        void Assert(T input)
        {
            using var watch = Watchdog.Watch(target.Name, () => target.ToBytes(input));
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                target.Property(input);
                clock.Stop();
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                if (Interlocked.Increment(ref warm) <= WarmUp) return;
                figures.Add(clock.Elapsed, allocated);
                var limit = InputLimit * target.LimitScale;
                if (clock.Elapsed >= limit)
                    throw new TimeoutException($"one input took {clock.Elapsed.TotalMilliseconds:0} ms (limit {limit.TotalMilliseconds:0} ms)");
                if (allocated > MaxAllocatedBytes)
                    throw new InsufficientMemoryException($"one input allocated {allocated / 1048576} MB (limit {MaxAllocatedBytes / 1048576} MB)");
            }
            catch
            {
                byte[] bytes = target.ToBytes(input);
                lock (gate)
                    if (smallestFailure is null || bytes.Length <= smallestFailure.Length) smallestFailure = bytes;
                throw;
            }
        }

        var total = Stopwatch.StartNew();
        try
        {
            if (LongRun || Seed() is not null)
            {
                // New inputs every long run, shrunk by CsCheck when one fails.
                target.Gen.Sample(Assert, seed: Seed(), iter: iterations + WarmUp, threads: 1,
                    print: t => Preview(target.ToBytes(t)));
            }
            else
            {
                // The short run in CI: the same inputs every time from one fixed PCG stream, so a red build means
                // the code changed, never the dice. A failing input is saved as it is (no shrinking).
                var pcg = new PCG(1, ShortRunSeed);
                for (long i = 0; i < iterations + WarmUp; i++) Assert(target.Gen.Generate(pcg, null!, out _));
            }
        }
        catch (Exception e) when (smallestFailure is not null)
        {
            string saved = Corpus.Save(target.Name, smallestFailure);
            throw new FuzzFailureException($"fuzz target '{target.Name}' failed; smallest failing input ({smallestFailure.Length} bytes) saved to {saved}: {e.Message}", e);
        }
        total.Stop();
        var result = figures.Result(target.Name, total.Elapsed);
        Report(result);
        return result;
    }

    private static string Preview(byte[] bytes)
    {
        string text = CorpusCodec.ToString(bytes);
        return text.Length <= 400 ? text : string.Concat(text.AsSpan(0, 400), $"… ({text.Length} chars)");
    }

    private static void Report(FuzzFigures f)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{f.Target}\t{f.Iterations}\t{f.Slowest.TotalMilliseconds:0.0}\t{f.Median.TotalMilliseconds:0.00}\t{f.MaxAllocated / 1048576.0:0.0}\t{f.Total.TotalSeconds:0.0}");
        TestContext.Current.TestOutputHelper?.WriteLine(
            "target\tinputs\tslowest ms\tmedian ms\tmax alloc MB/input\ttotal s\n" + line);
        if (Environment.GetEnvironmentVariable("ICMAL_FUZZ_REPORT") is { Length: > 0 } path)
            lock (ReportGate) File.AppendAllText(path, line + "\n");
    }

    private static readonly object ReportGate = new();

    private sealed class Figures
    {
        private readonly List<double> _ms = [];
        private TimeSpan _slowest;
        private long _maxAllocated;

        public void Add(TimeSpan elapsed, long allocated)
        {
            lock (_ms)
            {
                _ms.Add(elapsed.TotalMilliseconds);
                if (elapsed > _slowest) _slowest = elapsed;
                if (allocated > _maxAllocated) _maxAllocated = allocated;
            }
        }

        public FuzzFigures Result(string target, TimeSpan total)
        {
            lock (_ms)
            {
                _ms.Sort();
                double median = _ms.Count == 0 ? 0 : _ms[_ms.Count / 2];
                return new FuzzFigures(target, _ms.Count, _slowest, TimeSpan.FromMilliseconds(median), _maxAllocated, total);
            }
        }
    }
}

/// <summary>What one fuzz run measured (warm-up inputs not counted).</summary>
public sealed record FuzzFigures(string Target, long Iterations, TimeSpan Slowest, TimeSpan Median, long MaxAllocated, TimeSpan Total);

/// <summary>A fuzz target broke a rule; the message names the saved corpus file.</summary>
public sealed class FuzzFailureException(string message, Exception inner) : Exception(message, inner);
