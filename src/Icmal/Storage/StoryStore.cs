using System.Data.Common;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>An article as the story clusterer needs it.</summary>
/// <param name="Published">The publication time when the page gave one (and it was not in the future).</param>
/// <param name="Language">The article's language, which decides how its terms are made (stems for Azerbaijani).</param>
public sealed record ClusterRow(long ArticleId, string Title, string Body, DateTimeOffset? Published, DateTimeOffset Archived, long? StoryId, string? Language);

/// <summary>Stories: the articles about one event, grouped as they arrive, with when the story was first and last seen.</summary>
public sealed class StoryStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    /// <summary>
    /// Puts an article into a story, starting the story when <paramref name="storyId"/> is null; one transaction, so
    /// story counts always match their articles. An article already in a story stays there (its story is returned).
    /// With <paramref name="headlineArticleId"/>, the story takes that member's title as its headline (the clusterer
    /// names the member that best represents the story, which changes as reports arrive).
    /// </summary>
    public async Task<long> AssignAsync(long articleId, long? storyId, string newStoryTitle, DateTimeOffset time, CancellationToken ct, long? headlineArticleId = null)
    {
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await Sql.Int64OrNullAsync(conn, tx, "SELECT story_id FROM articles WHERE id = @id", ct, ("@id", articleId)) is { } already) return already;
        object at = _d.Time(time);
        long id;
        if (storyId is null)
        {
            id = await Sql.Int64Async(conn, tx,
                "INSERT INTO stories (title, first_seen, last_seen, article_count) VALUES (@t, @at, @at, 1) RETURNING id", ct,
                ("@t", newStoryTitle), ("@at", at));
        }
        else
        {
            id = storyId.Value;
            await Sql.ExecAsync(conn, tx, """
                UPDATE stories SET article_count = article_count + 1,
                    last_seen = CASE WHEN last_seen < @at THEN @at ELSE last_seen END,
                    first_seen = CASE WHEN first_seen > @at THEN @at ELSE first_seen END
                WHERE id = @id
                """, ct, ("@at", at), ("@id", id));
        }
        await Sql.ExecAsync(conn, tx, "UPDATE articles SET story_id = @s WHERE id = @id", ct, ("@s", id), ("@id", articleId));
        if (headlineArticleId is { } headline && headline != articleId)
        {
            await Sql.ExecAsync(conn, tx,
                "UPDATE stories SET title = (SELECT title FROM articles WHERE id = @a AND story_id = @s) WHERE id = @s AND EXISTS (SELECT 1 FROM articles WHERE id = @a AND story_id = @s)",
                ct, ("@a", headline), ("@s", id));
        }
        else if (headlineArticleId is not null && storyId is not null)
        {
            await Sql.ExecAsync(conn, tx, "UPDATE stories SET title = @t WHERE id = @s", ct, ("@t", newStoryTitle), ("@s", id));
        }
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>The most recent clustered articles (to warm the clusterer) and every unclustered one (to catch up).</summary>
    public async Task<(IReadOnlyList<ClusterRow> Recent, IReadOnlyList<ClusterRow> Unclustered)> LoadClusterStateAsync(int recent, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var warm = await Sql.ListAsync(conn, """
            SELECT id, title, body, published_at, archived_at, story_id, language FROM articles WHERE story_id IS NOT NULL
            ORDER BY sort_at DESC, id DESC LIMIT @n
            """, ReadClusterRow, ct, ("@n", recent));
        warm.Reverse();
        var pending = await Sql.ListAsync(conn,
            "SELECT id, title, body, published_at, archived_at, story_id, language FROM articles WHERE story_id IS NULL ORDER BY id", ReadClusterRow, ct);
        return (warm, pending);
    }

    public async Task<Story?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var found = await Sql.ListAsync(conn, "SELECT id, title, first_seen, last_seen, article_count FROM stories WHERE id = @id",
            r => new Story(r.GetInt64(0), r.GetString(1), _d.ReadTime(r, 2), _d.ReadTime(r, 3), r.GetInt32(4)), ct, ("@id", id));
        return found.Count > 0 ? found[0] : null;
    }

    private ClusterRow ReadClusterRow(DbDataReader r)
    {
        var archived = _d.ReadTime(r, 4);
        return new ClusterRow(r.GetInt64(0), r.GetString(1), r.GetString(2), Article.Plausible(_d.ReadTimeOrNull(r, 3), archived), archived, r.Int64OrNull(5), r.IsDBNull(6) ? null : r.GetString(6));
    }
}
