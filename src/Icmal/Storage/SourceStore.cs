using System.Data.Common;
using System.Globalization;
using Icmal.Collection;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// The sites İcmal follows and their endpoints (feeds, sitemaps, listing pages): what the collector polls, when, and
/// what each endpoint answered last (validators for the next conditional GET, or the error).
/// </summary>
public sealed class SourceStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    private static readonly string[] EndpointColumns = ["source_id", "kind", "url"];
    private static readonly string[] EndpointKey = ["source_id", "url"];

    /// <summary>
    /// Adds a source (or, when its home URL is known, adds the endpoints it lacks). Returns the id and whether it is new.
    /// </summary>
    public async Task<(long Id, bool Created)> AddAsync(SourceDefinition definition, bool enabled, bool allowPrivate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long? existing = await Sql.Int64OrNullAsync(conn, tx, "SELECT id FROM sources WHERE home_url = @h", ct, ("@h", definition.HomeUrl));
        long id = existing ?? await Sql.Int64Async(conn, tx, """
            INSERT INTO sources (name, home_url, language, enabled, allow_private, added_at, poll_interval_s)
            VALUES (@n, @h, @l, @e, @p, @at, @i) RETURNING id
            """, ct, ("@n", definition.Name), ("@h", definition.HomeUrl), ("@l", definition.Language), ("@e", enabled),
            ("@p", allowPrivate), ("@at", _d.Time(DateTimeOffset.UtcNow)), ("@i", (long)Scheduler.DefaultInterval.TotalSeconds));
        foreach (var (kind, url) in definition.Endpoints)
            await Sql.ExecAsync(conn, tx, _d.InsertIfAbsent("source_endpoints", EndpointColumns, EndpointKey), ct,
                ("@source_id", id), ("@kind", KindName(kind)), ("@url", url));
        await tx.CommitAsync(ct);
        return (id, existing is null);
    }

    public async Task AddEndpointAsync(long sourceId, EndpointKind kind, string url, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, _d.InsertIfAbsent("source_endpoints", EndpointColumns, EndpointKey), ct,
            ("@source_id", sourceId), ("@kind", KindName(kind)), ("@url", url));
    }

    private const string SourceColumns = """
        id, name, home_url, language, enabled, allow_private, added_at, poll_interval_s, next_poll_at, last_polled_at,
        last_success_at, last_error, last_error_at, consecutive_failures
        """;

    public async Task<IReadOnlyList<Source>> ListAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"SELECT {SourceColumns} FROM sources ORDER BY name, id", ReadSource, ct);
    }

    /// <summary>
    /// Enabled sources whose next poll is due at <paramref name="now"/> (or is a time SQL can not compare), those never
    /// polled first (spelled out: SQLite sorts NULL first and PostgreSQL last).
    /// </summary>
    public async Task<IReadOnlyList<Source>> ListDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn,
            $"SELECT {SourceColumns} FROM sources WHERE enabled = {_d.True} AND {Passed("next_poll_at")} ORDER BY next_poll_at NULLS FIRST, id",
            ReadSource, ct, ("@now", _d.Time(now)));
    }

    /// <summary>
    /// A condition "the time in <paramref name="column"/> is none or has passed at @now", where a time SQL can not
    /// compare (<see cref="SqlDialect.Uncomparable"/>) has passed: the poll or lease it held up writes it anew.
    /// </summary>
    private string Passed(string column) => $"({column} IS NULL OR {column} <= @now OR {_d.Uncomparable(column)})";

    /// <summary>
    /// Claims up to <paramref name="max"/> enabled sources whose poll is due at <paramref name="now"/> and that no
    /// crawler holds (no lease, or one run out): each is leased to <paramref name="owner"/> until
    /// <paramref name="now"/> + <paramref name="leaseFor"/>, in the order <see cref="ListDueAsync"/> gives. Several
    /// crawlers, in one process or on many machines, claim at once without waiting on each other and never claim one
    /// source twice (on PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED; SQLite's statement holds the file's one
    /// write lock). The holder renews the lease while it polls (<see cref="RenewLeaseAsync"/>) and releases it after
    /// recording the poll (<see cref="ReleaseLeaseAsync"/>); a crawler killed mid-poll leaves a lease that runs out, and
    /// the source is due to the next crawler that looks. Leases are compared with the crawlers' clocks, which must
    /// agree to well within a lease's length (as NTP keeps them).
    /// </summary>
    public Task<IReadOnlyList<Source>> LeaseDueAsync(string owner, DateTimeOffset now, int max, TimeSpan leaseFor, CancellationToken ct) =>
        LeaseAsync(owner, now, max, leaseFor, $"enabled = {_d.True} AND {Passed("next_poll_at")}", ct);

    /// <summary>
    /// Claims, as <see cref="LeaseDueAsync"/> does, up to <paramref name="max"/> of the sources <paramref name="ids"/>
    /// (enabled or not, due or not) that no crawler holds and that nobody polled since <paramref name="since"/>: one
    /// crawl of these sources, shared by every crawler started for it (`icmal crawl --once`).
    /// </summary>
    public Task<IReadOnlyList<Source>> LeaseNotPolledSinceAsync(string owner, IReadOnlyCollection<long> ids, DateTimeOffset since, DateTimeOffset now,
        int max, TimeSpan leaseFor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0
            ? Task.FromResult<IReadOnlyList<Source>>([])
            : LeaseAsync(owner, now, max, leaseFor, $"{_d.InList("id", "@ids")} AND (last_polled_at IS NULL OR last_polled_at < @since OR {_d.Uncomparable("last_polled_at")})", ct,
                ("@ids", _d.ListValue(ids)), ("@since", _d.Time(since)));
    }

    private async Task<IReadOnlyList<Source>> LeaseAsync(string owner, DateTimeOffset now, int max, TimeSpan leaseFor, string which, CancellationToken ct,
        params (string, object?)[] more)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        if (leaseFor <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(leaseFor), leaseFor, "a lease must last a while");
        if (max <= 0) return [];
        await using var conn = await database.ConnectAsync(ct);
        var leased = await Sql.ListAsync(conn, $"""
            UPDATE sources SET lease_owner = @owner, lease_until = @until
            WHERE id IN (
                SELECT id FROM sources
                WHERE {which} AND {Passed("lease_until")}
                ORDER BY next_poll_at NULLS FIRST, id
                LIMIT @max
                {_d.SkipLockedRows})
            RETURNING {SourceColumns}
            """, ReadSource, ct,
            [("@owner", owner), ("@until", _d.Time(now + leaseFor)), ("@now", _d.Time(now)), ("@max", max), .. more]);
        // RETURNING keeps no order: the one ListDueAsync gives.
        return [.. leased.OrderBy(s => s.NextPoll is null ? 0 : 1).ThenBy(s => s.NextPoll).ThenBy(s => s.Id)];
    }

    /// <summary>
    /// Extends <paramref name="owner"/>'s lease of a source to <paramref name="now"/> + <paramref name="leaseFor"/>;
    /// false when it holds it no more (released, or run out and taken by another crawler): its poll must stop.
    /// </summary>
    public async Task<bool> RenewLeaseAsync(long sourceId, string owner, DateTimeOffset now, TimeSpan leaseFor, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ExecAsync(conn, null, "UPDATE sources SET lease_until = @until WHERE id = @id AND lease_owner = @owner", ct,
            ("@until", _d.Time(now + leaseFor)), ("@id", sourceId), ("@owner", owner)) > 0;
    }

    /// <summary>Gives a source back (after its poll is recorded); a lease another crawler holds by now is left alone.</summary>
    public async Task ReleaseLeaseAsync(long sourceId, string owner, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, "UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner", ct,
            ("@id", sourceId), ("@owner", owner));
    }

    /// <summary>Who holds a source's lease and until when (it may have run out); null when nobody does.</summary>
    public async Task<(string Owner, DateTimeOffset Until)?> LeaseOfAsync(long sourceId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT lease_owner, lease_until FROM sources WHERE id = @id AND lease_owner IS NOT NULL", ("@id", sourceId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), _d.ReadTime(r, 1)) : null;
    }

    /// <summary>
    /// The earliest next poll among enabled sources: <see cref="DateTimeOffset.MinValue"/> when one was never polled
    /// or its next poll is a time SQL can not compare (it is due now, see <see cref="Passed"/>), null when none is enabled.
    /// </summary>
    public Task<DateTimeOffset?> NextPollAsync(CancellationToken ct) => NextPollAsync(null, ct);

    /// <summary>
    /// <see cref="NextPollAsync(CancellationToken)"/>, where a source another crawler holds at <paramref name="now"/>
    /// counts as due when its lease runs out if that is later (so that a crawler does not wake for a source it can not
    /// take). Without <paramref name="now"/>, leases are not looked at.
    /// </summary>
    public async Task<DateTimeOffset?> NextPollAsync(DateTimeOffset? now, CancellationToken ct)
    {
        // A held lease stands in for the next poll when it ends later (and for a source never polled); a next poll
        // another tool wrote as what SQL can not compare is due now, as the lease claims count it (Passed).
        string held = $"""
            (lease_until IS NOT NULL AND lease_until > @now AND NOT {_d.Uncomparable("lease_until")}
             AND (next_poll_at IS NULL OR {_d.Uncomparable("next_poll_at")} OR lease_until > next_poll_at))
            """;
        string next = $"CASE WHEN {held} THEN lease_until WHEN {_d.Uncomparable("next_poll_at")} THEN NULL ELSE next_poll_at END";
        await using var conn = await database.ConnectAsync(ct);
        await using var cmd = Sql.Command(conn, null, $"""
            SELECT COUNT(*), COUNT({next}), MIN({next})
            FROM sources WHERE enabled = {_d.True}
            """, ("@now", _d.TimeOrNull(now)));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || r.GetInt64(0) == 0) return null;
        return r.GetInt64(1) < r.GetInt64(0) ? DateTimeOffset.MinValue : _d.ReadTime(r, 2);
    }

    /// <summary>A source by id, exact name (ordinal, case-insensitive) or home URL.</summary>
    public async Task<Source?> FindAsync(string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        long? id = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
        await using (var conn = await database.ConnectAsync(ct))
        {
            var found = await Sql.ListAsync(conn,
                $"SELECT {SourceColumns} FROM sources WHERE id = @id OR home_url = @k OR home_url = @k2 ORDER BY id", ReadSource, ct,
                ("@id", id), ("@k", key), ("@k2", key.EndsWith('/') ? key : key + "/"));
            if (found.Count > 0) return found[0];
        }
        foreach (var s in await ListAsync(ct))
            if (s.Name.Equals(key, StringComparison.OrdinalIgnoreCase)) return s;
        return null;
    }

    /// <summary>Forgets a source and its endpoints; its fetches, addresses and articles stay, without the source.</summary>
    public async Task<bool> RemoveAsync(long id, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, "DELETE FROM source_endpoints WHERE source_id = @id", ct, ("@id", id));
        await Sql.ExecAsync(conn, tx, "UPDATE fetches SET source_id = NULL WHERE source_id = @id", ct, ("@id", id));
        await Sql.ExecAsync(conn, tx, "UPDATE seen_urls SET source_id = NULL WHERE source_id = @id", ct, ("@id", id));
        int n = await Sql.ExecAsync(conn, tx, "DELETE FROM sources WHERE id = @id", ct, ("@id", id));
        await tx.CommitAsync(ct);
        return n > 0;
    }

    public async Task<bool> SetEnabledAsync(long id, bool enabled, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ExecAsync(conn, null, "UPDATE sources SET enabled = @e, next_poll_at = NULL WHERE id = @id", ct, ("@e", enabled), ("@id", id)) > 0;
    }

    /// <summary>Records the end of a poll: when, whether it worked, and when the next one is due.</summary>
    public async Task RecordPollAsync(long sourceId, DateTimeOffset polledAt, string? error, TimeSpan interval, DateTimeOffset nextPoll, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, """
            UPDATE sources SET
                last_polled_at = @at,
                last_success_at = CASE WHEN @err IS NULL THEN @at ELSE last_success_at END,
                last_error = CASE WHEN @err IS NULL THEN last_error ELSE @err END,
                last_error_at = CASE WHEN @err IS NULL THEN last_error_at ELSE @at END,
                consecutive_failures = CASE WHEN @err IS NULL THEN 0 ELSE consecutive_failures + 1 END,
                poll_interval_s = @i,
                next_poll_at = @next
            WHERE id = @id
            """, ct, ("@at", _d.Time(polledAt)), ("@err", Sql.Nullable(error)), ("@i", (long)interval.TotalSeconds), ("@next", _d.Time(nextPoll)), ("@id", sourceId));
    }

    private const string EndpointSelect = """
        SELECT id, source_id, kind, url, etag, last_modified, last_fetched_at, last_full_fetch_at, last_error FROM source_endpoints
        """;

    public async Task<IReadOnlyList<SourceEndpoint>> ListEndpointsAsync(long sourceId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, EndpointSelect + " WHERE source_id = @s ORDER BY id", ReadEndpoint, ct, ("@s", sourceId));
    }

    /// <summary>Every source's endpoints in one query, by source id (for pages that show every source).</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<SourceEndpoint>>> ListAllEndpointsAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var all = await Sql.ListAsync(conn, EndpointSelect + " ORDER BY source_id, id", ReadEndpoint, ct);
        return all.GroupBy(e => e.SourceId).ToDictionary(g => g.Key, g => (IReadOnlyList<SourceEndpoint>)g.ToList());
    }

    /// <summary>Records what fetching an endpoint gave: validators for the next conditional GET, or the error.</summary>
    public async Task UpdateEndpointAsync(long endpointId, string? etag, string? lastModified, DateTimeOffset fetchedAt, bool fullFetch,
        string? error, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, """
            UPDATE source_endpoints SET
                etag = CASE WHEN @err IS NULL AND @full THEN @etag WHEN @err IS NULL THEN COALESCE(@etag, etag) ELSE etag END,
                last_modified = CASE WHEN @err IS NULL AND @full THEN @lm WHEN @err IS NULL THEN COALESCE(@lm, last_modified) ELSE last_modified END,
                last_fetched_at = @at,
                last_full_fetch_at = CASE WHEN @err IS NULL AND @full THEN @at ELSE last_full_fetch_at END,
                last_error = @err
            WHERE id = @id
            """, ct, ("@etag", etag), ("@lm", lastModified), ("@at", _d.Time(fetchedAt)), ("@full", fullFetch), ("@err", Sql.Nullable(error)), ("@id", endpointId));
    }

    // A time another tool wrote into SQLite's file as text that is no time reads as unknown (never polled, never
    // fetched), as the article lists read such times, so one row does not stop every crawl's lease and the source
    // pages; the next poll writes it anew. The time a source was added, which nothing shows, then reads as 1970.
    private Source ReadSource(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        HomeUrl = r.GetString(2),
        Language = r.GetString(3),
        Enabled = r.GetBoolean(4),
        AllowPrivate = r.GetBoolean(5),
        Added = _d.ReadTimeOrUnknown(r, 6) ?? DateTimeOffset.UnixEpoch,
        PollIntervalSeconds = r.GetInt32(7),
        NextPoll = _d.ReadTimeOrUnknown(r, 8),
        LastPolled = _d.ReadTimeOrUnknown(r, 9),
        LastSuccess = _d.ReadTimeOrUnknown(r, 10),
        LastError = r.StringOrNull(11),
        LastErrorAt = _d.ReadTimeOrUnknown(r, 12),
        ConsecutiveFailures = r.GetInt32(13),
    };

    private SourceEndpoint ReadEndpoint(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        SourceId = r.GetInt64(1),
        Kind = ParseKind(r.GetString(2)),
        Url = r.GetString(3),
        ETag = r.StringOrNull(4),
        LastModified = r.StringOrNull(5),
        LastFetched = _d.ReadTimeOrUnknown(r, 6),
        LastFullFetch = _d.ReadTimeOrUnknown(r, 7),
        LastError = r.StringOrNull(8),
    };

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
