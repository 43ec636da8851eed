using CsCheck;
using Icmal.Collection;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>robots.txt: groups, wildcards, Crawl-delay in any notation, sitemaps, junk lines; then path checks.</summary>
public static class RobotsTarget
{
    private static readonly Gen<string> Pattern = Gen.OneOf(
        Gen.Const("/"), Gen.Const(""), Gen.Const("*"), Gen.Const("/*"), Gen.Const("/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*x"), Gen.Const("/a$"),
        Gen.Const("$"), Gen.Const("/xəbər/"), Gen.Const("/%E2%82%AC"), Gen.Const("/%"), Gen.Const("/?id=*"), Gen.Const("/**********************"),
        Gen.Const("/a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p$"), Hostile.Text(20), Hostile.Huge(Gen.Const("*a")));

    private static readonly Gen<string> Line = Gen.Frequency(
        (3, Gen.OneOf(Gen.Const("User-agent: *"), Gen.Const("user-agent: IcmalBot"), Gen.Const("User-Agent: icmalbot/1.0"), Gen.Const("User-agent:"),
            Gen.Const("User-agent: Googlebot"), Gen.Const("USER-AGENT : *"))),
        (4, Pattern.Select(p => "Disallow: " + p)), (3, Pattern.Select(p => "Allow: " + p)),
        (2, Gen.OneOf(Gen.Const("Crawl-delay: 10"), Gen.Const("Crawl-delay: 0.5"), Gen.Const("Crawl-delay: -1"), Gen.Const("Crawl-delay: 1e308"),
            Gen.Const("Crawl-delay: NaN"), Gen.Const("Crawl-delay: 99999999999999999999"), Gen.Const("Crawl-delay: ١٠"), Gen.Const("Crawl-delay: Infinity"),
            Gen.Const("Crawl-delay: 10,5"), Gen.Const("Crawl-delay:"))),
        (2, UrlGen.Any.Select(u => "Sitemap: " + u)), (1, Hostile.Text(60)), (1, Gen.Const("# comment: Disallow: /")), (1, Gen.Const("")));

    private static readonly Gen<string> Robots = Gen.Select(Line.Array[0, 60], Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r")),
        (lines, nl) => string.Join(nl, lines));

    private static readonly string[] Paths = ["/", "/xəbər/2025/10/21/a", "/a", "/?id=5", "/%E2%82%AC", "/" + new string('a', 3000) + "x", "/a*b", ""];
    private static readonly Uri RobotsUrl = new("https://numune.az/robots.txt");

    public static readonly FuzzTarget<string> Target = new("robots", Robots, Check, CorpusCodec.FromString, CorpusCodec.ToString, DefaultIterations: 500);

    private static void Check(string text)
    {
        var robots = RobotsTxt.Parse(text, "IcmalBot");
        foreach (string path in Paths) _ = robots.IsAllowed(path);
        if (robots.CrawlDelay is { } delay && (delay < TimeSpan.Zero)) throw new InvalidOperationException($"negative crawl delay {delay}");
        foreach (var sitemap in Discovery.FindSitemapsInRobots(text, RobotsUrl)) _ = new Uri(sitemap.Url, UriKind.Absolute);
    }
}
