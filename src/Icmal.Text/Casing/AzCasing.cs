using System.Globalization;

namespace Icmal.Text.Casing;

/// <summary>
/// Azerbaijani case mapping: I↔ı and İ↔i, everything else as in the invariant culture;
/// and the ASCII-folded form (ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u) for people who type without Azerbaijani letters.
/// </summary>
/// <remarks>
/// .NET's invariant culture maps "I" to "i" and leaves "İ" as "i̇" (with a combining dot),
/// which turns "IĞDIR" into "iğdir" and breaks every comparison of Azerbaijani words.
/// The mapping is done by hand so it does not depend on the ICU data installed.
/// All members are pure and thread-safe.
/// </remarks>
public static class AzCasing
{
    /// <summary>Lower-cases <paramref name="text"/> with Azerbaijani rules; returns the same instance when nothing changes.</summary>
    public static string ToLower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        for (; i < text.Length; i++)
        {
            if (ToLower(text[i]) != text[i]) break;
        }
        if (i == text.Length) return text;
        return string.Create(text.Length, text, static (span, source) => ToLower(source, span));
    }

    /// <summary>Upper-cases <paramref name="text"/> with Azerbaijani rules; returns the same instance when nothing changes.</summary>
    public static string ToUpper(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        for (; i < text.Length; i++)
        {
            if (ToUpper(text[i]) != text[i]) break;
        }
        if (i == text.Length) return text;
        return string.Create(text.Length, text, static (span, source) => ToUpper(source, span));
    }

    /// <summary>Lower-cases <paramref name="source"/> into <paramref name="destination"/> (same length; may be the same memory).</summary>
    public static void ToLower(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        for (int k = 0; k < source.Length; k++) destination[k] = ToLower(source[k]);
    }

    /// <summary>Upper-cases <paramref name="source"/> into <paramref name="destination"/> (same length; may be the same memory).</summary>
    public static void ToUpper(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        for (int k = 0; k < source.Length; k++) destination[k] = ToUpper(source[k]);
    }

    /// <summary>Lower-cases one character with Azerbaijani rules.</summary>
    /// <remarks>
    /// Read from a table below U+0530 (Latin, its extensions and Cyrillic, 2.6 KB) made once from
    /// <see cref="ToLowerSlow"/>: ə, ş, ç, ğ, ö, ü and ı, most of an Azerbaijani text's non-ASCII letters, otherwise
    /// took the invariant culture's look-up every time (issue #17: language ID, stop words and terms lower-case
    /// every letter of every article).
    /// </remarks>
    public static char ToLower(char c) => c < LowerTableSize ? LowerTable[c] : ToLowerSlow(c);

    private const int LowerTableSize = 0x530;
    private static readonly char[] LowerTable = BuildLowerTable();

    private static char[] BuildLowerTable()
    {
        var table = new char[LowerTableSize];
        for (int c = 0; c < table.Length; c++) table[c] = ToLowerSlow((char)c);
        return table;
    }

    /// <summary>The definition <see cref="ToLower(char)"/>'s table is made from, and its answer above the table.</summary>
    internal static char ToLowerSlow(char c) => c switch
    {
        'I' => 'ı',
        'İ' => 'i',
        _ when c < 128 => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c,
        'Ə' => 'ə',
        'Ş' => 'ş',
        'Ç' => 'ç',
        'Ğ' => 'ğ',
        'Ö' => 'ö',
        'Ü' => 'ü',
        _ => char.ToLower(c, CultureInfo.InvariantCulture),
    };

    /// <summary>Upper-cases one character with Azerbaijani rules.</summary>
    public static char ToUpper(char c) => c switch
    {
        'i' => 'İ',
        'ı' => 'I',
        _ when c < 128 => c is >= 'a' and <= 'z' ? (char)(c - 32) : c,
        'ə' => 'Ə',
        'ş' => 'Ş',
        'ç' => 'Ç',
        'ğ' => 'Ğ',
        'ö' => 'Ö',
        'ü' => 'Ü',
        _ => char.ToUpper(c, CultureInfo.InvariantCulture),
    };

    /// <summary>True when the character is an upper-case letter (İ and I included).</summary>
    public static bool IsUpper(char c) => c < 128 ? c is >= 'A' and <= 'Z' : char.IsUpper(c);

    /// <summary>Compares two strings ignoring Azerbaijani case (İ=i, I=ı; I≠i).</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length) return false;
        for (int k = 0; k < a.Length; k++)
        {
            if (a[k] != b[k] && ToLower(a[k]) != ToLower(b[k])) return false;
        }
        return true;
    }

    /// <summary>
    /// The ASCII-folded lower-case form of one character: ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u, and other Latin
    /// letters with diacritics to their base letter. Other characters are only lower-cased.
    /// </summary>
    public static char FoldAscii(char c)
    {
        if (c < 128) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        return c switch
        {
            'ə' or 'Ə' or 'ä' or 'Ä' or 'é' or 'É' or 'è' or 'ê' or 'ë' => 'e',
            'ı' or 'I' or 'İ' or 'í' or 'ì' or 'î' or 'ï' => 'i',
            'ş' or 'Ş' or 'ș' => 's',
            'ç' or 'Ç' => 'c',
            'ğ' or 'Ğ' => 'g',
            'ö' or 'Ö' or 'ó' or 'ò' or 'ô' or 'õ' => 'o',
            'ü' or 'Ü' or 'ú' or 'ù' or 'û' => 'u',
            'á' or 'à' or 'â' or 'ã' or 'å' => 'a',
            'ñ' or 'ň' => 'n',
            _ => ToLower(c),
        };
    }

    /// <summary>The ASCII-folded lower-case form of <paramref name="text"/> ("Əliyevə" → "eliyeve", "IĞDIR" → "igdir").</summary>
    public static string FoldAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        for (; i < text.Length; i++)
        {
            if (FoldAscii(text[i]) != text[i]) break;
        }
        if (i == text.Length) return text;
        return string.Create(text.Length, text, static (span, source) => FoldAscii(source, span));
    }

    /// <summary>ASCII-folds <paramref name="source"/> into <paramref name="destination"/> (same length).</summary>
    public static void FoldAscii(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        for (int k = 0; k < source.Length; k++) destination[k] = FoldAscii(source[k]);
    }

    /// <summary>An equality comparer that ignores Azerbaijani case (İ=i, I=ı), for dictionaries and sets of names.</summary>
    public static IEqualityComparer<string> IgnoreCaseComparer { get; } = new AzIgnoreCaseComparer();

    private sealed class AzIgnoreCaseComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x is null || y is null ? ReferenceEquals(x, y) : EqualsIgnoreCase(x, y);

        public int GetHashCode(string obj)
        {
            ArgumentNullException.ThrowIfNull(obj);
            var hash = new HashCode();
            foreach (char c in obj) hash.Add(ToLower(c));
            return hash.ToHashCode();
        }
    }
}
