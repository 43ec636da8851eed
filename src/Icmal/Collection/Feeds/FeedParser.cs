using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Icmal.Decoding;

namespace Icmal.Collection.Feeds;

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
        if (trimmed.StartsWith('{')) return JsonFeedReader.ParseJsonFeed(trimmed, baseUrl);
        if (!trimmed.StartsWith('<')) return DiscoveredLinks.Failed("not a feed or sitemap (neither XML nor JSON)");

        try
        {
            return ParseXml(trimmed, baseUrl);
        }
        catch (XmlException e)
        {
            // HTML entities (&nbsp; &laquo;) are the commonest breakage: replace them and try once more.
            string repaired = LenientFeedScanner.RepairEntities(trimmed);
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
            var lenient = LenientFeedScanner.ScanLeniently(trimmed, baseUrl);
            string warning = string.Create(CultureInfo.InvariantCulture,
                $"malformed XML ({FeedXml.Truncate(e.Message, 160)}); {lenient.Entries.Count + lenient.ChildSitemaps.Count} links recovered by a lenient scan");
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

    internal static XmlReaderSettings ReaderSettings() => new()
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
            "rss" or "RDF" or "channel" => RssReader.ReadRss(reader, baseUrl),
            "feed" => AtomReader.ReadAtom(reader, baseUrl),
            "urlset" => SitemapReader.ReadSitemap(reader, baseUrl, index: false),
            "sitemapindex" => SitemapReader.ReadSitemap(reader, baseUrl, index: true),
            _ => DiscoveredLinks.Failed($"XML root <{FeedXml.Truncate(root, 40)}> is not a feed or sitemap"),
        };
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

}
