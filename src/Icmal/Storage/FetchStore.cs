using System.Data.Common;
using Icmal.Collection;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>One recorded fetch, for the admin page and the CLI.</summary>
public sealed record FetchRecord(long Id, long? SourceId, string Purpose, string Url, DateTimeOffset Started, long DurationMs,
    string Outcome, int? Status, long Bytes, string? Error);

/// <summary>How many fetches of one source there were in a period, and how many of them failed.</summary>
public sealed record FetchCounts(long Total, long Failed);

/// <summary>
/// The fetch log: every HTTP request the collector made (feeds and sitemaps with their bodies, kept a while), so that
/// a source's health can be read and a problem traced to the request.
/// </summary>
public sealed class FetchStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    /// <summary>
    /// Records a fetch. <paramref name="keepBody"/> archives the body (feeds and sitemaps; article pages are archived
    /// as documents by the ingest pipeline).
    /// </summary>
    public async Task RecordAsync(FetchResult fetch, bool keepBody, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        byte[]? body = keepBody && fetch.Body is { Length: > 0 } b ? Sql.Compress(b) : null;
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, """
            INSERT INTO fetches (source_id, purpose, url, final_url, started_at, duration_ms, outcome, status, bytes, content_type, attempts, error, body_brotli)
            VALUES (@s, @p, @u, @f, @at, @ms, @o, @st, @b, @ct, @a, @e, @body)
            """, ct,
            ("@s", fetch.Request.SourceId), ("@p", fetch.Request.Purpose.ToString()), ("@u", fetch.Request.Url.AbsoluteUri),
            ("@f", fetch.FinalUrl?.AbsoluteUri), ("@at", _d.Time(fetch.Started)), ("@ms", (long)fetch.Duration.TotalMilliseconds),
            ("@o", fetch.Outcome.ToString()), ("@st", fetch.Status), ("@b", (long)(fetch.Body?.Length ?? 0)), ("@ct", fetch.ContentType),
            ("@a", fetch.Attempts), ("@e", fetch.Error), ("@body", body));
    }

    /// <summary>
    /// Deletes fetch records before <paramref name="recordsBefore"/>, and archived bodies before
    /// <paramref name="bodiesBefore"/>; a record whose time another tool wrote as what SQL can not compare
    /// (<see cref="SqlDialect.Uncomparable"/>) goes with the old ones, where it stayed for good.
    /// </summary>
    public async Task PruneAsync(DateTimeOffset recordsBefore, DateTimeOffset bodiesBefore, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, $"DELETE FROM fetches WHERE started_at < @t OR {_d.Uncomparable("started_at")}", ct, ("@t", _d.Time(recordsBefore)));
        await Sql.ExecAsync(conn, null, "UPDATE fetches SET body_brotli = NULL WHERE body_brotli IS NOT NULL AND started_at < @t", ct, ("@t", _d.Time(bodiesBefore)));
    }

    /// <summary>The most recent fetches, newest first, optionally of one source.</summary>
    public async Task<IReadOnlyList<FetchRecord>> ListAsync(long? sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return (await Sql.ListAsync(conn, """
            SELECT id, source_id, purpose, url, started_at, duration_ms, outcome, status, bytes, error
            FROM fetches WHERE (@s IS NULL OR source_id = @s) ORDER BY id DESC LIMIT @n
            """, ReadRecordOrNull, ct, ("@s", Sql.Nullable(sourceId)), ("@n", Math.Clamp(limit, 1, 10_000)))).OfType<FetchRecord>().ToList();
    }

    /// <summary>Counts of recorded fetches by "purpose:outcome", optionally since a time (for reports and the benchmark).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByOutcomeAsync(DateTimeOffset? since, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn,
            "SELECT purpose || ':' || outcome, COUNT(*) FROM fetches WHERE (@since IS NULL OR started_at >= @since) GROUP BY purpose, outcome",
            r => (Key: r.GetString(0), Count: r.GetInt64(1)), ct, ("@since", _d.TimeOrNull(since)));
        return rows.ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>Each source's fetches since a time and how many failed (neither Ok nor NotModified), in one query.</summary>
    public async Task<IReadOnlyDictionary<long, FetchCounts>> CountBySourceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, """
            SELECT source_id, COUNT(*), SUM(CASE WHEN outcome IN ('Ok', 'NotModified') THEN 0 ELSE 1 END)
            FROM fetches WHERE source_id IS NOT NULL AND started_at >= @since GROUP BY source_id
            """, r => (Source: r.GetInt64(0), Counts: new FetchCounts(r.GetInt64(1), r.GetInt64(2))), ct, ("@since", _d.Time(since)));
        return rows.ToDictionary(r => r.Source, r => r.Counts);
    }

    /// <summary>A fetch, or null where its start time holds text another tool wrote into SQLite's file: the log leaves it out rather than failing.</summary>
    private FetchRecord? ReadRecordOrNull(DbDataReader r) =>
        _d.ReadTimeOrUnknown(r, 4) is { } started
            ? new(r.GetInt64(0), r.Int64OrNull(1), r.GetString(2), r.GetString(3), started, r.GetInt64(5), r.GetString(6), r.Int32OrNull(7), r.GetInt64(8), r.StringOrNull(9))
            : null;
}
