namespace Icmal.Text.Tests;

/// <summary>Finds the repository and ../shared/data by walking up from the test's base directory.</summary>
internal static class TestPaths
{
    public static string Repository()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Icmal.slnx"))) return d.FullName;
        }
        throw new InvalidOperationException("No Icmal.slnx above " + AppContext.BaseDirectory);
    }

    /// <summary>shared/data/<paramref name="relative"/> from the nearest folder above that has it (it sits beside the repository).</summary>
    public static string SharedData(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return Path.Combine(candidate, relative);
        }
        throw new InvalidOperationException("No shared/data folder above " + AppContext.BaseDirectory + "; it must sit beside the repository.");
    }
}
