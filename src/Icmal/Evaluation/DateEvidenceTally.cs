namespace Icmal.Evaluation;

/// <summary>One dated page of a date evaluation: the true date, the date found and the evidence it was read from.</summary>
public sealed record DatePage(string File, string? Want, string? Got, string? From)
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

    /// <summary>The kind of a date's evidence: "meta dc.date" and "meta pubdate" are both "meta".</summary>
    public static string Kind(string? from)
    {
        if (from is null) return "(no date)";
        foreach (string kind in (string[])["meta", "json-ld", "script data", "marked"])
            if (from.StartsWith(kind + " ", StringComparison.Ordinal)) return kind;
        return from;
    }
}
