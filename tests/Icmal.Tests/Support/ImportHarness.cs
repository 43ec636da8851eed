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

    /// <summary>
    /// Imports two short reports of unrelated events in one list (one batch): a park opened in Sumqayıt, at
    /// <see cref="ParkUrl"/>, and a school being built in Gəncə; their outcomes.
    /// </summary>
    public async Task<(IngestOutcome Park, IngestOutcome School)> ImportParkAndSchoolAsync()
    {
        var outcomes = await ImportAsync(Files.Write("park-and-school.json", $$"""
            [{"title": "Sumqayıtda yeni park salındı", "url": "{{ParkUrl}}",
              "text": "Sumqayıtda yeni park salınıb və sakinlər üçün açılıb. Parkda uşaq meydançaları, velosiped yolları və gəzinti zolaqları var."},
             {"title": "Gəncədə yeni məktəb tikilir", "url": "https://example.az/school",
              "text": "Gəncədə 960 şagird yerlik yeni məktəb binası tikilir. Tikinti işlərinin gələn ilin yazında başa çatması gözlənilir."}]
            """));
        Assert.Equal(2, outcomes.Count);
        return (Assert.Single(outcomes, o => o.Title == "Sumqayıtda yeni park salındı"), Assert.Single(outcomes, o => o.Title == "Gəncədə yeni məktəb tikilir"));
    }

    /// <summary>The park's address in <see cref="ImportParkAndSchoolAsync"/>.</summary>
    public const string ParkUrl = "https://example.az/park";

    /// <summary>
    /// On PostgreSQL, a trigger <paramref name="name"/> that refuses a row of <paramref name="table"/> as bad data
    /// (SQLSTATE 22023, a data exception: the row's fault) <paramref name="when"/> (e.g. "BEFORE INSERT") where
    /// <paramref name="condition"/> holds of NEW; dropped by <see cref="StopRefusingAsync"/>.
    /// </summary>
    public async Task RefuseAsync(string name, string table, string when, string condition)
    {
        await using var conn = await Store.Database.ConnectAsync(TestContext.Current.CancellationToken);
        await Sql.ExecAsync(conn, null, $"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF {condition} THEN
                    RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22023';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
            """, TestContext.Current.CancellationToken);
    }

    public async Task StopRefusingAsync(string name, string table)
    {
        await using var conn = await Store.Database.ConnectAsync(TestContext.Current.CancellationToken);
        await Sql.ExecAsync(conn, null, $"DROP TRIGGER {name} ON {table}", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_database is not null) await _database.DisposeAsync();
        _folder.Dispose();
        Files.Dispose();
    }
}
