using System.Data.Common;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Icmal.Tests.Search;

/// <summary>The index is written with its article, rebuilt the same way, built for an older database, and bounded in time, on both engines.</summary>
public sealed class SearchStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Queries =
        ["Qazaxıstanla", "qazaxistan", "Tokayevin", "eliyev", "\"Orta Dəhliz\"", "title:Astana", "TDT-nin", "Fuzuli", "Qazaxıstan -Tokayev", "Füzuli OR TDT"];

    private static async Task<List<string>> AnswersAsync(Searcher searcher)
    {
        var answers = new List<string>();
        foreach (string q in Queries)
        {
            var r = (await searcher.SearchAsync(new SearchRequest(q), Ct)).Results!;
            answers.Add($"{q}: {r.Total} [{string.Join(",", r.Items.Select(i => i.Id))}]");
        }
        return answers;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Reindexing_gives_the_same_results_as_indexing_live(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        await h.ImportAsync(TestPaths.Samples);
        var searcher = new Searcher(h.Store);
        var live = await AnswersAsync(searcher);

        var reports = new List<(long Done, long Total)>();
        long indexed = await new Reindexer(h.Store).RebuildAsync(new SyncProgress<(long, long)>(reports.Add), Ct);

        Assert.Equal(5, indexed);
        Assert.Equal((5L, 5L), reports[^1]);
        Assert.Equal(live, await AnswersAsync(searcher));
        Assert.Equal(0, await h.Store.Search.PendingAsync(Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_article_whose_index_entry_fails_is_not_stored_either(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        async Task RenameIndexAsync(string from, string to)
        {
            await using var conn = await stores.Database.ConnectAsync(Ct);
            await Sql.ExecAsync(conn, null, $"ALTER TABLE {from} RENAME TO {to}", Ct);
        }
        await RenameIndexAsync("article_search", "article_search_away");

        await Assert.ThrowsAnyAsync<DbException>(() => AddAsync(stores, "Qazaxıstanla əməkdaşlıq"));
        Assert.Equal(0, await stores.Articles.CountAsync(Ct));

        await RenameIndexAsync("article_search_away", "article_search");
        await AddAsync(stores, "Qazaxıstanla əməkdaşlıq");
        Assert.Equal(1, await stores.Articles.CountAsync(Ct));
        Assert.Equal(1, (await new Searcher(stores).SearchAsync(new SearchRequest("qazaxistan"), Ct)).Results!.Total);
    }

    [Fact]
    public async Task A_database_from_before_search_is_indexed_when_opened()
    {
        using var folder = new TempFolder();
        var setting = DatabaseSetting.InDataFolder(folder.Path);
        const int count = SearchStore.BatchSize * 2 + 17;
        await Database.OpenAsync(setting, schemaVersion: 7, Ct);
        await using (var conn = new SqliteConnection($"Data Source={setting.Target}"))
        {
            await conn.OpenAsync(Ct);
            await using var tx = await conn.BeginTransactionAsync(Ct);
            for (int i = 1; i <= count; i++)
            {
                string body = i % 3 == 0 ? $"Prezident Tokayevin Bakıya səfəri {i}" : $"Azərbaycan Qazaxıstanla əməkdaşlıq edir {i}";
                await Sql.ExecAsync(conn, tx, """
                    INSERT INTO documents (id, sha256, origin, format, size_bytes, archived_at, raw_brotli) VALUES (@i, @h, 'old', 'text', 1, 1761550000000, x'00');
                    INSERT INTO articles (id, document_id, title, authors, archived_at, sort_at, tags, blocks, body, text_sha256, language)
                    VALUES (@i, @i, @t, '["Ə. Əliyev"]', 1761550000000, 1761550000000 + @i, '[]', '[]', @b, @h, 'az')
                    """, Ct, ("@i", (long)i), ("@h", "h" + i), ("@t", "Xəbər " + i), ("@b", body));
            }
            await tx.CommitAsync(Ct);
        }
        SqliteConnection.ClearAllPools();

        var stores = await Stores.OpenAsync(setting, Ct);
        var searcher = new Searcher(stores);
        Assert.Equal(0, await stores.Search.PendingAsync(Ct));
        Assert.Equal(count - count / 3, (await searcher.SearchAsync(new SearchRequest("qazaxistan"), Ct)).Results!.Total);
        Assert.Equal(count / 3, (await searcher.SearchAsync(new SearchRequest("Токаев"), Ct)).Results!.Total);
        Assert.Equal(count, (await searcher.SearchAsync(new SearchRequest("author:eliyev"), Ct)).Results!.Total);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task An_archive_indexed_before_facets_is_indexed_again_with_them_when_opened()
    {
        using var folder = new TempFolder();
        var setting = DatabaseSetting.InDataFolder(folder.Path);
        const int count = SearchStore.BatchSize + 17;
        // An archive at step 10, its index whole in the form of step 8 (keys, no facets).
        await Database.OpenAsync(setting, schemaVersion: 10, Ct);
        await using (var conn = new SqliteConnection($"Data Source={setting.Target}"))
        {
            await conn.OpenAsync(Ct);
            await using var tx = await conn.BeginTransactionAsync(Ct);
            for (int i = 1; i <= count; i++)
            {
                string site = i % 2 == 0 ? "apa.az" : "report.az";
                var keys = SearchDocument.Of("Xəbər " + i, $"Azərbaycan Qazaxıstanla əməkdaşlıq edir {i}", []);
                await Sql.ExecAsync(conn, tx, """
                    INSERT INTO documents (id, sha256, origin, format, size_bytes, archived_at, raw_brotli) VALUES (@i, @h, 'old', 'text', 1, @at, x'00');
                    INSERT INTO articles (id, document_id, title, authors, archived_at, sort_at, site, url, tags, blocks, body, text_sha256, language)
                    VALUES (@i, @i, @t, '[]', @at, @at, @site, @url, '[]', '[]', @b, @h, 'az');
                    INSERT INTO article_search (rowid, title, body, author) VALUES (@i, @kt, @kb, '');
                    """, Ct, ("@i", (long)i), ("@h", "h" + i), ("@t", "Xəbər " + i), ("@b", $"Azərbaycan Qazaxıstanla əməkdaşlıq edir {i}"),
                    ("@site", site), ("@url", $"https://{site}/{i}"), ("@kt", keys.Title), ("@kb", keys.Body),
                    // One article a day from 2025-01-01 10:00 in Baku.
                    ("@at", new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.FromHours(4)).AddDays(i - 1).ToUnixTimeMilliseconds()));
            }
            await Sql.ExecAsync(conn, tx, "DELETE FROM settings WHERE key LIKE 'search_catch_up%'", Ct);
            await tx.CommitAsync(Ct);
        }
        SqliteConnection.ClearAllPools();

        var stores = await Stores.OpenAsync(setting, Ct);
        var searcher = new Searcher(stores);

        Assert.Equal(0, await stores.Search.PendingAsync(Ct));
        Assert.Equal(count, (await searcher.SearchAsync(new SearchRequest("qazaxistan"), Ct)).Results!.Total);
        Assert.Equal(count / 2, (await searcher.SearchAsync(new SearchRequest("qazaxistan source:apa.az"), Ct)).Results!.Total);
        // Days 32 to 59 of 2025: February.
        Assert.Equal(28, (await searcher.SearchAsync(new SearchRequest("qazaxistan since:2025-02-01 until:2025-02-28"), Ct)).Results!.Total);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_postgresql_index_written_before_facets_is_written_again_with_them_when_opened()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        for (int i = 0; i < 30; i++) await AddAsync(stores, $"Azərbaycan Qazaxıstanla əməkdaşlıq edir {i}", "n" + i);
        // As the index was before step 3: every row's keys without facets, and steps 3 and later (4: the source
        // leases, 5: the entities, 6: the categories, 7: the view counts, 9: the story order, 15: the search table's
        // partitions, 16: the entities' words) not run.
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            var rows = await Sql.ListAsync(conn, null, "SELECT id, title, body FROM articles", r => (r.GetInt64(0), r.GetString(1), r.GetString(2)), Ct);
            foreach (var (id, title, body) in rows)
                await Sql.ExecAsync(conn, null, "UPDATE article_search SET keys = CAST(@k AS tsvector) WHERE article_id = @id", Ct,
                    ("@id", id), ("@k", PostgreSqlTsText.Vector(SearchDocument.Of(title, body, []))));
            await Icmal.Tests.Storage.PostgreSqlSearchTable.UnsplitAsync(conn, Ct);
            await Sql.ExecAsync(conn, null, "DELETE FROM schema_migrations WHERE version >= 3", Ct);
            await Sql.ExecAsync(conn, null, "ALTER TABLE sources DROP COLUMN lease_owner, DROP COLUMN lease_until", Ct);
            await Sql.ExecAsync(conn, null, "DROP TABLE article_facts; DROP TABLE article_figures; DROP TABLE article_quotes; DROP TABLE article_entities; DROP TABLE entity_words; DROP TABLE entities; DROP TABLE article_categories; DROP TABLE article_views; DROP INDEX articles_site_sort; ALTER TABLE articles DROP COLUMN story_seq", Ct);
        }
        Assert.Equal(0, (await new Searcher(stores).SearchAsync(new SearchRequest("qazaxistan lang:az"), Ct)).Results!.Total);

        var reopened = await db.OpenAsync();

        Assert.Equal(0, await reopened.Search.PendingAsync(Ct));
        Assert.Equal(30, (await new Searcher(reopened).SearchAsync(new SearchRequest("qazaxistan lang:az"), Ct)).Results!.Total);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_article_indexed_again_keeps_one_index_entry(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        await AddAsync(stores, "Astanada Ali Dövlətlərarası Şuranın iclası keçirildi", "a");
        // As if a second process ran the same catch-up batch: every stored article indexed once more.
        await stores.Settings.SetAsync(SearchStore.CatchUpToSetting, "1", Ct);
        await stores.Settings.SetAsync(SearchStore.CatchUpDoneSetting, "0", Ct);

        Assert.Equal(1, await stores.Search.CatchUpAsync(stores.ItemErrors, null, Ct));

        var results = (await new Searcher(stores).SearchAsync(new SearchRequest("Astana"), Ct)).Results!;
        Assert.Equal(1, results.Total);
        Assert.Single(results.Items);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Copies_of_one_text_are_shown_once_and_counted(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        await AddAsync(stores, "Astanada Ali Dövlətlərarası Şuranın iclası keçirildi", "a");
        await AddAsync(stores, "Astanada Ali Dövlətlərarası Şuranın iclası keçirildi", "b");
        await AddAsync(stores, "Astanada başqa bir görüş oldu", "c");

        var results = (await new Searcher(stores).SearchAsync(new SearchRequest("Astana"), Ct)).Results!;

        Assert.Equal(2, results.Total);
        Assert.Equal(2, results.Items.Count);
        Assert.Equal([0, 1], results.Items.Select(i => i.Copies).Order());
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_search_past_its_time_budget_is_stopped_and_reported_too_large(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        for (int i = 0; i < 200; i++) await AddAsync(stores, $"Qazaxıstan və Azərbaycan {i} əməkdaşlıq", "x" + i);

        var answer = await new Searcher(stores) { Budget = TimeSpan.Zero }.SearchAsync(new SearchRequest("qazaxistan azerbaycan"), Ct);

        Assert.Equal(QueryProblemKind.TooLarge, answer.Problem?.Kind);
        // The connection goes back to the pool without the budget: the next search runs.
        Assert.Equal(200, (await new Searcher(stores).SearchAsync(new SearchRequest("qazaxistan azerbaycan"), Ct)).Results!.Total);
    }

    /// <summary>
    /// The budget on PostgreSQL is the server's <c>statement_timeout</c>: a statement still running when it is spent is
    /// cancelled by the server (here it waits behind another session's lock, which makes the overrun certain), and the
    /// search reports itself too large instead of failing, and the pooled connection keeps no timeout afterwards.
    /// </summary>
    [Fact]
    public async Task A_PostgreSQL_statement_cancelled_by_the_server_at_the_budget_is_reported_too_large()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        for (int i = 0; i < 20; i++) await AddAsync(stores, $"Qazaxıstan və Azərbaycan {i} əməkdaşlıq", "x" + i);

        var started = System.Diagnostics.Stopwatch.StartNew();
        SearchAnswer answer;
        await using (var locker = await stores.Database.ConnectAsync(Ct))
        await using (var tx = await locker.BeginTransactionAsync(Ct))
        {
            await Sql.ExecAsync(locker, tx, "LOCK TABLE article_search IN ACCESS EXCLUSIVE MODE", Ct);
            answer = await new Searcher(stores) { Budget = TimeSpan.FromMilliseconds(300) }.SearchAsync(new SearchRequest("qazaxistan azerbaycan"), Ct);
        }

        Assert.Equal(QueryProblemKind.TooLarge, answer.Problem?.Kind);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"the search waited {started.Elapsed} for a 300 ms budget");
        Assert.Equal(20, (await new Searcher(stores).SearchAsync(new SearchRequest("qazaxistan azerbaycan"), Ct)).Results!.Total);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_word_in_more_articles_than_are_ranked_gives_the_newest_ranked_and_an_estimated_total(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        int count = (engine == DatabaseEngine.Sqlite ? SqliteFts5SearchEngine.Candidates : PostgreSqlSearchEngine.Candidates) + 100;
        for (int i = 0; i < count; i++)
            await AddAsync(stores, $"Naxçıvanda yeni {i} məktəb açıldı" + (i == 5 ? " Naxçıvan Naxçıvan Naxçıvan" : ""), "n" + i);

        var broad = (await new Searcher(stores).SearchAsync(new SearchRequest("naxcivan", 10), Ct)).Results!;
        var narrow = (await new Searcher(stores).SearchAsync(new SearchRequest("naxcivan 5", 10), Ct)).Results!;
        var deep = (await new Searcher(stores).SearchAsync(new SearchRequest("naxcivan", 10, Offset: count - 10), Ct)).Results!;

        // Every match counted, said to be an estimate; the page comes from the newest matches.
        Assert.True(broad.TotalEstimated);
        Assert.Equal(count, broad.Total);
        Assert.Equal(10, broad.Items.Count);
        Assert.All(broad.Items, i => Assert.True(i.Id > 100));
        Assert.DoesNotContain(broad.Items, i => i.Id == 6);
        // A narrower query has all its matches ranked: the old article with the word four times comes first.
        Assert.False(narrow.TotalEstimated);
        Assert.Equal(1, narrow.Total);
        Assert.Equal(6, narrow.Items[0].Id);
        // A deep page widens the window to reach it.
        Assert.Equal(10, deep.Items.Count);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_phrase_is_found_inside_one_field_never_across_the_title_and_the_text(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        byte[] raw = Encoding.UTF8.GetBytes("across");
        await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), "across", null, "text", "utf-8", raw, DateTimeOffset.UtcNow),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = "across", Title = "Bakıda Orta", Archived = DateTimeOffset.UtcNow, Language = "az",
                Blocks = [new ArticleBlock(BlockKind.Paragraph, "Dəhliz haqqında danışıldı")],
            }, Ct);
        long inside = (await AddAsync(stores, "Orta Dəhliz layihəsi müzakirə olundu", "inside")).ArticleId;

        var found = (await new Searcher(stores).SearchAsync(new SearchRequest("\"orta dəhliz\""), Ct)).Results!;

        Assert.Equal([inside], found.Items.Select(i => i.Id));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_very_long_article_is_indexed_and_found_by_a_word_near_its_end(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        // Past PostgreSQL's last word position (16,383) and its 256 positions of one word.
        string text = string.Join(' ', Enumerable.Repeat("Naxçıvan", 20_000)) + " "
            + string.Join(' ', Enumerable.Range(0, 17_000).Select(i => "söz" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + " Füzuli";
        long id = (await AddAsync(stores, text, "long")).ArticleId;

        var searcher = new Searcher(stores);
        Assert.Equal([id], (await searcher.SearchAsync(new SearchRequest("Füzuli"), Ct)).Results!.Items.Select(i => i.Id));
        Assert.Equal([id], (await searcher.SearchAsync(new SearchRequest("naxcivan söz16999"), Ct)).Results!.Items.Select(i => i.Id));
    }

    private static Task<StoreResult> AddAsync(Stores stores, string text, string tag = "a")
    {
        byte[] raw = Encoding.UTF8.GetBytes(text + tag);
        return stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), tag, null, "text", "utf-8", raw, DateTimeOffset.UtcNow),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = tag, Title = "Xəbər", Archived = DateTimeOffset.UtcNow, Language = "az",
                Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
            }, Ct);
    }

    /// <summary>Progress reported on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
