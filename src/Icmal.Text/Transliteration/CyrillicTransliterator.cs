using System.Text;
using Icmal.Text.Casing;

namespace Icmal.Text.Transliteration;

/// <summary>
/// Writes Cyrillic Azerbaijani, Kazakh and Russian (and Kyrgyz, Tatar, Bashkir, Uzbek, Ukrainian letters) in the
/// Azerbaijani Latin alphabet the way Azerbaijani news spells names, so names match across scripts:
/// "Токаев", "Тоқаев" → "Tokayev"; "Қасым-Жомарт" → "Kasım-Jomart"; "Назарбаев" → "Nazarbayev";
/// "Әлијев" (Azerbaijani Cyrillic) → "Əliyev".
/// </summary>
/// <remarks>
/// Russian е/ё/ю/я are written ye/yo/yu/ya at the start of a word and after a vowel or ъ/ь, e/o/u/a… after
/// consonants (ё → o after ж, ч, ш, щ); г → q and х → x as Azerbaijani writes Russian names; Kazakh қ → k.
/// Latin and other characters pass through. Pure and thread-safe.
/// </remarks>
public static class CyrillicTransliterator
{
    /// <summary>Transliterates <paramref name="text"/>; returns the same instance when it has no Cyrillic letters.</summary>
    public static string ToAzerbaijaniLatin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int first = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (IsCyrillic(text[i]))
            {
                first = i;
                break;
            }
        }
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsCyrillic(c))
            {
                sb.Append(c);
                continue;
            }
            char lower = char.ToLowerInvariant(c);
            bool upper = lower != c;
            string latin = Map(lower, i > 0 ? char.ToLowerInvariant(text[i - 1]) : ' ', i > 0 && IsCyrillic(text[i - 1]) || i > 0 && char.IsLetter(text[i - 1]));
            if (latin.Length == 0) continue;
            if (!upper)
            {
                sb.Append(latin);
                continue;
            }
            // "Ю" at the start of a capitalised word is "Yu"; in an all-capitals word "YU".
            bool allCaps = i + 1 < text.Length && char.IsUpper(text[i + 1]) || i > 0 && char.IsUpper(text[i - 1]) && (i + 1 >= text.Length || !char.IsLower(text[i + 1]));
            sb.Append(AzCasing.ToUpper(latin[0]));
            for (int k = 1; k < latin.Length; k++) sb.Append(allCaps ? AzCasing.ToUpper(latin[k]) : latin[k]);
        }
        return sb.ToString();
    }

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u052F';

    private static bool IsVowelOrSign(char c) => c is 'а' or 'е' or 'ё' or 'и' or 'о' or 'у' or 'ы' or 'э' or 'ю' or 'я' or 'ә' or 'ө' or 'ү' or 'ұ' or 'і' or 'ъ' or 'ь'
        or 'a' or 'e' or 'i' or 'o' or 'u' or 'ı' or 'ə' or 'ö' or 'ü';

    private static string Map(char c, char previous, bool insideWord)
    {
        bool soft = !insideWord || IsVowelOrSign(previous);
        return c switch
        {
            'а' => "a", 'б' => "b", 'в' => "v", 'г' => "q", 'д' => "d",
            'е' => soft ? "ye" : "e",
            'ё' => soft ? "yo" : previous is 'ж' or 'ч' or 'ш' or 'щ' ? "o" : "yo",
            'ж' => "j", 'з' => "z", 'и' => "i", 'й' => "y", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o",
            'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "x", 'ц' => "ts", 'ч' => "ç",
            'ш' => "ş", 'щ' => "şç", 'ъ' => "", 'ы' => "ı", 'ь' => "", 'э' => "e",
            'ю' => soft ? "yu" : "yu", 'я' => soft ? "ya" : "ya",
            // Azerbaijani Cyrillic.
            'ә' => "ə", 'ғ' => "ğ", 'ҝ' => "g", 'ө' => "ö", 'ү' => "ü", 'һ' => "h", 'ҹ' => "c", 'ј' => "y",
            // Kazakh, Kyrgyz, Tatar, Bashkir, Uzbek, Ukrainian.
            'қ' => "k", 'ң' => "n", 'ұ' => "u", 'і' => "i", 'ї' => "yi", 'є' => "ye", 'ґ' => "q", 'ў' => "o",
            'ҳ' => "h", 'җ' => "c", 'ҙ' => "z", 'ҫ' => "s", 'ҡ' => "k", 'ӣ' => "i", 'ӯ' => "u",
            _ => c.ToString(),
        };
    }
}
