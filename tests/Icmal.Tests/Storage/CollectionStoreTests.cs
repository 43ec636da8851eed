using Icmal.Collection;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// What the collector keeps (sources and endpoints, the fetch log, the addresses met, item errors), stories and settings,
/// each read back as written on both engines: times to the millisecond, nulls as nulls, booleans as booleans.
/// </summary>
public sealed class CollectionStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T = new(2025, 10, 27, 14, 37, 0, 123, TimeSpan.FromHours(4));

    private static async Task<long> AddArticleAsync(Stores store, string text, DateTimeOffset archived)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = text, Title = text, Archived = archived, Language = "az",
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), text, null, "text", "utf-8", raw, archived), article, Ct)).ArticleId;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_source_keeps_its_endpoints_its_polls_and_its_validators(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var apa = new SourceDefinition("APA", "https://apa.az/", "az", [(EndpointKind.Feed, "https://apa.az/rss")]);
        var (id, created) = await store.Sources.AddAsync(apa, enabled: true, allowPrivate: false, Ct);
        var again = await store.Sources.AddAsync(apa with { Endpoints = [(EndpointKind.Sitemap, "https://apa.az/sitemap.xml"), (EndpointKind.Feed, "https://apa.az/rss")] },
            enabled: true, allowPrivate: false, Ct);
        var (off, _) = await store.Sources.AddAsync(new SourceDefinition("Report", "https://report.az/", "az", []), enabled: false, allowPrivate: true, Ct);

        Assert.True(created);
        Assert.Equal((id, false), again);
        Assert.Equal([EndpointKind.Feed, EndpointKind.Sitemap], (await store.Sources.ListEndpointsAsync(id, Ct)).Select(e => e.Kind));
        Assert.Equal(["APA"], (await store.Sources.ListDueAsync(T, Ct)).Select(s => s.Name));
        Assert.Equal(DateTimeOffset.MinValue, await store.Sources.NextPollAsync(Ct));
        Assert.True((await store.Sources.FindAsync("report", Ct))!.AllowPrivate);
        Assert.Equal(id, (await store.Sources.FindAsync("https://apa.az", Ct))!.Id);

        await store.Sources.RecordPollAsync(id, T, null, TimeSpan.FromMinutes(10), T.AddMinutes(10), Ct);
        await store.Sources.RecordPollAsync(id, T.AddMinutes(10), "timeout", TimeSpan.FromMinutes(20), T.AddMinutes(30), Ct);
        var polled = (await store.Sources.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct))!;
        Assert.Equal(T, polled.LastSuccess);
        Assert.Equal(T.AddMinutes(10), polled.LastPolled);
        Assert.Equal("timeout", polled.LastError);
        Assert.Equal(T.AddMinutes(10), polled.LastErrorAt);
        Assert.Equal(T.AddMinutes(30), polled.NextPoll);
        Assert.Equal(1, polled.ConsecutiveFailures);
        Assert.Equal(1200, polled.PollIntervalSeconds);
        Assert.False(polled.AllowPrivate);
        Assert.Empty(await store.Sources.ListDueAsync(T.AddMinutes(29), Ct));
        Assert.Equal(T.AddMinutes(30), await store.Sources.NextPollAsync(Ct));

        var feed = (await store.Sources.ListEndpointsAsync(id, Ct))[0];
        await store.Sources.UpdateEndpointAsync(feed.Id, "\"v1\"", null, T, fullFetch: true, error: null, Ct);
        await store.Sources.UpdateEndpointAsync(feed.Id, null, "Mon, 27 Oct 2025 10:37:00 GMT", T.AddMinutes(5), fullFetch: false, error: null, Ct);
        await store.Sources.UpdateEndpointAsync(feed.Id, null, null, T.AddMinutes(9), fullFetch: false, error: "HTTP 503", Ct);
        var back = (await store.Sources.ListAllEndpointsAsync(Ct))[id][0];
        Assert.Equal("\"v1\"", back.ETag);
        Assert.Equal("Mon, 27 Oct 2025 10:37:00 GMT", back.LastModified);
        Assert.Equal(T.AddMinutes(9), back.LastFetched);
        Assert.Equal(T, back.LastFullFetch);
        Assert.Equal("HTTP 503", back.LastError);

        // A source never polled is due before every polled one.
        Assert.True(await store.Sources.SetEnabledAsync(off, true, Ct));
        Assert.Equal(["Report", "APA"], (await store.Sources.ListDueAsync(T.AddMinutes(31), Ct)).Select(s => s.Name));
        Assert.True(await store.Sources.RemoveAsync(off, Ct));
        Assert.False(await store.Sources.RemoveAsync(off, Ct));
        Assert.Equal(["APA"], (await store.Sources.ListAsync(Ct)).Select(s => s.Name));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task The_fetch_log_counts_by_outcome_and_source_and_prunes_by_age(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var (source, _) = await store.Sources.AddAsync(new SourceDefinition("APA", "https://apa.az/", "az", []), true, false, Ct);
        await store.Fetches.RecordAsync(Fetch("https://apa.az/1", FetchOutcome.Ok, T, source), keepBody: true, Ct);
        await store.Fetches.RecordAsync(Fetch("https://apa.az/2", FetchOutcome.NetworkError, T.AddHours(1), source), keepBody: true, Ct);
        await store.Fetches.RecordAsync(Fetch("https://other.az/", FetchOutcome.Ok, T.AddHours(2), null), keepBody: false, Ct);

        var all = await store.Fetches.ListAsync(null, 10, Ct);
        Assert.Equal(["https://other.az/", "https://apa.az/2", "https://apa.az/1"], all.Select(f => f.Url));
        Assert.Null(all[1].Status);
        Assert.Equal(200, all[2].Status);
        Assert.Equal("connection reset", all[1].Error);
        Assert.Equal(T.AddHours(1), all[1].Started);
        Assert.Equal(250, all[1].DurationMs);
        Assert.Equal(2, (await store.Fetches.ListAsync(source, 10, Ct)).Count);
        Assert.Equal(2, (await store.Fetches.CountByOutcomeAsync(null, Ct))["Page:Ok"]);
        Assert.Equal(1, (await store.Fetches.CountByOutcomeAsync(T.AddMinutes(90), Ct))["Page:Ok"]);
        Assert.Equal(new FetchCounts(2, 1), (await store.Fetches.CountBySourceAsync(T, Ct))[source]);

        await store.Fetches.PruneAsync(T.AddMinutes(30), T.AddHours(3), Ct);
        Assert.Equal(["https://other.az/", "https://apa.az/2"], (await store.Fetches.ListAsync(null, 10, Ct)).Select(f => f.Url));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_address_met_is_fetched_once_and_a_failing_one_a_few_times(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var (source, _) = await store.Sources.AddAsync(new SourceDefinition("APA", "https://apa.az/", "az", []), true, false, Ct);
        long article = await AddArticleAsync(store, "Bakıda yeni məktəb açıldı", T);
        await store.SeenUrls.MarkAsync("https://apa.az/1", source, SeenState.Stored, article, null, T, Ct);
        await store.SeenUrls.MarkAsync("https://apa.az/2", source, SeenState.Rejected, null, "no article", T, Ct);
        for (int i = 0; i < SeenUrlStore.MaxPageAttempts - 1; i++)
            await store.SeenUrls.MarkAsync("https://apa.az/3", null, SeenState.Failed, null, "HTTP 500", T.AddMinutes(i), Ct);

        var unseen = await store.SeenUrls.FilterUnseenAsync(["https://apa.az/1", "https://apa.az/2", "https://apa.az/3", "https://apa.az/4"], Ct);
        Assert.Equal(["https://apa.az/3", "https://apa.az/4"], unseen.Order(StringComparer.Ordinal));
        await store.SeenUrls.MarkAsync("https://apa.az/3", source, SeenState.Failed, null, "HTTP 500", T.AddHours(1), Ct);
        Assert.Equal(["https://apa.az/4"], await store.SeenUrls.FilterUnseenAsync(["https://apa.az/3", "https://apa.az/4"], Ct));

        Assert.Equal(article, await store.SeenUrls.FindArticleIdAsync("https://apa.az/1", Ct));
        Assert.Null(await store.SeenUrls.FindArticleIdAsync("https://apa.az/2", Ct));
        Assert.Equal(1, await store.SeenUrls.CountStoredSinceAsync(source, T, Ct));
        Assert.Equal((1L, 0L), (await store.SeenUrls.CountStoredBySourceAsync(T.AddMinutes(1), Ct))[source]);
        Assert.Equal(1, await store.SeenUrls.CountAsync(SeenState.Failed, Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Item_errors_are_listed_newest_first_per_source_and_pruned(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var (source, _) = await store.Sources.AddAsync(new SourceDefinition("APA", "https://apa.az/", "az", []), true, false, Ct);
        for (int i = 0; i < 4; i++)
            await store.ItemErrors.RecordAsync(new ItemError(source, $"https://apa.az/{i}", IngestStage.Extract, "no article text", T.AddMinutes(i)), Ct);
        await store.ItemErrors.RecordAsync(new ItemError(null, "list.json#3", IngestStage.Read, "not JSON", T), Ct);

        Assert.Equal(["https://apa.az/3", "https://apa.az/2"], (await store.ItemErrors.ListAsync(source, 2, Ct)).Select(e => e.Origin));
        Assert.Equal(new ItemError(null, "list.json#3", IngestStage.Read, "not JSON", T), Assert.Single(await store.ItemErrors.ListAsync(null, 10, Ct)));
        Assert.Equal(3, (await store.ItemErrors.ListRecentBySourceAsync(3, Ct))[source].Count);
        await store.ItemErrors.PruneAsync(T.AddMinutes(2), Ct);
        Assert.Equal(2, (await store.ItemErrors.ListAsync(source, 10, Ct)).Count);
    }

    private static FetchResult Fetch(string url, FetchOutcome outcome, DateTimeOffset at, long? sourceId) => new()
    {
        Request = new FetchRequest(new Uri(url), false, FetchPurpose.Page) { SourceId = sourceId },
        Outcome = outcome, Started = at, Duration = TimeSpan.FromMilliseconds(250),
        Status = outcome == FetchOutcome.Ok ? 200 : null, Body = outcome == FetchOutcome.Ok ? "<rss/>"u8.ToArray() : null,
        Error = outcome == FetchOutcome.Ok ? null : "connection reset",
    };

    [Fact]
    public async Task An_item_error_or_fetch_whose_time_another_tool_wrote_as_text_is_left_out_of_the_logs_and_pruned()
    {
        // SQLite's file holds whatever a tool writes; one such row failed /admin/sources and the fetch log.
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        var store = await db.OpenAsync();
        var (source, _) = await store.Sources.AddAsync(new SourceDefinition("APA", "https://apa.az/", "az", []), true, false, Ct);
        for (int i = 0; i < 3; i++)
        {
            await store.ItemErrors.RecordAsync(new ItemError(source, $"https://apa.az/{i}", IngestStage.Extract, "no article text", T.AddMinutes(i)), Ct);
            await store.Fetches.RecordAsync(Fetch($"https://apa.az/{i}", FetchOutcome.Ok, T.AddMinutes(i), source), keepBody: false, Ct);
        }
        await using (var conn = await store.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "UPDATE item_errors SET at = 'then' WHERE origin = 'https://apa.az/1'", Ct);
            await Sql.ExecAsync(conn, null, "UPDATE fetches SET started_at = x'00' WHERE url = 'https://apa.az/1'", Ct);
        }

        Assert.Equal(["https://apa.az/2", "https://apa.az/0"], (await store.ItemErrors.ListAsync(source, 10, Ct)).Select(e => e.Origin));
        Assert.Equal(["https://apa.az/2", "https://apa.az/0"], (await store.ItemErrors.ListRecentBySourceAsync(5, Ct))[source].Select(e => e.Origin));
        Assert.Equal(["https://apa.az/2", "https://apa.az/0"], (await store.Fetches.ListAsync(source, 10, Ct)).Select(f => f.Url));

        // Pruning what is older than all three deletes the two no prune by time reached, and only those.
        await store.ItemErrors.PruneAsync(T.AddDays(-1), Ct);
        await store.Fetches.PruneAsync(T.AddDays(-1), T.AddDays(-1), Ct);
        await using (var conn = await store.Database.ConnectAsync(Ct))
        {
            Assert.Equal(2, await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM item_errors", Ct));
            Assert.Equal(2, await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM fetches", Ct));
        }
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_story_counts_its_articles_and_spans_their_times(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        long first = await AddArticleAsync(store, "Astanada iclas keçirildi", T);
        long second = await AddArticleAsync(store, "Astanada iclas başa çatdı", T.AddHours(2));
        long loose = await AddArticleAsync(store, "Naxçıvanda məktəb açıldı", T.AddHours(3));

        long story = await store.Stories.AssignAsync(first, null, "Astanada iclas", T, Ct);
        Assert.Equal(story, await store.Stories.AssignAsync(second, story, "Astanada iclas başa çatdı", T.AddHours(2), Ct, headlineArticleId: second));
        Assert.Equal(story, await store.Stories.AssignAsync(second, null, "again", T.AddHours(5), Ct));
        Assert.Equal(new Story(story, "Astanada iclas başa çatdı", T, T.AddHours(2), 2), await store.Stories.GetAsync(story, Ct));
        Assert.Null(await store.Stories.GetAsync(story + 1, Ct));

        var (recent, unclustered, through, unreadable) = await store.Stories.LoadClusterStateAsync(10, Ct);
        Assert.Equal([first, second], recent.Select(r => r.ArticleId));
        Assert.Equal(2, through); // the story order numbered the two assignments, not the refused third
        Assert.Equal(loose, Assert.Single(unclustered).ArticleId);
        Assert.Empty(unreadable);
        Assert.Equal([second, first], (await store.Articles.ListAsync(new ArticleQuery(10, 0, story), Ct)).Select(a => a.Id));
        Assert.Equal(2, (await store.Articles.GetAsync(first, Ct))!.StorySize);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_setting_is_replaced_not_added_again(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        Assert.Null(await store.Settings.GetAsync("sample_imported", Ct));
        await store.Settings.SetAsync("sample_imported", "1", Ct);
        await store.Settings.SetAsync("sample_imported", "2", Ct);
        Assert.Equal("2", await store.Settings.GetAsync("sample_imported", Ct));
    }
}
