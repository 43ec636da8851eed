using System.Globalization;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Entities;
using Icmal.Web.Api;
using Icmal.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Icmal.Web;

/// <summary>
/// Entities (issue #18): <c>/entities</c>, the names in the news (the people, organisations and places named most in
/// the last day, week or month, and a search of every name); <c>/entities/{id}</c>, everything the archive holds about
/// one person, organisation or place (articles by month, quotes, the entities it appears with); the same as JSON at
/// <c>/api/entities/{id}</c>, and entities by name, kind and period at <c>/api/entities?q=&amp;kind=&amp;period=</c>.
/// Bad input is a 400 saying which, an unknown id a 404, never a 500.
/// </summary>
public static class EntityRoutes
{
    /// <summary>Articles, quotes and companions an entity page shows at most.</summary>
    public const int ListSize = 50;

    public const int MaxLimit = 200;

    private const int MaxQueryLength = 200;

    /// <summary>Everything an entity page or its JSON shows.</summary>
    public sealed record EntityView(StoredEntity Entity, IReadOnlyList<MonthCount> Months, IReadOnlyList<Article> Articles,
        IReadOnlyList<StoredQuote> Quotes, IReadOnlyList<EntityCount> Companions)
    {
        public long ArticleCount => Months.Sum(m => m.Articles);
    }

    /// <summary>Names of each kind the names page lists for a period.</summary>
    public const int InTheNewsSize = 20;

    public static void Map(WebApplication app, Stores store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        // A period's counts join its every article to its names: read once a minute, not on every request.
        var inTheNews = new AgedCache<RecentPeriod, InTheNews>();

        app.MapGet("/entities", async (HttpContext http, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            if (!TryPeriod(query, out var chosen)) return PageResults.Error(PageError.BadPageAddress, BadPeriod);
            var period = chosen ?? RecentPeriod.Week;
            string? q = query["q"];
            if (q is { Length: > MaxQueryLength }) return PageResults.Error(PageError.BadPageAddress, Invariant($"the name must be at most {MaxQueryLength} characters"));
            IReadOnlyList<EntityCount>? found = string.IsNullOrWhiteSpace(q) ? null : await store.Entities.SearchAsync(q, null, null, ListSize, ct);
            var names = await inTheNews.GetAsync(period, c => InTheNewsAsync(store, RecentPeriods.Since(period, clock.GetUtcNow()), c), ct);
            return PageResults.Page<EntitiesPage>((nameof(EntitiesPage.Period), period), (nameof(EntitiesPage.Names), names),
                (nameof(EntitiesPage.Query), q?.Trim()), (nameof(EntitiesPage.Found), found));
        });

        app.MapGet("/entities/{id}", async (string id, CancellationToken ct) =>
            ParseId(id) is { } entityId && await LoadAsync(store, entityId, ct) is { } view
                ? PageResults.Page<EntityPage>((nameof(EntityPage.View), view))
                : PageResults.Error(PageError.NoSuchEntity));

        app.MapGet("/api/entities", async (HttpContext http, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            string? q = query["q"];
            if (q is { Length: > MaxQueryLength }) return BadRequest(Invariant($"q must be at most {MaxQueryLength} characters"));
            string? kindCode = query["kind"];
            var kind = FactCodes.ParseKind(kindCode);
            if (!string.IsNullOrEmpty(kindCode) && kind is null) return BadRequest("kind must be PER, ORG or LOC");
            int limit = 50;
            string? limitText = query["limit"];
            if (!string.IsNullOrEmpty(limitText)
                && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
                return BadRequest(Invariant($"limit must be a whole number from 1 to {MaxLimit}"));
            if (!TryPeriod(query, out var period)) return BadRequest(BadPeriod);
            var since = period is { } p ? RecentPeriods.Since(p, clock.GetUtcNow()) : (DateTimeOffset?)null;
            var found = await store.Entities.SearchAsync(q, kind, since, limit, ct);
            return Results.Json(new EntityListDto(found.Select(EntitySummaryDto.From).ToList(), q, kind is { } k ? FactCodes.Code(k) : null,
                period is { } chosen ? RecentPeriods.Code(chosen) : null, since, limit));
        });

        app.MapGet("/api/entities/{id}", async (string id, CancellationToken ct) =>
        {
            if (ParseId(id) is not { } entityId) return BadRequest("entity id must be a positive whole number");
            if (await LoadAsync(store, entityId, ct) is not { } view)
                return Results.Json(new ErrorDto($"no entity {entityId}"), statusCode: StatusCodes.Status404NotFound);
            var copies = await store.Copies.LinksOfManyAsync(view.Articles.Select(a => a.Id).ToList(), ct);
            return Results.Json(new EntityDto(view.Entity.Id, view.Entity.Name, FactCodes.Code(view.Entity.Kind), view.ArticleCount, view.Months,
                view.Articles.Select(a => ArticleSummaryJson.From(a, copies.GetValueOrDefault(a.Id))).ToList(),
                view.Quotes.Select(QuoteJson.From).ToList(),
                view.Companions.Select(EntitySummaryDto.From).ToList()));
        });
    }

    /// <summary>The names of each kind counted most in the articles since <paramref name="since"/>.</summary>
    public sealed record InTheNews(IReadOnlyList<EntityCount> People, IReadOnlyList<EntityCount> Organisations, IReadOnlyList<EntityCount> Places);

    private static async Task<InTheNews?> InTheNewsAsync(Stores store, DateTimeOffset since, CancellationToken ct)
    {
        var named = await store.Entities.MostNamedAsync(since, InTheNewsSize, ct);
        return new(Of(EntityKind.Person), Of(EntityKind.Organization), Of(EntityKind.Location));

        List<EntityCount> Of(EntityKind kind) => [.. named.Where(e => e.Entity.Kind == kind)];
    }

    /// <summary>An entity with its articles (newest first), quotes and companions; null when there is no such entity.</summary>
    public static async Task<EntityView?> LoadAsync(Stores store, long entityId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.Entities.GetAsync(entityId, ct) is not { } entity) return null;
        var ids = await store.Entities.ArticleIdsAsync(entityId, ListSize, ct);
        var articles = await store.Articles.GetManyAsync(ids, ct);
        return new EntityView(entity, await store.Entities.MonthsAsync(entityId, ct),
            ids.Where(articles.ContainsKey).Select(i => articles[i]).ToList(),
            await store.Quotes.BySpeakerAsync(entityId, ListSize, ct), await store.Entities.CompanionsAsync(entityId, ListSize, ct));
    }

    private const string BadPeriod = "period must be day, week or month";

    /// <summary>The period <c>?period=</c> names: null when none is given (or it is empty); false when it names none.</summary>
    private static bool TryPeriod(IQueryCollection query, out RecentPeriod? period)
    {
        string? code = query["period"];
        period = RecentPeriods.Parse(code);
        return string.IsNullOrEmpty(code) || period is not null;
    }

    private static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : null;

    private static IResult BadRequest(string error) => Results.Json(new ErrorDto(error), statusCode: StatusCodes.Status400BadRequest);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
