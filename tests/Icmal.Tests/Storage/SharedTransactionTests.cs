using System.Data.Common;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// A shared transaction (<see cref="Database.InOneTransactionAsync{T}"/>) whose connection dies inside it: the
/// ROLLBACK that follows fails too, and that second failure must neither hide the first nor leave the database's
/// writer unusable.
/// </summary>
public sealed class SharedTransactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shared_transaction_whose_connection_is_killed_fails_with_that_error_and_the_next_one_commits()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var database = (await db.OpenAsync()).Database;
        await using (var conn = await database.ConnectAsync(Ct)) await Sql.ExecAsync(conn, null, "CREATE TABLE killed_write (n integer)", Ct);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => database.InOneTransactionAsync(async ct =>
        {
            await using var conn = await database.ConnectAsync(ct); // the shared transaction's connection, lent
            await Sql.ExecAsync(conn, null, "INSERT INTO killed_write VALUES (1)", ct);
            long pid = await Sql.Int64Async(conn, null, "SELECT pg_backend_pid()::bigint", ct);
            await using (var other = await database.ConnectOwnAsync(ct))
                await Sql.ExecAsync(other, null, "SELECT pg_terminate_backend(CAST(@pid AS integer))", ct, ("@pid", pid));
            await Sql.ExecAsync(conn, null, "INSERT INTO killed_write VALUES (2)", ct);
            return 0;
        }, Ct));

        // The server's own word for what happened, not the failed ROLLBACK's "connection is not open".
        Assert.Equal("57P01", error.SqlState);
        await database.InOneTransactionAsync(async ct =>
        {
            await using var conn = await database.ConnectAsync(ct);
            await Sql.ExecAsync(conn, null, "INSERT INTO killed_write VALUES (3)", ct);
            return 0;
        }, Ct);
        await using (var conn = await database.ConnectAsync(Ct))
            Assert.Equal(3, await Sql.Int64Async(conn, null, "SELECT COALESCE(SUM(n), 0) FROM killed_write", Ct));
    }
}
