using System.CommandLine;
using System.Globalization;
using Icmal.Collection;
using Icmal.Hosting;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>`icmal sources add URL`: finds a site's feeds, sitemaps or listing page with the configured fetcher, and adds it.</summary>
public static class SourcesAddCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "A home page, feed or sitemap address" };
        var name = new Option<string?>("--name") { Description = "The source's name (default: the page or feed title)" };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow fetching private and loopback addresses (intranet, tests)" };
        var disabled = new Option<bool>("--disabled") { Description = "Add it without polling it yet" };
        var noDiscover = new Option<bool>("--no-discover") { Description = "Do not fetch anything now: the address is taken as a feed" };
        var command = new Command("add", "Add a source: finds its feeds, sitemaps or listing page") { url, name, allowPrivate, disabled, noDiscover };
        command.SetAction(async (parse, ct) =>
        {
            string raw = parse.GetValue(url)!;
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"sources add: '{raw}' is not an http(s) address");
                return 2;
            }
            bool priv = parse.GetValue(allowPrivate);
            if (AddressGuard.CheckUrl(uri, priv) is { } refused)
            {
                Console.Error.WriteLine($"sources add: {raw}: {refused}");
                return 2;
            }
            return await CommonOptions.WithOptionsAsync(parse, async options =>
            {
                SourceDefinition definition;
                if (parse.GetValue(noDiscover))
                {
                    definition = new SourceDefinition(parse.GetValue(name) ?? uri.Host, new Uri(uri, "/").AbsoluteUri, "az", [(EndpointKind.Feed, uri.AbsoluteUri)]);
                }
                else
                {
                    var found = await IcmalApplication.DiscoverSourceAsync(options, uri, parse.GetValue(name), priv, ct);
                    foreach (string note in found.Notes) Console.Out.WriteLine(note);
                    if (found.Definition is null)
                    {
                        Console.Error.WriteLine($"sources add: {found.Error}");
                        return 1;
                    }
                    definition = found.Definition;
                }
                var stores = await IcmalApplication.OpenStoreAsync(options, ct);
                var (id, created) = await stores.Sources.AddAsync(definition, !parse.GetValue(disabled), priv, ct);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(created ? "added" : "updated")} source #{id} {definition.Name} ({definition.HomeUrl}) with {definition.Endpoints.Count} endpoint(s)"));
                return 0;
            });
        });
        return command;
    }
}
