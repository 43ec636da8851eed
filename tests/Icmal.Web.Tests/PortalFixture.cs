using Icmal.Clustering;
using Icmal.Import;
using Icmal.Storage;
using Icmal.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Web.Tests;

/// <summary>
/// The real portal: a real SQLite file with the five seeds imported, served by Kestrel on 127.0.0.1 (a free port).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "icmal-web-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Stores Store { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The route patterns the app maps (catch-all excluded), so a test can cover every one.</summary>
    public IReadOnlyList<string> RoutePatterns { get; private set; } = [];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async ValueTask InitializeAsync()
    {
        Store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(_data), CancellationToken.None);
        var importer = new Importer(await IngestPipeline.OpenAsync(Store, CancellationToken.None), new ImportOptions());
        await foreach (var e in importer.ImportAsync([Path.Combine(RepositoryRoot, "samples")], CancellationToken.None))
            if (e.Outcome.Status == IngestStatus.Rejected) throw new InvalidOperationException($"{e.Outcome.Origin}: {e.Outcome.Reason}");

        _app = PortalServer.Build(Store, new PortalOptions("http://127.0.0.1:0"));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
        RoutePatterns = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "").Where(p => !p.Contains("{*", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Icmal.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Icmal.slnx not found");
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
