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
}
