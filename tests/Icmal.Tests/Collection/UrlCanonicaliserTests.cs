using Icmal.Collection;

namespace Icmal.Tests.Collection;

public sealed class UrlCanonicaliserTests
{
    [Theory]
    [InlineData("https://APA.az/az/xeber/123?utm_source=fb&utm_medium=social", "https://apa.az/az/xeber/123")]
    [InlineData("https://apa.az/az/xeber/123#comments", "https://apa.az/az/xeber/123")]
    [InlineData("https://apa.az:443/az/xeber/123?fbclid=abc", "https://apa.az/az/xeber/123")]
    [InlineData("http://report.az/x?b=2&a=1&gclid=z", "http://report.az/x?a=1&b=2")]
    [InlineData("http://report.az/x?PHPSESSID=abc&id=5", "http://report.az/x?id=5")]
    [InlineData("http://report.az/x;jsessionid=ABC123?id=5", "http://report.az/x?id=5")]
    [InlineData("http://report.az/a/./b/../c", "http://report.az/a/c")]
    [InlineData("http://report.az", "http://report.az/")]
    [InlineData("http://report.az/x?", "http://report.az/x")]
    [InlineData("http://Report.AZ:8080/Path/Case", "http://report.az:8080/Path/Case")]
    [InlineData("https://oxu.az/siyaset/xeber-adi?id=5&mc_cid=1&_ga=2", "https://oxu.az/siyaset/xeber-adi?id=5")]
    public void Tracking_and_spelling_differences_collapse(string input, string expected) =>
        Assert.Equal(expected, UrlCanonicaliser.Canonicalise(input));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:a@b.az")]
    [InlineData("")]
    [InlineData("not a url")]
    public void Non_http_is_null(string input) => Assert.Null(UrlCanonicaliser.Canonicalise(input));

    [Fact]
    public void Relative_links_resolve_against_a_base() =>
        Assert.Equal("https://apa.az/az/news/5", UrlCanonicaliser.Canonicalise("/az/news/5?utm_campaign=x", new Uri("https://apa.az/az/")));

    [Theory]
    [InlineData("http://[::1]:8080/a", "http://[::1]:8080/a")]
    [InlineData("http://[2001:DB8::1]/x?utm_source=rss", "http://[2001:db8::1]/x")]
    [InlineData("https://[2001:db8:0:0:0:0:0:1]:443/x", "https://[2001:db8::1]/x")]
    [InlineData("http://[::ffff:127.0.0.1]/a", "http://[::ffff:127.0.0.1]/a")]
    public void Ipv6_literals_keep_their_brackets_and_stay_valid_urls(string input, string expected)
    {
        string? canonical = UrlCanonicaliser.Canonicalise(input);
        Assert.Equal(expected, canonical);
        Assert.True(Uri.TryCreate(canonical, UriKind.Absolute, out var parsed));
        Assert.Equal(canonical, UrlCanonicaliser.Canonicalise(parsed));
    }

    [Fact]
    public void A_canonical_loopback_ipv6_address_is_still_refused_by_the_address_guard()
    {
        var url = new Uri(UrlCanonicaliser.Canonicalise("http://[::1]:8080/a")!);
        Assert.NotNull(AddressGuard.CheckUrl(url, allowPrivate: false));
        Assert.Null(AddressGuard.CheckUrl(url, allowPrivate: true));
    }
}
