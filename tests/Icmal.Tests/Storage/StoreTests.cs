using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>Articles and documents on both engines: stored once, verbatim, in the order a reader expects.</summary>
public sealed class StoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Opening_a_database_twice_migrates_once_and_keeps_its_data(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var first = await db.OpenAsync();
        await first.Settings.SetAsync("probe", "1", Ct);
        var second = await db.OpenAsync();
        Assert.Equal("1", await second.Settings.GetAsync("probe", Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task The_same_document_stored_twice_is_kept_once(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        byte[] raw = "<p>salam</p>"u8.ToArray();
        var doc = new NewDocument(Hashing.Sha256Hex(raw), "a.html", null, "html", "utf-8", raw, DateTimeOffset.UtcNow);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "a.html", Title = "Salam", Archived = DateTimeOffset.UtcNow,
            Blocks = [new ArticleBlock(BlockKind.Paragraph, "salam")],
        };

        var one = await store.Articles.AddAsync(doc, article, Ct);
        var two = await store.Articles.AddAsync(doc, article, Ct);

        Assert.Equal(StoreStatus.Stored, one.Status);
        Assert.Equal(StoreStatus.AlreadyPresent, two.Status);
        Assert.Equal(one.ArticleId, two.ArticleId);
        Assert.Equal(1, await store.Articles.CountAsync(Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Text_with_quotes_and_sql_is_stored_verbatim(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        string hostile = "Robert'); DROP TABLE articles;-- “İLHAM” ‑ ı İ";
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(hostile);
        var stored = await store.Articles.AddAsync(
            new NewDocument(Hashing.Sha256Hex(raw), "x.txt", null, "text", "utf-8", raw, DateTimeOffset.UtcNow),
            new Article { Id = 0, DocumentId = 0, Origin = "x.txt", Title = hostile, Archived = DateTimeOffset.UtcNow, Blocks = [new ArticleBlock(BlockKind.Quote, hostile)] },
            Ct);
        var back = await store.Articles.GetAsync(stored.ArticleId, Ct);
        Assert.Equal(hostile, back!.Title);
        Assert.Equal(BlockKind.Quote, back.Blocks.Single().Kind);
        Assert.Equal(hostile, back.Text);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_publication_date_after_archiving_does_not_put_an_article_first(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var now = new DateTimeOffset(2025, 10, 27, 12, 0, 0, TimeSpan.FromHours(4));
        async Task<long> AddAsync(string title, DateTimeOffset archived, DateTimeOffset published)
        {
            byte[] raw = System.Text.Encoding.UTF8.GetBytes(title);
            var article = new Article
            {
                Id = 0, DocumentId = 0, Origin = title, Title = title, Archived = archived, Published = published,
                Blocks = [new ArticleBlock(BlockKind.Paragraph, title)],
            };
            return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), title, null, "text", "utf-8", raw, archived), article, Ct)).ArticleId;
        }
        long recent = await AddAsync("recent", now, now.AddDays(-2));
        long future = await AddAsync("says it is from next month", now.AddDays(-5), now.AddDays(30));

        var list = await store.Articles.ListAsync(new ArticleQuery(), Ct);

        Assert.Equal([recent, future], list.Select(a => a.Id));
        Assert.Null(list[1].PlausiblePublished);
        Assert.Equal(now.AddDays(30), list[1].Published);
    }

    [Fact]
    public async Task Where_the_date_was_read_and_the_section_are_stored_and_an_older_database_gains_the_columns()
    {
        using var folder = new TempFolder();
        // A database made by the release before the column: schema steps 1 and 2 only.
        var setting = DatabaseSetting.InDataFolder(folder.Path);
        await Database.OpenAsync(setting, schemaVersion: 2, Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var store = await Stores.OpenAsync(setting, Ct);
        byte[] raw = "<p>tarix</p>"u8.ToArray();
        var published = new DateTimeOffset(2025, 10, 27, 14, 37, 0, TimeSpan.FromHours(4));
        var stored = await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), "t.html", null, "html", "utf-8", raw, DateTimeOffset.UtcNow),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = "t.html", Title = "Tarix", Archived = DateTimeOffset.UtcNow, Published = published,
                PublishedFrom = new DateEvidence(DateEvidenceKind.Headline), Section = "Analitik", Blocks = [new ArticleBlock(BlockKind.Paragraph, "tarix")],
            }, Ct);
        var back = await store.Articles.GetAsync(stored.ArticleId, Ct);
        Assert.Equal(published, back!.Published);
        Assert.Equal(new DateEvidence(DateEvidenceKind.Headline), back.PublishedFrom);
        Assert.Equal("Analitik", back.Section);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
