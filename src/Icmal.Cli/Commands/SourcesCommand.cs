using System.CommandLine;
using System.Globalization;
using Icmal.Collection;
using Icmal.Hosting;

namespace Icmal.Cli.Commands;

/// <summary>`icmal sources ...`: the sites İcmal follows (add in SourcesAddCommand, OPML in SourcesOpmlCommands).</summary>
public static class SourcesCommand
{
    public static Command Create()
    {
        var command = new Command("sources", "The sites İcmal follows: add, list, remove, enable, disable, OPML import and export");
        command.Subcommands.Add(SourcesAddCommand.Create());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Toggle("enable", true));
        command.Subcommands.Add(Toggle("disable", false));
        command.Subcommands.Add(SourcesOpmlCommands.Import());
        command.Subcommands.Add(SourcesOpmlCommands.Export());
        command.Subcommands.Add(AddDefaults());
        return command;
    }

    private static Command List()
    {
        var endpoints = new Option<bool>("--endpoints") { Description = "Show each source's feeds, sitemaps and listing pages" };
        var command = new Command("list", "List sources with their state") { endpoints };
        command.SetAction((parse, ct) => CommonOptions.WithStoreAsync(parse, ct, async store =>
        {
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
        }));
        return command;
    }

    private static Command Remove()
    {
        var key = new Argument<string>("source") { Description = "Id, name or home URL" };
        var command = new Command("remove", "Remove a source (its stored articles stay)") { key };
        command.SetAction((parse, ct) => CommonOptions.WithStoreAsync(parse, ct, async store =>
        {
            var source = await store.Sources.FindAsync(parse.GetValue(key)!, ct);
            if (source is null)
            {
                Console.Error.WriteLine($"sources remove: no source '{parse.GetValue(key)}'");
                return 1;
            }
            await store.Sources.RemoveAsync(source.Id, ct);
            Console.Out.WriteLine($"removed source #{source.Id} {source.Name}");
            return 0;
        }));
        return command;
    }

    private static Command Toggle(string verb, bool enable)
    {
        var keys = new Argument<string[]>("sources") { Description = "Ids, names or home URLs; 'all' for every source", Arity = ArgumentArity.OneOrMore };
        var command = new Command(verb, enable ? "Start polling sources" : "Stop polling sources") { keys };
        command.SetAction((parse, ct) => CommonOptions.WithStoreAsync(parse, ct, async store =>
        {
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
        }));
        return command;
    }

    private static Command AddDefaults()
    {
        var command = new Command("add-defaults", "Add the built-in list of Azerbaijani portals, disabled (enable the ones to follow)");
        command.SetAction((parse, ct) => CommonOptions.WithStoreAsync(parse, ct, async store =>
        {
            int added = await IcmalApplication.AddDefaultSourcesAsync(store, ct);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{added} new source(s) of {DefaultSources.All.Count} known; enable with `icmal sources enable NAME`"));
            return 0;
        }));
        return command;
    }
}
