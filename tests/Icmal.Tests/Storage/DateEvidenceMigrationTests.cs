using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>The date evidence is stored as a code; a database from before keeps its evidence, turned into codes.</summary>
public sealed class DateEvidenceMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every wording an earlier version wrote to articles.published_from, and the evidence it means now.</summary>
    private static readonly (string Old, DateEvidence? Now)[] Wordings =
    [
        ("json-ld NewsArticle", new(DateEvidenceKind.JsonLd, "NewsArticle")),
        ("json-ld Article dateCreated", new(DateEvidenceKind.JsonLd, "Article.dateCreated")),
        ("meta article:published_time", new(DateEvidenceKind.Meta, "article:published_time")),
        ("meta dc.date", new(DateEvidenceKind.Meta, "dc.date")),
        ("script data published_at", new(DateEvidenceKind.ScriptData, "published_at")),
        ("marked time", new(DateEvidenceKind.Marked, "time")),
        ("marked span", new(DateEvidenceKind.Marked, "span")),
        ("shown at the headline", new(DateEvidenceKind.Headline)),
        ("time element at the headline", new(DateEvidenceKind.Headline, "time")),
        ("revision shown at the headline", new(DateEvidenceKind.Revision, "headline")),
        ("revision time", new(DateEvidenceKind.Revision, "metadata")),
        ("relative date shown at the headline", new(DateEvidenceKind.Relative, "headline")),
        ("relative date line before the text", new(DateEvidenceKind.Relative, "before-text")),
        ("address", new(DateEvidenceKind.Address)),
        ("canonical address", new(DateEvidenceKind.CanonicalAddress)),
        ("date element at the article", new(DateEvidenceKind.DateElement, "article")),
        ("time element at the article", new(DateEvidenceKind.DateElement, "time")),
        ("date element", new(DateEvidenceKind.DateElement)),
        ("date line in the article", new(DateEvidenceKind.DateLine, "article")),
        ("date in the article's text", new(DateEvidenceKind.DateLine, "prose")),
        ("date line before the text", new(DateEvidenceKind.DateLine, "before-text")),
        ("archive line in the text", new(DateEvidenceKind.DateLine, "archive")),
        ("date line on the page", new(DateEvidenceKind.PageLine)),
        ("date in the page's markup", new(DateEvidenceKind.MarkupFrequency)),
        ("the item's date field", new(DateEvidenceKind.ItemField)),
        ("a wording no version wrote", null),
    ];

    [Fact]
    public async Task Evidence_written_as_words_by_an_earlier_version_becomes_its_code()
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(folder.Path), Ct);
        var ids = new List<long>();
        for (int i = 0; i < Wordings.Length; i++)
        {
            byte[] raw = System.Text.Encoding.UTF8.GetBytes($"<p>tarix {i}</p>");
            var stored = await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), $"t{i}.html", null, "html", "utf-8", raw, DateTimeOffset.UtcNow),
                new Article
                {
                    Id = 0, DocumentId = 0, Origin = $"t{i}.html", Title = "Tarix", Archived = DateTimeOffset.UtcNow, Published = DateTimeOffset.UtcNow,
                    PublishedFrom = new DateEvidence(DateEvidenceKind.Address), Blocks = [new ArticleBlock(BlockKind.Paragraph, "tarix")],
                }, Ct);
            ids.Add(stored.ArticleId);
        }
        // Take the database back to before the step: the words an earlier version wrote, and the step not yet run.
        string db = Directory.GetFiles(folder.Path, "*.db").Single();
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}"))
        {
            await conn.OpenAsync(Ct);
            for (int i = 0; i < Wordings.Length; i++)
            {
                await using var update = conn.CreateCommand();
                update.CommandText = "UPDATE articles SET published_from = @old WHERE id = @id";
                update.Parameters.AddWithValue("@old", Wordings[i].Old);
                update.Parameters.AddWithValue("@id", ids[i]);
                await update.ExecuteNonQueryAsync(Ct);
            }
            await using var forget = conn.CreateCommand();
            // Step 7 and the steps after it (step 8 made the search index, step 9 the copies' links, step 10 the sketches,
            // step 12 the source leases, step 13 the entities, step 14 the categories, step 15 the view counts, step 16 the story order, step 17 the entities' words) not yet run.
            forget.CommandText = "DROP INDEX articles_story_seq; ALTER TABLE articles DROP COLUMN story_seq; DROP TABLE article_views; DROP INDEX articles_site_sort; DELETE FROM schema_migrations WHERE version >= 7; DROP TABLE article_search; DROP INDEX articles_search_cover; DELETE FROM settings WHERE key LIKE 'search%'; DROP TABLE article_copies; DROP TABLE article_sketch_keys; DROP TABLE article_sketches; ALTER TABLE sources DROP COLUMN lease_owner; ALTER TABLE sources DROP COLUMN lease_until; DROP TABLE article_facts; DROP TABLE article_figures; DROP TABLE article_quotes; DROP TABLE article_entities; DROP TABLE entity_words; DROP TABLE entities; DROP TABLE article_categories";
            await forget.ExecuteNonQueryAsync(Ct);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(folder.Path), Ct);
        for (int i = 0; i < Wordings.Length; i++)
        {
            var back = await store.Articles.GetAsync(ids[i], Ct);
            Assert.True(Equals(Wordings[i].Now, back!.PublishedFrom), $"{Wordings[i].Old} → {back.PublishedFrom?.Code ?? "null"}, want {Wordings[i].Now?.Code ?? "null"}");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
