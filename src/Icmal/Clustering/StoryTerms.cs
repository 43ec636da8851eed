using System.Text;
using Icmal.Text.Casing;

namespace Icmal.Clustering;

/// <summary>
/// The terms an article is compared by: lower-cased Azerbaijani-style, stop words dropped, each word cut to its
/// first <see cref="PrefixLength"/> letters.
/// </summary>
/// <remarks>
/// Prefix truncation is a strong stemmer for agglutinative languages (for Turkish, first-five-letters stemming
/// retrieves about as well as a full morphological analyser): "Qazaxıstana", "Qazaxıstanın" and "Qazaxıstanla" all
/// become "qazax". It works the same for English and Russian well enough for grouping, and needs no lexicon.
/// </remarks>
public static class StoryTerms
{
    public const int PrefixLength = 6;
    /// <summary>The lead carries the event; long bodies drift into background and would blur stories.</summary>
    public const int MaxBodyWords = 400;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // Azerbaijani function words and news boilerplate.
        "və", "ilə", "bu", "da", "də", "ki", "üçün", "bir", "olan", "olaraq", "olub", "edib", "edir", "isə", "həm", "ən",
        "kimi", "görə", "qədər", "sonra", "artıq", "daha", "çox", "hər", "iki", "o", "onun", "onlar", "biz", "bildirib",
        "qeyd", "deyib", "bildirdi", "etdi", "etmək", "olunub", "il", "ildə", "ilin", "arasında", "həmçinin", "amma",
        "lakin", "ancaq", "yəni", "hətta", "bütün", "belə", "elə", "nə", "necə", "niyə", "harada", "zaman",
        // English.
        "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "this", "from", "but", "not",
        "his", "her", "its", "they", "their", "said", "says", "will", "would", "been", "which", "who", "about", "after",
        "also", "more", "than", "into", "over", "when", "what", "there", "one", "two", "new", "can", "could", "our",
        // Russian.
        "и", "в", "на", "что", "не", "по", "с", "как", "это", "для", "из", "он", "она", "они", "его", "так", "также",
    };

    /// <summary>Adds the article's terms to <paramref name="counts"/>: title words count twice.</summary>
    public static Dictionary<string, int> Extract(string title, string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        AddWords(title, counts, weight: 2, maxWords: int.MaxValue);
        AddWords(text, counts, weight: 1, maxWords: MaxBodyWords);
        return counts;
    }

    private static void AddWords(string text, Dictionary<string, int> counts, int weight, int maxWords)
    {
        var word = new StringBuilder(32);
        int words = 0;
        for (int i = 0; i <= text.Length && words < maxWords; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                word.Append(AzCasing.ToLower(c));
                continue;
            }
            if (c is '\'' or '’' && word.Length > 0) continue; // "Bakı'da" → "bakıda"
            if (word.Length == 0) continue;
            words++;
            string w = word.ToString();
            word.Clear();
            if (w.Length < 3 || StopWords.Contains(w) || IsNumber(w)) continue;
            string term = w.Length > PrefixLength ? w[..PrefixLength] : w;
            counts[term] = counts.GetValueOrDefault(term) + weight;
        }
    }

    private static bool IsNumber(string w)
    {
        foreach (char c in w) if (!char.IsDigit(c)) return false;
        return true;
    }
}
