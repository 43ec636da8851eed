using System.Net;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Icmal.Web.Tests;

/// <summary>
/// The portal over a read-only database (a replica's portal): it serves every page, and a request that would write
/// there, refused by the engine, is answered 503 with what happened, on a page and in the API, never a 500.
/// </summary>
public sealed class ReadOnlyPortalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_on_a_read_only_database_answers_503_saying_the_portal_is_read_only()
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-web-ro-" + Guid.NewGuid().ToString("N"));
        try
        {
            var setting = DatabaseSetting.InDataFolder(data);
            await Stores.OpenAsync(setting, Ct);
            var store = await Stores.OpenReadOnlyAsync(setting, Ct);
            await using var app = PortalServer.Build(store, new PortalOptions("http://127.0.0.1:0"));
            // A route that writes, as a future form or API call would: the engine refuses it on this database.
            app.MapGet("/api/probe-write", async (CancellationToken ct) =>
            {
                await store.Settings.SetAsync("probe", "x", ct);
                return Results.Ok();
            });
            app.MapGet("/probe-write", async (CancellationToken ct) =>
            {
                await store.Settings.SetAsync("probe", "x", ct);
                return Results.Ok();
            });
            await app.StartAsync(Ct);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

            using var home = await client.GetAsync("/", Ct);
            using var api = await client.GetAsync("/api/probe-write", Ct);
            using var page = await client.GetAsync("/probe-write", Ct);

            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Contains("read-only copy of the archive", await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("yalnız oxunan surətindən", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
