namespace Icmal.Web.Tests;

/// <summary>The portal's source files, read as text for the structure and catalogue checks.</summary>
internal static class SourceTree
{
    public static string WebRoot { get; } = Path.Combine(PortalFixture.RepositoryRoot, "src", "Icmal.Web");

    public static string CatalogueFolder { get; } = Path.Combine(WebRoot, "Catalogue");

    /// <summary>Every .cs and .razor file of Icmal.Web (build output excluded), with its path relative to the project.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files(params string[] extensions) =>
        Directory.EnumerateFiles(WebRoot, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Select(f => Path.GetRelativePath(WebRoot, f))
            .Where(f => !f.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !f.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(Path.Combine(WebRoot, f))))
            .ToList();
}
