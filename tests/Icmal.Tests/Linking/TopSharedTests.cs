using Icmal.Storage;

namespace Icmal.Tests.Linking;

/// <summary>
/// <see cref="SketchStore.TopShared"/>, which counts on the client what the PostgreSQL copy batch's look-up returns
/// per arrival, chooses exactly what the SQL look-up (<c>GROUP BY … ORDER BY shared DESC, article_id DESC LIMIT n</c>)
/// followed by <see cref="SketchStore.Choose"/> chooses: ties, the limit reached, the arrival itself among the ids.
/// </summary>
public sealed class TopSharedTests
{
    [Fact]
    public void Counting_on_the_client_chooses_what_the_grouped_look_up_chooses()
    {
        var random = new Random(11);
        var counts = new Dictionary<long, int>();
        int limited = 0;
        for (int round = 0; round < 500; round++)
        {
            long self = 1000;
            int keys = random.Next(1, 17), limit = random.Next(1, 30);
            // Each key's ids, as the per-key windows give them: distinct within a key, from a small range so that many repeat.
            var found = Enumerable.Range(0, keys).SelectMany(_ => Enumerable.Range(0, random.Next(0, 40)).Select(_ => (long)random.Next(990, 1010)).Distinct()).ToArray();
            var grouped = found.Where(id => id != self).GroupBy(id => id).Select(g => (Id: g.Key, Shared: (long)g.Count()))
                .OrderByDescending(g => g.Shared).ThenByDescending(g => g.Id).Take(limit).ToList();
            var expected = SketchStore.Choose(grouped, keys);

            var top = SketchStore.TopShared(found, self, limit, SketchStore.MinShared(keys), counts);

            Assert.Equal(expected.Order(), SketchStore.Choose(top, keys).Order());
            Assert.Equal(grouped.Where(g => expected.Contains(g.Id)).ToList(), top);
            if (grouped.Count == limit && expected.Count == limit) limited++;
        }
        Assert.True(limited > 50, $"the limit bound in only {limited} rounds");
    }

    [Fact]
    public void A_limit_of_none_or_of_every_id_takes_none_or_every_id_sharing_enough()
    {
        var counts = new Dictionary<long, int> { [5] = 3, [7] = 1, [9] = 3, [2] = 2 };
        Assert.Empty(SketchStore.Top(counts, 0, 1));
        Assert.Equal([(9L, 3L), (5L, 3L), (2L, 2L)], SketchStore.Top(counts, int.MaxValue, 2));
    }
}
