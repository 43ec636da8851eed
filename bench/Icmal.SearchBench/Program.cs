using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Icmal.Analysis;
using Icmal.Bench;
using Icmal.Evaluation;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Microsoft.Data.Sqlite;

namespace Icmal.SearchBench;

/// <summary>
/// Builds a synthetic archive of N articles (<see cref="SyntheticArchive"/>) into a fresh İcmal database through the
/// real store (<see cref="ArticleStore.AddAsync(NewDocument, Article, SearchDocument, CancellationToken)"/> with the
/// keys made by <see cref="SearchDocument.Of(Article)"/>: document, article and search index in one transaction per
/// article, as the pipeline stores them) and into SQLite FTS5 out of the box
/// (<see cref="PlainFts5Index"/>, batched), then measures indexing rate, index size against the raw text, and warm
/// query latency over a fixed mix (<see cref="QueryMix"/>) on both, with ratios.
/// <code>dotnet run -c Release --project bench/Icmal.SearchBench -- --articles 20000</code>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var articles = new Option<int>("--articles") { Description = "Articles in the archive", DefaultValueFactory = _ => 1_000_000 };
        var data = new Option<string?>("--data") { Description = "Folder for the two databases (default: a new folder under the temp folder, deleted after)" };
        var perKind = new Option<int>("--queries") { Description = "Queries of each kind in the mix", DefaultValueFactory = _ => 40 };
        var rounds = new Option<int>("--rounds") { Description = "Timed runs of the whole mix after the warm-up run", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the archive and the mix", DefaultValueFactory = _ => 15 };
        var reuse = new Option<bool>("--reuse") { Description = "Query the archive an earlier run left in --data instead of building it again (no indexing figures)" };
        var batch = new Option<int>("--batch")
        {
            Description = "Articles stored per transaction (1: one each, as the pipeline stores them; more: a bulk load, to build a large archive quickly)",
            DefaultValueFactory = _ => 1,
        };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Neither build nor query SQLite FTS5 out of the box (İcmal's figures only)" };
        var noReindex = new Option<bool>("--no-reindex") { Description = "Skip the reindex measured after the build" };
        var slowest = new Option<int>("--slowest") { Description = "List this many of İcmal's slowest queries (median CPU over the rounds), to see where the time goes" };
        var extend = new Option<bool>("--extend")
        {
            Description = "Add to the archive an earlier run (same --seed and --articles) left in --data, from the article after its last, up to --articles (İcmal's side only)",
        };
        var sections = new Option<bool>("--sections") { Description = "Give every article a section and measure category: searches and section pages too (SectionBench)" };
        var root = new RootCommand("Benchmark İcmal's search against SQLite FTS5 out of the box on a synthetic archive")
        {
            articles, data, perKind, rounds, seed, reuse, batch, noBaseline, noReindex, extend, slowest, sections,
        };
        root.SetAction((parse, ct) => RunAsync(new BuildOptions(Math.Max(1, parse.GetValue(articles)), parse.GetValue(data), Math.Max(1, parse.GetValue(perKind)),
            Math.Max(1, parse.GetValue(rounds)), parse.GetValue(seed), parse.GetValue(reuse), Math.Max(1, parse.GetValue(batch)),
            !parse.GetValue(noBaseline) && !parse.GetValue(extend), !parse.GetValue(noReindex), parse.GetValue(extend), Math.Max(0, parse.GetValue(slowest)), parse.GetValue(sections)), ct));
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>What a run builds and measures.</summary>
    private sealed record BuildOptions(int Count, string? Data, int PerKind, int Rounds, int Seed, bool Reuse, int Batch, bool Baseline, bool Reindex, bool Extend, int Slowest, bool Sections = false);

    private static async Task<int> RunAsync(BuildOptions o, CancellationToken ct)
    {
        var (count, dataOption, perKind, rounds, seed, reuse) = (o.Count, o.Data, o.PerKind, o.Rounds, o.Seed, o.Reuse);
        string? source = SharedDataFolder.Find("az/banker-az-articles.json");
        if (source is null)
        {
            Console.Error.WriteLine("bench search: ../shared/data/az/banker-az-articles.json not found beside the repository");
            return 2;
        }
        var archive = (await SyntheticArchive.LoadAsync(source, seed, ct)).Sized(count);
        string folder = dataOption ?? Path.Combine(Path.GetTempPath(), "icmal-bench-search-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c, $"bench search: {count:N0} synthetic articles from {archive.Sources.Count} banker.az articles, seed {seed}, {Environment.ProcessorCount} cores, data in {folder}"));
        try
        {
            // İcmal: the real store, one transaction per article with its index entry, as the pipeline writes.
            string icmalDb = Path.Combine(folder, "icmal.db");
            string plainDb = Path.Combine(folder, "fts5-plain.db");
            if (reuse && (dataOption is null || !File.Exists(icmalDb) || (o.Baseline && !File.Exists(plainDb))))
            {
                Console.Error.WriteLine("bench search: --reuse needs --data naming a folder an earlier run filled (icmal.db, and fts5-plain.db unless --no-baseline)");
                return 2;
            }
            if (o.Extend && (dataOption is null || !File.Exists(icmalDb)))
            {
                Console.Error.WriteLine("bench search: --extend needs --data naming a folder an earlier run filled (icmal.db)");
                return 2;
            }
            // Opening migrates an older archive and catches its index up (a schema step that rebuilds the index): timed.
            var openClock = Stopwatch.StartNew();
            var openCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stores = await Stores.OpenAsync(DatabaseSetting.Parse("sqlite:" + icmalDb), ct);
            Console.Out.WriteLine(string.Create(c,
                $"opened in {openClock.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - openCpu).TotalSeconds:0.0} s process CPU (migrations and the index's catch-up, if any)"));
            if (reuse)
            {
                await using var built = o.Baseline ? await PlainFts5Index.OpenAsync(plainDb, ct) : null;
                await MeasureQueriesAsync(archive, stores, built, perKind, rounds, seed, o.Slowest, ct);
                if (o.Sections) await SectionBench.MeasureAsync(archive, stores, icmalDb, perKind, rounds, seed, ct);
                return 0;
            }
            long first = o.Extend ? await NextArticleNumberAsync(icmalDb, ct) : 0;
            if (o.Extend) Console.Out.WriteLine(string.Create(c, $"extending from article {first:N0}"));
            long rawBytes = 0, earlierRawBytes = 0;
            for (long n = 0; n < first; n++)
            {
                var a = archive.Article(n);
                earlierRawBytes += Encoding.UTF8.GetByteCount(a.Title) + Encoding.UTF8.GetByteCount(a.Text);
            }
            // Only the store's time is counted, not making the synthetic articles.
            var clock = Stopwatch.StartNew();
            var storing = new Stopwatch();
            double storeCpu = 0, keysCpu = 0;
            var pending = new List<(NewDocument, Article, SearchDocument)>(o.Batch);
            for (long n = first; n < count; n++)
            {
                var a = archive.Article(n);
                var (document, article) = ToStored(a);
                rawBytes += Encoding.UTF8.GetByteCount(a.Title) + Encoding.UTF8.GetByteCount(a.Text);
                double cpuStart = ThreadCpu.Milliseconds();
                storing.Start();
                var keys = SearchDocument.Of(article);
                double keysDone = ThreadCpu.Milliseconds();
                if (o.Batch == 1) await stores.Articles.AddAsync(document, article, keys, ct);
                else
                {
                    pending.Add((document, article, keys));
                    if (pending.Count == o.Batch || n + 1 == count)
                    {
                        await stores.Articles.AddManyAsync(pending, ct);
                        pending.Clear();
                    }
                }
                storing.Stop();
                double cpuEnd = ThreadCpu.Milliseconds();
                keysCpu += keysDone - cpuStart;
                storeCpu += cpuEnd - cpuStart;
                if ((n + 1) % 20_000 == 0) Progress("icmal", n + 1, count, clock);
            }
            double icmalSeconds = storing.Elapsed.TotalSeconds;

            // FTS5 out of the box: the same articles, a thousand to a transaction, then merged.
            await using var plain = o.Baseline ? await PlainFts5Index.CreateAsync(plainDb, ct) : null;
            clock.Restart();
            storing.Reset();
            double plainCpu = 0;
            var batch = new List<PlainDocument>(1000);
            for (long n = 0; plain is not null && n < count; n++)
            {
                var a = archive.Article(n);
                batch.Add(new PlainDocument(n + 1, a.Title, a.Text, a.Site, a.Published));
                if (batch.Count == 1000 || n + 1 == count)
                {
                    double cpuStart = ThreadCpu.Milliseconds();
                    storing.Start();
                    await plain.AddAsync(batch, ct);
                    storing.Stop();
                    plainCpu += ThreadCpu.Milliseconds() - cpuStart;
                    batch.Clear();
                }
                if ((n + 1) % 100_000 == 0) Progress("fts5", n + 1, count, clock);
            }
            double optimizeStart = ThreadCpu.Milliseconds();
            storing.Start();
            if (plain is not null) await plain.OptimizeAsync(ct);
            storing.Stop();
            plainCpu += ThreadCpu.Milliseconds() - optimizeStart;
            double plainSeconds = storing.Elapsed.TotalSeconds;

            // Indexing alone, as `icmal reindex` does it: the stored articles read back, keyed, and written to the index,
            // one transaction per batch; the store's own work (raw document, article row) is not in it.
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var reindexClock = Stopwatch.StartNew();
            long reindexed = o.Reindex ? await new Reindexer(stores).RebuildAsync(null, ct) : 0;
            reindexClock.Stop();
            process.Refresh();
            double reindexCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

            SqliteConnection.ClearAllPools();
            var (icmalIndex, icmalFile) = await PlainFts5Index.SizeOfFileAsync(icmalDb, ct);
            var (plainIndex, plainFile) = plain is null ? (0L, 0L) : await plain.SizeAsync(ct);

            Console.Out.WriteLine();
            Console.Out.WriteLine(string.Create(c, $"raw text (title + body, UTF-8) of the articles stored in this run: {rawBytes / 1e6:0.0} MB"));
            string perTransaction = o.Batch == 1 ? "one transaction per article" : string.Create(c, $"{o.Batch} articles per transaction");
            Console.Out.WriteLine(string.Create(c,
                $"icmal  store+index {(count - first) / icmalSeconds:0} articles/s wall, {(count - first) / (storeCpu / 1e3):0}/s CPU ({icmalSeconds:0.0} s wall, {storeCpu / 1e3:0.0} s thread CPU in the store; {perTransaction}, with the article row and its raw document)"));
            Console.Out.WriteLine(string.Create(c,
                $"icmal  of which search keys (analysis: normalise, stem, transliterate, fold) {(count - first) / (keysCpu / 1e3):0}/s CPU ({keysCpu / 1e3:0.0} s), the rest (article row, raw document, FTS5 insert, commit) {(count - first) / ((storeCpu - keysCpu) / 1e3):0}/s CPU"));
            if (o.Reindex) Console.Out.WriteLine(string.Create(c,
                $"icmal  reindex     {reindexed / reindexClock.Elapsed.TotalSeconds:0} articles/s wall, {reindexed / reindexCpu:0}/s process CPU ({reindexed:N0} articles in {reindexClock.Elapsed.TotalSeconds:0.0} s: read back, keyed, written to the index, 500 to a transaction)"));
            if (plain is not null) Console.Out.WriteLine(string.Create(c, $"fts5   index       {count / plainSeconds:0} articles/s wall, {count / (plainCpu / 1e3):0}/s CPU ({plainSeconds:0.0} s wall, {plainCpu / 1e3:0.0} s thread CPU in FTS5, optimize included; 1000 per transaction)"));
            Console.Out.WriteLine(string.Create(c,
                $"icmal  index {icmalIndex / 1e6:0.0} MB = {100.0 * icmalIndex / (rawBytes + earlierRawBytes):0}% of raw ({(rawBytes + earlierRawBytes) / 1e6:0.0} MB, all {count:N0} articles); whole file (articles, raw documents, index) {icmalFile / 1e6:0.0} MB"));
            if (plain is not null) Console.Out.WriteLine(string.Create(c,
                $"fts5   index {plainIndex / 1e6:0.0} MB = {100.0 * plainIndex / rawBytes:0}% of raw; whole file (with its copy of the text) {plainFile / 1e6:0.0} MB"));

            await MeasureQueriesAsync(archive, stores, plain, perKind, rounds, seed, o.Slowest, ct);
            if (o.Sections) await SectionBench.MeasureAsync(archive, stores, icmalDb, perKind, rounds, seed, ct);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (dataOption is null) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Warm latency of the fixed query mix on both engines, as a table.</summary>
    private static async Task MeasureQueriesAsync(SyntheticArchive archive, Stores stores, PlainFts5Index? plain, int perKind, int rounds, int seed, int slowest,
        CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        {
            var mix = QueryMix.Make(archive, perKind, seed);
            var searcher = new Searcher(stores);
            var (ours, timings) = await QueryMix.TimeAsync(mix, rounds, async (q, t) =>
            {
                var answer = await searcher.SearchAsync(new SearchRequest(q, 10), t);
                return answer.Results?.Items.Count ?? -1;
            }, ct);
            var theirs = plain is null ? null : (await QueryMix.TimeAsync(mix, rounds, async (q, t) => (await plain.SearchAsync(q, PlainMatch.All, 10, t)).Count, ct)).Kinds;
            Console.Out.WriteLine();
            Console.Out.WriteLine(string.Create(c, $"warm latency, ms ({mix.Count} queries × {rounds} rounds after one warm-up round; top 10; wall, and the query thread's CPU)"));
            Console.Out.WriteLine("| kind | icmal p50 | p99 | CPU p50 | CPU p99 | found | fts5 p50 | p99 | CPU p50 | CPU p99 | found | CPU p50 ratio |");
            Console.Out.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (string kind in QueryMix.Kinds.Append("all"))
            {
                var o = ours[kind];
                string ourColumns = string.Create(c, $"| {kind} | {o.P50:0.00} | {o.P99:0.00} | {o.CpuP50:0.00} | {o.CpuP99:0.00} | {o.WithResults}/{o.Queries} |");
                Console.Out.WriteLine(theirs?[kind] is { } p
                    ? ourColumns + string.Create(c, $" {p.P50:0.00} | {p.P99:0.00} | {p.CpuP50:0.00} | {p.CpuP99:0.00} | {p.WithResults}/{p.Queries} | {o.CpuP50 / Math.Max(1e-9, p.CpuP50):0.0}× |")
                    : ourColumns + " — | — | — | — | — | — |");
            }
            Console.Out.WriteLine("queries: " + string.Join(" · ", QueryMix.Kinds.Select(k => mix.First(q => q.Kind == k).Text)));
            if (slowest > 0)
            {
                Console.Out.WriteLine(string.Create(c, $"icmal's {slowest} slowest queries, CPU median / max ms over the rounds, results:"));
                foreach (var t in timings.OrderByDescending(t => t.CpuMedian).Take(slowest))
                    Console.Out.WriteLine(string.Create(c, $"  {t.CpuMedian,8:0.00} {t.CpuMax,8:0.00} {t.Found,3}  {t.Query.Kind,-10} {t.Query.Text}"));
            }
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// The number of the article after the last one an earlier run stored (its address ends in its number), so that an
    /// extended archive is the one a single run would have built.
    /// </summary>
    private static async Task<long> NextArticleNumberAsync(string icmalDb, CancellationToken ct)
    {
        await using var conn = new SqliteConnection("Data Source=" + icmalDb);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT url FROM articles ORDER BY id DESC LIMIT 1";
        string? url = await cmd.ExecuteScalarAsync(ct) as string;
        return url is null ? 0 : long.Parse(url[(url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture) + 1;
    }

    private static void Progress(string what, long done, long count, Stopwatch clock) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {done:N0}/{count:N0} in {clock.Elapsed.TotalSeconds:0} s ({done / clock.Elapsed.TotalSeconds:0}/s)"));

    /// <summary>The article as the import stores a text page: the raw bytes are its text, and the extracted article.</summary>
    private static (NewDocument, Article) ToStored(SyntheticArticle a)
    {
        byte[] raw = Encoding.UTF8.GetBytes(a.Title + "\n\n" + a.Text);
        var archived = a.Published.AddMinutes(5);
        var document = new NewDocument(Convert.ToHexStringLower(SHA256.HashData(raw)), a.Url, a.Url, "text", "utf-8", raw, archived);
        var article = new Article
        {
            Id = 0,
            DocumentId = 0,
            Origin = a.Url,
            Url = a.Url,
            Title = a.Title,
            Published = a.Published,
            Archived = archived,
            Site = a.Site,
            Language = "az",
            Blocks = [.. a.Paragraphs.Select(p => new ArticleBlock(BlockKind.Paragraph, p))],
        };
        return (document, article);
    }
}
