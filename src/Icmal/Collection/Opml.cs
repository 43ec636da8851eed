using System.Text;
using System.Xml;
using Icmal.Model;

namespace Icmal.Collection;

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
                // An attribute present but blank (title="") counts as absent: a source is never stored without a name.
                string name = NonBlank(reader.GetAttribute("title")) ?? NonBlank(reader.GetAttribute("text")) ?? feed.Host;
                string language = NonBlank(reader.GetAttribute("language")) ?? "az";
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

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
