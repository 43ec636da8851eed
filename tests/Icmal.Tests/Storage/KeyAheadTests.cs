using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Similarity;

using static Icmal.Tests.Support.SketchedArticles;

namespace Icmal.Tests.Storage;

/// <summary>
/// A PostgreSQL copy batch's keys read ahead, outside its transaction (<see cref="KeyAhead"/>,
/// <see cref="SketchStore.ReadKeysAhead"/>): the batch uses them, merged with this process's own key writes since, only
/// when the key write count (<see cref="KeyWriteStep"/>) says nothing else wrote keys, and then its candidates are those
/// of the look-up read in the transaction.
/// </summary>
public sealed class KeyAheadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Three batches whose keys are all read ahead before the first is linked: the second merges the first's keys, the
    /// third both earlier batches', and the common keys' newest <see cref="SketchStore.MaxPerKey"/> move past an older
    /// article meanwhile. Each arrival's candidates are those of the same batches read in their transactions.
    /// </summary>
    [Fact]
    public async Task Keys_read_ahead_and_merged_with_own_batches_give_the_candidates_read_in_the_transaction()
    {
        var (expected, _) = await CandidatesAsync(readAhead: false, otherWriter: false);
        var (got, ahead) = await CandidatesAsync(readAhead: true, otherWriter: false);
        Assert.Equal(expected, got);
        Assert.Equal((3, 0), (ahead.Used, ahead.ReadHere));
        // The older article shares three keys while it is among keys 1 and 2's newest (up to the second batch's first
        // arrival), then one: the test follows the keys' cap across batches.
        Assert.All(got.Take(5), c => Assert.Contains(1L, c));
        Assert.DoesNotContain(got.Skip(5), c => c.Contains(1L));
    }

    /// <summary>
    /// Another connection writes keys (an article sketched alone, as another process or a batch run one by one does)
    /// after the keys were read ahead: the batches read their look-up in the transaction and find that article.
    /// </summary>
    [Fact]
    public async Task A_key_written_by_another_connection_after_the_read_ahead_makes_the_batch_read_again()
    {
        var (expected, _) = await CandidatesAsync(readAhead: false, otherWriter: true);
        var (got, ahead) = await CandidatesAsync(readAhead: true, otherWriter: true);
        Assert.Equal(expected, got);
        Assert.Contains(got[0], c => c == OtherId);
        Assert.Equal(0, ahead.Used);
        Assert.True(ahead.ReadHere > 0);
    }

    /// <summary>Step 14 runs again cleanly, and then counts each statement that writes keys once (one trigger, not two).</summary>
    [Fact]
    public async Task Step_14_runs_twice_and_counts_each_key_statement_once()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using var conn = await stores.Database.ConnectAsync(Ct);
        foreach (string statement in KeyWriteStep.PostgreSqlStatements) await Sql.ExecAsync(conn, null, statement, Ct);
        async Task<long> CountAsync() => Convert.ToInt64(await Sql.ScalarAsync(conn, null,
            "SELECT COALESCE((SELECT CAST(value AS BIGINT) FROM settings WHERE key = @k), 0)", Ct, ("@k", KeyWriteStep.KeyWritesSetting)),
            System.Globalization.CultureInfo.InvariantCulture);
        long before = await CountAsync();
        await Sql.ExecAsync(conn, null, "INSERT INTO article_sketch_keys (sketch_key, article_id) VALUES (7, 1), (8, 1)", Ct);
        Assert.Equal(before + 1, await CountAsync());
        await Sql.ExecAsync(conn, null, "DELETE FROM article_sketch_keys WHERE sketch_key = 7", Ct);
        Assert.Equal(before + 2, await CountAsync());
        await Sql.ExecAsync(conn, null, "TRUNCATE article_sketch_keys", Ct);
        Assert.Equal(before + 3, await CountAsync());
    }

    /// <summary>The id the other writer's article gets (after the archive's).</summary>
    private const long OtherId = Fillers + 2;

    /// <summary>
    /// An archive (article 1 with keys 1, 2, 3; <see cref="Fillers"/> newer ones with keys 1 and 2), then three batches
    /// of four arrivals (keys 1, 2, 3, 10 + batch, 11 + batch and their own), each linked in its transaction; with
    /// <paramref name="readAhead"/> all three batches' keys read ahead first; with <paramref name="otherWriter"/> an
    /// article with keys 1, 2, 3, 10 sketched on a connection of its own after that. Each arrival's candidates' ids.
    /// </summary>
    private static async Task<(List<long[]> Candidates, KeyAhead Ahead)> CandidatesAsync(bool readAhead, bool otherWriter)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await SeedKeyedArchiveAsync(stores);
        var batches = Enumerable.Range(0, 3).Select(b => Enumerable.Range(0, 4)
            .Select(j => Sketch([1, 2, 3, (uint)(10 + b), (uint)(11 + b)], 50_000_000 + (b * 10 + j) * 100)).ToList()).ToList();
        if (readAhead)
            foreach (var batch in batches) stores.Sketches.ReadKeysAhead(batch);
        if (otherWriter)
        {
            var other = await db.OpenAsync();
            long id = await StoreAsync(other, 1_000);
            Assert.Equal(OtherId, id);
            await other.Sketches.AddAsync(id, Sketch([1, 2, 3, 10], 9_000_000), Ct);
        }
        var candidates = new List<long[]>();
        int n = 2_000;
        foreach (var sketches in batches)
        {
            await stores.Database.InOneTransactionAsync(async t =>
            {
                var arrivals = new List<(long, TextSketch, string)>();
                foreach (var sketch in sketches) arrivals.Add((await StoreAsync(stores, n++), sketch, "no such text"));
                var batch = await stores.Sketches.OpenBatchAsync(arrivals, 24, null, t);
                Assert.NotNull(batch);
                for (int i = 0; i < arrivals.Count; i++) candidates.Add([.. (await batch.CandidatesOfAsync(i, t)).Select(c => c.ArticleId)]);
                await batch.SaveAsync(t);
                return 0;
            }, Ct);
        }
        return (candidates, stores.Sketches.Ahead);
    }
}
