using System.Text;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Categories;
using Icmal.Text.Entities;
using SearchFilters = Icmal.Search.SearchFilters;

namespace Icmal.Tests.Search;

/// <summary>
/// category: and entity: in the query language on both engines: a section by slug, name or a source's word for it;
/// an entity by id or by any form of its name; each unknown one refused with one clear problem, never an exception;
/// and the entity lookup (/api/entities?q=) finding inflected and Cyrillic forms at a word's start.
/// </summary>
public sealed class CategoryEntityFilterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset At = new(2025, 5, 1, 12, 0, 0, TimeSpan.FromHours(4));

    private static readonly FactEntity Tokayev = new("PER:kasim jomart tokayev", "Kasım-Jomart Tokayev", EntityKind.Person, 2, 0, ["Tokayev", "Tokayevin"]);
    private static readonly FactEntity Aliyev = new("PER:ilham eliyev", "İlham Əliyev", EntityKind.Person, 1, 0, ["İlham Əliyev"]);
    private static readonly FactEntity Tdt = new("ORG:turk dovletleri teskilati", "Türk Dövlətləri Təşkilatı", EntityKind.Organization, 1, 0, ["TDT"]);

    private sealed record Archive(long Sport, long Politics, long Other, long None, long TokayevId, long AliyevId);

    private static async Task<Archive> FillAsync(Stores stores)
    {
        long sport = await AddAsync(stores, "sport", NewsCategory.Idman, [Tokayev]);
        long politics = await AddAsync(stores, "politics", NewsCategory.Siyaset, [Tokayev, Tdt]);
        long other = await AddAsync(stores, "other", NewsCategory.Siyaset, [Aliyev]);
        long none = await AddAsync(stores, "none", null, []);
        var ids = await stores.Entities.ReplaceAsync(politics, [Tokayev, Tdt], Ct);
        var aliyev = await stores.Entities.ReplaceAsync(other, [Aliyev], Ct);
        return new Archive(sport, politics, other, none, ids[Tokayev.Key], aliyev[Aliyev.Key]);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_category_filter_takes_the_slug_the_name_or_a_sources_word_for_the_section(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var a = await FillAsync(stores);

        Assert.Equal([a.Sport, a.Politics, a.Other, a.None], await FoundAsync(stores, "Qarabağ"));
        Assert.Equal([a.Politics, a.Other], await FoundAsync(stores, "Qarabağ category:siyaset"));
        Assert.Equal([a.Sport], await FoundAsync(stores, "Qarabağ Category:İdman"));
        Assert.Equal([a.Sport], await FoundAsync(stores, "Qarabağ category:Спорт"));
        Assert.Empty(await FoundAsync(stores, "Qarabağ category:texnologiya"));
        Assert.Empty(await FoundAsync(stores, "Qarabağ category:idman category:siyaset"));
        Assert.Equal([a.Sport], await FoundAsync(stores, "Qarabağ", new SearchFilters(Category: "idman")));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_entity_filter_takes_an_id_or_any_form_of_a_name(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var a = await FillAsync(stores);

        Assert.Equal([a.Sport, a.Politics], await FoundAsync(stores, $"Qarabağ entity:{a.TokayevId}"));
        Assert.Equal([a.Sport, a.Politics], await FoundAsync(stores, "Qarabağ entity:Tokayevin"));
        Assert.Equal([a.Sport, a.Politics], await FoundAsync(stores, "Qarabağ entity:\"Kasım-Jomart Tokayev\""));
        Assert.Equal([a.Sport, a.Politics], await FoundAsync(stores, "Qarabağ entity:Токаев"));
        Assert.Equal([a.Other], await FoundAsync(stores, "Qarabağ entity:\"Prezident İlham Əliyevin\""));
        Assert.Equal([a.Politics], await FoundAsync(stores, "Qarabağ entity:Tokayev category:siyaset"));
        Assert.Equal([a.Politics], await FoundAsync(stores, "Qarabağ entity:Tokayev entity:\"Türk Dövlətləri Təşkilatına\""));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_unknown_section_or_entity_is_one_clear_problem(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        await FillAsync(stores);
        var searcher = new Searcher(stores);

        var section = (await searcher.SearchAsync(new SearchRequest("Qarabağ category:politika2"), Ct)).Problem!;
        Assert.Equal((QueryProblemKind.UnknownFilterValue, 17), (section.Kind, section.Position));
        Assert.Contains("siyaset, iqtisadiyyat", section.Message, StringComparison.Ordinal);
        var id = (await searcher.SearchAsync(new SearchRequest("Qarabağ entity:999999"), Ct)).Problem!;
        Assert.Equal(QueryProblemKind.UnknownFilterValue, id.Kind);
        Assert.Equal("entity:999999 is no entity of the archive", id.Message);
        var name = (await searcher.SearchAsync(new SearchRequest("Qarabağ entity:\"Heç Kim\""), Ct)).Problem!;
        Assert.Equal((QueryProblemKind.UnknownFilterValue, 15), (name.Kind, name.Position));
        Assert.Equal(QueryProblemKind.Malformed, (await searcher.SearchAsync(new SearchRequest("Qarabağ entity:0"), Ct)).Problem!.Kind);
        Assert.Equal(QueryProblemKind.Malformed, (await searcher.SearchAsync(new SearchRequest("Qarabağ -category:idman"), Ct)).Problem!.Kind);
        Assert.Equal(QueryProblemKind.UnknownFilterValue,
            (await searcher.SearchAsync(new SearchRequest("Qarabağ", Filters: new SearchFilters(Category: "nope")), Ct)).Problem!.Kind);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task The_entity_lookup_finds_inflected_and_cyrillic_forms_at_a_words_start(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var a = await FillAsync(stores);

        async Task<string[]> NamesAsync(string q, EntityKind? kind = null) =>
            [.. (await stores.Entities.SearchAsync(q, kind, null, 10, Ct)).Select(e => e.Entity.Name)];

        Assert.Equal(["Kasım-Jomart Tokayev"], await NamesAsync("Tokayevin"));
        Assert.Equal(["Kasım-Jomart Tokayev"], await NamesAsync("tokayevlə"));
        Assert.Equal(["Kasım-Jomart Tokayev"], await NamesAsync("Токаев"));
        Assert.Equal(["Kasım-Jomart Tokayev"], await NamesAsync("kasım"));
        Assert.Equal(["İlham Əliyev"], await NamesAsync("Əliyevin"));
        Assert.Equal(["Türk Dövlətləri Təşkilatı"], await NamesAsync("Türk Dövlətləri Təşkilatına"));
        Assert.Empty(await NamesAsync("yev"));
        Assert.Empty(await NamesAsync("Tokayevin", EntityKind.Organization));
        Assert.Equal(3, (await NamesAsync("")).Length);
        Assert.Equal(a.TokayevId, (await stores.Entities.ResolveAsync("Tokayevə", Ct))!.Id);
        Assert.Null(await stores.Entities.ResolveAsync("Heç Kim", Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_section_or_entity_with_dates_finds_the_articles_of_those_days_in_it(DatabaseEngine engine)
    {
        // 240 articles, eight a Baku day over January 2025, stored in date order but for every seventh of the newest
        // third, stored late with a date in the first week; "alma" in every second, "pambıq" in every tenth; every third
        // in the economy section, every fourth naming Tokayev.
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var start = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.FromHours(4));
        var days = new Dictionary<long, int>();
        var economy = new HashSet<long>();
        var tokayev = new HashSet<long>();
        var cotton = new HashSet<long>();
        long tokayevId = 0;
        for (int i = 1; i <= 240; i++)
        {
            var at = i > 160 && i % 7 == 0 ? start.AddDays(i % 7) : start.AddDays((i - 1) / 8).AddMinutes(i);
            string text = (i % 2 == 0 ? "Bazarda alma ucuzlaşıb " : "Yeni kənd salındı ") + (i % 10 == 0 ? "pambıq yığımı " : "")
                + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            byte[] raw = Encoding.UTF8.GetBytes(text);
            var stored = await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), "a" + text, null, "text", "utf-8", raw, at),
                new Article
                {
                    Id = 0, DocumentId = 0, Origin = "a" + text, Site = "apa.az", Title = "Xəbər", Archived = at, Language = "az",
                    Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
                }, Ct);
            long id = stored.ArticleId;
            if (i % 2 == 0) days[id] = at.ToOffset(TimeSpan.FromHours(4)).Day;
            if (i % 10 == 0) cotton.Add(id);
            if (i % 3 == 0)
            {
                await stores.Categories.SetAsync(id, new CategoryAssignment(NewsCategory.Iqtisadiyyat, CategoryOrigin.Classifier, 0.9), Ct);
                economy.Add(id);
            }
            if (i % 4 == 0)
            {
                tokayevId = (await stores.Entities.ReplaceAsync(id, [Tokayev], Ct))[Tokayev.Key];
                tokayev.Add(id);
            }
        }

        foreach (var (from, to) in new[] { (10, 20), (25, 31), (1, 5), (3, 4) })
        {
            string dates = (from > 1 ? $" since:2025-01-{from:00}" : "") + (to < 31 ? $" until:2025-01-{to:00}" : "");
            long[] InDays(HashSet<long> filter) => [.. days.Where(d => d.Value >= from && d.Value <= to && filter.Contains(d.Key)).Select(d => d.Key).Order()];
            var inSection = InDays(economy);
            var naming = InDays(tokayev);
            Assert.NotEmpty(inSection);
            Assert.NotEmpty(naming);
            Assert.Equal(inSection, await FoundAsync(stores, "alma category:iqtisadiyyat" + dates));
            Assert.Equal(naming, await FoundAsync(stores, $"alma entity:{tokayevId}" + dates));
            Assert.Equal(inSection.Intersect(naming).Order().ToArray(), await FoundAsync(stores, $"alma category:iqtisadiyyat entity:{tokayevId}" + dates));
            Assert.Equal(inSection.Intersect(cotton).Order().ToArray(), await FoundAsync(stores, "pambıq category:iqtisadiyyat" + dates));
        }
        // A phrase and an exclusion without dates (the skeleton overstates them).
        long[] alma = [.. days.Keys];
        Assert.Equal(alma.Intersect(economy).Order().ToArray(), await FoundAsync(stores, "\"alma ucuzlaşıb\" category:iqtisadiyyat"));
        Assert.Equal(alma.Intersect(tokayev).Except(cotton).Order().ToArray(), await FoundAsync(stores, $"alma -pambıq entity:{tokayevId}"));
        // A rarer word without dates: in the section, naming Tokayev, both.
        Assert.Equal(cotton.Intersect(economy).Order().ToArray(), await FoundAsync(stores, "pambıq category:iqtisadiyyat"));
        Assert.Equal(cotton.Intersect(tokayev).Order().ToArray(), await FoundAsync(stores, $"pambıq entity:{tokayevId}"));
        Assert.Equal(cotton.Intersect(economy).Intersect(tokayev).Order().ToArray(), await FoundAsync(stores, $"pambıq category:iqtisadiyyat entity:{tokayevId}"));
    }

    [Fact]
    public void The_parser_reads_category_and_entity_values()
    {
        var query = QueryParser.Parse("neft category:İqtisadiyyat entity:42 entity:\"İlham Əliyev\"").Query!;
        Assert.Equal(["iqtisadiyyat"], query.Categories);
        Assert.Equal([new EntityFilter(42, null, 34), new EntityFilter(null, "İlham Əliyev", 44)], query.Entities);
        Assert.Equal(NewsCategory.Dunya, QueryParser.Category("DÜNYA"));
        Assert.Null(QueryParser.Category("nope"));
        Assert.Equal(QueryProblemKind.Malformed, QueryParser.Parse("neft entity:\"\"").Problem!.Kind);
        Assert.Equal(QueryProblemKind.Malformed, QueryParser.Parse("neft category:").Problem!.Kind);
    }

    [Fact]
    public void A_search_without_the_new_filters_runs_the_sql_it_ran_before()
    {
        // Searches without category: or entity: must not pay for them: the conditions on the matched articles are
        // exactly the date conditions (none here), so the engines take their index-only path as before.
        var dialect = new SqliteDialect();
        var plain = new SearchCriteria(new KeyQuery([[new KeyPhrase(["qarabag"])]], []), [], [], null, null, 20, 0, TimeSpan.FromSeconds(1));
        Assert.Equal("", Icmal.Storage.SearchFilters.Sql(dialect, plain, datesExact: true).Sql);
        var filtered = plain with { Categories = ["idman"], EntityIds = [7] };
        var (sql, parameters) = Icmal.Storage.SearchFilters.Sql(dialect, filtered, datesExact: true);
        Assert.Contains("article_categories", sql, StringComparison.Ordinal);
        Assert.Contains("article_entities", sql, StringComparison.Ordinal);
        Assert.Equal([("@category0", (object?)"idman"), ("@entity0", 7L)], parameters);
    }

    /// <summary>The ids found, oldest first.</summary>
    private static async Task<long[]> FoundAsync(Stores stores, string query, SearchFilters? filters = null)
    {
        var answer = await new Searcher(stores).SearchAsync(new SearchRequest(query, 50, Filters: filters), Ct);
        Assert.Null(answer.Problem);
        return [.. answer.Results!.Items.Select(i => i.Id).Order()];
    }

    private static async Task<long> AddAsync(Stores stores, string tag, NewsCategory? category, IReadOnlyList<FactEntity> entities)
    {
        byte[] raw = Encoding.UTF8.GetBytes("Qarabağda yeni kənd salındı " + tag);
        var result = await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), tag, null, "text", "utf-8", raw, At),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = tag, Site = "apa.az", Title = "Xəbər " + tag, Archived = At, Language = "az",
                Blocks = [new ArticleBlock(BlockKind.Paragraph, "Qarabağda yeni kənd salındı " + tag)],
            }, Ct);
        if (category is { } c) await stores.Categories.SetAsync(result.ArticleId, new CategoryAssignment(c, CategoryOrigin.Classifier, 0.9), Ct);
        if (entities.Count > 0) await stores.Entities.ReplaceAsync(result.ArticleId, entities, Ct);
        return result.ArticleId;
    }
}
