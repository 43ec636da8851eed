using System.Data.Common;

namespace Icmal.Storage;

/// <summary>
/// An article a story stage puts into a story. <paramref name="StoryKey"/> is the story's id, or the temporary key of a
/// story this batch starts (<paramref name="IsNew"/> on the article that starts it, which gives it its first title).
/// With <paramref name="HeadlineArticleId"/>, the story takes that member's title as its headline.
/// </summary>
public sealed record StoryJoin(long ArticleId, long StoryKey, bool IsNew, string Title, DateTimeOffset Time, long? HeadlineArticleId = null);

/// <summary>
/// What other processes put into stories since a stage last looked, in the order they did (<see cref="StoryOrderStep"/>):
/// the newest <see cref="StoryStore.AssignManyAsync"/>'s limit of them. <paramref name="Through"/> is the last number of
/// the order now: with these rows and its own, the stage has seen every assignment up to it.
/// </summary>
public sealed record StoryCatchUp(IReadOnlyList<ClusterRow> Rows, long Through);

/// <summary>What a batch of <see cref="StoryJoin"/> became: the ids of the stories it started by their temporary keys, and each article's story.</summary>
public sealed record StoryBatchResult(IReadOnlyDictionary<long, long> NewStories, IReadOnlyDictionary<long, long> StoryOf);

/// <summary>
/// What a story stage starts from: recent clustered articles, the unclustered ones, and the story order's last number
/// when read; and the ids of unclustered articles whose row cannot be read (left out of the stories).
/// </summary>
public sealed record ClusterState(IReadOnlyList<ClusterRow> Recent, IReadOnlyList<ClusterRow> Unclustered, long Through, IReadOnlyList<long> Unreadable);

public sealed partial class StoryStore
{
    /// <summary>
    /// Puts a batch of articles into stories, correctly beside other processes doing the same (issues #16, #17): in one
    /// transaction (the batch's shared one when there is one), the assignments of every process are serialised
    /// (<see cref="SqlDialect.StoryLock"/>; SQLite's one writer), then what the others assigned after
    /// <paramref name="seenThrough"/> is read (but the articles of <paramref name="own"/>, assigned by the caller) and
    /// handed to <paramref name="plan"/>, which learns it and says where each article goes; the answer is written. No
    /// other process assigns between the reading and the commit, so no two start a story for one event.
    /// </summary>
    /// <remarks>An article already in a story stays there (the result says which).</remarks>
    public async Task<StoryBatchResult> AssignManyAsync(long seenThrough, IReadOnlyCollection<long> own, int catchUpLimit,
        Func<StoryCatchUp, IReadOnlyList<StoryJoin>> plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(plan);
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var catchUp = await CatchUpAsync(conn, tx, seenThrough, own, catchUpLimit, ct);
        var joins = plan(catchUp);
        var result = joins.Count == 0 ? new StoryBatchResult(new Dictionary<long, long>(), new Dictionary<long, long>()) : await WriteAsync(conn, tx, joins, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Puts an article into a story, starting the story when <paramref name="storyId"/> is null (under the same lock,
    /// and in the same order, as <see cref="AssignManyAsync"/>). An article already in a story stays there (its story
    /// is returned). With <paramref name="headlineArticleId"/>, the story takes that member's title as its headline.
    /// </summary>
    public async Task<long> AssignAsync(long articleId, long? storyId, string newStoryTitle, DateTimeOffset time, CancellationToken ct, long? headlineArticleId = null)
    {
        const long Temporary = -1;
        var done = await AssignManyAsync(long.MaxValue, [], 0,
            _ => [new StoryJoin(articleId, storyId ?? Temporary, storyId is null, newStoryTitle, time, storyId is null ? null : headlineArticleId)], ct);
        return done.StoryOf[articleId];
    }

    /// <summary>The most recent clustered articles (to warm the clusterer), every unclustered one (to catch up), and the story order's last number.</summary>
    public async Task<ClusterState> LoadClusterStateAsync(int recent, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        // The number first: an article clustered after it is left to the first catch-up, so none is learned twice.
        long through = await Sql.Int64Async(conn, null, TopSql, ct);
        var warm = await Sql.ListAsync(conn, $"""
            {ClusterRowSql}
            WHERE a.story_id IS NOT NULL AND (a.story_seq IS NULL OR a.story_seq <= @through)
            ORDER BY a.sort_at DESC, a.id DESC LIMIT @n
            """, ReadClusterRowOrNull, ct, ("@n", recent), ("@through", through));
        warm.Reverse();
        var pending = await Sql.ListAsync(conn, $"{ClusterRowSql} WHERE a.story_id IS NULL ORDER BY a.id",
            r => (Id: r.GetInt64(0), Row: ReadClusterRowOrNull(r)), ct);
        return new ClusterState([.. warm.OfType<ClusterRow>()], [.. pending.Select(p => p.Row).OfType<ClusterRow>()], through,
            [.. pending.Where(p => p.Row is null).Select(p => p.Id)]);
    }

    /// <summary>The story order's last number (0 before the first); by the partial index, one entry read.</summary>
    internal const string TopSql = "SELECT COALESCE((SELECT story_seq FROM articles WHERE story_seq IS NOT NULL ORDER BY story_seq DESC LIMIT 1), 0)";

    /// <summary><see cref="ReadClusterRow"/> as a delegate, made once rather than at every catch-up.</summary>
    private Func<DbDataReader, ClusterRow>? _readRow;

    private async Task<StoryCatchUp> CatchUpAsync(DbConnection conn, DbTransaction tx, long seenThrough, IReadOnlyCollection<long> own, int limit,
        CancellationToken ct)
    {
        string rowsSql = $"""
            {ClusterRowSql}
            WHERE a.story_seq IS NOT NULL AND a.story_seq > @since AND NOT ({_d.InList("a.id", "@own")})
            ORDER BY a.story_seq DESC LIMIT @n
            """;
        if (_d.Batches.CatchUpStories(database, conn, tx, rowsSql, seenThrough, own, limit, _readRow ??= ReadClusterRow, ct) is { } batched)
            return await batched;
        if (_d.StoryLock is { } otherLock) await Sql.ExecAsync(conn, tx, otherLock, ct);
        long through = await Sql.Int64Async(conn, tx, TopSql, ct);
        if (through <= seenThrough || limit <= 0) return new StoryCatchUp([], Math.Max(through, seenThrough));
        var rows = await Sql.ListAsync(conn, tx, rowsSql, _readRow ??= ReadClusterRow, ct, ("@since", seenThrough), ("@own", _d.ListValue(own)), ("@n", limit));
        rows.Reverse();
        return new StoryCatchUp(rows, through);
    }

    private async Task<StoryBatchResult> WriteAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<StoryJoin> joins, CancellationToken ct)
    {
        if (_d.Batches.WriteStories(database, conn, tx, joins, ct) is { } batched)
            return await batched;
        // One statement per row: SQLite's statements cost no round trip.
        var created = new Dictionary<long, long>();
        foreach (var join in joins.Where(j => j.IsNew))
        {
            created[join.StoryKey] = await Sql.Int64Async(conn, tx,
                "INSERT INTO stories (title, first_seen, last_seen, article_count) VALUES (@t, @at, @at, 0) RETURNING id", ct,
                ("@t", join.Title), ("@at", _d.Time(join.Time)));
        }
        long seq = await Sql.Int64Async(conn, tx, TopSql, ct);
        foreach (var join in joins)
        {
            long story = created.GetValueOrDefault(join.StoryKey, join.StoryKey);
            if (await Sql.ExecAsync(conn, tx, "UPDATE articles SET story_id = @s, story_seq = @q WHERE id = @id AND story_id IS NULL", ct,
                    ("@s", story), ("@q", ++seq), ("@id", join.ArticleId)) == 0) continue;
            await Sql.ExecAsync(conn, tx, """
                UPDATE stories SET article_count = article_count + 1,
                    last_seen = CASE WHEN last_seen < @at THEN @at ELSE last_seen END,
                    first_seen = CASE WHEN first_seen > @at THEN @at ELSE first_seen END
                WHERE id = @id
                """, ct, ("@at", _d.Time(join.Time)), ("@id", story));
        }
        foreach (var (key, headline, title) in Headlines(joins))
        {
            long story = created.GetValueOrDefault(key, key);
            if (title is not null) await Sql.ExecAsync(conn, tx, "UPDATE stories SET title = @t WHERE id = @s", ct, ("@t", title), ("@s", story));
            else await Sql.ExecAsync(conn, tx,
                "UPDATE stories SET title = (SELECT title FROM articles WHERE id = @a AND story_id = @s) WHERE id = @s AND EXISTS (SELECT 1 FROM articles WHERE id = @a AND story_id = @s)",
                ct, ("@a", headline), ("@s", story));
        }
        if (created.Count > 0)
            await Sql.ExecAsync(conn, tx, $"DELETE FROM stories WHERE {_d.InList("id", "@ids")} AND article_count = 0", ct, ("@ids", _d.ListValue(created.Values)));
        var storyOf = (await Sql.ListAsync(conn, tx, $"SELECT id, story_id FROM articles WHERE {_d.InList("id", "@ids")}",
            r => (Id: r.GetInt64(0), Story: r.Int64OrNull(1)), ct, ("@ids", _d.ListValue(joins.Select(j => j.ArticleId).Distinct().ToList()))))
            .Where(r => r.Story is not null).ToDictionary(r => r.Id, r => r.Story!.Value);
        return new StoryBatchResult(created, storyOf);
    }

    /// <summary>
    /// The last headline change of each story in the batch: the member whose title it takes, or (the member is the
    /// article that names itself) the title given with it.
    /// </summary>
    internal static List<(long StoryKey, long ArticleId, string? Title)> Headlines(IReadOnlyList<StoryJoin> joins)
    {
        var last = new Dictionary<long, (long StoryKey, long ArticleId, string? Title)>();
        var order = new List<long>();
        foreach (var join in joins)
        {
            if (join.IsNew || join.HeadlineArticleId is not { } headline) continue;
            if (!last.ContainsKey(join.StoryKey)) order.Add(join.StoryKey);
            last[join.StoryKey] = (join.StoryKey, headline, headline == join.ArticleId ? join.Title : null);
        }
        return order.Select(k => last[k]).ToList();
    }
}
