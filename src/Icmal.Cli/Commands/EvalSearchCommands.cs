using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval search FILE`: known-item recall@10 and MRR of the stored archive's search (<see cref="SearchEvaluation"/>);
/// `icmal eval search-queries`: makes such a set from the banker.az articles and the seeds (<see cref="KnownItemQueries"/>).
/// </summary>
public static class EvalSearchCommands
{
    private const string BankerSet = "az/banker-az-articles.json";

    public static IEnumerable<Command> Create() => [Search(), Queries()];

    private static Command Search()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON lines of { \"query\": …, \"url\": … }" };
        var baseline = new Option<bool>("--baseline") { Description = "Also run the queries on SQLite FTS5 out of the box (unicode61, AND and OR) over the same articles" };
        var misses = new Option<int>("--misses") { Description = "How many of İcmal's misses to list (default 50)", DefaultValueFactory = _ => 50 };
        var command = new Command("search", "Score search on known-item queries against the current database (recall@10, MRR)") { file, baseline, misses };
        command.SetAction((parse, ct) =>
        {
            var set = parse.GetValue(file)!;
            if (!set.Exists)
            {
                Console.Error.WriteLine($"eval search: {set.FullName}: no such file");
                return Task.FromResult(2);
            }
            return CommonOptions.WithStoreAsync(parse, ct, async stores =>
            {
                SearchEvaluationReport report;
                try
                {
                    report = await SearchEvaluation.EvaluateAsync(set.FullName, stores, parse.GetValue(baseline) ? Path.GetTempPath() : null, ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"eval search: {set.FullName}: {e.Message}");
                    return 2;
                }
                if (report.Articles == 0)
                {
                    Console.Error.WriteLine($"eval search: the database {stores.Database.Location} holds no articles; import the set's articles first (icmal import …)");
                    return 2;
                }
                if (report.Scores[0].Queries == 0)
                {
                    foreach (string s in report.Skipped) Console.Error.WriteLine("skipped " + s);
                    Console.Error.WriteLine($"eval search: {set.FullName}: no usable query (each line needs a \"query\" and the \"url\" of a stored article)");
                    return 2;
                }
                Print(report, Math.Max(0, parse.GetValue(misses)));
                return 0;
            });
        });
        return command;
    }

    private static void Print(SearchEvaluationReport report, int misses)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (string s in report.Skipped) Console.Error.WriteLine("skipped " + s);
        var main = report.Scores[0];
        Console.Out.WriteLine(string.Create(c, $"queries {main.Queries} ({report.Skipped.Count} skipped), articles {report.Articles}"));
        foreach (var s in report.Scores)
            Console.Out.WriteLine(string.Create(c,
                $"{s.Engine,-9} recall@10 {s.RecallAt10:0.000}  MRR {s.Mrr:0.000}  found {s.Found}/{s.Queries}  {s.MsPerQuery:0.00} ms/query"));
        var listed = main.Misses.Where(m => m.Rank is null).Concat(main.Misses.Where(m => m.Rank is not null)).Take(misses).ToList();
        if (listed.Count > 0) Console.Out.WriteLine($"{main.Engine} misses (not in the top {SearchEvaluation.Depth} first, then found lower than first):");
        foreach (var m in listed)
            Console.Out.WriteLine(string.Create(c,
                $"  line {m.Item.Line} [{(m.Rank is { } r ? "rank " + r.ToString(c) : "not found")}] {m.Item.Query}\n    expected {m.Item.Url}\n    first    {m.First ?? "(nothing)"}"));
    }

    private static Command Queries()
    {
        var banker = new Option<FileInfo?>("--articles-file") { Description = "JSON array of articles (url, title, text); default ../shared/data/" + BankerSet };
        var seeds = new Option<DirectoryInfo?>("--seeds") { Description = "Folder of pages copied as text (*.txt); default the repository's samples/" };
        var articles = new Option<int>("--articles") { Description = "How many articles of the list get a query (default 300)", DefaultValueFactory = _ => 300 };
        var perSeed = new Option<int>("--per-seed") { Description = "Queries for each seed page (default 3)", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 15)", DefaultValueFactory = _ => 15 };
        var command = new Command("search-queries", "Make known-item search queries (JSON lines on standard output) from an article list and the seed pages")
            { banker, seeds, articles, perSeed, seed };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("search-queries", parse.GetValue(banker), SharedDataFolder.Find(BankerSet), "shared/data/" + BankerSet, async path =>
        {
            var list = await KnownItemQueries.ReadArticleListAsync(path, ct);
            string? seedFolder = parse.GetValue(seeds)?.FullName ?? RepositoryFile.Find("samples");
            var pages = new List<KnownItemSource>();
            if (seedFolder is not null && Directory.Exists(seedFolder))
                foreach (string f in Directory.GetFiles(seedFolder, "*.txt").Order(StringComparer.Ordinal))
                    pages.Add(await KnownItemQueries.ReadTextPageAsync(f, ct));
            var collection = list.Concat(pages).ToList();
            int n = Math.Clamp(parse.GetValue(articles), 0, list.Count);
            var random = new Random(parse.GetValue(seed));
            var targets = Enumerable.Range(0, list.Count).OrderBy(_ => random.Next()).Take(n).Order().ToList();
            for (int p = 0; p < pages.Count; p++)
                targets.AddRange(Enumerable.Repeat(list.Count + p, Math.Max(0, parse.GetValue(perSeed))));
            foreach (var q in KnownItemQueries.Generate(collection, targets, parse.GetValue(seed)))
                Console.Out.WriteLine(KnownItemQueries.ToJsonLine(q));
        }));
        return command;
    }
}
