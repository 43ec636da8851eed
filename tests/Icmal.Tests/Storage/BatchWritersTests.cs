using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// The engine's batch writes are chosen in one place, by the dialect (<see cref="SqlDialect.Batches"/>): PostgreSQL
/// takes its typed-array batches (with the store's own connection, or the shared transaction's), SQLite declines every
/// one so the stores run their portable statements. A batch path that declined by mistake would go unnoticed by the
/// stores' tests (the portable path gives the same rows), so it is pinned here.
/// </summary>
public sealed class BatchWritersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Only_PostgreSql_takes_the_batch_paths_and_the_shared_ones_only_in_a_shared_transaction(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var database = (await db.OpenAsync()).Database;
        var batches = database.Dialect.Batches;
        bool batched = engine == DatabaseEngine.PostgreSql;

        // Outside a batch's transaction there is no shared connection: the writes that need one decline on both engines.
        Assert.Null(batches.SetCategories(database, [], Ct));
        Assert.Null(batches.WriteFacts(database, [], 1, Ct));
        Assert.Null(batches.OpenCopyBatch(database, [], 1, 1, null, null, null, Ct));
        Assert.Null(batches.AddArticles(database, null, null, [], [], inGivenOrder: false, Ct));

        await using (var conn = await database.ConnectAsync(Ct))
        await using (var tx = await conn.BeginTransactionAsync(Ct))
        {
            var added = batches.AddArticles(database, conn, tx, [], [], inGivenOrder: false, Ct);
            Assert.Equal(batched, added is not null);
            if (added is not null) Assert.Empty(await added);
            await tx.CommitAsync(Ct);
        }

        await database.InOneTransactionAsync(async ct =>
        {
            var categories = batches.SetCategories(database, [], ct);
            Assert.Equal(batched, categories is not null);
            if (categories is not null) await categories;
            var facts = batches.WriteFacts(database, [], 1, ct);
            Assert.Equal(batched, facts is not null);
            if (facts is not null) await facts;
            var added = batches.AddArticles(database, null, null, [], [], inGivenOrder: false, ct);
            Assert.Equal(batched, added is not null);
            if (added is not null) Assert.Empty(await added);
            return 0;
        }, Ct);
    }
}
