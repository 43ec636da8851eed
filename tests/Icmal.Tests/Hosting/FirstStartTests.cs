using Icmal.Hosting;
using Icmal.Import;
using Icmal.Model;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Icmal.Tests.Hosting;

/// <summary>
/// A server's first start on a database: the built-in sources are added, and the sample is imported into an empty
/// archive only. An archive that already holds articles (imported before its first serve) is left as it is; both
/// happen once per database.
/// </summary>
public sealed class FirstStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_archive_gets_the_sample_once()
    {
        using var folder = new TempFolder();
        using (var app = await IcmalApplication.OpenAsync(new IcmalOptions { Data = folder.Path }, null, Ct))
        {
            var first = await app.PrepareFirstStartAsync(TestPaths.Samples, Ct);
            Assert.NotNull(first);
            Assert.Equal(5, first.Stored);
            Assert.Null(await app.PrepareFirstStartAsync(TestPaths.Samples, Ct));
            Assert.Equal(5, await app.Store.Articles.CountAsync(Ct));
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task An_archive_imported_before_its_first_serve_gets_the_sources_but_not_the_sample()
    {
        // banker.az's 609 articles imported, then `icmal serve`: five texts about a 2025 state visit joined them.
        using var folder = new TempFolder();
        using (var app = await IcmalApplication.OpenAsync(new IcmalOptions { Data = folder.Path }, null, Ct))
        {
            string list = Path.Combine(folder.Path, "list.json");
            await ArticleListFile.WriteAsync(list, 3, 1500, Ct);
            await foreach (var e in app.CreateImporter(new ImportOptions()).ImportAsync([list], Ct)) Assert.Equal(IngestStatus.Stored, e.Outcome.Status);

            Assert.Null(await app.PrepareFirstStartAsync(TestPaths.Samples, Ct));
            Assert.Equal(3, await app.Store.Articles.CountAsync(Ct));
            Assert.NotEmpty(await app.Store.Sources.ListAsync(Ct));
            // Once per database: asked again, it still imports nothing.
            Assert.Null(await app.PrepareFirstStartAsync(TestPaths.Samples, Ct));
            Assert.Equal(3, await app.Store.Articles.CountAsync(Ct));
        }
        SqliteConnection.ClearAllPools();
    }
}
