using System.IO.Compression;
using System.Text;
using CsCheck;

namespace Icmal.Fuzz.Tests.Generators;

/// <summary>
/// Feeds and sitemaps that are well-formed enough to get past the first check and hostile inside: RSS 2.0, RSS 1.0,
/// Atom, JSON Feed, sitemaps and sitemap indexes with odd dates, entities (declared, undeclared, recursive),
/// CDATA, huge attributes, items nested in items, unclosed elements, wrong encoding declarations, BOMs, gzip
/// (including a bomb); then, now and then, a byte-level mutation on top.
/// </summary>
public static class FeedGen
{
    private static readonly Gen<string> Value = Gen.Frequency(
        (4, Hostile.Words), (2, Hostile.Text(40)), (2, Hostile.Entity), (1, Gen.Const("<![CDATA[ <b>x</b> ]]>")), (1, Gen.Const("<![CDATA[")),
        (1, Gen.Const("]]>")), (1, Gen.Const("&lol9;")), (1, Gen.Const("&xxe;")), (1, Hostile.Huge(Gen.Const("a"))), (1, Gen.Const("<b>bold</b>")));

    private static readonly Gen<string> Link = Gen.Frequency((5, UrlGen.Any), (1, Hostile.Entity.Select(e => "https://numune.az/?a=1" + e + "b=2")));

    private static readonly Gen<string> RssItem =
        Gen.Select(Value, Link, Hostile.Date, Link, Gen.Int[0, 6], (title, link, date, guid, shape) => shape switch
        {
            0 => $"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate><guid>{guid}</guid></item>",
            1 => $"<item><title>{title}</title><guid isPermaLink=\"true\">{guid}</guid><dc:date>{date}</dc:date></item>",
            2 => $"<item><link>{link}<item><link>{guid}</link></item></link></item>",      // items nested in items
            3 => $"<item rdf:about=\"{link}\"><title>{title}</title><dc:date>{date}</dc:date>",  // never closed
            4 => $"<item><link href=\"{link}\" {AttrName(title)}=\"{title}\"/><description><![CDATA[<a href=\"{guid}\">x</a>]]></description></item>",
            5 => $"<item><atom:link rel=\"alternate\" href=\"{link}\"/><pubDate>{date}</pubDate><pubDate>{date}</pubDate></item>",
            _ => $"<item><title>{title}</title><link>  {link}  </link><link>{guid}</link></item>",
        });

    private static readonly Gen<string> AtomEntry =
        Gen.Select(Value, Link, Hostile.Date, Gen.Int[0, 3], (title, link, date, shape) => shape switch
        {
            0 => $"<entry><title type=\"html\">{title}</title><link rel=\"alternate\" href=\"{link}\"/><id>{link}</id><published>{date}</published><updated>{date}</updated></entry>",
            1 => $"<entry><link href=\"{link}\"/><link rel=\"self\" href=\"{link}\"/><updated>{date}</updated></entry>",
            2 => $"<entry><id>tag:{title}</id><entry><link href=\"{link}\"/></entry>",
            _ => $"<entry xml:base=\"{link}\"><link href=\"../{title}\"/><published>{date}</published></entry>",
        });

    private static readonly Gen<string> SitemapUrl =
        Gen.Select(Link, Hostile.Date, Value, Gen.Int[0, 2], (loc, date, title, shape) => shape switch
        {
            0 => $"<url><loc>{loc}</loc><lastmod>{date}</lastmod></url>",
            1 => $"<url><loc>{loc}</loc><news:news><news:publication><news:name>{title}</news:name><news:language>az</news:language></news:publication><news:publication_date>{date}</news:publication_date><news:title>{title}</news:title></news:news></url>",
            _ => $"<url><loc>{loc}<loc>{loc}</loc></loc></url>",
        });

    private static readonly Gen<string> SitemapChild = Gen.Select(Link, Hostile.Date, (loc, date) => $"<sitemap><loc>{loc}</loc><lastmod>{date}</lastmod></sitemap>");

    private static readonly Gen<string> Prolog = Gen.OneOf(
        Gen.Const(""), Gen.Const("<?xml version=\"1.0\" encoding=\"utf-8\"?>"), Gen.Const("<?xml version=\"1.0\" encoding=\"windows-1251\"?>"),
        Gen.Const("<?xml version=\"1.0\" encoding=\"bogus-charset\"?>"), Gen.Const("<?xml version=\"1.1\"?>"), Gen.Const("<?xml version='1.0' encoding='UTF-16'?>"),
        Gen.Const("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"),
        Gen.Const("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol9 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"),
        Gen.Const("<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"), Gen.Const("\uFEFF"), Gen.Const("   \r\n"), Gen.Const("<!-- -- -->"));

    private static Gen<string> Document(Gen<string> item, Func<string, string> wrap) =>
        Gen.Select(Prolog, item.Array[0, 30], (prolog, items) => prolog + wrap(string.Concat(items)));

    private static readonly Gen<string> Rss = Gen.Select(Value, Gen.Bool, (title, close) => (title, close)).SelectMany(t =>
        Document(RssItem, items => "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>"
            + t.title + "</title><link>https://numune.az/</link>" + items + (t.close ? "</channel></rss>" : "")));

    private static readonly Gen<string> Rdf = Document(RssItem, items =>
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"x\"><title>t</title></channel>"
        + items + "</rdf:RDF>");

    private static readonly Gen<string> Atom = Document(AtomEntry, entries => "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>" + entries + "</feed>");
    private static readonly Gen<string> Sitemap = Document(SitemapUrl, urls =>
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">" + urls + "</urlset>");
    private static readonly Gen<string> SitemapIndex = Document(SitemapChild, s => "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + s + "</sitemapindex>");

    private static readonly Gen<string> JsonValue = Gen.Frequency(
        (5, Value.Select(Hostile.JsonString)), (2, Link.Select(Hostile.JsonString)), (1, Gen.Const("null")), (1, Gen.Const("123")), (1, Gen.Const("[]")), (1, Gen.Const("{}")),
        (1, Gen.Const("1e999")), (1, Gen.Const("\"\\uD800\"")), (1, Gen.Const("true")));

    private static readonly Gen<string> JsonItem = Gen.Select(JsonValue, JsonValue, Hostile.Date.Select(Hostile.JsonString), JsonValue,
        (url, title, date, extra) => $"{{\"id\":{extra},\"url\":{url},\"external_url\":{url},\"title\":{title},\"date_published\":{date},\"content_html\":{title}}}");

    private static readonly Gen<string> JsonFeed = Gen.Select(JsonItem.Array[0, 30], Gen.Int[0, 3], (items, shape) => shape switch
    {
        0 => "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":[" + string.Join(',', items) + "]}",
        1 => "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":" + string.Join(',', items) + "}",
        2 => "{\"items\":[" + string.Join(',', items) + "," + new string('[', 2000) + "]}",
        _ => "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[" + string.Join(',', items),
    });

    private static readonly byte[] GzipBomb = Gzip(new byte[40 * 1024 * 1024]);

    private static readonly Gen<byte[]> Text = Gen.Frequency((4, Rss), (1, Rdf), (2, Atom), (2, Sitemap), (1, SitemapIndex), (2, JsonFeed))
        .Select(s => Encoding.UTF8.GetBytes(s));

    /// <summary>A feed or sitemap, sometimes gzipped, sometimes in UTF-16 or windows-1251, sometimes mutated.</summary>
    public static readonly Gen<byte[]> Any = Gen.Frequency(
        (12, Text),
        (2, Text.Select(Gzip)),
        (1, Text.Select(b => (byte[])[0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(b))])),
        (1, Text.Select(b => Decoding.Encodings.ForCodePage(1251).GetBytes(Encoding.UTF8.GetString(b)))),
        (4, Text.SelectMany(Mutation.Bytes)),
        (1, Gen.Const(GzipBomb)),
        (1, Gen.Byte.Array[0, 2000]));

    private static string AttrName(string s)
    {
        var sb = new StringBuilder("a");
        foreach (char c in s) if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
        return sb.Length > 40 ? sb.ToString(0, 40) : sb.ToString();
    }


    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest)) gz.Write(data);
        return output.ToArray();
    }
}
