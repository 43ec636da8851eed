using Icmal.Search;

namespace Icmal.Tests.Search;

/// <summary>Hostile and broken queries against a real index: a problem or a safe result, never an exception, nothing harmed, on each engine.</summary>
public abstract class BadQueryTests(SeedSearchFixture seeds)
{
    [Theory]
    [InlineData("\"Orta Dəhliz")]
    [InlineData("-")]
    [InlineData("Astana \u0000\u0001\u001f")]
    [InlineData("'; DROP TABLE articles; --")]
    [InlineData("Astana' OR '1'='1")]
    [InlineData("NEAR(a b)")]
    [InlineData("a*")]
    [InlineData("col:x")]
    [InlineData("{title}: Astana")]
    [InlineData("title:\"")]
    [InlineData("\"\"")]
    [InlineData("^Astana")]
    [InlineData("Astana AND OR NOT")]
    [InlineData("\uD800 Astana \uDFFF")]
    public async Task A_bad_query_gives_a_problem_or_a_result_and_harms_nothing(string query)
    {
        var answer = await seeds.Searcher.SearchAsync(new SearchRequest(query), TestContext.Current.CancellationToken);
        Assert.True(answer.Results is not null ^ answer.Problem is not null);
        Assert.Equal(5, await seeds.Harness.Store.Articles.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ten_thousand_terms_are_refused_as_too_large()
    {
        var answer = await seeds.Searcher.SearchAsync(new SearchRequest(string.Join(' ', Enumerable.Repeat("Astana", 10_000))), TestContext.Current.CancellationToken);
        Assert.Equal(QueryProblemKind.TooLarge, answer.Problem?.Kind);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(SearchRequest.MaxLimit + 1, 0)]
    [InlineData(10, -1)]
    [InlineData(10, Searcher.MaxOffset + 1)]
    public async Task A_page_outside_the_limits_is_refused(int limit, int offset)
    {
        var answer = await seeds.Searcher.SearchAsync(new SearchRequest("Astana", limit, offset), TestContext.Current.CancellationToken);
        Assert.Equal(QueryProblemKind.BadPage, answer.Problem?.Kind);
    }
}

/// <summary>The bad queries on SQLite's FTS5.</summary>
public sealed class SqliteBadQueryTests(SeedSearchFixture seeds) : BadQueryTests(seeds), IClassFixture<SeedSearchFixture>;

/// <summary>The bad queries on PostgreSQL's tsvector index.</summary>
public sealed class PostgreSqlBadQueryTests(PostgreSqlSeedSearchFixture seeds) : BadQueryTests(seeds), IClassFixture<PostgreSqlSeedSearchFixture>;
