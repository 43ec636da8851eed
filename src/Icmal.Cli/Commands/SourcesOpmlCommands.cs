using System.CommandLine;
using System.Globalization;
using Icmal.Collection;
using Icmal.Hosting;
using Icmal.Model;

namespace Icmal.Cli.Commands;

/// <summary>`icmal sources import-opml FILE` and `icmal sources export-opml`: sources from and to feed readers.</summary>
public static class SourcesOpmlCommands
{
    public static Command Import()
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
            return await CommonOptions.WithStoreAsync(parse, ct, async store =>
            {
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
        });
        return command;
    }

    public static Command Export()
    {
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export-opml", "Export sources as OPML") { output };
        command.SetAction((parse, ct) => CommonOptions.WithStoreAsync(parse, ct, async store =>
        {
            var all = new List<(Source, IReadOnlyList<SourceEndpoint>)>();
            foreach (var s in await store.Sources.ListAsync(ct)) all.Add((s, await store.Sources.ListEndpointsAsync(s.Id, ct)));
            string opml = Opml.Write(all);
            if (parse.GetValue(output) is { } file) await File.WriteAllTextAsync(file.FullName, opml, ct);
            else Console.Out.WriteLine(opml);
            return 0;
        }));
        return command;
    }
}
