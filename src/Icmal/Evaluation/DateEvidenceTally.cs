using Icmal.Model;

namespace Icmal.Evaluation;

/// <summary>One dated page of a date evaluation: the true date, the date found and the evidence it was read from.</summary>
public sealed record DatePage(string File, string? Want, string? Got, DateEvidence? From)
{
    /// <summary>The page has a true date and the one found is it.</summary>
    public bool Right => Want is not null && string.Equals(Want, Got, StringComparison.Ordinal);
}

/// <summary>How often each kind of date evidence was used and how often it was right.</summary>
public sealed record EvidenceKindTally(string Kind, int Pages, int Right);

/// <summary>
/// Groups a date evaluation's pages by the kind of evidence their date came from, so that a change to one reader
/// (meta tags, JSON-LD, script data, marked elements) shows in its own line.
/// </summary>
public static class DateEvidenceTally
{
    /// <summary>The kinds with their pages and right answers, in ordinal order of the kind.</summary>
    public static IReadOnlyList<EvidenceKindTally> ByKind(IEnumerable<DatePage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var byKind = new SortedDictionary<string, (int Pages, int Right)>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            string kind = Kind(page.From);
            var (n, right) = byKind.GetValueOrDefault(kind);
            byKind[kind] = (n + 1, right + (page.Right ? 1 : 0));
        }
        return [.. byKind.Select(kv => new EvidenceKindTally(kv.Key, kv.Value.Pages, kv.Value.Right))];
    }

    /// <summary>The row a page counts in: its evidence's kind (the details, such as which meta tag, are many).</summary>
    public static string Kind(DateEvidence? from) => from is null ? "(no date)" : DateEvidence.CodeOf(from.Kind);
}
