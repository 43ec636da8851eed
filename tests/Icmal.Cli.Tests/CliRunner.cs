using System.Diagnostics;
using System.Text;

namespace Icmal.Cli.Tests;

/// <summary>Runs the real `icmal` executable (icmal.dll beside the tests) as a child process.</summary>
public static class CliRunner
{
    public static string IcmalDll { get; } = Path.Combine(AppContext.BaseDirectory, "icmal.dll");

    public static string RepositoryRoot { get; } = FindUp(d => File.Exists(Path.Combine(d, "Icmal.slnx")))!;

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(IcmalDll);
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        return psi;
    }

    public static Task<Result> RunAsync(string[] args, string? stdin = null, CancellationToken ct = default) =>
        RunAsync(StartInfo(args), stdin, ct);

    /// <summary>Runs in a given working directory with ICMAL_DATA unset, so the default data folder is ./icmal-data there.</summary>
    public static Task<Result> RunInAsync(string workingDirectory, string[] args, CancellationToken ct = default)
    {
        var psi = StartInfo(args);
        psi.WorkingDirectory = workingDirectory;
        psi.Environment.Remove("ICMAL_DATA");
        return RunAsync(psi, null, ct);
    }

    /// <summary>
    /// Runs with exactly the ICMAL_* variables given (inherited ones removed, so that the machine's own settings
    /// cannot leak into a test), in <paramref name="workingDirectory"/>.
    /// </summary>
    public static Task<Result> RunWithEnvironmentAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args, CancellationToken ct = default) =>
        RunAsync(WithEnvironment(StartInfo(args), workingDirectory, environment), null, ct);

    /// <summary><paramref name="psi"/> with only the given ICMAL_* variables, run in <paramref name="workingDirectory"/>.</summary>
    public static ProcessStartInfo WithEnvironment(ProcessStartInfo psi, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(psi);
        ArgumentNullException.ThrowIfNull(environment);
        psi.WorkingDirectory = workingDirectory;
        foreach (string name in psi.Environment.Keys.Where(k => k.StartsWith("ICMAL_", StringComparison.OrdinalIgnoreCase)).ToList()) psi.Environment.Remove(name);
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        return psi;
    }

    private static async Task<Result> RunAsync(ProcessStartInfo psi, string? stdin, CancellationToken ct)
    {
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string? FindUp(Func<string, bool> match)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (match(dir.FullName)) return dir.FullName;
        return null;
    }
}
