using Icmal.Model;
namespace Icmal.Storage;

/// <summary>What became of an article address.</summary>
public enum SeenState
{
    Stored,
    Rejected,
    Failed,
}

/// <summary>
/// The crawl frontier's memory: every article address met (one row per canonical URL) and what became of it, so that
/// an address is fetched and stored once, a failing one is retried a few times, and a restart resumes.
/// </summary>
public sealed class SeenUrlStore(Database database)
{
    /// <summary>An address that failed this many times is not tried again.</summary>
    public const int MaxPageAttempts = 3;

    private static readonly string[] Columns = ["canonical_url", "source_id", "first_seen_at", "last_attempt_at", "attempts", "state", "article_id", "reason"];

    private readonly SqlDialect _d = database.Dialect;

    /// <summary>
    /// Of these canonical addresses, those still to fetch: never met, or failed fewer than
    /// <see cref="MaxPageAttempts"/> times. Stored and rejected addresses are never fetched again.
    /// </summary>
    public async Task<IReadOnlySet<string>> FilterUnseenAsync(IReadOnlyCollection<string> canonicalUrls, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrls);
        var wanted = new HashSet<string>(canonicalUrls, StringComparer.Ordinal);
        if (wanted.Count == 0) return wanted;
        await using var conn = await database.ConnectAsync(ct);
        // One statement and one parameter for any number of addresses: each side is an index lookup per address.
        var met = await Sql.ListAsync(conn, MetSql(_d), r => r.GetString(0), ct, ("@urls", _d.ListValue(wanted)), ("@max", MaxPageAttempts));
        wanted.ExceptWith(met);
        return wanted;
    }

    /// <summary>Of the addresses in @urls, those stored, rejected or failed too often (seen_urls), or stored as an article's address.</summary>
    internal static string MetSql(SqlDialect d) => $"""
        SELECT canonical_url FROM seen_urls WHERE {d.InList("canonical_url", "@urls")} AND (state <> 'failed' OR attempts >= @max)
        UNION
        SELECT canonical_url FROM articles WHERE {d.InList("canonical_url", "@urls")}
        """;

    /// <summary>The article stored under a canonical address, if any.</summary>
    public async Task<long?> FindArticleIdAsync(string canonicalUrl, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64OrNullAsync(conn, null, """
            SELECT article_id FROM seen_urls WHERE canonical_url = @u AND state = 'stored' AND article_id IS NOT NULL
            UNION ALL
            SELECT id FROM articles WHERE canonical_url = @u
            LIMIT 1
            """, ct, ("@u", canonicalUrl));
    }

    /// <summary>Records what became of an article address (one row per canonical URL; attempts count failures).</summary>
    public async Task MarkAsync(string canonicalUrl, long? sourceId, SeenState state, long? articleId, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, _d.Upsert("seen_urls", Columns, ["canonical_url"], """
            last_attempt_at = excluded.last_attempt_at, attempts = seen_urls.attempts + 1, state = excluded.state,
            article_id = COALESCE(excluded.article_id, seen_urls.article_id), reason = excluded.reason,
            source_id = COALESCE(seen_urls.source_id, excluded.source_id)
            """), ct, ("@canonical_url", canonicalUrl), ("@source_id", sourceId), ("@first_seen_at", _d.Time(at)), ("@last_attempt_at", _d.Time(at)),
            ("@attempts", 1), ("@state", StateName(state)), ("@article_id", articleId), ("@reason", reason));
        if (articleId is { } id)
            await Sql.ExecAsync(conn, tx, "UPDATE articles SET canonical_url = @u WHERE id = @id AND canonical_url IS NULL", ct, ("@u", canonicalUrl), ("@id", id));
        await tx.CommitAsync(ct);
    }

    /// <summary>How many articles a source contributed since a time (what adaptive polling reads).</summary>
    public async Task<long> CountStoredSinceAsync(long sourceId, DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null,
            "SELECT COUNT(DISTINCT article_id) FROM seen_urls WHERE source_id = @s AND state = 'stored' AND first_seen_at >= @since", ct,
            ("@s", sourceId), ("@since", _d.Time(since)));
    }

    /// <summary>
    /// Each source's distinct stored articles, all time and since <paramref name="since"/>, in one query (sources that
    /// contributed nothing are absent).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, (long Total, long Since)>> CountStoredBySourceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, """
            SELECT source_id, COUNT(DISTINCT article_id), COUNT(DISTINCT CASE WHEN first_seen_at >= @since THEN article_id END)
            FROM seen_urls WHERE source_id IS NOT NULL AND state = 'stored' GROUP BY source_id
            """, r => (Source: r.GetInt64(0), Total: r.GetInt64(1), Since: r.GetInt64(2)), ct, ("@since", _d.Time(since)));
        return rows.ToDictionary(r => r.Source, r => (r.Total, r.Since));
    }

    /// <summary>How many addresses are in a state, for the crawl summary and the benchmark.</summary>
    public async Task<long> CountAsync(SeenState state, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM seen_urls WHERE state = @st", ct, ("@st", StateName(state)));
    }

    private static string StateName(SeenState state) => state switch
    {
        SeenState.Stored => "stored",
        SeenState.Rejected => "rejected",
        _ => "failed",
    };
}
