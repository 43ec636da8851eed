using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Categories;
using Icmal.Text.Entities;
using static Icmal.Storage.PostgreSqlFilterWalk;
using SearchFilters = Icmal.Storage.SearchFilters;

namespace Icmal.Tests.Storage;

/// <summary>
/// PostgreSQL's walk of a section or entity filter (<see cref="PostgreSqlFilterWalk"/>) gives exactly the newest
/// filtered matches one plain query gives, with their ranks, whichever filter it starts from and whatever else is
/// asked; and it is chosen only where looking up the filter's articles costs less than what the ranked join can do.
/// </summary>
public sealed class PostgreSqlFilterWalkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Rank = "ts_rank('{0.2, 0.2, 0.2, 1.0}'::real[], s.keys, CAST(@q AS tsquery), 1)";

    private static readonly FactEntity Iran = new("LOC:iran", "İran", EntityKind.Location, 1, 0, ["İran"]);
    private static readonly FactEntity Baku = new("LOC:baki", "Bakı", EntityKind.Location, 1, 0, ["Bakı"]);

    [Fact]
    public async Task The_walk_is_the_newest_filtered_matches_a_plain_query_gives()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var items = new List<(NewDocument, Article, SearchDocument)>();
        for (int i = 1; i <= 600; i++)
        {
            var text = new StringBuilder("Xəbər ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('.');
            if (i % 3 == 0) text.Append(" Neft hasilatı artıb.");
            if (i % 4 == 0) text.Append(" Qara dəniz sahili sakitdir.");
            if (i % 5 == 0) text.Append(" Dəniz kənarında qara buludlar var.");
            items.Add(PostgreSqlMatchWindowTests.Item(i, i % 10 == 0 ? "Neft bazarı" : "Xəbər", text.ToString()));
        }
        var ids = new List<long>();
        foreach (var batch in items.Chunk(300))
            ids.AddRange((await stores.Articles.AddManyAsync(batch, Ct)).Select(r => r.ArticleId));
        for (int n = 0; n < ids.Count; n++)
        {
            // Iran in every seventh article, Baku in every second; the economy in every third, the world in every eleventh.
            var entities = new List<FactEntity>();
            if (n % 7 == 0) entities.Add(Iran);
            if (n % 2 == 0) entities.Add(Baku);
            if (entities.Count > 0) await stores.Entities.ReplaceAsync(ids[n], entities, Ct);
            if (n % 3 == 0) await stores.Categories.SetAsync(ids[n], new CategoryAssignment(NewsCategory.Iqtisadiyyat, CategoryOrigin.Classifier, 0.9), Ct);
            else if (n % 11 == 0) await stores.Categories.SetAsync(ids[n], new CategoryAssignment(NewsCategory.Dunya, CategoryOrigin.Classifier, 0.9), Ct);
        }
        await using var conn = await stores.Database.ConnectAsync(Ct);
        var (iran, baku) = await EntityIdsAsync(conn);
        var dialect = new PostgreSqlDialect();
        int compared = 0, found = 0;

        foreach (string text in new[] { "neft", "xəbər", "\"qara dəniz\"", "dəniz -neft", "neft title:bazarı" })
        {
            var match = PostgreSqlTsText.Query(Searcher.KeysOf(QueryParser.Parse(text).Query!));
            foreach (var (categories, entities) in new (string[], long[])[]
            {
                ([], [iran]), (["iqtisadiyyat"], []), (["dunya"], [baku]), ([], [iran, baku]), (["iqtisadiyyat"], [iran]), (["siyaset"], []),
            })
            {
                var criteria = new SearchCriteria(new KeyQuery([], []), [], [], null, null, 20, 0, TimeSpan.FromSeconds(30))
                {
                    Categories = categories, EntityIds = entities,
                };
                await using var tx = await conn.BeginTransactionAsync(Ct);
                var drivers = await DriversAsync(conn, tx, criteria, Ct);
                var (all, allParameters) = SearchFilters.Sql(dialect, criteria, datesExact: true);
                // From every filter of the search, not only the one the planner's estimates put first.
                foreach (var driver in drivers)
                {
                    var (others, parameters) = SearchFilters.Sql(dialect, Others(criteria, driver), datesExact: true);
                    foreach (int window in new[] { 1, 5, 40, 2_000 })
                    {
                        var got = await ReadAsync(conn, tx, driver, others, [.. parameters, ("@q", match), ("@m", match)], Rank, window, Ct);
                        var expected = await Sql.ListAsync(conn, tx, $"""
                            SELECT s.article_id, {Rank} FROM article_search s JOIN articles a ON a.id = s.article_id
                            WHERE s.keys @@ CAST(@q AS tsquery){all} ORDER BY s.article_id DESC LIMIT @window
                            """, r => new PostgreSqlMatch(r.GetInt64(0), r.GetFloat(1)), Ct, [.. allParameters, ("@q", match), ("@window", window)]);
                        Assert.Equal(expected, got);
                        compared++;
                        if (expected.Count > 1) found++;
                    }
                }
                await tx.CommitAsync(Ct);
            }
        }
        // Most comparisons had matches to compare (a section no article is in has none).
        Assert.True(found > compared / 2, $"{found} of {compared}");
    }

    [Fact]
    public async Task Each_filter_is_estimated_and_the_rarest_comes_first()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var items = Enumerable.Range(1, 200).Select(i => PostgreSqlMatchWindowTests.Item(i, "Xəbər", "Xəbər " + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var ids = (await stores.Articles.AddManyAsync(items, Ct)).Select(r => r.ArticleId).ToList();
        for (int n = 0; n < ids.Count; n++)
        {
            await stores.Entities.ReplaceAsync(ids[n], n % 20 == 0 ? [Iran, Baku] : [Baku], Ct);
            await stores.Categories.SetAsync(ids[n], new CategoryAssignment(NewsCategory.Iqtisadiyyat, CategoryOrigin.Classifier, 0.9), Ct);
        }
        await using var conn = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(conn, null, "ANALYZE article_entities", Ct);
        await Sql.ExecAsync(conn, null, "ANALYZE article_categories", Ct);
        var (iran, baku) = await EntityIdsAsync(conn);
        var criteria = new SearchCriteria(new KeyQuery([], []), [], [], null, null, 20, 0, TimeSpan.FromSeconds(30))
        {
            Categories = ["iqtisadiyyat"], EntityIds = [baku, iran],
        };

        await using var tx = await conn.BeginTransactionAsync(Ct);
        var drivers = await DriversAsync(conn, tx, criteria, Ct);

        Assert.Equal([(FilterTable.Entities, (object)iran), (FilterTable.Entities, baku), (FilterTable.Categories, "iqtisadiyyat")],
            drivers.Select(d => (d.Table, d.Value)).ToList());
        Assert.InRange(drivers[0].Articles, 5, 20); // 10 of the 200
        Assert.Equal([baku], Others(criteria, drivers[0]).EntityIds);
        Assert.Equal(["iqtisadiyyat"], Others(criteria, drivers[0]).Categories);
        Assert.Empty(Others(criteria, drivers[2]).Categories);
    }

    /// <summary>The ids the archive gave Iran and Baku.</summary>
    private static async Task<(long Iran, long Baku)> EntityIdsAsync(System.Data.Common.DbConnection conn)
    {
        var ids = await Sql.ListAsync(conn, null, "SELECT entity_key, id FROM entities", r => (Key: r.GetString(0), Id: r.GetInt64(1)), Ct);
        return (ids.Single(e => e.Key == Iran.Key).Id, ids.Single(e => e.Key == Baku.Key).Id);
    }

    [Fact]
    public void A_filter_is_walked_where_looking_up_its_articles_costs_less_than_the_index()
    {
        // Counts from the 1M archive of docs/benchmarks.md, each with the way that was faster there, warm.
        const double articles = 990_000;
        // neft entity:191 (63,261 matches of the words, 73,711 articles of the entity): 43 ms walked, 161 ms joined.
        Assert.True(Pays(articles, 63_261, 73_711, 1, 1_000));
        // vergi entity:62: 27 ms walked, 83 ms joined.
        Assert.True(Pays(articles, 154_073, 83_207, 1, 1_000));
        // futbol category:hadise, a small section: 9 ms walked, 14 ms joined.
        Assert.True(Pays(articles, 2_911, 1_156, 1, 1_000));
        // futbol category:cemiyyet, rare words in a large section: 66 ms joined, 1,184 ms walked.
        Assert.False(Pays(articles, 2_911, 419_278, 1, 1_000));
        // zelzele entity:191: 87 ms joined, 302 ms walked.
        Assert.False(Pays(articles, 10_293, 73_711, 1, 1_000));
        // A second filter that lets few through: the walk passes more of the first one's articles for each match.
        Assert.True(Pays(articles, 40_000, 100_000, 1, 1_000));
        Assert.False(Pays(articles, 40_000, 100_000, 0.1, 1_000));
        Assert.False(Pays(0, 10, 10, 1, 1_000));
    }

    [Fact]
    public void With_an_end_date_a_filter_is_walked_only_where_walking_all_its_articles_costs_less_than_the_window()
    {
        // Planner's estimates from the 1M archive of docs/benchmarks.md, each with the way that was faster there, warm.
        const double articles = 990_000;
        // azərbaycan category:hadise since:2019-01-01 until:2020-12-31 (94,047 matches, a section of 1,617): 25 ms
        // walked, 386 ms by the window.
        Assert.True(PaysWhole(94_047, 1_617, 1_617 / articles, 1_000));
        // prezident category:diger, the same dates (59,747; 16,465): walked 125 ms, window 204 ms.
        Assert.True(PaysWhole(59_747, 16_465, 16_465 / articles, 1_000));
        // azərbaycan entity:191, the same dates (94,047; 70,957): window 69 ms, the walk's 70,957 look-ups ~280 ms.
        Assert.False(PaysWhole(94_047, 70_957, 70_957 / articles, 1_000));
        // prezident entity:2, the same dates (59,747; 316,826): window 41–56 ms.
        Assert.False(PaysWhole(59_747, 316_826, 316_826 / articles, 1_000));
    }
}
