using Icmal.Analysis;
using Icmal.Text.Casing;
using Icmal.Text.Entities;
using Icmal.Text.Lexicon;

namespace Icmal.Clustering;

/// <summary>
/// The countries an article names, by any of their places or people (<see cref="PlaceCountries"/>): "Təbriz",
/// "Tehranda", "iranlı" all name İran. Each country is given as the name key (<see cref="TermAnalysis.NameKey"/>) of
/// its own one-word name, so that a report naming only Tehran and one naming İran share the name "iran", as a reader
/// sees they do.
/// </summary>
/// <remarks>
/// <para>The gazetteer's forms are passed through the same analysis as articles (<see cref="TermAnalysis.Of"/>), so
/// that a form matches every inflection the stemmer joins ("Təbrizə", "Təl-Əvivdən"); Azerbaijani forms are matched
/// against stemmed articles, the English and Russian ones against truncated ones. The longest form wins at each
/// place, so "Fars körfəzi" (no country) keeps "Fars" from counting, and "Cənubi Sudan" is not Sudan.</para>
/// <para>An Azerbaijani one-word form that the stemmer cuts to a common word of the lexicon ("Almatı" to "alma",
/// apple; "Bursa" to "bur") is not used: lower-cased stems cannot tell the place from the word. (Words that are both a
/// place and a common word uninflected, such as "Liman", a town and a port, are left out of the table itself.)</para>
/// <para>Built once; immutable and safe to share between threads.</para>
/// </remarks>
internal sealed class CountryTerms
{
    /// <summary>Forms by their first stem, longest first; the key is null for a name that is no country's.</summary>
    private readonly Dictionary<string, (string[] Stems, string? Key)[]> _stemmed;
    private readonly Dictionary<string, (string[] Stems, string? Key)[]> _truncated;

    public static CountryTerms Default { get; } = new();

    private CountryTerms()
    {
        var keys = CountryKeys();
        var stemmed = new List<(string[], string?)>();
        var truncated = new List<(string[], string?)>();
        var all = PlaceCountries.All.Select(p => (Place: p, Stems: Stems(p.Form, p.Azerbaijani))).ToArray();
        // The stems that are a form itself, uninflected ("belarusiya"): a demonym cut to one ("belarusiyalı") is the country's.
        var uncut = all.Where(a => a.Stems.Length == 1 && a.Stems[0] == AzCasing.ToLower(a.Place.Form)).Select(a => a.Stems[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var (p, stems) in all)
        {
            if (stems.Length == 0 || (p.Azerbaijani && stems.Length == 1 && !uncut.Contains(stems[0]) && IsCommonWord(stems[0]))) continue;
            (p.Azerbaijani ? stemmed : truncated).Add((stems, keys[p.Country]));
        }
        foreach (string name in PlaceCountries.NotCountries)
        {
            if (Stems(name, true) is { Length: >= 2 } s) stemmed.Add((s, null));
            if (Stems(name, false) is { Length: >= 2 } t) truncated.Add((t, null));
        }
        _stemmed = Index(stemmed);
        _truncated = Index(truncated);
    }

    /// <summary>
    /// The countries named in a list of stems (an article's title, or the first <paramref name="count"/> of its
    /// lead), each country's key added to <paramref name="into"/> once.
    /// </summary>
    public void Find(IReadOnlyList<string> stems, int count, bool stemmed, List<string> into)
    {
        var index = stemmed ? _stemmed : _truncated;
        count = Math.Min(count, stems.Count);
        for (int k = 0; k < count; k++)
        {
            if (!index.TryGetValue(stems[k], out var forms)) continue;
            foreach (var (form, key) in forms)
            {
                if (!Matches(stems, k, count, form)) continue;
                if (key is not null && !into.Contains(key)) into.Add(key);
                k += form.Length - 1;
                break;
            }
        }
    }

    private static bool Matches(IReadOnlyList<string> stems, int at, int count, string[] form)
    {
        if (at + form.Length > count) return false;
        for (int j = 1; j < form.Length; j++)
            if (!string.Equals(stems[at + j], form[j], StringComparison.Ordinal)) return false;
        return true;
    }

    private static Dictionary<string, (string[] Stems, string? Key)[]> Index(List<(string[] Stems, string? Key)> forms)
    {
        var index = new Dictionary<string, (string[] Stems, string? Key)[]>(StringComparer.Ordinal);
        foreach (var group in forms.GroupBy(f => f.Stems[0], StringComparer.Ordinal))
        {
            // Longest first; of two forms of the same stems, one of a country and one of none, the country's is dropped
            // (a form that is also the start of a name of no country is not evidence).
            var list = group.GroupBy(f => string.Join(' ', f.Stems), StringComparer.Ordinal)
                .Select(g => g.Select(f => f.Key).Distinct().Count() == 1 ? g.First() : (g.First().Stems, null))
                .OrderByDescending(f => f.Stems.Length)
                .ToArray();
            index[group.Key] = list;
        }
        return index;
    }

    /// <summary>
    /// Each country's key: the name key of its first one-word name ("İran" → "iran", "ABŞ" → "abs"), or, when it has
    /// none or shares the key with another country, a key of its own that no name key can be ("@" and its name).
    /// </summary>
    private static Dictionary<string, string> CountryKeys()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string country in PlaceCountries.Countries)
        {
            string? word = PlaceCountries.All.FirstOrDefault(p => p.Country == country && p.Azerbaijani && p.Kind == PlaceKind.Country
                && Stems(p.Form, true).Length == 1)?.Form;
            keys[country] = word is null ? Own(country) : TermAnalysis.NameKey(Stems(word, true)[0]);
        }
        foreach (var clash in keys.GroupBy(k => k.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList())
            foreach (var (country, _) in clash) keys[country] = Own(country);
        return keys;

        static string Own(string country) => "@" + AzCasing.FoldAscii(country);
    }

    private static string[] Stems(string form, bool azerbaijani) =>
        [.. TermAnalysis.Of(form, "", azerbaijani ? "az" : "en", 0).Title];

    /// <summary>True when a lower-case stem is a common word of the lexicon and not a name.</summary>
    private static bool IsCommonWord(string stem)
    {
        var flags = AzLexicon.Default.FlagsOf(stem);
        return (flags & LexiconFlags.Name) == 0 && (flags & (LexiconFlags.Headword | LexiconFlags.VerbRoot)) != 0;
    }
}
