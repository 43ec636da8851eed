using System.Security.Cryptography;

namespace Icmal.Fuzz.Tests.Fuzzing;

/// <summary>
/// The corpus of inputs that once failed, kept in the source tree under Corpus/&lt;target&gt;/ and replayed as
/// regression tests. A file "X.skip" beside "X" holds the reason X is skipped for now (a known bug being fixed on
/// another branch); deleting the .skip file turns the replay back on.
/// </summary>
public static class Corpus
{
    public static string Root { get; } = Path.Combine(RepositoryRoot(), "tests", "Icmal.Fuzz.Tests", "Corpus");

    /// <summary>Every corpus file: (target, file name, skip reason or null).</summary>
    public static IEnumerable<(string Target, string File, string? Skip)> Files()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (string dir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            foreach (string file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".skip", StringComparison.Ordinal) || Path.GetFileName(file).StartsWith('.')) continue;
                string skipFile = file + ".skip";
                string? skip = File.Exists(skipFile) ? File.ReadAllText(skipFile).Trim() : null;
                yield return (Path.GetFileName(dir), Path.GetFileName(file), skip);
            }
        }
    }

    public static byte[] Read(string target, string file) => File.ReadAllBytes(Path.Combine(Root, target, file));

    /// <summary>Saves a failing input as Corpus/&lt;target&gt;/found-&lt;hash&gt;.bin and returns its path.</summary>
    public static string Save(string target, byte[] input)
    {
        string dir = Path.Combine(Root, target);
        Directory.CreateDirectory(dir);
        string name = "found-" + Convert.ToHexStringLower(SHA256.HashData(input))[..12] + ".bin";
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, input);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Icmal.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Icmal.slnx not found above " + AppContext.BaseDirectory);
    }
}
