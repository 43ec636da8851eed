using System.Globalization;
using Icmal.Model;

namespace Icmal.Web.Pages;

/// <summary>The home page (latest articles) and the article page.</summary>
public static class ArticlePages
{
    public const int PageSize = 30;

    /// <summary>The deepest numbered page (?page=): its offset stays within the store's bound; deeper pages use cursors.</summary>
    public const int MaxPage = Storage.ArticlePageQuery.MaxOffset / PageSize + 1;

    public static string BadPageMessage { get; } = string.Create(CultureInfo.InvariantCulture,
        $"Səhifə nömrəsi 1 ilə {MaxPage} arasında tam ədəd olmalıdır; daha köhnə xəbərlərə \"Daha köhnə\" keçidləri ilə gedin.");

    public static string Home(Storage.ArticlePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var articles = page.Items;
        return Layout.Render("Son xəbərlər", h =>
        {
            h.Raw("<h1>Son xəbərlər</h1>\n");
            if (articles.Count == 0 && page.Newer is null)
            {
                h.Raw("<p class=\"empty\">Hələ heç bir xəbər yoxdur. <code>icmal import</code> ilə əlavə edin.</p>\n");
                return;
            }
            if (articles.Count == 0) h.Raw("<p class=\"empty\">Bundan köhnə xəbər yoxdur.</p>\n");
            h.Raw("<ol class=\"articles\">\n");
            foreach (var a in articles) Card(h, a, withStoryLink: true);
            h.Raw("</ol>\n<nav class=\"pager\">");
            if (page.Newer is { } newer) h.Raw("<a rel=\"prev\" href=\"/?after=").Attr(newer.Encode()).Raw("\">← Daha yeni</a> ");
            if (page.Older is { } older) h.Raw("<a rel=\"next\" href=\"/?before=").Attr(older.Encode()).Raw("\">Daha köhnə →</a>");
            h.Raw("</nav>\n");
        }, "Azərbaycan xəbər saytlarından son xəbərlər, bir yerdə.");
    }

    public static string Article(Article a)
    {
        return Layout.Render(a.Title, h =>
        {
            h.Raw("<article class=\"article\">\n<h1>").Text(a.Title).Raw("</h1>\n<p class=\"meta\">");
            Meta(h, a, withArchive: true);
            h.Raw("</p>\n");
            if (a.Original is { } credit)
            {
                h.Raw("<p class=\"credit\">Mənbə: ");
                if (credit.Url is not null) h.Raw("<a rel=\"nofollow noopener\" href=\"").Attr(Html.SafeUrl(credit.Url)).Raw("\">").Text(credit.Name ?? credit.Url).Raw("</a>");
                else h.Text(credit.Name);
                h.Raw("</p>\n");
            }
            h.Raw("<div class=\"body\">\n");
            bool inList = false;
            foreach (var block in a.Blocks)
            {
                if (block.Kind == BlockKind.ListItem && !inList) { h.Raw("<ul>\n"); inList = true; }
                if (block.Kind != BlockKind.ListItem && inList) { h.Raw("</ul>\n"); inList = false; }
                (string open, string close) = block.Kind switch
                {
                    BlockKind.Heading => ("<h2>", "</h2>"),
                    BlockKind.ListItem => ("<li>", "</li>"),
                    BlockKind.Quote => ("<blockquote>", "</blockquote>"),
                    BlockKind.Preformatted => ("<pre>", "</pre>"),
                    _ => ("<p>", "</p>"),
                };
                h.Raw(open).Text(block.Text).Raw(close).Raw("\n");
            }
            if (inList) h.Raw("</ul>\n");
            h.Raw("</div>\n");
            if (a.Url is not null)
                h.Raw("<p class=\"original\"><a rel=\"nofollow noopener\" href=\"").Attr(Html.SafeUrl(a.Url)).Raw("\">Orijinal mənbədə oxu →</a></p>\n");
            if (a.StoryId is { } story && a.StorySize > 1)
                h.Raw("<p class=\"story-link\"><a href=\"/stories/").Raw(story.ToString(CultureInfo.InvariantCulture)).Raw("\">Bu mövzuda daha ")
                    .Raw((a.StorySize - 1).ToString(CultureInfo.InvariantCulture)).Raw(" xəbər →</a></p>\n");
            h.Raw("</article>\n<p><a href=\"/\">← Bütün xəbərlər</a></p>\n");
        }, Lead(a));
    }

    /// <summary>A story: its articles in the order it unfolded, with the outlets that covered it.</summary>
    public static string Story(Story story, IReadOnlyList<Article> articles)
    {
        return Layout.Render(story.Title, h =>
        {
            h.Raw("<h1>").Text(story.Title).Raw("</h1>\n<p class=\"meta\">")
                .Text(articles.Count.ToString(CultureInfo.InvariantCulture)).Raw(" xəbər · ")
                .Text(AzFormat.DateTime(story.FirstSeen)).Raw(" – ").Text(AzFormat.DateTime(story.LastSeen)).Raw("</p>\n");
            var sites = articles.Select(a => a.Site).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (sites.Count > 0) h.Raw("<p class=\"story-sources\">Mənbələr: ").Text(string.Join(", ", sites)).Raw("</p>\n");
            h.Raw("<ol class=\"articles story\">\n");
            foreach (var a in articles) Card(h, a, withStoryLink: false);
            h.Raw("</ol>\n<p><a href=\"/\">← Bütün xəbərlər</a></p>\n");
        }, $"{story.Title}: {articles.Count} xəbər");
    }

    public static string NotFound(string what, string heading = "Tapılmadı") =>
        Layout.Render(heading, h => h.Raw("<h1>").Text(heading).Raw("</h1>\n<p>").Text(what).Raw("</p>\n<p><a href=\"/\">Ana səhifəyə qayıt</a></p>\n"));

    /// <summary>One article in a list: headline, source line, lead, and the way to its story.</summary>
    private static void Card(Html h, Article a, bool withStoryLink)
    {
        h.Raw("<li class=\"article-card\"><h2><a href=\"/articles/").Raw(a.Id.ToString(CultureInfo.InvariantCulture)).Raw("\">")
            .Text(a.Title).Raw("</a></h2>\n<p class=\"meta\">");
        Meta(h, a, withArchive: false);
        h.Raw("</p>\n<p class=\"lead\">").Text(Lead(a)).Raw("</p>");
        if (withStoryLink && a.StoryId is { } story && a.StorySize > 1)
            h.Raw("<p class=\"story-link\"><a href=\"/stories/").Raw(story.ToString(CultureInfo.InvariantCulture)).Raw("\">Bu mövzuda ")
                .Raw(a.StorySize.ToString(CultureInfo.InvariantCulture)).Raw(" xəbər →</a></p>");
        h.Raw("</li>\n");
    }

    private static void Meta(Html h, Article a, bool withArchive)
    {
        var parts = new List<Action>();
        if (a.Site is not null) parts.Add(() => h.Raw("<span class=\"site\">").Text(a.Site).Raw("</span>"));
        if (a.Authors.Count > 0) parts.Add(() => h.Raw("<span class=\"author\">").Text(string.Join(", ", a.Authors)).Raw("</span>"));
        if (a.Published is { } p)
        {
            parts.Add(() =>
            {
                h.Raw("<span class=\"published\">Dərc olunub: <time datetime=\"").Raw(AzFormat.Iso(p)).Raw("\">").Text(AzFormat.DateTime(p)).Raw("</time>");
                // On the article's own page, say which of the page's dates this is.
                if (withArchive && AzFormat.DateSource(a.PublishedFrom) is { } source)
                    h.Raw(" <span class=\"date-source\">(mənbə: ").Text(source).Raw(")</span>");
                h.Raw("</span>");
            });
        }
        if (withArchive || a.Published is null)
            parts.Add(() => h.Raw("<span class=\"archived\">Arxivləşdirilib: <time datetime=\"").Raw(AzFormat.Iso(a.Archived)).Raw("\">").Text(AzFormat.DateTime(a.Archived)).Raw("</time></span>"));
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0) h.Raw(" · ");
            parts[i]();
        }
    }

    private static string Lead(Article a)
    {
        string text = a.Blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph && !string.Equals(b.Text, a.Title, StringComparison.Ordinal))?.Text ?? "";
        if (text.Length <= 240) return text;
        int cut = text.LastIndexOf(' ', 240);
        return string.Concat(text.AsSpan(0, cut > 120 ? cut : 240), "…");
    }
}
