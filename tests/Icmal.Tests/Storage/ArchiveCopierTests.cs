using System.Text.Json;
using Icmal.Hosting;
using Icmal.Import;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Icmal.Tests.Storage;

/// <summary>
/// Moving an archive from its SQLite file to PostgreSQL (`icmal migrate`): a real archive (the sample pages and a
/// generated list, imported through the pipeline, with sources, endpoints, seen addresses and item errors) reads the
/// same on the target, feature by feature; an interrupted copy continues without copying a row twice; a target that
/// holds anything else is refused before a row is written.
/// </summary>
public sealed class ArchiveCopierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_feature_reads_the_same_after_moving_to_postgresql()
    {
        using var folder = new TempFolder();
        var from = await BuildArchiveAsync(folder.Path);
        await using var target = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);

        var report = await (await ArchiveCopier.OpenAsync(from, target.Setting, Ct)).CopyAsync(null, Ct);

        Assert.True(report.Verified, string.Join("; ", report.Checks.Where(c => !c.Matches)));
        Assert.False(report.Resumed);
        var source = await Stores.OpenAsync(from, Ct);
        var moved = await Stores.OpenAsync(target.Setting, Ct);
        long count = await source.Articles.CountAsync(Ct);
        Assert.Equal(count, await moved.Articles.CountAsync(Ct));
        Assert.Equal(count, report.Indexed);
        var ids = (await source.Articles.ListAsync(new ArticleQuery(Limit: 1000), Ct)).Select(a => a.Id).ToList();
        Assert.Equal(ids, (await moved.Articles.ListAsync(new ArticleQuery(Limit: 1000), Ct)).Select(a => a.Id));
        Assert.Equal(Json(await source.Articles.GetManyAsync(ids, Ct)), Json(await moved.Articles.GetManyAsync(ids, Ct)));
        Assert.Equal(Json(await source.Copies.LinksOfManyAsync(ids, Ct)), Json(await moved.Copies.LinksOfManyAsync(ids, Ct)));
        Assert.True(await moved.Copies.CountAsync(Ct) > 0, "the sample has republications");
        var stories = (await source.Articles.GetManyAsync(ids, Ct)).Values.Select(a => a.StoryId).OfType<long>().Distinct().ToList();
        Assert.NotEmpty(stories);
        foreach (long story in stories)
        {
            Assert.Equal(Json(await source.Stories.GetAsync(story, Ct)), Json(await moved.Stories.GetAsync(story, Ct)));
            Assert.Equal(Json(await source.Articles.ListByStoryAsync(story, Ct)), Json(await moved.Articles.ListByStoryAsync(story, Ct)));
        }
        Assert.Equal(Json(await source.Sources.ListAsync(Ct)), Json(await moved.Sources.ListAsync(Ct)));
        Assert.Equal(Json(await source.Sources.ListAllEndpointsAsync(Ct)), Json(await moved.Sources.ListAllEndpointsAsync(Ct)));
        Assert.Equal(Json(await source.ItemErrors.ListAsync(null, 100, Ct)), Json(await moved.ItemErrors.ListAsync(null, 100, Ct)));
        Assert.Equal(await source.SeenUrls.FindArticleIdAsync("https://example.az/seen", Ct), await moved.SeenUrls.FindArticleIdAsync("https://example.az/seen", Ct));
        foreach (string query in (string[])["Astana", "Qazaxıstan", "\"yeni layihə\"", "metro -Astana", "Xəbər"])
        {
            var before = await new Searcher(source).SearchAsync(new SearchRequest(query, 100), Ct);
            var after = await new Searcher(moved).SearchAsync(new SearchRequest(query, 100), Ct);
            Assert.NotEmpty(before.Results!.Items);
            Assert.Equal(before.Results.Items.Select(h => h.Id).Order(), after.Results!.Items.Select(h => h.Id).Order());
        }
        // New rows on the target continue after the copied ids.
        await moved.Settings.SetAsync("after", "move", Ct);
        var added = await moved.Sources.AddAsync(new SourceDefinition("Yeni", "https://yeni.example.az/", "az", []), enabled: false, allowPrivate: false, Ct);
        Assert.True(added.Id > (await source.Sources.ListAsync(Ct)).Max(s => s.Id));
    }

    [Fact]
    public async Task An_interrupted_copy_continues_where_it_stopped_and_copies_no_row_twice()
    {
        using var folder = new TempFolder();
        var from = await BuildArchiveAsync(folder.Path);
        await using var target = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var first = await ArchiveCopier.OpenAsync(from, target.Setting, Ct);
        first.BatchRows = 7;
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        int articleBatches = 0;
        var progress = new Reported(p =>
        {
            if (p.Stage == "articles" && p.Done > 0 && ++articleBatches == 3) kill.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.CopyAsync(progress, kill.Token));

        var partial = await Stores.OpenAsync(target.Setting, Ct);
        long total = await (await Stores.OpenAsync(from, Ct)).Articles.CountAsync(Ct);
        long copiedBefore = await partial.Articles.CountAsync(Ct);
        Assert.Equal(21, copiedBefore);
        Assert.True(copiedBefore < total);
        var second = await ArchiveCopier.OpenAsync(from, target.Setting, Ct);
        second.BatchRows = 7;
        var report = await second.CopyAsync(null, Ct);
        Assert.True(report.Resumed);
        Assert.True(report.Verified, string.Join("; ", report.Checks.Where(c => !c.Matches)));
        Assert.Equal(total, await partial.Articles.CountAsync(Ct));
        var articles = report.Checks.Single(c => c.Table == "articles");
        Assert.Equal(total, articles.TargetRows);
        // A third run finds everything there.
        var third = await (await ArchiveCopier.OpenAsync(from, target.Setting, Ct)).CopyAsync(null, Ct);
        Assert.Equal(0, third.RowsCopied);
        Assert.True(third.Verified);
    }

    [Fact]
    public async Task A_target_holding_its_own_archive_is_refused_before_a_row_is_written()
    {
        using var folder = new TempFolder();
        var from = await BuildArchiveAsync(folder.Path);
        await using var target = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var other = await target.OpenAsync();
        await IcmalApplication.AddDefaultSourcesAsync(other, Ct);

        var error = await Assert.ThrowsAsync<ArchiveCopyException>(async () => await (await ArchiveCopier.OpenAsync(from, target.Setting, Ct)).CopyAsync(null, Ct));

        Assert.Contains("already holds data (table sources is not empty)", error.Message, StringComparison.Ordinal);
        Assert.Null(await other.Settings.GetAsync(ArchiveCopier.StageSetting, Ct));
        Assert.Equal(0, await other.Articles.CountAsync(Ct));
    }

    [Fact]
    public async Task A_target_holding_a_copy_of_another_archive_is_refused()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        var first = await BuildArchiveAsync(one.Path);
        var second = await BuildArchiveAsync(two.Path);
        await using var target = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        Assert.True((await (await ArchiveCopier.OpenAsync(first, target.Setting, Ct)).CopyAsync(null, Ct)).Verified);

        var error = await Assert.ThrowsAsync<ArchiveCopyException>(async () => await (await ArchiveCopier.OpenAsync(second, target.Setting, Ct)).CopyAsync(null, Ct));

        Assert.Contains("holds a copy of another archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_that_is_not_an_icmal_archive_is_named_and_left_as_it_was()
    {
        using var folder = new TempFolder();
        var to = DatabaseSetting.Parse("postgresql:Host=127.0.0.1;Database=unused");
        string missing = Path.Combine(folder.Path, "missing.db");
        string text = Path.Combine(folder.Path, "notes.db");
        await File.WriteAllTextAsync(text, "not a database, only notes", Ct);
        string foreign = Path.Combine(folder.Path, "foreign.db");
        await using (var conn = new SqliteConnection($"Data Source={foreign};Pooling=false"))
        {
            await conn.OpenAsync(Ct);
            await using var cmd = new SqliteCommand("CREATE TABLE notes (body TEXT)", conn);
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        long foreignSize = new FileInfo(foreign).Length;

        Assert.Contains("no such archive", (await Refused(missing)).Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", (await Refused(text)).Message, StringComparison.Ordinal);
        Assert.Contains("not an İcmal archive", (await Refused(foreign)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        Assert.Equal(foreignSize, new FileInfo(foreign).Length);
        var toSqlite = await Assert.ThrowsAsync<ArchiveCopyException>(() => ArchiveCopier.OpenAsync(DatabaseSetting.Parse("sqlite:" + foreign), DatabaseSetting.Parse("sqlite:" + missing), Ct));
        Assert.Contains("not a PostgreSQL database", toSqlite.Message, StringComparison.Ordinal);

        Task<ArchiveCopyException> Refused(string path) =>
            Assert.ThrowsAsync<ArchiveCopyException>(() => ArchiveCopier.OpenAsync(DatabaseSetting.Parse("sqlite:" + path), to, Ct));
    }

    /// <summary>
    /// A SQLite archive as a newsroom has one: the built-in sources and the sample pages (copies, a story) by the
    /// first start, a generated list of 40 articles, an endpoint, a seen address and an item error.
    /// </summary>
    private static async Task<DatabaseSetting> BuildArchiveAsync(string folder)
    {
        using (var app = await IcmalApplication.OpenAsync(new IcmalOptions { Data = folder }, null, Ct))
        {
            Assert.NotNull(await app.PrepareFirstStartAsync(TestPaths.Samples, Ct));
            string list = Path.Combine(folder, "list.json");
            await ArticleListFile.WriteAsync(list, 40, 1500, Ct);
            await foreach (var e in app.CreateImporter(new ImportOptions()).ImportAsync([list], Ct)) Assert.Equal(IngestStatus.Stored, e.Outcome.Status);
            // A republication: the same text on a second site, linked to its original as a copy.
            string copy = Path.Combine(folder, "copy.json");
            await File.WriteAllTextAsync(copy, "[" + ArticleListFile.Article(7, 1500).Replace("https://example.az/news/7", "https://copy.example.az/7", StringComparison.Ordinal)
                .Replace("\"example.az\"", "\"copy.example.az\"", StringComparison.Ordinal) + "]", Ct);
            await foreach (var e in app.CreateImporter(new ImportOptions()).ImportAsync([copy], Ct)) Assert.Equal(IngestStatus.Stored, e.Outcome.Status);
            var sources = await app.Store.Sources.ListAsync(Ct);
            await app.Store.Sources.AddEndpointAsync(sources[0].Id, EndpointKind.Feed, "https://example.az/rss", Ct);
            long article = (await app.Store.Articles.ListAsync(new ArticleQuery(Limit: 1), Ct))[0].Id;
            await app.Store.SeenUrls.MarkAsync("https://example.az/seen", sources[0].Id, SeenState.Stored, article, null, DateTimeOffset.UtcNow, Ct);
            await app.Store.ItemErrors.RecordAsync(new ItemError(sources[1].Id, "https://example.az/broken", IngestStage.Extract, "no text", DateTimeOffset.UtcNow), Ct);
        }
        SqliteConnection.ClearAllPools();
        return DatabaseSetting.InDataFolder(folder);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private sealed class Reported(Action<CopyProgress> report) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => report(value);
    }
}
