namespace Icmal.Model;

/// <summary>
/// A story in a list, as the API (<c>GET /api/stories</c>) and <c>icmal stories --format json</c> both write it:
/// its representative headline, when it was first and last reported, how many articles and which sites.
/// </summary>
/// <param name="Sources">The sites that reported it, earliest first.</param>
public sealed record StorySummaryJson(
    long Id, string Title, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int ArticleCount, int SourceCount, IReadOnlyList<string> Sources, string Link)
{
    public static StorySummaryJson From(Story story, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(sources);
        return new(story.Id, story.Title, story.FirstSeen, story.LastSeen, story.ArticleCount, sources.Count, sources, $"/api/stories/{story.Id}");
    }
}

/// <summary>A page of a day's stories, ranked: most distinct sources first, then the latest report.</summary>
/// <param name="Day">The day listed (<c>YYYY-MM-DD</c>, Baku time); null when no story is stored.</param>
/// <param name="Total">How many stories were reported that day.</param>
/// <param name="EarlierDay">The nearest earlier day with stories (<c>?day=</c>), null when there is none.</param>
/// <param name="LaterDay">The nearest later day with stories, null when there is none.</param>
public sealed record StoryListJson(string? Day, IReadOnlyList<StorySummaryJson> Items, int Total, int Limit, int Offset, string? EarlierDay, string? LaterDay);
