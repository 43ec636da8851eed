using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Entities;

namespace Icmal.Tests.Storage;

/// <summary>
/// The seeds imported through the real pipeline on both engines: each article's entities (linked across forms and
/// across articles), quotes with speakers and figures are stored; the sidebar chrome of seed 003 names no one; the
/// queries of the entity page (search, articles by month, companions, quotes by speaker) answer from the store.
/// </summary>
public sealed class EntityStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Seeds = ["000", "001", "002", "003", "004"];

    private static async Task<Dictionary<string, long>> ImportSeedsAsync(ImportHarness h)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string seed in Seeds)
        {
            var outcome = Assert.Single(await h.ImportAsync(TestPaths.Sample(seed)));
            Assert.True(outcome.ArticleId is not null, outcome.Reason ?? outcome.Note);
            Assert.Null(outcome.Note);
            ids[seed] = outcome.ArticleId.Value;
        }
        return ids;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task The_seeds_entities_are_stored_linked_across_forms_and_articles_and_the_chrome_names_no_one(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        var ids = await ImportSeedsAsync(h);

        foreach (string seed in Seeds)
        {
            var entities = await h.Store.Entities.ForArticleAsync(ids[seed], Ct);
            Assert.Contains(entities, e => e.Entity.Name == "İlham Əliyev" && e.Entity.Kind == EntityKind.Person);
            Assert.Contains(entities, e => e.Entity.Name == "Qazaxıstan" && e.Entity.Kind == EntityKind.Location);
            string[] forbidden = ["Çimayev", "Pereyra", "Ronaldu", "Xamaneyi"];
            Assert.DoesNotContain(entities, e => forbidden.Any(f => e.Entity.Name.Contains(f, StringComparison.Ordinal) || e.Forms.Any(x => x.Contains(f, StringComparison.Ordinal))));
            // A name has a capital ("dünyada", in the world, was a place); no person is named by places joined with hyphens.
            Assert.All(entities, e => Assert.Contains(e.Entity.Name, c => char.IsUpper(c) || char.IsDigit(c)));
            Assert.DoesNotContain(entities, e => e.Entity.Kind == EntityKind.Person && e.Entity.Name.Contains("Asiya", StringComparison.Ordinal));
        }
        // "Kasım-Jomart Kemeleviçin", the formal address, is Tokayev.
        Assert.Contains("Kasım-Jomart Kemeleviçin", Assert.Single(await h.Store.Entities.ForArticleAsync(ids["002"], Ct), e => e.Entity.Name == "Kasım-Jomart Tokayev").Forms);
        var print = await h.Store.Entities.ForArticleAsync(ids["000"], Ct);
        var tokayev = Assert.Single(print, e => e.Entity.Name == "Kasım-Jomart Tokayev");
        Assert.Contains("Tokayevin", tokayev.Forms);
        Assert.True(tokayev.Mentions >= 2);
        Assert.Contains(print, e => e.Entity.Name == "Türk Dövlətləri Təşkilatı" && e.Entity.Kind == EntityKind.Organization);
        Assert.Contains(print, e => e.Entity.Name == "Astana");

        // One entity row for Tokayev however many articles name him.
        var found = await h.Store.Entities.SearchAsync("TOKAYEV", EntityKind.Person, null, 10, Ct);
        var row = Assert.Single(found, f => f.Entity.Name == "Kasım-Jomart Tokayev");
        Assert.True(row.Articles >= 3);
        Assert.Equal(row.Entity, await h.Store.Entities.GetAsync(row.Entity.Id, Ct));
        Assert.Equal(row.Articles, (await h.Store.Entities.ArticleIdsAsync(row.Entity.Id, 100, Ct)).Count);
        Assert.Equal(row.Articles, (await h.Store.Entities.MonthsAsync(row.Entity.Id, Ct)).Sum(m => m.Articles));
        Assert.Contains(await h.Store.Entities.CompanionsAsync(row.Entity.Id, 20, Ct), c => c.Entity.Name == "İlham Əliyev");
        Assert.Empty(await h.Store.Entities.SearchAsync("tokayev", EntityKind.Location, null, 10, Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Counted_since_a_time_each_entity_has_the_articles_of_that_time_and_after_and_one_none_names_is_left_out(DatabaseEngine engine)
    {
        // 003 was published on 20 October 2025, 004 on the 27th; 000–002 carry no date and sort by their archive time (now).
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        var ids = await ImportSeedsAsync(h);
        var since = new DateTimeOffset(2025, 10, 24, 0, 0, 0, TimeSpan.Zero);

        var expected = new Dictionary<long, long>();
        foreach (string seed in new[] { "000", "001", "002", "004" })
            foreach (var e in await h.Store.Entities.ForArticleAsync(ids[seed], Ct))
                expected[e.Entity.Id] = expected.GetValueOrDefault(e.Entity.Id) + 1;
        var counted = await h.Store.Entities.SearchAsync(null, null, since, 1000, Ct);

        Assert.Equal(expected.OrderBy(p => p.Key), counted.Select(c => KeyValuePair.Create(c.Entity.Id, c.Articles)).OrderBy(p => p.Key));
        Assert.Equal(counted.Select(c => c.Articles).OrderDescending(), counted.Select(c => c.Articles));
        Assert.Contains(await h.Store.Entities.SearchAsync("Həsənova", null, null, 10, Ct), c => c.Entity.Name == "Şəbnəm Həsənova");
        Assert.DoesNotContain(await h.Store.Entities.SearchAsync("Həsənova", null, since, 10, Ct), c => c.Entity.Name == "Şəbnəm Həsənova");
        Assert.All(await h.Store.Entities.SearchAsync(null, EntityKind.Person, since, 1000, Ct), c => Assert.Equal(EntityKind.Person, c.Entity.Kind));
        Assert.Empty(await h.Store.Entities.SearchAsync(null, null, DateTimeOffset.UtcNow.AddDays(1), 10, Ct));
        // The names in the news in one reading: each kind's first three as its own search ranks them.
        var most = await h.Store.Entities.MostNamedAsync(since, 3, Ct);
        foreach (var kind in new[] { EntityKind.Person, EntityKind.Organization, EntityKind.Location })
            Assert.Equal((await h.Store.Entities.SearchAsync(null, kind, since, 3, Ct)).Select(c => (c.Entity.Id, c.Articles)),
                most.Where(c => c.Entity.Kind == kind).Select(c => (c.Entity.Id, c.Articles)));
        Assert.Equal(9, most.Count);

        // An entity no article names any more (as after a newer analysis) is listed nowhere.
        var hasanova = Assert.Single(await h.Store.Entities.SearchAsync("Həsənova", EntityKind.Person, null, 10, Ct), c => c.Entity.Name == "Şəbnəm Həsənova");
        await using (var conn = await h.Store.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "DELETE FROM article_quotes WHERE speaker_id = @e", Ct, ("@e", hasanova.Entity.Id));
            await Sql.ExecAsync(conn, null, "DELETE FROM article_entities WHERE entity_id = @e", Ct, ("@e", hasanova.Entity.Id));
        }
        Assert.DoesNotContain(await h.Store.Entities.SearchAsync("Həsənova", null, null, 10, Ct), c => c.Entity.Id == hasanova.Entity.Id);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Hasanovas_quote_is_stored_with_her_as_speaker_and_the_figures_with_their_amounts(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        var ids = await ImportSeedsAsync(h);

        var quotes = await h.Store.Quotes.ForArticleAsync(ids["003"], Ct);
        var quote = Assert.Single(quotes, q => q.Form == QuoteForm.Direct && q.Text.StartsWith("Hər şeydən öncə", StringComparison.Ordinal));
        Assert.NotNull(quote.Speaker);
        Assert.EndsWith("Həsənova", quote.Speaker!.Name, StringComparison.Ordinal);
        Assert.Contains(await h.Store.Quotes.BySpeakerAsync(quote.Speaker.Id, 10, Ct), q => q.Position == quote.Position && q.ArticleId == ids["003"]);

        var figures = await h.Store.Figures.ForArticleAsync(ids["002"], Ct);
        var turnover = Assert.Single(figures, f => f.Amount == 598_470_000m);
        Assert.Equal(("USD", "ticarət dövriyyəsi", false), (turnover.Unit, turnover.Measure, turnover.Approximate));
        Assert.Contains(figures, f => f.Amount == 150m && f.Unit == "sənəd" && f.Approximate);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Articles_stored_without_facts_are_analysed_when_the_database_is_opened(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        long articleId;
        var stores = await db.OpenAsync();
        var pipeline = await Icmal.Ingest.IngestPipeline.OpenAsync(stores, Ct);
        string sample = TestPaths.Sample("003");
        var outcome = await pipeline.IngestAsync(new IncomingDocument(sample, DocumentFormat.TextDump, await File.ReadAllBytesAsync(sample, Ct), DateTimeOffset.UtcNow), Ct);
        articleId = outcome.ArticleId!.Value;
        // As if stored before the entity stage existed.
        await stores.Entities.ReplaceAsync(articleId, [], Ct);
        await stores.Quotes.ReplaceAsync(articleId, [], new Dictionary<string, long>(), Ct);
        await stores.Entities.ForgetAnalysisAsync(articleId, Ct);
        Assert.Equal(1, await stores.Entities.CountUnanalysedAsync(ArticleFacts.Version, Ct));
        Assert.Empty(await stores.Entities.ForArticleAsync(articleId, Ct));

        var reopened = await db.OpenAsync();
        Assert.Equal(0, await reopened.Entities.CountUnanalysedAsync(ArticleFacts.Version, Ct));
        Assert.Contains(await reopened.Entities.ForArticleAsync(articleId, Ct), e => e.Entity.Name == "Kasım-Jomart Tokayev");
        Assert.Contains(await reopened.Quotes.ForArticleAsync(articleId, Ct), q => q.Speaker?.Name.EndsWith("Həsənova", StringComparison.Ordinal) == true);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Opening_counts_the_articles_waiting_for_this_version_up_to_the_cap(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        var ids = await ImportSeedsAsync(h);
        var entities = h.Store.Entities;
        Assert.Equal(0, await entities.CountUnanalysedUpToAsync(ArticleFacts.Version, 100, Ct));
        // Analysed by an older version counts as waiting for a newer one; the count stops at the cap.
        Assert.Equal(Seeds.Length, await entities.CountUnanalysedUpToAsync(ArticleFacts.Version + 1, 100, Ct));
        Assert.Equal(2, await entities.CountUnanalysedUpToAsync(ArticleFacts.Version + 1, 2, Ct));
        // Not analysed at all counts too.
        await entities.ForgetAnalysisAsync(ids["001"], Ct);
        await entities.ForgetAnalysisAsync(ids["003"], Ct);
        Assert.Equal(2, await entities.CountUnanalysedUpToAsync(ArticleFacts.Version, 100, Ct));
        Assert.Equal(Seeds.Length, await entities.CountUnanalysedUpToAsync(ArticleFacts.Version + 1, 100, Ct));
        Assert.Equal(await entities.CountUnanalysedAsync(ArticleFacts.Version, Ct), await entities.CountUnanalysedUpToAsync(ArticleFacts.Version, 100, Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Entities_stored_before_their_words_were_kept_are_found_by_name_after_the_upgrade(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var pipeline = await Icmal.Ingest.IngestPipeline.OpenAsync(stores, Ct);
        foreach (string seed in Seeds)
        {
            string sample = TestPaths.Sample(seed);
            var outcome = await pipeline.IngestAsync(new IncomingDocument(sample, DocumentFormat.TextDump, await File.ReadAllBytesAsync(sample, Ct), DateTimeOffset.UtcNow), Ct);
            Assert.NotNull(outcome.ArticleId);
        }
        // As before the step: no words table, the step not run.
        int step = stores.Database.Dialect.Migrations.Single(m => m.Statements[0].Contains("CREATE TABLE entity_words", StringComparison.Ordinal)).Version;
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            var written = await WordRowsAsync(conn);
            await Sql.ExecAsync(conn, null, "DROP TABLE entity_words", Ct);
            await Sql.ExecAsync(conn, null, "DELETE FROM schema_migrations WHERE version = @v", Ct, ("@v", step));
            // What the writers wrote is each new entity's words, once each.
            Assert.Equal(await ExpectedWordRowsAsync(conn), written);
        }

        var reopened = await db.OpenAsync();
        await using (var conn = await reopened.Database.ConnectAsync(Ct))
            Assert.Equal(await ExpectedWordRowsAsync(conn), await WordRowsAsync(conn));
        var entities = reopened.Entities;
        foreach (string name in (string[])["tokay", "Tokayevin", "TOKAYEV", "Токаев", "kasım jomart", "Kasım-Jomart Tokayev"])
            Assert.Contains(await entities.SearchAsync(name, null, null, 10, Ct), f => f.Entity.Name == "Kasım-Jomart Tokayev");
        // A word must start with the query, and no longer word than the name's matches it.
        foreach (string name in (string[])["kayev", "mart", "tokayevski", "jomarto"])
            Assert.DoesNotContain(await entities.SearchAsync(name, null, null, 10, Ct), f => f.Entity.Name == "Kasım-Jomart Tokayev");
        Assert.Contains(await entities.SearchAsync("əliy", EntityKind.Person, null, 10, Ct), f => f.Entity.Name == "İlham Əliyev");
        Assert.Equal("Kasım-Jomart Tokayev", (await entities.ResolveAsync("Tokayevin", Ct))?.Name);
    }

    private static async Task<List<string>> WordRowsAsync(System.Data.Common.DbConnection conn) =>
        [.. (await Sql.ListAsync(conn, null, "SELECT word, entity_id FROM entity_words", r => $"{r.GetString(0)} {r.GetInt64(1)}", Ct)).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> ExpectedWordRowsAsync(System.Data.Common.DbConnection conn) =>
        [.. (await Sql.ListAsync(conn, null, "SELECT entity_key, id FROM entities", r => (Key: r.GetString(0), Id: r.GetInt64(1)), Ct))
            .SelectMany(e => EntityStore.WordsOf(e.Key).Select(w => $"{w} {e.Id}")).Order(StringComparer.Ordinal)];
}
