using System.Globalization;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// Source leases on both engines: crawlers with their own connections claim due sources at once and never the same
/// one twice; a lease shuts others out until it is released or runs out, and then the next crawler takes the source.
/// </summary>
public sealed class SourceLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static async Task<List<long>> AddSourcesAsync(Stores store, int count)
    {
        var ids = new List<long>();
        for (int i = 0; i < count; i++)
        {
            string home = string.Create(CultureInfo.InvariantCulture, $"https://portal{i}.example.az/");
            ids.Add((await store.Sources.AddAsync(new SourceDefinition($"Portal {i}", home, "az", [(EndpointKind.Feed, home + "rss")]),
                enabled: true, allowPrivate: false, Ct)).Id);
        }
        return ids;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Crawlers_claiming_at_once_share_the_due_sources_and_never_claim_one_twice(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var ids = await AddSourcesAsync(store, 40);

        // Eight crawlers, each with its own database object (its own pool, as separate processes have), claiming three
        // at a time: first all at once (one claim each), then until nothing is left.
        var crawlers = new List<Stores>();
        for (int c = 0; c < 8; c++) crawlers.Add(await db.OpenAsync());
        using var start = new Barrier(crawlers.Count);
        var claims = await Task.WhenAll(crawlers.Select((crawler, c) => Task.Run(async () =>
        {
            string owner = string.Create(CultureInfo.InvariantCulture, $"crawler-{c}");
            start.SignalAndWait(Ct);
            var first = (await crawler.Sources.LeaseDueAsync(owner, T, 3, Minute, Ct)).Select(s => s.Id).ToList();
            start.SignalAndWait(Ct); // every first claim made before any second one
            var more = new List<long>();
            while (await crawler.Sources.LeaseDueAsync(owner, T, 3, Minute, Ct) is { Count: > 0 } got) more.AddRange(got.Select(s => s.Id));
            return (First: first, All: first.Concat(more).ToList());
        }, Ct)));

        Assert.All(claims, c => Assert.Equal(3, c.First.Count));
        Assert.Equal(ids.Order(), claims.SelectMany(c => c.All).Order());
        Assert.Empty(await store.Sources.LeaseDueAsync("late", T, 10, Minute, Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_lease_left_by_a_dead_crawler_runs_out_and_another_crawler_takes_the_source(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        long id = (await AddSourcesAsync(store, 1))[0];

        var first = await store.Sources.LeaseDueAsync("dead", T, 5, Minute, Ct);
        Assert.Equal([id], first.Select(s => s.Id));
        Assert.Equal(("dead", T + Minute), await store.Sources.LeaseOfAsync(id, Ct));
        Assert.True(await store.Sources.RenewLeaseAsync(id, "dead", T.AddSeconds(20), Minute, Ct));

        // Held until T+80 s: nobody else may take it, and the next crawler knows when to look again.
        Assert.Empty(await store.Sources.LeaseDueAsync("alive", T.AddSeconds(79), 5, Minute, Ct));
        Assert.Equal(T.AddSeconds(80), await store.Sources.NextPollAsync(T.AddSeconds(79), Ct));
        Assert.Equal(DateTimeOffset.MinValue, await store.Sources.NextPollAsync(Ct));

        // The holder never renews again (killed): its lease runs out and the source goes to the next crawler.
        var taken = await store.Sources.LeaseDueAsync("alive", T.AddSeconds(80), 5, Minute, Ct);
        Assert.Equal([id], taken.Select(s => s.Id));
        Assert.False(await store.Sources.RenewLeaseAsync(id, "dead", T.AddSeconds(81), Minute, Ct));
        await store.Sources.ReleaseLeaseAsync(id, "dead", Ct);
        Assert.Equal(("alive", T.AddSeconds(140)), await store.Sources.LeaseOfAsync(id, Ct));

        // Recorded and released: free again, and due when its next poll is.
        await store.Sources.RecordPollAsync(id, T.AddSeconds(90), null, TimeSpan.FromMinutes(10), T.AddSeconds(690), Ct);
        await store.Sources.ReleaseLeaseAsync(id, "alive", Ct);
        Assert.Null(await store.Sources.LeaseOfAsync(id, Ct));
        Assert.Empty(await store.Sources.LeaseDueAsync("any", T.AddSeconds(689), 5, Minute, Ct));
        Assert.Equal([id], (await store.Sources.LeaseDueAsync("any", T.AddSeconds(690), 5, Minute, Ct)).Select(s => s.Id));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_shared_one_off_crawl_claims_each_named_source_once_whether_due_or_not(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var ids = await AddSourcesAsync(store, 3);
        // Polled an hour ago and not due for another hour: a one-off crawl takes it all the same.
        await store.Sources.RecordPollAsync(ids[0], T.AddHours(-1), null, TimeSpan.FromHours(2), T.AddHours(1), Ct);
        Assert.True(await store.Sources.SetEnabledAsync(ids[2], false, Ct));

        var a = await store.Sources.LeaseNotPolledSinceAsync("a", [ids[0], ids[2]], T, T, 1, Minute, Ct);
        var b = await store.Sources.LeaseNotPolledSinceAsync("b", [ids[0], ids[2]], T, T, 5, Minute, Ct);
        Assert.Equal(2, a.Count + b.Count);
        Assert.Equal([ids[0], ids[2]], a.Concat(b).Select(s => s.Id).Order());

        // Once polled since the crawl began, a source is not taken again by it, even when its lease is gone.
        await store.Sources.RecordPollAsync(ids[0], T.AddSeconds(5), null, TimeSpan.FromHours(2), T.AddHours(2), Ct);
        await store.Sources.ReleaseLeaseAsync(ids[0], (await store.Sources.LeaseOfAsync(ids[0], Ct))!.Value.Owner, Ct);
        Assert.Empty(await store.Sources.LeaseNotPolledSinceAsync("c", [ids[0]], T, T.AddSeconds(6), 5, Minute, Ct));
        Assert.Empty(await store.Sources.LeaseNotPolledSinceAsync("c", [], T, T, 5, Minute, Ct));
    }
    [Fact]
    public async Task A_source_whose_poll_times_another_tool_wrote_as_text_is_listed_leased_and_polled_as_never_polled()
    {
        // SQLite's file holds whatever a tool writes; one such row failed every lease, so no crawl polled anything.
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        var store = await db.OpenAsync();
        var ids = await AddSourcesAsync(store, 2);
        await using (var conn = await store.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "UPDATE sources SET added_at = 'then', last_polled_at = 'then', last_success_at = x'00', last_error_at = 'soon' WHERE id = @id", Ct, ("@id", ids[0]));
            await Sql.ExecAsync(conn, null, "UPDATE source_endpoints SET last_fetched_at = 'then', last_full_fetch_at = 'then' WHERE source_id = @id", Ct, ("@id", ids[0]));
        }

        var listed = Assert.Single(await store.Sources.ListAsync(Ct), s => s.Id == ids[0]);
        Assert.Equal((null, null, null), (listed.LastPolled, listed.LastSuccess, listed.LastErrorAt));
        Assert.Equal(ids, (await store.Sources.LeaseDueAsync("crawler", T, 10, Minute, Ct)).Select(s => s.Id).Order());
        var endpoint = Assert.Single(await store.Sources.ListEndpointsAsync(ids[0], Ct));
        Assert.Null(endpoint.LastFetched);

        // The poll writes its times anew.
        await store.Sources.RecordPollAsync(ids[0], T, null, TimeSpan.FromMinutes(15), T.AddMinutes(15), Ct);
        Assert.Equal(T, Assert.Single(await store.Sources.ListAsync(Ct), s => s.Id == ids[0]).LastPolled);
    }

    [Fact]
    public async Task A_source_whose_next_poll_or_lease_another_tool_wrote_in_another_form_is_due_now_and_polled_again()
    {
        // `UPDATE sources SET next_poll_at = datetime('now')` (text) or a time in microseconds compares with no instant
        // İcmal writes: such a source was never due again, and the crawler slept past the sources that were.
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        var store = await db.OpenAsync();
        var ids = await AddSourcesAsync(store, 5);
        await store.Sources.RecordPollAsync(ids[3], T, null, TimeSpan.FromHours(1), T.AddHours(1), Ct);
        await store.Sources.RecordPollAsync(ids[4], T, null, TimeSpan.FromHours(1), T.AddHours(1), Ct);
        await using (var conn = await store.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "UPDATE sources SET next_poll_at = '2026-12-04 09:00:00' WHERE id = @id", Ct, ("@id", ids[0]));
            await Sql.ExecAsync(conn, null, "UPDATE sources SET next_poll_at = @us WHERE id = @id", Ct, ("@us", T.AddHours(-1).ToUnixTimeMilliseconds() * 1000), ("@id", ids[1]));
            await Sql.ExecAsync(conn, null, "UPDATE sources SET lease_owner = 'gone', lease_until = 'soon' WHERE id = @id", Ct, ("@id", ids[2]));
            await Sql.ExecAsync(conn, null, "UPDATE sources SET last_polled_at = '2026-12-04 09:00:00' WHERE id = @id", Ct, ("@id", ids[4]));
        }

        // Due now (the crawler wakes at once), listed and leased; the one polled properly waits for its hour.
        Assert.Equal(DateTimeOffset.MinValue, await store.Sources.NextPollAsync(T, Ct));
        Assert.Equal(ids[..3], (await store.Sources.ListDueAsync(T, Ct)).Select(s => s.Id).Order());
        Assert.Equal(ids[..3], (await store.Sources.LeaseDueAsync("crawler", T, 10, Minute, Ct)).Select(s => s.Id).Order());
        // A one-off crawl takes the source whose last poll reads as no time it can compare.
        Assert.Equal([ids[4]], (await store.Sources.LeaseNotPolledSinceAsync("once", [ids[4]], T, T, 5, Minute, Ct)).Select(s => s.Id));

        // Each poll writes its times anew, and the schedule is İcmal's again.
        foreach (long id in ids[..3])
        {
            await store.Sources.RecordPollAsync(id, T, null, TimeSpan.FromMinutes(15), T.AddMinutes(15), Ct);
            await store.Sources.ReleaseLeaseAsync(id, "crawler", Ct);
        }
        Assert.Empty(await store.Sources.LeaseDueAsync("crawler", T.AddMinutes(1), 10, Minute, Ct));
        Assert.Equal(T.AddMinutes(15), await store.Sources.NextPollAsync(T.AddMinutes(1), Ct));

        // With every enabled source's next poll in such a form, the crawler is told to look now rather than failing.
        foreach (long id in ids[1..]) Assert.True(await store.Sources.SetEnabledAsync(id, false, Ct));
        await using (var conn = await store.Database.ConnectAsync(Ct))
            await Sql.ExecAsync(conn, null, "UPDATE sources SET next_poll_at = 'soon' WHERE id = @id", Ct, ("@id", ids[0]));
        Assert.Equal(DateTimeOffset.MinValue, await store.Sources.NextPollAsync(T, Ct));
    }
}
