using Icmal.Storage;
using Icmal.Web.Pages;
using Icmal.Web.Pages.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Icmal.Web;

/// <summary>
/// Routes of the administration pages. No accounts exist yet: once they do, these routes go behind login. Until then
/// they are read-only and the portal binds to 127.0.0.1 by default (<see cref="PortalOptions.DefaultUrls"/>).
/// </summary>
public static class AdminRoutes
{
    public static void Map(WebApplication app, Stores stores)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stores);
        app.MapGet("/admin/sources", async (HttpContext http, CancellationToken ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var health = await SourceHealth.LoadAsync(stores, now, ct);
            var others = await stores.ItemErrors.ListAsync(null, SourceHealth.RecentItemErrorsShown, ct);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            return PageResults.Page<SourcesPage>((nameof(SourcesPage.Sources), health), (nameof(SourcesPage.Now), now),
                (nameof(SourcesPage.OtherErrors), others));
        });
    }
}
