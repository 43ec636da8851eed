using Icmal.Storage;

namespace Icmal.Tests.Linking;

/// <summary>
/// <see cref="BatchKeyLookup"/>, the PostgreSQL copy batch's look-up counted in İcmal: for each arrival, per key the
/// newest <c>perKey</c> of the stored ids and of the batch's arrivals up to itself, counted, the most shared chosen.
/// </summary>
public sealed class BatchKeyLookupTests
{
    /// <summary>
    /// Random batches against the look-up written out plainly (each key's ids sorted newest first, taken, grouped,
    /// ordered by shared then id): small key ranges so that ids repeat across keys, a cap that binds, stored ids newer
    /// than some arrivals (another process's, committed meanwhile), and wide rounds of 16 keys of up to 500 ids.
    /// </summary>
    [Fact]
    public void Each_arrival_counts_the_newest_per_key_of_the_stored_and_the_arrivals_up_to_it()
    {
        var random = new Random(17);
        int bound = 0;
        for (int round = 0; round < 300; round++)
        {
            bool wide = round % 10 == 0;
            int perKey = wide ? 500 : random.Next(1, 12), limit = random.Next(1, 30), keyRange = wide ? 18 : random.Next(2, 40);
            var stored = new Dictionary<long, long[]>();
            var lookup = new BatchKeyLookup();
            for (long key = 0; key < keyRange; key++)
            {
                // Newest first and distinct, as ORDER BY article_id DESC reads a key; some above the batch's first ids.
                var ids = Enumerable.Range(0, random.Next(0, wide ? 6000 : perKey + 6)).Select(_ => (long)random.Next(1, wide ? 100_000 : 1_060))
                    .Distinct().Where(id => id < 1000 || id % 7 == 0).OrderDescending().ToArray();
                stored[key] = ids;
                lookup.AddStored(key, ids);
            }
            // The arrivals: ids ascending from 1000, none of them stored.
            var arrivals = Enumerable.Range(0, random.Next(1, 12))
                .Select(i => (Id: 1001L + i * 7 + 1 + i % 3,
                    Keys: Enumerable.Range(0, keyRange + 2).Select(k => (uint)k).OrderBy(_ => random.Next()).Take(wide ? 16 : random.Next(1, 17)).ToArray()))
                .ToList();
            foreach (var a in arrivals) lookup.AddArrival(a.Id, a.Keys);
            foreach (var a in arrivals)
            {
                int minShared = SketchStore.MinShared(a.Keys.Length);
                var found = a.Keys.SelectMany(key => stored.GetValueOrDefault(key, [])
                        .Concat(arrivals.Where(o => o.Id <= a.Id && o.Keys.Contains(key)).Select(o => o.Id))
                        .OrderDescending().Take(perKey))
                    .ToList();
                var expected = found.Where(id => id != a.Id).GroupBy(id => id).Select(g => (Id: g.Key, Shared: (long)g.Count()))
                    .Where(g => g.Shared >= minShared).OrderByDescending(g => g.Shared).ThenByDescending(g => g.Id).Take(limit).ToList();

                Assert.Equal(expected, lookup.Keyed(a.Id, a.Keys, perKey, limit, minShared));
                if (expected.Count == limit && found.Distinct().Count() > limit) bound++;
            }
        }
        Assert.True(bound > 50, $"the limit bound in only {bound} arrivals");
    }
}
