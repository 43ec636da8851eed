using Icmal.Import;
using Icmal.Storage;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Support;

/// <summary>A real SQLite database in a temp folder with the real importer over it.</summary>
public sealed class ImportHarness : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    public Stores Store { get; private set; } = null!;
    public Importer Importer { get; private set; } = null!;
    public TempFolder Files { get; } = new();
    public string DataDirectory => _folder.Path;

    public static async Task<ImportHarness> CreateAsync(ImportOptions? options = null)
    {
        var h = new ImportHarness();
        h.Store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(h._folder.Path), TestContext.Current.CancellationToken);
        h.Importer = new Importer(await IngestPipeline.OpenAsync(h.Store, TestContext.Current.CancellationToken), options ?? new ImportOptions());
        return h;
    }

    public async Task<List<IngestOutcome>> ImportAsync(params string[] paths)
    {
        var outcomes = new List<IngestOutcome>();
        await foreach (var e in Importer.ImportAsync(paths, TestContext.Current.CancellationToken)) outcomes.Add(e.Outcome);
        return outcomes;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
        Files.Dispose();
        return ValueTask.CompletedTask;
    }
}
