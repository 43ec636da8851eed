using Icmal.Analysis;

namespace Icmal.Clustering;

/// <summary>
/// The features an article is compared by: the stems analysis made (<see cref="ArticleTerms"/>: Azerbaijani stems,
/// lower-cased, stop words dropped) of its title, counted <see cref="TitleWeight"/> times, and of the start of its
/// lead; its names (<see cref="ArticleTerms.Names"/>, prefixed <c>n:</c>) and figures (prefixed <c>#</c>).
/// </summary>
/// <remarks>
/// Stems join the inflected forms of one word however long: "Qazaxıstana", "Qazaxıstanın" and "Qazaxıstanla" are
/// all "qazaxıstan". A story is about what the headline and the first sentences say; further down, a press release
/// drifts into the background every report of its kind repeats, which makes two events of one topic look alike.
/// Names come in twice, as stems and as name keys: the name key meets its Cyrillic spelling ("Токаев"), so a Russian
/// report of an Azerbaijani event shares its names with the Azerbaijani ones.
/// </remarks>
public static class StoryTerms
{
    /// <summary>Terms of one or two letters (initials, stray particles of other languages) say nothing about an event.</summary>
    public const int MinTermLength = 3;

    /// <summary>How many times a title stem counts: the headline names the event.</summary>
    public const int TitleWeight = 4;

    /// <summary>
    /// How many times a name counts, on top of its stem: who and where (Tokayev, Astana) tell one event from another of
    /// its kind, and for a report in another script they are all the two share.
    /// </summary>
    public const int NameWeight = 3;

    /// <summary>How many stems of the lead count (about two sentences of news).</summary>
    public const int LeadStems = 60;

    /// <summary>The article's feature counts (see the class summary).</summary>
    public static Dictionary<string, int> Extract(ArticleTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string t in terms.Title) AddStem(t, TitleWeight);
        foreach (string t in terms.Lead.Take(LeadStems)) AddStem(t, 1);
        foreach (string n in terms.Names) Add(NameFeature(n), NameWeight);
        foreach (string f in terms.Figures) Add("#" + f, 1);
        return counts;

        void AddStem(string term, int weight)
        {
            if (term.Length >= MinTermLength) Add(term, weight);
        }

        void Add(string term, int weight) => counts[term] = counts.GetValueOrDefault(term) + weight;
    }

    /// <summary>
    /// The article's names as keys (<see cref="ArticleTerms.Names"/>), together with the keys of its title and lead
    /// stems that <paramref name="isKnownName"/> knows as a name from other articles: a name at the start of a
    /// sentence ("İsrail Təbrizə zərbələr endirib") has no capital to tell it, but is the same name.
    /// </summary>
    /// <remarks>The title's own (<see cref="ArticleEntities.Title"/>) say what the article is about.</remarks>
    public static ArticleEntities Entities(ArticleTerms terms, Func<string, bool> isKnownName)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(isKnownName);
        var keys = new HashSet<string>(terms.Names, StringComparer.Ordinal);
        var title = new HashSet<string>(StringComparer.Ordinal);
        foreach (string t in terms.Title) Consider(t, title);
        foreach (string t in terms.Lead.Take(LeadStems)) Consider(t, null);
        return new ArticleEntities(keys, title);

        void Consider(string stem, HashSet<string>? titleKeys)
        {
            if (stem.Length < MinTermLength) return;
            string key = TermAnalysis.NameKey(stem);
            if (!keys.Contains(key) && !isKnownName(key)) return;
            keys.Add(key);
            titleKeys?.Add(key);
        }
    }

    /// <summary>The feature a name key is counted under (beside the stems).</summary>
    public static string NameFeature(string key) => "n:" + key;
}

/// <summary>An article's name keys (<see cref="StoryTerms.Entities"/>): all of them, and those of its title.</summary>
public sealed record ArticleEntities(IReadOnlySet<string> All, IReadOnlySet<string> Title);
