// Over 400 lines for now: one decision (candidates from markup, address and text, then the choice by precedence and agreement). Issue #14's typed date evidence is the place to split the candidate sources into their own files.
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Icmal.Model;
using Icmal.Text;

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
    /// <summary>A date the page shows as text at the headline: the publisher's own calendar day.</summary>
    private static readonly DateEvidence ShownText = new(DateEvidenceKind.Headline);

    /// <summary>A machine-readable time at the headline (&lt;time datetime&gt;): an instant, like the metadata's.</summary>
    private static readonly DateEvidence ShownMarkup = new(DateEvidenceKind.Headline, "time");

    /// <summary>A date shown at the headline as a revision ("Updated …", class "updated"): used only when nothing better is.</summary>
    private static readonly DateEvidence ShownRevision = new(DateEvidenceKind.Revision, "headline");

    /// <summary>A relative date shown at the headline ("Bu gün, 14:37"), resolved against the fetch time.</summary>
    private static readonly DateEvidence ShownRelative = new(DateEvidenceKind.Relative, "headline");

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

    /// <summary>
    /// The date shown to readers at the headline: in the few blocks around the headline, up to the next
    /// heading (teasers and related stories start with their own headlines), a date element's machine-readable
    /// value or a short date line. Teaser list items and links do not count.
    /// </summary>
    private static StatedDate? ShownAtHeadline(PageIndex index, PageMetadata meta, List<PageBlock> blocks, int articleStart, bool monthFirst, FetchClock? clock, TimeZoneInfo? zone)
    {
        int at = HeadlineBlock(index, meta, blocks, articleStart);
        if (at < 0) return null;
        var headline = blocks[at].Owner.Element;
        // A date labelled as a revision ("Article mis à jour le 7 janvier 2020") counts only when no other is shown.
        StatedDate? revised = null;
        int prose = 0, headings = 0;
        for (int i = at + 1; i < blocks.Count && i <= at + 8; i++)
        {
            var b = blocks[i];
            // Subheadlines sit between the headline and the body; a heading after the body has begun, or a
            // third one, starts something else.
            if (b.Kind == BlockKind.Heading && (prose > 0 || ++headings > 2)) break;
            if (b.Text.Length > 80 && b.Kind != BlockKind.Heading && ++prose >= 2) break;
            if (Plain(b) is { } d) return d;
        }
        for (int i = at - 1; i >= 0 && i >= at - 3; i--)
        {
            var b = blocks[i];
            // Date and byline lines are named "meta", "info", "date" and count as boilerplate; navigation does not
            // sit between a headline and its date line.
            if (b.Kind == BlockKind.Heading || InTeaserOrAside(b.Owner.Element)) break;
            if (Plain(b) is { } d) return d;
        }
        return revised;

        // The block's date when it is not a revision; a revision is kept aside in case no other date is shown.
        StatedDate? Plain(PageBlock b)
        {
            var d = ShownIn(b, headline, monthFirst, clock, zone);
            if (d is { } r && r.From == ShownRevision) revised ??= d;
            return d is { } p && p.From != ShownRevision ? d : null;
        }
    }

    /// <summary>
    /// The date a block near the headline shows: first a date element's value (a revision when it is named
    /// "updated" or marked dateModified), then a date standing apart in a short line ("Stand: 07.11.2023",
    /// "Loïc Le Clerc | 30 septembre 2018"), not one inside a sentence ("… vom 26.05.2015 über …").
    /// </summary>
    private static StatedDate? ShownIn(PageBlock b, IElement headline, bool monthFirst, FetchClock? clock, TimeZoneInfo? zone)
    {
        var owner = b.Owner.Element;
        if (IsAccountDate(owner)) return null;
        // A list item is a teaser unless it is a short line of an info list ("<li class=date>29.04.2020</li>").
        if (b.Kind == BlockKind.ListItem && (b.Text.Length > 60 || b.LinkDensity > 0.5)) return null;
        StatedDate? revised = null;
        // Text hidden from readers (a "rich-snippet-hidden" revision time) is not what the block shows.
        var concealed = new List<string>();
        if (!owner.Contains(headline))
        {
            var own = OwnElements(owner);
            own.RemoveAll(el =>
            {
                if (!IsConcealed(el)) return false;
                if (ElementText.Bounded(el, ShownMax) is { Length: > 0 } hidden) concealed.Add(hidden);
                return true;
            });
            var found = new List<(IElement El, StatedDate Date, bool Revision)>();
            foreach (var el in own)
            {
                if (!PageIndex.IsDateLike(el) || el.ChildElementCount > 6 || el.LocalName is "a") continue;
                if (ElementDate(el, Shown(el == owner ? b.Text : ElementText.Bounded(el, ShownMax) ?? "", concealed), monthFirst, clock, zone) is { } shown)
                    found.Add((el, shown.Date, shown.Revision));
            }
            foreach (var (el, elementDate, revision) in found)
            {
                // A box of date elements ("meta", "info") is read through the elements inside it, which say
                // which of its dates is the revision.
                bool box = false;
                foreach (var other in found)
                    if (other.El != el && el.Contains(other.El)) { box = true; break; }
                if (box) continue;
                if (!revision) return elementDate;
                revised ??= elementDate with { From = ShownRevision };
            }
        }
        // A date line may link to the day's archive; a linked line of some length is a teaser.
        if (b.Text.Length is < 6 or > 120 || (b.LinkDensity > 0.5 && b.Text.Length > 40)) return revised;
        string line = Whitespace.Fold(Shown(b.Text, concealed));
        if (!DateText.TryFind(line, monthFirst, null, out var date, out bool isRevision, out var span))
        {
            if (revised is null && Relative(line, clock) is { } relative && StandsApart(line, relative.Span))
                return new StatedDate(relative.Value, ShownRelative);
            return revised;
        }
        if (!StandsApart(line, span)) return revised;
        if (isRevision) return revised ?? new StatedDate(date, ShownRevision);
        return new StatedDate(date, ShownText);
    }

    /// <summary>A text without the parts hidden from readers.</summary>
    /// <summary>The longest text of an element beside the headline that is read for a date (its hidden parts cut out).</summary>
    private const int ShownMax = 4096;

    private static string Shown(string text, List<string> concealed)
    {
        foreach (string hidden in concealed) text = text.Replace(hidden, " ", StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// The date a date element shows: the date in its text, which is the reader's calendar day ("Publié le 29 juin
    /// 2019" on datetime 2019-07-03T10:18Z), else a &lt;time&gt;'s machine value, an instant. A text without a time
    /// takes the machine value's time when that falls on the shown day on the publisher's calendar
    /// (&lt;time datetime="2025-11-09T09:00+04:00"&gt;09.11.2025&lt;/time&gt; is 09:00 on the 9th).
    /// </summary>
    private static (StatedDate Date, bool Revision)? ElementDate(IElement el, string text, bool monthFirst, FetchClock? clock, TimeZoneInfo? zone)
    {
        bool revision = IsRevisionElement(el);
        StatedDate? machine = el.GetAttribute("datetime") is { Length: >= 8 and < 80 } v && DateText.TryParseMachine(v, out var d) ? new StatedDate(d, ShownMarkup) : null;
        if (text.Length is >= 6 and <= 120 && DateText.TryFind(text, monthFirst, null, out var t, out bool labelled))
        {
            if (machine is { } m && DatePrecision.IsDayOnly(t) && DatePrecision.OnSameDay(t, m.Value, zone) is { } timed) t = timed;
            return (new StatedDate(t, ShownText), revision || labelled);
        }
        if (machine is { } only) return (only, revision);
        // Folding costs an allocation per date element; without a fetch time there is nothing to read.
        if (clock is null) return null;
        return Relative(Whitespace.Fold(text), clock) is { } relative ? (new StatedDate(relative.Value, ShownRelative), revision) : null;
    }

    /// <summary>
    /// A relative date in a short line ("Bu gün, 14:37 | Siyasət"), when the fetch time is known. A longer line
    /// is prose that may mention today.
    /// </summary>
    private static (DateTimeOffset Value, Range Span)? Relative(string line, FetchClock? clock) =>
        clock is not null && line.Length is >= 5 and <= 80 && RelativeDate.TryRead(line, clock.Fetched, clock.PublisherZone, out var value, out var span)
            ? (value, span) : null;

    /// <summary>
    /// Whether a date stands apart in its line, as a date line's date does: at the start or the end, after a
    /// separator or a label ("|", "Stand:"), or after a short byline ("Von Moritz Wichmann 29.04.2020"). A date
    /// inside a sentence is a date the text talks about.
    /// </summary>
    private static bool StandsApart(string line, Range span)
    {
        var (start, length) = span.GetOffsetAndLength(line.Length);
        var before = line.AsSpan(0, start).TrimEnd();
        if (before.IsEmpty || "|·•/–—-:,([".Contains(before[^1], StringComparison.Ordinal)) return true;
        int words = 0;
        foreach (var _ in before.Split(' ')) words++;
        if (words <= 3) return true;
        var after = line.AsSpan(start + length).TrimStart();
        return after.IsEmpty || "|·•/–—-".Contains(after[0], StringComparison.Ordinal);
    }

    /// <summary>
    /// A block's own elements in document order: the block element and its inline descendants, not the
    /// elements of blocks nested in it (their text is theirs). At most 200, so a wrapper holding the whole page
    /// costs nothing.
    /// </summary>
    private static List<IElement> OwnElements(IElement block)
    {
        var own = new List<IElement> { block };
        var stack = new Stack<IElement>();
        PushChildren(stack, block);
        while (stack.Count > 0 && own.Count < 200)
        {
            var el = stack.Pop();
            if (PageBlocks.IsBlock(el)) continue;
            own.Add(el);
            PushChildren(stack, el);
        }
        return own;

        static void PushChildren(Stack<IElement> stack, IElement parent)
        {
            var nodes = parent.ChildNodes;
            for (int i = Math.Min(nodes.Length, 400) - 1; i >= 0; i--)
                if (nodes[i] is IElement child) stack.Push(child);
        }
    }

    /// <summary>Whether a date element names a revision: class "updated"/"modified", itemprop dateModified.</summary>
    private static bool IsRevisionElement(IElement el)
    {
        string? cls = el.GetAttribute("class");
        if (cls is not null && (cls.Contains("updated", StringComparison.OrdinalIgnoreCase) || cls.Contains("modified", StringComparison.OrdinalIgnoreCase)
            || cls.Contains("lastmod", StringComparison.OrdinalIgnoreCase))) return true;
        return el.GetAttribute("itemprop") is { } prop && prop.Contains("dateModified", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether an element is hidden from readers (markup kept for search engines): the hidden attribute, an
    /// inline display:none, or a class that hides ("hidden", "sr-only", "rich-snippet-hidden"; not
    /// "field--label-hidden", which hides a label beside a shown value).
    /// </summary>
    private static bool IsConcealed(IElement el)
    {
        var e = el;
        for (int level = 0; level < 2 && e is not null && e.LocalName is not "body"; level++, e = e.ParentElement)
        {
            if (PageBlocks.IsHidden(e)) return true;
            if (e.GetAttribute("class") is not { } cls) continue;
            foreach (string token in cls.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token is "hidden" or "hide" or "sr-only" or "visually-hidden" or "visuallyhidden" or "screen-reader-text" or "d-none" or "invisible"
                    || token.EndsWith("snippet-hidden", StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The block of the page's headline. In order: the h1 that reads as the title; next to the article's text
    /// (from 25 blocks before its first block into it), the nearest heading that reads as the title, then the
    /// nearest h1; anywhere, the first heading that reads as the title, the first h1 of some length, the first
    /// h1. Teaser lists repeat the title in their own headings, and one-word h1s ("Zoll", "Details") are logos,
    /// section labels and screen-reader headings.
    /// </summary>
    private static int HeadlineBlock(PageIndex index, PageMetadata meta, List<PageBlock> blocks, int articleStart)
    {
        int limit = Math.Min(blocks.Count, 3000);
        int titled = -1, longH1 = -1, firstH1 = -1, nearTitled = -1, nearH1 = -1;
        string? title = meta.Title is { Length: >= 12 } t ? t : null;
        for (int i = 0; i < limit; i++)
        {
            var b = blocks[i];
            if (b.Kind != BlockKind.Heading) continue;
            bool h1 = b.Owner.Tag == "h1" || (index.H1 is { } first && (b.Owner.Element == first || first.Contains(b.Owner.Element)));
            bool near = articleStart >= 0 && i >= articleStart - 25 && i <= articleStart + 3;
            if (title is not null && b.Text.Length >= 12)
            {
                string text = Whitespace.Fold(b.Text);
                if (title.Contains(text, StringComparison.Ordinal) || text.Contains(title, StringComparison.Ordinal))
                {
                    if (h1) return i;
                    if (titled < 0) titled = i;
                    if (near) nearTitled = i;
                }
            }
            if (h1 && firstH1 < 0) firstH1 = i;
            if (h1 && b.Text.Length >= 12)
            {
                if (longH1 < 0) longH1 = i;
                if (near) nearH1 = i;
            }
        }
        if (nearTitled >= 0) return nearTitled;
        if (nearH1 >= 0) return nearH1;
        return titled >= 0 ? titled : longH1 >= 0 ? longH1 : firstH1;
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
