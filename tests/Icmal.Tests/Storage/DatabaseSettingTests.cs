using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>The database setting string: what it accepts, and one clear error for everything else.</summary>
public sealed class DatabaseSettingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_sqlite_setting_names_the_file_by_its_full_path()
    {
        var setting = DatabaseSetting.Parse("sqlite:some/where/icmal.db");
        Assert.Equal(DatabaseEngine.Sqlite, setting.Engine);
        Assert.Equal(Path.GetFullPath("some/where/icmal.db"), setting.Target);
        Assert.Equal(DatabaseEngine.Sqlite, DatabaseSetting.Parse("SQLite: x.db").Engine);
        Assert.Equal("sqlite:" + setting.Target, setting.ToString());
    }

    [Fact]
    public void The_default_is_icmal_db_in_the_data_folder()
    {
        var setting = DatabaseSetting.InDataFolder("data");
        Assert.Equal(DatabaseEngine.Sqlite, setting.Engine);
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "icmal.db")), setting.Target);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("icmal.db", "names no engine")]
    [InlineData("C:\\data\\icmal.db", "names no engine")]
    [InlineData("sqlite:", "names no file")]
    [InlineData("sqlite:   ", "names no file")]
    [InlineData("mysql:server=x", "unknown engine \"mysql\"")]
    [InlineData(":x.db", "unknown engine \"\"")]
    [InlineData("postgresql:", "no connection string")]
    public void A_bad_setting_is_one_error_naming_the_problem(string text, string problem)
    {
        var e = Assert.Throws<DatabaseSettingException>(() => DatabaseSetting.Parse(text));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_not_a_database_file()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<DatabaseSettingException>(() => DatabaseSetting.Parse("sqlite:" + folder.Path));
        Assert.Contains("names a folder", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder.Path, "icmal.db"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_is_read_but_refused_as_not_yet_supported_without_repeating_the_password()
    {
        var setting = DatabaseSetting.Parse("postgresql:Host=db;Database=icmal;Password=secret");
        Assert.Equal(DatabaseEngine.PostgreSql, setting.Engine);
        var e = await Assert.ThrowsAsync<DatabaseSettingException>(() => Database.OpenAsync(setting, Ct));
        Assert.Contains("not yet supported", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_sqlite_setting_creates_the_file_and_its_folder()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "new", "deeper", "my.db");
        var database = await Database.OpenAsync("sqlite:" + path, Ct);
        Assert.Equal(path, database.Location);
        Assert.True(File.Exists(path));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_one_error_naming_the_file()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "notes.db");
        await File.WriteAllTextAsync(path, new string('x', 8192), Ct);
        var e = await Assert.ThrowsAsync<DatabaseOpenException>(() => Database.OpenAsync("sqlite:" + path, Ct));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("not a database", e.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
