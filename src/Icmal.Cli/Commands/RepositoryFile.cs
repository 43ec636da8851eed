namespace Icmal.Cli.Commands;

/// <summary>Files of the repository itself (resources to rebuild, the stem gold list), for commands run from a checkout.</summary>
internal static class RepositoryFile
{
    /// <summary>A path inside the repository (the folder holding Icmal.slnx), searched upward from the current directory and the program's folder.</summary>
    public static string? Find(string relative)
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
