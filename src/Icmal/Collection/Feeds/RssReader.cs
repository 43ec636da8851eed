using System.Xml;

namespace Icmal.Collection.Feeds;

/// <summary>RSS 0.9x/2.0 and RSS 1.0 (RDF): items, their links (or permalink guids) and dates.</summary>
internal static class RssReader
{
    internal static DiscoveredLinks ReadRss(XmlReader r, Uri baseUrl)
    {
        var entries = new List<DiscoveredEntry>();
        string? feedTitle = null;
        Uri itemBase = baseUrl;
        r.Read();
        while (!r.EOF && entries.Count < FeedParser.MaxEntries)
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                r.Read();
                continue;
            }
            if (r.LocalName == "item")
            {
                ReadRssItem(r, entries, itemBase);
                r.Read();
                continue;
            }
            if (r.LocalName == "title" && r.Depth <= 2 && feedTitle is null)
            {
                feedTitle = FeedXml.Clean(FeedXml.ReadText(r));
                continue;
            }
            if (r.LocalName == "link" && r.Depth <= 2 && r.NamespaceURI.Length == 0)
            {
                if (Uri.TryCreate(baseUrl, FeedXml.ReadText(r).Trim(), out var channelLink) && channelLink.IsAbsoluteUri) itemBase = channelLink;
                continue;
            }
            r.Read();
        }
        return new DiscoveredLinks(DiscoveryKind.Rss, entries, [], feedTitle);
    }

    internal static void ReadRssItem(XmlReader r, List<DiscoveredEntry> entries, Uri itemBase)
    {
        string? link = null, guid = null, title = null, about = r.GetAttribute("about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        bool guidIsLink = true;
        DateTimeOffset? published = null;
        string? category = null;
        using (var item = r.ReadSubtree())
        {
            item.Read();
            item.Read();
            while (!item.EOF)
            {
                if (item.NodeType != XmlNodeType.Element || item.Depth != 1)
                {
                    item.Read();
                    continue;
                }
                switch (item.LocalName)
                {
                    case "link" when item.NamespaceURI.Length == 0 || item.NamespaceURI.StartsWith("http://purl.org/rss", StringComparison.Ordinal):
                        string l = FeedXml.ReadText(item).Trim();
                        if (link is null or "") link = l;
                        break;
                    case "guid":
                        guidIsLink = !string.Equals(item.GetAttribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
                        guid = FeedXml.ReadText(item).Trim();
                        break;
                    case "title":
                        // Read first, keep the first: "title ??= FeedXml.Clean(FeedXml.ReadText(item))" skipped the read on a second
                        // <title>, so the reader never moved and the loop never ended.
                        string itemTitle = FeedXml.ReadText(item);
                        title ??= FeedXml.Clean(itemTitle);
                        break;
                    case "pubDate" or "date" or "published" or "issued":
                        string date = FeedXml.ReadText(item);
                        published ??= FeedXml.ParseDate(date);
                        break;
                    case "category" when item.NamespaceURI.Length == 0:
                        string itemCategory = FeedXml.ReadText(item);
                        category ??= FeedXml.Clean(itemCategory);
                        break;
                    case "origLink" or "feedburnerOrigLink":
                        link = FeedXml.ReadText(item).Trim();
                        break;
                    default:
                        item.Skip();
                        break;
                }
            }
        }
        string? chosen = !string.IsNullOrEmpty(link) ? link : guidIsLink && FeedXml.LooksLikeUrl(guid) ? guid : about;
        FeedXml.Add(entries, chosen, itemBase, title, published, category);
    }
}
