using System.Buffers.Binary;
using System.Text;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Similarity;

using static Icmal.Tests.Support.SketchedArticles;

namespace Icmal.Tests.Linking;

/// <summary>
/// PostgreSQL's step 12 (<see cref="SketchKeyStep"/>) and the candidates kept from batch to batch
/// (<see cref="CandidateCache"/>): a deleted article's keys still go with it though they no longer have a foreign
/// key; a change to a kept candidate, made by another process, is read again; the cache stays within its bound.
/// </summary>
public sealed class CandidateCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task Deleting_an_article_deletes_its_sketch_and_keys(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        long gone = await StoreAsync(stores, 1), kept = await StoreAsync(stores, 2);
        await stores.Sketches.AddAsync(gone, Sketch([1, 2, 3], 1_000), Ct);
        await stores.Sketches.AddAsync(kept, Sketch([1, 2, 3], 5_000), Ct);
        await using var conn = await stores.Database.ConnectAsync(Ct);

        await Sql.ExecAsync(conn, null, "DELETE FROM articles WHERE id = @a", Ct, ("@a", gone));

        Assert.Equal(0L, await CountAsync(conn, "SELECT COUNT(*) FROM article_sketch_keys WHERE article_id = @a", gone));
        Assert.Equal(0L, await CountAsync(conn, "SELECT COUNT(*) FROM article_sketches WHERE article_id = @a", gone));
        Assert.Equal((long)TextSketch.KeyCount, await CountAsync(conn, "SELECT COUNT(*) FROM article_sketch_keys WHERE article_id = @a", kept));
        Assert.Equal(3L, await CountAsync(conn, "SELECT COUNT(*) FROM article_sketch_keys WHERE sketch_key IN (1, 2, 3) AND article_id = @a", kept));
    }

    /// <summary>
    /// Two processes on one archive. The first links a batch, and keeps the older article it found; the second
    /// replaces that article's sketch (another version's) and renames its site by hand. The first's next batch reads
    /// both anew; without a change it reads neither again.
    /// </summary>
    [Fact]
    public async Task A_kept_candidate_changed_by_another_process_is_read_again()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var first = await db.OpenAsync();
        var second = await db.OpenAsync();
        long older = await StoreAsync(first, 0);
        await first.Sketches.AddAsync(older, Sketch([1, 2, 3], 1_000), Ct);

        var found = await LinkBatchAsync(first, 1, older);
        Assert.Equal(Sketch([1, 2, 3], 1_000).ToBytes(), found.Sketch.ToBytes());
        Assert.Equal("k.az", found.Site);
        Assert.Equal(1, first.Sketches.Candidates.Count);
        Assert.Equal("0", await EpochAsync(first));

        // Unchanged (the same sketch written again, fields set to what they were): still kept, the counter as it was.
        await second.Sketches.AddAsync(older, Sketch([1, 2, 3], 1_000), Ct);
        await using (var conn = await second.Database.ConnectAsync(Ct))
            await Sql.ExecAsync(conn, null, "UPDATE articles SET site = site, canonical_url = 'https://k.az/c' WHERE id = @a", Ct, ("@a", older));
        Assert.Equal("0", await EpochAsync(first));
        Assert.Equal(Sketch([1, 2, 3], 1_000).ToBytes(), (await LinkBatchAsync(first, 2, older)).Sketch.ToBytes());

        await second.Sketches.AddAsync(older, Sketch([1, 2, 3], 9_000), Ct);
        Assert.Equal("1", await EpochAsync(first));
        Assert.Equal(Sketch([1, 2, 3], 9_000).ToBytes(), (await LinkBatchAsync(first, 3, older)).Sketch.ToBytes());

        await using (var conn = await second.Database.ConnectAsync(Ct))
            await Sql.ExecAsync(conn, null, "UPDATE articles SET site = 'renamed.az' WHERE id = @a", Ct, ("@a", older));
        Assert.Equal("2", await EpochAsync(first));
        Assert.Equal("renamed.az", (await LinkBatchAsync(first, 4, older)).Site);
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity_and_the_entries_used_last()
    {
        var cache = new CandidateCache(10);
        cache.Check("0");
        var sketch = Sketch([1], 100);
        for (long id = 1; id <= 100; id++)
        {
            cache.AddSketch(id, sketch);
            // Article 1 is used again and again: it stays.
            Assert.True(cache.TryGet(1, out _, out _), $"article 1 was dropped at {id}");
            Assert.True(cache.Count <= 10, $"{cache.Count} kept");
        }
        Assert.True(cache.TryGet(100, out _, out _));
        Assert.False(cache.TryGet(50, out _, out _));
        cache.AddFields(100, new CandidateFields("k.az", null, DateTimeOffset.UnixEpoch, null, "h"));
        Assert.True(cache.TryGet(100, out _, out var fields) && fields is { Site: "k.az" });

        cache.Check("1");
        Assert.Equal(0, cache.Count);
        cache.Check(null);
        cache.AddSketch(1, sketch);
        Assert.Equal(0, cache.Count);
    }

    /// <summary>One arrival sharing keys 1–3 linked as a batch in its own transaction; the candidate <paramref name="older"/> as it found it.</summary>
    private static async Task<SketchedArticle> LinkBatchAsync(Stores stores, int n, long older) =>
        await stores.Database.InOneTransactionAsync(async t =>
        {
            long id = await StoreAsync(stores, 100 + n);
            var batch = await stores.Sketches.OpenBatchAsync([(id, Sketch([1, 2, 3], 50_000_000 + n * 1_000), "no such text")], 24, null, t);
            Assert.NotNull(batch);
            return (await batch.CandidatesOfAsync(0, t)).Single(c => c.ArticleId == older);
        }, Ct);

    private static async Task<string> EpochAsync(Stores stores)
    {
        await using var conn = await stores.Database.ConnectAsync(Ct);
        return Convert.ToString(await Sql.ScalarAsync(conn, null, "SELECT COALESCE((SELECT value FROM settings WHERE key = @k), '0')", Ct,
            ("@k", SketchKeyStep.CandidateEpochSetting)), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection conn, string sql, long id) =>
        Convert.ToInt64(await Sql.ScalarAsync(conn, null, sql, Ct, ("@a", id)), System.Globalization.CultureInfo.InvariantCulture);
}
