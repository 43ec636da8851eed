using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Icmal.Model;
using Icmal.Text;
using Icmal.Extraction.Dates;

namespace Icmal.Extraction.Html;

/// <summary>
/// When a page was fetched, and the publisher's time zone: what a relative date ("Bu gün, 14:37", "2 saat əvvəl")
/// counts from. Absent for a page of unknown age.
/// </summary>
internal sealed record FetchClock(DateTimeOffset Fetched, TimeZoneInfo? PublisherZone);

/// <summary>
/// Chooses an article page's publication time from everything the page says about dates.
/// </summary>
/// <remarks>
/// Pages carry many dates: the publication and revision times in their metadata, the date shown under the
/// headline, dates in the address, in teasers, comments, calendars and "today is" headers. The order below
/// is the order of trust, and each step says why it sits where it does.
/// <para>When the page states its publication time (the article's JSON-LD, publication meta tags, an element
/// marked datePublished):</para>
/// <list type="number">
/// <item>the date shown to readers at the headline wins when the metadata backs it: it is within a day of the
/// stated time (a time-zone difference), or it is another date the page states (the revision time, a Dublin
/// Core date, the address). Editors and readers go by the shown date; the publication field is often when the
/// record was created, imported or first drafted;</item>
/// <item>else a full date in the address a day off the stated time (the site filed the article under it);</item>
/// <item>else the stated time, on the publisher's calendar: a UTC timestamp is a day off the publisher's date
/// for hours of every day.</item>
/// </list>
/// <para>When it does not: an element marked datePublished; the address's date; the date shown at the headline;
/// a &lt;time&gt; at the article, then generic metadata (Dublin Core date, creation times, a video's upload);
/// a revision shown at the headline; date elements at the article; the article's own date lines before dates
/// inside its prose (which are as likely dates the story is about); publication keys in inline script data;
/// the revision time; the first date line of the page outside navigation, teasers and comments; and last, the
/// date the markup repeats most.</para>
/// </remarks>
internal static partial class PublicationDate
{
    public static (StatedDate? Published, DateTimeOffset? Modified) Choose(
        string html, PageIndex index, PageMetadata meta, PageNode root, List<PageBlock> selected, List<PageBlock> allBlocks, Uri? pageUrl,
        DateTimeOffset? fetched)
    {
        var zone = PublisherZone.Guess(pageUrl ?? Absolute(meta.Canonical), meta.LanguageTags);
        var (published, modified) = ChooseDay(html, index, meta, root, selected, allBlocks, pageUrl, fetched, zone);
        if (published is not { } p || !DatePrecision.IsDayOnly(p.Value)) return (published, modified);
        // The day is chosen; a publication time the page states for that same day gives it its time of day.
        var sharper = DatePrecision.Sharpen(p.Value, TimesOfDay(index, meta, root.Element), zone);
        return (p with { Value = sharper }, modified);
    }

    /// <summary>
    /// The publication times the page states, in order of trust, for giving a day-only date its time: what the
    /// metadata names the publication, then a generic date, then a &lt;time&gt; at the article. Never the revision
    /// time, which is when the article was last changed.
    /// </summary>
    private static IEnumerable<DateTimeOffset?> TimesOfDay(PageIndex index, PageMetadata meta, IElement root)
    {
        yield return meta.Published?.Value;
        foreach (var t in meta.PublicationTimes) yield return t;
        yield return meta.WeakPublished?.Value;
        yield return TimeAtArticle(index, root)?.Value;
    }

    private static (StatedDate? Published, DateTimeOffset? Modified) ChooseDay(
        string html, PageIndex index, PageMetadata meta, PageNode root, List<PageBlock> selected, List<PageBlock> allBlocks, Uri? pageUrl,
        DateTimeOffset? fetched, TimeZoneInfo? zone)
    {
        DateTimeOffset? modified = meta.Modified;
        string? url = pageUrl?.ToString() ?? meta.Canonical;
        bool monthFirst = meta.Language is "en" && (url?.Contains(".com", StringComparison.Ordinal) ?? true);
        StatedDate? fromUrl = UrlDate(pageUrl?.ToString(), new DateEvidence(DateEvidenceKind.Address)) ?? UrlDate(meta.Canonical, new DateEvidence(DateEvidenceKind.CanonicalAddress));
        var clock = fetched is { } f ? new FetchClock(f, zone) : null;
        // Dates after the fetch (or, for a page of unknown age, after today) are schedules and typos.
        var latest = (fetched ?? DateTimeOffset.UtcNow).AddDays(1);
        StatedDate? shown = ShownAtHeadline(index, meta, allBlocks, selected.Count > 0 ? selected[0].Index : -1, monthFirst, clock, zone);

        if (meta.Published is { } stated)
        {
            // A revision shown as the page's only date at the headline ("Updated Mar 12, 2020") is what its
            // readers see as its date; when the metadata backs it, it counts like any shown date.
            if (shown is { } s)
            {
                // The page shows the day its metadata states: nothing else can outweigh the two together.
                if (s.Value.Date == stated.Value.Date)
                {
                    // The shown date's own element may carry the time the metadata leaves out.
                    if (DatePrecision.IsDayOnly(stated.Value) && !DatePrecision.IsDayOnly(s.Value)) return (s, modified);
                    return (s.From == ShownMarkup ? OnPublisherCalendar(stated, meta, pageUrl) : stated, modified);
                }
                if (Backs(meta, fromUrl, stated, s)) return (s, modified);
            }
            // A full date in the address is what the site filed the article under; a structured date a day
            // off is a time-zone conversion of the same moment.
            if (fromUrl is { } u && Math.Abs((stated.Value.Date - u.Value.Date).TotalDays) <= 1)
            {
                var p = stated.Value;
                return (new StatedDate(new DateTimeOffset(u.Value.Year, u.Value.Month, u.Value.Day, p.Hour, p.Minute, 0, p.Offset), u.From), modified);
            }
            return (OnPublisherCalendar(stated, meta, pageUrl), modified);
        }
        // Marked-up publication times without a machine-readable value ("<span itemprop=datePublished>9. Mai</span>").
        foreach (var el in index.MarkedDates)
        {
            if (FromElement(el, monthFirst) is { } d) return (new StatedDate(d, new DateEvidence(DateEvidenceKind.Marked, el.LocalName)), modified);
        }
        // The address's date is filed by the content system; a shown date is found by looking, and may be a
        // date the story mentions.
        if (fromUrl is not null) return (fromUrl, modified);
        if (shown is { } plain && plain.From != ShownRevision) return (plain, modified);
        // A machine-readable <time> in the article is the publisher's own markup; a generic meta date is often
        // when the record was created.
        if (meta.WeakPublished is not null && TimeAtArticle(index, root.Element) is { } time) return (time, modified);
        if (meta.WeakPublished is { } weak) return (OnPublisherCalendar(weak, meta, pageUrl), modified);
        if (meta.OtherPublished is { } other) return (other, modified);
        if (shown is not null) return (shown, modified);

        // <time> and date-classed elements: first those inside or just before the article.
        var rootEl = root.Element;
        StatedDate? outside = null;
        int scanned = 0;
        foreach (var el in index.DateLike)
        {
            if (++scanned > 400) break;
            if (el.LocalName is "body" or "html" or "main" || el.ChildElementCount > 12 || IsAccountDate(el)) continue;
            var d = FromElement(el, monthFirst);
            if (d is null) continue;
            if (rootEl.Contains(el) || IsNear(el, rootEl)) return (new StatedDate(d.Value, new DateEvidence(DateEvidenceKind.DateElement, "article")), modified);
            if (outside is null && !InTeaserOrAside(el)) outside = new StatedDate(d.Value, new DateEvidence(DateEvidenceKind.DateElement));
        }

        // The article's own text: a date line ("Erstellt am: 30.01.2022", a dateline) before a date in its prose,
        // where it is as likely to be a date the story is about.
        if (FirstDateLine(selected, monthFirst, maxLength: 80, maxBlocks: 40) is { } line) return (new StatedDate(line, new DateEvidence(DateEvidenceKind.DateLine, "article")), modified);
        if (FirstDateLine(selected, monthFirst, maxLength: 400, maxBlocks: 40) is { } prose) return (new StatedDate(prose, new DateEvidence(DateEvidenceKind.DateLine, "prose")), modified);
        if (outside is not null) return (outside, modified);
        if (ScriptDataDate(html) is { } script) return (script, modified);
        if (modified is { } m) return (new StatedDate(m, new DateEvidence(DateEvidenceKind.Revision, "metadata")), modified);

        // Last: the first short line of the page that carries a date, outside navigation, teasers and comments.
        if (PageLine(allBlocks, monthFirst, strict: true, latest) is { } pageLine) return (new StatedDate(pageLine, new DateEvidence(DateEvidenceKind.PageLine)), modified);
        if (PageLine(allBlocks, monthFirst, strict: false, latest) is { } anyLine) return (new StatedDate(anyLine, new DateEvidence(DateEvidenceKind.PageLine)), modified);
        return (MarkupDate(html, latest), null);
    }

    /// <summary>
    /// The last resort for pages whose text shows no date (script-rendered pages, bare shells): the date the
    /// markup repeats most (in script data, image paths, comments), the latest on a tie. Such a date says when
    /// the page's content was made, which is better than nothing and marked as what it is.
    /// </summary>
    private static StatedDate? MarkupDate(string html, DateTimeOffset latestPlausible)
    {
        var counts = new Dictionary<DateOnly, int>();
        var latest = DateOnly.FromDateTime(latestPlausible.UtcDateTime);
        int seen = 0;
        for (var m = MarkupDatePattern().Match(html); m.Success && seen < 2000; m = m.NextMatch(), seen++)
        {
            int y = int.Parse(m.Groups["y"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            int mo = int.Parse(m.Groups["m"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            int d = int.Parse(m.Groups["d"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            if (y < 1995 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) continue;
            var day = new DateOnly(y, mo, d);
            if (day > latest) continue;
            counts[day] = counts.GetValueOrDefault(day) + 1;
        }
        if (counts.Count == 0) return null;
        var best = counts.MaxBy(kv => (kv.Value, kv.Key)).Key;
        return new StatedDate(new DateTimeOffset(best.Year, best.Month, best.Day, 0, 0, 0, DateText.BakuOffset), new DateEvidence(DateEvidenceKind.MarkupFrequency));
    }

    /// <summary>
    /// Whether the page's metadata backs a shown date over the stated publication: the two are a time-zone
    /// difference apart, or the shown date is another date the metadata or the address states.
    /// </summary>
    private static bool Backs(PageMetadata meta, StatedDate? fromUrl, StatedDate stated, StatedDate shown)
    {
        if (Math.Abs((stated.Value.Date - shown.Value.Date).TotalDays) <= 1) return true;
        if (fromUrl is { } u && u.Value.Date == shown.Value.Date) return true;
        foreach (var d in meta.StatedDates)
            if (d.Date == shown.Value.Date) return true;
        return false;
    }

    private static DateTimeOffset? FirstDateLine(List<PageBlock> blocks, bool monthFirst, int maxLength, int maxBlocks)
    {
        int checkedBlocks = 0;
        foreach (var b in blocks)
        {
            if (++checkedBlocks > maxBlocks) break;
            if (b.Text.Length > maxLength) continue;
            if (DateText.TryFind(b.Text, monthFirst, null, out var d)) return d;
        }
        return null;
    }

    private static DateTimeOffset? PageLine(List<PageBlock> blocks, bool monthFirst, bool strict, DateTimeOffset latest)
    {
        int lines = 0;
        foreach (var b in blocks)
        {
            if (++lines > 1500) break;
            if (b.Text.Length > 160) continue;
            if (strict && (b.Owner.InBoilerplate || b.Kind == BlockKind.ListItem || InTeaserOrAside(b.Owner.Element))) continue;
            if (IsAccountDate(b.Owner.Element)) continue;
            if (DateText.TryFind(b.Text, monthFirst, null, out var d) && d <= latest) return d;
        }
        return null;
    }

    /// <summary>
    /// A publication key in the page's inline script data ("datePublished", "published_at", "publishDate"…):
    /// pages that render in the browser keep their article record there and nowhere else.
    /// </summary>
    private static StatedDate? ScriptDataDate(string html)
    {
        var m = ScriptPublicationKey().Match(html);
        for (int tries = 0; m.Success && tries < 20; tries++, m = m.NextMatch())
        {
            if (DateText.TryParseMachine(m.Groups["v"].Value, out var d)) return new StatedDate(d, new DateEvidence(DateEvidenceKind.ScriptData, m.Groups["k"].Value));
        }
        return null;
    }

    /// <summary>
    /// A UTC timestamp on the publisher's calendar: "2020-12-05T23:15Z" from an Italian paper is the 6th there.
    /// Timestamps with their own offset, and times without one, are already on it.
    /// </summary>
    private static StatedDate OnPublisherCalendar(StatedDate date, PageMetadata meta, Uri? pageUrl)
    {
        if (date.Value.Offset != TimeSpan.Zero || PublisherZone.Guess(pageUrl ?? Absolute(meta.Canonical), meta.LanguageTags) is not { } zone) return date;
        return date with { Value = TimeZoneInfo.ConvertTime(date.Value, zone) };
    }

    private static Uri? Absolute(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null;

    private static StatedDate? UrlDate(string? url, DateEvidence from)
    {
        if (url is null) return null;
        var m = UrlDatePattern().Match(url);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups["y"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups["m"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups["d"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        if (y is < 1995 or > 2100 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return null;
        return new StatedDate(new DateTimeOffset(y, mo, d, 0, 0, 0, DateText.BakuOffset), from);
    }

    /// <summary>
    /// The date of an element found by its markup (marked datePublished, named "date"), away from the headline:
    /// its machine value first, which says what the markup means, then its text. (At the headline the text comes
    /// first, see <see cref="ElementDate"/>: there the reader's day is what is sought.)
    /// </summary>
    private static DateTimeOffset? FromElement(IElement el, bool monthFirst)
    {
        foreach (string attr in (string[])["datetime", "content", "data-datetime", "data-date", "title"])
        {
            if (el.GetAttribute(attr) is { Length: >= 8 and < 80 } v && DateText.TryParseMachine(v, out var d)) return d;
        }
        if (ElementText.Bounded(el, 300) is not { Length: >= 6 } text) return null;
        return DateText.TryFind(text, monthFirst, null, out var t) ? t : null;
    }

    /// <summary>The first &lt;time datetime&gt; in or just before the article, outside teasers, asides and comments.</summary>
    private static StatedDate? TimeAtArticle(PageIndex index, IElement root)
    {
        int scanned = 0;
        foreach (var el in index.DateLike)
        {
            if (++scanned > 400) break;
            if (el.LocalName != "time" || (!root.Contains(el) && !IsNear(el, root)) || InTeaserOrAside(el) || InComment(el)) continue;
            if (el.GetAttribute("datetime") is { Length: >= 8 and < 80 } v && DateText.TryParseMachine(v, out var d)) return new StatedDate(d, new DateEvidence(DateEvidenceKind.DateElement, "time"));
        }
        return null;
    }

    /// <summary>Whether an element sits in a reader comment (a class or id naming comments).</summary>
    private static bool InComment(IElement el)
    {
        for (var e = el; e is not null; e = e.ParentElement)
        {
            if ((e.GetAttribute("class") is { } c && c.Contains("comment", StringComparison.OrdinalIgnoreCase))
                || (e.Id is { } id && id.Contains("comment", StringComparison.OrdinalIgnoreCase))) return true;
        }
        return false;
    }

    private static bool IsNear(IElement el, IElement root)
    {
        // An element in the article's header: same parent chain within three levels of the article root.
        var parent = root.ParentElement;
        for (int i = 0; i < 3 && parent is not null; i++, parent = parent.ParentElement)
            if (parent.Contains(el)) return true;
        return false;
    }

    /// <summary>Whether an element sits in a teaser list, an aside, navigation or a page footer.</summary>
    private static bool InTeaserOrAside(IElement el)
    {
        for (var e = el; e is not null; e = e.ParentElement)
            if (e.LocalName is "li" or "aside" or "nav" or "footer") return true;
        return false;
    }

    /// <summary>
    /// Whether an element gives a member's account date ("Registriert: 18.09.2008", "Joined March 2007") in a
    /// forum post or profile card: the date someone signed up, never the text's.
    /// </summary>
    private static bool IsAccountDate(IElement el)
    {
        if (ElementText.Bounded(el, 200) is not { } text) return false;
        if (DateText.MentionsAccount(text)) return true;
        string? cls = el.GetAttribute("class");
        return cls is not null && (cls.Contains("joined", StringComparison.OrdinalIgnoreCase) || cls.Contains("join-date", StringComparison.OrdinalIgnoreCase)
            || cls.Contains("joinDate", StringComparison.OrdinalIgnoreCase) || cls.Contains("regdate", StringComparison.OrdinalIgnoreCase));
    }

    // Digits are [0-9]: \d also matches other scripts' digits, which int.Parse refuses.
    [GeneratedRegex(@"[/_-](?<y>(19|20)[0-9][0-9])[/_.-]?(?<m>[01][0-9])[/_.-]?(?<d>[0-3][0-9])(?:[/_.-]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDatePattern();

    /// <summary>Full dates with separators: 2020-04-24, 2020/04/17, 2020.04.17 (not bare digit runs, which are versions and ids).</summary>
    [GeneratedRegex(@"(?<![0-9.])(?<y>(?:19|20)[0-9][0-9])(?<sep>[-/.])(?<m>[01][0-9])\k<sep>(?<d>[0-3][0-9])(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupDatePattern();

    [GeneratedRegex(@"\\?[""'](?<k>date_?published|published_?(?:at|date|time|on)|publish_?(?:date|time|ed_?at)|publication_?(?:date|time)|first_?pub(?:lished)?_?(?:date|at)?|pub_?date)\\?[""']\s*:\s*\\?[""'](?<v>[^""'<>\\]{8,40})\\?[""']", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptPublicationKey();
}
