using System.Runtime.InteropServices;
using Icmal.Analysis;

namespace Icmal.Clustering;

/// <summary>The clusterer's reading of an article's names: its name ids, its leading names, and the countries it names.</summary>
public sealed partial class StoryClusterer
{
    /// <summary>
    /// Finds the countries the article names by their places and people (<see cref="CountryTerms"/>) in its title
    /// and lead, into <see cref="_countries"/>, the title's first (<see cref="_titleCountries"/> of them). Each counts
    /// as a name of the article, in its vector (<see cref="TermTable.Learn"/>, once, as if the article had named the
    /// country) and among its names (<see cref="EntityIds"/>): "İsrail Təbrizə zərbələr endirib" names İran as surely
    /// as a report that says "İran", and shares the war's two parties with its other first reports.
    /// </summary>
    private void FindCountries(ArticleTerms terms)
    {
        _countries.Clear();
        _titleCountries = 0;
        CountryTerms.Default.Find(terms.Title, terms.Title.Count, terms.Stemmed, _countries);
        _titleCountries = _countries.Count;
        CountryTerms.Default.Find(terms.Body, Math.Min(terms.LeadCount, StoryTerms.LeadStems), terms.Stemmed, _countries);
    }

    /// <summary>
    /// The ids of the article's names (<see cref="StoryTerms.Entities"/>), all and the title's, ascending: its names,
    /// and its title and lead stems whose name key is a known name. Read off the term table by id, without building
    /// the key strings again (the article's own names were learned by <see cref="Vectorise"/> just before).
    /// </summary>
    private EventLinker.Names EntityIds(ArticleTerms terms)
    {
        var all = _nameScratch;
        var title = _titleScratch;
        all.Clear();
        title.Clear();
        foreach (string key in terms.Names) all.Add(_terms.NameId(key));
        foreach (string t in terms.Title)
            if (t.Length >= StoryTerms.MinTermLength && _terms.NameIdOfStem(t) is var id and >= 0)
            {
                all.Add(id);
                title.Add(id);
            }
        int lead = Math.Min(terms.LeadCount, StoryTerms.LeadStems);
        for (int k = 0; k < lead && k < terms.Body.Count; k++)
            if (terms.Body[k] is { Length: >= StoryTerms.MinTermLength } t && _terms.NameIdOfStem(t) is var id and >= 0) all.Add(id);
        for (int k = 0; k < _countries.Count; k++)
        {
            int id = _terms.NameId(_countries[k]);
            all.Add(id);
            if (k < _titleCountries) title.Add(id);
        }
        return new EventLinker.Names(SortedDistinct(all), SortedDistinct(title), terms.Stemmed) { Leading = Leading(terms, lead) };

        static int[] SortedDistinct(List<int> ids)
        {
            if (ids.Count == 0) return [];
            var span = CollectionsMarshal.AsSpan(ids);
            span.Sort();
            int n = 1;
            for (int k = 1; k < span.Length; k++)
                if (span[k] != span[n - 1]) span[n++] = span[k];
            return span[..n].ToArray();
        }
    }

    /// <summary>
    /// The ids of the names that, wherever they stand in the title and the lead's first stems, are followed directly by
    /// the same other name: a given name before its surname ("Donald Tramp", "İlham Əliyev"), the first word of one
    /// name span, which tells no more than the span's last word (see <see cref="EventLinker.Names.Leading"/>).
    /// </summary>
    private int[] Leading(ArticleTerms terms, int lead)
    {
        var followers = _followers;
        followers.Clear();
        Scan(terms.Title, terms.Title.Count);
        Scan(terms.Body, Math.Min(lead, terms.Body.Count));
        int n = 0;
        foreach (var (_, next) in followers) if (next >= 0) n++;
        if (n == 0) return [];
        var ids = new int[n];
        n = 0;
        foreach (var (id, next) in followers) if (next >= 0) ids[n++] = id;
        Array.Sort(ids);
        return ids;

        void Scan(IReadOnlyList<string> stems, int count)
        {
            int previous = -1;
            for (int k = 0; k < count; k++)
            {
                string t = stems[k];
                int id = t.Length >= StoryTerms.MinTermLength ? _terms.NameIdOfStem(t) : -1;
                if (previous >= 0) Note(previous, id == previous ? -1 : id);
                previous = id;
            }
            if (previous >= 0) Note(previous, -1);
        }

        void Note(int id, int next)
        {
            if (!followers.TryGetValue(id, out int seen)) followers[id] = next;
            else if (seen != next) followers[id] = -1;
        }
    }
}
