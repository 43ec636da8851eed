using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Icmal.Model;
using Icmal.Storage;
using Spectre.Console;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal entities`: the archive's people, organisations and places, most articles first, optionally of one kind,
/// matching a name (in any script or case) or counted over the last day, week or month only (`--period`, the names in
/// the news); `--format json` writes the rows as <c>/api/entities</c> lists them.
/// `icmal reanalyse`: finds the entities, quotes and figures of every article not yet analysed (an archive of more than
/// 10,000 articles stored before the entity stage is not analysed when it is opened).
/// </summary>
public static class EntitiesCommand
{
    private sealed record EntityRow(long Id, string Name, string Kind, long Articles);

    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var kind = new Option<string?>("--kind") { Description = "PER, ORG or LOC" };
        var query = new Option<string?>("--query", "-q") { Description = "Part of the name, in any script or case" };
        var limit = new Option<int>("--limit") { Description = "How many (1–1000)", DefaultValueFactory = _ => 50 };
        var period = new Option<string?>("--period") { Description = "Count only the articles of the last day, week or month" };
        period.AcceptOnlyFromAmong([.. RecentPeriods.All.Select(RecentPeriods.Code)]);
        var command = new Command("entities", "List the people, organisations and places the articles name") { format, kind, query, limit, period };
        command.SetAction((parse, ct) =>
        {
            string? kindText = parse.GetValue(kind);
            var chosen = FactCodes.ParseKind(kindText);
            int n = parse.GetValue(limit);
            string? error = kindText is not null && chosen is null ? $"--kind: '{kindText}' is not PER, ORG or LOC"
                : n is < 1 or > 1000 ? "--limit must be from 1 to 1000" : null;
            if (error is not null)
            {
                Console.Error.WriteLine(error);
                return Task.FromResult(UsageErrors.ExitCode);
            }
            return CommonOptions.WithStoreAsync(parse, ct, async store =>
            {
                var since = RecentPeriods.Parse(parse.GetValue(period)) is { } recent ? RecentPeriods.Since(recent, DateTimeOffset.UtcNow) : (DateTimeOffset?)null;
                var rows = (await store.Entities.SearchAsync(parse.GetValue(query), chosen, since, n, ct))
                    .Select(e => new EntityRow(e.Entity.Id, e.Entity.Name, FactCodes.Code(e.Entity.Kind), e.Articles)).ToList();
                Print(rows, parse.GetValue(format) == "json");
                return 0;
            });
        });
        return command;
    }

    public static Command CreateReanalyse()
    {
        var command = new Command("reanalyse", "Find the entities, quotes and figures of every article not yet analysed");
        command.SetAction((parse, ct) => CommonOptions.WithStoreGoingOverAsync(parse, ct, async store =>
        {
            long done = await ArticleFactsWriter.ReanalyseAsync(store, null, ct);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analysed {done} articles"));
            return 0;
        }));
        return command;
    }

    private static void Print(List<EntityRow> rows, bool json)
    {
        if (json)
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            Console.Out.WriteLine(JsonSerializer.Serialize(rows, options));
            return;
        }
        if (CommonOptions.Interactive)
        {
            var table = new Table().AddColumns("#", "Ad", "Növ", "Xəbər");
            foreach (var r in rows)
                table.AddRow(r.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Name), r.Kind, r.Articles.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return;
        }
        foreach (var r in rows)
            Console.Out.WriteLine(string.Join('\t', r.Id.ToString(CultureInfo.InvariantCulture), r.Name, r.Kind, r.Articles.ToString(CultureInfo.InvariantCulture)));
    }
}
