using System.Globalization;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Web.Api;
using Icmal.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Icmal.Web;

/// <summary>
/// Stories (issue #16): <c>/stories</c>, a day's stories ranked like a front page, and each story's timeline at
/// <c>/stories/{id}</c>; the same as JSON at <c>GET /api/stories</c> and <c>/api/stories/{id}</c>. A day, page or id
/// that cannot be read is a 400 (or 404) saying which, never a 500.
/// </summary>
public static class StoryRoutes
{
    /// <summary>Stories a page of <c>/stories</c> shows.</summary>
    public const int PageSize = 20;

    /// <summary>The deepest page of a day: its offset stays within the store's bound.</summary>
    public const int MaxPage = StoryDayQuery.MaxOffset / PageSize + 1;

    public static void Map(WebApplication app, Stores store)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);

        app.MapGet("/stories", async (HttpContext http, CancellationToken ct) =>
        {
            var (day, dayError) = ReadDay(http.Request.Query["day"]);
            if (dayError is not null) return PageResults.Error(PageError.BadPageAddress, dayError);
            if (!TryWhole(http.Request.Query["page"], 1, 1, MaxPage, out int page))
                return PageResults.Error(PageError.BadPageAddress, Invariant($"page must be a whole number from 1 to {MaxPage}"));
            var ranked = await store.Stories.RankDayAsync(new StoryDayQuery(day, PageSize, (page - 1) * PageSize), ct);
            return PageResults.Page<StoriesPage>((nameof(StoriesPage.Page), ranked), (nameof(StoriesPage.PageNumber), page));
        });

        app.MapGet("/stories/{id}", async (string id, CancellationToken ct) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long storyId)
                || await store.Stories.GetAsync(storyId, ct) is not { } story)
                return PageResults.Error(PageError.NoSuchStory);
            var articles = await store.Articles.ListByStoryAsync(storyId, ct);
            return PageResults.Page<StoryPage>((nameof(StoryPage.Story), story), (nameof(StoryPage.Articles), articles),
                (nameof(StoryPage.Copies), await CopyFolding.LoadAsync(store, articles, ct)));
        });

        app.MapGet("/api/stories", async (HttpContext http, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            var (day, error) = ReadDay(query["day"]);
            if (error is not null) return BadRequest(error);
            if (!TryWhole(query["limit"], PageSize, 1, StoryDayQuery.MaxLimit, out int limit))
                return BadRequest(Invariant($"limit must be a whole number from 1 to {StoryDayQuery.MaxLimit}"));
            if (!TryWhole(query["offset"], 0, 0, StoryDayQuery.MaxOffset, out int offset))
                return BadRequest(Invariant($"offset must be a whole number from 0 to {StoryDayQuery.MaxOffset}"));
            var ranked = await store.Stories.RankDayAsync(new StoryDayQuery(day, limit, offset), ct);
            return Results.Json(ranked.ToJson(limit));
        });

        app.MapGet("/api/stories/{id}", async (string id, CancellationToken ct) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long storyId))
                return BadRequest("story id must be a positive whole number");
            var story = await store.Stories.GetAsync(storyId, ct);
            if (story is null) return Results.Json(new ErrorDto($"no story {storyId}"), statusCode: StatusCodes.Status404NotFound);
            var articles = await store.Articles.ListByStoryAsync(storyId, ct);
            var copies = await store.Copies.LinksOfManyAsync(articles.Select(a => a.Id).ToList(), ct);
            return Results.Json(new StoryDto(story.Id, story.Title, story.FirstSeen, story.LastSeen, story.ArticleCount,
                await store.Stories.SourcesOfAsync(storyId, ct), articles.Select(a => a.Id).ToList(),
                articles.Select(a => ArticleSummaryJson.From(a, copies.GetValueOrDefault(a.Id))).ToList()));
        });
    }

    /// <summary>Reads <c>day</c>: absent for the latest day with stories, else a date written <c>YYYY-MM-DD</c> (see <see cref="StoryDays.Parse"/>).</summary>
    private static (DateOnly? Day, string? Error) ReadDay(string? value)
    {
        if (string.IsNullOrEmpty(value)) return (null, null);
        return StoryDays.Parse(value) is { } day ? (day, null) : (null, "day must be " + StoryDays.Rule + ", e.g. 2025-10-21");
    }

    private static bool TryWhole(string? value, int fallback, int min, int max, out int result)
    {
        result = fallback;
        if (string.IsNullOrEmpty(value)) return true;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max;
    }

    private static IResult BadRequest(string error) => Results.Json(new ErrorDto(error), statusCode: StatusCodes.Status400BadRequest);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
