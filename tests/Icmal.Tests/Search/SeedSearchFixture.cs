using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Search;

/// <summary>
/// One real database with the five seeds imported through the pipeline, shared by the seed search tests: a SQLite
/// file here, a PostgreSQL database in <see cref="PostgreSqlSeedSearchFixture"/>.
/// </summary>
public class SeedSearchFixture : IAsyncLifetime
{
    private ImportHarness? _harness;
    private Searcher? _searcher;
    private IReadOnlyDictionary<string, long>? _idOf;
    private string? _skipped;

    protected virtual DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public ImportHarness Harness => Available(_harness);

    public Searcher Searcher => Available(_searcher);

    /// <summary>The seeds' article ids by the first three letters of their file names ("000".."004").</summary>
    public IReadOnlyDictionary<string, long> IdOf => Available(_idOf);

    public async ValueTask InitializeAsync()
    {
        try
        {
            _harness = await ImportHarness.CreateAsync(engine: Engine);
        }
        catch (Xunit.Sdk.SkipException e)
        {
            // No PostgreSQL on this machine: every test of the class is skipped with the reason.
            _skipped = e.Message;
            return;
        }
        await _harness.ImportAsync(TestPaths.Samples);
        _searcher = new Searcher(_harness.Store);
        var articles = await _harness.Store.Articles.ListAsync(new ArticleQuery(10), CancellationToken.None);
        _idOf = articles.ToDictionary(a => Path.GetFileName(a.Origin)[..3], a => a.Id, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null) await _harness.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private T Available<T>(T? value) where T : class
    {
        if (_skipped is not null) Assert.Skip(_skipped);
        return value!;
    }

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

/// <summary>The seeds in a database of the run's PostgreSQL cluster.</summary>
public sealed class PostgreSqlSeedSearchFixture : SeedSearchFixture
{
    protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
}
