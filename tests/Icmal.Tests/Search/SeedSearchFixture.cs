using Icmal.Search;
using Icmal.Tests.Support;

namespace Icmal.Tests.Search;

/// <summary>One real SQLite file with the five seeds imported through the pipeline, shared by the seed search tests.</summary>
public sealed class SeedSearchFixture : IAsyncLifetime
{
    public ImportHarness Harness { get; private set; } = null!;

    public Searcher Searcher { get; private set; } = null!;

    /// <summary>The seeds' article ids by the first three letters of their file names ("000".."004").</summary>
    public IReadOnlyDictionary<string, long> IdOf { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Harness = await ImportHarness.CreateAsync();
        await Harness.ImportAsync(TestPaths.Samples);
        Searcher = new Searcher(Harness.Store);
        var articles = await Harness.Store.Articles.ListAsync(new Icmal.Storage.ArticleQuery(10), CancellationToken.None);
        IdOf = articles.ToDictionary(a => Path.GetFileName(a.Origin)[..3], a => a.Id, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync() => await Harness.DisposeAsync();

    /// <summary>The results of a query that must run.</summary>
    public async Task<SearchResults> ResultsAsync(string query, int limit = 20)
    {
        var answer = await Searcher.SearchAsync(new SearchRequest(query, limit), TestContext.Current.CancellationToken);
        Assert.True(answer.Problem is null, $"{query}: {answer.Problem?.Message}");
        return answer.Results!;
    }

    /// <summary>The seeds (by file prefix) a query finds.</summary>
    public async Task<string[]> FoundAsync(string query)
    {
        var results = await ResultsAsync(query);
        var byId = IdOf.ToDictionary(p => p.Value, p => p.Key);
        return [.. results.Items.Select(h => byId[h.Id]).Order(StringComparer.Ordinal)];
    }
}
