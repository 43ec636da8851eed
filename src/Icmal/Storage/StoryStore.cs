using System.Data.Common;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>An article as the story clusterer needs it.</summary>
/// <param name="Published">The publication time when the page gave one (and it was not in the future).</param>
/// <param name="Language">The article's language, which decides how its terms are made (stems for Azerbaijani).</param>
public sealed record ClusterRow(long ArticleId, string Title, string Body, DateTimeOffset? Published, DateTimeOffset Archived, long? StoryId, string? Language);

/// <summary>Stories: the articles about one event, grouped as they arrive, with when the story was first and last seen.</summary>
public sealed partial class StoryStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    public async Task<Story?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        // A story whose first and last times both hold none fails here and names the text (its page is the 500 page);
        // the lists leave it out (ReadListedStory).
        var found = await Sql.ListAsync(conn, "SELECT id, title, first_seen, last_seen, article_count FROM stories WHERE id = @id",
            r => ReadListedStory(r) ?? new Story(r.GetInt64(0), r.GetString(1), _d.ReadTime(r, 2), _d.ReadTime(r, 3), r.GetInt32(4)), ct, ("@id", id));
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>
    /// One page of the stories reported on a day (the latest day with stories when the query names none), ranked like a
    /// front page: most distinct sources first, then the latest report, then the newest story. A story belongs to each
    /// day one of its articles was reported on (by the article's sort time), so a story that goes on is on every day.
    /// </summary>
    public async Task<StoryDayPage> RankDayAsync(StoryDayQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > StoryDayQuery.MaxLimit) throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "limit out of range");
        if (query.Offset is < 0 or > StoryDayQuery.MaxOffset) throw new ArgumentOutOfRangeException(nameof(query), query.Offset, "offset out of range");
        if (query.Day is { } asked && (asked < StoryDays.MinDay || asked > StoryDays.MaxDay)) throw new ArgumentOutOfRangeException(nameof(query), asked, "day out of range");
        await using var conn = await database.ConnectAsync(ct);
        DateOnly? day = query.Day;
        if (day is null)
        {
            var latest = await ReportTimeAsync(conn, LatestReport, null, ct);
            if (latest is null) return new StoryDayPage(null, [], 0, query.Offset, null, null);
            day = StoryDays.DayOf(latest.Value);
        }
        object from = _d.Time(StoryDays.Start(day.Value)), to = _d.Time(StoryDays.Start(day.Value.AddDays(1)));
        var earlier = await ReportTimeAsync(conn, ReportBefore, from, ct);
        var later = await ReportTimeAsync(conn, ReportFrom, to, ct);
        int total = (int)await Sql.Int64Async(conn, null, DayTotalSql, ct, ("@from", from), ("@to", to));
        var stories = (await Sql.ListAsync(conn, RankSql, ReadListedStory, ct, ("@from", from), ("@to", to), ("@n", query.Limit), ("@o", query.Offset)))
            .OfType<Story>().ToList();
        var sources = await SourcesOfAsync(conn, stories.Select(s => s.Id).ToList(), ct);
        return new StoryDayPage(day, stories.Select(s => new RankedStory(s, sources.GetValueOrDefault(s.Id, []))).ToList(), total, query.Offset,
            earlier is { } e ? StoryDays.DayOf(e) : null, later is { } l ? StoryDays.DayOf(l) : null);
    }

    /// <summary>
    /// The top stories of a front page: those reported within <paramref name="window"/> before the latest report, ranked
    /// like a day (most distinct sources, then the latest report), with their sites. A rolling window rather than the
    /// Baku day, so the front page is not empty of stories just after midnight. Stories of one article are left out:
    /// a top story is one more than one site reported.
    /// </summary>
    public async Task<IReadOnlyList<RankedStory>> RankRecentAsync(TimeSpan window, int limit, CancellationToken ct)
    {
        if (limit is < 1 or > StoryDayQuery.MaxLimit) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit out of range");
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), window, "window must be positive");
        await using var conn = await database.ConnectAsync(ct);
        if (await ReportTimeAsync(conn, LatestReport, null, ct) is not { } latest) return [];
        object from = _d.Time(latest - window), to = _d.Time(latest.AddMilliseconds(1));
        var stories = (await Sql.ListAsync(conn, RankSql, ReadListedStory, ct,
            ("@from", from), ("@to", to), ("@n", limit * 2), ("@o", 0))).OfType<Story>().Where(s => s.ArticleCount > 1).Take(limit).ToList();
        var sources = await SourcesOfAsync(conn, stories.Select(s => s.Id).ToList(), ct);
        return stories.Select(s => new RankedStory(s, sources.GetValueOrDefault(s.Id, []))).ToList();
    }

    /// <summary>The newest <paramref name="limit"/> reports of a story as headlines (read by the story index, no text decoded).</summary>
    public async Task<IReadOnlyList<ArticleHeadline>> HeadlinesAsync(long storyId, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var headlines = await Sql.ListAsync(conn, """
            SELECT a.id, a.title, a.site, a.language, a.published_at, a.archived_at, d.archived_at, a.modified_at
            FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.story_id = @s
            ORDER BY a.sort_at DESC, a.id DESC LIMIT @n
            """, r =>
            {
                // Times another tool wrote as text read as ArticleRows reads them, so one such row does not fail the
                // story's page; one that knows no time is left out, as every list leaves it (ArticleRows.ReadListed).
                if (ArticleRows.ArchiveTimeOrUnknown(r, _d, article: 5, page: 6, published: 4, modified: 7) is not { } archived) return null;
                return new ArticleHeadline(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    Article.Plausible(_d.ReadTimeOrUnknown(r, 4), archived) ?? archived);
            }, ct, ("@s", storyId), ("@n", Math.Clamp(limit, 1, 500)));
        return headlines.OfType<ArticleHeadline>().ToList();
    }

    // A day's stories are found through the articles reported that day (a range of the sort index), each story's
    // sources through the story index: the cost follows the day's articles, not the archive.
    private const string OfTheDay = "SELECT story_id FROM articles WHERE sort_at >= @from AND sort_at < @to AND story_id IS NOT NULL";
    internal const string DayTotalSql = $"SELECT COUNT(DISTINCT story_id) FROM ({OfTheDay}) d";
    internal const string RankSql = $"""
        SELECT s.id, s.title, s.first_seen, s.last_seen, s.article_count, COUNT(DISTINCT a.site) AS sources
        FROM stories s JOIN articles a ON a.story_id = s.id
        WHERE s.id IN ({OfTheDay})
        GROUP BY s.id, s.title, s.first_seen, s.last_seen, s.article_count
        ORDER BY sources DESC, s.last_seen DESC, s.id DESC
        LIMIT @n OFFSET @o
        """;
    internal const string LatestReport = "story_id IS NOT NULL ORDER BY sort_at DESC";
    internal const string ReportBefore = "story_id IS NOT NULL AND sort_at < @at ORDER BY sort_at DESC";
    internal const string ReportFrom = "story_id IS NOT NULL AND sort_at >= @at ORDER BY sort_at ASC";

    /// <summary>
    /// The statement that finds the first reports matching <paramref name="where"/>: a few, so that a row whose time
    /// holds text (another tool's, in SQLite's file, where text sorts above every number) does not stand for the latest.
    /// </summary>
    internal static string ReportTimeSql(string where) => $"SELECT sort_at FROM articles WHERE {where} LIMIT 8";

    /// <summary>The sites that reported a story, in the order they first did.</summary>
    public async Task<IReadOnlyList<string>> SourcesOfAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return (await SourcesOfAsync(conn, [storyId], ct)).GetValueOrDefault(storyId, []);
    }

    private async Task<Dictionary<long, IReadOnlyList<string>>> SourcesOfAsync(DbConnection conn, IReadOnlyCollection<long> storyIds, CancellationToken ct)
    {
        if (storyIds.Count == 0) return [];
        var rows = await Sql.ListAsync(conn, $"""
            SELECT story_id, site, MIN(sort_at) AS first_report FROM articles
            WHERE {_d.InList("story_id", "@ids")} AND site IS NOT NULL
            GROUP BY story_id, site ORDER BY story_id, first_report, site
            """, r => (Story: r.GetInt64(0), Site: r.GetString(1)), ct, ("@ids", _d.ListValue(storyIds)));
        return rows.GroupBy(r => r.Story).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Site).ToList());
    }

    /// <summary>The sort time of the first article (in the order given) that matches <paramref name="where"/> and whose time reads, if any.</summary>
    private Task<DateTimeOffset?> ReportTimeAsync(DbConnection conn, string where, object? at, CancellationToken ct) =>
        at is null ? _d.FirstTimeAsync(conn, null, ReportTimeSql(where), ct) : _d.FirstTimeAsync(conn, null, ReportTimeSql(where), ct, ("@at", at));

    /// <summary>
    /// A story row for a list: where one of its first and last times holds no time (text another tool wrote into
    /// SQLite's file), the other stands for both; where neither does, null, and the list leaves it out (it took the
    /// front page and the day's stories down with it).
    /// </summary>
    private Story? ReadListedStory(DbDataReader r)
    {
        var first = _d.ReadTimeOrUnknown(r, 2);
        var last = _d.ReadTimeOrUnknown(r, 3);
        return (first ?? last, last ?? first) is ({ } from, { } to) ? new Story(r.GetInt64(0), r.GetString(1), from, to, r.GetInt32(4)) : null;
    }

    /// <summary>
    /// The statement's head that <see cref="ReadClusterRow"/> reads, over <c>articles a</c>: the page's archive time
    /// and the article's change time last, for an article whose own archive time holds none, as
    /// <see cref="ArticleRows.ArchiveTime"/> reads an article.
    /// </summary>
    internal const string ClusterRowSql =
        "SELECT a.id, a.title, a.body, a.published_at, a.archived_at, a.story_id, a.language, d.archived_at, a.modified_at FROM articles a JOIN documents d ON d.id = a.document_id";

    /// <summary>
    /// <see cref="ReadClusterRow"/>, or null for a row none of whose times holds a time (a SQLite file another tool
    /// wrote text into: <see cref="SqliteDialect.ReadTime"/>): the start's warm-up and catch-up read every recent and
    /// every unclustered row in one query, and one such row stopped every import, crawl and portal start. With no time
    /// it belongs to no day's events: it is left out of the stories (<see cref="ClusterState.Unreadable"/>).
    /// </summary>
    private ClusterRow? ReadClusterRowOrNull(DbDataReader r) =>
        ArticleRows.ArchiveTimeOrUnknown(r, _d, article: 4, page: 7, published: 3, modified: 8) is { } archived ? ReadClusterRow(r, archived) : null;

    /// <summary>A row another process put into a story since.</summary>
    private ClusterRow ReadClusterRow(DbDataReader r) =>
        ReadClusterRow(r, ArticleRows.ArchiveTime(r, _d, article: 4, page: 7, published: 3, modified: 8));

    private ClusterRow ReadClusterRow(DbDataReader r, DateTimeOffset archived)
    {
        return new ClusterRow(r.GetInt64(0), r.GetString(1), r.GetString(2), Article.Plausible(_d.ReadTimeOrUnknown(r, 3), archived), archived, r.Int64OrNull(5), r.IsDBNull(6) ? null : r.GetString(6));
    }
}
