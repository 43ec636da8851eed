using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Similarity;

using static Icmal.Tests.Support.SketchedArticles;

namespace Icmal.Tests.Storage;

/// <summary>
/// A PostgreSQL copy batch's keys' lists kept from batch to batch (<see cref="KeyCache"/>): a later batch reads only the
/// keys it has not seen and takes the others from the cache, carried forward with this process's own committed key
/// writes, only while the key write count says nothing else wrote keys. Each run is compared with the same steps done
/// by a fresh store each batch (nothing kept, nothing read ahead: every key read in the transaction).
/// </summary>
public sealed class KeyCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Five batches, each read ahead just before it is linked (as an import does): from the second on, the shared keys
    /// come from the cache, and their newest <see cref="SketchStore.MaxPerKey"/> move past the older article meanwhile.
    /// </summary>
    [Fact]
    public async Task Kept_lists_give_the_candidates_read_in_the_transaction()
    {
        var (expected, _, _) = await RunAsync(keep: false, "bbbbb");
        var (got, ahead, _) = await RunAsync(keep: true, "bbbbb");
        Assert.Equal(expected, got);
        Assert.True(ahead.KeysKept >= 4 * 3, $"kept {ahead.KeysKept}");
        Assert.Equal(5, ahead.Used);
        // The older article is a candidate while it is among keys 1 and 2's newest, then not: the test follows the cap.
        Assert.Contains(got, c => c.Contains(1L));
        Assert.Contains(got, c => !c.Contains(1L));
    }

    /// <summary>
    /// After each of five batches, the kept lists carried to the count now (as the next batch's check carries them) are
    /// each key's newest ids read from the table: compared list by list, not only through the candidates.
    /// </summary>
    [Fact]
    public async Task Kept_lists_carried_to_the_count_now_are_the_tables_newest_ids()
    {
        int compared = 0;
        await RunAsync(keep: true, "bbbbb", async (stores, keys) =>
        {
            var ahead = stores.Sketches.Ahead;
            await using var conn = await stores.Database.ConnectAsync(Ct);
            var own = ahead.OwnAfter(ahead.Cache.Count ?? long.MaxValue);
            long now = Convert.ToInt64(await Sql.ScalarAsync(conn, null,
                "SELECT COALESCE((SELECT CAST(value AS BIGINT) FROM settings WHERE key = @k), 0)", Ct, ("@k", KeyWriteStep.KeyWritesSetting)),
                System.Globalization.CultureInfo.InvariantCulture);
            var committed = new List<bool>();
            foreach (var w in own)
                committed.Add(string.Equals(Convert.ToString(await Sql.ScalarAsync(conn, null, "SELECT txid_status(@x)", Ct, ("@x", w.Xid)),
                    System.Globalization.CultureInfo.InvariantCulture), "committed", StringComparison.Ordinal));
            ahead.Cache.Advance(now, own, committed, SketchStore.MaxPerKey);
            Assert.Equal(now, ahead.Cache.Count);
            foreach (long key in keys)
            {
                if (!ahead.Cache.TryGet(key, out var kept)) continue;
                var table = await Sql.ListAsync(conn, "SELECT article_id FROM article_sketch_keys WHERE sketch_key = @k ORDER BY article_id DESC LIMIT @n",
                    r => r.GetInt64(0), Ct, ("@k", key), ("@n", SketchStore.MaxPerKey));
                Assert.Equal(table, kept);
                compared++;
            }
        });
        Assert.True(compared >= 5 * 3, $"compared {compared}");
    }

    /// <summary>
    /// Another store writes keys between two batches (an article sketched alone, as another process does): the next
    /// batch forgets what was kept, reads, and finds that article.
    /// </summary>
    [Theory]
    [InlineData("bbfbb")]
    [InlineData("bbkbb")]
    public async Task A_key_written_by_another_store_between_batches_makes_the_next_batch_read(string plan)
    {
        var (expected, _, _) = await RunAsync(keep: false, plan);
        var (got, ahead, foreign) = await RunAsync(keep: true, plan);
        Assert.Equal(expected, got);
        Assert.Contains(Assert.Single(foreign), got[8]);
        Assert.True(ahead.ReadHere > 0);
    }

    /// <summary>
    /// A batch rolled back (its ids never stored) leaves nothing in the cache: the batches after it, with the kept lists
    /// still used, find what a read in the transaction finds; also when another store's write then takes the count
    /// the rolled-back batch had.
    /// </summary>
    [Theory]
    [InlineData("brbb")]
    [InlineData("brfbb")]
    [InlineData("brkbb")]
    public async Task A_rolled_back_batch_does_not_poison_the_cache(string plan)
    {
        var (expected, _, _) = await RunAsync(keep: false, plan);
        var (got, ahead, _) = await RunAsync(keep: true, plan);
        Assert.Equal(expected, got);
        Assert.True(ahead.KeysKept > 0, $"kept {ahead.KeysKept}");
    }

    /// <summary>
    /// An archive (article 1 with keys 1, 2, 3; <see cref="Fillers"/> newer ones with keys 1 and 2), then the steps of
    /// <paramref name="plan"/>: <c>b</c> a batch of four arrivals (keys 1, 2, 3, 10 + step, 11 + step and their own)
    /// linked and committed, <c>r</c> one rolled back after linking, <c>f</c> an article with keys 1, 2, 3, 10 + step
    /// sketched by another store (two key statements: its old keys deleted, its keys written), <c>k</c> the same
    /// written by one key statement on another connection. With <paramref name="keep"/> one store links every batch, each read ahead just before;
    /// without, a fresh store links each; <paramref name="afterBatch"/> is given the linking store and the batch's keys
    /// after each batch committed. Each linked arrival's candidates' ids, the keeping store's counters and the
    /// other store's articles.
    /// </summary>
    private static async Task<(List<long[]> Candidates, KeyAhead Ahead, List<long> Foreign)> RunAsync(bool keep, string plan,
        Func<Stores, IReadOnlyCollection<long>, Task>? afterBatch = null)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await SeedKeyedArchiveAsync(stores);
        var candidates = new List<long[]>();
        var foreign = new List<long>();
        int n = 2_000;
        for (int step = 0; step < plan.Length; step++)
        {
            if (plan[step] is 'f' or 'k')
            {
                var other = await db.OpenAsync();
                long id = await StoreAsync(other, n++);
                foreign.Add(id);
                var sketch = Sketch([1, 2, 3, (uint)(10 + step)], 9_000_000 + step * 100);
                if (plan[step] == 'f')
                {
                    await other.Sketches.AddAsync(id, sketch, Ct);
                    continue;
                }
                // One key statement, one count: the count the rolled-back batch had is taken by this write.
                await using var conn = await other.Database.ConnectAsync(Ct);
                await Sql.ExecAsync(conn, null, "INSERT INTO article_sketches (article_id, shingles, sketch) VALUES (@a, @s, @b)", Ct,
                    ("@a", id), ("@s", sketch.Shingles), ("@b", sketch.ToBytes()));
                await Sql.ExecAsync(conn, null, "INSERT INTO article_sketch_keys (sketch_key, article_id) SELECT k, @a FROM unnest(@keys) AS t(k)", Ct,
                    ("@a", id), ("@keys", sketch.Keys.ToArray().Select(k => (long)k).ToArray()));
                continue;
            }
            var sketches = Enumerable.Range(0, 4)
                .Select(j => Sketch([1, 2, 3, (uint)(10 + step), (uint)(11 + step)], 50_000_000 + (step * 10 + j) * 100)).ToList();
            var linking = keep ? stores : await db.OpenAsync();
            if (keep) linking.Sketches.ReadKeysAhead(sketches);
            bool rollBack = plan[step] == 'r';
            var found = new List<long[]>();
            try
            {
                await linking.Database.InOneTransactionAsync(async t =>
                {
                    var arrivals = new List<(long, TextSketch, string)>();
                    foreach (var sketch in sketches) arrivals.Add((await StoreAsync(linking, n++), sketch, "no such text"));
                    var batch = await linking.Sketches.OpenBatchAsync(arrivals, 24, null, t);
                    Assert.NotNull(batch);
                    for (int i = 0; i < arrivals.Count; i++) found.Add([.. (await batch.CandidatesOfAsync(i, t)).Select(c => c.ArticleId)]);
                    await batch.SaveAsync(t);
                    if (rollBack) throw new RolledBack();
                    return 0;
                }, Ct);
            }
            catch (RolledBack)
            {
                continue;
            }
            candidates.AddRange(found);
            if (afterBatch is not null) await afterBatch(linking, [.. sketches.SelectMany(k => k.Keys.ToArray()).Select(k => (long)k).Distinct()]);
        }
        return (candidates, stores.Sketches.Ahead, foreign);
    }

    private sealed class RolledBack : Exception;
}
