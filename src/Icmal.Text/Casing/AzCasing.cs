using System.Globalization;

namespace Icmal.Text.Casing;

/// <summary>
/// Azerbaijani case mapping: I↔ı and İ↔i, everything else as in the invariant culture.
/// </summary>
/// <remarks>
/// .NET's invariant culture maps "I" to "i" and leaves "İ" as "i̇" (with a combining dot),
/// which turns "IĞDIR" into "iğdir" and breaks every comparison of Azerbaijani words.
/// The mapping is done by hand so it does not depend on the ICU data installed.
/// </remarks>
public static class AzCasing
{
    /// <summary>Lower-cases <paramref name="text"/> with Azerbaijani rules.</summary>
    public static string ToLower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c == 'I' || c == 'İ' || char.IsUpper(c)) break;
        }
        if (i == text.Length) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int k = 0; k < source.Length; k++) span[k] = ToLower(source[k]);
        });
    }

    /// <summary>Upper-cases <paramref name="text"/> with Azerbaijani rules.</summary>
    public static string ToUpper(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int k = 0; k < source.Length; k++) span[k] = ToUpper(source[k]);
        });
    }

    /// <summary>Lower-cases one character with Azerbaijani rules.</summary>
    public static char ToLower(char c) => c switch
    {
        'I' => 'ı',
        'İ' => 'i',
        _ when c < 128 => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c,
        _ => char.ToLower(c, CultureInfo.InvariantCulture),
    };

    /// <summary>Upper-cases one character with Azerbaijani rules.</summary>
    public static char ToUpper(char c) => c switch
    {
        'i' => 'İ',
        'ı' => 'I',
        _ when c < 128 => c is >= 'a' and <= 'z' ? (char)(c - 32) : c,
        _ => char.ToUpper(c, CultureInfo.InvariantCulture),
    };
}
