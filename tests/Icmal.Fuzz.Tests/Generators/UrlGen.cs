using CsCheck;

namespace Icmal.Fuzz.Tests.Generators;

/// <summary>
/// Hostile URL strings built part by part: odd schemes, userinfo, IDN and punycode hosts, IPv4 in odd notations,
/// ports out of range, percent-encoding good and bad, dot segments, tracking parameters, fragments, whitespace.
/// </summary>
public static class UrlGen
{
    private static readonly Gen<string> Scheme = Gen.Frequency(
        (12, Gen.OneOf(Gen.Const("https://"), Gen.Const("http://"), Gen.Const("HTTPS://"), Gen.Const("HtTp://"))),
        (3, Gen.OneOf(Gen.Const("//"), Gen.Const(""), Gen.Const("/"), Gen.Const("../"), Gen.Const("?"), Gen.Const("#"))),
        (2, Gen.OneOf(Gen.Const("javascript:"), Gen.Const("data:text/html,"), Gen.Const("ftp://"), Gen.Const("file:///"), Gen.Const("mailto:"),
            Gen.Const("http:"), Gen.Const("https:/"), Gen.Const("http:\\\\"), Gen.Const("\thttps://"), Gen.Const(" http ://"), Gen.Const("view-source:http://"))));

    private static readonly Gen<string> Ipv6 = Gen.OneOf(
        Gen.Const("[::1]"), Gen.Const("[2001:db8::1]"), Gen.Const("[::ffff:127.0.0.1]"), Gen.Const("[fe80::1%25eth0]"), Gen.Const("[FE80::ABCD]"),
        Gen.Const("[2001:0db8:0000:0000:0000:ff00:0042:8329]"));

    private static readonly Gen<string> HostPart = Gen.OneOf(
        Gen.Const("numune.az"), Gen.Const("www.apa.az"), Gen.Const("WWW.Report.AZ"), Gen.Const("xəbər.az"), Gen.Const("xn--xbr-nla8b.az"),
        Gen.Const("президент.рф"), Gen.Const("ÇİÇƏK.az"), Gen.Const("a.b.c.d.e.f.az."), Gen.Const("localhost"), Gen.Const("127.0.0.1"),
        Gen.Const("0x7f.1"), Gen.Const("2130706433"), Gen.Const("017700000001"), Gen.Const("169.254.169.254"), Gen.Const("999.999.999.999"),
        Gen.Const("-bad-.az"), Gen.Const("a..b"), Gen.Const(""), Gen.Const("ex%41mple.az"), Gen.Const("user:pass@numune.az"),
        Gen.Const("@numune.az"), Gen.Const("numune.az@evil.az"), Gen.Const("ａｐａ.ａｚ"), Gen.Const("xn--"), Gen.Const("xn--zz"),
        Gen.Const("a\u200Db.az"), Gen.Const("ß.az"), Gen.Const("ﬁ.az"), Gen.Const("İ.az"),
        Gen.Char["abcdefghijklmnopqrstuvwxyzəöüğışç0123456789-."].Array[1, 70].Select(c => new string(c) + ".az"));

    private static readonly Gen<string> Host = Gen.Frequency((10, HostPart), (2, Ipv6));

    private static readonly Gen<string> Port = Gen.Frequency(
        (8, Gen.Const("")),
        (2, Gen.OneOf(Gen.Const(":80"), Gen.Const(":443"), Gen.Const(":8080"), Gen.Const(":0"), Gen.Const(":65535"), Gen.Const(":65536"),
            Gen.Const(":-1"), Gen.Const(":"), Gen.Const(":99999999999"), Gen.Const(":08"), Gen.Const(":ab"))));

    private static readonly Gen<string> Segment = Gen.OneOf(
        Gen.Const("."), Gen.Const(".."), Gen.Const(""), Gen.Const("%2e%2E"), Gen.Const("%2F"), Gen.Const("%"), Gen.Const("%zz"), Gen.Const("%C3%A9"),
        Gen.Const("%E2%82"), Gen.Const("%00"), Gen.Const("%FF%FE"), Gen.Const("xəbər"), Gen.Const("2025"), Gen.Const("10"), Gen.Const("x;jsessionid=ABC"),
        Gen.Const("index.php"), Gen.Const("news-azerbaycan-qazaxistan-seferi-123456.html"), Gen.Const("a b"), Gen.Const("\\"), Gen.Const("~user"),
        Gen.Const("@"), Gen.Const(":"), Gen.Const("\u0000"), Gen.Const("\uD800"), Gen.Const("😀"), Hostile.Text(12));

    private static readonly Gen<string> Path = Segment.Array[0, 8].Select(s => s.Length == 0 ? "" : "/" + string.Join('/', s));

    private static readonly Gen<string> Param = Gen.OneOf(
        Gen.Const("utm_source=rss"), Gen.Const("UTM_Medium=x"), Gen.Const("fbclid=abc"), Gen.Const("id=123"), Gen.Const("id=124"),
        Gen.Const("a=1"), Gen.Const("a=2"), Gen.Const("b"), Gen.Const("="), Gen.Const(""), Gen.Const("%75tm_source=x"), Gen.Const("q=%"),
        Gen.Const("q=a+b"), Gen.Const("x=%ZZ"), Gen.Const("PHPSESSID=1"), Gen.Const("amp"), Gen.Const("s=ə"), Gen.Const("&"), Gen.Const("??"),
        Gen.Const("u=%uD800"), Gen.Const("k=%E2%82%AC"));

    private static readonly Gen<string> Query = Gen.Frequency(
        (3, Gen.Const("")),
        (4, Param.Array[0, 8].Select(p => "?" + string.Join('&', p))));

    private static readonly Gen<string> Fragment = Gen.Frequency(
        (5, Gen.Const("")), (1, Gen.OneOf(Gen.Const("#top"), Gen.Const("#"), Gen.Const("#a#b"), Gen.Const("#%zz"))));

    private static readonly Gen<string> Padding = Gen.Frequency(
        (8, Gen.Const("")), (1, Gen.OneOf(Gen.Const(" "), Gen.Const("\t\n"), Gen.Const("\u00A0"), Gen.Const("\u200B"), Gen.Const("\uFEFF"))));

    /// <summary>A URL-ish string put together from hostile parts.</summary>
    public static readonly Gen<string> Structured =
        Gen.Select(Padding, Scheme, Host, Port, Path, Query, Fragment, Padding,
            (lead, scheme, host, port, path, query, fragment, trail) => lead + scheme + host + port + path + query + fragment + trail);

    /// <summary>Mostly structured URLs, some free text.</summary>
    public static readonly Gen<string> Any = Gen.Frequency((9, Structured), (1, Hostile.Text(80)));
}
