using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>Several processes starting on one new PostgreSQL database at once: one migrates, the others wait and find it done.</summary>
public sealed class MigrationLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Processes_opening_a_new_postgresql_database_at_once_migrate_it_once()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        // Each Database has its own Npgsql data source, so each migrates on its own server session, as a process would.
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Database.OpenAsync(db.Setting, Ct), Ct)));

        await using var conn = await opened[0].ConnectAsync(Ct);
        var versions = await Sql.ListAsync(conn, "SELECT version FROM schema_migrations ORDER BY version", r => r.GetInt32(0), Ct);
        Assert.Equal(SqlDialect.PostgreSql.Migrations.Select(s => s.Version), versions);
        // The lock was let go: a later start takes it at once.
        Assert.True(await Sql.ScalarAsync(conn, null, $"SELECT pg_try_advisory_lock({PostgreSqlDialect.MigrationLockKey})", Ct) is true);
    }
}
