using Icmal.Storage;
using Microsoft.AspNetCore.Builder;

namespace Icmal.Web.Tests;

/// <summary>
/// A real portal over its own data folder: a new SQLite file, filled by the test, served by Kestrel on 127.0.0.1 (a
/// free port); disposing stops the server and deletes the folder. Each portal test class that needs its own archive
/// (paging, search, interface cultures, the seeds) starts one of these rather than writing the set-up again.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    private readonly string _data;

    private PortalHost(string data, Stores store, WebApplication app)
    {
        _data = data;
        Store = store;
        App = app;
        BaseAddress = new Uri(app.Urls.Single());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Stores Store { get; }

    /// <summary>The data folder, whose icmal.db a test may write to as another tool would.</summary>
    public string DataFolder => _data;
    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <summary>Opens a new database, lets <paramref name="fill"/> store what the test needs, then starts the portal over it.</summary>
    public static async Task<PortalHost> StartAsync(Func<Stores, Task>? fill = null, PortalOptions? options = null)
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-web-" + Guid.NewGuid().ToString("N"));
        var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(data), CancellationToken.None);
        if (fill is not null) await fill(store);
        var app = PortalServer.Build(store, options ?? new PortalOptions("http://127.0.0.1:0"));
        await app.StartAsync();
        return new PortalHost(data, store, app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
