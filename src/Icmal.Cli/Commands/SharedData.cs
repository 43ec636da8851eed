namespace Icmal.Cli.Commands;

/// <summary>Finds ../shared/data beside the repository, and files of the repository itself.</summary>
internal static class SharedData
{
    /// <summary>The folder shared/data/<paramref name="relative"/>, searched upward from the current directory and from the program's folder.</summary>
    public static string? Find(string relative)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "shared", "data", relative);
                if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>A path inside the repository (the folder holding Icmal.slnx), searched upward from the current directory and the program's folder.</summary>
    public static string? RepoFile(string relative)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Icmal.slnx"))) return Path.Combine(d.FullName, relative);
            }
        }
        return null;
    }
}
