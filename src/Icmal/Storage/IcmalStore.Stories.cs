using System.Data.Common;
using System.Globalization;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>An article as the story clusterer needs it.</summary>
/// <param name="Published">The publication time when the page gave one (and it was not in the future).</param>
public sealed record ClusterRow(long ArticleId, string Title, string Body, DateTimeOffset? Published, DateTimeOffset Archived, long? StoryId, string? Language);

public sealed partial class IcmalStore
{
    /// <summary>
    /// Puts an article into a story, starting the story when <paramref name="storyId"/> is null; one transaction, so
    /// story counts always match their articles.
    /// </summary>
    public async Task<long> AssignStoryAsync(long articleId, long? storyId, string newStoryTitle, DateTimeOffset time, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        object? current = await ScalarAsync(conn, tx, "SELECT story_id FROM articles WHERE id = @id", ct, ("@id", articleId));
        if (current is long already) return already;
        string at = Iso(time);
        long id;
        if (storyId is null)
        {
            id = Convert.ToInt64(await ScalarAsync(conn, tx,
                "INSERT INTO stories (title, first_seen, last_seen, article_count) VALUES (@t, @at, @at, 1) RETURNING id", ct,
                ("@t", newStoryTitle), ("@at", at)), CultureInfo.InvariantCulture);
        }
        else
        {
            id = storyId.Value;
            await ExecAsync(conn, tx, """
                UPDATE stories SET article_count = article_count + 1,
                    last_seen = CASE WHEN last_seen < @at THEN @at ELSE last_seen END,
                    first_seen = CASE WHEN first_seen > @at THEN @at ELSE first_seen END
                WHERE id = @id
                """, ct, ("@at", at), ("@id", id));
        }
        await ExecAsync(conn, tx, "UPDATE articles SET story_id = @s WHERE id = @id", ct, ("@s", id), ("@id", articleId));
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>The most recent clustered articles (to warm the clusterer) and every unclustered one (to catch up).</summary>
    public async Task<(IReadOnlyList<ClusterRow> Recent, IReadOnlyList<ClusterRow> Unclustered)> LoadClusterStateAsync(int recent, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var warm = await ReadClusterRowsAsync(conn, """
            SELECT id, title, body, published_at, archived_at, story_id, language FROM articles WHERE story_id IS NOT NULL
            ORDER BY sort_at DESC, id DESC LIMIT @n
            """, ct, ("@n", recent));
        warm.Reverse();
        var pending = await ReadClusterRowsAsync(conn, "SELECT id, title, body, published_at, archived_at, story_id, language FROM articles WHERE story_id IS NULL ORDER BY id", ct);
        return (warm, pending);
    }

    private static async Task<List<ClusterRow>> ReadClusterRowsAsync(DbConnection conn, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(conn, null, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<ClusterRow>();
        while (await r.ReadAsync(ct))
        {
            var archived = DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            DateTimeOffset? published = r.IsDBNull(3) ? null : DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            rows.Add(new ClusterRow(r.GetInt64(0), r.GetString(1), r.GetString(2), Article.Plausible(published, archived), archived, r.IsDBNull(5) ? null : r.GetInt64(5), r.IsDBNull(6) ? null : r.GetString(6)));
        }
        return rows;
    }

    public async Task<Story?> GetStoryAsync(long id, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null, "SELECT id, title, first_seen, last_seen, article_count FROM stories WHERE id = @id", ("@id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new Story(r.GetInt64(0), r.GetString(1),
            DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            r.GetInt32(4));
    }

    /// <summary>A story's articles in the order the story unfolded.</summary>
    public async Task<IReadOnlyList<Article>> ListStoryArticlesAsync(long storyId, CancellationToken ct)
    {
        var newestFirst = await ListArticlesAsync(new ArticleQuery(500, 0, storyId), ct);
        return newestFirst.Reverse().ToList();
    }
}
