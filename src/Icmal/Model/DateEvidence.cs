namespace Icmal.Model;

/// <summary>
/// Where an article's publication date was read. Pages carry many dates (metadata, the line under the headline,
/// the address, teasers, comments), so the date alone does not say how far to trust it; the kind does.
/// </summary>
public enum DateEvidenceKind
{
    /// <summary>The article's JSON-LD (datePublished, else dateCreated). Detail: the schema.org type ("NewsArticle").</summary>
    JsonLd,
    /// <summary>A meta tag naming the publication (or a generic date, an upload time). Detail: the tag's name ("article:published_time").</summary>
    Meta,
    /// <summary>A publication key in the page's inline script data. Detail: the key ("datePublished", "published_at").</summary>
    ScriptData,
    /// <summary>An element marked as the publication time (itemprop=datePublished, time[pubdate]). Detail: the element's name.</summary>
    Marked,
    /// <summary>The date shown to readers at the headline. Detail: null for its text, "time" for a &lt;time&gt;'s machine value.</summary>
    Headline,
    /// <summary>A revision time, used when nothing better dates the page. Detail: "headline" (shown there) or "metadata".</summary>
    Revision,
    /// <summary>A relative date ("Bu gün, 14:37", "2 saat əvvəl") counted from the fetch time. Detail: "headline" or "before-text".</summary>
    Relative,
    /// <summary>A full date in the page's address.</summary>
    Address,
    /// <summary>A full date in the page's canonical address.</summary>
    CanonicalAddress,
    /// <summary>A date element (&lt;time&gt;, class "date"). Detail: "article" (at the article), "time" (a &lt;time&gt; at it), null (elsewhere).</summary>
    DateElement,
    /// <summary>A date line of the article's own text. Detail: "article", "prose", "before-text", "archive".</summary>
    DateLine,
    /// <summary>The first date line of the page, outside the article.</summary>
    PageLine,
    /// <summary>The date the page's markup repeats most: the last resort for pages whose text shows none.</summary>
    MarkupFrequency,
    /// <summary>The date field of an imported article list's item.</summary>
    ItemField,
}

/// <summary>
/// The evidence behind an article's date: its kind, and a detail within the kind (the JSON-LD type, the meta tag's
/// name). Stored and shown by <see cref="Code"/> ("json-ld:NewsArticle", "headline"), a short code that stays stable
/// across versions; interfaces map <see cref="Kind"/> to words in their own language.
/// </summary>
public sealed record DateEvidence
{
    /// <summary>The longest detail kept: details come from pages (a JSON-LD type, a meta key) and a page can write anything there.</summary>
    public const int MaxDetailLength = 64;

    /// <summary>Evidence of <paramref name="kind"/>; a blank detail is none, a long one is cut to <see cref="MaxDetailLength"/>.</summary>
    public DateEvidence(DateEvidenceKind kind, string? detail = null)
    {
        Kind = kind;
        Detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Length > MaxDetailLength ? detail[..MaxDetailLength] : detail;
    }

    public DateEvidenceKind Kind { get; }

    public string? Detail { get; }

    /// <summary>
    /// The kinds' codes: the one table between the enum and what is stored. A code, once released, never changes
    /// (stored articles carry it); a new kind gets a new code.
    /// </summary>
    private static readonly (DateEvidenceKind Kind, string Code)[] Codes =
    [
        (DateEvidenceKind.JsonLd, "json-ld"),
        (DateEvidenceKind.Meta, "meta"),
        (DateEvidenceKind.ScriptData, "script"),
        (DateEvidenceKind.Marked, "marked"),
        (DateEvidenceKind.Headline, "headline"),
        (DateEvidenceKind.Revision, "revision"),
        (DateEvidenceKind.Relative, "relative"),
        (DateEvidenceKind.Address, "address"),
        (DateEvidenceKind.CanonicalAddress, "canonical-address"),
        (DateEvidenceKind.DateElement, "element"),
        (DateEvidenceKind.DateLine, "line"),
        (DateEvidenceKind.PageLine, "page-line"),
        (DateEvidenceKind.MarkupFrequency, "markup"),
        (DateEvidenceKind.ItemField, "item"),
    ];

    /// <summary>The code of a kind alone ("json-ld"), e.g. to group evidence by kind.</summary>
    public static string CodeOf(DateEvidenceKind kind)
    {
        foreach (var (k, code) in Codes)
            if (k == kind) return code;
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "no code for this date evidence kind");
    }

    /// <summary>The stored form: the kind's code, then ':' and the detail when there is one ("meta:article:published_time").</summary>
    public string Code => Detail is null ? CodeOf(Kind) : CodeOf(Kind) + ":" + Detail;

    /// <summary>
    /// The evidence a <see cref="Code"/> names, or null for null or a code this version does not know (a database
    /// written by a later version): an unknown code is no evidence, never an error.
    /// </summary>
    public static DateEvidence? FromCode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        int colon = code.IndexOf(':', StringComparison.Ordinal);
        var kindCode = colon < 0 ? code.AsSpan() : code.AsSpan(0, colon);
        foreach (var (kind, known) in Codes)
            if (kindCode.Equals(known, StringComparison.Ordinal)) return new DateEvidence(kind, colon < 0 ? null : code[(colon + 1)..]);
        return null;
    }

    public override string ToString() => Code;
}
