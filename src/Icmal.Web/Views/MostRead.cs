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
