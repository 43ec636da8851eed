namespace Icmal.Storage;

/// <summary>
/// The schema step of the portal's view counts (issue #19; SQLite step 15, PostgreSQL step 7): one row per article
/// and Baku day with how many readers opened it, added to in batches by the portal's view counter. Keyed by article
/// then day (an article's total); the day index answers "most read today / this week" without reading old days. The
/// step also indexes articles by site for the source pages.
/// </summary>
internal static class ArticleViewsStep
{
    public static IReadOnlyList<string> Statements(SqlDialect d) =>
    [
        """
        CREATE TABLE article_views (
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            day INTEGER NOT NULL, -- the Baku day, as DateOnly.DayNumber (days since 0001-01-01)
            views BIGINT NOT NULL,
            PRIMARY KEY (article_id, day)
        )
        """,
        "CREATE INDEX article_views_day ON article_views (day, article_id, views)",
        // The source pages (/sources/{site}) walk one site's articles newest first.
        "CREATE INDEX articles_site_sort ON articles (site, sort_at DESC, id DESC)",
    ];
}
