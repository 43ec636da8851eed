using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// A database opened for reading only (a read-only portal, a replica): it reads what is stored, creates and migrates
/// nothing, refuses every write in a way the portal can tell from a fault, and a schema behind this İcmal is one clear error.
/// </summary>
public sealed class ReadOnlyDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_read_only_database_reads_what_is_stored_and_refuses_writes_as_read_only(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var writer = await db.OpenAsync();
        await writer.Settings.SetAsync("probe", "written by the primary", Ct);

        var reader = await Stores.OpenReadOnlyAsync(db.Setting, Ct);

        Assert.True(reader.Database.IsReadOnly);
        Assert.Equal("written by the primary", await reader.Settings.GetAsync("probe", Ct));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => reader.Settings.SetAsync("probe", "written by the reader", Ct));
        Assert.True(Database.RefusedAsReadOnly(refused), refused.ToString());
        Assert.Equal("written by the primary", await writer.Settings.GetAsync("probe", Ct));
    }

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_schema_older_than_this_icmal_is_a_clear_error_and_is_not_upgraded(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await Database.OpenAsync(db.Setting, schemaVersion: 1, Ct);

        var error = await Assert.ThrowsAsync<DatabaseOpenException>(() => Stores.OpenReadOnlyAsync(db.Setting, Ct));

        Assert.Contains("schema version 1, older than this İcmal's", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade the primary", error.Message, StringComparison.Ordinal);
        var stillOld = await Database.OpenAsync(db.Setting, schemaVersion: 1, Ct);
        await using var conn = await stillOld.ConnectAsync(Ct);
        Assert.Equal(1, await Sql.Int64Async(conn, null, "SELECT MAX(version) FROM schema_migrations", Ct));
    }

    [Fact]
    public async Task A_postgresql_database_without_the_schema_is_named_and_left_empty()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);

        var error = await Assert.ThrowsAsync<DatabaseOpenException>(() => Stores.OpenReadOnlyAsync(db.Setting, Ct));

        Assert.Contains("not an İcmal database yet", error.Message, StringComparison.Ordinal);
        var opened = await Database.OpenAsync(db.Setting, schemaVersion: 0, Ct);
        await using var conn = await opened.ConnectAsync(Ct);
        Assert.Equal(0, await Sql.Int64Async(conn, null,
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'", Ct));
    }

    [Fact]
    public async Task A_missing_sqlite_file_is_named_and_not_created()
    {
        using var folder = new TempFolder();
        var setting = DatabaseSetting.InDataFolder(folder.Path);

        var error = await Assert.ThrowsAsync<DatabaseOpenException>(() => Stores.OpenReadOnlyAsync(setting, Ct));

        Assert.Contains(setting.Target, error.Message, StringComparison.Ordinal);
        Assert.Contains("no database there", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(setting.Target));
    }
}
