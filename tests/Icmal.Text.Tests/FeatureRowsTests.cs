namespace Icmal.Text.Tests;

public sealed class FeatureRowsTests
{
    /// <summary>Every feature of the dictionary is found at its row, and no other, whatever the keys' bits collide on.</summary>
    [Fact]
    public void Finds_each_features_row_and_no_row_for_the_rest()
    {
        var random = new Random(5);
        var rows = new Dictionary<uint, int>();
        // Keys alike in their low bits, alike in their high bits, 0 and uint.MaxValue, and random ones.
        for (uint k = 0; k < 2000; k++) rows[k << 20] = rows.Count;
        for (uint k = 0; k < 2000; k++) rows.TryAdd(k, rows.Count);
        rows.TryAdd(uint.MaxValue, rows.Count);
        while (rows.Count < 20_000) rows.TryAdd((uint)random.NextInt64(0, 1L << 32), rows.Count);
        var index = new FeatureRows(rows);
        foreach (var (key, row) in rows) Assert.Equal(row, index.RowOf(key));
        Assert.Equal(rows.Count, index.Count);
        Assert.Equal(rows.OrderBy(kv => kv.Key), index.Rows.OrderBy(kv => kv.Key));
        int absent = 0;
        for (int i = 0; i < 20_000; i++)
        {
            uint key = (uint)random.NextInt64(0, 1L << 32);
            if (rows.ContainsKey(key)) continue;
            Assert.Equal(-1, index.RowOf(key));
            absent++;
        }
        Assert.True(absent > 19_000);
    }

    [Fact]
    public void An_empty_model_has_no_rows()
    {
        var index = new FeatureRows(new Dictionary<uint, int>());
        Assert.Equal(-1, index.RowOf(0));
        Assert.Equal(-1, index.RowOf(12345));
    }

    [Fact]
    public void A_hash_given_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => new FeatureRows([KeyValuePair.Create(7u, 0), KeyValuePair.Create(9u, 1), KeyValuePair.Create(7u, 2)]));

    [Fact]
    public void A_negative_row_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureRows(new Dictionary<uint, int> { [7] = -1 }));
}
