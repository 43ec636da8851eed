using System.Data.Common;
using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Categories;
using SearchFilters = Icmal.Storage.SearchFilters;

namespace Icmal.Tests.Storage;

/// <summary>
/// PostgreSQL's match window (<see cref="PostgreSqlMatchWindow"/>) gives exactly the newest matches one plain query over
/// every match gives, with their ranks, whichever way it reads them: a rare word over a stretch of the newest ids, a
/// common one walked back, a phrase whose words stand apart in the newest articles (its skeleton matches many more than
/// it does), an exclusion, and with or without the planner's statistics (its estimate only says where to start).
/// </summary>
public sealed class PostgreSqlMatchWindowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Rank = "ts_rank('{0.2, 0.2, 0.2, 1.0}'::real[], w.keys, CAST(@q AS tsquery), 1)";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_window_is_the_newest_matches_a_plain_query_gives(bool analysed)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var items = new List<(NewDocument, Article, SearchDocument)>();
        for (int i = 1; i <= 900; i++)
        {
            var text = new StringBuilder("Xəbər ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('.');
            if (i % 20 == 0) text.Append(" Bazarda alma ucuzlaşıb.");
            // The older third has "qara dəniz" as a phrase; the newest two thirds have both words, apart.
            if (i <= 300) text.Append(" Qara dəniz sahili sakitdir.");
            else text.Append(" Dəniz kənarında qara buludlar var.");
            // Only in the oldest third: the newest stretch its frequency points to holds none, and it is widened.
            if (i <= 300 && i % 5 == 0) text.Append(" Pambıq yığımı başlayıb.");
            items.Add(Item(i, i % 50 == 0 ? "Alma bazarı" : "Xəbər", text.ToString()));
        }
        foreach (var batch in items.Chunk(300)) await stores.Articles.AddManyAsync(batch, Ct);
        await using var conn = await stores.Database.ConnectAsync(Ct);
        if (analysed) await Sql.ExecAsync(conn, null, "ANALYZE article_search", Ct);

        await AssertSameAsPlainQueryAsync(conn, "alma", "\"qara dəniz\"", "qara dəniz", "qara -alma", "pambıq -alma", "alma pambıq", "alma -\"dəniz sahili\"");
    }

    [Fact]
    public async Task A_dated_window_is_the_newest_dated_matches_wherever_the_dates_ids_point()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var start = January;
        var items = JanuaryItems();
        foreach (var batch in items.Chunk(300)) await stores.Articles.AddManyAsync(batch, Ct);
        await using var conn = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(conn, null, "ANALYZE article_search", Ct);
        var dialect = new PostgreSqlDialect();
        var archive = (start, start.AddDays(30));
        DateTimeOffset Day(int d) => new(2025, 1, d, 0, 0, 0, TimeSpan.FromHours(4));

        foreach (var (since, until) in new (DateTimeOffset?, DateTimeOffset?)[] { (Day(1), Day(11)), (Day(20), null), (null, Day(5)), (Day(10), Day(12)) })
        {
            foreach (string text in new[] { "alma", "xəbər" })
            {
                var query = Searcher.KeysOf(QueryParser.Parse(text).Query!);
                var required = SearchFacets.Required(new SearchCriteria(query, [], [], since, until, 20, 0, TimeSpan.FromSeconds(30)), archive)!;
                Assert.True(required.DatesExact);
                string facets = PostgreSqlTsText.Facets(required.Groups)!;
                string match = "(" + PostgreSqlTsText.Query(query) + ") & " + facets, skeleton = "(" + PostgreSqlTsText.Skeleton(query) + ") & " + facets;
                await using var tx = await conn.BeginTransactionAsync(Ct);
                var dated = await SearchTotals.IdRangeAsync(conn, tx, dialect, since, until, Ct);
                // The dates' own ids, and ones that point wrong: the window is the same whatever they say.
                foreach (var stretch in new (long, long)?[] { dated, (1, 1), (900, 900), (450, 460), null })
                {
                    foreach (int window in new[] { 1, 5, 40, 2_000 })
                    {
                        var got = await PostgreSqlMatchWindow.ReadAsync(conn, tx, skeleton, match, match, Rank, window, stretch, () => Task.CompletedTask, Ct);
                        var expected = await Sql.ListAsync(conn, tx, $"""
                            SELECT w.article_id, {Rank} FROM article_search w WHERE w.keys @@ CAST(@q AS tsquery) ORDER BY w.article_id DESC LIMIT @window
                            """, r => new PostgreSqlMatch(r.GetInt64(0), r.GetFloat(1)), Ct, ("@q", match), ("@window", window));
                        Assert.True(expected.Count > 0, text);
                        Assert.Equal(expected, got);
                    }
                }
                await tx.CommitAsync(Ct);
            }
        }
    }

    [Fact]
    public async Task A_filtered_window_is_the_newest_matches_that_pass_the_filter_whatever_the_estimates_say()
    {
        // January's articles (JanuaryItems), with every third in the economy section and every eleventh in the world's.
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var start = January;
        var items = JanuaryItems();
        var ids = new List<long>();
        foreach (var batch in items.Chunk(300)) ids.AddRange((await stores.Articles.AddManyAsync(batch, Ct)).Select(r => r.ArticleId));
        for (int n = 0; n < ids.Count; n++)
        {
            if (n % 3 == 0) await stores.Categories.SetAsync(ids[n], new CategoryAssignment(NewsCategory.Iqtisadiyyat, CategoryOrigin.Classifier, 0.9), Ct);
            else if (n % 11 == 0) await stores.Categories.SetAsync(ids[n], new CategoryAssignment(NewsCategory.Dunya, CategoryOrigin.Classifier, 0.9), Ct);
        }
        await using var conn = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(conn, null, "ANALYZE", Ct);
        var dialect = new PostgreSqlDialect();
        var archive = (start, start.AddDays(30));
        DateTimeOffset Day(int d) => new(2025, 1, d, 0, 0, 0, TimeSpan.FromHours(4));
        int compared = 0, found = 0;

        // Whole days, an open end either way, and an instant inside a day (compared on the articles, not by facets).
        foreach (var (since, until) in new (DateTimeOffset?, DateTimeOffset?)[] { (Day(1), Day(11)), (Day(20), null), (null, Day(5)), (Day(10).AddHours(13), Day(12)) })
        {
            foreach (string text in new[] { "alma", "xəbər", "pambıq", "xəbər -alma" })
            {
                foreach (string category in new[] { "iqtisadiyyat", "dunya" })
                {
                    var query = Searcher.KeysOf(QueryParser.Parse(text).Query!);
                    var criteria = new SearchCriteria(query, [], [], since, until, 20, 0, TimeSpan.FromSeconds(30)) { Categories = [category] };
                    var required = SearchFacets.Required(criteria, archive)!;
                    string facets = PostgreSqlTsText.Facets(required.Groups)!;
                    string match = "(" + PostgreSqlTsText.Query(query) + ") & " + facets, skeleton = "(" + PostgreSqlTsText.Skeleton(query) + ") & " + facets;
                    var (filters, parameters) = SearchFilters.Sql(dialect, criteria, required.DatesExact);
                    await using var tx = await conn.BeginTransactionAsync(Ct);
                    var dated = await SearchTotals.IdRangeAsync(conn, tx, dialect, since, until, Ct);
                    // About the section's share, and far too small and far too large: the window is the same whatever
                    // the estimate says; only the stretch it reads first changes.
                    foreach (double share in new[] { 0.3, 1e-9, 1 })
                    {
                        var filter = new PostgreSqlWindowFilter(filters, parameters, share);
                        foreach (int window in new[] { 1, 5, 40, 2_000 })
                        {
                            var got = await PostgreSqlMatchWindow.ReadAsync(conn, tx, skeleton, match, match, Rank, window, dated, () => Task.CompletedTask, Ct, filter);
                            var expected = await Sql.ListAsync(conn, tx, $"""
                                SELECT w.article_id, {Rank} FROM article_search w JOIN articles a ON a.id = w.article_id
                                WHERE w.keys @@ CAST(@q AS tsquery){filters} ORDER BY w.article_id DESC LIMIT @window
                                """, r => new PostgreSqlMatch(r.GetInt64(0), r.GetFloat(1)), Ct, [.. parameters, ("@q", match), ("@window", window)]);
                            Assert.Equal(expected, got);
                            compared++;
                            if (expected.Count > 0) found++;
                        }
                    }
                    await tx.CommitAsync(Ct);
                }
            }
        }
        // Most comparisons had matches to compare (a rare word in the smaller section inside a few days has none).
        Assert.True(found > compared * 3 / 4, $"{found} of {compared}");
    }

    /// <summary>When <see cref="JanuaryItems"/> start: 2025-01-01 09:00 in Baku.</summary>
    private static readonly DateTimeOffset January = new(2025, 1, 1, 9, 0, 0, TimeSpan.FromHours(4));

    /// <summary>
    /// 30 articles a Baku day over 30 days of January 2025, stored in date order, but every seventh of the newest third
    /// dated in the first ten days (stored late with an old date: ids above the ids the dates point to); "alma" in every
    /// third, "pambıq" in every thirteenth.
    /// </summary>
    private static List<(NewDocument, Article, SearchDocument)> JanuaryItems()
    {
        var items = new List<(NewDocument, Article, SearchDocument)>();
        for (int i = 1; i <= 900; i++)
        {
            var at = i > 600 && i % 7 == 0 ? January.AddDays(i % 10) : January.AddDays((i - 1) / 30).AddMinutes(i % 30);
            string text = "Xəbər " + i.ToString(CultureInfo.InvariantCulture) + "." + (i % 3 == 0 ? " Bazarda alma ucuzlaşıb." : "")
                + (i % 13 == 0 ? " Pambıq yığımı başlayıb." : "");
            items.Add(Item(i, "Xəbər", text, at));
        }
        return items;
    }

    /// <summary>
    /// For each query of <paramref name="texts"/> and windows from 1 to past every match: the match window gives what
    /// one plain query over every match gives, the newest first, with the same ranks.
    /// </summary>
    internal static async Task AssertSameAsPlainQueryAsync(DbConnection conn, params string[] texts)
    {
        foreach (string text in texts)
        {
            foreach (int window in new[] { 1, 5, 40, 2_000 })
            {
                var match = Searcher.KeysOf(QueryParser.Parse(text).Query!);
                string words = PostgreSqlTsText.Query(match);
                await using var tx = await conn.BeginTransactionAsync(Ct);
                var got = await PostgreSqlMatchWindow.ReadAsync(conn, tx, PostgreSqlTsText.Skeleton(match), words, words, Rank, window, null, () => Task.CompletedTask, Ct);
                var expected = await Sql.ListAsync(conn, tx, $"""
                    SELECT w.article_id, {Rank} FROM article_search w WHERE w.keys @@ CAST(@q AS tsquery) ORDER BY w.article_id DESC LIMIT @window
                    """, r => new PostgreSqlMatch(r.GetInt64(0), r.GetFloat(1)), Ct, ("@q", words), ("@window", window));
                Assert.True(expected.Count > 0, text);
                Assert.Equal(expected, got);
                await tx.CommitAsync(Ct);
            }
        }
    }

    /// <summary>An article of one paragraph, archived at <paramref name="at"/>, or <paramref name="i"/> minutes after 2026-01-01 09:00 UTC.</summary>
    internal static (NewDocument, Article, SearchDocument) Item(int i, string title, string text, DateTimeOffset? at = null)
    {
        string origin = "https://example.az/" + i.ToString(CultureInfo.InvariantCulture);
        byte[] raw = Encoding.UTF8.GetBytes(origin + "\n" + text);
        var archived = at ?? new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(i);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = origin, Url = origin, Title = title, Archived = archived, Language = "az",
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (new NewDocument(Hashing.Sha256Hex(raw), origin, origin, "text", "utf-8", raw, archived), article, SearchDocument.Of(article));
    }
}
