using Icmal.Ingest;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// What PostgreSQL is told so that an import costs it less CPU per article (issue #17): the wide columns compressed
/// with lz4 (migration step 8), and repeated statements kept prepared by the pool.
/// </summary>
public sealed class PostgreSqlWriteCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Step_8_compresses_the_wide_article_columns_with_lz4_where_the_server_has_it()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using var conn = await stores.Database.ConnectAsync(Ct);
        bool lz4 = await Sql.ScalarAsync(conn, null, $"SELECT {PostgreSqlMigrations.Lz4Available}", Ct) is true;
        foreach ((string table, string column) in PostgreSqlMigrations.Lz4Columns)
        {
            string method = Convert.ToString(await Sql.ScalarAsync(conn, null,
                "SELECT attcompression::text FROM pg_attribute WHERE attrelid = CAST(@t AS regclass) AND attname = @c", Ct, ("@t", table), ("@c", column)),
                System.Globalization.CultureInfo.InvariantCulture)!;
            Assert.Equal(lz4 ? "l" : "", method);
        }
    }

    /// <summary>
    /// The sketch keys are an insert-only table whose newest rows the copy look-up reads most; autovacuum must visit it
    /// after a small share of new rows, not PostgreSQL's fifth, or the look-up keeps going back to the table.
    /// </summary>
    [Fact]
    public async Task Step_10_has_autovacuum_visit_the_sketch_keys_after_a_small_share_of_new_rows()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using var conn = await stores.Database.ConnectAsync(Ct);
        string options = Convert.ToString(await Sql.ScalarAsync(conn, null,
            "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = CAST('article_sketch_keys' AS regclass)", Ct),
            System.Globalization.CultureInfo.InvariantCulture)!;
        Assert.Equal("autovacuum_vacuum_insert_scale_factor=0.01", options);
    }

    /// <summary>
    /// The rows an import writes for each article no longer check it by a foreign key (step 13: a locking look-up of
    /// the article per row); the keys of the tables an import does not write stay, and the sketch row's, which takes
    /// a deleted article's sketch keys with it (step 12's trigger).
    /// </summary>
    [Fact]
    public async Task Step_13_leaves_the_sketch_rows_key_and_those_an_import_does_not_write()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using var conn = await stores.Database.ConnectAsync(Ct);
        var keys = await Sql.ListAsync(conn, """
            SELECT c.relname || '.' || a.attname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
            WHERE k.contype = 'f' AND k.confrelid = CAST('articles' AS regclass) ORDER BY 1
            """, r => r.GetString(0), Ct);
        Assert.Equal(["article_sketches.article_id", "article_views.article_id", "seen_urls.article_id"], keys);
    }

    /// <summary>
    /// A search, though its statements are prepared, is planned for its own words each time: never a generic plan,
    /// which would outlive the enable_* settings and stretch the match window chose for an earlier search.
    /// </summary>
    [Fact]
    public async Task Searches_are_planned_for_their_own_words_though_prepared()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        var now = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var documents = Enumerable.Range(0, 40).Select(i => new IncomingDocument(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"list.json#{i}"), DocumentFormat.JsonArticle,
            System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["url"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"https://site.az/xeber/{i}"),
                ["title"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Xəbər {i}"),
                ["site"] = "site.az",
                ["published"] = now.AddMinutes(i).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["text"] = string.Concat(Enumerable.Repeat(i % 2 == 0 ? $"Bakıda {i} nömrəli yeni park açılıb, sakinlər sevinir. " : $"Gəncədə {i} nömrəli məktəb tikilir, şagirdlər gözləyir. ", 6)),
            })), now)).ToList();
        await pipeline.IngestManyAsync(documents, Ct);
        // A budget no loaded test machine runs past: this test is about plans, not time (a full suite on 2 cores ran a
        // search here past the default 2 s).
        var searcher = new Searcher(stores) { Budget = TimeSpan.FromMinutes(1) };
        for (int i = 0; i < 12; i++)
        {
            var answer = await searcher.SearchAsync(new SearchRequest(i % 2 == 0 ? "park" : "məktəb"), Ct);
            Assert.True(answer.Results is not null, answer.Problem?.ToString());
            Assert.NotEmpty(answer.Results.Items);
        }
        await using var conn = await stores.Database.ConnectAsync(Ct);
        var plans = await Sql.ListAsync(conn, "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%@@%'",
            r => (Generic: r.GetInt64(0), Custom: r.GetInt64(1)), Ct);
        Assert.NotEmpty(plans);
        Assert.All(plans, p => Assert.Equal(0, p.Generic));
    }

    [Fact]
    public async Task The_pool_prepares_statements_it_sends_again()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using var conn = await stores.Database.ConnectAsync(Ct);
        const string repeated = "SELECT COUNT(*) FROM articles WHERE id > @n";
        for (int i = 0; i < 3; i++) await Sql.Int64Async(conn, null, repeated, Ct, ("@n", (long)i));
        long prepared = await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM articles WHERE id >%'", Ct);
        Assert.Equal(1, prepared);
    }

    [Fact]
    public void A_connection_string_that_sets_auto_preparation_keeps_its_choice_and_a_password_naming_it_does_not()
    {
        const string own = "Host=127.0.0.1;Database=icmal;Max Auto Prepare=0";
        Assert.Equal(own, PostgreSqlConnection.ForPool(own));
        var pooled = new Npgsql.NpgsqlConnectionStringBuilder(PostgreSqlConnection.ForPool("Host=127.0.0.1;Database=icmal;Password=MaxAutoPrepare"));
        Assert.Equal(PostgreSqlConnection.MaxAutoPrepare, pooled.MaxAutoPrepare);
        Assert.Equal(PostgreSqlConnection.AutoPrepareMinUsages, pooled.AutoPrepareMinUsages);
    }
}
