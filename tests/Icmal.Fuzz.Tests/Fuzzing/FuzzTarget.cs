using CsCheck;

namespace Icmal.Fuzz.Tests.Fuzzing;

/// <summary>
/// One parser under fuzz: how to generate its inputs, the property every input must keep, and how an input is
/// written to and read back from a corpus file, so that a failure found once is replayed by every later run.
/// </summary>
/// <param name="Name">The corpus folder name, e.g. "feed".</param>
/// <param name="DefaultIterations">Inputs per run when ICMAL_FUZZ_ITERATIONS is unset: small enough for CI.</param>
/// <param name="LimitScale">
/// How many times <see cref="Fuzzer.InputLimit"/> one input may take: 1 for a parser; more for a target whose input
/// is a whole import into a growing database, where a write may meet the engine's own periodic work.
/// </param>
public sealed record FuzzTarget<T>(
    string Name,
    Gen<T> Gen,
    Action<T> Property,
    Func<T, byte[]> ToBytes,
    Func<byte[], T> FromBytes,
    int DefaultIterations = 300,
    int LimitScale = 1)
{
    /// <summary>Replays one corpus file through the property.</summary>
    public void Replay(byte[] file) => Property(FromBytes(file));
}
