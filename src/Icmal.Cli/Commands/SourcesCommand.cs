using System.CommandLine;
using System.Globalization;
using Icmal.Collection;
using Icmal.Storage;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>`icmal sources ...`: the sites İcmal follows.</summary>
public static class SourcesCommand
{
    public static Command Create()
    {
        var command = new Command("sources", "The sites İcmal follows: add, list, remove, enable, disable, OPML import and export");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Toggle("enable", true));
        command.Subcommands.Add(Toggle("disable", false));
        command.Subcommands.Add(ImportOpml());
        command.Subcommands.Add(ExportOpml());
        command.Subcommands.Add(AddDefaults());
        return command;
    }

    private static Command Add()
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
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            SourceDefinition definition;
            if (parse.GetValue(noDiscover))
            {
                definition = new SourceDefinition(parse.GetValue(name) ?? uri.Host, new Uri(uri, "/").AbsoluteUri, "az", [(EndpointKind.Feed, uri.AbsoluteUri)]);
            }
            else
            {
                using var fetcher = new HttpFetcher(new FetchOptions(), new HostPoliteness(TimeProvider.System), TimeProvider.System);
                var found = await new SourceDiscoverer(fetcher).DiscoverAsync(uri, parse.GetValue(name), priv, ct);
                foreach (string note in found.Notes) Console.Out.WriteLine(note);
                if (found.Definition is null)
                {
                    Console.Error.WriteLine($"sources add: {found.Error}");
                    return 1;
                }
                definition = found.Definition;
            }
            var (id, created) = await store.Sources.AddAsync(definition, !parse.GetValue(disabled), priv, ct);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(created ? "added" : "updated")} source #{id} {definition.Name} ({definition.HomeUrl}) with {definition.Endpoints.Count} endpoint(s)"));
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var endpoints = new Option<bool>("--endpoints") { Description = "Show each source's feeds, sitemaps and listing pages" };
        var command = new Command("list", "List sources with their state") { endpoints };
        command.SetAction(async (parse, ct) =>
        {
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            var sources = await store.Sources.ListAsync(ct);
            if (sources.Count == 0) Console.Out.WriteLine("no sources yet: `icmal sources add URL` or `icmal sources add-defaults`");
            foreach (var s in sources)
            {
                Console.Out.WriteLine(string.Join('\t',
                    "#" + s.Id.ToString(CultureInfo.InvariantCulture), s.Enabled ? "enabled" : "disabled", s.Name, s.HomeUrl,
                    s.AllowPrivate ? "private-allowed" : "",
                    s.LastSuccess is { } ok ? "ok " + ok.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never polled",
                    s.LastError is { } err && s.ConsecutiveFailures > 0 ? "error: " + err : ""));
                if (parse.GetValue(endpoints))
                    foreach (var e in await store.Sources.ListEndpointsAsync(s.Id, ct))
                        Console.Out.WriteLine($"\t{e.Kind.ToString().ToLowerInvariant()}\t{e.Url}{(e.LastError is null ? "" : "\t" + e.LastError)}");
            }
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var key = new Argument<string>("source") { Description = "Id, name or home URL" };
        var command = new Command("remove", "Remove a source (its stored articles stay)") { key };
        command.SetAction(async (parse, ct) =>
        {
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            var source = await store.Sources.FindAsync(parse.GetValue(key)!, ct);
            if (source is null)
            {
                Console.Error.WriteLine($"sources remove: no source '{parse.GetValue(key)}'");
                return 1;
            }
            await store.Sources.RemoveAsync(source.Id, ct);
            Console.Out.WriteLine($"removed source #{source.Id} {source.Name}");
            return 0;
        });
        return command;
    }

    private static Command Toggle(string verb, bool enable)
    {
        var keys = new Argument<string[]>("sources") { Description = "Ids, names or home URLs; 'all' for every source", Arity = ArgumentArity.OneOrMore };
        var command = new Command(verb, enable ? "Start polling sources" : "Stop polling sources") { keys };
        command.SetAction(async (parse, ct) =>
        {
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            int missing = 0;
            foreach (string key in parse.GetValue(keys)!)
            {
                var targets = key == "all" ? await store.Sources.ListAsync(ct) : await store.Sources.FindAsync(key, ct) is { } one ? [one] : [];
                if (targets.Count == 0)
                {
                    Console.Error.WriteLine($"sources {verb}: no source '{key}'");
                    missing++;
                }
                foreach (var s in targets)
                {
                    await store.Sources.SetEnabledAsync(s.Id, enable, ct);
                    Console.Out.WriteLine($"{verb}d source #{s.Id} {s.Name}");
                }
            }
            return missing > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command ImportOpml()
    {
        var file = new Argument<FileInfo>("file") { Description = "An OPML file (as feed readers export)" };
        var enabled = new Option<bool>("--enabled") { Description = "Enable the imported sources at once" };
        var command = new Command("import-opml", "Import sources from an OPML file") { file, enabled };
        command.SetAction(async (parse, ct) =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                Console.Error.WriteLine($"{info.FullName}: no such file");
                return 2;
            }
            if (info.Length > 16 * 1024 * 1024)
            {
                Console.Error.WriteLine($"{info.FullName}: larger than 16 MB");
                return 2;
            }
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            await using var stream = info.OpenRead();
            var (sources, problems) = Opml.Read(stream);
            foreach (string p in problems) Console.Error.WriteLine($"{info.Name}: {p}");
            int added = 0;
            foreach (var s in sources)
            {
                if (!Uri.TryCreate(s.HomeUrl, UriKind.Absolute, out var home) || AddressGuard.CheckUrl(home, false) is { } refused)
                {
                    Console.Error.WriteLine($"{info.Name}: {s.Name}: refused ({s.HomeUrl}); add it with `sources add --allow-private` if intended");
                    continue;
                }
                var (_, created) = await store.Sources.AddAsync(s, parse.GetValue(enabled), false, ct);
                if (created) added++;
            }
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {sources.Count} source(s), {added} new"));
            return problems.Count > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command ExportOpml()
    {
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export-opml", "Export sources as OPML") { output };
        command.SetAction(async (parse, ct) =>
        {
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            var all = new List<(Source, IReadOnlyList<SourceEndpoint>)>();
            foreach (var s in await store.Sources.ListAsync(ct)) all.Add((s, await store.Sources.ListEndpointsAsync(s.Id, ct)));
            string opml = Opml.Write(all);
            if (parse.GetValue(output) is { } file) await File.WriteAllTextAsync(file.FullName, opml, ct);
            else Console.Out.WriteLine(opml);
            return 0;
        });
        return command;
    }

    private static Command AddDefaults()
    {
        var command = new Command("add-defaults", "Add the built-in list of Azerbaijani portals, disabled (enable the ones to follow)");
        command.SetAction(async (parse, ct) =>
        {
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            int added = await AddDefaultsAsync(store, ct);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{added} new source(s) of {DefaultSources.All.Count} known; enable with `icmal sources enable NAME`"));
            return 0;
        });
        return command;
    }

    /// <summary>Adds the built-in portals (disabled); returns how many were new.</summary>
    public static async Task<int> AddDefaultsAsync(Stores store, CancellationToken ct)
    {
        int added = 0;
        foreach (var d in DefaultSources.All)
            if ((await store.Sources.AddAsync(d, enabled: false, allowPrivate: false, ct)).Created) added++;
        return added;
    }
}
