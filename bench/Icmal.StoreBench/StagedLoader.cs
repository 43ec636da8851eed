using System.Diagnostics;
using System.Globalization;
using Icmal.Analysis;
using Icmal.Clustering;
using Icmal.Model;
using Icmal.SearchBench;
using Icmal.Storage;
using Icmal.Text.Categories;
using Icmal.Text.Similarity;
using Npgsql;
using NpgsqlTypes;

namespace Icmal.StoreBench;

/// <summary>
/// The synthetic archive stored as <c>icmal import</c> would leave it after every stage, at bulk speed (PostgreSQL
/// only): each batch's articles, documents and search keys through the store's own batch path, their facts (entities,
/// quotes, figures) and categories through the live batch writers, in one transaction; then each article's copy
/// sketch and sketch keys (as <see cref="SketchStore"/> stores them), and its story from the real
/// <see cref="StoryClusterer"/> (run in arrival order, as the cluster stage does), written with COPY and one
/// UPDATE per batch. The per-article analysis (sketch, facts, category, lead terms, search document) is the live
/// path's library code, run on every core while the batch before is written.
/// </summary>
/// <remarks>
/// Not written: copy links (<c>article_copies</c>: the copy rule's candidates and decision per article are left
/// out, so the archive has no copy links), page views, and the language identifier's pass (the articles are
/// Azerbaijani by construction, as in the stage-less path).
/// </remarks>
internal static class StagedLoader
{
    private sealed record Prepared(NewDocument Document, Article Article, SearchDocument Search, TextSketch Sketch, ArticleFacts Facts,
        CategoryAssignment Category, ArticleTerms Terms);

    private sealed class StoryState(string title, DateTimeOffset at)
    {
        public string Title { get; set; } = title;
        public DateTimeOffset First { get; set; } = at;
        public DateTimeOffset Last { get; set; } = at;
        public int Count { get; set; } = 1;
    }

    /// <summary>One story row of a binary COPY into <c>stories</c> or the final-state table of the same columns.</summary>
    private static async Task WriteStoryAsync(NpgsqlBinaryImporter copy, long id, StoryState s, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(id, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(s.Title, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.First.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(s.Last.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(s.Count, NpgsqlDbType.Integer, ct);
    }

    /// <summary>Stores the archive staged, a batch per transaction; prints the rate and the archive's make-up.</summary>
    public static async Task ImportAsync(SyntheticArchive archive, Stores stores, DatabaseSetting setting, int count, int batchSize,
        CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        if (setting.Engine != DatabaseEngine.PostgreSql) throw new InvalidOperationException("the staged load is for PostgreSQL only");
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        double serverCpu = ServerCpu.Seconds(setting);
        var clock = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(setting.Target);
        await conn.OpenAsync(ct);
        long nextStory = await MaxStoryAsync(conn, ct);
        var clusterer = new StoryClusterer();
        var stories = new Dictionary<long, StoryState>();
        var titles = new Dictionary<long, string>();
        long entities = 0, quotes = 0, figures = 0;

        Prepared[] Prepare(long from)
        {
            int n = (int)Math.Min(batchSize, count - from);
            var items = new Prepared[n];
            Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, k =>
            {
                var (document, article) = Program.ToStored(archive.Article(from + k));
                items[k] = new Prepared(document, article, SearchDocument.Of(article), TextSketch.Of(article.Text), FactAnalyzer.Analyse(article),
                    CategoryStore.Categorise(CategoryClassifier.Default, article), ArticleAnalyzer.LeadTerms(article.Title, article.Text, article.Language));
            });
            return items;
        }

        var next = Task.Run(() => Prepare(0), ct);
        for (long from = 0; from < count; from += batchSize)
        {
            var items = await next;
            if (from + batchSize < count)
            {
                long after = from + batchSize;
                next = Task.Run(() => Prepare(after), ct);
            }
            // The live batch path: articles with their search keys, facts, categories, one transaction.
            var ids = await stores.Database.InOneTransactionAsync(async t =>
            {
                var stored = await stores.Articles.AddManyAsync([.. items.Select(i => (i.Document, i.Article, i.Search))], t, inGivenOrder: true);
                var fresh = Enumerable.Range(0, items.Length).Where(k => stored[k].Status == StoreStatus.Stored).ToArray();
                await ArticleFactsWriter.WriteManyAsync(stores, [.. fresh.Select(k => (stored[k].ArticleId, items[k].Facts))], t);
                await stores.Categories.SetManyAsync([.. fresh.Select(k => (stored[k].ArticleId, items[k].Category))], t);
                return stored.Select(r => r.Status == StoreStatus.Stored ? r.ArticleId : 0).ToArray();
            }, ct);

            // Stories: the real clusterer in arrival order, each story's state as StoryStore.AssignAsync keeps it.
            var newStories = new List<long>();
            var storyOf = new List<(long Article, long Story)>(items.Length);
            for (int k = 0; k < items.Length; k++)
            {
                if (ids[k] == 0) continue;
                var article = items[k].Article;
                titles[ids[k]] = article.Title;
                var time = article.PlausiblePublished ?? article.Archived;
                var assignment = clusterer.Assign(new ClusterInput(ids[k], items[k].Terms, article.PlausiblePublished), () => ++nextStory);
                if (assignment.IsNew)
                {
                    stories[assignment.StoryKey] = new StoryState(article.Title, time);
                    newStories.Add(assignment.StoryKey);
                }
                else
                {
                    var story = stories[assignment.StoryKey];
                    story.Count++;
                    if (story.Last < time) story.Last = time;
                    if (story.First > time) story.First = time;
                    if (assignment.HeadlineArticleId is { } headline)
                        story.Title = headline == ids[k] ? article.Title : titles.GetValueOrDefault(headline, story.Title);
                }
                storyOf.Add((ids[k], assignment.StoryKey));
                entities += items[k].Facts.Entities.Count;
                quotes += items[k].Facts.Quotes.Count;
                figures += items[k].Facts.Figures.Count;
            }

            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await using (var copy = await conn.BeginBinaryImportAsync("COPY stories (id, title, first_seen, last_seen, article_count) FROM STDIN (FORMAT BINARY)", ct))
                {
                    foreach (long id in newStories) await WriteStoryAsync(copy, id, stories[id], ct);
                    await copy.CompleteAsync(ct);
                }
                await using (var update = new NpgsqlCommand("UPDATE articles SET story_id = u.s FROM unnest(@a, @s) AS u(a, s) WHERE articles.id = u.a", conn, tx))
                {
                    update.Parameters.Add(new NpgsqlParameter<long[]>("@a", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. storyOf.Select(x => x.Article)] });
                    update.Parameters.Add(new NpgsqlParameter<long[]>("@s", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. storyOf.Select(x => x.Story)] });
                    await update.ExecuteNonQueryAsync(ct);
                }
                // The copy stage's rows: the sketch and its first KeyCount hashes as keys (SketchStore.AddAsync).
                await using (var copy = await conn.BeginBinaryImportAsync("COPY article_sketches (article_id, shingles, sketch) FROM STDIN (FORMAT BINARY)", ct))
                {
                    for (int k = 0; k < items.Length; k++)
                    {
                        if (ids[k] == 0) continue;
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(ids[k], NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(items[k].Sketch.Shingles, NpgsqlDbType.Integer, ct);
                        await copy.WriteAsync(items[k].Sketch.ToBytes(), NpgsqlDbType.Bytea, ct);
                    }
                    await copy.CompleteAsync(ct);
                }
                var keys = new SortedSet<(long Key, long Article)>();
                for (int k = 0; k < items.Length; k++)
                {
                    if (ids[k] == 0) continue;
                    foreach (uint key in items[k].Sketch.Keys) keys.Add((key, ids[k]));
                }
                await using (var copy = await conn.BeginBinaryImportAsync("COPY article_sketch_keys (sketch_key, article_id) FROM STDIN (FORMAT BINARY)", ct))
                {
                    foreach (var (key, article) in keys)
                    {
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(key, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(article, NpgsqlDbType.Bigint, ct);
                    }
                    await copy.CompleteAsync(ct);
                }
                await tx.CommitAsync(ct);
            }
            long done = Math.Min(count, from + batchSize);
            if (done % 50_000 < batchSize || done == count)
                Console.Error.WriteLine(string.Create(c, $"  staged: {done:N0}/{count:N0} in {clock.Elapsed.TotalSeconds:0} s ({done / clock.Elapsed.TotalSeconds:0}/s), {stories.Count:N0} stories, load {Program.LoadAverage()}"));
        }

        // Every story's final state (a story written in an early batch grew in later ones), and the identity past the ids given.
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using (var create = new NpgsqlCommand("CREATE TEMP TABLE story_final (id BIGINT, title TEXT, first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ, article_count INTEGER) ON COMMIT DROP", conn, tx))
                await create.ExecuteNonQueryAsync(ct);
            await using (var copy = await conn.BeginBinaryImportAsync("COPY story_final FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var (id, s) in stories) await WriteStoryAsync(copy, id, s, ct);
                await copy.CompleteAsync(ct);
            }
            await using (var update = new NpgsqlCommand("""
                UPDATE stories s SET title = f.title, first_seen = f.first_seen, last_seen = f.last_seen, article_count = f.article_count
                FROM story_final f WHERE s.id = f.id
                    AND (s.title <> f.title OR s.first_seen <> f.first_seen OR s.last_seen <> f.last_seen OR s.article_count <> f.article_count);
                SELECT setval(pg_get_serial_sequence('stories', 'id'), GREATEST((SELECT MAX(id) FROM stories), 1));
                """, conn, tx))
                await update.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
        await VacuumAsync(conn, ct);
        clock.Stop();
        process.Refresh();
        double importCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
        serverCpu = ServerCpu.Seconds(setting) - serverCpu;
        var sizes = stories.Values.Select(s => s.Count).ToArray();
        Array.Sort(sizes);
        Console.Out.WriteLine(string.Create(c,
            $"  staged import {count / clock.Elapsed.TotalSeconds:0} articles/s wall ({clock.Elapsed.TotalSeconds:0.0} s; this process {importCpu:0.0} s CPU, PostgreSQL backends {serverCpu:0.0} s; load {Program.LoadAverage()})"));
        Console.Out.WriteLine(string.Create(c,
            $"  stories  {sizes.Length:N0}: {sizes.Count(n => n == 1):N0} of one article, median {sizes[sizes.Length / 2]}, p99 {sizes[(int)(sizes.Length * 0.99)]}, largest {sizes[^1]}; mean {sizes.Average():0.00} articles"));
        Console.Out.WriteLine(string.Create(c,
            $"  facts    {entities:N0} entity mentions, {quotes:N0} quotes, {figures:N0} figures ({(double)entities / count:0.0} / {(double)quotes / count:0.00} / {(double)figures / count:0.00} an article)"));
    }

    /// <summary>What autovacuum would do in time: the articles' and stories' dead rows (each article's row was updated with its story) and the statistics.</summary>
    private static async Task VacuumAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using (var articles = new NpgsqlCommand("VACUUM (ANALYZE) articles", conn) { CommandTimeout = 0 })
            await articles.ExecuteNonQueryAsync(ct);
        await using (var stories = new NpgsqlCommand("VACUUM (ANALYZE) stories", conn) { CommandTimeout = 0 })
            await stories.ExecuteNonQueryAsync(ct);
        await using (var all = new NpgsqlCommand("ANALYZE", conn) { CommandTimeout = 0 })
            await all.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> MaxStoryAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(id), 0) FROM stories", conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
