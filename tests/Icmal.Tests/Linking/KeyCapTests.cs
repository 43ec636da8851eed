using System.Buffers.Binary;
using System.Text;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Similarity;

using static Icmal.Tests.Support.SketchedArticles;

namespace Icmal.Tests.Linking;

/// <summary>
/// The copy look-up reads each key's newest <see cref="SketchStore.MaxPerKey"/> articles only. That holds on both engines
/// and on both paths: one by one (<see cref="SketchStore.CandidatesAsync"/>) and PostgreSQL's batch
/// (<see cref="SketchStore.OpenBatchAsync"/>). An older article shares three keys with the arrival: two common ones,
/// which <c>fillers</c> newer articles share too, and one that only those two have. The older article is a candidate
/// while it is still among the common keys' newest <see cref="SketchStore.MaxPerKey"/>, the arrival's own entry
/// counted among them as it is when linking. One more newer article pushes it out. Then it shares one key read, below
/// the two a candidate needs.
/// </summary>
public sealed class KeyCapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task An_older_article_is_found_under_common_keys_only_among_their_newest_MaxPerKey(DatabaseEngine engine)
    {
        foreach (var (fillers, found) in new[] { (SketchStore.MaxPerKey - 2, true), (SketchStore.MaxPerKey - 1, false) })
        {
            var arrival = Sketch([1, 2, 3], 50_000_000);
            await using (var db = await TestDatabase.CreateAsync(engine))
            {
                var (stores, older) = await ArchiveAsync(db, fillers);
                long arrivalId = await StoreAsync(stores, fillers + 1);
                // As CopyDetector links one arrival: its sketch stored first, so it is itself among each key's newest.
                await stores.Sketches.AddAsync(arrivalId, arrival, Ct);
                var alone = await stores.Sketches.CandidatesAsync(arrivalId, arrival, "no such text", 24, Ct);
                Assert.Equal(found, alone.Any(c => c.ArticleId == older));
            }
            if (engine != DatabaseEngine.PostgreSql) continue;
            await using (var db = await TestDatabase.CreateAsync(engine))
            {
                var (stores, older) = await ArchiveAsync(db, fillers);
                // The batch: the arrival is new in the shared transaction, and its sketch is written by the batch itself.
                bool inBatch = await stores.Database.InOneTransactionAsync(async t =>
                {
                    long id = await StoreAsync(stores, fillers + 1);
                    var batch = await stores.Sketches.OpenBatchAsync([(id, arrival, "no such text")], 24, null, t);
                    Assert.NotNull(batch);
                    return (await batch.CandidatesOfAsync(0, t)).Any(c => c.ArticleId == older);
                }, Ct);
                Assert.Equal(found, inBatch);
            }
        }
    }

    /// <summary>The older article (keys 1, 2, 3 and its own), then <paramref name="fillers"/> newer ones sharing keys 1 and 2.</summary>
    private static async Task<(Stores Stores, long Older)> ArchiveAsync(TestDatabase db, int fillers)
    {
        var stores = await db.OpenAsync();
        long older = await StoreAsync(stores, 0);
        await stores.Sketches.AddAsync(older, Sketch([1, 2, 3], 1_000), Ct);
        for (int i = 1; i <= fillers; i++)
            await stores.Sketches.AddAsync(await StoreAsync(stores, i), Sketch([1, 2], 100_000 + i * 100), Ct);
        return (stores, older);
    }
}
