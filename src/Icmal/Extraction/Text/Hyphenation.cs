using Icmal.Text.Casing;
using Icmal.Text.Lexicon;
using Icmal.Text.Stemming;

namespace Icmal.Extraction.Text;

/// <summary>
/// Mends words hyphenated across line and paragraph breaks in text copied from print: "dərinləşdir-" … "məsinin"
/// becomes "dərinləşdirməsinin", while real compounds keep their hyphen ("Azərbaycan-Qazaxıstan", "Kasım-Jomart").
/// When a print page's columns were pasted out of order, the continuation is found elsewhere in the text (a
/// paragraph that starts in the middle of a word) and moved back behind the fragment it completes.
/// </summary>
public static class Hyphenation
{
    /// <summary>
    /// Joins hyphenated line and paragraph breaks in <paramref name="lines"/> (one list entry per line, blank lines
    /// as empty strings). Returns the lines with continuations merged into the lines they complete.
    /// </summary>
    public static List<string> Mend(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = lines.Select(l => l.TrimEnd()).ToList();
        var fragments = new List<(int Line, string Fragment)>();
        var starts = new List<int>();
        for (int i = 0; i < result.Count; i++)
        {
            if (Fragment(result[i]) is { } f) fragments.Add((i, f));
            if (StartsLower(result[i])) starts.Add(i);
        }
        if (fragments.Count == 0 || starts.Count == 0) return result;

        // Every (fragment, continuation) pair, scored by how well the joined word is attested; the line right
        // after a fragment gets a small bonus, and is taken even unattested when it starts in lower case.
        var pairs = new List<(double Score, int Distance, int Frag, int Cont, bool Word)>();
        // Searching the whole text for continuations is quadratic: on a long text only the next line is tried.
        bool searchAll = (long)fragments.Count * starts.Count <= 200_000;
        foreach (var (line, fragment) in fragments)
        {
            int next = NextNonBlank(result, line + 1);
            foreach (int k in searchAll ? starts : next >= 0 && StartsLower(result[next]) ? [next] : [])
            {
                if (k == line) continue;
                string first = FirstWord(result[k]);
                if (first.Length == 0) continue;
                int attested = Attestation(fragment + first, fragment.Length + Math.Min(2, first.Length));
                double score = attested >= 2 ? attested : 0;
                if (k == next) score += 0.5;
                if (score <= 0) continue;
                pairs.Add((score, Math.Abs(k - line), line, k, attested >= 2));
            }
        }
        pairs.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Distance.CompareTo(b.Distance));

        var continuation = new Dictionary<int, (int Cont, bool Word)>();
        var taken = new HashSet<int>();
        foreach (var p in pairs)
        {
            if (continuation.ContainsKey(p.Frag) || taken.Contains(p.Cont)) continue;
            continuation[p.Frag] = (p.Cont, p.Word);
            taken.Add(p.Cont);
        }

        // Build each chain: a fragment, its continuation, that one's continuation…
        var output = new List<string>(result.Count);
        for (int i = 0; i < result.Count; i++)
        {
            if (taken.Contains(i)) continue;
            string text = result[i];
            int at = i, guard = 0;
            var visited = new HashSet<int> { i };
            while (guard++ < 16 && continuation.TryGetValue(at, out var c) && visited.Add(c.Cont))
            {
                string fragment = Fragment(text) ?? "";
                string second = FirstWord(result[c.Cont]);
                // Unattested joins: two words keep their hyphen ("elmi-tədqiqat"), a cut word loses it.
                bool drop = c.Word || !(second.Length >= 3 && IsWord(second) && IsWord(fragment));
                text = Join(text, result[c.Cont].TrimStart(), drop);
                at = c.Cont;
            }
            output.Add(text);
        }
        return output;
    }

    /// <summary>
    /// How well <paramref name="word"/> is attested in the Icmal.Text lexicon: 3 a known form; 2 a known word (stem
    /// and grammatical suffixes) whose first <paramref name="sharedPrefix"/> characters begin some known form; 1 a
    /// known word otherwise; 0 unknown.
    /// </summary>
    internal static int Attestation(string word, int sharedPrefix)
    {
        if (word.Length < 2 || word.Length > MaxWordLength) return 0;
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        AzLexicon lexicon = AzStemmer.Default.Lexicon;
        if (lexicon.IsKnownWord(lower)) return 3;
        if (!AzStemmer.Default.IsKnownWord(lower)) return 0;
        return lexicon.HasFormStartingWith(lower[..Math.Min(lower.Length, sharedPrefix)]) ? 2 : 1;
    }

    /// <summary>True when <paramref name="word"/> (any case, two letters or more) is a known form or a known stem with grammatical suffixes.</summary>
    internal static bool IsWord(string word) => word.Length >= 2 && AzStemmer.Default.IsKnownWord(word);

    /// <summary>Longer "words" are not looked up (the stemmer knows none longer either).</summary>
    private const int MaxWordLength = 48;

    /// <summary>Joins "…dərinləşdir-" and "məsinin …": without the hyphen when the result is a word.</summary>
    internal static string Join(string left, string right, bool dropHyphen)
    {
        string head = left.TrimEnd();
        if (head.EndsWith('-') && dropHyphen) head = head[..^1];
        return head + right;
    }

    /// <summary>The letters before a trailing hyphen ("dərinləşdir" of "… əməkdaşlığı dərinləşdir-"), or null.</summary>
    internal static string? Fragment(string line)
    {
        if (line.Length < 3 || line[^1] is not ('-' or '\u00AD' or '\u2010')) return null;
        int end = line.Length - 1, start = end;
        while (start > 0 && char.IsLetter(line[start - 1])) start--;
        if (start == end) return null; // " -" is a dash, not a hyphenation
        return line[start..end];
    }

    private static string FirstWord(string line)
    {
        string t = line.TrimStart();
        int end = 0;
        while (end < t.Length && char.IsLetter(t[end])) end++;
        return t[..end];
    }

    private static bool StartsLower(string line)
    {
        string t = line.TrimStart();
        return t.Length > 0 && char.IsLetter(t[0]) && AzCasing.ToLower(t[0]) == t[0] && !char.IsUpper(t[0]);
    }

    private static int NextNonBlank(List<string> lines, int from)
    {
        for (int j = from; j < lines.Count; j++)
            if (lines[j].Trim().Length > 0) return j;
        return -1;
    }
}
