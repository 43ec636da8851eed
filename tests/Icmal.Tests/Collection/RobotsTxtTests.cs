using Icmal.Collection;

namespace Icmal.Tests.Collection;

public sealed class RobotsTxtTests
{
    [Fact]
    public void Our_group_wins_over_star_and_longest_match_decides()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /

            User-agent: IcmalBot
            User-agent: OtherBot
            Disallow: /admin
            Allow: /admin/public
            Disallow: /*.pdf$
            Crawl-delay: 2.5
            Sitemap: https://site.az/sitemap.xml
            """, FetchOptions.ProductToken);
        Assert.True(robots.IsAllowed("/news/1"));
        Assert.False(robots.IsAllowed("/admin/x"));
        Assert.True(robots.IsAllowed("/admin/public/x"));
        Assert.False(robots.IsAllowed("/files/a.pdf"));
        Assert.True(robots.IsAllowed("/files/a.pdf?x=1"));
        Assert.Equal(TimeSpan.FromSeconds(2.5), robots.CrawlDelay);
        Assert.Equal(["https://site.az/sitemap.xml"], robots.Sitemaps);
    }

    [Fact]
    public void Star_group_applies_when_we_are_not_named()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /private/\nDisallow:\n", FetchOptions.ProductToken);
        Assert.False(robots.IsAllowed("/private/a"));
        Assert.True(robots.IsAllowed("/public"));
        Assert.Null(robots.CrawlDelay);
    }

    [Fact]
    public void Garbage_allows_everything() => Assert.True(RobotsTxt.Parse("<html>not robots</html>", "IcmalBot").IsAllowed("/x"));
}
