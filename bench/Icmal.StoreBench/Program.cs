using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Icmal.Analysis;
using Icmal.Evaluation;
using Icmal.Model;
using Icmal.Search;
using Icmal.SearchBench;
using Icmal.Storage;
using Icmal.Web;
using Microsoft.Data.Sqlite;

namespace Icmal.StoreBench;

/// <summary>
/// The store on each engine at N articles: a synthetic archive (<see cref="SyntheticArchive"/>, from the real
/// banker.az texts) imported through İcmal's own store (document, article and search keys, a batch per transaction),
/// then the portal's home page, article page and article API timed through a real Kestrel server on 127.0.0.1 over
/// that store, search timed over the search benchmark's query mix, and the database's size. Targets on PostgreSQL at
/// 1,000,000 articles (issue #17): home and article p99 ≤ 50 ms, search p50 ≤ 20 ms, import ≥ 1,000 articles/s.
/// <code>dotnet run -c Release --project bench/Icmal.StoreBench -- --articles 100000 --postgresql postgresql://icmal@127.0.0.1:5432/bench</code>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var articles = new Option<int>("--articles") { Description = "Articles in the archive", DefaultValueFactory = _ => 1_000_000 };
        var engine = new Option<string>("--engine") { Description = "sqlite, postgresql or both", DefaultValueFactory = _ => "both" };
        var postgresql = new Option<string?>("--postgresql") { Description = "An empty PostgreSQL database for the PostgreSQL run (postgresql://USER@HOST:PORT/DATABASE)" };
        var data = new Option<string?>("--data") { Description = "Folder for the SQLite database (default: a new folder under the temp folder, deleted after)" };
        var batch = new Option<int>("--batch") { Description = "Articles stored per transaction", DefaultValueFactory = _ => 100 };
        var requests = new Option<int>("--requests") { Description = "Timed requests of each kind after 100 warm-up requests", DefaultValueFactory = _ => 2000 };
        var queries = new Option<int>("--queries") { Description = "Search queries of each kind in the mix", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the archive, the ids asked for and the query mix", DefaultValueFactory = _ => 15 };
        var reuse = new Option<bool>("--reuse") { Description = "Measure the archive an earlier run (same --articles and --seed) left in the database instead of importing (no import figures)" };
        var staged = new Option<bool>("--staged") { Description = "PostgreSQL: store the archive as every import stage would (copy sketches and keys, stories, entities, quotes, figures, categories), at bulk speed" };
        var root = new RootCommand("Benchmark İcmal's store on SQLite and PostgreSQL: import, portal and API latency, search, size")
        {
            articles, engine, postgresql, data, batch, requests, queries, seed, reuse, staged,
        };
        root.SetAction((parse, ct) => RunAsync(new Settings(Math.Max(1, parse.GetValue(articles)), parse.GetValue(engine) ?? "both", parse.GetValue(postgresql),
            parse.GetValue(data), Math.Max(1, parse.GetValue(batch)), Math.Max(10, parse.GetValue(requests)), Math.Max(1, parse.GetValue(queries)), parse.GetValue(seed), parse.GetValue(reuse), parse.GetValue(staged)), ct));
        return await root.Parse(args).InvokeAsync();
    }

    private sealed record Settings(int Count, string Engine, string? PostgreSql, string? Data, int Batch, int Requests, int Queries, int Seed, bool Reuse, bool Staged);

    private static async Task<int> RunAsync(Settings s, CancellationToken ct)
    {
        string? source = SharedDataFolder.Find("az/banker-az-articles.json");
        if (source is null)
        {
            Console.Error.WriteLine("bench store: ../shared/data/az/banker-az-articles.json not found beside the repository");
            return 2;
        }
        bool sqlite = s.Engine is "both" or "sqlite";
        bool pg = s.Engine is "both" or "postgresql";
        if (!sqlite && !pg)
        {
            Console.Error.WriteLine($"bench store: --engine {s.Engine}: expected sqlite, postgresql or both");
            return 2;
        }
        if (s.Staged && s.Engine != "postgresql")
        {
            Console.Error.WriteLine("bench store: --staged is for --engine postgresql only");
            return 2;
        }
        if (pg && s.PostgreSql is null)
        {
            Console.Error.WriteLine("bench store: the PostgreSQL run needs --postgresql naming an empty database (or --engine sqlite)");
            return 2;
        }
        var archive = (await SyntheticArchive.LoadAsync(source, s.Seed, ct)).Sized(s.Count);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench store: {s.Count:N0} synthetic articles from {archive.Sources.Count} banker.az articles, seed {s.Seed}, {s.Batch} per transaction, {Environment.ProcessorCount} cores, load {LoadAverage()}"));
        string folder = s.Data ?? Path.Combine(Path.GetTempPath(), "icmal-bench-store-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (sqlite)
            {
                Directory.CreateDirectory(folder);
                if (await RunEngineAsync(archive, DatabaseSetting.Parse("sqlite:" + Path.Combine(folder, "icmal.db")), s, ct) is var code and not 0) return code;
            }
            if (pg && await RunEngineAsync(archive, DatabaseSetting.Parse(s.PostgreSql), s, ct) is var pgCode and not 0) return pgCode;
            return 0;
        }
        catch (Exception e) when (e is DatabaseOpenException or DatabaseSettingException)
        {
            Console.Error.WriteLine("bench store: " + e.Message);
            return 2;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (s.Data is null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunEngineAsync(SyntheticArchive archive, DatabaseSetting setting, Settings s, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var stores = await Stores.OpenAsync(setting, ct);
        bool empty = await stores.Articles.CountAsync(ct) == 0;
        if (empty == s.Reuse)
        {
            Console.Error.WriteLine(s.Reuse
                ? $"bench store: --reuse: {stores.Database.Location} holds no archive to measure"
                : $"bench store: {stores.Database.Location} is not empty; give an empty database (or --reuse to measure it)");
            return 2;
        }
        string name = setting.Engine == DatabaseEngine.Sqlite ? "sqlite" : "postgresql";
        Console.Out.WriteLine();
        Console.Out.WriteLine($"{name}: {stores.Database.Location}");
        if (!s.Reuse && s.Staged) await StagedLoader.ImportAsync(archive, stores, setting, s.Count, s.Batch, ct);
        else if (!s.Reuse) await ImportAsync(archive, stores, setting, name, s, ct);
        long size = await SizeAsync(setting);
        Console.Out.WriteLine(string.Create(c, $"  size     {size / 1e6:0} MB"));

        // The portal over this store, on a real Kestrel server: the home page, an article's page and its API answer.
        await using var web = PortalServer.Build(stores, new PortalOptions("http://127.0.0.1:0"));
        await web.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = new Uri(web.Urls.Single()) };
        var random = new Random(s.Seed);
        long[] ids = await IdsAsync(setting, ct);
        await TimeAsync("home /", s.Requests, _ => "/", client, ct);
        await TimeAsync("article /articles/{id}", s.Requests, _ => "/articles/" + ids[random.Next(ids.Length)].ToString(c), client, ct);
        await TimeAsync("article API /api/articles/{id}", s.Requests, _ => "/api/articles/" + ids[random.Next(ids.Length)].ToString(c), client, ct);
        await TimeAsync("list API /api/articles?limit=30", s.Requests, _ => "/api/articles?limit=30", client, ct);
        await TimeAsync("names /entities?period=month (kept a minute)", s.Requests, _ => "/entities?period=month", client, ct);
        await TimeNamesAsync(stores, ids[^1], ct);

        // Search: the search benchmark's mix, through the searcher the portal uses.
        var mix = QueryMix.Make(archive, s.Queries, s.Seed);
        var searcher = new Searcher(stores);
        double serverBefore = ServerCpu.Seconds(setting);
        var latency = await QueryMix.TimeAsync(mix, 3, async (q, t) => (await searcher.SearchAsync(new SearchRequest(q, 10), t)).Results?.Items.Count ?? -1, ct);
        // The server's CPU over the warm-up and the three timed rounds, per search (0 on SQLite).
        double serverMs = (ServerCpu.Seconds(setting) - serverBefore) * 1000 / (4.0 * mix.Count);
        var all = latency.Kinds["all"];
        Console.Out.WriteLine(string.Create(c,
            $"  search   p50 {all.P50:0.0} ms, p99 {all.P99:0.0} ms (thread CPU p50 {all.CpuP50:0.0} ms, server CPU {serverMs:0.0} ms per search; {mix.Count} queries × 3 rounds after a warm-up; {all.WithResults}/{all.Queries} found something; load {LoadAverage()})"));
        foreach (string kind in QueryMix.Kinds)
        {
            if (latency.Kinds.TryGetValue(kind, out var k))
                Console.Out.WriteLine(string.Create(c, $"    {kind,-10} p50 {k.P50:0.0} ms, p99 {k.P99:0.0} ms"));
        }
        return 0;
    }

    /// <summary>
    /// The names page's reading, uncached: the 20 names of each kind counted over the archive's newest day, week and
    /// month (ending at the newest article's time, not now: the synthetic archive's dates are its own), 10 rounds after one.
    /// </summary>
    private static async Task TimeNamesAsync(Stores stores, long newestId, CancellationToken ct)
    {
        if (await stores.Articles.GetAsync(newestId, ct) is not { } newest) return;
        var end = newest.Published ?? newest.Archived;
        foreach (var period in RecentPeriods.All)
        {
            var since = RecentPeriods.Since(period, end);
            var times = new double[10];
            long counted = 0;
            for (int round = -1; round < times.Length; round++)
            {
                long start = Stopwatch.GetTimestamp();
                counted = (await stores.Entities.MostNamedAsync(since, EntityRoutes.InTheNewsSize, ct)).Sum(e => e.Articles);
                if (round >= 0) times[round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(times);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  names of the newest {RecentPeriods.Code(period)} (3 kinds × {EntityRoutes.InTheNewsSize} in one query, uncached): p50 {Percentile(times, 0.50):0.0} ms, max {times[^1]:0.0} ms; the 60 names' articles summed {counted:N0}; load {LoadAverage()}"));
        }
    }

    /// <summary>Times <paramref name="count"/> GETs one after another (after 100 warm-up ones): wall p50/p99 and this process's CPU per request.</summary>
    private static async Task TimeAsync(string what, int count, Func<int, string> address, HttpClient client, CancellationToken ct)
    {
        for (int i = 0; i < 100; i++) (await client.GetAsync(address(i), ct)).Dispose();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var times = new double[count];
        int failed = 0;
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using var answer = await client.GetAsync(address(i), HttpCompletionOption.ResponseContentRead, ct);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!answer.IsSuccessStatusCode) failed++;
        }
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / count;
        Array.Sort(times);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: p50 {Percentile(times, 0.50):0.0} ms, p99 {Percentile(times, 0.99):0.0} ms, {cpuMs:0.0} ms process CPU each (server and client), {count} requests, {failed} not 2xx; load {LoadAverage()}"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>
    /// The stored articles' ids, so that the article pages asked for exist: an archive has gaps (ids a rolled back or
    /// refused batch took, articles removed), and a 404 is answered faster than a page.
    /// </summary>
    private static async Task<long[]> IdsAsync(DatabaseSetting setting, CancellationToken ct)
    {
        await using System.Data.Common.DbConnection conn = setting.Engine == DatabaseEngine.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = setting.Target, Mode = SqliteOpenMode.ReadOnly }.ToString())
            : new Npgsql.NpgsqlConnection(setting.Target);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT id FROM articles ORDER BY id";
        var ids = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        return ids.Count > 0 ? [.. ids] : [1];
    }

    /// <summary>The database's size on disk: SQLite's file with its WAL, PostgreSQL's pg_database_size.</summary>
    private static async Task<long> SizeAsync(DatabaseSetting setting)
    {
        if (setting.Engine == DatabaseEngine.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            return new[] { "", "-wal" }.Select(suffix => new FileInfo(setting.Target + suffix)).Where(f => f.Exists).Sum(f => f.Length);
        }
        await using var conn = new Npgsql.NpgsqlConnection(setting.Target);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Imports the archive through the store's own bulk path, a batch per transaction, and prints the rates.</summary>
    private static async Task ImportAsync(SyntheticArchive archive, Stores stores, DatabaseSetting setting, string name, Settings s, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        double serverCpu = ServerCpu.Seconds(setting);
        var clock = Stopwatch.StartNew();
        var pending = new List<(NewDocument, Article, SearchDocument)>(s.Batch);
        for (long n = 0; n < s.Count; n++)
        {
            var (document, article) = ToStored(archive.Article(n));
            pending.Add((document, article, SearchDocument.Of(article)));
            if (pending.Count == s.Batch || n + 1 == s.Count)
            {
                await stores.Articles.AddManyAsync(pending, ct);
                pending.Clear();
            }
            if ((n + 1) % 50_000 == 0)
                Console.Error.WriteLine(string.Create(c, $"  {name}: {n + 1:N0}/{s.Count:N0} in {clock.Elapsed.TotalSeconds:0} s ({(n + 1) / clock.Elapsed.TotalSeconds:0}/s), load {LoadAverage()}"));
        }
        clock.Stop();
        process.Refresh();
        double importCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
        serverCpu = ServerCpu.Seconds(setting) - serverCpu;
        Console.Out.WriteLine(string.Create(c,
            $"  import   {s.Count / clock.Elapsed.TotalSeconds:0} articles/s wall ({clock.Elapsed.TotalSeconds:0.0} s; this process {importCpu:0.0} s CPU = {s.Count / importCpu:0} articles per CPU second, making the synthetic articles included; load {LoadAverage()})"));
        if (setting.Engine == DatabaseEngine.PostgreSql)
            Console.Out.WriteLine(string.Create(c,
                $"           PostgreSQL backends of this database {serverCpu:0.0} s CPU; with this process {s.Count / (importCpu + serverCpu):0} articles per CPU second"));
    }

    /// <summary>The article as the import stores a text page: the raw bytes are its text, and the extracted article.</summary>
    internal static (NewDocument, Article) ToStored(SyntheticArticle a)
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
