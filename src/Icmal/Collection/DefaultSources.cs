using Icmal.Model;

namespace Icmal.Collection;

/// <summary>
/// Azerbaijani portals İcmal knows out of the box, with their feeds as published. They are added disabled: the
/// user enables those to follow (`icmal sources enable NAME`). Feed addresses change; a source whose feed fails is
/// reported on /admin/sources and can be re-discovered with `icmal sources add HOME-URL`.
/// </summary>
public static class DefaultSources
{
    public static IReadOnlyList<SourceDefinition> All { get; } =
    [
        Def("APA", "https://apa.az/", "az", (EndpointKind.Feed, "https://apa.az/rss"), (EndpointKind.Sitemap, "https://apa.az/sitemap.xml")),
        Def("Report.az", "https://report.az/", "az", (EndpointKind.Feed, "https://report.az/rss/")),
        Def("AZƏRTAC", "https://azertag.az/", "az", (EndpointKind.Feed, "https://azertag.az/rss")),
        Def("Trend", "https://az.trend.az/", "az", (EndpointKind.Feed, "https://az.trend.az/feeds/index.rss")),
        Def("Oxu.az", "https://oxu.az/", "az", (EndpointKind.Feed, "https://oxu.az/rss")),
        Def("Qafqazinfo", "https://qafqazinfo.az/", "az", (EndpointKind.Feed, "https://qafqazinfo.az/news/rss")),
        Def("Sherg.az", "https://sherg.az/", "az", (EndpointKind.Feed, "https://sherg.az/rss")),
        Def("Yeni Azərbaycan", "https://www.yeniazerbaycan.com/", "az", (EndpointKind.Listing, "https://www.yeniazerbaycan.com/")),
        Def("Icma.az", "https://icma.az/", "az", (EndpointKind.Feed, "https://icma.az/rss")),
        Def("Modern.az", "https://modern.az/", "az", (EndpointKind.Feed, "https://modern.az/rss")),
        Def("Musavat", "https://musavat.com/", "az", (EndpointKind.Feed, "https://musavat.com/rss")),
        Def("Azadlıq Radiosu", "https://www.azadliq.org/", "az", (EndpointKind.Feed, "https://www.azadliq.org/api/zrqiteuuir")),
        Def("Milli.az", "https://news.milli.az/", "az", (EndpointKind.Feed, "https://news.milli.az/rss.php")),
        Def("Axar.az", "https://axar.az/", "az", (EndpointKind.Feed, "https://axar.az/rss.php")),
        Def("Publika.az", "https://publika.az/", "az", (EndpointKind.Feed, "https://publika.az/rss")),
        Def("Day.az", "https://news.day.az/", "ru", (EndpointKind.Feed, "https://news.day.az/rss/all.rss")),
        Def("1news.az", "https://1news.az/az/", "az", (EndpointKind.Feed, "https://1news.az/az/rss.xml")),
        Def("Xalq qəzeti", "https://xalqqazeti.az/", "az", (EndpointKind.Listing, "https://xalqqazeti.az/az/")),
        Def("Azərbaycan qəzeti", "https://azerbaijan-news.az/", "az", (EndpointKind.Listing, "https://azerbaijan-news.az/")),
        Def("Yap.org.az", "https://yap.org.az/", "az", (EndpointKind.Listing, "https://yap.org.az/az/")),
        Def("Bizim.Media", "https://bizim.media/", "az", (EndpointKind.Feed, "https://bizim.media/rss")),
        Def("Bakupost", "https://bakupost.az/", "az", (EndpointKind.Feed, "https://bakupost.az/rss")),
        Def("Virtualaz", "https://virtualaz.org/", "az", (EndpointKind.Feed, "https://virtualaz.org/feed")),
        Def("Teleqraf.az", "https://teleqraf.az/", "az", (EndpointKind.Feed, "https://teleqraf.az/rss")),
    ];

    private static SourceDefinition Def(string name, string home, string language, params (EndpointKind, string)[] endpoints) =>
        new(name, home, language, endpoints);
}
