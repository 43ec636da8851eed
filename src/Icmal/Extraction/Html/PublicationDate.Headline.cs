using AngleSharp.Dom;
using Icmal.Model;
using Icmal.Text;
using Icmal.Extraction.Dates;

namespace Icmal.Extraction.Html;

/// <summary>
/// The date shown to readers at the headline: the candidate <see cref="PublicationDate"/> weighs most, and the one
/// that takes most reading (which block is the headline, which dates beside it are revisions, hidden or relative).
/// </summary>
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

    /// <summary>The longest text of an element beside the headline that is read for a date (its hidden parts cut out).</summary>
    private const int ShownMax = 4096;

    /// <summary>A text without the parts hidden from readers.</summary>
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
}
