namespace Icmal.Tests.Support;

/// <summary>Where the repository, its samples and the shared data sets are, found by walking up from the test binaries.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindUp(d => File.Exists(Path.Combine(d, "Icmal.slnx")))
        ?? throw new DirectoryNotFoundException("Icmal.slnx not found above " + AppContext.BaseDirectory);

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    /// <summary>The shared data folder beside the repository (../shared/data), or null when it is absent.</summary>
    public static string? SharedData => Icmal.Evaluation.SharedDataFolder.Find("");

    public static string Sample(string prefix) =>
        Directory.GetFiles(Samples, prefix + "_*.txt").Single();

    private static string? FindUp(Func<string, bool> match)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (match(dir.FullName)) return dir.FullName;
        return null;
    }
}

/// <summary>A fresh folder under the system temp directory, deleted when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "icmal-test-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        string path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        string path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying child process; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
