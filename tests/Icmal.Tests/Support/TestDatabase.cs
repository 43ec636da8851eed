using Icmal.Storage;

namespace Icmal.Tests.Support;

/// <summary>Both engines, for a theory whose every case runs once on SQLite and once on PostgreSQL.</summary>
public sealed class BothEngines : TheoryData<DatabaseEngine>
{
    public BothEngines()
    {
        Add(DatabaseEngine.Sqlite);
        Add(DatabaseEngine.PostgreSql);
    }
}

/// <summary>
/// A fresh empty database for one test on either engine: a SQLite file in a temp folder, or a new database in the
/// run's PostgreSQL cluster (<see cref="PostgreSqlCluster"/>; the test is skipped when PostgreSQL is not installed).
/// Deleted, or dropped, at the end.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempFolder? _folder;

    private TestDatabase(DatabaseSetting setting, TempFolder? folder)
    {
        Setting = setting;
        _folder = folder;
    }

    public DatabaseSetting Setting { get; }

    public DatabaseEngine Engine => Setting.Engine;

    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine)
    {
        if (engine == DatabaseEngine.Sqlite)
        {
            var folder = new TempFolder();
            return new TestDatabase(DatabaseSetting.InDataFolder(folder.Path), folder);
        }
        string cs = await PostgreSqlCluster.Instance.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        return new TestDatabase(DatabaseSetting.Parse("postgresql:" + cs), null);
    }

    /// <summary>The stores over this database, opened (and migrated) as the application opens them.</summary>
    public Task<Stores> OpenAsync() => Stores.OpenAsync(Setting, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
        else
        {
            await PostgreSqlCluster.Instance.DropDatabaseAsync(Setting.Target);
        }
    }
}
