using Icmal.Extraction;
using Icmal.Model;
using Icmal.Ingest;
using Icmal.Analysis;

namespace Icmal.Tests.Extraction;

/// <summary>Hand-written pages that pin what the HTML extractor keeps, drops and reads.</summary>
public sealed class HtmlArticleTests
{
    private const string Prose1 = "Prezident İlham Əliyev oktyabrın 20-də Qazaxıstana dövlət səfərinə gedib. Səfər çərçivəsində iki ölkə arasında 150-yə yaxın sənəd imzalanıb, ticarət dövriyyəsinin artırılması müzakirə olunub.";
    private const string Prose2 = "Astanada keçirilən Ali Dövlətlərarası Şuranın ikinci iclasında Orta Dəhlizin inkişafı, enerji və nəqliyyat layihələri, həmçinin süni intellekt üzrə əməkdaşlıq geniş müzakirə edilib.";
    private const string Prose3 = "Tərəflər Xəzər dənizi vasitəsilə yükdaşımaların həcminin artırılmasının, Bakı–Tbilisi–Qars dəmir yolunun imkanlarından səmərəli istifadənin vacibliyini vurğulayıblar.";

    private static string NewsPage(string extraHead = "", string beforeArticle = "", string afterArticle = "") => $$"""
        <!doctype html>
        <html lang="az">
        <head>
          <meta charset="utf-8">
          <title>Əliyev Astanada | Nümunə Xəbər</title>
          <meta property="og:site_name" content="Nümunə Xəbər">
          <meta property="og:title" content="Əliyev Astanada: 150-yə yaxın sənəd imzalandı">
          <meta property="og:image" content="/img/astana.jpg">
          <link rel="canonical" href="https://numune.az/siyaset/2025/10/21/aliyev-astanada">
          {{extraHead}}
        </head>
        <body>
          <header class="site-header"><nav><a href="/">Əsas</a> <a href="/siyaset">Siyasət</a> <a href="/iqtisadiyyat">İqtisadiyyat</a></nav></header>
          <div class="cookie-banner">Bu sayt kukilərdən istifadə edir. Razılaşırsınız?</div>
          {{beforeArticle}}
          <main>
            <article>
              <h1>Əliyev Astanada: 150-yə yaxın sənəd imzalandı</h1>
              <div class="share-bar"><a href="#">Facebook</a> <a href="#">Telegram</a> <a href="#">WhatsApp</a></div>
              <p>{{Prose1}}</p>
              <h2>Orta Dəhliz</h2>
              <p>{{Prose2}}</p>
              <ul><li>Enerji əməkdaşlığı genişlənir</li><li>Nəqliyyat marşrutları inkişaf etdirilir</li></ul>
              <blockquote>Azərbaycan və Qazaxıstan qardaş ölkələrdir, əməkdaşlığımız strateji xarakter daşıyır.</blockquote>
              <table><tr><th>İl</th><th>Dövriyyə</th></tr><tr><td>2023</td><td>598,47 milyon dollar</td></tr></table>
              <p>{{Prose3}}</p>
              <div class="newsletter">Gündəlik xəbər bülletenimizə abunə olun və heç nəyi qaçırmayın!</div>
            </article>
            <section class="related-news">
              <h3>Bənzər xəbərlər</h3>
              <ul>
                <li><a href="/a">Tokayev Bakıya səfər edəcək</a></li>
                <li><a href="/b">Füzulidə yeni məktəb açıldı</a></li>
                <li><a href="/c">Qəbələdə turizm mövsümü başladı</a></li>
              </ul>
            </section>
            <div id="comments" class="comments">
              <h3>Şərhlər</h3>
              <p>Şərh yazmaq üçün daxil olun. Çox maraqlı yazıdır, təşəkkürlər müəllifə və redaksiyaya!</p>
            </div>
          </main>
          {{afterArticle}}
          <aside class="sidebar"><h3>Ən çox oxunan</h3><p>Futbolçu yeni klubla müqavilə imzaladı və azarkeşlər bunu sevinclə qarşıladılar, klub rəhbərliyi də bəyanat yaydı.</p></aside>
          <footer>© 2025 Nümunə Xəbər. Bütün hüquqlar qorunur.</footer>
        </body>
        </html>
        """;

    [Fact]
    public void Article_text_is_kept_and_page_chrome_dropped()
    {
        var a = TestData.Html(NewsPage());
        Assert.Contains(Prose1, a.Text, StringComparison.Ordinal);
        Assert.Contains(Prose2, a.Text, StringComparison.Ordinal);
        Assert.Contains(Prose3, a.Text, StringComparison.Ordinal);
        foreach (string chrome in (string[])["Siyasət", "kukilərdən", "Facebook", "Tokayev Bakıya", "Şərh yazmaq", "Futbolçu", "abunə olun", "hüquqlar", "Bənzər xəbərlər"])
            Assert.DoesNotContain(chrome, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_lists_quotes_and_tables_keep_their_kind_and_order()
    {
        var a = TestData.Html(NewsPage());
        var kinds = a.Blocks.Select(b => b.Kind).ToList();
        Assert.Equal(
            [BlockKind.Paragraph, BlockKind.Heading, BlockKind.Paragraph, BlockKind.ListItem, BlockKind.ListItem, BlockKind.Quote, BlockKind.TableRow, BlockKind.TableRow, BlockKind.Paragraph],
            kinds);
        Assert.Equal("2023 | 598,47 milyon dollar", a.Blocks[7].Text);
    }

    [Fact]
    public void Metadata_comes_from_open_graph_canonical_and_the_url()
    {
        var a = TestData.Html(NewsPage());
        Assert.Equal("Əliyev Astanada: 150-yə yaxın sənəd imzalandı", a.Title);
        Assert.Equal("Nümunə Xəbər", a.Site);
        Assert.Equal("https://numune.az/siyaset/2025/10/21/aliyev-astanada", a.CanonicalUrl);
        Assert.Equal("az", a.Language);
        Assert.Equal(new DateOnly(2025, 10, 21), DateOnly.FromDateTime(a.Published!.Value.DateTime));
        Assert.Null(a.ImageUrl); // a relative og:image without a page URL cannot be resolved
        var withUrl = TestData.Html(NewsPage(), "https://numune.az/x");
        Assert.Equal("https://numune.az/img/astana.jpg", withUrl.ImageUrl);
    }

    [Theory]
    [InlineData("https://numune.az/x", "https://numune.az/siyaset/2025/10/21/aliyev-astanada")]
    [InlineData("https://m.numune.az/x", "https://numune.az/siyaset/2025/10/21/aliyev-astanada")]
    [InlineData("https://www.numune.az/amp/x", "https://numune.az/siyaset/2025/10/21/aliyev-astanada")]
    [InlineData("https://saxta.az/x", null)]
    [InlineData("https://numune.az.saxta.com/x", null)]
    [InlineData("https://az.com.az/x", null)]
    [InlineData("http://127.0.0.1/x", null)]
    public void A_canonical_address_on_another_site_than_the_pages_own_is_not_taken(string pageUrl, string? canonical)
    {
        // A page fetched from saxta.az naming numune.az's address as its own would be stored, shown and searched as
        // numune.az's article: the page's own address stands, and its site with it.
        var a = TestData.Html(NewsPage(), pageUrl);
        Assert.Equal(canonical, a.CanonicalUrl);
        string html = NewsPage().Replace("<link rel=\"canonical\" href=\"https://numune.az/siyaset/2025/10/21/aliyev-astanada\">",
            "<meta property=\"og:url\" content=\"https://numune.az/siyaset/2025/10/21/aliyev-astanada\">", StringComparison.Ordinal);
        Assert.Equal(canonical, TestData.Html(html, pageUrl).CanonicalUrl);
    }

    [Theory]
    [InlineData("apa.az", "https://apa.az/x", "apa.az")]
    [InlineData("APA.az", "https://m.apa.az/x", "APA.az")]
    [InlineData("apa.az", "https://saxta.az/x", "saxta.az")]
    [InlineData("https://apa.az", "https://saxta.az/x", "saxta.az")]
    [InlineData("APA", "https://saxta.az/x", "APA")]
    [InlineData("apa.az", null, "apa.az")]
    public void A_site_name_that_is_another_sites_domain_is_not_taken(string siteName, string? pageUrl, string expected)
    {
        // Shown on every card as the outlet's name: a page of saxta.az cannot call itself apa.az. A name that is no
        // domain cannot be checked against the address here (the copy links check it against the followed sources).
        string html = NewsPage().Replace("content=\"Nümunə Xəbər\"", $"content=\"{siteName}\"", StringComparison.Ordinal)
            .Replace("<title>Əliyev Astanada | Nümunə Xəbər</title>", "<title>Əliyev Astanada</title>", StringComparison.Ordinal);
        Assert.Equal(expected, TestData.Html(html, pageUrl).Site);
    }

    [Fact]
    public void Sites_are_one_under_a_registered_name_and_a_country_second_level()
    {
        Assert.True(WebUrl.SameSite(new Uri("https://news.report.com.az/a"), new Uri("https://report.com.az/b")));
        Assert.False(WebUrl.SameSite(new Uri("https://report.com.az/a"), new Uri("https://apa.com.az/b")));
        Assert.True(WebUrl.SameSite(new Uri("https://WWW.Sherg.AZ./a"), new Uri("https://sherg.az/b")));
        Assert.False(WebUrl.SameSite(new Uri("https://sherg.az/a"), new Uri("https://sherg.az.evil.ru/b")));
        Assert.True(WebUrl.SameSite(new Uri("http://10.0.0.1/a"), new Uri("http://10.0.0.1:8080/b")));
        Assert.False(WebUrl.SameSite(new Uri("http://10.0.0.1/a"), new Uri("http://10.0.0.2/b")));
    }

    [Fact]
    public void Json_ld_gives_headline_authors_dates_section_and_keywords()
    {
        const string ld = """
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Nümunə"},
             {"@type":"NewsArticle","headline":"Astana görüşü və regionda yeni əməkdaşlıq dövrü",
              "datePublished":"2025-10-27T14:37:00+04:00","dateModified":"2025-10-28T09:00:00+04:00",
              "author":[{"@type":"Person","name":"İlqar İlyasov"},{"@type":"Person","name":"Şəbnəm Həsənova"}],
              "articleSection":"Siyasət","keywords":"Qazaxıstan, TDT",
              "publisher":{"@type":"Organization","name":"YAP"}}]}
            </script>
            """;
        var a = TestData.Html(NewsPage(extraHead: ld));
        Assert.Equal("Astana görüşü və regionda yeni əməkdaşlıq dövrü", a.Title);
        Assert.Equal(["İlqar İlyasov", "Şəbnəm Həsənova"], a.Authors);
        Assert.Equal(new DateTimeOffset(2025, 10, 27, 14, 37, 0, TimeSpan.FromHours(4)), a.Published);
        Assert.Equal(new DateTimeOffset(2025, 10, 28, 9, 0, 0, TimeSpan.FromHours(4)), a.Modified);
        Assert.Contains("Siyasət", a.Tags);
        Assert.Contains("TDT", a.Tags);
    }

    [Fact]
    public void Broken_json_ld_does_not_lose_the_other_metadata()
    {
        var a = TestData.Html(NewsPage(extraHead: """<script type="application/ld+json">{"@type":"NewsArticle", "headline": </script>"""));
        Assert.Equal("Əliyev Astanada: 150-yə yaxın sənəd imzalandı", a.Title);
        Assert.Contains(Prose1, a.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<div class=\"date\">27.10.2025 [14:37]</div>", 2025, 10, 27)]
    [InlineData("<span class=\"news-time\">20 Oktyabr 2025 14:02</span>", 2025, 10, 20)]
    [InlineData("<div class=\"meta\">Yayımlanıb: 2024-cü il 11 mart</div>", 2024, 3, 11)]
    [InlineData("<time datetime=\"2025-10-21T10:00:00+04:00\">bu gün</time>", 2025, 10, 21)]
    [InlineData("<p class=\"info\">21 октября 2025, 12:30</p>", 2025, 10, 21)]
    public void Date_in_the_article_header_is_the_publication_date(string dateMarkup, int y, int m, int d)
    {
        string html = NewsPage().Replace("<link rel=\"canonical\" href=\"https://numune.az/siyaset/2025/10/21/aliyev-astanada\">", "", StringComparison.Ordinal)
            .Replace("<h1>", dateMarkup + "<h1>", StringComparison.Ordinal);
        var a = TestData.Html(html);
        Assert.NotNull(a.Published);
        Assert.Equal(new DateOnly(y, m, d), DateOnly.FromDateTime(a.Published!.Value.DateTime));
    }

    [Fact]
    public void Publication_date_wins_over_the_pages_today_in_the_header()
    {
        string html = NewsPage(beforeArticle: "<div class=\"today-date\">24 Noyabr 2026, Bazar ertəsi</div>",
                extraHead: "<meta property=\"article:published_time\" content=\"2025-10-21T09:15:00+04:00\">")
            .Replace("<link rel=\"canonical\" href=\"https://numune.az/siyaset/2025/10/21/aliyev-astanada\">", "", StringComparison.Ordinal);
        var a = TestData.Html(html);
        Assert.Equal(new DateTimeOffset(2025, 10, 21, 9, 15, 0, TimeSpan.FromHours(4)), a.Published);
    }

    [Fact]
    public void Title_loses_the_site_suffix()
    {
        string html = "<html><head><title>Astana görüşü və yeni əməkdaşlıq dövrü - YAP.org.az</title></head><body><p>" + Prose1 + "</p><p>" + Prose2 + "</p></body></html>";
        Assert.Equal("Astana görüşü və yeni əməkdaşlıq dövrü", TestData.Html(html).Title);
    }

    [Fact]
    public void Republication_credit_in_the_page_is_read_and_dropped_from_the_text()
    {
        string html = NewsPage().Replace("<p>" + Prose3 + "</p>", "<p>" + Prose3 + "</p><p>Mənbə: https://sherg.az</p>", StringComparison.Ordinal);
        var a = TestData.Html(html);
        Assert.NotNull(a.Original);
        Assert.Equal("https://sherg.az", a.Original!.Url);
        Assert.DoesNotContain("Mənbə", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_hidden_with_css_or_the_hidden_attribute_is_not_extracted()
    {
        string html = NewsPage().Replace("<p>" + Prose2 + "</p>", "<p>" + Prose2 + "</p><p style=\"display: none\">Gizli mətn: bu cümlə göstərilmir və çıxarılmamalıdır, çünki oxucu onu görmür.</p><p hidden>Bu da gizlidir və oxucu görmür, ona görə də mətndə olmamalıdır.</p>", StringComparison.Ordinal);
        var a = TestData.Html(html);
        Assert.DoesNotContain("Gizli", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bu da gizlidir", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Article_built_by_scripts_falls_back_to_json_ld_article_body()
    {
        string body = string.Join("\n", Prose1, Prose2, Prose3);
        string html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Başlıq\",\"articleBody\":"
            + System.Text.Json.JsonSerializer.Serialize(body) + "}</script></head><body><div id=\"app\"></div><script>render()</script></body></html>";
        var a = TestData.Html(html);
        Assert.Equal(3, a.Blocks.Count);
        Assert.Equal(Prose2, a.Blocks[1].Text);
    }

    [Fact]
    public void Sanitised_html_output_carries_no_scripts_handlers_or_frames()
    {
        string hostile = "<html><body><article><p>" + Prose1 + "<script>alert(1)</script><img src=x onerror=alert(2)></p>"
            + "<p><a href=\"javascript:alert(3)\">bura</a> " + Prose2 + "</p><iframe src=\"https://evil.example\"></iframe>"
            + "<form action=\"/x\"><input name=q></form><p>&lt;script&gt;alert(4)&lt;/script&gt; " + Prose3 + "</p></article></body></html>";
        var extracted = TestData.Html(hostile);
        var article = ArticleAnalyzer.ArticleOf(new IncomingDocument("t", DocumentFormat.Html, Array.Empty<byte>(), DateTimeOffset.UtcNow), extracted);
        string html = ArticleFormats.Html(article);
        foreach (string bad in (string[])["<script", "onerror", "javascript:", "<iframe", "<form", "<input"])
            Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<p>", html, StringComparison.Ordinal);
    }
}
