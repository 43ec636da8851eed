using System.Text;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Search;

/// <summary>
/// source:, lang:, since: and until: answered through the index's facets (<see cref="SearchFacets"/>) on both engines:
/// the site or the address's host in any case and with or without "www.", Baku days at their edges, ranges over
/// days, months and years.
/// </summary>
public sealed class SearchFilterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Baku = TimeSpan.FromHours(4);

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_source_filter_finds_the_site_or_the_host_of_the_address_and_no_other_site(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var at = new DateTimeOffset(2025, 5, 1, 12, 0, 0, Baku);
        long named = await AddAsync(stores, "named", at, site: "APA.az", url: null);
        long hosted = await AddAsync(stores, "hosted", at, site: null, url: "https://www.apa.az/xeber/1");
        long other = await AddAsync(stores, "other", at, site: "news.day.az", url: "https://news.day.az/1");
        await AddAsync(stores, "near", at, site: "day.az.example", url: "https://day.az.example/1");

        Assert.Equal([named, hosted], await FoundAsync(stores, "Qarabağ source:apa.az"));
        Assert.Equal([named, hosted], await FoundAsync(stores, "Qarabağ source:WWW.Apa.az"));
        Assert.Equal([other], await FoundAsync(stores, "Qarabağ source:news.day.az"));
        Assert.Empty(await FoundAsync(stores, "Qarabağ source:day.az"));
        Assert.Empty(await FoundAsync(stores, "Qarabağ source:apa.az source:news.day.az"));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Since_and_until_take_whole_Baku_days_at_their_edges(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        // 00:30 in Baku is the evening before in UTC: the day is Baku's.
        long first = await AddAsync(stores, "first", new DateTimeOffset(2025, 3, 1, 0, 30, 0, Baku));
        long last = await AddAsync(stores, "last", new DateTimeOffset(2025, 2, 28, 23, 30, 0, Baku));

        Assert.Equal([first], await FoundAsync(stores, "Qarabağ since:2025-03-01"));
        Assert.Equal([last], await FoundAsync(stores, "Qarabağ until:2025-02-28"));
        Assert.Equal([first, last], await FoundAsync(stores, "Qarabağ since:2025-02-28 until:2025-03-01"));
        Assert.Empty(await FoundAsync(stores, "Qarabağ since:2025-03-02"));
        Assert.Empty(await FoundAsync(stores, "Qarabağ until:2025-02-27"));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_date_range_over_years_months_and_days_finds_exactly_the_articles_inside_it(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var days = new[]
        {
            new DateOnly(2022, 12, 30), new DateOnly(2022, 12, 31), new DateOnly(2023, 1, 1), new DateOnly(2023, 7, 15), new DateOnly(2024, 2, 29),
            new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2), new DateOnly(2025, 1, 1),
        };
        var ids = new Dictionary<DateOnly, long>();
        foreach (var d in days) ids[d] = await AddAsync(stores, d.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            new DateTimeOffset(d.ToDateTime(new TimeOnly(9, 0)), Baku));

        // 2022-12-31 (a day), 2023 (a year), 2024-01 and 2024-02 (months), 2024-03-01 (a day).
        Assert.Equal([ids[days[1]], ids[days[2]], ids[days[3]], ids[days[4]], ids[days[5]]],
            await FoundAsync(stores, "Qarabağ since:2022-12-31 until:2024-03-01"));
        Assert.Equal([ids[days[6]], ids[days[7]]], await FoundAsync(stores, "Qarabağ since:2024-03-02"));
        Assert.Equal([ids[days[0]], ids[days[1]]], await FoundAsync(stores, "Qarabağ until:2022-12-31"));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_instant_inside_a_Baku_day_still_bounds_the_search_to_that_instant(DatabaseEngine engine)
    {
        // The query language names whole days; a caller of the store may name any instant, which the day's facet
        // alone would round out to the whole day.
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        long morning = await AddAsync(stores, "morning", new DateTimeOffset(2025, 3, 1, 9, 0, 0, Baku));
        long evening = await AddAsync(stores, "evening", new DateTimeOffset(2025, 3, 1, 18, 0, 0, Baku));
        var noon = new DateTimeOffset(2025, 3, 1, 12, 0, 0, Baku);
        var query = new KeyQuery([[new KeyPhrase(["qarabag"])]], []);

        Assert.Equal([evening], await StoreFoundAsync(stores, new SearchCriteria(query, [], [], noon, null, 20, 0, TimeSpan.FromSeconds(30))));
        Assert.Equal([morning], await StoreFoundAsync(stores, new SearchCriteria(query, [], [], null, noon, 20, 0, TimeSpan.FromSeconds(30))));
        Assert.Equal([morning, evening], await StoreFoundAsync(stores,
            new SearchCriteria(query, [], [], noon.AddHours(-12), noon.AddHours(12), 20, 0, TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public void Whole_Baku_days_are_answered_by_the_facets_alone_and_an_instant_inside_a_day_is_not()
    {
        var query = new KeyQuery([[new KeyPhrase(["qarabag"])]], []);
        var midnight = new DateTimeOffset(2025, 3, 1, 0, 0, 0, Baku);
        var archive = (new DateTimeOffset(2017, 1, 1, 9, 0, 0, Baku), new DateTimeOffset(2026, 12, 5, 9, 0, 0, Baku));
        SearchCriteria Dated(DateTimeOffset? since, DateTimeOffset? until) => new(query, [], [], since, until, 20, 0, TimeSpan.FromSeconds(1));

        Assert.True(SearchFacets.Required(Dated(null, null), null)!.DatesExact);
        Assert.True(SearchFacets.Required(Dated(midnight, null), archive)!.DatesExact);
        Assert.True(SearchFacets.Required(Dated(null, midnight), archive)!.DatesExact);
        // The same midnight written in UTC is still a Baku midnight.
        Assert.True(SearchFacets.Required(Dated(midnight.ToUniversalTime(), midnight.AddDays(40).ToUniversalTime()), archive)!.DatesExact);
        Assert.False(SearchFacets.Required(Dated(midnight.AddHours(12), null), archive)!.DatesExact);
        Assert.False(SearchFacets.Required(Dated(null, midnight.AddMinutes(1)), archive)!.DatesExact);
        // Past MaxPeriods the days are not written at all: the instants alone bound the search.
        var wide = Dated(new DateTimeOffset(2000, 1, 2, 0, 0, 0, Baku), new DateTimeOffset(2025, 12, 31, 0, 0, 0, Baku));
        Assert.Null(SearchFacets.Periods(new DateOnly(2000, 1, 2), new DateOnly(2025, 12, 30)));
        Assert.False(SearchFacets.Required(wide, archive)!.DatesExact);

        // No date condition on the articles when the facets are exact; both when they are not.
        var dialect = new SqliteDialect();
        Assert.Equal("", Icmal.Storage.SearchFilters.Sql(dialect, Dated(midnight, midnight.AddDays(1)), datesExact: true).Sql);
        Assert.Equal(" AND a.sort_at >= @since AND a.sort_at < @until",
            Icmal.Storage.SearchFilters.Sql(dialect, Dated(midnight, midnight.AddDays(1)), datesExact: false).Sql);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_language_filter_finds_only_that_language(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var at = new DateTimeOffset(2025, 5, 1, 12, 0, 0, Baku);
        long az = await AddAsync(stores, "az", at);
        long ru = await AddAsync(stores, "ru", at, language: "ru");

        Assert.Equal([az], await FoundAsync(stores, "Qarabağ lang:az"));
        Assert.Equal([ru], await FoundAsync(stores, "Qarabağ lang:ru"));
        Assert.Empty(await FoundAsync(stores, "Qarabağ lang:en"));
    }

    [Fact]
    public void Periods_cover_every_day_of_a_range_once_and_no_day_outside_it()
    {
        var random = new Random(11);
        for (int n = 0; n < 500; n++)
        {
            var first = new DateOnly(2019, 1, 1).AddDays(random.Next(2000));
            var last = first.AddDays(random.Next(n % 10 == 0 ? 1500 : 90));
            var periods = SearchFacets.Periods(first, last);
            if (periods is null)
            {
                Assert.True(last.DayNumber - first.DayNumber > SearchFacets.MaxPeriods);
                continue;
            }
            var covered = periods.SelectMany(Days).ToList();
            Assert.Equal(Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays), covered.Order());
        }

        static IEnumerable<DateOnly> Days(Facet f)
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            var (start, end) = f.Kind switch
            {
                FacetKind.Year => (DateOnly.ParseExact(f.Value + "0101", "yyyyMMdd", culture), DateOnly.ParseExact(f.Value + "1231", "yyyyMMdd", culture)),
                FacetKind.Month => (DateOnly.ParseExact(f.Value + "01", "yyyyMMdd", culture), DateOnly.ParseExact(f.Value + "01", "yyyyMMdd", culture).AddMonths(1).AddDays(-1)),
                _ => (DateOnly.ParseExact(f.Value, "yyyyMMdd", culture), DateOnly.ParseExact(f.Value, "yyyyMMdd", culture)),
            };
            for (var d = start; d <= end; d = d.AddDays(1)) yield return d;
        }
    }

    [Fact]
    public void A_range_at_the_calendars_last_day_ends_there()
    {
        Assert.Equal(["9999"], SearchFacets.Periods(new DateOnly(9999, 1, 1), DateOnly.MaxValue)!.Select(f => f.Value));
        Assert.Equal(["99991231"], SearchFacets.Periods(DateOnly.MaxValue, DateOnly.MaxValue)!.Select(f => f.Value));
    }

    /// <summary>The ids found, oldest first.</summary>
    private static async Task<long[]> FoundAsync(Stores stores, string query)
    {
        var answer = await new Searcher(stores).SearchAsync(new SearchRequest(query, 50), Ct);
        Assert.Null(answer.Problem);
        return [.. answer.Results!.Items.Select(i => i.Id).Order()];
    }

    /// <summary>The ids the store finds for <paramref name="criteria"/>, oldest first.</summary>
    private static async Task<long[]> StoreFoundAsync(Stores stores, SearchCriteria criteria) =>
        [.. (await stores.Search.FindAsync(criteria, Ct)).Rows.Select(r => r.Id).Order()];

    /// <summary>An article about Qarabağ sorted at <paramref name="at"/> (its archiving time: no publication date).</summary>
    private static async Task<long> AddAsync(Stores stores, string tag, DateTimeOffset at, string? site = "apa.az", string? url = null, string language = "az")
    {
        byte[] raw = Encoding.UTF8.GetBytes("Qarabağda yeni kənd salındı " + tag);
        var result = await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), tag, url, "text", "utf-8", raw, at),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = tag, Url = url, Site = site, Title = "Xəbər " + tag, Archived = at, Language = language,
                Blocks = [new ArticleBlock(BlockKind.Paragraph, "Qarabağda yeni kənd salındı " + tag)],
            }, Ct);
        return result.ArticleId;
    }
}
