using Icmal.Extraction;
using Icmal.Extraction.Dates;

namespace Icmal.Tests.Extraction;

/// <summary>Rules that choose a page's publication date among the dates it carries: labels, meta semantics, structured data.</summary>
public sealed class DatesRulesTests
{
    private static string Page(string head, string header = "", string footer = "") => $$"""
        <!doctype html>
        <html lang="az"><head><meta charset="utf-8"><title>Yeni park açıldı</title>{{head}}</head>
        <body><main><article><h1>Yeni park açıldı</h1>{{header}}{{TestData.ArticleProse}}{{footer}}</article></main></body></html>
        """;

    private static DateOnly? PublishedDay(string html) =>
        TestData.Html(html).Published is { } p ? DateOnly.FromDateTime(p.DateTime) : null;

    [Fact]
    public void Date_labelled_as_last_change_gives_way_to_the_publication_date_after_it()
    {
        Assert.True(DateText.TryFind("Letzte Änderung: 31.10.2023 - 14:49:39 Erschienen am: 01.11.2023", out var v));
        Assert.Equal(new DateTime(2023, 11, 1), v.DateTime);
        Assert.True(DateText.TryFind("Updated March 5, 2021 · Published March 1, 2021", out v));
        Assert.Equal(new DateTime(2021, 3, 1), v.DateTime);
    }

    [Fact]
    public void Date_labelled_as_last_change_is_still_read_when_it_is_the_only_date()
    {
        Assert.True(DateText.TryFind("Yenilənib: 2025-10-21 09:30", out var v));
        Assert.Equal(new DateTime(2025, 10, 21, 9, 30, 0), v.DateTime);
    }

    [Fact]
    public void Current_time_of_a_forum_footer_is_never_a_date_of_the_text()
    {
        Assert.False(DateText.TryFind("Aktuelle Zeit: 14.10.2020, 12:18", out _));
        Assert.True(DateText.TryFind("Current time: 14.10.2020, 12:18 · Posted 21.01.2009, 05:42", out var v));
        Assert.Equal(new DateTime(2009, 1, 21, 5, 42, 0), v.DateTime);
    }

    [Fact]
    public void Element_marked_as_date_published_outranks_a_generic_dublin_core_date()
    {
        string html = Page("""<meta name="date" content="2022-01-21T15:38:44+01:00"><meta name="DCTERMS.date" content="2022-01-21T15:38:44+01:00">""",
            footer: """<p class="meta"><time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time></p>""");
        Assert.Equal(new DateOnly(2022, 1, 27), PublishedDay(html));
    }

    [Fact]
    public void Generic_meta_date_still_counts_when_nothing_names_the_publication()
    {
        string html = Page("""<meta name="date" content="2022-01-21T15:38:44+01:00">""");
        Assert.Equal(new DateOnly(2022, 1, 21), PublishedDay(html));
    }

    [Fact]
    public void Article_published_time_outranks_a_marked_element()
    {
        string html = Page("""<meta property="article:published_time" content="2024-05-02T10:00:00+04:00">""",
            footer: """<time itemprop="datePublished" datetime="2024-06-01">1 iyun 2024</time>""");
        Assert.Equal(new DateOnly(2024, 5, 2), PublishedDay(html));
    }

    [Fact]
    public void Json_ld_of_another_creative_work_dates_the_page_when_no_article_does()
    {
        string html = Page("""
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"HowTo","name":"Süfrə necə tikilir","datePublished":"2022-01-10T22:06:08Z"}</script>
            """);
        Assert.Equal(new DateOnly(2022, 1, 10), PublishedDay(html));
    }

    [Fact]
    public void Json_ld_of_an_organisation_does_not_date_the_page()
    {
        string html = Page("""
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Nümunə","datePublished":"2010-01-01"}</script>
            """, header: """<div class="date">21.10.2025</div>""");
        Assert.Equal(new DateOnly(2025, 10, 21), PublishedDay(html));
    }

    [Fact]
    public void Upload_date_of_a_media_page_is_its_date_when_nothing_else_is_given()
    {
        string html = Page("""<meta itemprop="uploadDate" content="2019-10-16T18:15:00Z"><meta itemprop="expires" content="2020-10-14T14:00:00Z">""");
        Assert.Equal(new DateOnly(2019, 10, 16), PublishedDay(html));
    }
    private static string HeadlinePage(string head, string underHeadline, string sidebar = "") => $$"""
        <!doctype html>
        <html lang="de"><head><meta charset="utf-8"><title>Riesling</title>{{head}}</head>
        <body><div class="wrap"><div class="content"><div class="news"><h1>Riesling feiert Geburtstag</h1>{{underHeadline}}
        <p>Am 13. März feiert die Rebsorte Riesling ihren Geburtstag, und Weingüter im ganzen Land laden zu Verkostungen und Führungen ein.</p>
        <p>Die Aktion läuft seit mehreren Jahren und wird von Jahr zu Jahr größer, mit Veranstaltungen in vielen Städten und Regionen.</p>
        </div>{{sidebar}}</div></div></body></html>
        """;

    [Fact]
    public void Date_shown_under_the_headline_outranks_a_generic_meta_date()
    {
        string html = HeadlinePage("""<meta name="date" content="2021-12-20T11:02:44+01:00">""", """<span class="date">27.01.2022</span>""");
        Assert.Equal(new DateOnly(2022, 1, 27), PublishedDay(html));
    }

    [Fact]
    public void Dates_of_a_list_beside_the_headline_do_not_replace_the_meta_date()
    {
        string html = HeadlinePage("""<meta name="date" content="2020-02-11">""", "",
            sidebar: """<ul class="events"><li><span class="datum">29.02.2020 18:00 Uhr</span> Verkostung</li></ul>""");
        Assert.Equal(new DateOnly(2020, 2, 11), PublishedDay(html));
    }

    [Fact]
    public void Without_structured_dates_the_date_under_the_headline_outranks_a_teaser_date_elsewhere()
    {
        string html = HeadlinePage("", """<div class="meta"><span class="date">29.06.2019</span></div>""")
            .Replace("<div class=\"wrap\">", "<div class=\"top\"><div class=\"teaser\"><span class=\"date\">02.12.2014</span> Archiv</div></div><div class=\"wrap\">", StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2019, 6, 29), PublishedDay(html));
    }

    [Fact]
    public void Expiry_date_of_a_video_is_never_its_publication_date()
    {
        Assert.False(DateText.TryFind("Video verfügbar bis: 14.10.2020 ∙ 14:00 Uhr", out _));
        Assert.True(DateText.TryFind("Available until 14 October 2020 · Broadcast 16 October 2019", out var v));
        Assert.Equal(new DateTime(2019, 10, 16), v.DateTime);
    }

    [Theory]
    [InlineData("الأربعاء، 07 أكتوبر 2020 - 12:09 م", 2020, 10, 7)]
    [InlineData("نشر في 3 شباط 2021", 2021, 2, 3)]
    [InlineData("15 ابريل 2019", 2019, 4, 15)]
    public void Arabic_month_names_are_read(string text, int y, int m, int d)
    {
        Assert.True(DateText.TryFind(text, out var v), text);
        Assert.Equal(new DateOnly(y, m, d), DateOnly.FromDateTime(v.DateTime));
    }
}
