using AngleSharp.Dom;
using Icmal.Html;

namespace Icmal.Extraction.Html;

/// <summary>
/// The elements metadata and date finding look at, gathered in one walk over the document instead of one
/// selector query each: meta tags, JSON-LD scripts, the canonical link, the first h1, bylines and date-bearing
/// elements, all in document order.
/// </summary>
internal sealed class PageIndex
{
    public List<IElement> Metas { get; } = [];
    /// <summary>JSON-LD texts (filled by the caller: script bodies are not kept by the parser).</summary>
    public List<string> JsonLd { get; } = [];
    public IElement? Canonical { get; private set; }
    public IElement? H1 { get; private set; }
    public List<IElement> Bylines { get; } = [];
    /// <summary>Elements marked as the publication time: itemprop=datePublished/dateCreated, time[pubdate].</summary>
    public List<IElement> MarkedDates { get; } = [];
    /// <summary>&lt;time&gt; and elements whose class or id speaks of dates, times, publishing or meta lines.</summary>
    public List<IElement> DateLike { get; } = [];

    public static PageIndex Build(IDocument document)
    {
        var index = new PageIndex();
        var root = document.DocumentElement;
        if (root is null) return index;
        index.Visit(root);
        foreach (var node in TreeWalk.Descendants(root))
            if (node is IElement el) index.Visit(el);
        return index;
    }

    private void Visit(IElement el)
    {
        switch (el.LocalName)
        {
            case "meta":
                Metas.Add(el);
                return;
            case "script":
                return;
            case "link":
                if (Canonical is null && el.GetAttribute("rel") is { } rel && rel.Contains("canonical", StringComparison.OrdinalIgnoreCase)) Canonical = el;
                return;
            case "h1":
                H1 ??= el;
                break;
            case "time":
                if (el.HasAttribute("pubdate")) MarkedDates.Add(el);
                if (DateLike.Count < 400) DateLike.Add(el);
                return;
        }
        string? itemprop = el.GetAttribute("itemprop");
        if (itemprop is not null)
        {
            if (itemprop.Contains("datePublished", StringComparison.OrdinalIgnoreCase) || itemprop.Contains("dateCreated", StringComparison.OrdinalIgnoreCase)) MarkedDates.Add(el);
            else if (itemprop.Contains("author", StringComparison.OrdinalIgnoreCase) && Bylines.Count < 20) Bylines.Add(el);
        }
        if (el.GetAttribute("rel") is { } r && r.Contains("author", StringComparison.OrdinalIgnoreCase) && Bylines.Count < 20) Bylines.Add(el);
        string? cls = el.GetAttribute("class");
        string? id = el.Id;
        if (cls is null && id is null) return;
        if (DateLike.Count < 400 && (DateName(cls) || DateName(id))) DateLike.Add(el);
        if (Bylines.Count < 20 && cls is not null && (cls.Contains("author", StringComparison.OrdinalIgnoreCase) || cls.Contains("byline", StringComparison.OrdinalIgnoreCase)))
            Bylines.Add(el);
    }

    /// <summary>Whether an element is one <see cref="DateLike"/> would hold: a &lt;time&gt; or a date-named element.</summary>
    public static bool IsDateLike(IElement el) =>
        el.LocalName == "time" || DateName(el.GetAttribute("class")) || DateName(el.Id);

    private static bool DateName(string? s) =>
        s is { Length: > 0 } && (s.Contains("date", StringComparison.OrdinalIgnoreCase) || s.Contains("time", StringComparison.OrdinalIgnoreCase)
            || s.Contains("publish", StringComparison.OrdinalIgnoreCase) || s.Contains("posted", StringComparison.OrdinalIgnoreCase)
            || s.Contains("meta", StringComparison.OrdinalIgnoreCase) || s.Contains("byline", StringComparison.OrdinalIgnoreCase)
            || s.Contains("info", StringComparison.OrdinalIgnoreCase) || s.Contains("datum", StringComparison.OrdinalIgnoreCase)
            || s.Contains("data", StringComparison.Ordinal) || s.Contains("tarix", StringComparison.OrdinalIgnoreCase));
}
