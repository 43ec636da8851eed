using Icmal.Collection;
using Icmal.Storage;
using Icmal.Model;

namespace Icmal.Web;

/// <summary>What /admin/sources shows for one source: the page's own view, composed from the entity stores.</summary>
public sealed record SourceHealth(
    Source Source,
    IReadOnlyList<SourceEndpoint> Endpoints,
    long ArticlesLast7Days,
    long ArticlesTotal,
    long FetchesLast24Hours,
    long FailedFetchesLast24Hours,
    IReadOnlyList<ItemError> RecentItemErrors)
{
    /// <summary>How many of a source's latest item errors the page shows.</summary>
    public const int RecentItemErrorsShown = 10;

    /// <summary>Every source's health as of <paramref name="now"/>: five queries, however many sources there are.</summary>
    public static async Task<IReadOnlyList<SourceHealth>> LoadAsync(Stores stores, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var sources = await stores.Sources.ListAsync(ct);
        var endpoints = await stores.Sources.ListAllEndpointsAsync(ct);
        var stored = await stores.SeenUrls.CountStoredBySourceAsync(now.AddDays(-7), ct);
        var fetches = await stores.Fetches.CountBySourceAsync(now.AddDays(-1), ct);
        var errors = await stores.ItemErrors.ListRecentBySourceAsync(RecentItemErrorsShown, ct);
        return sources.Select(s =>
        {
            var articles = stored.GetValueOrDefault(s.Id);
            var fetched = fetches.GetValueOrDefault(s.Id) ?? new FetchCounts(0, 0);
            return new SourceHealth(s, endpoints.GetValueOrDefault(s.Id) ?? [], articles.Since, articles.Total, fetched.Total, fetched.Failed,
                errors.GetValueOrDefault(s.Id) ?? []);
        }).ToList();
    }
}
