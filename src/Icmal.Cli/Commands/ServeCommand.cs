using System.CommandLine;
using System.Globalization;
using Icmal.Hosting;
using Icmal.Storage;
using Icmal.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal serve`: İcmal's main job. Gets the application from <see cref="IcmalApplication"/> (fetch and crawl settings
/// from the configuration), prepares a first start (built-in sources, the bundled sample, so the portal is never
/// empty), serves the portal and the API, and runs the collector until stopped. With <c>--read-only</c> it serves only:
/// the portal reads a replica (<c>--read-database</c>) or the one database, and nothing writes (no migration, no
/// collector, no first-start chores).
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on (default {new PortalSettings().Urls}, or Portal:Urls in the configuration)" };
        var noSample = new Option<bool>("--no-sample") { Description = "Do not import the bundled sample on the first start" };
        var readOnly = new Option<bool>("--read-only")
        {
            Description = "Serve the portal and API only, writing nothing: no migrations, no collector (Portal:ReadOnly in the configuration)",
        };
        var readDatabase = new Option<string?>("--read-database")
        {
            Description = "The database the portal reads, e.g. a streaming replica: postgresql://USER@HOST/DATABASE (ReadDatabase, or $ICMAL_READ_DATABASE)",
        };
        var command = new Command("serve", "Run İcmal: the portal, the API and the ingest worker") { urls, noSample, readOnly, readDatabase };
        command.SetAction((parse, ct) =>
        {
            ConfigurationFlag?[] flags =
            [
                CommonOptions.Flag(parse, urls, "Portal:Urls"),
                parse.GetValue(readOnly) ? new ConfigurationFlag("Portal:ReadOnly", "true", readOnly.Name) : null,
                CommonOptions.Flag(parse, readDatabase, "ReadDatabase"),
            ];
            return CommonOptions.WithOptionsAsync(parse, flags, options => options.Portal.ReadOnly
                ? ServeReadOnlyAsync(options, ct)
                : ServeAsync(options, parse.GetValue(noSample), ct));
        });
        return command;
    }

    /// <summary>The portal over a read-only database, until stopped.</summary>
    private static async Task<int> ServeReadOnlyAsync(IcmalOptions options, CancellationToken ct)
    {
        var store = await IcmalApplication.OpenPortalStoreAsync(options, primary: null, ct);
        await using var web = PortalServer.Build(store, new PortalOptions(options.Portal.Urls));
        await web.StartAsync(ct);
        foreach (string address in web.Urls)
            Console.Out.WriteLine($"İcmal is serving {address} read-only (data: {store.Database.Location}; nothing is collected or written)");
        long pending = await store.Search.PendingAsync(ct);
        if (pending > 0)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"icmal: {pending} stored articles are not in the search index yet; a read-only İcmal does not index them (a writing İcmal on the primary does)"));
        await WaitAsync(web, ct);
        return 0;
    }

    /// <summary>The main job: first start, portal (on a replica when ReadDatabase is set) and collector, until stopped.</summary>
    private static async Task<int> ServeAsync(IcmalOptions options, bool noSample, CancellationToken ct)
    {
        using var app = await IcmalApplication.OpenAsync(options, message => Console.Error.WriteLine(message), ct);
        // The sample sits beside the executable (samples/).
        string? samples = noSample ? null : Path.Combine(AppContext.BaseDirectory, "samples");
        if (await app.PrepareFirstStartAsync(samples, ct) is { } sample)
        {
            foreach (var r in sample.Rejected) Console.Error.WriteLine($"rejected {r.Origin}: {r.Reason}");
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"First start: imported the bundled sample from {samples}: {sample.Stored} stored, {sample.Present} already present, {sample.Rejected.Count} rejected"));
        }
        var portalStore = await IcmalApplication.OpenPortalStoreAsync(app.Options, app.Store, ct);
        await using var web = PortalServer.Build(portalStore, new PortalOptions(app.Options.Portal.Urls));
        await web.StartAsync(ct);
        string reads = ReferenceEquals(portalStore, app.Store) ? "" : $", pages read from {portalStore.Database.Location}";
        foreach (string address in web.Urls) Console.Out.WriteLine($"İcmal is serving {address} (data: {app.Store.Database.Location}{reads})");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, web.Lifetime.ApplicationStopping);
        var collecting = Task.Run(() => app.Collector.Worker.RunAsync(stopping.Token), CancellationToken.None);
        await WaitAsync(web, ct);
        await stopping.CancelAsync();
        try
        {
            await collecting;
        }
        catch (OperationCanceledException)
        {
            // The worker stops by its token.
        }
        return 0;
    }

    private static async Task WaitAsync(WebApplication web, CancellationToken ct)
    {
        try
        {
            await web.WaitForShutdownAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: a normal stop.
        }
    }
}
