using Icmal.Import;
using Icmal.Storage;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Support;

/// <summary>A real database (a SQLite file in a temp folder unless told otherwise) with the real importer over it.</summary>
public sealed class ImportHarness : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private TestDatabase? _database;

    public Stores Store { get; private set; } = null!;
    public Importer Importer { get; private set; } = null!;
    public TempFolder Files { get; } = new();
    public string DataDirectory => _folder.Path;

    public static async Task<ImportHarness> CreateAsync(ImportOptions? options = null, DatabaseEngine engine = DatabaseEngine.Sqlite)
    {
        var h = new ImportHarness();
        if (engine == DatabaseEngine.Sqlite)
        {
            h.Store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(h._folder.Path), TestContext.Current.CancellationToken);
        }
        else
        {
            h._database = await TestDatabase.CreateAsync(engine);
            h.Store = await h._database.OpenAsync();
        }
        h.Importer = new Importer(await IngestPipeline.OpenAsync(h.Store, TestContext.Current.CancellationToken), options ?? new ImportOptions());
        return h;
    }

    public async Task<List<IngestOutcome>> ImportAsync(params string[] paths)
    {
        var outcomes = new List<IngestOutcome>();
        await foreach (var e in Importer.ImportAsync(paths, TestContext.Current.CancellationToken)) outcomes.Add(e.Outcome);
        return outcomes;
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_database is not null) await _database.DisposeAsync();
        _folder.Dispose();
        Files.Dispose();
    }
}
