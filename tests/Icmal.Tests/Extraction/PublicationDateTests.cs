using System.Text;
using Icmal.Extraction;
using Icmal.Model;
using Icmal.Extraction.Dates;

namespace Icmal.Tests.Extraction;

/// <summary>How the publication date is chosen among the page's evidence (see PublicationDate).</summary>
public sealed class PublicationDateTests
{
    private static string Page(string head, string underHeadline = "", string lang = "az", string before = "", string after = "") => $$"""
        <!doctype html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>Yeni park açıldı şəhərin mərkəzində</title>{{head}}</head>
        <body>{{before}}<main><article><h1>Yeni park açıldı şəhərin mərkəzində</h1>{{underHeadline}}{{TestData.ArticleProse}}</article></main>{{after}}</body></html>
        """;

    private static DateOnly? Day(ExtractedArticle a) => a.Published is { } p ? DateOnly.FromDateTime(p.DateTime) : null;

    private static DateOnly? PublishedDay(string html, string? url = null) => Day(TestData.Html(html, url));

    [Fact]
    public void Shown_date_backed_by_the_revision_time_outranks_the_stated_publication()
    {
        string html = Page("""
            <meta property="article:published_time" content="2021-11-29T14:13:37+01:00">
            <meta property="article:modified_time" content="2022-01-12T14:27:30+01:00">
            """, """<div class="info"><span class="icon-calendar"></span> 12.01.2022</div>""");
        var article = TestData.Html(html);
        Assert.Equal(new DateOnly(2022, 1, 12), Day(article));
        Assert.Equal(new DateEvidence(DateEvidenceKind.Headline), article.PublishedFrom);
    }

    [Fact]
    public void Shown_date_the_metadata_does_not_back_leaves_the_stated_publication()
    {
        string html = Page("""<meta property="article:published_time" content="2021-11-29T14:13:37+01:00">""",
            """<div class="info">05.03.2020</div>""");
        var article = TestData.Html(html);
        Assert.Equal(new DateOnly(2021, 11, 29), Day(article));
        Assert.Equal(new DateEvidence(DateEvidenceKind.Meta, "article:published_time"), article.PublishedFrom);
    }

    [Fact]
    public void Shown_date_a_day_off_a_utc_timestamp_is_the_publishers_day()
    {
        string html = Page("""<meta property="article:published_time" content="2020-01-13T22:11:00Z">""", "<p>14.01.2020</p>");
        Assert.Equal(new DateOnly(2020, 1, 14), PublishedDay(html));
    }

    [Fact]
    public void Utc_publication_time_falls_on_the_publishers_calendar_day()
    {
        string head = """<meta property="article:published_time" content="2020-12-05T23:15:00Z">""";
        // An Italian paper's 23:15 UTC is a quarter past midnight on the 6th in Rome.
        Assert.Equal(new DateOnly(2020, 12, 6), PublishedDay(Page(head, lang: "it"), "https://www.giornale.example.it/news/1265473.html"));
        // English says nothing of the zone: the UTC day stands.
        Assert.Equal(new DateOnly(2020, 12, 5), PublishedDay(Page(head, lang: "en"), "https://news.example.com/story/1265473"));
    }

    [Fact]
    public void Canonical_address_date_counts_when_the_page_address_has_none()
    {
        string html = Page("""<link rel="canonical" href="https://www.example.com/World/News/megablaze-brought-under-control-20200113">""");
        var article = TestData.Html(html, "http://www.mirror.example.com/news/263700449/megablaze");
        Assert.Equal(new DateOnly(2020, 1, 13), Day(article));
        Assert.Equal(new DateEvidence(DateEvidenceKind.CanonicalAddress), article.PublishedFrom);
    }

    [Fact]
    public void Shown_date_agreeing_with_the_stated_date_outweighs_an_address_date_a_day_earlier()
    {
        string html = Page("""<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-07-09T10:04:04Z"}</script>""",
            """<div class="display-date">July 9, 2020 at 6:40 PM EDT</div>""", lang: "en");
        Assert.Equal(new DateOnly(2020, 7, 9), PublishedDay(html, "https://www.example.com/politics/federal-workers/2020/07/08/c3d22ec8_story.html"));
    }

    [Fact]
    public void Member_join_dates_are_never_publication_dates()
    {
        string html = """
            <html lang="de"><head><meta charset="utf-8"><title>Forum</title></head><body>
            <dl class="postprofile"><dd><strong>Registriert:</strong> 18.09.2008, 05:56</dd></dl>
            <div class="post"><p class="author">von r23 » 21.01.2009, 05:42</p>
            <div class="content"><p>Was ist Freeware und was nicht? Diese Frage stellen sich viele, und die Antwort ist nicht immer einfach zu finden, denn Lizenzen sind lang.</p></div></div>
            </body></html>
            """;
        Assert.Equal(new DateOnly(2009, 1, 21), PublishedDay(html));
    }

    [Fact]
    public void Headline_repeated_in_a_teaser_list_is_found_next_to_the_article()
    {
        string teasers = """
            <div class="latest"><h3>Anderes Springen in Iron Mountain</h3><div>01.02.2022 16:28</div>
            <h3>Yeni park açıldı şəhərin mərkəzində</h3><div>01.02.2022 14:47</div></div>
            """;
        string html = $$"""
            <html lang="az"><head><meta charset="utf-8"><title>Yeni park açıldı şəhərin mərkəzində</title></head>
            <body>{{teasers}}<article><h2>Yeni park açıldı şəhərin mərkəzində</h2><small>Erstellt am: 30.01.2022 18:36 / sk</small>{{TestData.ArticleProse}}</article></body></html>
            """;
        Assert.Equal(new DateOnly(2022, 1, 30), PublishedDay(html));
    }

    [Fact]
    public void One_word_h1_is_a_label_not_the_headline()
    {
        string html = $$"""
            <html lang="de"><head><meta charset="utf-8"><title>Zoll</title></head>
            <body><h1 class="aural">Zoll</h1><nav><ul><li><a href="/a">Fachmeldungen</a></li><li><a href="/b">Vorschriften</a></li></ul></nav>
            <div id="content"><h1>Verkündung des Tabaksteuermodernisierungsgesetzes</h1><div class="docData"><span>Datum:</span> <span>18.10.2021</span></div>
            <p>Im Bundesgesetzblatt wurde das Gesetz verkündet. Es tritt am 1. Januar 2022 in Kraft und ändert die Steuertarife für Tabakwaren in mehreren Schritten.</p>
            <p>Die Änderungen betreffen Zigaretten, Feinschnitt, Zigarren und Pfeifentabak sowie neue Produkte, die bisher nicht besteuert wurden.</p></div></body></html>
            """;
        Assert.Equal(new DateOnly(2021, 10, 18), PublishedDay(html));
    }

    [Fact]
    public void Revision_line_under_the_headline_gives_way_to_the_date_shown_above_it()
    {
        string html = Page("", underHeadline: "<p><i>Article mis à jour le 7 janvier 2020.</i></p>", lang: "fr")
            .Replace("<h1>", "<p class=\"info\">Loïc Le Clerc | 30 septembre 2018</p><h1>", StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2018, 9, 30), PublishedDay(html));
    }

    [Fact]
    public void Json_ld_block_with_two_objects_still_dates_the_article()
    {
        string html = Page("""
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Park","datePublished":"2020-10-26T18:10:00+01:00"}
            {"@type":"Organization","name":"Example"}</script>
            """, after: """<aside><div class="article-date-time"><span>09.08.2020 u 10:52</span></div></aside>""");
        Assert.Equal(new DateOnly(2020, 10, 26), PublishedDay(html));
    }

    [Fact]
    public void Site_own_meta_key_for_an_upload_dates_the_page()
    {
        string html = Page("""<meta content="2013-02-16T04:36:36-05:00" property="five_hundred_pixels:uploaded"><meta content="Example Inc." name="publisher">""");
        Assert.Equal(new DateOnly(2013, 2, 16), PublishedDay(html));
    }

    [Fact]
    public void Script_rendered_page_is_dated_by_the_publication_key_of_its_data()
    {
        string html = """
            <html><head><meta charset="utf-8"><title>Review</title></head><body><div id="app"></div>
            <script type="application/json">{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-04T20:39:47Z"}</script></body></html>
            """;
        var (shell, _) = TestData.Extract(Encoding.UTF8.GetBytes(html), DocumentFormat.Html);
        Assert.Equal(new DateOnly(2016, 11, 4), Day(shell!));
        string withText = Page("").Replace("</main>", """</main><script>window.__DATA__={"published_at":"2019-03-02T06:22:28+01:00"}</script>""", StringComparison.Ordinal);
        var dated = TestData.Html(withText);
        Assert.Equal(new DateOnly(2019, 3, 2), Day(dated));
        Assert.Equal(new DateEvidence(DateEvidenceKind.ScriptData, "published_at"), dated.PublishedFrom);
    }

    [Fact]
    public void Page_with_no_date_in_its_text_takes_the_date_its_markup_repeats_most()
    {
        string html = Page("").Replace("</main>", """</main><!-- cached 2020-04-24 21:36 --><script>var a="2020-04-24", b="2019-01-01", c="2020-04-24";</script>""", StringComparison.Ordinal);
        var article = TestData.Html(html);
        Assert.Equal(new DateOnly(2020, 4, 24), Day(article));
        Assert.Equal(new DateEvidence(DateEvidenceKind.MarkupFrequency), article.PublishedFrom);
    }

    [Fact]
    public void Time_element_at_the_article_outranks_a_generic_dublin_core_date()
    {
        string html = Page("""<meta name="dcterms.date" content="2022-01-21T09:43+01:00">""", after: "")
            .Replace("</article>", """<div class="article-meta"><time class="date-display-single" datetime="2022-01-25T08:00:00+01:00">25.01.2022</time></div></article>""", StringComparison.Ordinal)
            .Replace("<h1>Yeni park açıldı şəhərin mərkəzində</h1>", "<div class=\"x\"><div class=\"y\"><div class=\"z\"><h1>Yeni park açıldı şəhərin mərkəzində</h1></div></div></div>"
                + "<p>Ərazidə min ağac əkilib və yeni işıqlandırma sistemi quraşdırılıb, yollar təmir edilib, skamyalar qoyulub, bulaqlar bərpa olunub.</p><p>Parkda uşaqlar üçün meydança, velosiped yolu və kitabxana var, sakinlər açılışda iştirak ediblər, konsert verilib.</p>", StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2022, 1, 25), PublishedDay(html));
    }

    [Fact]
    public void Date_inside_a_sentence_under_the_headline_is_not_the_shown_date()
    {
        string html = Page("""<meta name="date" content="2020-01-29">""",
            "<p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Café statt.</p>", lang: "de");
        Assert.Equal(new DateOnly(2020, 1, 29), PublishedDay(html));
    }

    [Fact]
    public void Revision_time_element_before_the_publication_time_element_gives_way_to_it()
    {
        string html = Page("", """<div class="meta"><time class="updated" datetime="2022-12-29T15:36:19+01:00" itemprop="dateModified">29. Dezember 2022</time> <time class="entry-date published" datetime="2022-12-30T07:00:40+01:00">30. Dezember 2022</time></div>""", lang: "de");
        Assert.Equal(new DateOnly(2022, 12, 30), PublishedDay(html));
    }

    [Fact]
    public void Date_hidden_from_readers_is_not_shown_at_the_headline()
    {
        string html = Page("""
            <meta property="article:published_time" content="2022-12-25T11:00:02+01:00">
            <meta property="article:modified_time" content="2022-12-07T09:10:52+01:00">
            """, """<div class="meta"><span class="updated rich-snippet-hidden">2022-12-07T10:10:52+01:00</span><span>25. Dezember 2022</span></div>""", lang: "de");
        Assert.Equal(new DateOnly(2022, 12, 25), PublishedDay(html));
    }

    [Fact]
    public void Short_line_of_an_info_list_under_the_headline_is_a_shown_date()
    {
        string html = Page("""<meta name="date" content="2020-04-30">""",
            """<ul class="Infoline"><li class="Author">Von Moritz Wichmann</li><li class="Date"><time>29.04.2020, 12:01 Uhr</time></li></ul>""", lang: "de");
        Assert.Equal(new DateOnly(2020, 4, 29), PublishedDay(html));
    }

    [Fact]
    public void Address_date_outranks_a_date_shown_near_the_headline_when_nothing_is_stated()
    {
        string html = Page("", "<p><em>Christine Prayon in der Sendung vom 26.05.2015</em></p>", lang: "de");
        Assert.Equal(new DateOnly(2016, 4, 15), PublishedDay(html, "https://www.example.ch/2016-04-15/geheimdienste/"));
    }

    [Theory]
    [InlineData("01-11-2023 10:29", 2023, 11, 1)]
    [InlineData("2020-12-05T23:15:0Z", 2020, 12, 5)]
    public void Machine_dates_written_loosely_are_read(string text, int y, int m, int d)
    {
        Assert.True(DateText.TryParseMachine(text, out var v));
        Assert.Equal(new DateOnly(y, m, d), DateOnly.FromDateTime(v.DateTime));
    }

    [Fact]
    public void Pipe_separated_date_needs_a_four_digit_year()
    {
        Assert.True(DateText.TryFind("26 | 01 | 2022 Schweiz | Praxis", out var v));
        Assert.Equal(new DateOnly(2022, 1, 26), DateOnly.FromDateTime(v.DateTime));
        Assert.False(DateText.TryFind("3 | 4 | 19", out _));
    }

    private static readonly DateTimeOffset FetchedAt = new(2025, 10, 27, 10, 40, 0, TimeSpan.Zero); // 14:40 in Baku

    private static ExtractedArticle Fetched(string html, DateTimeOffset? fetched) =>
        HtmlArticleExtractor.Extract(html, new Uri("https://xeber.example.az/siyaset/12345"), fetched);

    [Fact]
    public void Relative_date_at_the_headline_is_read_against_the_fetch_time()
    {
        string html = Page("", """<div class="news-date">Bu gün, 14:37</div>""");
        var article = Fetched(html, FetchedAt);
        Assert.Equal(new DateTimeOffset(2025, 10, 27, 14, 37, 0, TimeSpan.FromHours(4)), article.Published);
        Assert.Equal(new DateEvidence(DateEvidenceKind.Relative, "headline"), article.PublishedFrom);
    }

    [Fact]
    public void Relative_date_in_a_date_line_at_the_headline_is_read()
    {
        string html = Page("", "<p>Siyasət | 2 saat əvvəl</p>");
        Assert.Equal(FetchedAt.AddHours(-2), Fetched(html, FetchedAt).Published);
    }

    [Fact]
    public void Relative_date_is_not_read_when_the_fetch_time_is_unknown()
    {
        string html = Page("", """<div class="news-date">Bu gün, 14:37</div>""");
        Assert.Null(Fetched(html, null).Published);
    }

    [Fact]
    public void Relative_dates_of_teasers_away_from_the_headline_are_not_the_articles()
    {
        string teasers = """<aside class="latest"><h2>Son xəbərlər</h2><ul><li><a href="/1">Digər xəbər başlığı burada</a> <span>2 saat əvvəl</span></li></ul></aside>""";
        Assert.Null(Fetched(Page("", after: teasers), FetchedAt).Published);
    }

    [Fact]
    public void Stated_publication_time_outranks_a_relative_date_of_the_same_day()
    {
        string html = Page("""<meta property="article:published_time" content="2025-10-27T14:37:12+04:00">""", """<div class="news-date">Bu gün, 14:37</div>""");
        var article = Fetched(html, FetchedAt);
        Assert.Equal(new DateTimeOffset(2025, 10, 27, 14, 37, 12, TimeSpan.FromHours(4)), article.Published);
        Assert.Equal(new DateEvidence(DateEvidenceKind.Meta, "article:published_time"), article.PublishedFrom);
    }
}
