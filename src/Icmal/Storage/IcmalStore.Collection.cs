using System.Data.Common;
using System.Globalization;
using Icmal.Collection;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>What /admin/sources shows for one source.</summary>
public sealed record SourceHealth(
    Source Source,
    IReadOnlyList<SourceEndpoint> Endpoints,
    long ArticlesLast7Days,
    long ArticlesTotal,
    long FetchesLast24Hours,
    long FailedFetchesLast24Hours,
    IReadOnlyList<ItemError> RecentItemErrors);

/// <summary>One recorded fetch, for the admin page and the CLI.</summary>
public sealed record FetchRecord(long Id, long? SourceId, string Purpose, string Url, DateTimeOffset Started, long DurationMs,
    string Outcome, int? Status, long Bytes, string? Error);

/// <summary>What became of an article address.</summary>
public enum SeenState
{
    Stored,
    Rejected,
    Failed,
}

/// <summary>The collector's SQL: sources, endpoints, fetches and article addresses already met.</summary>
public sealed partial class IcmalStore
{
    /// <summary>An address that failed this many times is not tried again.</summary>
    public const int MaxPageAttempts = 3;

    /// <summary>
    /// Adds a source (or, when its home URL is known, adds the endpoints it lacks). Returns the id and whether it is new.
    /// </summary>
    public async Task<(long Id, bool Created)> AddSourceAsync(SourceDefinition definition, bool enabled, bool allowPrivate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        object? existing = await ScalarAsync(conn, tx, "SELECT id FROM sources WHERE home_url = @h", ct, ("@h", definition.HomeUrl));
        bool created = existing is null or DBNull;
        long id = created
            ? Convert.ToInt64(await ScalarAsync(conn, tx, """
                INSERT INTO sources (name, home_url, language, enabled, allow_private, added_at, poll_interval_s)
                VALUES (@n, @h, @l, @e, @p, @at, @i) RETURNING id
                """, ct, ("@n", definition.Name), ("@h", definition.HomeUrl), ("@l", definition.Language), ("@e", enabled ? 1 : 0),
                ("@p", allowPrivate ? 1 : 0), ("@at", Iso(DateTimeOffset.UtcNow)), ("@i", (long)Scheduler.DefaultInterval.TotalSeconds)),
                CultureInfo.InvariantCulture)
            : Convert.ToInt64(existing, CultureInfo.InvariantCulture);
        foreach (var (kind, url) in definition.Endpoints)
            await ExecAsync(conn, tx, """
                INSERT INTO source_endpoints (source_id, kind, url) VALUES (@s, @k, @u) ON CONFLICT (source_id, url) DO NOTHING
                """, ct, ("@s", id), ("@k", KindName(kind)), ("@u", url));
        await tx.CommitAsync(ct);
        return (id, created);
    }

    public async Task AddEndpointAsync(long sourceId, EndpointKind kind, string url, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, "INSERT INTO source_endpoints (source_id, kind, url) VALUES (@s, @k, @u) ON CONFLICT (source_id, url) DO NOTHING",
            ct, ("@s", sourceId), ("@k", KindName(kind)), ("@u", url));
    }

    private const string SourceColumns = """
        id, name, home_url, language, enabled, allow_private, added_at, poll_interval_s, next_poll_at, last_polled_at,
        last_success_at, last_error, last_error_at, consecutive_failures
        """;

    public async Task<IReadOnlyList<Source>> ListSourcesAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return await ReadSourcesAsync(Command(conn, null, $"SELECT {SourceColumns} FROM sources ORDER BY name, id"), ct);
    }

    /// <summary>Enabled sources whose next poll is due at <paramref name="now"/> (or never polled).</summary>
    public async Task<IReadOnlyList<Source>> DueSourcesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return await ReadSourcesAsync(Command(conn, null,
            $"SELECT {SourceColumns} FROM sources WHERE enabled = 1 AND (next_poll_at IS NULL OR next_poll_at <= @now) ORDER BY next_poll_at, id",
            ("@now", Iso(now))), ct);
    }

    /// <summary>The earliest next poll among enabled sources, or null when none is enabled.</summary>
    public async Task<DateTimeOffset?> NextPollAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        object? value = await ScalarAsync(conn, null, "SELECT MIN(COALESCE(next_poll_at, '0000')) FROM sources WHERE enabled = 1", ct);
        if (value is not string s) return null;
        return s == "0000" ? DateTimeOffset.MinValue : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>A source by id, exact name (ordinal, case-insensitive) or home URL.</summary>
    public async Task<Source?> FindSourceAsync(string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var conn = await OpenAsync(ct);
        long? id = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
        var found = await ReadSourcesAsync(Command(conn, null,
            $"SELECT {SourceColumns} FROM sources WHERE id = @id OR home_url = @k OR home_url = @k2 ORDER BY id",
            ("@id", id), ("@k", key), ("@k2", key.EndsWith('/') ? key : key + "/")), ct);
        if (found.Count > 0) return found[0];
        foreach (var s in await ListSourcesAsync(ct))
            if (s.Name.Equals(key, StringComparison.OrdinalIgnoreCase)) return s;
        return null;
    }

    public async Task<bool> RemoveSourceAsync(long id, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, "DELETE FROM source_endpoints WHERE source_id = @id", ct, ("@id", id));
        await ExecAsync(conn, tx, "UPDATE fetches SET source_id = NULL WHERE source_id = @id", ct, ("@id", id));
        await ExecAsync(conn, tx, "UPDATE seen_urls SET source_id = NULL WHERE source_id = @id", ct, ("@id", id));
        await using var cmd = Command(conn, tx, "DELETE FROM sources WHERE id = @id", ("@id", id));
        int n = await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return n > 0;
    }

    public async Task<bool> SetSourceEnabledAsync(long id, bool enabled, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null, "UPDATE sources SET enabled = @e, next_poll_at = NULL WHERE id = @id", ("@e", enabled ? 1 : 0), ("@id", id));
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<IReadOnlyList<SourceEndpoint>> ListEndpointsAsync(long sourceId, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null, """
            SELECT id, source_id, kind, url, etag, last_modified, last_fetched_at, last_full_fetch_at, last_error
            FROM source_endpoints WHERE source_id = @s ORDER BY id
            """, ("@s", sourceId));
        var list = new List<SourceEndpoint>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new SourceEndpoint
            {
                Id = r.GetInt64(0),
                SourceId = r.GetInt64(1),
                Kind = ParseKind(r.GetString(2)),
                Url = r.GetString(3),
                ETag = r.IsDBNull(4) ? null : r.GetString(4),
                LastModified = r.IsDBNull(5) ? null : r.GetString(5),
                LastFetched = ParseIso(r, 6),
                LastFullFetch = ParseIso(r, 7),
                LastError = r.IsDBNull(8) ? null : r.GetString(8),
            });
        return list;
    }

    /// <summary>Records what fetching an endpoint gave: validators for the next conditional GET, or the error.</summary>
    public async Task UpdateEndpointAsync(long endpointId, string? etag, string? lastModified, DateTimeOffset fetchedAt, bool fullFetch,
        string? error, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, """
            UPDATE source_endpoints SET
                etag = CASE WHEN @err IS NULL AND @full = 1 THEN @etag WHEN @err IS NULL THEN COALESCE(@etag, etag) ELSE etag END,
                last_modified = CASE WHEN @err IS NULL AND @full = 1 THEN @lm WHEN @err IS NULL THEN COALESCE(@lm, last_modified) ELSE last_modified END,
                last_fetched_at = @at,
                last_full_fetch_at = CASE WHEN @err IS NULL AND @full = 1 THEN @at ELSE last_full_fetch_at END,
                last_error = @err
            WHERE id = @id
            """, ct, ("@etag", etag), ("@lm", lastModified), ("@at", Iso(fetchedAt)), ("@full", fullFetch ? 1 : 0), ("@err", error), ("@id", endpointId));
    }

    /// <summary>
    /// Records a fetch. <paramref name="keepBody"/> archives the body (feeds and sitemaps; article pages are archived
    /// as documents by the ingest pipeline).
    /// </summary>
    public async Task RecordFetchAsync(FetchResult fetch, bool keepBody, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        byte[]? body = keepBody && fetch.Body is { Length: > 0 } b ? Compress(b) : null;
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, """
            INSERT INTO fetches (source_id, purpose, url, final_url, started_at, duration_ms, outcome, status, bytes, content_type, attempts, error, body_brotli)
            VALUES (@s, @p, @u, @f, @at, @ms, @o, @st, @b, @ct, @a, @e, @body)
            """, ct,
            ("@s", fetch.Request.SourceId), ("@p", fetch.Request.Purpose.ToString()), ("@u", fetch.Request.Url.AbsoluteUri),
            ("@f", fetch.FinalUrl?.AbsoluteUri), ("@at", Iso(fetch.Started)), ("@ms", (long)fetch.Duration.TotalMilliseconds),
            ("@o", fetch.Outcome.ToString()), ("@st", fetch.Status), ("@b", (long)(fetch.Body?.Length ?? 0)), ("@ct", fetch.ContentType),
            ("@a", fetch.Attempts), ("@e", fetch.Error), ("@body", body));
    }

    /// <summary>
    /// Deletes fetch records and item errors before <paramref name="recordsBefore"/>, and archived feed bodies before
    /// <paramref name="bodiesBefore"/>.
    /// </summary>
    public async Task PruneFetchesAsync(DateTimeOffset recordsBefore, DateTimeOffset bodiesBefore, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, "DELETE FROM fetches WHERE started_at < @t", ct, ("@t", Iso(recordsBefore)));
        await ExecAsync(conn, null, "DELETE FROM item_errors WHERE at < @t", ct, ("@t", Iso(recordsBefore)));
        await ExecAsync(conn, null, "UPDATE fetches SET body_brotli = NULL WHERE body_brotli IS NOT NULL AND started_at < @t", ct, ("@t", Iso(bodiesBefore)));
    }

    /// <summary>The most recent fetches, newest first, optionally of one source.</summary>
    public async Task<IReadOnlyList<FetchRecord>> ListFetchesAsync(long? sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null, """
            SELECT id, source_id, purpose, url, started_at, duration_ms, outcome, status, bytes, error
            FROM fetches WHERE (@s IS NULL OR source_id = @s) ORDER BY id DESC LIMIT @n
            """, ("@s", sourceId), ("@n", Math.Clamp(limit, 1, 10_000)));
        var list = new List<FetchRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new FetchRecord(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetString(2), r.GetString(3),
                ParseIso(r, 4) ?? DateTimeOffset.UnixEpoch, r.GetInt64(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7), r.GetInt64(8),
                r.IsDBNull(9) ? null : r.GetString(9)));
        return list;
    }

    /// <summary>Counts of recorded fetches by outcome, optionally since a time (for reports and the benchmark).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountFetchesByOutcomeAsync(DateTimeOffset? since, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null,
            "SELECT purpose || ':' || outcome, COUNT(*) FROM fetches WHERE (@since IS NULL OR started_at >= @since) GROUP BY purpose, outcome",
            ("@since", since is { } s ? Iso(s) : null));
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[r.GetString(0)] = r.GetInt64(1);
        return result;
    }

    /// <summary>
    /// Of these canonical addresses, those still to fetch: never met, or failed fewer than
    /// <see cref="MaxPageAttempts"/> times. Stored and rejected addresses are never fetched again.
    /// </summary>
    public async Task<IReadOnlySet<string>> FilterUnseenAsync(IReadOnlyCollection<string> canonicalUrls, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrls);
        var wanted = new HashSet<string>(canonicalUrls, StringComparer.Ordinal);
        if (wanted.Count == 0) return wanted;
        await using var conn = await OpenAsync(ct);
        foreach (var chunk in wanted.ToList().Chunk(200))
        {
            var names = new (string, object?)[chunk.Length + 1];
            var placeholders = new string[chunk.Length];
            for (int i = 0; i < chunk.Length; i++)
            {
                placeholders[i] = "@u" + i.ToString(CultureInfo.InvariantCulture);
                names[i] = (placeholders[i], chunk[i]);
            }
            names[^1] = ("@max", MaxPageAttempts);
            await using var cmd = Command(conn, null, $"""
                SELECT canonical_url FROM seen_urls WHERE canonical_url IN ({string.Join(", ", placeholders)})
                  AND (state <> 'failed' OR attempts >= @max)
                UNION
                SELECT canonical_url FROM articles WHERE canonical_url IN ({string.Join(", ", placeholders)})
                """, names);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) wanted.Remove(r.GetString(0));
        }
        return wanted;
    }

    /// <summary>The article stored under a canonical address, if any.</summary>
    public async Task<long?> FindArticleIdByCanonicalUrlAsync(string canonicalUrl, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        object? id = await ScalarAsync(conn, null, """
            SELECT article_id FROM seen_urls WHERE canonical_url = @u AND state = 'stored' AND article_id IS NOT NULL
            UNION ALL
            SELECT id FROM articles WHERE canonical_url = @u
            LIMIT 1
            """, ct, ("@u", canonicalUrl));
        return id is null or DBNull ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    /// <summary>Records what became of an article address (one row per canonical URL; attempts count failures).</summary>
    public async Task MarkSeenAsync(string canonicalUrl, long? sourceId, SeenState state, long? articleId, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        string stateName = state switch { SeenState.Stored => "stored", SeenState.Rejected => "rejected", _ => "failed" };
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, """
            INSERT INTO seen_urls (canonical_url, source_id, first_seen_at, last_attempt_at, attempts, state, article_id, reason)
            VALUES (@u, @s, @at, @at, 1, @state, @a, @r)
            ON CONFLICT (canonical_url) DO UPDATE SET
                last_attempt_at = excluded.last_attempt_at, attempts = seen_urls.attempts + 1, state = excluded.state,
                article_id = COALESCE(excluded.article_id, seen_urls.article_id), reason = excluded.reason,
                source_id = COALESCE(seen_urls.source_id, excluded.source_id)
            """, ct, ("@u", canonicalUrl), ("@s", sourceId), ("@at", Iso(at)), ("@state", stateName), ("@a", articleId), ("@r", reason));
        if (articleId is { } id)
            await ExecAsync(conn, tx, "UPDATE articles SET canonical_url = @u WHERE id = @id AND canonical_url IS NULL", ct, ("@u", canonicalUrl), ("@id", id));
        await tx.CommitAsync(ct);
    }

    /// <summary>How many articles a source contributed since a time (what adaptive polling reads).</summary>
    public async Task<long> CountStoredSinceAsync(long sourceId, DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return Convert.ToInt64(await ScalarAsync(conn, null,
            "SELECT COUNT(DISTINCT article_id) FROM seen_urls WHERE source_id = @s AND state = 'stored' AND first_seen_at >= @since", ct,
            ("@s", sourceId), ("@since", Iso(since))), CultureInfo.InvariantCulture);
    }

    /// <summary>How many addresses are stored (state stored), for the crawl summary and the benchmark.</summary>
    public async Task<long> CountSeenAsync(SeenState state, CancellationToken ct)
    {
        string stateName = state switch { SeenState.Stored => "stored", SeenState.Rejected => "rejected", _ => "failed" };
        await using var conn = await OpenAsync(ct);
        return Convert.ToInt64(await ScalarAsync(conn, null, "SELECT COUNT(*) FROM seen_urls WHERE state = @st", ct, ("@st", stateName)),
            CultureInfo.InvariantCulture);
    }

    /// <summary>Records the end of a poll: when, whether it worked, and when the next one is due.</summary>
    public async Task UpdateSourceAfterPollAsync(long sourceId, DateTimeOffset polledAt, string? error, TimeSpan interval, DateTimeOffset nextPoll, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, """
            UPDATE sources SET
                last_polled_at = @at,
                last_success_at = CASE WHEN @err IS NULL THEN @at ELSE last_success_at END,
                last_error = CASE WHEN @err IS NULL THEN last_error ELSE @err END,
                last_error_at = CASE WHEN @err IS NULL THEN last_error_at ELSE @at END,
                consecutive_failures = CASE WHEN @err IS NULL THEN 0 ELSE consecutive_failures + 1 END,
                poll_interval_s = @i,
                next_poll_at = @next
            WHERE id = @id
            """, ct, ("@at", Iso(polledAt)), ("@err", error), ("@i", (long)interval.TotalSeconds), ("@next", Iso(nextPoll)), ("@id", sourceId));
    }

    /// <summary>Every source with its endpoints and recent figures, for /admin/sources.</summary>
    public async Task<IReadOnlyList<SourceHealth>> ListSourceHealthAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sources = await ListSourcesAsync(ct);
        var result = new List<SourceHealth>(sources.Count);
        await using var conn = await OpenAsync(ct);
        foreach (var s in sources)
        {
            long week = Convert.ToInt64(await ScalarAsync(conn, null,
                "SELECT COUNT(DISTINCT article_id) FROM seen_urls WHERE source_id = @s AND state = 'stored' AND first_seen_at >= @since", ct,
                ("@s", s.Id), ("@since", Iso(now.AddDays(-7)))), CultureInfo.InvariantCulture);
            long total = Convert.ToInt64(await ScalarAsync(conn, null,
                "SELECT COUNT(DISTINCT article_id) FROM seen_urls WHERE source_id = @s AND state = 'stored'", ct, ("@s", s.Id)), CultureInfo.InvariantCulture);
            long fetches = Convert.ToInt64(await ScalarAsync(conn, null,
                "SELECT COUNT(*) FROM fetches WHERE source_id = @s AND started_at >= @since", ct, ("@s", s.Id), ("@since", Iso(now.AddDays(-1)))),
                CultureInfo.InvariantCulture);
            long failed = Convert.ToInt64(await ScalarAsync(conn, null,
                "SELECT COUNT(*) FROM fetches WHERE source_id = @s AND started_at >= @since AND outcome NOT IN ('Ok', 'NotModified')", ct,
                ("@s", s.Id), ("@since", Iso(now.AddDays(-1)))), CultureInfo.InvariantCulture);
            result.Add(new SourceHealth(s, await ListEndpointsAsync(s.Id, ct), week, total, fetches, failed,
                await ListItemErrorsAsync(s.Id, RecentItemErrorsShown, ct)));
        }
        return result;
    }

    private static async Task<IReadOnlyList<Source>> ReadSourcesAsync(DbCommand command, CancellationToken ct)
    {
        await using var cmd = command;
        var list = new List<Source>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new Source
            {
                Id = r.GetInt64(0),
                Name = r.GetString(1),
                HomeUrl = r.GetString(2),
                Language = r.GetString(3),
                Enabled = r.GetInt64(4) != 0,
                AllowPrivate = r.GetInt64(5) != 0,
                Added = ParseIso(r, 6) ?? DateTimeOffset.UnixEpoch,
                PollIntervalSeconds = r.GetInt32(7),
                NextPoll = ParseIso(r, 8),
                LastPolled = ParseIso(r, 9),
                LastSuccess = ParseIso(r, 10),
                LastError = r.IsDBNull(11) ? null : r.GetString(11),
                LastErrorAt = ParseIso(r, 12),
                ConsecutiveFailures = r.GetInt32(13),
            });
        return list;
    }

    private static string KindName(EndpointKind kind) => kind switch
    {
        EndpointKind.Sitemap => "sitemap",
        EndpointKind.Listing => "listing",
        _ => "feed",
    };

    private static EndpointKind ParseKind(string name) => name switch
    {
        "sitemap" => EndpointKind.Sitemap,
        "listing" => EndpointKind.Listing,
        _ => EndpointKind.Feed,
    };
}
