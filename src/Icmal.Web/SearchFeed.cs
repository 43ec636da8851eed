using System.Globalization;
using System.Text;
using System.Xml;
using Icmal.Search;
using Icmal.Web.Pages;

namespace Icmal.Web;

/// <summary>
/// A search as an Atom 1.0 feed (RFC 4287), so a feed reader can follow it: one entry per article found, its
/// summary the snippet as plain text. Written with <see cref="XmlWriter"/>, which escapes every text and attribute;
/// characters XML cannot carry at all (control characters a page may hold) are dropped first.
/// </summary>
public static class SearchFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    /// <param name="Self">The feed's own address, also its id: the same search is the same feed.</param>
    /// <param name="Alternate">The same search on the portal.</param>
    public sealed record Feed(string Title, string Author, Uri Self, Uri Alternate, IReadOnlyList<Entry> Entries);

    /// <param name="Id">The article's page on the portal, which is also the entry's link.</param>
    /// <param name="Original">The article at its publisher, when its address is a safe http(s) one.</param>
    public sealed record Entry(Uri Id, string Title, DateTimeOffset Updated, DateTimeOffset? Published, string Summary, string? Site, Uri? Original)
    {
        /// <param name="updated">When the article was published, or archived when it carries no date.</param>
        public static Entry Of(SearchHit hit, Uri site, DateTimeOffset updated)
        {
            ArgumentNullException.ThrowIfNull(hit);
            string original = Links.Safe(hit.Url);
            return new(new Uri(site, Links.Article(hit.Id)), hit.Title, updated, hit.Published, hit.Snippet.Text, hit.Site,
                original.StartsWith("http", StringComparison.Ordinal) ? new Uri(original) : null);
        }
    }

    /// <summary>The feed as UTF-8 bytes, entries newest first; the feed's updated is its newest entry's (or now, when empty).</summary>
    public static byte[] Write(Feed feed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var entries = feed.Entries.OrderByDescending(e => e.Updated).ToList();
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            Text(xml, "title", feed.Title);
            Text(xml, "id", feed.Self.AbsoluteUri);
            Text(xml, "updated", Time(entries.Count > 0 ? entries[0].Updated : now));
            Link(xml, "self", feed.Self, "application/atom+xml");
            Link(xml, "alternate", feed.Alternate, null);
            xml.WriteStartElement("author");
            Text(xml, "name", feed.Author);
            xml.WriteEndElement();
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry");
                Text(xml, "id", entry.Id.AbsoluteUri);
                Text(xml, "title", entry.Title);
                Link(xml, "alternate", entry.Id, null);
                if (entry.Original is { } original) Link(xml, "related", original, null);
                Text(xml, "updated", Time(entry.Updated));
                if (entry.Published is { } published) Text(xml, "published", Time(published));
                if (entry.Site is { Length: > 0 } site)
                {
                    xml.WriteStartElement("source");
                    Text(xml, "title", site);
                    xml.WriteEndElement();
                }
                if (entry.Summary.Length > 0) Text(xml, "summary", entry.Summary);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void Text(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name);
        xml.WriteString(XmlSafe(value));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, Uri href, string? type)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        if (type is not null) xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }

    /// <summary>RFC 3339 in UTC, as Atom's date constructs want.</summary>
    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The text without what XML 1.0 cannot hold (most control characters, unpaired surrogates).</summary>
    public static string XmlSafe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int i = 0;
        while (i < value.Length && IsXmlAt(value, i, out int width)) i += width;
        if (i == value.Length) return value;
        var kept = new List<char>(value.Length);
        for (i = 0; i < value.Length;)
        {
            if (IsXmlAt(value, i, out int width)) kept.AddRange(value.AsSpan(i, width));
            i += Math.Max(width, 1);
        }
        return new string([.. kept]);
    }

    private static bool IsXmlAt(string value, int i, out int width)
    {
        char c = value[i];
        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
        {
            width = 2;
            return true;
        }
        width = 1;
        return XmlConvert.IsXmlChar(c);
    }
}
