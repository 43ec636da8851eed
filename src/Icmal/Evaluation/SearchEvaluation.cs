using System.Diagnostics;
using System.Text.Json;
using Icmal.Search;
using Icmal.Storage;

namespace Icmal.Evaluation;

/// <summary>A known-item query read from a set: what is typed, the address of the article wanted, and its line.</summary>
public sealed record KnownItem(string Query, string Url, int Line);

/// <summary>A query whose article was not first: where it came (null: not in the top 10) and what came first instead.</summary>
public sealed record KnownItemMiss(KnownItem Item, int? Rank, string? First);

/// <summary>One engine's figures over a query set.</summary>
/// <param name="RecallAt10">Share of queries whose article is in the top 10.</param>
/// <param name="Mrr">Mean reciprocal rank, counting ranks up to 10 (deeper or not found is 0).</param>
public sealed record KnownItemScore(string Engine, int Queries, int Found, double RecallAt10, double Mrr, double MsPerQuery, IReadOnlyList<KnownItemMiss> Misses);

/// <summary>The figures of each engine run, and the lines of the set that could not be used (each with its reason).</summary>
public sealed record SearchEvaluationReport(IReadOnlyList<KnownItemScore> Scores, IReadOnlyList<string> Skipped, long Articles);

/// <summary>
/// Known-item search evaluation (#15): each line of a JSON-lines file, <c>{ "query": …, "url": … }</c>, is run through
/// İcmal's <see cref="Searcher"/> against the current database, and scored by the rank of the article stored under
/// that address (or imported from a file of that name): recall@10 and MRR. Copies of the article (the same text
/// stored under another address, which search shows once) count as the article. Optionally the same queries run
/// against SQLite FTS5 out of the box (<see cref="PlainFts5Index"/>) built from the same articles, with AND and OR.
/// </summary>
public static class SearchEvaluation
{
    /// <summary>How deep a result list is looked at.</summary>
    public const int Depth = 10;

    /// <summary>
    /// Reads the set: one JSON object a line with string "query" and "url"; blank lines are skipped silently, every
    /// other line that is not such an object is skipped with its line number and problem.
    /// </summary>
    public static async Task<(IReadOnlyList<KnownItem> Items, IReadOnlyList<string> Skipped)> ReadAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var items = new List<KnownItem>();
        var skipped = new List<string>();
        int n = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (Read(line, n) is { } item) items.Add(item);
            else skipped.Add($"line {n}: {Problem(line)}");
        }
        return (items, skipped);
    }

    private static KnownItem? Read(string line, int n)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) return null;
            string? query = Str(o, "query"), url = Str(o, "url");
            return string.IsNullOrWhiteSpace(query) || string.IsNullOrWhiteSpace(url) ? null : new KnownItem(query, url.Trim(), n);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Problem(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) return "not a JSON object";
            if (string.IsNullOrWhiteSpace(Str(o, "query"))) return "no \"query\" string";
            return "no \"url\" string";
        }
        catch (JsonException e)
        {
            return $"not JSON ({e.Message})";
        }
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>
    /// Scores the set at <paramref name="path"/> against the database of <paramref name="stores"/> with İcmal's search,
    /// and with FTS5 out of the box (AND, OR) too when <paramref name="baselineFolder"/> names a folder to build it in.
    /// A query whose address no stored article has is skipped with its line.
    /// </summary>
    public static async Task<SearchEvaluationReport> EvaluateAsync(string path, Stores stores, string? baselineFolder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var (items, skipped) = await ReadAsync(path, ct);
        var targets = await KnownItemTargets.LoadAsync(new ArticleTextScan(stores.Database), ct);
        var usable = new List<(KnownItem Item, IReadOnlySet<long> Ids)>();
        var problems = new List<string>(skipped);
        foreach (var item in items)
        {
            if (targets.Resolve(item.Url) is { } ids) usable.Add((item, ids));
            else problems.Add($"line {item.Line}: no stored article has the address {item.Url}");
        }

        var scores = new List<KnownItemScore>();
        var searcher = new Searcher(stores);
        scores.Add(await ScoreAsync("icmal", usable, targets, async (q, c) =>
        {
            var answer = await searcher.SearchAsync(new SearchRequest(q, Depth), c);
            return answer.Results is { } r ? (r.Items.Select(h => h.Id).ToList(), null) : ([], answer.Problem?.Message ?? "refused");
        }, ct));

        if (baselineFolder is not null)
        {
            string file = Path.Combine(baselineFolder, "fts5-baseline-" + Guid.NewGuid().ToString("N") + ".db");
            try
            {
                await using var plain = await PlainFts5Index.CreateAsync(file, ct);
                await LoadAsync(plain, new ArticleTextScan(stores.Database), ct);
                foreach (var (name, match) in new[] { ("fts5 AND", PlainMatch.All), ("fts5 OR", PlainMatch.Any) })
                    scores.Add(await ScoreAsync(name, usable, targets, async (q, c) => ((await plain.SearchAsync(q, match, Depth, c)).ToList(), (string?)null), ct));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (string f in new[] { file, file + "-wal", file + "-shm" })
                    if (File.Exists(f)) File.Delete(f);
            }
        }
        return new SearchEvaluationReport(scores, problems, targets.Articles);
    }

    /// <summary>Fills the baseline with every stored article's title and body, a thousand to a transaction.</summary>
    public static async Task LoadAsync(PlainFts5Index plain, ArticleTextScan scan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(scan);
        var batch = new List<PlainDocument>(1000);
        await foreach (var a in scan.ReadAllAsync(ct))
        {
            batch.Add(new PlainDocument(a.Id, a.Title, a.Body, a.Site, a.Published));
            if (batch.Count < 1000) continue;
            await plain.AddAsync(batch, ct);
            batch.Clear();
        }
        if (batch.Count > 0) await plain.AddAsync(batch, ct);
        await plain.OptimizeAsync(ct);
    }

    private static async Task<KnownItemScore> ScoreAsync(string engine, List<(KnownItem Item, IReadOnlySet<long> Ids)> set, KnownItemTargets targets,
        Func<string, CancellationToken, Task<(List<long> Ids, string? Refusal)>> search, CancellationToken ct)
    {
        int found = 0;
        double reciprocal = 0;
        var misses = new List<KnownItemMiss>();
        var clock = Stopwatch.StartNew();
        foreach (var (item, ids) in set)
        {
            var (hits, refusal) = await search(item.Query, ct);
            int rank = hits.Take(Depth).ToList().FindIndex(ids.Contains) + 1;
            if (rank > 0)
            {
                found++;
                reciprocal += 1.0 / rank;
            }
            if (rank != 1)
                misses.Add(new KnownItemMiss(item, rank > 0 ? rank : null, refusal is not null ? "refused: " + refusal : hits.Count > 0 ? targets.Describe(hits[0]) : null));
        }
        int count = set.Count;
        return new KnownItemScore(engine, count, found, count == 0 ? 0 : (double)found / count, count == 0 ? 0 : reciprocal / count,
            count == 0 ? 0 : clock.Elapsed.TotalMilliseconds / count, misses);
    }
}
