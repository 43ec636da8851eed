using Npgsql;
using NpgsqlTypes;
using static Icmal.Storage.PostgreSqlBatchCommands;

namespace Icmal.Storage;

/// <summary>
/// <see cref="StoryStore.AssignManyAsync"/>'s writes on PostgreSQL: a batch's stories in two round trips (the new
/// stories' ids, then one statement batch of <c>unnest</c>ed typed arrays) instead of one or two per article.
/// </summary>
/// <remarks>
/// The archive is the one statement per row path's: an article already in a story stays there and counts for no
/// other; the story order's numbers follow the batch's order (<see cref="StoryOrderStep"/>); a story a batch started
/// that got no article (its first one was in a story already) is removed again.
/// </remarks>
internal static class PostgreSqlStoryBatch
{
    public static async Task<StoryBatchResult> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<StoryJoin> joins,
        IReadOnlyList<(long StoryKey, long ArticleId, string? Title)> headlines, CancellationToken ct)
    {
        var starting = joins.Where(j => j.IsNew).ToList();
        var created = new Dictionary<long, long>();
        if (starting.Count > 0)
        {
            // The ids first (the identity's own sequence), so the articles and headlines below can name their stories.
            await using var ids = new NpgsqlCommand(NextStoryIds, conn, tx);
            ids.Parameters.Add(new NpgsqlParameter<int>("@n", NpgsqlDbType.Integer) { TypedValue = starting.Count });
            await using var reader = await ids.ExecuteReaderAsync(ct);
            int k = 0;
            while (await reader.ReadAsync(ct)) created[starting[k++].StoryKey] = reader.GetInt64(0);
        }
        long Id(long key) => created.GetValueOrDefault(key, key);

        await using var batch = new NpgsqlBatch(conn, tx);
        if (starting.Count > 0)
            batch.BatchCommands.Add(Command("""
                INSERT INTO stories (id, title, first_seen, last_seen, article_count) SELECT i, t, at, at, 0 FROM unnest(@i, @t, @at) AS n(i, t, at)
                """,
                Array("@i", NpgsqlDbType.Bigint, starting.Select(j => created[j.StoryKey]).ToArray()),
                Array("@t", NpgsqlDbType.Text, starting.Select(j => j.Title).ToArray()),
                Array("@at", NpgsqlDbType.TimestampTz, starting.Select(j => j.Time.ToUniversalTime()).ToArray())));
        // Each article still in no story takes its story and the next number of the order; each story then counts
        // the articles it took and widens its span to their times.
        batch.BatchCommands.Add(Command($"""
            WITH top AS ({StoryStore.TopSql} AS n),
            u AS (
                UPDATE articles SET story_id = j.s, story_seq = top.n + j.o
                FROM unnest(@a, @s, @at) WITH ORDINALITY AS j(a, s, at, o), top
                WHERE articles.id = j.a AND articles.story_id IS NULL
                RETURNING j.s, j.at),
            g AS (SELECT s, COUNT(*) AS n, MIN(at) AS lo, MAX(at) AS hi FROM u GROUP BY s)
            UPDATE stories SET article_count = article_count + g.n, first_seen = LEAST(first_seen, g.lo), last_seen = GREATEST(last_seen, g.hi)
            FROM g WHERE stories.id = g.s
            """,
            Array("@a", NpgsqlDbType.Bigint, joins.Select(j => j.ArticleId).ToArray()),
            Array("@s", NpgsqlDbType.Bigint, joins.Select(j => Id(j.StoryKey)).ToArray()),
            Array("@at", NpgsqlDbType.TimestampTz, joins.Select(j => j.Time.ToUniversalTime()).ToArray())));
        if (headlines.Count > 0)
            batch.BatchCommands.Add(Command("""
                UPDATE stories SET title = COALESCE(h.t, m.title)
                FROM unnest(@hs, @ha, @ht) AS h(s, a, t) LEFT JOIN articles m ON m.id = h.a AND m.story_id = h.s
                WHERE stories.id = h.s AND (h.t IS NOT NULL OR m.id IS NOT NULL)
                """,
                Array("@hs", NpgsqlDbType.Bigint, headlines.Select(h => Id(h.StoryKey)).ToArray()),
                Array("@ha", NpgsqlDbType.Bigint, headlines.Select(h => h.ArticleId).ToArray()),
                Array("@ht", NpgsqlDbType.Text, headlines.Select(h => h.Title).ToArray())));
        if (created.Count > 0)
            batch.BatchCommands.Add(Command("DELETE FROM stories WHERE id = ANY(@n) AND article_count = 0",
                Array("@n", NpgsqlDbType.Bigint, created.Values.ToArray())));
        batch.BatchCommands.Add(Command("SELECT id, story_id FROM articles WHERE id = ANY(@a) AND story_id IS NOT NULL",
            Array("@a", NpgsqlDbType.Bigint, joins.Select(j => j.ArticleId).Distinct().ToArray())));
        var storyOf = new Dictionary<long, long>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // Only the last statement gives rows.
            do
            {
                while (await reader.ReadAsync(ct)) storyOf[reader.GetInt64(0)] = reader.GetInt64(1);
            }
            while (await reader.NextResultAsync(ct));
        }
        return new StoryBatchResult(created, storyOf);
    }

    /// <summary>
    /// <see cref="StoryStore.AssignManyAsync"/>'s catch-up on PostgreSQL in one round trip: the lock, the order's last
    /// number, and the newest rows after <paramref name="since"/> but <paramref name="own"/>, as three statements of one
    /// batch (each reads what was committed when it starts, so the reads see all that committed before the lock came).
    /// </summary>
    public static async Task<StoryCatchUp> CatchUpAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string storyLock, string rowsSql,
        long since, IReadOnlyCollection<long> own, int limit, Func<System.Data.Common.DbDataReader, ClusterRow> read, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(storyLock));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(StoryStore.TopSql));
        batch.BatchCommands.Add(Command(rowsSql,
            new NpgsqlParameter<long>("@since", NpgsqlDbType.Bigint) { TypedValue = since },
            Array("@own", NpgsqlDbType.Bigint, own.ToArray()),
            new NpgsqlParameter<int>("@n", NpgsqlDbType.Integer) { TypedValue = Math.Max(limit, 0) }));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's result, to the number
        await reader.ReadAsync(ct);
        long through = reader.GetInt64(0);
        await reader.NextResultAsync(ct);
        var rows = new List<ClusterRow>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        rows.Reverse();
        return new StoryCatchUp(rows, Math.Max(through, since));
    }
}
