using System.CommandLine;
using System.Globalization;
using Icmal.Hosting;
using Icmal.Web;
using Microsoft.Extensions.Hosting;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal serve`: İcmal's main job. Gets the application from <see cref="IcmalApplication"/> (fetch and crawl settings
/// from the configuration), prepares a first start (built-in sources, the bundled sample, so the portal is never
/// empty), serves the portal and the API, and runs the collector until stopped.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on (default {new PortalSettings().Urls}, or Portal:Urls in the configuration)" };
        var noSample = new Option<bool>("--no-sample") { Description = "Do not import the bundled sample on the first start" };
        var command = new Command("serve", "Run İcmal: the portal, the API and the ingest worker") { urls, noSample };
        command.SetAction((parse, ct) => CommonOptions.WithApplicationAsync(parse, [CommonOptions.Flag(parse, urls, "Portal:Urls")], ct, async app =>
        {
            // The sample sits beside the executable (samples/).
            string? samples = parse.GetValue(noSample) ? null : Path.Combine(AppContext.BaseDirectory, "samples");
            if (await app.PrepareFirstStartAsync(samples, ct) is { } sample)
            {
                foreach (var r in sample.Rejected) Console.Error.WriteLine($"rejected {r.Origin}: {r.Reason}");
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"First start: imported the bundled sample from {samples}: {sample.Stored} stored, {sample.Present} already present, {sample.Rejected.Count} rejected"));
            }
            await using var web = PortalServer.Build(app.Store, new PortalOptions(app.Options.Portal.Urls));
            await web.StartAsync(ct);
            foreach (string address in web.Urls) Console.Out.WriteLine($"İcmal is serving {address} (data: {app.Store.Database.Location})");
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, web.Lifetime.ApplicationStopping);
            var collecting = Task.Run(() => app.Collector.Worker.RunAsync(stopping.Token), CancellationToken.None);
            try
            {
                await web.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: a normal stop.
            }
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
        }));
        return command;
    }
}
