using BenchmarkDotNet.Running;

namespace Icmal.Benchmarks;

/// <summary>Runs the suites: `dotnet run -c Release --project bench/Icmal.Benchmarks -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
