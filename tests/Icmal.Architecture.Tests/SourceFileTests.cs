namespace Icmal.Architecture.Tests;

/// <summary>Files a newcomer can read top to bottom: a source file over about 400 lines says at its top why it is one file.</summary>
public sealed class SourceFileTests
{
    private const int MaxLines = 400;

    [Fact]
    public void Every_source_file_over_400_lines_says_why_at_its_top()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(src, "*.razor", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var unexplained = files
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadAllLines(f)))
            .Where(f => f.Lines.Length > MaxLines && !f.Lines[0].StartsWith("// Over 400 lines", StringComparison.Ordinal)
                && !f.Lines[0].StartsWith("@* Over 400 lines", StringComparison.Ordinal))
            .Select(f => $"{f.File}: {f.Lines.Length} lines")
            .ToList();
        Assert.True(unexplained.Count == 0, "files over 400 lines without a first line \"// Over 400 lines …: why\":\n" + string.Join("\n", unexplained));
    }

    /// <summary>The folder holding Icmal.slnx, found upwards from the test's own folder.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Icmal.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Icmal.slnx above {AppContext.BaseDirectory}");
    }
}
