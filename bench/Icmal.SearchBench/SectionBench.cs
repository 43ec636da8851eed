using System.Globalization;
using Icmal.Bench;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Text.Categories;
using Microsoft.Data.Sqlite;

namespace Icmal.SearchBench;

/// <summary>
/// The sections' costs (issues #18/#19, branch sections), with <c>--sections</c>: every article given a section by a
/// fixed skewed share (Siyasət 30 %, … Digər 1 %) written straight into article_categories, then the query thread's
/// CPU for one-word queries bare, with a common section (<c>category:siyaset</c>) and with a rare one
/// (<c>category:diger</c>); and for a section's page (<see cref="ArticleStore.BrowseAsync"/>) at its first page and
/// 90 % of the way down the archive.
/// </summary>
internal static class SectionBench
{
    /// <summary>Section shares in percent, summing to 100.</summary>
    private static readonly (NewsCategory Category, int Percent)[] Shares =
    [
        (NewsCategory.Siyaset, 30), (NewsCategory.Iqtisadiyyat, 20), (NewsCategory.Cemiyyet, 15), (NewsCategory.Dunya, 10), (NewsCategory.Idman, 10),
        (NewsCategory.Hadise, 5), (NewsCategory.Kriminal, 4), (NewsCategory.Medeniyyet, 3), (NewsCategory.Texnologiya, 2), (NewsCategory.Diger, 1),
    ];

    public static async Task MeasureAsync(SyntheticArchive archive, Stores stores, string icmalDb, int perKind, int rounds, int seed, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        await FillAsync(icmalDb, ct);
        var words = QueryMix.Make(archive, perKind, seed).Where(q => q.Kind == "one-word").Select(q => q.Text).ToList();
        var searcher = new Searcher(stores);
        Console.Out.WriteLine();
        Console.Out.WriteLine(string.Create(c, $"sections: query thread CPU, ms ({words.Count} one-word queries × {rounds} rounds after a warm-up; top 10)"));
        Console.Out.WriteLine("| query | CPU p50 | CPU p99 | found |");
        Console.Out.WriteLine("|---|---:|---:|---:|");
        foreach (var (label, suffix) in new[] { ("word", ""), ("word category:siyaset (30 %)", " category:siyaset"), ("word category:diger (1 %)", " category:diger") })
        {
            var (p50, p99, found) = await TimeAsync(words.Select(w => w + suffix).ToList(), rounds, async (q, t) =>
                (await searcher.SearchAsync(new SearchRequest(q, 10), t)).Results?.Items.Count ?? -1, ct);
            Console.Out.WriteLine(string.Create(c, $"| {label} | {p50:0.00} | {p99:0.00} | {found}/{words.Count} |"));
        }

        long total = await stores.Articles.CountAsync(ct);
        var deep = await CursorAtAsync(icmalDb, total * 9 / 10, ct);
        Console.Out.WriteLine();
        Console.Out.WriteLine(string.Create(c, $"section pages (30 articles, originals): CPU, ms, p50 / p99 of {Math.Max(20, rounds * 10)} reads; deep = a cursor at article {total * 9 / 10:N0} of {total:N0}"));
        Console.Out.WriteLine("| section | first page | deep page |");
        Console.Out.WriteLine("|---|---:|---:|");
        foreach (var category in new[] { NewsCategory.Siyaset, NewsCategory.Texnologiya, NewsCategory.Diger })
        {
            int reads = Math.Max(20, rounds * 10);
            var first = await TimeAsync(Enumerable.Repeat("", reads).ToList(), 1, async (_, t) =>
                (await stores.Articles.BrowseAsync(new ArticleBrowse(Category: category), null, 30, t)).Items.Count, ct);
            var far = await TimeAsync(Enumerable.Repeat("", reads).ToList(), 1, async (_, t) =>
                (await stores.Articles.BrowseAsync(new ArticleBrowse(Category: category), deep, 30, t)).Items.Count, ct);
            int share = Shares.Single(s => s.Category == category).Percent;
            Console.Out.WriteLine(string.Create(c, $"| {category.Slug()} ({share} %) | {first.P50:0.00} / {first.P99:0.00} | {far.P50:0.00} / {far.P99:0.00} |"));
        }
    }

    /// <summary>The shares of <see cref="Shares"/> as SQL (cumulative percent of a scrambled id).</summary>
    private const string FillSql = """
        INSERT OR IGNORE INTO article_categories (article_id, category, origin, confidence)
        SELECT id, CASE
            WHEN (id * 37) % 100 < 30 THEN 'siyaset' WHEN (id * 37) % 100 < 50 THEN 'iqtisadiyyat' WHEN (id * 37) % 100 < 65 THEN 'cemiyyet'
            WHEN (id * 37) % 100 < 75 THEN 'dunya' WHEN (id * 37) % 100 < 85 THEN 'idman' WHEN (id * 37) % 100 < 90 THEN 'hadise'
            WHEN (id * 37) % 100 < 94 THEN 'kriminal' WHEN (id * 37) % 100 < 97 THEN 'medeniyyet' WHEN (id * 37) % 100 < 99 THEN 'texnologiya'
            ELSE 'diger' END, 'classifier', 0.5
        FROM articles
        """;

    /// <summary>Gives every article without a section one, by its id, in the fixed shares (one statement).</summary>
    private static async Task FillAsync(string icmalDb, CancellationToken ct)
    {
        await using var conn = new SqliteConnection("Data Source=" + icmalDb);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = FillSql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<ArticleCursor> CursorAtAsync(string icmalDb, long position, CancellationToken ct)
    {
        await using var conn = new SqliteConnection("Data Source=" + icmalDb);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT sort_at, id FROM articles ORDER BY sort_at DESC, id DESC LIMIT 1 OFFSET @p";
        cmd.Parameters.AddWithValue("@p", position);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new ArticleCursor(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetInt64(1));
    }

    private static async Task<(double P50, double P99, int Found)> TimeAsync(IReadOnlyList<string> queries, int rounds, Func<string, CancellationToken, Task<int>> run,
        CancellationToken ct)
    {
        int found = 0;
        foreach (string q in queries)
            if (await run(q, ct) > 0) found++;
        var cpu = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            foreach (string q in queries)
            {
                double start = ThreadCpu.Milliseconds();
                await run(q, ct);
                cpu.Add(ThreadCpu.Milliseconds() - start);
            }
        }
        cpu.Sort();
        return (At(cpu, 0.5), At(cpu, 0.99), found);
    }

    private static double At(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
