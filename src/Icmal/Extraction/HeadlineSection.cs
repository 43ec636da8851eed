using Icmal.Text.Casing;
using Icmal.Text.Tokenization;

namespace Icmal.Extraction;

/// <summary>
/// Separates a section label from a headline: "… TDT üçün bir fürsət pəncərəsidir Analitik" is the headline
/// "… pəncərəsidir" in the section "Analitik". Copied pages and some templates print the rubric on the headline's line.
/// </summary>
/// <remarks>
/// A label is taken off only when two things hold. It is a section name: a rubric word portals use (a small
/// Azerbaijani, Russian and English lexicon) or a label the page itself gives as its section (article:section, a
/// category line). And it stands apart from the headline's sentence: after or before a separator ("… | Siyasət",
/// "Müsahibə: …"), or, with no separator, as the last word, capitalised after a lower-case word in a headline written
/// in sentence case (Azerbaijani capitalises only names, so "pəncərəsidir Analitik" is two things). A leading label
/// without a separator is never taken: "Dünya Bankı …" begins with a rubric word that is part of a name.
/// </remarks>
public static class HeadlineSection
{
    /// <summary>Rubric names, lower-cased with Azerbaijani casing.</summary>
    private static readonly HashSet<string> Rubrics = new(StringComparer.Ordinal)
    {
        // Azerbaijani
        "siyasət", "xarici siyasət", "daxili siyasət", "iqtisadiyyat", "iqtisadi", "analitik", "analitika", "müsahibə",
        "sosial", "idman", "mədəniyyət", "dünya", "region", "regionlar", "cəmiyyət", "şou-biznes", "şou biznes", "hadisə",
        "hadisələr", "kriminal", "gündəm", "təhsil", "səhiyyə", "sağlamlıq", "elm", "texnologiya", "elm və texnologiya",
        "maraqlı", "ordu", "hərbi", "energetika", "biznes", "maliyyə", "turizm", "avto", "diaspora", "din", "ədəbiyyat",
        "incəsənət", "köşə", "köşə yazısı", "rəy", "fikir", "reportaj", "video", "foto", "fotoreportaj", "qarabağ xəbərləri",
        // Russian
        "политика", "экономика", "общество", "в мире", "мир", "регион", "регионы", "спорт", "культура", "интервью",
        "аналитика", "происшествия", "наука", "технологии", "мнение", "шоу-бизнес", "криминал", "здоровье", "образование",
        // English
        "politics", "economy", "business", "analytics", "analysis", "opinion", "interview", "sports", "sport", "culture",
        "world", "society", "region", "incidents", "science", "technology", "tech", "lifestyle", "entertainment", "health",
    };

    private static readonly string[] TrailingSeparators = [" | ", " / ", " – ", " — ", " - ", " » ", " :: ", " · "];
    private static readonly string[] LeadingSeparators = [" | ", " / ", " – ", " — ", " - ", " » ", " :: ", " · ", ": "];

    /// <summary>
    /// The headline without a section label at its end or start, and the label; the headline unchanged and null when
    /// it carries none. <paramref name="pageLabels"/> are the section names the page gives elsewhere.
    /// </summary>
    public static (string Title, string? Section) Split(string title, IEnumerable<string> pageLabels)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(pageLabels);
        var labels = pageLabels.Select(Key).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        bool IsLabel(string s) => s.Length is > 1 and <= 30 && (Rubrics.Contains(Key(s)) || labels.Contains(Key(s)));

        foreach (string sep in TrailingSeparators)
        {
            int i = title.LastIndexOf(sep, StringComparison.Ordinal);
            if (i <= 0) continue;
            string head = title[..i].TrimEnd(), tail = title[(i + sep.Length)..].Trim();
            if (IsLabel(tail) && Words(head) >= 3) return (head, tail);
        }
        foreach (string sep in LeadingSeparators)
        {
            int i = title.IndexOf(sep, StringComparison.Ordinal);
            if (i <= 0) continue;
            string head = title[..i].Trim(), rest = title[(i + sep.Length)..].TrimStart();
            if (IsLabel(head) && Words(rest) >= 3) return (rest, head);
        }

        // No separator: the last one or two words, capitalised after a lower-case word.
        // A loop, not LINQ: Where/ToList over a struct is generic code no precompiled image holds (about 50 methods
        // compiled at every start of the command, issue #14).
        var words = AzTokenizer.TokenizeToList(title);
        words.RemoveAll(static t => !(t.IsWordLike || t.Kind == TokenKind.Punctuation));
        if (words.Count < 4 || !words[^1].IsWordLike) return (title, null);
        for (int n = 2; n >= 1; n--)
        {
            if (words.Count - n < 3) continue;
            var first = words[^n];
            var before = words[^(n + 1)];
            if (!first.IsWordLike || !before.IsWordLike) continue;
            string label = title[first.Start..];
            if (!IsLabel(label) || !char.IsUpper(title[first.Start]) || IsAllCaps(first.Of(title))) continue;
            if (!char.IsLower(title[before.Start])) continue;
            // A headline in sentence case: some lower-case word besides the one before the label.
            int lower = 0;
            for (int k = 0; k < words.Count - n; k++)
                if (words[k].IsWordLike && char.IsLower(title[words[k].Start])) lower++;
            if (lower < 2) continue;
            return (title[..before.End].TrimEnd(), label);
        }
        return (title, null);
    }

    private static string Key(string s) => AzCasing.ToLower(Icmal.Text.Whitespace.Fold(s)).Trim(' ', '.', ':');

    private static int Words(string s) => AzTokenizer.TokenizeToList(s).Count(t => t.IsWordLike || t.Kind is TokenKind.Number or TokenKind.Ordinal);

    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        foreach (char c in word) if (char.IsLetter(c) && !char.IsUpper(c)) return false;
        return word.Length > 1;
    }
}
