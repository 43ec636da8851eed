using System.Text;
using System.Xml;

namespace Icmal.Collection;

/// <summary>What an endpoint of a source is read as.</summary>
public enum EndpointKind
{
    /// <summary>RSS, Atom or JSON Feed.</summary>
    Feed,
    /// <summary>An XML sitemap, news sitemap or sitemap index.</summary>
    Sitemap,
    /// <summary>An HTML page listing articles (home or category page) for sites with no feed.</summary>
    Listing,
}

/// <summary>A site İcmal follows: its name, home page, language and whether it is polled.</summary>
public sealed record Source
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required string HomeUrl { get; init; }
    public string Language { get; init; } = "az";
    public bool Enabled { get; init; } = true;
    /// <summary>Lets fetches for this source reach private and loopback addresses (an intranet or a test server).</summary>
    public bool AllowPrivate { get; init; }
    public DateTimeOffset Added { get; init; }
    public DateTimeOffset? NextPoll { get; init; }
    public int PollIntervalSeconds { get; init; } = (int)Scheduler.DefaultInterval.TotalSeconds;
    public DateTimeOffset? LastPolled { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int ConsecutiveFailures { get; init; }
}

/// <summary>One feed, sitemap or listing page of a source, with what the last fetch of it said.</summary>
public sealed record SourceEndpoint
{
    public long Id { get; init; }
    public long SourceId { get; init; }
    public required EndpointKind Kind { get; init; }
    public required string Url { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastFetched { get; init; }
    public DateTimeOffset? LastFullFetch { get; init; }
    public string? LastError { get; init; }
}

/// <summary>A source with its endpoints, as the sources list and OPML hold it.</summary>
public sealed record SourceDefinition(string Name, string HomeUrl, string Language, IReadOnlyList<(EndpointKind Kind, string Url)> Endpoints);

/// <summary>
/// Azerbaijani portals İcmal knows out of the box, with their feeds as published. They are added disabled: the
/// user enables those to follow (`icmal sources enable NAME`). Feed addresses change; a source whose feed fails is
/// reported on /admin/sources and can be re-discovered with `icmal sources add HOME-URL`.
/// </summary>
public static class DefaultSources
{
    public static IReadOnlyList<SourceDefinition> All { get; } =
    [
        Def("APA", "https://apa.az/", "az", (EndpointKind.Feed, "https://apa.az/rss"), (EndpointKind.Sitemap, "https://apa.az/sitemap.xml")),
        Def("Report.az", "https://report.az/", "az", (EndpointKind.Feed, "https://report.az/rss/")),
        Def("AZƏRTAC", "https://azertag.az/", "az", (EndpointKind.Feed, "https://azertag.az/rss")),
        Def("Trend", "https://az.trend.az/", "az", (EndpointKind.Feed, "https://az.trend.az/feeds/index.rss")),
        Def("Oxu.az", "https://oxu.az/", "az", (EndpointKind.Feed, "https://oxu.az/rss")),
        Def("Qafqazinfo", "https://qafqazinfo.az/", "az", (EndpointKind.Feed, "https://qafqazinfo.az/news/rss")),
        Def("Sherg.az", "https://sherg.az/", "az", (EndpointKind.Feed, "https://sherg.az/rss")),
        Def("Yeni Azərbaycan", "https://www.yeniazerbaycan.com/", "az", (EndpointKind.Listing, "https://www.yeniazerbaycan.com/")),
        Def("Icma.az", "https://icma.az/", "az", (EndpointKind.Feed, "https://icma.az/rss")),
        Def("Modern.az", "https://modern.az/", "az", (EndpointKind.Feed, "https://modern.az/rss")),
        Def("Musavat", "https://musavat.com/", "az", (EndpointKind.Feed, "https://musavat.com/rss")),
        Def("Azadlıq Radiosu", "https://www.azadliq.org/", "az", (EndpointKind.Feed, "https://www.azadliq.org/api/zrqiteuuir")),
        Def("Milli.az", "https://news.milli.az/", "az", (EndpointKind.Feed, "https://news.milli.az/rss.php")),
        Def("Axar.az", "https://axar.az/", "az", (EndpointKind.Feed, "https://axar.az/rss.php")),
        Def("Publika.az", "https://publika.az/", "az", (EndpointKind.Feed, "https://publika.az/rss")),
        Def("Day.az", "https://news.day.az/", "ru", (EndpointKind.Feed, "https://news.day.az/rss/all.rss")),
        Def("1news.az", "https://1news.az/az/", "az", (EndpointKind.Feed, "https://1news.az/az/rss.xml")),
        Def("Xalq qəzeti", "https://xalqqazeti.az/", "az", (EndpointKind.Listing, "https://xalqqazeti.az/az/")),
        Def("Azərbaycan qəzeti", "https://azerbaijan-news.az/", "az", (EndpointKind.Listing, "https://azerbaijan-news.az/")),
        Def("Yap.org.az", "https://yap.org.az/", "az", (EndpointKind.Listing, "https://yap.org.az/az/")),
        Def("Bizim.Media", "https://bizim.media/", "az", (EndpointKind.Feed, "https://bizim.media/rss")),
        Def("Bakupost", "https://bakupost.az/", "az", (EndpointKind.Feed, "https://bakupost.az/rss")),
        Def("Virtualaz", "https://virtualaz.org/", "az", (EndpointKind.Feed, "https://virtualaz.org/feed")),
        Def("Teleqraf.az", "https://teleqraf.az/", "az", (EndpointKind.Feed, "https://teleqraf.az/rss")),
    ];

    private static SourceDefinition Def(string name, string home, string language, params (EndpointKind, string)[] endpoints) =>
        new(name, home, language, endpoints);
}

/// <summary>OPML 2.0, the format feed readers exchange subscription lists in.</summary>
public static class Opml
{
    /// <summary>Reads the feeds of an OPML file (outlines with xmlUrl, nested in categories or not).</summary>
    public static (IReadOnlyList<SourceDefinition> Sources, IReadOnlyList<string> Problems) Read(Stream opml)
    {
        ArgumentNullException.ThrowIfNull(opml);
        var sources = new List<SourceDefinition>();
        var problems = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 1024, MaxCharactersInDocument = 16 * 1024 * 1024 };
        try
        {
            using var reader = XmlReader.Create(opml, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "outline") continue;
                string? xmlUrl = reader.GetAttribute("xmlUrl");
                if (string.IsNullOrWhiteSpace(xmlUrl)) continue;
                if (!Uri.TryCreate(xmlUrl.Trim(), UriKind.Absolute, out var feed) || feed.Scheme is not ("http" or "https"))
                {
                    problems.Add($"outline \"{reader.GetAttribute("text")}\": xmlUrl {xmlUrl} is not an http(s) address");
                    continue;
                }
                string? html = reader.GetAttribute("htmlUrl");
                string home = Uri.TryCreate(html?.Trim(), UriKind.Absolute, out var h) && h.Scheme is "http" or "https"
                    ? h.AbsoluteUri : new Uri(feed, "/").AbsoluteUri;
                string name = reader.GetAttribute("title") ?? reader.GetAttribute("text") ?? feed.Host;
                string language = reader.GetAttribute("language") ?? "az";
                string kindText = reader.GetAttribute("type") ?? "rss";
                var kind = kindText.Equals("sitemap", StringComparison.OrdinalIgnoreCase) ? EndpointKind.Sitemap
                    : kindText.Equals("listing", StringComparison.OrdinalIgnoreCase) ? EndpointKind.Listing : EndpointKind.Feed;
                sources.Add(new SourceDefinition(name.Trim(), home, language, [(kind, feed.AbsoluteUri)]));
            }
        }
        catch (XmlException e)
        {
            problems.Add($"not valid OPML: {e.Message}");
        }
        // Several feeds of one site become one source with several endpoints.
        var merged = sources.GroupBy(s => s.HomeUrl, StringComparer.Ordinal)
            .Select(g => g.First() with { Endpoints = g.SelectMany(s => s.Endpoints).Distinct().ToList() })
            .ToList();
        return (merged, problems);
    }

    public static string Write(IEnumerable<(Source Source, IReadOnlyList<SourceEndpoint> Endpoints)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("opml");
            w.WriteAttributeString("version", "2.0");
            w.WriteStartElement("head");
            w.WriteElementString("title", "İcmal sources");
            w.WriteEndElement();
            w.WriteStartElement("body");
            foreach (var (source, endpoints) in sources)
            {
                foreach (var e in endpoints)
                {
                    w.WriteStartElement("outline");
                    w.WriteAttributeString("text", source.Name);
                    w.WriteAttributeString("title", source.Name);
                    w.WriteAttributeString("type", e.Kind switch { EndpointKind.Sitemap => "sitemap", EndpointKind.Listing => "listing", _ => "rss" });
                    w.WriteAttributeString("xmlUrl", e.Url);
                    w.WriteAttributeString("htmlUrl", source.HomeUrl);
                    w.WriteAttributeString("language", source.Language);
                    w.WriteEndElement();
                }
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
