using System.Globalization;

namespace Icmal.Text.Tests;

/// <summary>
/// <see cref="WordCache{TValue}"/>, the word memories' table (issue #17): what is remembered is found again by span,
/// through every growth and while other threads add, and no more than its bound is remembered.
/// </summary>
public class WordCacheTests
{
    private static string Word(int i) => "söz" + i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Every_word_added_is_found_by_span_after_the_table_grows_and_none_other()
    {
        var cache = new WordCache<int>(100_000);
        for (int i = 0; i < 20_000; i++) cache.TryAdd(Word(i), i);
        cache.TryAdd(Word(7), -1); // already remembered: kept as it was
        Assert.Equal(20_000, cache.Count);
        Span<char> buffer = stackalloc char[16];
        for (int i = 0; i < 20_000; i++)
        {
            string word = Word(i);
            word.AsSpan().CopyTo(buffer);
            Assert.True(cache.TryGetValue(buffer[..word.Length], out int value), word);
            Assert.Equal(i, value);
        }
        Assert.False(cache.TryGetValue(Word(20_000), out _));
        Assert.False(cache.TryGetValue("", out _));
    }

    [Fact]
    public void No_more_than_the_bound_is_remembered()
    {
        var cache = new WordCache<string>(1_000);
        for (int i = 0; i < 5_000; i++) cache.TryAdd(Word(i), Word(i));
        Assert.Equal(1_000, cache.Count);
        int found = 0;
        for (int i = 0; i < 5_000; i++) if (cache.TryGetValue(Word(i), out _)) found++;
        Assert.Equal(1_000, found);
    }

    [Fact]
    public void Readers_and_writers_on_four_threads_always_find_the_value_of_their_word()
    {
        var cache = new WordCache<string>(200_000);
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            var random = new Random(thread);
            for (int k = 0; k < 100_000; k++)
            {
                string word = Word(random.Next(50_000));
                if (cache.TryGetValue(word, out string? value)) Assert.Equal("=" + word, value);
                else cache.TryAdd(word, "=" + word);
            }
        });
        Assert.InRange(cache.Count, 40_000, 50_000);
        for (int i = 0; i < 50_000; i++)
        {
            if (cache.TryGetValue(Word(i), out string? value)) Assert.Equal("=" + Word(i), value);
        }
    }
}
