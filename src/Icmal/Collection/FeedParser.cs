// Over 400 lines for now: RSS, RDF, Atom, JSON Feed and sitemaps in one file. The mend is Miniflux's: one file per format under a reader folder, with the shared entry, repair and gzip code beside them (issue #14).
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Icmal.Decoding;

namespace Icmal.Collection;

/// <summary>What kind of document an endpoint turned out to be.</summary>
public enum DiscoveryKind
{
    Rss,
    Atom,
    JsonFeed,
    Sitemap,
    SitemapIndex,
    Listing,
    Unknown,
}

/// <summary>One article address found in a feed, sitemap or listing page.</summary>
public sealed record DiscoveredEntry(string Url, string? Title = null, DateTimeOffset? Published = null);

/// <summary>What a feed, sitemap or listing page lists: article addresses and, for sitemap indexes, child sitemaps.</summary>
public sealed record DiscoveredLinks(
    DiscoveryKind Kind,
    IReadOnlyList<DiscoveredEntry> Entries,
    IReadOnlyList<DiscoveredEntry> ChildSitemaps,
    string? Title = null,
    string? Warning = null)
{
    public static DiscoveredLinks Failed(string warning) => new(DiscoveryKind.Unknown, [], [], null, warning);
}

/// <summary>
/// Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom, JSON Feed, XML sitemaps, Google News sitemaps and sitemap indexes,
/// safely: no DTD processing, no external entities, capped sizes and counts. Real feeds are often broken (stray
/// ampersands, HTML entities, a wrong encoding declaration); a document XML can not read is scanned leniently for
/// its links, with a warning.
/// </summary>
public static class FeedParser
{
    /// <summary>The most entries read from one document; news feeds list tens, sitemaps up to 50,000.</summary>
    public const int MaxEntries = 50_000;

    /// <summary>The largest document (after decompression) parsed.</summary>
    public const int MaxDocumentBytes = 32 * 1024 * 1024;

    /// <summary>Parses a fetched document; <paramref name="baseUrl"/> resolves relative links.</summary>
    public static DiscoveredLinks Parse(ReadOnlySpan<byte> body, Uri baseUrl, string? declaredCharset = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (body.Length > 2 && body[0] == 0x1f && body[1] == 0x8b)
        {
            if (Gunzip(body) is not { } inflated) return DiscoveredLinks.Failed("gzip-compressed document is corrupt or larger than 32 MB");
            body = inflated.AsSpan();
        }
        if (body.Length > MaxDocumentBytes) return DiscoveredLinks.Failed("document larger than 32 MB");

        string text = DecodeXmlText(body, declaredCharset);
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{')) return ParseJsonFeed(trimmed, baseUrl);
        if (!trimmed.StartsWith('<')) return DiscoveredLinks.Failed("not a feed or sitemap (neither XML nor JSON)");

        try
        {
            return ParseXml(trimmed, baseUrl);
        }
        catch (XmlException e)
        {
            // HTML entities (&nbsp; &laquo;) are the commonest breakage: replace them and try once more.
            string repaired = RepairEntities(trimmed);
            if (!ReferenceEquals(repaired, trimmed))
            {
                try
                {
                    var again = ParseXml(repaired, baseUrl);
                    return again with { Warning = "undeclared HTML entities replaced" };
                }
                catch (XmlException)
                {
                    // Fall through to the lenient scan.
                }
            }
            var lenient = ScanLeniently(trimmed, baseUrl);
            string warning = string.Create(CultureInfo.InvariantCulture,
                $"malformed XML ({Truncate(e.Message, 160)}); {lenient.Entries.Count + lenient.ChildSitemaps.Count} links recovered by a lenient scan");
            return lenient with { Warning = warning };
        }
    }

    /// <summary>True when the bytes look like a feed or sitemap rather than an HTML page.</summary>
    public static bool LooksLikeFeed(ReadOnlySpan<byte> body)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 2048)]).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        if (head.StartsWith('{')) return head.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase);
        if (head.Contains("<html", StringComparison.OrdinalIgnoreCase)) return false;
        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase) || head.Contains("<urlset", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<sitemapindex", StringComparison.OrdinalIgnoreCase);
    }

    private static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Ignore,   // RSS 0.91 documents carry a DOCTYPE; it is skipped, never processed
        XmlResolver = null,                     // no external entities, no network, no files
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = false,
        Async = false,
    };

    private static DiscoveredLinks ParseXml(string text, Uri baseUrl)
    {
        using var reader = XmlReader.Create(new StringReader(text), ReaderSettings());
        if (reader.MoveToContent() != XmlNodeType.Element) return DiscoveredLinks.Failed("empty XML document");
        string root = reader.LocalName;
        return root switch
        {
            "rss" or "RDF" or "channel" => ReadRss(reader, baseUrl),
            "feed" => ReadAtom(reader, baseUrl),
            "urlset" => ReadSitemap(reader, baseUrl, index: false),
            "sitemapindex" => ReadSitemap(reader, baseUrl, index: true),
            _ => DiscoveredLinks.Failed($"XML root <{Truncate(root, 40)}> is not a feed or sitemap"),
        };
    }

    /// <summary>
    /// The text of the element the reader is on (text and CDATA of all descendants), leaving the reader on the node
    /// after its end tag. Unlike ReadElementContentAsString it accepts markup inside (titles with &lt;b&gt; in them).
    /// </summary>
    private static string ReadText(XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            r.Read();
            return "";
        }
        int depth = r.Depth;
        var sb = new StringBuilder();
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (sb.Length < 64 * 1024) sb.Append(r.Value);
            }
            r.Read();
        }
        r.Read();
        return sb.ToString();
    }

    private static DiscoveredLinks ReadRss(XmlReader r, Uri baseUrl)
    {
        var entries = new List<DiscoveredEntry>();
        string? feedTitle = null;
        Uri itemBase = baseUrl;
        r.Read();
        while (!r.EOF && entries.Count < MaxEntries)
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
                feedTitle = Clean(ReadText(r));
                continue;
            }
            if (r.LocalName == "link" && r.Depth <= 2 && r.NamespaceURI.Length == 0)
            {
                if (Uri.TryCreate(baseUrl, ReadText(r).Trim(), out var channelLink) && channelLink.IsAbsoluteUri) itemBase = channelLink;
                continue;
            }
            r.Read();
        }
        return new DiscoveredLinks(DiscoveryKind.Rss, entries, [], feedTitle);
    }

    private static void ReadRssItem(XmlReader r, List<DiscoveredEntry> entries, Uri itemBase)
    {
        string? link = null, guid = null, title = null, about = r.GetAttribute("about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        bool guidIsLink = true;
        DateTimeOffset? published = null;
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
                        string l = ReadText(item).Trim();
                        if (link is null or "") link = l;
                        break;
                    case "guid":
                        guidIsLink = !string.Equals(item.GetAttribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
                        guid = ReadText(item).Trim();
                        break;
                    case "title":
                        // Read first, keep the first: "title ??= Clean(ReadText(item))" skipped the read on a second
                        // <title>, so the reader never moved and the loop never ended.
                        string itemTitle = ReadText(item);
                        title ??= Clean(itemTitle);
                        break;
                    case "pubDate" or "date" or "published" or "issued":
                        string date = ReadText(item);
                        published ??= ParseDate(date);
                        break;
                    case "origLink" or "feedburnerOrigLink":
                        link = ReadText(item).Trim();
                        break;
                    default:
                        item.Skip();
                        break;
                }
            }
        }
        string? chosen = !string.IsNullOrEmpty(link) ? link : guidIsLink && LooksLikeUrl(guid) ? guid : about;
        Add(entries, chosen, itemBase, title, published);
    }

    private static DiscoveredLinks ReadAtom(XmlReader r, Uri baseUrl)
    {
        var entries = new List<DiscoveredEntry>();
        string? feedTitle = null;
        Uri feedBase = BaseOf(r, baseUrl);
        r.Read();
        while (!r.EOF && entries.Count < MaxEntries)
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                r.Read();
                continue;
            }
            if (r.LocalName == "title" && r.Depth == 1)
            {
                feedTitle = Clean(ReadText(r));
                continue;
            }
            if (r.LocalName != "entry")
            {
                if (r.Depth >= 1) r.Skip();
                else r.Read();
                continue;
            }
            Uri entryBase = BaseOf(r, feedBase);
            string? alternate = null, anyLink = null, title = null, id = null;
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
                            string entryTitle = ReadText(entry); // read even when a title is kept: see ReadRssItem
                            title ??= Clean(entryTitle);
                            break;
                        case "id":
                            id = ReadText(entry).Trim();
                            break;
                        case "published":
                            published = ParseDate(ReadText(entry));
                            break;
                        case "updated":
                            updated = ParseDate(ReadText(entry));
                            break;
                        default:
                            entry.Skip();
                            break;
                    }
                }
            }
            r.Read();
            Add(entries, alternate ?? (LooksLikeUrl(id) ? id : anyLink), entryBase, title, published ?? updated);
        }
        return new DiscoveredLinks(DiscoveryKind.Atom, entries, [], feedTitle);
    }

    private static DiscoveredLinks ReadSitemap(XmlReader r, Uri baseUrl, bool index)
    {
        var entries = new List<DiscoveredEntry>();
        string element = index ? "sitemap" : "url";
        r.Read();
        while (!r.EOF && entries.Count < MaxEntries)
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
                            loc = ReadText(item).Trim();
                            break;
                        case "lastmod" when item.Depth == 1:
                            lastmod = ParseDate(ReadText(item));
                            break;
                        case "publication_date":
                            newsDate = ParseDate(ReadText(item));
                            break;
                        case "title" when item.Depth >= 2:
                            title = Clean(ReadText(item));
                            break;
                        default:
                            item.Read();
                            break;
                    }
                }
            }
            r.Read();
            Add(entries, loc, baseUrl, title, newsDate ?? lastmod);
        }
        return index
            ? new DiscoveredLinks(DiscoveryKind.SitemapIndex, [], entries)
            : new DiscoveredLinks(DiscoveryKind.Sitemap, entries, []);
    }

    private static DiscoveredLinks ParseJsonFeed(string text, Uri baseUrl)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                return DiscoveredLinks.Failed("JSON document is not a JSON Feed (no items array)");
            string? title = Str(root, "title");
            var entries = new List<DiscoveredEntry>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                string? url = Str(item, "url") ?? Str(item, "external_url");
                if (url is null && Str(item, "id") is { } id && LooksLikeUrl(id)) url = id;
                Add(entries, url, baseUrl, Clean(Str(item, "title")), ParseDate(Str(item, "date_published") ?? Str(item, "date_modified")));
                if (entries.Count >= MaxEntries) break;
            }
            return new DiscoveredLinks(DiscoveryKind.JsonFeed, entries, [], title);
        }
        catch (JsonException e)
        {
            return DiscoveredLinks.Failed($"malformed JSON feed: {Truncate(e.Message, 160)}");
        }

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? StringOrNull(v) : null;

        // An unpaired surrogate escape ("\uD800") is valid JSON that .NET will not read as a string: that field is absent.
        static string? StringOrNull(JsonElement v)
        {
            try
            {
                return v.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    private static readonly Regex LinkPattern = new(
        @"<(?:loc|link|guid)(?:\s[^>]*)?>\s*(?:<!\[CDATA\[)?\s*(https?://[^<\s\]]+)|<link\s[^>]*href\s*=\s*[""'](https?://[^""']+)[""']",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    /// <summary>For documents XML can not read: every absolute URL in a loc, link or guid element.</summary>
    private static DiscoveredLinks ScanLeniently(string text, Uri baseUrl)
    {
        bool index = text.Contains("<sitemapindex", StringComparison.OrdinalIgnoreCase);
        bool sitemap = index || text.Contains("<urlset", StringComparison.OrdinalIgnoreCase);
        var entries = new List<DiscoveredEntry>();
        try
        {
            foreach (Match m in LinkPattern.Matches(text))
            {
                string url = System.Net.WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
                Add(entries, url, baseUrl, null, null);
                if (entries.Count >= MaxEntries) break;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }
        // A feed's first <link> is usually the site itself, not an article.
        if (!sitemap && entries.Count > 0 && new Uri(entries[0].Url).AbsolutePath is "/" or "") entries.RemoveAt(0);
        var distinct = entries.DistinctBy(e => e.Url, StringComparer.Ordinal).ToList();
        return index
            ? new DiscoveredLinks(DiscoveryKind.SitemapIndex, [], distinct)
            : new DiscoveredLinks(sitemap ? DiscoveryKind.Sitemap : DiscoveryKind.Rss, distinct, []);
    }

    private static readonly Regex EntityPattern = new(@"&([A-Za-z][A-Za-z0-9]{1,31});", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    private static string RepairEntities(string text)
    {
        try
        {
            bool changed = false;
            string result = EntityPattern.Replace(text, m =>
            {
                string name = m.Groups[1].Value;
                if (name is "amp" or "lt" or "gt" or "quot" or "apos") return m.Value;
                string decoded = System.Net.WebUtility.HtmlDecode(m.Value);
                changed = true;
                return decoded == m.Value ? "&amp;" + name + ";" : string.Concat("&#", ((int)decoded[0]).ToString(CultureInfo.InvariantCulture), ";");
            });
            // Bare ampersands ("a & b", "?a=1&b=2") are the other common breakage.
            result = Regex.Replace(result, @"&(?!#?[A-Za-z0-9]{1,32};)", "&amp;", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
            return changed || result.Length != text.Length ? result : text;
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }

    private static void Add(List<DiscoveredEntry> entries, string? url, Uri baseUrl, string? title, DateTimeOffset? published)
    {
        if (string.IsNullOrWhiteSpace(url)) return;
        if (!Uri.TryCreate(baseUrl, url.Trim(), out var absolute) || absolute.Scheme is not ("http" or "https")) return;
        entries.Add(new DiscoveredEntry(absolute.AbsoluteUri, title, published));
    }

    private static Uri BaseOf(XmlReader r, Uri fallback)
    {
        string? xmlBase = r.GetAttribute("xml:base");
        return xmlBase is not null && Uri.TryCreate(fallback, xmlBase, out var b) ? b : fallback;
    }

    private static bool LooksLikeUrl(string? s) =>
        s is not null && (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        string text = s.Contains('<', StringComparison.Ordinal) ? Regex.Replace(s, "<[^>]{0,2000}>", " ", RegexOptions.None, TimeSpan.FromSeconds(1)) : s;
        text = System.Net.WebUtility.HtmlDecode(text);
        return Icmal.Text.Whitespace.Fold(text) is { Length: > 0 } folded ? Truncate(folded, 500) : null;
    }

    private static readonly string[] RfcDateFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "ddd, d MMM yyyy HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>RFC 822 (with named zones), ISO 8601 and W3C dates; null when unreadable.</summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string s = value.Trim();
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso)
            && (s.Contains('T', StringComparison.Ordinal) || s.Contains('-', StringComparison.Ordinal) && !s.Contains(',', StringComparison.Ordinal)))
            return iso;
        // RFC 822 zones: GMT, UT, EST, named and numeric without colon.
        string normalized = Regex.Replace(s, @"\s(GMT|UT|UTC|Z)$", " +00:00", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        normalized = Regex.Replace(normalized, @"\s([+-])(\d{2})(\d{2})$", " $1$2:$3", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        normalized = Regex.Replace(normalized, @"\s(EST|EDT|CST|CDT|MST|MDT|PST|PDT)$", m => m.Groups[1].Value switch
        {
            "EST" => " -05:00", "EDT" => " -04:00", "CST" => " -06:00", "CDT" => " -05:00",
            "MST" => " -07:00", "MDT" => " -06:00", "PST" => " -08:00", _ => " -07:00",
        }, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (DateTimeOffset.TryParseExact(normalized, RfcDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var rfc))
            return rfc;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any) ? any : null;
    }

    /// <summary>
    /// Text of an XML document: BOM first, then strict UTF-8, then the encoding the XML declaration names, then the
    /// transport's charset, then the Azerbaijani legacy code-page guess.
    /// </summary>
    private static string DecodeXmlText(ReadOnlySpan<byte> body, string? declaredCharset)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(body[3..]);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(body[2..]);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(body[2..]);
        if (System.Text.Unicode.Utf8.IsValid(body)) return Encoding.UTF8.GetString(body);
        string? xmlDeclared = XmlDeclaredEncoding(body);
        foreach (string? name in new[] { xmlDeclared, declaredCharset })
        {
            // An unknown name gives way to the next clue.
            if (Encodings.ForLabel(name) is { } enc && enc.CodePage != Encoding.UTF8.CodePage) return enc.GetString(body);
        }
        var decoded = TextDecoding.Decode(body, null, allowLegacyGuess: true);
        return decoded.Text ?? Encoding.UTF8.GetString(body);
    }

    private static string? XmlDeclaredEncoding(ReadOnlySpan<byte> body)
    {
        string head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 200)]);
        var m = Regex.Match(head, @"^\s*<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9._:-]+)[""']", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>
    /// The inflated document, or null when it is corrupt or over <see cref="MaxDocumentBytes"/>. The buffer is sized
    /// once from the gzip trailer's ISIZE (the inflated length mod 2^32, capped) and returned without a copy: a gzip
    /// bomb inflated up to the cap used to cost twice the cap in regrowth and a final copy.
    /// </summary>
    private static ArraySegment<byte>? Gunzip(ReadOnlySpan<byte> body)
    {
        try
        {
            int hint = body.Length >= 18
                ? (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(body[^4..]), (uint)MaxDocumentBytes)
                : 0;
            using var input = new MemoryStream(body.ToArray());
            using var gz = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(Math.Max(hint, 4096));
            var buffer = new byte[81920];
            int n;
            while ((n = gz.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + n > MaxDocumentBytes) return null;
                output.Write(buffer, 0, n);
            }
            return new ArraySegment<byte>(output.GetBuffer(), 0, (int)output.Length);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
