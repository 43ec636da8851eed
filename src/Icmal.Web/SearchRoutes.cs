using Icmal.Search;
using Icmal.Web.Api;
using Icmal.Web.Catalogue;
using Icmal.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Icmal.Web;

/// <summary>
/// Search in all its forms, each a thin reading of the address over one <see cref="Searcher"/>: the portal's
/// <c>/search</c> page, <c>GET /api/search</c> and the Atom feed <c>/search.atom</c>. A parameter that cannot be read,
/// or a query the searcher refuses, is a 400 saying what is wrong, never a 500.
/// </summary>
public static class SearchRoutes
{
    /// <summary>The most results a feed carries: the best matches, written newest first.</summary>
    public const int FeedSize = 50;

    public static void Map(WebApplication app, Icmal.Storage.Stores stores)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stores);
        var searcher = new Searcher(stores);

        app.MapGet("/search", async (HttpContext http, CancellationToken ct) =>
        {
            // Every query makes an address: crawlers are kept out of that endless space.
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            var form = SearchForm.Read(http.Request.Query);
            var (filters, error) = form.Filters();
            int page = 1;
            error ??= SearchPaging.TryPage(http.Request.Query["page"], out page);
            if (error is not null) return SearchPageResult(form, page, parameterError: error);
            if (form.IsBlank) return SearchPageResult(form, page);
            var answer = await searcher.SearchAsync(new SearchRequest(form.Query, SearchPaging.PageSize, (page - 1) * SearchPaging.PageSize, filters), ct);
            var categories = answer.Results is { } found ? await stores.Categories.OfManyAsync(found.Items.Select(h => h.Id).ToList(), ct) : null;
            return SearchPageResult(form, page, answer.Results, answer.Problem, categories: categories);
        });

        app.MapGet("/api/search", async (HttpContext http, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            var form = SearchForm.Read(query);
            var (filters, error) = form.Filters();
            int limit = SearchRequest.DefaultLimit, offset = 0;
            error ??= SearchPaging.TryLimit(query["limit"], SearchRequest.DefaultLimit, out limit);
            error ??= SearchPaging.TryOffset(query["offset"], out offset);
            if (error is not null) return BadRequest(error.Message);
            if (form.IsBlank) return BadRequest(BlankQuery);
            var answer = await searcher.SearchAsync(new SearchRequest(form.Query, limit, offset, filters), ct);
            return answer.Results is { } results
                ? Results.Json(SearchResultsJson.From(results))
                : BadRequest(Describe(answer.Problem));
        });

        app.MapGet("/search.atom", async (HttpContext http, InterfaceFormat format, CancellationToken ct) =>
        {
            var form = SearchForm.Read(http.Request.Query);
            var (filters, error) = form.Filters();
            string? problem = error?.Message ?? (form.IsBlank ? BlankQuery : null);
            SearchResults? results = null;
            if (problem is null)
            {
                var answer = await searcher.SearchAsync(new SearchRequest(form.Query, FeedSize, 0, filters), ct);
                results = answer.Results;
                problem = results is null ? Describe(answer.Problem) : null;
            }
            if (results is null)
                return Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            var site = new Uri(UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase));
            // A hit with no publication time is dated by its archive time: one read for all of them, not one a hit.
            var undated = results.Items.Where(hit => hit.Published is null).Select(hit => hit.Id).ToList();
            var archived = undated.Count == 0 ? null : await stores.Articles.GetCardsAsync(undated, ct);
            var entries = results.Items.Select(hit =>
                SearchFeed.Entry.Of(hit, site, hit.Published ?? archived?.GetValueOrDefault(hit.Id)?.Archived ?? DateTimeOffset.UnixEpoch)).ToList();
            var feed = new SearchFeed.Feed(
                Title: format.SearchFeedTitle(form.Query.Trim()),
                Author: format.Brand,
                Self: new Uri(site, form.Address("/search.atom")),
                Alternate: new Uri(site, form.Address("/search")),
                Entries: entries);
            return Results.Bytes(SearchFeed.Write(feed, DateTimeOffset.UtcNow), SearchFeed.ContentType);
        });
    }

    /// <summary>The API's and the feed's words for a blank <c>q</c> (the portal shows its empty search page instead).</summary>
    public const string BlankQuery = "q must not be empty: give the words to search for (e.g. q=Qazaxistan) or a filter (site, lang, since, until, category)";

    /// <summary>
    /// A refused query in the API's words: a page outside the bounds names limit or offset itself; anything else is
    /// about the query, so the parameter is named first.
    /// </summary>
    public static string Describe(QueryProblem? problem) => problem switch
    {
        null => "the search gave neither results nor a problem",
        { Kind: QueryProblemKind.BadPage } => problem.Message,
        _ => "q: " + problem.Message,
    };

    private static IResult BadRequest(string message) =>
        TypedResults.Json(new ErrorDto(message), statusCode: StatusCodes.Status400BadRequest);

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult SearchPageResult(SearchForm form, int page, SearchResults? results = null, QueryProblem? problem = null,
        SearchParameterError? parameterError = null, IReadOnlyDictionary<long, Icmal.Text.Categories.NewsCategory>? categories = null)
    {
        var result = PageResults.Page<SearchPage>(
            (nameof(SearchPage.Form), form), (nameof(SearchPage.PageNumber), page), (nameof(SearchPage.Results), results),
            (nameof(SearchPage.Problem), problem), (nameof(SearchPage.ParameterError), parameterError),
            (nameof(SearchPage.Categories), categories ?? new Dictionary<long, Icmal.Text.Categories.NewsCategory>()));
        if (problem is not null || parameterError is not null) result.StatusCode = StatusCodes.Status400BadRequest;
        return result;
    }
}
