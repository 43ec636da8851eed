using System.Globalization;
using System.Text;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Categories;
using Icmal.Text.Entities;

namespace Icmal.Tests.Search;

/// <summary>
/// Filters without words (<c>entity:62 since:2025-01-01</c>): the newest articles that pass every filter, copies of one
/// text once, the same on both engines, whichever way the listing reads them (a filter's own articles or the sort index).
/// </summary>
public sealed class FilterListingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly FactEntity Tokayev = new("PER:kasim jomart tokayev", "Kasım-Jomart Tokayev", EntityKind.Person, 2, 0, ["Tokayev"]);

    private sealed record Stored(long Id, DateTimeOffset At, string Host, string Language, bool Economy, bool NamesTokayev, string Text);

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Filters_alone_list_the_newest_articles_that_pass_them_each_text_once(DatabaseEngine engine)
    {
        // 400 articles, ten a Baku day from 1 January 2025, stored in date order but for every ninth of the newest
        // half, stored late with a date in the first days. Two thirds from apa.az (one in six of them with the agency's
        // name for a site, found by the address's host), the rest from report.az; every tenth in Russian; every third
        // in the economy section, every fourth naming Tokayev; every fifth the same text as the one before it (a copy).
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(4));
        var stored = new List<Stored>();
        long tokayevId = 0;
        string text = "";
        for (int i = 1; i <= 400; i++)
        {
            var at = i > 200 && i % 9 == 0 ? start.AddDays(i % 4).AddSeconds(i) : start.AddDays((i - 1) / 10).AddMinutes(i);
            string host = i % 3 == 0 ? "report.az" : "apa.az";
            string site = host == "apa.az" && i % 6 == 1 ? "APA" : host;
            string language = i % 10 == 0 ? "ru" : "az";
            if (i % 5 != 0)
            {
                text = "Bakıda yeni park açıldı, xəbər " + i.ToString(CultureInfo.InvariantCulture)
                    + (i % 7 == 0 ? ", futbol meydançası da var" : "") + (i % 11 == 0 ? ", basketbol meydançası da var" : "");
            }
            byte[] raw = Encoding.UTF8.GetBytes(text + " #" + i.ToString(CultureInfo.InvariantCulture));
            string url = $"https://www.{host}/xeber/{i}";
            var result = await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), url, null, "text", "utf-8", raw, at),
                new Article
                {
                    Id = 0, DocumentId = 0, Origin = url, Url = url, Site = site, Title = "Xəbər", Published = at, Archived = at,
                    Language = language, Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
                }, Ct);
            long id = result.ArticleId;
            if (i % 3 == 0) await stores.Categories.SetAsync(id, new CategoryAssignment(NewsCategory.Iqtisadiyyat, CategoryOrigin.Classifier, 0.9), Ct);
            if (i % 4 == 0) tokayevId = (await stores.Entities.ReplaceAsync(id, [Tokayev], Ct))[Tokayev.Key];
            stored.Add(new Stored(id, at, host, language, i % 3 == 0, i % 4 == 0, text));
        }

        var baku = TimeSpan.FromHours(4);
        var queries = new (string Query, Func<Stored, bool> Passes)[]
        {
            ("source:apa.az", s => s.Host == "apa.az"),
            ("lang:ru", s => s.Language == "ru"),
            ("category:iqtisadiyyat", s => s.Economy),
            ($"entity:{tokayevId}", s => s.NamesTokayev),
            ("since:2025-01-10 until:2025-01-20", s => s.At >= new DateTimeOffset(2025, 1, 10, 0, 0, 0, baku) && s.At < new DateTimeOffset(2025, 1, 21, 0, 0, 0, baku)),
            ("source:apa.az since:2025-01-03 until:2025-01-12", s => s.Host == "apa.az" && s.At >= new DateTimeOffset(2025, 1, 3, 0, 0, 0, baku) && s.At < new DateTimeOffset(2025, 1, 13, 0, 0, 0, baku)),
            ("source:report.az category:iqtisadiyyat", s => s.Host == "report.az" && s.Economy),
            ($"lang:az entity:{tokayevId} until:2025-01-05", s => s.Language == "az" && s.NamesTokayev && s.At < new DateTimeOffset(2025, 1, 6, 0, 0, 0, baku)),
            ($"category:iqtisadiyyat entity:{tokayevId} since:2025-01-30", s => s.Economy && s.NamesTokayev && s.At >= new DateTimeOffset(2025, 1, 30, 0, 0, 0, baku)),
            ("source:apa.az lang:ru", s => s.Host == "apa.az" && s.Language == "ru"),
            ("source:kaspi.az", _ => false),
            ("source:apa.az -futbol", s => s.Host == "apa.az" && !s.Text.Contains("futbol", StringComparison.Ordinal)),
            ($"entity:{tokayevId} -futbol -basketbol", s => s.NamesTokayev && !s.Text.Contains("futbol", StringComparison.Ordinal) && !s.Text.Contains("basketbol", StringComparison.Ordinal)),
            ("category:iqtisadiyyat -\"futbol meydançası\" since:2025-01-15", s => s.Economy && !s.Text.Contains("futbol", StringComparison.Ordinal) && s.At >= new DateTimeOffset(2025, 1, 15, 0, 0, 0, baku)),
            ("lang:az -meydançası", s => s.Language == "az" && !s.Text.Contains("meydança", StringComparison.Ordinal)),
        };
        // The answers against an oracle, not their time: 64 searches on a machine running other tests at once once
        // took a PostgreSQL search past the default 2 s budget (the budget has its own tests).
        var searcher = new Searcher(stores) { Budget = TimeSpan.FromSeconds(30) };
        foreach (var (query, passes) in queries)
        {
            // The oracle: newest first, each text once (its newest article standing for the others).
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var expected = stored.Where(passes).OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Where(s => seen.Add(s.Text)).ToList();
            foreach (var (limit, offset) in new[] { (5, 0), (10, 7), (100, 0), (20, 60) })
            {
                var answer = await searcher.SearchAsync(new SearchRequest(query, limit, offset), Ct);
                Assert.Null(answer.Problem);
                var results = answer.Results!;
                Assert.Equal(expected.Skip(offset).Take(limit).Select(s => s.Id).ToArray(), results.Items.Select(h => h.Id).ToArray());
                if (!results.TotalEstimated) Assert.Equal(expected.Count, results.Total);
                else Assert.InRange(results.Total, Math.Min(expected.Count, offset + results.Items.Count), int.MaxValue);
                Assert.False(results.Relaxed);
                foreach (var hit in results.Items)
                {
                    var s = stored.Single(x => x.Id == hit.Id);
                    Assert.Equal(stored.Count(x => x.Text == s.Text) - 1, hit.Copies);
                    Assert.StartsWith("Bakıda yeni park", hit.Snippet.Text, StringComparison.Ordinal);
                }
            }
            // A page wide enough for every article that passes counts them exactly.
            var all = (await searcher.SearchAsync(new SearchRequest(query, SearchRequest.MaxLimit), Ct)).Results!;
            if (expected.Count <= SearchRequest.MaxLimit)
                Assert.Equal((expected.Count, false), (all.Total, all.TotalEstimated));
        }
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task The_calendars_first_and_last_day_bound_nothing(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        byte[] raw = Encoding.UTF8.GetBytes("Bakıda yeni park açıldı");
        var at = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(4));
        long id = (await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), "park", null, "text", "utf-8", raw, at),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = "park", Site = "apa.az", Title = "Park", Archived = at, Language = "az",
                Blocks = [new ArticleBlock(BlockKind.Paragraph, "Bakıda yeni park açıldı")],
            }, Ct)).ArticleId;
        var searcher = new Searcher(stores);
        foreach (var (query, found) in new[]
        {
            ("since:0001-01-01", true), ("until:9999-12-31", true), ("park since:0001-01-01 until:9999-12-31", true),
            ("park until:0001-01-01", false), ("since:9999-12-31", false),
        })
        {
            var answer = await searcher.SearchAsync(new SearchRequest(query), Ct);
            Assert.Null(answer.Problem);
            Assert.Equal(found ? [id] : [], answer.Results!.Items.Select(h => h.Id).ToArray());
        }
        var form = await searcher.SearchAsync(new SearchRequest("park", Filters: new Icmal.Search.SearchFilters(Since: DateOnly.MinValue, Until: DateOnly.MaxValue)), Ct);
        Assert.Equal([id], form.Results!.Items.Select(h => h.Id).ToArray());
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Excluded_words_without_a_filter_are_refused(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var answer = await new Searcher(stores).SearchAsync(new SearchRequest("-park -futbol"), Ct);
        Assert.Equal(QueryProblemKind.Empty, answer.Problem!.Kind);
        var empty = await new Searcher(stores).SearchAsync(new SearchRequest("source:apa.az"), Ct);
        Assert.Equal((0, false), (empty.Results!.Total, empty.Results.TotalEstimated));
    }
}
