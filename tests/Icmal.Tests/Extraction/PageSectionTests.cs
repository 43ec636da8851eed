using System.Text;
using Icmal.Collection.Feeds;
using Icmal.Extraction;

namespace Icmal.Tests.Extraction;

/// <summary>The source's own section: metadata, JSON-LD breadcrumbs, breadcrumb markup, the URL path and the feed's category.</summary>
public sealed class PageSectionTests
{
    private const string Body = "<article><h1>Qarabağ komandası Çempionlar Liqasında qələbə qazandı</h1>"
        + "<p>Azərbaycan çempionu səfərdə rəqibini məğlub edərək qrupda liderliyi ələ keçirdi və növbəti mərhələyə yüksəlmək şansını artırdı.</p>"
        + "<p>Oyunun yeganə qolunu ikinci hissədə hücumçu vurdu; məşqçi oyundan sonra komandanın oyunundan razı qaldığını bildirdi.</p></article>";

    private static string Page(string head, string body = Body) => $"<html><head><title>Qarabağ qələbə qazandı</title>{head}</head><body>{body}</body></html>";

    [Fact]
    public void Json_ld_breadcrumb_gives_the_deepest_known_section()
    {
        string ld = """<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":2,"name":"İdman"},{"@type":"ListItem","position":1,"name":"Xəbərlər"},{"@type":"ListItem","position":3,"name":"Qarabağ komandası Çempionlar Liqasında qələbə qazandı"}]}</script>""";
        var a = HtmlArticleExtractor.Extract(Page(ld), new Uri("https://example.az/news/123"));
        Assert.Equal("İdman", a.Section);
    }

    [Fact]
    public void Breadcrumb_markup_is_read_when_metadata_names_no_known_section()
    {
        string crumbs = "<nav class=\"breadcrumbs\"><a href=\"/\">Ana səhifə</a> › <a href=\"/sport\">Спорт</a></nav>" + Body;
        var a = HtmlArticleExtractor.Extract(Page("<meta property=\"article:section\" content=\"Xəbər lenti\">", crumbs), new Uri("https://example.az/news/123"));
        Assert.Equal("Спорт", a.Section);
    }

    [Fact]
    public void The_url_path_is_the_last_resort_and_an_unknown_stated_section_is_kept()
    {
        var byPath = HtmlArticleExtractor.Extract(Page(""), new Uri("https://example.az/az/sport/123-qarabag-qelebe"));
        Assert.Equal("sport", byPath.Section);
        var kept = HtmlArticleExtractor.Extract(Page("<meta property=\"article:section\" content=\"Analitik\">"), new Uri("https://example.az/news/123"));
        Assert.Equal("Analitik", kept.Section);
        var none = HtmlArticleExtractor.Extract(Page(""), new Uri("https://example.az/news/123-qarabag"));
        Assert.Null(none.Section);
    }

    [Fact]
    public void A_feed_items_category_travels_with_the_entry()
    {
        string rss = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>X</title>
            <item><title>Qarabağ qalib</title><link>https://example.az/a/1</link><category>İdman</category><category>Futbol</category></item>
            <item><title>Yağış</title><link>https://example.az/a/2</link></item>
            </channel></rss>
            """;
        var links = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), new Uri("https://example.az/rss"));
        Assert.Equal("İdman", links.Entries[0].Category);
        Assert.Null(links.Entries[1].Category);
    }
}
