namespace Icmal.Evaluation;

/// <summary>
/// Finds the evaluation and lexicon sets in ../shared/data beside the repository. They are never needed at run time:
/// only `icmal eval`, resource rebuilds, tests and benchmarks read them.
/// </summary>
public static class SharedDataFolder
{
    /// <summary>
    /// The path shared/data/<paramref name="relative"/> (a file or a folder), searched upward from the current directory
    /// and from the program's own folder; null when it is not there.
    /// </summary>
    public static string? Find(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        foreach (string start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data", relative);
                if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
