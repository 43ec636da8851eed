using System.Xml;

namespace Icmal.Collection.Feeds;

/// <summary>XML sitemaps, Google News sitemaps and sitemap indexes.</summary>
internal static class SitemapReader
{
    internal static DiscoveredLinks ReadSitemap(XmlReader r, Uri baseUrl, bool index)
    {
        var entries = new List<DiscoveredEntry>();
        string element = index ? "sitemap" : "url";
        r.Read();
        while (!r.EOF && entries.Count < FeedParser.MaxEntries)
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != element || r.Depth != 1)
            {
                r.Read();
                continue;
            }
            string? loc = null, title = null;
            DateTimeOffset? lastmod = null, newsDate = null;
            using (var item = r.ReadSubtree())
            {
                item.Read();
                item.Read();
                while (!item.EOF)
                {
                    if (item.NodeType != XmlNodeType.Element)
                    {
                        item.Read();
                        continue;
                    }
                    switch (item.LocalName)
                    {
                        case "loc" when item.Depth == 1:
                            loc = FeedXml.ReadText(item).Trim();
                            break;
                        case "lastmod" when item.Depth == 1:
                            lastmod = FeedXml.ParseDate(FeedXml.ReadText(item));
                            break;
                        case "publication_date":
                            newsDate = FeedXml.ParseDate(FeedXml.ReadText(item));
                            break;
                        case "title" when item.Depth >= 2:
                            title = FeedXml.Clean(FeedXml.ReadText(item));
                            break;
                        default:
                            item.Read();
                            break;
                    }
                }
            }
            r.Read();
            FeedXml.Add(entries, loc, baseUrl, title, newsDate ?? lastmod);
        }
        return index
            ? new DiscoveredLinks(DiscoveryKind.SitemapIndex, [], entries)
            : new DiscoveredLinks(DiscoveryKind.Sitemap, entries, []);
    }
}
