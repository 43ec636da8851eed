using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web.Views;

/// <summary>An article and how often it was read in the span a list covers.</summary>
public sealed record ReadArticle(Article Article, long Views);

/// <summary>The most read articles of today and of the last seven days (Baku days), for the front page and /most-read.</summary>
public static class MostRead
{
    /// <summary>The days a list covers: today alone, or the week ending today.</summary>
    public enum Span
    {
        Today,
        Week,
    }

    public static async Task<IReadOnlyList<ReadArticle>> LoadAsync(Stores store, TimeProvider clock, Span span, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        var today = StoryDays.DayOf(clock.GetUtcNow());
        var counts = await store.Views.MostReadAsync(span == Span.Today ? today : today.AddDays(-6), today, limit, ct);
        if (counts.Count == 0) return [];
        var articles = await store.Articles.GetManyAsync(counts.Select(c => c.ArticleId).ToList(), ct);
        return counts.Where(c => articles.ContainsKey(c.ArticleId)).Select(c => new ReadArticle(articles[c.ArticleId], c.Views)).ToList();
    }
}

/// <summary>
/// The most read lists, kept between the view counter's batches: stored counts change only when a batch is written
/// (<see cref="ViewCounter.Generation"/>), so until the next batch (every few seconds) every request would read the same
/// list; the front page asked the database for it on each request. Keyed by span, length and Baku day, so a new day
/// starts a new list at once.
/// </summary>
public sealed class MostReadCache(Stores store, TimeProvider clock, ViewCounter views)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(MostRead.Span Span, int Limit, DateOnly Day), (long Generation, IReadOnlyList<ReadArticle> Items)> _lists = new();

    public async Task<IReadOnlyList<ReadArticle>> LoadAsync(MostRead.Span span, int limit, CancellationToken ct)
    {
        var key = (span, limit, StoryDays.DayOf(clock.GetUtcNow()));
        long generation = views.Generation;
        // An odd generation is a batch being written: read the database, keep nothing.
        if ((generation & 1) == 0 && _lists.TryGetValue(key, out var kept) && kept.Generation == generation) return kept.Items;
        var items = await MostRead.LoadAsync(store, clock, span, limit, ct);
        if ((generation & 1) == 0 && generation == views.Generation)
        {
            if (_lists.Count > 16) _lists.Clear();
            _lists[key] = (generation, items);
        }
        return items;
    }
}
