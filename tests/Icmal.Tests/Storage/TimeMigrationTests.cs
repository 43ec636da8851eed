using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Icmal.Tests.Storage;

/// <summary>
/// Schema step 6 on a database made by the released steps 1–5 with rows as those releases wrote them (times as
/// ISO-8601 text): every row survives, every time becomes INTEGER milliseconds, and the indexes still serve.
/// </summary>
public sealed class TimeMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every time column after step 6.</summary>
    private static readonly (string Table, string Column)[] TimeColumns =
    [
        ("documents", "archived_at"), ("stories", "first_seen"), ("stories", "last_seen"),
        ("articles", "published_at"), ("articles", "modified_at"), ("articles", "archived_at"), ("articles", "sort_at"),
        ("sources", "added_at"), ("sources", "next_poll_at"), ("sources", "last_polled_at"), ("sources", "last_success_at"), ("sources", "last_error_at"),
        ("source_endpoints", "last_fetched_at"), ("source_endpoints", "last_full_fetch_at"),
        ("fetches", "started_at"), ("seen_urls", "first_seen_at"), ("seen_urls", "last_attempt_at"), ("item_errors", "at"),
    ];

    private static readonly string[] Tables = ["documents", "stories", "articles", "settings", "sources", "source_endpoints", "fetches", "seen_urls", "item_errors"];

    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A step-5 database holding one row or more in every table, written as the old code wrote them.</summary>
    private static async Task<DatabaseSetting> OldDatabaseAsync(TempFolder folder, string archivedAt = "2025-10-27T10:37:00.123Z")
    {
        var setting = DatabaseSetting.InDataFolder(folder.Path);
        await Database.OpenAsync(setting, schemaVersion: 5, Ct);
        await using var conn = new SqliteConnection($"Data Source={setting.Target}");
        await conn.OpenAsync(Ct);
        await Sql.ExecAsync(conn, null, $"""
            PRAGMA foreign_keys = ON;
            INSERT INTO documents VALUES (1, 'h1', 'a.html', NULL, 'html', 'utf-8', 5, '{archivedAt}', @raw);
            INSERT INTO documents VALUES (2, 'h2', 'b.html', NULL, 'html', 'utf-8', 5, '2025-10-27T11:00:00.000Z', @raw);
            INSERT INTO documents VALUES (3, 'h3', 'c.html', NULL, 'html', 'utf-8', 5, '2025-10-27T12:00:00.000Z', @raw);
            INSERT INTO stories VALUES (1, 'Süjet', '2025-10-27T08:00:00.000Z', '2025-10-27T10:37:00.123Z', 2);
            INSERT INTO articles (id, document_id, url, title, title_derived, authors, published_at, modified_at, archived_at, sort_at,
                tags, blocks, body, text_sha256, story_id, canonical_url, published_from, section)
            VALUES
                (1, 1, 'https://x.az/1', 'Birinci', 1, '["Ə. Əliyev"]', '2025-10-27T08:00:00.000Z', '2025-10-27T09:15:30.500Z',
                    '{archivedAt}', '2025-10-27T08:00:00.000Z', '[]', '[["p","mətn bir"]]', 'mətn bir', 't1', 1, 'https://x.az/1', 'json-ld NewsArticle', 'Siyasət'),
                (2, 2, 'https://x.az/2', 'İkinci', 0, '[]', '2025-10-27T10:37:00.123Z', NULL,
                    '2025-10-27T11:00:00.000Z', '2025-10-27T10:37:00.123Z', '[]', '[["p","mətn iki"]]', 'mətn iki', 't2', 1, NULL, 'meta', NULL),
                (3, 3, NULL, 'Üçüncü', 0, '[]', NULL, NULL,
                    '2025-10-27T12:00:00.000Z', '2025-10-27T12:00:00.000Z', '[]', '[["p","mətn üç"]]', 'mətn üç', 't3', NULL, NULL, NULL, NULL);
            INSERT INTO settings VALUES ('sample_imported', '2025-10-27T10:00:00.0000000+00:00');
            INSERT INTO sources VALUES (1, 'APA', 'https://apa.az/', 'az', 1, 0, '2025-10-01T00:00:00.000Z', 1800,
                '2025-10-27T13:00:00.000Z', '2025-10-27T12:30:00.000Z', '2025-10-27T12:30:00.000Z', 'HTTP 500', '2025-10-26T12:30:00.000Z', 0);
            INSERT INTO sources VALUES (2, 'Söndürülüb', 'https://off.az/', 'az', 0, 1, '2025-10-02T00:00:00.000Z', 1800, NULL, NULL, NULL, NULL, NULL, 0);
            INSERT INTO source_endpoints VALUES (1, 1, 'feed', 'https://apa.az/rss', '"e1"', 'Mon, 27 Oct 2025 12:00:00 GMT',
                '2025-10-27T12:30:00.000Z', '2025-10-27T12:00:00.000Z', NULL);
            INSERT INTO fetches VALUES (1, 1, 'Endpoint', 'https://apa.az/rss', NULL, '2025-10-27T12:30:00.250Z', 120, 'Ok', 200, 900, 'application/rss+xml', 1, NULL, NULL);
            INSERT INTO fetches VALUES (2, 1, 'Page', 'https://apa.az/x', NULL, '2025-10-27T12:30:01.000Z', 80, 'HttpError', 404, 0, NULL, 1, 'HTTP 404', NULL);
            INSERT INTO seen_urls VALUES ('https://x.az/1', 1, '2025-10-27T08:05:00.000Z', '2025-10-27T08:05:00.000Z', 1, 'stored', 1, NULL);
            INSERT INTO seen_urls VALUES ('https://apa.az/x', 1, '2025-10-27T12:30:01.000Z', '2025-10-27T12:30:01.000Z', 1, 'failed', NULL, 'HTTP 404');
            INSERT INTO item_errors VALUES (1, 1, 'https://apa.az/x', 'fetch', 'HTTP 404', '2025-10-27T12:30:01.000Z');
            INSERT INTO item_errors VALUES (2, NULL, 'bad.html', 'extract', 'no article text found', '2025-10-27T12:31:00.000Z');
            """, Ct, ("@raw", Sql.Compress("salam"u8)));
        return setting;
    }

    private static async Task<long> CountAsync(string path, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={path}");
        await conn.OpenAsync(Ct);
        return await Sql.Int64Async(conn, null, sql, Ct);
    }

    [Fact]
    public async Task An_old_database_upgrades_in_place_without_losing_a_row_or_a_millisecond()
    {
        using var folder = new TempFolder();
        var setting = await OldDatabaseAsync(folder);
        var before = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string table in Tables) before[table] = await CountAsync(setting.Target, $"SELECT COUNT(*) FROM {table}");
        // An address of the old list's next page, as the portal handed it out before the upgrade.
        var oldCursor = new ArticleCursor(T("2025-10-27T10:37:00.123Z"), 2);
        SqliteConnection.ClearAllPools();

        var stores = await Stores.OpenAsync(setting, Ct);

        foreach (string table in Tables) Assert.Equal(before[table], await CountAsync(setting.Target, $"SELECT COUNT(*) FROM {table}"));
        foreach (var (table, column) in TimeColumns)
            Assert.Equal(0, await CountAsync(setting.Target, $"SELECT COUNT(*) FROM {table} WHERE {column} IS NOT NULL AND typeof({column}) <> 'integer'"));
        Assert.Equal(0, await CountAsync(setting.Target, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
        Assert.Equal(SqlDialect.Sqlite.Migrations[^1].Version, await CountAsync(setting.Target, "SELECT MAX(version) FROM schema_migrations"));

        var first = (await stores.Articles.GetAsync(1, Ct))!;
        Assert.Equal(T("2025-10-27T08:00:00.000Z"), first.Published);
        Assert.Equal(T("2025-10-27T09:15:30.500Z"), first.Modified);
        Assert.Equal(T("2025-10-27T10:37:00.123Z"), first.Archived);
        Assert.True(first.TitleDerived);
        Assert.Equal(["Ə. Əliyev"], first.Authors);
        Assert.Equal(("json-ld:NewsArticle", "Siyasət", 1L, 2), (first.PublishedFrom?.Code, first.Section, first.StoryId, first.StorySize));
        Assert.Equal("salam"u8.ToArray(), await stores.Articles.GetRawDocumentAsync(first.DocumentId, Ct));
        Assert.Equal([3L, 2, 1], (await stores.Articles.ListAsync(new ArticleQuery(), Ct)).Select(a => a.Id));
        Assert.Equal([1L], (await stores.Articles.ListPageAsync(new ArticlePageQuery(10, Older: oldCursor), Ct)).Items.Select(a => a.Id));

        var story = (await stores.Stories.GetAsync(1, Ct))!;
        Assert.Equal((T("2025-10-27T08:00:00.000Z"), T("2025-10-27T10:37:00.123Z")), (story.FirstSeen, story.LastSeen));

        var sources = await stores.Sources.ListAsync(Ct);
        var apa = sources.Single(s => s.Name == "APA");
        Assert.Equal((true, false), (apa.Enabled, apa.AllowPrivate));
        Assert.Equal((T("2025-10-01T00:00:00.000Z"), T("2025-10-27T13:00:00.000Z"), T("2025-10-26T12:30:00.000Z")), (apa.Added, apa.NextPoll, apa.LastErrorAt));
        Assert.Equal((false, true), (sources.Single(s => s.Id == 2).Enabled, sources.Single(s => s.Id == 2).AllowPrivate));
        Assert.Equal([apa.Id], (await stores.Sources.ListDueAsync(T("2025-10-27T13:00:00.000Z"), Ct)).Select(s => s.Id));
        Assert.Empty(await stores.Sources.ListDueAsync(T("2025-10-27T12:59:59.999Z"), Ct));
        Assert.Equal(T("2025-10-27T13:00:00.000Z"), await stores.Sources.NextPollAsync(Ct));
        var endpoint = Assert.Single(await stores.Sources.ListEndpointsAsync(apa.Id, Ct));
        Assert.Equal((T("2025-10-27T12:30:00.000Z"), "Mon, 27 Oct 2025 12:00:00 GMT"), (endpoint.LastFetched, endpoint.LastModified));

        Assert.Equal([T("2025-10-27T12:30:01.000Z"), T("2025-10-27T12:30:00.250Z")], (await stores.Fetches.ListAsync(apa.Id, 10, Ct)).Select(f => f.Started));
        Assert.Equal(new FetchCounts(2, 1), (await stores.Fetches.CountBySourceAsync(T("2025-10-27T00:00:00.000Z"), Ct))[apa.Id]);
        Assert.Equal(1, await stores.SeenUrls.CountStoredSinceAsync(apa.Id, T("2025-10-27T08:05:00.000Z"), Ct));
        Assert.Equal(0, await stores.SeenUrls.CountStoredSinceAsync(apa.Id, T("2025-10-27T08:05:00.001Z"), Ct));
        // Stored addresses are never fetched again; one that failed once is tried again.
        Assert.Equal(["https://apa.az/x", "https://new.az/"],
            (await stores.SeenUrls.FilterUnseenAsync(["https://x.az/1", "https://new.az/", "https://apa.az/x"], Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(T("2025-10-27T12:30:01.000Z"), Assert.Single(await stores.ItemErrors.ListAsync(apa.Id, 10, Ct)).At);
        Assert.Equal("bad.html", Assert.Single(await stores.ItemErrors.ListAsync(null, 10, Ct)).Origin);
        Assert.Equal("2025-10-27T10:00:00.0000000+00:00", await stores.Settings.GetAsync("sample_imported", Ct));

        // A new row (published 10:30 UTC, written with a +04:00 offset) sorts among the converted ones by its instant.
        byte[] raw = "yeni"u8.ToArray();
        var added = await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), "new.html", null, "html", "utf-8", raw, T("2025-10-27T13:00:00Z")),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = "new.html", Title = "Yeni", Archived = T("2025-10-27T13:00:00Z"),
                Published = T("2025-10-27T14:30:00.000+04:00"), Blocks = [new ArticleBlock(BlockKind.Paragraph, "yeni")],
            }, Ct);
        Assert.Equal([3L, 2, added.ArticleId, 1], (await stores.Articles.ListAsync(new ArticleQuery(), Ct)).Select(a => a.Id));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_time_the_upgrade_can_not_read_stops_it_with_the_step_named_and_leaves_the_database_as_it_was()
    {
        using var folder = new TempFolder();
        var setting = await OldDatabaseAsync(folder, archivedAt: "dünən");
        SqliteConnection.ClearAllPools();

        var e = await Assert.ThrowsAsync<DatabaseOpenException>(() => Stores.OpenAsync(setting, Ct));
        Assert.Contains("migration step 6", e.Message, StringComparison.Ordinal);
        Assert.Contains(setting.Target, e.Message, StringComparison.Ordinal);

        Assert.Equal(5, await CountAsync(setting.Target, "SELECT MAX(version) FROM schema_migrations"));
        Assert.Equal(3, await CountAsync(setting.Target, "SELECT COUNT(*) FROM articles WHERE typeof(sort_at) = 'text'"));
        Assert.Equal(0, await CountAsync(setting.Target, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%_v6'"));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_keyset_pages_of_an_upgraded_database_still_seek_the_sort_index()
    {
        using var folder = new TempFolder();
        var setting = await OldDatabaseAsync(folder);
        SqliteConnection.ClearAllPools();
        var database = await Database.OpenAsync(setting, Ct);

        foreach (string tail in new[] { ArticleStore.OlderThanCursor, ArticleStore.NewerThanCursor })
        {
            await using var conn = await database.ConnectAsync(Ct);
            await using var cmd = Sql.Command(conn, null, "EXPLAIN QUERY PLAN " + ArticleStore.PageSql(tail),
                ("@n", 31), ("@s", 1761561420123L), ("@i", 2L));
            var plan = new List<string>();
            await using (var r = await cmd.ExecuteReaderAsync(Ct))
                while (await r.ReadAsync(Ct)) plan.Add(r.GetString(3));
            Assert.Contains(plan, step => step.StartsWith("SEARCH a USING INDEX articles_sort", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
        SqliteConnection.ClearAllPools();
    }
}
