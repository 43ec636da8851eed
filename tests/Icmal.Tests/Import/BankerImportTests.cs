using Icmal.Tests.Support;
using Icmal.Model;

namespace Icmal.Tests.Import;

/// <summary>A real JSON export: 610 banker.az articles.</summary>
public sealed class BankerImportTests
{
    [Fact]
    public async Task The_banker_az_export_imports_every_article_once()
    {
        string? data = TestPaths.SharedData;
        if (data is null) Assert.Skip("../shared/data is not beside the repository");
        string file = Path.Combine(data, "az", "banker-az-articles.json");
        await using var h = await ImportHarness.CreateAsync();

        var first = await h.ImportAsync(file);
        var second = await h.ImportAsync(file);

        int stored = first.Count(o => o.Status == IngestStatus.Stored);
        Assert.True(stored >= 600, $"only {stored} of {first.Count} stored; rejected: {string.Join("; ", first.Where(o => o.Status == IngestStatus.Rejected).Take(5).Select(o => o.Reason))}");
        Assert.Equal(0, second.Count(o => o.Status == IngestStatus.Stored));
        Assert.Equal(stored, await h.Store.Articles.CountAsync(TestContext.Current.CancellationToken));
    }
}
