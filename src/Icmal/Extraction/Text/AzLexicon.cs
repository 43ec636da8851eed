using System.IO.Compression;
using System.Text;
using Icmal.Text.Casing;

namespace Icmal.Extraction.Text;

/// <summary>
/// Azerbaijani word forms and stems, shipped inside the assembly (see tools/lexicon/build_az_lexicon.py), used to
/// tell a word broken across lines ("dərinləşdir-" + "məsinin") from a real hyphenated compound.
/// </summary>
/// <remarks>Loaded once on first use (about 140,000 forms); thread-safe.</remarks>
internal static partial class AzLexicon
{
    private static readonly Lazy<(HashSet<string> Set, string[] Sorted)> Data = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// How well <paramref name="word"/> is attested: 3 a known form; 2 a known stem with suffixes whose beginning
    /// other known forms share (<paramref name="sharedPrefix"/> characters); 1 a stem with suffixes; 0 unknown.
    /// </summary>
    public static int Attestation(string word, int sharedPrefix)
    {
        ArgumentNullException.ThrowIfNull(word);
        string w = AzCasing.ToLower(word);
        if (w.Length < 2) return 0;
        var (set, sorted) = Data.Value;
        if (set.Contains(w)) return 3;
        if (!IsWord(w)) return 0;
        string prefix = w[..Math.Min(w.Length, sharedPrefix)];
        int at = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        if (at < 0) at = ~at;
        return at < sorted.Length && sorted[at].StartsWith(prefix, StringComparison.Ordinal) ? 2 : 1;
    }

    /// <summary>True when <paramref name="word"/> is a known form, or a known stem followed by known suffixes.</summary>
    public static bool IsWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        string w = AzCasing.ToLower(word);
        if (w.Length < 2) return false;
        var words = Data.Value.Set;
        if (words.Contains(w)) return true;
        for (int cut = w.Length - 1; cut >= 3; cut--)
        {
            if (words.Contains(w[..cut]) && Suffixed(w, cut, 0)) return true;
        }
        return false;
    }

    /// <summary>Whether w[from..] is a chain of suffixes (at most five).</summary>
    private static bool Suffixed(string w, int from, int depth)
    {
        if (from == w.Length) return true;
        if (depth >= 5) return false;
        foreach (string s in Suffixes)
        {
            if (string.CompareOrdinal(w, from, s, 0, s.Length) == 0 && from + s.Length <= w.Length && Suffixed(w, from + s.Length, depth + 1))
                return true;
        }
        return false;
    }

    private static (HashSet<string>, string[]) Load()
    {
        byte[] gz = Convert.FromBase64String(WordsGzipBase64);
        using var input = new MemoryStream(gz);
        using var unzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(unzip, Encoding.UTF8);
        var set = new HashSet<string>(150_000, StringComparer.Ordinal);
        string previous = "";
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            int shared = line[0] - '0';
            if (shared < 0 || shared > 9 || shared > previous.Length) continue;
            string word = string.Concat(previous.AsSpan(0, shared), line.AsSpan(1));
            set.Add(word);
            previous = word;
        }
        var sorted = set.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return (set, sorted);
    }
}
