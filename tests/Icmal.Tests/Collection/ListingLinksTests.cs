using Icmal.Collection;
using Icmal.Tests.Support;

namespace Icmal.Tests.Collection;

/// <summary>
/// Article links of listing pages found by layout as well as address shape. The fixtures in Listings/ are written
/// by hand after the home pages of Azerbaijani portals (top menu, lead story, teaser grid, "Son xəbərlər" feed with
/// times, "Ən çox oxunanlar", footer with static pages), each with a different address style; each has a
/// .expected file with exactly the article links, in page order.
/// </summary>
public sealed class ListingLinksTests
{
    private static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "Icmal.Tests", "Collection", "Listings");

    public static TheoryData<string> Fixtures() =>
        new(Directory.GetFiles(Folder, "*.html").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_portal_home_page_yields_exactly_its_article_links(string fixture)
    {
        string html = File.ReadAllText(Path.Combine(Folder, fixture + ".html"));
        var page = new Uri(html[(html.IndexOf("page: ", StringComparison.Ordinal) + 6)..html.IndexOf(" -->", StringComparison.Ordinal)]);
        string[] expected = File.ReadAllLines(Path.Combine(Folder, fixture + ".expected")).Where(l => l.Length > 0).ToArray();

        var links = Discovery.FindArticleLinks(html, page);

        Assert.Equal(expected, links.Entries.Select(e => e.Url));
        Assert.All(links.Entries, e => Assert.False(string.IsNullOrEmpty(e.Title), e.Url));
    }

    [Fact]
    public void Twelve_teasers_with_short_ids_are_found_like_twelve_with_long_ids()
    {
        static string Page(Func<int, string> href) =>
            "<html><body><div class=\"menu\"><a href=\"/xeberler/siyaset\">Siyasət</a><a href=\"/xeberler/dunya\">Dünya</a></div><div class=\"grid\">"
            + string.Concat(Enumerable.Range(3, 12).Select(i =>
                $"<div class=\"teaser\"><a href=\"{href(i)}\"><img src=\"/i/{i}.jpg\" alt=\"\"></a><h3><a href=\"{href(i)}\">Bakıda keçirilən {i} saylı tədbirin yekunları açıqlanıb</a></h3><span>1{i % 10}:05</span></div>"))
            + "</div><div class=\"footer\"><a href=\"/haqqimizda\">Haqqımızda</a></div></body></html>";
        var site = new Uri("https://musavat.com/");

        var shortIds = Discovery.FindArticleLinks(Page(i => $"/xeber/{i}-layihe"), site).Entries.Select(e => e.Url).ToList();
        var longIds = Discovery.FindArticleLinks(Page(i => $"/xeber/{100000 + i}"), site).Entries.Select(e => e.Url).ToList();

        Assert.Equal(Enumerable.Range(3, 12).Select(i => $"https://musavat.com/xeber/{i}-layihe"), shortIds);
        Assert.Equal(Enumerable.Range(3, 12).Select(i => $"https://musavat.com/xeber/{100000 + i}"), longIds);
    }

    [Theory]
    [InlineData("/tag/qazaxistan")]
    [InlineData("/az/category/siyaset")]
    [InlineData("/muellif/ilqar-ilyasov")]
    [InlineData("/xeberler?page=2")]
    [InlineData("/page/3/")]
    [InlineData("/haqqimizda")]
    [InlineData("/az/elaqe")]
    [InlineData("/reklam.php")]
    [InlineData("/ru/")]
    [InlineData("/2025/11/")]
    [InlineData("/uploads/2025/11/sened.pdf")]
    public void Addresses_of_sections_tags_authors_pages_and_static_pages_are_never_articles(string path) =>
        Assert.True(ListingAddresses.IsNeverAnArticle(new Uri(new Uri("https://site.az/"), path)));

    [Theory]
    [InlineData("/xeber/3-layihe")]
    [InlineData("/az/news/123456")]
    [InlineData("/news.php?id=12")]
    [InlineData("/2025/11/09/slug.html")]
    [InlineData("/az/politics/slug-12345")]
    public void Article_addresses_pass_the_address_filter(string path) =>
        Assert.False(ListingAddresses.IsNeverAnArticle(new Uri(new Uri("https://site.az/"), path)));

    [Fact]
    public void A_listing_page_nested_100000_deep_is_read_in_bounded_time_with_its_teasers()
    {
        // A hostile "home page" with a block of 100,000 nested <div>s before its real teasers: the tree builder's stack
        // grows with the nesting, so without the bound a crawler's poll of this listing page took minutes (like
        // article pages did). Elements deeper than the bound lose their tags, so the teasers here follow the block.
        string teasers = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<div class=\"teaser\"><h3><a href=\"/xeber/{i}-layihe\">Bakıda keçirilən {i} saylı tədbirin yekunları açıqlanıb</a></h3><span>12:0{i}</span></div>"));
        string html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "x"
            + string.Concat(Enumerable.Repeat("</div>", 100_000)) + "<div class=\"list\">" + teasers + "</div></body></html>";

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var links = Discovery.FindArticleLinks(html, new Uri("https://numune.az/"));
        clock.Stop();

        Assert.Equal(6, links.Entries.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{clock.Elapsed.TotalSeconds:F1} s");
    }
}
