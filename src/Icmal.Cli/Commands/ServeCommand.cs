using System.CommandLine;
using Icmal.Import;
using Icmal.Storage;
using Icmal.Web;
using Microsoft.Extensions.Hosting;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal serve`: İcmal's main job. Opens the database, imports the bundled sample on the first start so the portal
/// is never empty, and serves the portal and the API.
/// </summary>
public static class ServeCommand
{
    private const string SampleSetting = "sample_imported";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => PortalOptions.DefaultUrls };
        var noSample = new Option<bool>("--no-sample") { Description = "Do not import the bundled sample on the first start" };
        var command = new Command("serve", "Run İcmal: the portal, the API and the ingest worker") { urls, noSample };
        command.SetAction(async (parse, ct) =>
        {
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            var pipeline = await CommonOptions.OpenPipelineAsync(store, ct);
            if (!parse.GetValue(noSample)) await ImportSampleOnceAsync(store, pipeline, ct);
            await using var app = PortalServer.Build(store, new PortalOptions(parse.GetValue(urls)!));
            await app.StartAsync(ct);
            foreach (string address in app.Urls) Console.Out.WriteLine($"İcmal is serving {address} (data: {store.Database.Location})");
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            var (collecting, collector) = await CrawlCommand.StartWorkerAsync(store, pipeline, stopping.Token);
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: a normal stop.
            }
            await stopping.CancelAsync();
            await collecting;
            collector.Dispose();
            return 0;
        });
        return command;
    }

    /// <summary>The sample sits beside the executable (samples/); it is imported once per database.</summary>
    private static async Task ImportSampleOnceAsync(Stores store, IngestPipeline pipeline, CancellationToken ct)
    {
        if (await store.Settings.GetAsync(SampleSetting, ct) is not null) return;
        string samples = Path.Combine(AppContext.BaseDirectory, "samples");
        if (!Directory.Exists(samples)) return;
        var importer = new Importer(pipeline, new ImportOptions());
        Console.Out.WriteLine($"First start: importing the bundled sample from {samples}");
        await ImportCommand.RunAsync(importer, [samples], interactive: false, ct);
        await store.Settings.SetAsync(SampleSetting, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ct);
    }
}
