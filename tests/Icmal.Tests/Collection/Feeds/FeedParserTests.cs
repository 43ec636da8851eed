using System.Diagnostics;
using System.Text;
using Icmal.Collection;
using Icmal.Decoding;
using Icmal.Collection.Feeds;

namespace Icmal.Tests.Collection;

public sealed class FeedParserTests
{
    private static readonly Uri Base = new("https://site.az/");

    private static DiscoveredLinks Parse(string xml, string? charset = null) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), Base, charset);

    [Fact]
    public void Rss2_items_with_relative_links_and_rfc822_dates()
    {
        var links = Parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Sayt</title><link>https://site.az/</link>
            <item><title>Birinci &amp; xəbər</title><link>/xeber/1</link><pubDate>Tue, 21 Oct 2025 14:37:00 +0400</pubDate></item>
            <item><title><![CDATA[<b>İkinci</b>]]></title><guid>https://site.az/xeber/2</guid><pubDate>Tue, 21 Oct 2025 10:00:00 GMT</pubDate></item>
            <item><title>GUID is not a link</title><guid isPermaLink="false">abc-123</guid></item>
            </channel></rss>
            """);
        Assert.Equal(DiscoveryKind.Rss, links.Kind);
        Assert.Equal(["https://site.az/xeber/1", "https://site.az/xeber/2"], links.Entries.Select(e => e.Url));
        Assert.Equal("Birinci & xəbər", links.Entries[0].Title);
        Assert.Equal("İkinci", links.Entries[1].Title);
        Assert.Equal(new DateTimeOffset(2025, 10, 21, 10, 37, 0, TimeSpan.Zero), links.Entries[0].Published);
        Assert.Equal(new DateTimeOffset(2025, 10, 21, 10, 0, 0, TimeSpan.Zero), links.Entries[1].Published);
        Assert.Null(links.Warning);
    }

    [Fact]
    public void An_items_first_category_is_kept_in_rss_and_atom()
    {
        var rss = Parse("""
            <rss version="2.0"><channel>
            <item><link>/xeber/1</link><category>İdman</category><category>Futbol</category></item>
            <item><link>/xeber/2</link></item>
            </channel></rss>
            """);
        Assert.Equal(["İdman", null], rss.Entries.Select(e => e.Category));
        var atom = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Sayt</title>
            <entry><title>Bir</title><link href="/xeber/1"/><category term="iqtisadiyyat" label="İqtisadiyyat"/><category term="neft"/></entry>
            <entry><title>İki</title><link href="/xeber/2"/><category term="siyaset"/></entry>
            <entry><title>Üç</title><link href="/xeber/3"/></entry>
            </feed>
            """);
        Assert.Equal(DiscoveryKind.Atom, atom.Kind);
        Assert.Equal(["İqtisadiyyat", "siyaset", null], atom.Entries.Select(e => e.Category));
    }

    [Fact]
    public void Rss091_with_a_doctype_is_read_without_processing_it()
    {
        var links = Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old</title><link>https://site.az/</link>
            <item><title>Köhnə</title><link>https://site.az/old/1</link></item></channel></rss>
            """);
        Assert.Equal(["https://site.az/old/1"], links.Entries.Select(e => e.Url));
    }

    [Fact]
    public void Rss1_rdf()
    {
        var links = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://site.az/"><title>RDF</title><link>https://site.az/</link></channel>
            <item rdf:about="https://site.az/r/1"><title>Bir</title><link>https://site.az/r/1</link><dc:date>2025-10-21T10:00:00+04:00</dc:date></item>
            <item rdf:about="https://site.az/r/2"><title>İki</title></item>
            </rdf:RDF>
            """);
        Assert.Equal(DiscoveryKind.Rss, links.Kind);
        Assert.Equal(["https://site.az/r/1", "https://site.az/r/2"], links.Entries.Select(e => e.Url));
        Assert.Equal(new DateTimeOffset(2025, 10, 21, 6, 0, 0, TimeSpan.Zero), links.Entries[0].Published);
    }

    [Fact]
    public void Atom_alternate_links_and_xml_base()
    {
        var links = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://site.az/az/"><title>Atom</title>
            <entry><title>Bir</title><link rel="self" href="https://site.az/api/1"/><link rel="alternate" href="xeber/1"/><id>tag:site.az,2025:1</id><updated>2025-10-21T10:00:00Z</updated></entry>
            <entry><title>İki</title><link href="https://site.az/az/xeber/2"/><published>2025-10-21T11:00:00Z</published></entry>
            </feed>
            """);
        Assert.Equal(DiscoveryKind.Atom, links.Kind);
        Assert.Equal(["https://site.az/az/xeber/1", "https://site.az/az/xeber/2"], links.Entries.Select(e => e.Url));
        Assert.Equal("Atom", links.Title);
    }

    [Fact]
    public void Json_feed()
    {
        var links = Parse("""
            {"version":"https://jsonfeed.org/version/1.1","title":"JSON","items":[
              {"id":"1","url":"https://site.az/j/1","title":"Bir","date_published":"2025-10-21T10:00:00+04:00"},
              {"id":"https://site.az/j/2","title":"İki"},
              {"id":"3","external_url":"/j/3"}]}
            """);
        Assert.Equal(DiscoveryKind.JsonFeed, links.Kind);
        Assert.Equal(["https://site.az/j/1", "https://site.az/j/2", "https://site.az/j/3"], links.Entries.Select(e => e.Url));
    }

    [Fact]
    public void News_sitemap_and_sitemap_index()
    {
        var news = Parse("""
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://site.az/n/1</loc><news:news><news:publication><news:name>Sayt</news:name><news:language>az</news:language></news:publication>
              <news:publication_date>2025-10-21T10:00:00+04:00</news:publication_date><news:title>Xəbər</news:title></news:news></url>
            <url><loc>https://site.az/n/2</loc><lastmod>2025-10-20</lastmod></url>
            </urlset>
            """);
        Assert.Equal(DiscoveryKind.Sitemap, news.Kind);
        Assert.Equal(["https://site.az/n/1", "https://site.az/n/2"], news.Entries.Select(e => e.Url));
        Assert.Equal("Xəbər", news.Entries[0].Title);
        Assert.Equal(new DateTimeOffset(2025, 10, 21, 6, 0, 0, TimeSpan.Zero), news.Entries[0].Published);

        var index = Parse("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://site.az/sitemap-2025-10.xml</loc><lastmod>2025-10-21</lastmod></sitemap>
            <sitemap><loc>https://site.az/sitemap-2025-09.xml</loc><lastmod>2025-09-30</lastmod></sitemap>
            </sitemapindex>
            """);
        Assert.Equal(DiscoveryKind.SitemapIndex, index.Kind);
        Assert.Empty(index.Entries);
        Assert.Equal(2, index.ChildSitemaps.Count);
    }

    [Fact]
    public void Gzipped_sitemap_is_inflated()
    {
        using var buffer = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes("<urlset><url><loc>https://site.az/g/1</loc></url></urlset>"));
        var links = FeedParser.Parse(buffer.ToArray(), Base);
        Assert.Equal(["https://site.az/g/1"], links.Entries.Select(e => e.Url));
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        var links = Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>&xxe;</title><link>https://site.az/x/1</link></item></channel></rss>
            """);
        Assert.DoesNotContain(links.Entries, e => (e.Title ?? "").Contains("root:", StringComparison.Ordinal));
        Assert.Equal(["https://site.az/x/1"], links.Entries.Select(e => e.Url));
    }

    [Fact]
    public void Entity_expansion_bomb_is_harmless_and_fast()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++)
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">\n");
        sb.Append("]>\n<rss><channel><item><title>&lol9;</title><link>https://site.az/b/1</link></item></channel></rss>");
        var watch = Stopwatch.StartNew();
        var links = Parse(sb.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(["https://site.az/b/1"], links.Entries.Select(e => e.Url));
        Assert.True((links.Entries[0].Title ?? "").Length < 1000);
    }

    [Fact]
    public void Html_entities_and_bare_ampersands_are_repaired()
    {
        var links = Parse("""
            <rss version="2.0"><channel><item><title>Bakı&nbsp;&laquo;xəbər&raquo; A & B</title><link>https://site.az/e/1?a=1&b=2</link></item></channel></rss>
            """);
        Assert.Equal("undeclared HTML entities replaced", links.Warning);
        Assert.Equal("https://site.az/e/1?a=1&b=2", links.Entries.Single().Url);
        Assert.Contains("«xəbər»", links.Entries[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_is_scanned_leniently_with_a_warning()
    {
        var links = Parse("""
            <rss version="2.0"><channel><link>https://site.az/</link>
            <item><title>Bir</title><link>https://site.az/m/1</link></item>
            <item><title>İki <b>qırıq</title><link>https://site.az/m/2</link></item>
            <item><title>Üç</title><link>https://site.az/m/3</link>
            """);
        Assert.NotNull(links.Warning);
        Assert.StartsWith("malformed XML", links.Warning, StringComparison.Ordinal);
        Assert.Equal(["https://site.az/m/1", "https://site.az/m/2", "https://site.az/m/3"], links.Entries.Select(e => e.Url));
    }

    [Fact]
    public void Not_a_feed_says_so()
    {
        Assert.Equal(DiscoveryKind.Unknown, Parse("<html><body>hello</body></html>").Kind);
        Assert.Equal(DiscoveryKind.Unknown, Parse("just text").Kind);
        Assert.Equal(DiscoveryKind.Unknown, Parse("{\"a\": 1}").Kind);
    }

    [Fact]
    public void Windows_1251_feed_declared_in_the_xml_declaration()
    {
        var enc = CodePagesEncoding(1251);
        byte[] body = enc.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><item><title>Новости Баку</title><link>https://site.az/ru/1</link></item></channel></rss>");
        var links = FeedParser.Parse(body, Base, "utf-8");
        Assert.Equal("Новости Баку", links.Entries.Single().Title);
    }

    [Fact]
    public void Windows_1254_feed_with_a_wrong_header()
    {
        var enc = CodePagesEncoding(1254);
        byte[] body = enc.GetBytes("<rss><channel><item><title>Şəki görüşü: İsmayıllı, Oğuz, Qax</title><link>https://site.az/tr/1</link></item></channel></rss>".Replace('ə', 'e'));
        var links = FeedParser.Parse(body, Base, "utf-8");
        Assert.Equal("Şeki görüşü: İsmayıllı, Oğuz, Qax", links.Entries.Single().Title);
    }

    [Fact]
    public void Listing_page_links_and_autodiscovery()
    {
        const string html = """
            <html><head>
            <link rel="alternate" type="application/rss+xml" title="RSS" href="/rss">
            <link rel="alternate" type="application/atom+xml" href="https://site.az/atom.xml">
            <link rel="stylesheet" href="/s.css">
            </head><body>
            <nav><a href="/siyaset-xeberleri-son-deqiqe-bu-gun">Menu</a></nav>
            <a href="/az/news/123456">Prezident Astanada rəsmi qarşılanıb</a>
            <a href="/az/siyaset/prezident-yeni-qanunu-imzaladi-bu-gun">Prezident yeni qanunu imzaladı</a>
            <a href="/az/news/123456#comments">Dup</a>
            <a href="/haqqimizda">Haqqımızda</a>
            <a href="https://other.az/az/news/999999">Başqa sayt</a>
            <footer><a href="/az/news/777777">Footer</a></footer>
            </body></html>
            """;
        var feeds = Discovery.FindFeedLinks(html, Base);
        Assert.Equal(["https://site.az/rss", "https://site.az/atom.xml"], feeds.Select(f => f.Url));
        var links = Discovery.FindArticleLinks(html, Base);
        Assert.Equal(["https://site.az/az/news/123456", "https://site.az/az/siyaset/prezident-yeni-qanunu-imzaladi-bu-gun"], links.Entries.Select(e => e.Url));
    }

    [Theory]
    [InlineData("<link rel=\"canonical\" href=\"/az/news/5?utm_source=x\">", "https://site.az/az/news/5")]
    [InlineData("<LINK HREF='https://www.site.az/az/news/5' REL='canonical'>", "https://www.site.az/az/news/5")]
    [InlineData("<link rel=canonical href=https://site.az/a>", "https://site.az/a")]
    [InlineData("<link rel=\"canonical\" href=\"https://apa.az/original/1\">", null)] // a republisher crediting the original
    [InlineData("<link rel=\"alternate\" href=\"https://site.az/x\">", null)]
    public void Canonical_links_on_the_same_site_only(string tag, string? expected) =>
        Assert.Equal(expected, Discovery.FindCanonicalLink(Encoding.UTF8.GetBytes($"<html><head>{tag}</head></html>"), new Uri("https://site.az/az/news/5/slug")));

    private static Encoding CodePagesEncoding(int codePage) => Encodings.ForCodePage(codePage);
}
