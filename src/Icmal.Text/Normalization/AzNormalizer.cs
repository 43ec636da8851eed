using System.Buffers;
using System.Text;

namespace Icmal.Text.Normalization;

/// <summary>
/// Normalises Azerbaijani (and other) text for analysis: Unicode NFC; look-alike letters that real Azerbaijani text
/// mixes in (Cyrillic ә/і/ј/а/е/о… inside Latin words and the reverse, Latin ä and turned ǝ for ə); every hyphen
/// variant (U+2010, the non-breaking hyphen U+2011, U+2012, minus) to '-', a dash between two letters or digits
/// ("Bakı–Tbilisi", "20–21") to '-', other dashes to '–'; curly quotes and guillemets to '"', curly apostrophes and
/// modifier letters to '\''; exotic spaces to ' '; soft hyphens, zero-width and BOM characters removed.
/// Substitutes typed on keyboards without ə (ä, the turned ǝ/Ǝ, Cyrillic ә) become ə; "i̇" (i with a combining dot,
/// left by a culture-blind lower-casing of İ) becomes i. Spelling with "e" for ə cannot be undone safely: match such
/// text through <c>AzCasing.FoldAscii</c> instead.
/// </summary>
/// <remarks>
/// Pure and thread-safe. When nothing needs changing the input instance is returned and nothing is allocated.
/// Every output character keeps the index of the original character it came from (<see cref="NormalizedText"/>).
/// </remarks>
public static class AzNormalizer
{
    /// <summary>Normalises <paramref name="text"/> and keeps a map back to it.</summary>
    public static NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (result, map) = Run(text, wantMap: true);
        return new NormalizedText(text, result, map);
    }

    /// <summary>Normalises <paramref name="text"/> without keeping offsets.</summary>
    public static string NormalizeToString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Run(text, wantMap: false).Text;
    }

    private static (string Text, int[]? Map) Run(string text, bool wantMap)
    {
        int first = FirstChange(text);
        if (first < 0) return (text, null);

        char[] buffer = ArrayPool<char>.Shared.Rent(text.Length + 16);
        int[] map = ArrayPool<int>.Shared.Rent(text.Length + 17);
        int n = 0;
        bool lengthChanged = false;
        int runStart = -1, runEnd = -1;
        Script runMajority = Script.None;
        try
        {
            for (int k = 0; k < first; k++) { buffer[n] = text[k]; map[n] = k; n++; }
            int i = first;
            while (i < text.Length)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    Put(ref buffer, ref map, ref n, c, i);
                    i++;
                    continue;
                }
                if (IsCombining(c) || IsNfcSuspect(c) || char.IsSurrogate(c))
                {
                    // A base character (already written) followed by combining marks, or a compatibility character:
                    // normalise the cluster on its own. Rare in real text, so the allocation is acceptable.
                    int clusterStart = i;
                    if (IsCombining(c) && n > 0 && map[n - 1] == i - 1 && !char.IsSurrogate(text[i - 1]))
                    {
                        clusterStart = i - 1;
                        n--;
                    }
                    int end = i + 1;
                    if (char.IsHighSurrogate(c) && end < text.Length && char.IsLowSurrogate(text[end])) end++;
                    while (end < text.Length && IsCombining(text[end])) end++;
                    string cluster = text[clusterStart..end];
                    string composed;
                    // Lone surrogates stay as they are. Normalize throws on them, and an exception per character made
                    // a text of 15,000 of them take a second.
                    bool lone = char.IsLowSurrogate(c) || char.IsHighSurrogate(c) && end == i + 1;
                    if (lone) composed = cluster;
                    else
                    {
                        try { composed = cluster.Normalize(NormalizationForm.FormC); }
                        catch (ArgumentException) { composed = cluster; }
                    }
                    // "i̇" (i + combining dot above, from a culture-blind lower-casing of İ) is plain i.
                    composed = composed.Replace("i\u0307", "i", StringComparison.Ordinal).Replace("ı\u0307", "i", StringComparison.Ordinal);
                    foreach (char o in composed)
                    {
                        char m = o switch { 'ǝ' => 'ə', 'Ǝ' => 'Ə', 'ä' => 'ə', 'Ä' => 'Ə', _ => o };
                        Put(ref buffer, ref map, ref n, m, clusterStart);
                    }
                    if (composed.Length != end - clusterStart) lengthChanged = true;
                    i = end;
                    continue;
                }
                switch (c)
                {
                    case '\u00AD' or '\u200B' or '\u2060' or '\u2061' or '\u2062' or '\u2063' or '\u2064' or '\uFEFF' or '\u180E':
                        lengthChanged = true;
                        i++;
                        continue;
                    case '\u200C' or '\u200D':
                        // ZWNJ/ZWJ matter in Perso-Arabic script; elsewhere they are noise.
                        if (IsArabicNeighbour(text, i)) Put(ref buffer, ref map, ref n, c, i);
                        else lengthChanged = true;
                        i++;
                        continue;
                }
                char r = MapChar(c, text, i, ref runStart, ref runEnd, ref runMajority);
                Put(ref buffer, ref map, ref n, r, i);
                i++;
            }
            string result = new(buffer, 0, n);
            int[]? outMap = null;
            if (wantMap && lengthChanged)
            {
                outMap = new int[n + 1];
                Array.Copy(map, outMap, n);
                outMap[n] = text.Length;
            }
            return (result, outMap);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(map);
        }
    }

    private static void Put(ref char[] buffer, ref int[] map, ref int n, char c, int source)
    {
        if (n >= buffer.Length)
        {
            char[] nb = ArrayPool<char>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, n).CopyTo(nb);
            ArrayPool<char>.Shared.Return(buffer);
            buffer = nb;
        }
        if (n >= map.Length - 1)
        {
            int[] nm = ArrayPool<int>.Shared.Rent(map.Length * 2);
            map.AsSpan(0, n).CopyTo(nm);
            ArrayPool<int>.Shared.Return(map);
            map = nm;
        }
        buffer[n] = c;
        map[n] = source;
        n++;
    }

    /// <summary>Index of the first character normalisation would change, or -1.</summary>
    private static int FirstChange(string text)
    {
        int runStart = -1, runEnd = -1;
        Script majority = Script.None;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80) continue;
            if (IsCombining(c) || IsNfcSuspect(c) || char.IsSurrogate(c)) return i;
            if (c is '\u00AD' or '\u200B' or '\u2060' or '\u2061' or '\u2062' or '\u2063' or '\u2064' or '\uFEFF' or '\u180E') return i;
            if (c is '\u200C' or '\u200D')
            {
                if (!IsArabicNeighbour(text, i)) return i;
                continue;
            }
            if (MapChar(c, text, i, ref runStart, ref runEnd, ref majority) != c) return i;
        }
        return -1;
    }

    private enum Script : byte { None, Latin, Cyrillic, Mixed }

    private static char MapChar(char c, string text, int i, ref int runStart, ref int runEnd, ref Script majority)
    {
        switch (c)
        {
            // Azerbaijani letters and Latin-1 letters that stay.
            case 'ə' or 'Ə':
                if (!NeighbourIs(text, i, cyrillic: true)) return c;
                if (i >= runEnd || i < runStart) FindRun(text, i, out runStart, out runEnd, out majority);
                return majority == Script.Cyrillic ? (c == 'ə' ? 'ә' : 'Ә') : c;
            case 'ı' or 'İ' or 'ş' or 'Ş' or 'ç' or 'Ç' or 'ğ' or 'Ğ' or 'ö' or 'Ö' or 'ü' or 'Ü':
                return c;
            // Look-alikes of ə.
            case 'ǝ': return 'ə';
            case 'Ǝ': return 'Ə';
            case 'ä': return 'ə';
            case 'Ä': return 'Ə';
            // Hyphens.
            case '\u2010' or '\u2011' or '\u2012' or '\u2212' or '\uFE63' or '\uFF0D' or '\u2043' or '\u02D7': return '-';
            // Dashes: a hyphen between letters or digits, else the en dash.
            case '\u2013' or '\u2014' or '\u2015' or '\uFE58' or '\u2E3A' or '\u2E3B' or '\uFE31' or '\uFE32':
                return i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]) ? '-'
                    : c == '\u2013' ? c : '–';
            // Quotes.
            case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB' or '\u2033' or '\u301D' or '\u301E' or '\uFF02' or '\u2036':
                return '"';
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC' or '\u02BB' or '\u02B9' or '\u00B4' or '\u2035' or '\uFF07' or '\u2039' or '\u203A':
                return '\'';
            // Spaces.
            case '\u00A0' or '\u2007' or '\u2008' or '\u2009' or '\u200A' or '\u202F' or '\u205F' or '\u3000' or '\u1680'
                or '\u2000' or '\u2001' or '\u2002' or '\u2003' or '\u2004' or '\u2005' or '\u2006':
                return ' ';
        }
        if (c is >= '\u0400' and <= '\u04FF' || c is >= '\u00C0' and <= '\u024F')
        {
            char other = c >= '\u0400' ? CyrillicToLatinLookAlike(c) : LatinToCyrillicLookAlike(c);
            if (other == '\0') return c;
            if (!NeighbourIs(text, i, cyrillic: c < '\u0400')) return c;
            if (i >= runEnd || i < runStart) FindRun(text, i, out runStart, out runEnd, out majority);
            if (c >= '\u0400' && majority == Script.Latin) return other;
            if (c < '\u0400' && majority == Script.Cyrillic) return other;
        }
        return c;
    }

    /// <summary>The letters-and-apostrophes run around <paramref name="i"/> and which script most of its letters are in.</summary>
    private static void FindRun(string text, int i, out int start, out int end, out Script majority)
    {
        start = i;
        while (start > 0 && char.IsLetter(text[start - 1])) start--;
        end = i + 1;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        int latin = 0, cyrillic = 0;
        for (int k = start; k < end; k++)
        {
            char ch = text[k];
            if (ch is >= '\u0400' and <= '\u04FF')
            {
                if (CyrillicToLatinLookAlike(ch) == '\0') cyrillic += 2; else cyrillic++;
            }
            else if (ch < 0x80 || ch is >= '\u00C0' and <= '\u024F' || ch == 'ə' || ch == 'Ə')
            {
                if (LatinToCyrillicLookAlike(ch) == '\0') latin += 2; else latin++;
            }
        }
        majority = latin > cyrillic && cyrillic > 0 ? Script.Latin
            : cyrillic > latin && latin > 0 ? Script.Cyrillic
            : Script.None;
    }

    private static char CyrillicToLatinLookAlike(char c) => c switch
    {
        'ә' => 'ə', 'Ә' => 'Ə', 'і' => 'i', 'І' => 'I', 'ј' => 'j', 'Ј' => 'J',
        'а' => 'a', 'А' => 'A', 'е' => 'e', 'Е' => 'E', 'о' => 'o', 'О' => 'O', 'р' => 'p', 'Р' => 'P',
        'с' => 'c', 'С' => 'C', 'х' => 'x', 'Х' => 'X', 'у' => 'y', 'У' => 'Y', 'к' => 'k', 'К' => 'K',
        'В' => 'B', 'М' => 'M', 'Н' => 'H', 'Т' => 'T', 'ѕ' => 's', 'Ѕ' => 'S', 'ө' => 'ö', 'ү' => 'ü',
        _ => '\0',
    };

    private static char LatinToCyrillicLookAlike(char c) => c switch
    {
        'ə' => 'ә', 'Ə' => 'Ә', 'j' => 'ј', 'J' => 'Ј',
        'a' => 'а', 'A' => 'А', 'e' => 'е', 'E' => 'Е', 'o' => 'о', 'O' => 'О', 'p' => 'р', 'P' => 'Р',
        'c' => 'с', 'C' => 'С', 'x' => 'х', 'X' => 'Х', 'y' => 'у', 'B' => 'В', 'M' => 'М', 'H' => 'Н', 'T' => 'Т', 'K' => 'К',
        _ => '\0',
    };

    private static bool IsCombining(char c) =>
        c is >= '\u0300' and <= '\u036F' or >= '\u1AB0' and <= '\u1AFF' or >= '\u1DC0' and <= '\u1DFF'
            or >= '\u20D0' and <= '\u20FF' or >= '\uFE20' and <= '\uFE2F';

    /// <summary>Characters NFC changes on their own (singletons, Hangul jamo, CJK compatibility) — rare.</summary>
    private static bool IsNfcSuspect(char c) =>
        c is '\u2126' or '\u212A' or '\u212B' or '\u0340' or '\u0341' or '\u0343' or '\u0344' or '\u0374' or '\u037E' or '\u0387'
            or >= '\u1100' and <= '\u11FF' or >= '\uF900' and <= '\uFAFF' or >= '\u0F73' and <= '\u0F81';

    private static bool NeighbourIs(string text, int i, bool cyrillic)
    {
        return (i > 0 && Is(text[i - 1])) || (i + 1 < text.Length && Is(text[i + 1]));
        bool Is(char ch) => cyrillic ? ch is >= '\u0400' and <= '\u04FF'
            : char.IsAsciiLetter(ch) || ch is >= '\u00C0' and <= '\u024F';
    }

    private static bool IsArabicNeighbour(string text, int i) =>
        (i > 0 && text[i - 1] is >= '\u0600' and <= '\u06FF') || (i + 1 < text.Length && text[i + 1] is >= '\u0600' and <= '\u06FF');
}
