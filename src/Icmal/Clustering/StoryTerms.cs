using Icmal.Analysis;

namespace Icmal.Clustering;

/// <summary>
/// The terms an article is compared by: the stems analysis made (<see cref="ArticleTerms"/>: Azerbaijani stems,
/// lower-cased, stop words dropped), the title's counting twice, the text's only from its lead.
/// </summary>
/// <remarks>
/// Stems join the inflected forms of one word however long: "Qazaxıstana", "Qazaxıstanın" and "Qazaxıstanla" are
/// all "qazaxıstan", and "metropoliteninin" is "metropoliten" (a six-letter prefix made it "metrop", shared with
/// "metropolit"). Words the stemmer does not know (English, Russian) are kept whole.
/// </remarks>
public static class StoryTerms
{
    /// <summary>Terms of one or two letters (initials, stray particles of other languages) say nothing about an event.</summary>
    public const int MinTermLength = 3;

    /// <summary>The article's term counts: title stems count twice, lead stems once.</summary>
    public static Dictionary<string, int> Extract(ArticleTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string t in terms.Title) Add(t, 2);
        foreach (string t in terms.Lead) Add(t, 1);
        return counts;

        void Add(string term, int weight)
        {
            if (term.Length < MinTermLength) return;
            counts[term] = counts.GetValueOrDefault(term) + weight;
        }
    }
}
