using System.Xml;

namespace Icmal.Collection.Feeds;

/// <summary>Atom: entries, their alternate links and dates, with xml:base.</summary>
internal static class AtomReader
{
    internal static DiscoveredLinks ReadAtom(XmlReader r, Uri baseUrl)
    {
        var entries = new List<DiscoveredEntry>();
        string? feedTitle = null;
        Uri feedBase = FeedXml.BaseOf(r, baseUrl);
        r.Read();
        while (!r.EOF && entries.Count < FeedParser.MaxEntries)
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                r.Read();
                continue;
            }
            if (r.LocalName == "title" && r.Depth == 1)
            {
                feedTitle = FeedXml.Clean(FeedXml.ReadText(r));
                continue;
            }
            if (r.LocalName != "entry")
            {
                if (r.Depth >= 1) r.Skip();
                else r.Read();
                continue;
            }
            Uri entryBase = FeedXml.BaseOf(r, feedBase);
            string? alternate = null, anyLink = null, title = null, id = null, category = null;
            DateTimeOffset? published = null, updated = null;
            using (var entry = r.ReadSubtree())
            {
                entry.Read();
                entry.Read();
                while (!entry.EOF)
                {
                    if (entry.NodeType != XmlNodeType.Element || entry.Depth != 1)
                    {
                        entry.Read();
                        continue;
                    }
                    switch (entry.LocalName)
                    {
                        case "link":
                            string? rel = entry.GetAttribute("rel");
                            string? href = entry.GetAttribute("href")?.Trim();
                            if (!string.IsNullOrEmpty(href))
                            {
                                if (rel is null or "alternate") alternate ??= href;
                                anyLink ??= href;
                            }
                            entry.Skip();
                            break;
                        case "title":
                            string entryTitle = FeedXml.ReadText(entry); // read even when a title is kept: see ReadRssItem
                            title ??= FeedXml.Clean(entryTitle);
                            break;
                        case "id":
                            id = FeedXml.ReadText(entry).Trim();
                            break;
                        case "published":
                            published = FeedXml.ParseDate(FeedXml.ReadText(entry));
                            break;
                        case "updated":
                            updated = FeedXml.ParseDate(FeedXml.ReadText(entry));
                            break;
                        case "category":
                            // The first <category>: its label (what a reader is shown) or else its term, the source's own section.
                            string? label = entry.GetAttribute("label"), term = entry.GetAttribute("term");
                            category ??= FeedXml.Clean(string.IsNullOrWhiteSpace(label) ? term ?? "" : label);
                            entry.Skip();
                            break;
                        default:
                            entry.Skip();
                            break;
                    }
                }
            }
            r.Read();
            FeedXml.Add(entries, alternate ?? (FeedXml.LooksLikeUrl(id) ? id : anyLink), entryBase, title, published ?? updated, category);
        }
        return new DiscoveredLinks(DiscoveryKind.Atom, entries, [], feedTitle);
    }
}
