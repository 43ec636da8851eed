using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// How many articles a search's skeleton matches (<see cref="PostgreSqlSkeleton"/>), which says where the match window
/// starts reading: the words of one query go together, so an AND is not estimated as if they were independent.
/// </summary>
public sealed class PostgreSqlSkeletonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void An_and_takes_the_rarest_share_and_backs_off_the_others_by_square_roots()
    {
        Assert.Equal(0.01 * Math.Sqrt(0.25) * Math.Pow(0.5, 0.25), PostgreSqlSkeleton.Backoff([0.5, 0.01, 0.25]), 12);
        Assert.Equal(0.3, PostgreSqlSkeleton.Backoff([0.3]), 12);
        Assert.Equal(1.0, PostgreSqlSkeleton.Backoff([]), 12);
    }

    [Fact]
    public void An_or_of_alternatives_counts_them_as_independent_and_groups_are_and_ed()
    {
        var share = new Dictionary<string, double> { ["a"] = 0.1, ["b"] = 0.2, ["c"] = 0.5, ["d"] = 0.04 };
        // (a OR (b AND c)) AND d
        double alternatives = 1 - (1 - 0.1) * (1 - 0.2 * Math.Sqrt(0.5));
        double expected = 0.04 * Math.Sqrt(alternatives);
        Assert.Equal(expected, PostgreSqlSkeleton.Share([[["a"], ["b", "c"]], [["d"]]], k => share[k], PostgreSqlSkeleton.Backoff), 12);
        double independent = 0.04 * (1 - (1 - 0.1) * (1 - 0.2 * 0.5));
        Assert.Equal(independent, PostgreSqlSkeleton.Share([[["a"], ["b", "c"]], [["d"]]], k => share[k], PostgreSqlSkeleton.Independent), 12);
    }

    [Fact]
    public void The_skeleton_holds_the_phrases_keys_and_the_required_facets()
    {
        var query = Searcher.KeysOf(QueryParser.Parse("\"qara dəniz\" alma").Query!);
        var facet = new Facet(FacetKind.Site, "example.az");
        var skeleton = PostgreSqlSkeleton.Of(query, [[facet]]);
        Assert.Equal(3, skeleton.Shape.Count);
        Assert.Equal(2, skeleton.Shape[0][0].Count);
        Assert.Equal([facet.Lexeme], skeleton.Shape[2][0]);
        Assert.EndsWith(") & ('" + facet.Lexeme + "')", skeleton.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_that_go_together_are_estimated_near_their_count_not_as_independent()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var items = new List<(NewDocument, Article, SearchDocument)>();
        for (int i = 1; i <= 2_000; i++)
        {
            var text = new StringBuilder("Xəbər ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(". Hava buludludur.");
            // One article in twenty is about the market, and all of those name both words.
            if (i % 20 == 0) text.Append(" Bazarda alma ucuzlaşıb.");
            items.Add(Item(i, text.ToString()));
        }
        foreach (var batch in items.Chunk(500)) await stores.Articles.AddManyAsync(batch, Ct);
        await using var conn = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(conn, null, "ANALYZE article_search", Ct);

        var query = Searcher.KeysOf(QueryParser.Parse("bazar alma").Query!);
        var skeleton = PostgreSqlSkeleton.Of(query);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        var (estimate, lower) = await skeleton.EstimateAsync(conn, tx, Ct);
        double actual = Convert.ToDouble(await Sql.ScalarAsync(conn, tx, "SELECT COUNT(*) FROM article_search WHERE keys @@ CAST(@u AS tsquery)", Ct,
            ("@u", skeleton.Text)), CultureInfo.InvariantCulture);
        double independent = await PlannerRowsAsync(conn, tx, skeleton.Text);
        Assert.Equal(100, actual);
        // Independent shares (1/20 × 1/20 of 2,000): 5; the backoff: 1/20 × √(1/20) × 2,000 ≈ 22; each share as the planner has it.
        Assert.InRange(independent, 1, 10);
        Assert.InRange(estimate, 15, 100);
        Assert.InRange(lower, 1, 10);
    }

    private static async Task<double> PlannerRowsAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction tx, string tsquery)
    {
        string plan = Convert.ToString(await Sql.ScalarAsync(conn, tx, "EXPLAIN (FORMAT JSON) SELECT 1 FROM article_search s WHERE s.keys @@ CAST(@u AS tsquery)", Ct,
            ("@u", tsquery)), CultureInfo.InvariantCulture) ?? "";
        using var json = System.Text.Json.JsonDocument.Parse(plan);
        return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    private static (NewDocument, Article, SearchDocument) Item(int i, string text)
    {
        string origin = "https://example.az/" + i.ToString(CultureInfo.InvariantCulture);
        byte[] raw = Encoding.UTF8.GetBytes(origin + "\n" + text);
        var archived = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(i);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = origin, Url = origin, Title = "Xəbər", Archived = archived, Language = "az",
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (new NewDocument(Hashing.Sha256Hex(raw), origin, origin, "text", "utf-8", raw, archived), article, SearchDocument.Of(article));
    }
}
