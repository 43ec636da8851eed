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

    [Theory]
    [InlineData("postgresql://reader:s%40cret@db.example.az:5433/icmal?sslmode=require&application_name=icmal",
        "Host=db.example.az;Port=5433;Username=reader;Password=s@cret;Database=icmal;SSL Mode=Require;Application Name=icmal")]
    [InlineData("postgres://db/icmal", "Host=db;Database=icmal")]
    [InlineData("postgresql://[::1]:6000/arxiv", "Host=::1;Port=6000;Database=arxiv")]
    [InlineData("postgresql://a:5432,b:5432/icmal?target_session_attrs=primary", "Host=a:5432,b:5432;Database=icmal;Target Session Attributes=primary")]
    [InlineData("postgresql:Host=db;Database=icmal;Password=secret", "Host=db;Database=icmal;Password=secret")]
    public void A_postgresql_url_or_connection_string_becomes_one_npgsql_connection_string(string text, string expected)
    {
        var setting = DatabaseSetting.Parse(text);
        Assert.Equal(DatabaseEngine.PostgreSql, setting.Engine);
        Assert.Equal(Pairs(expected), Pairs(setting.Target));
        Assert.Equal("postgresql:(connection string)", setting.ToString());
    }

    /// <summary>A connection string's settings as Npgsql reads them, in a stable order.</summary>
    private static string[] Pairs(string connectionString) =>
        [.. new Npgsql.NpgsqlConnectionStringBuilder(connectionString).ConnectionString.Split(';').Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("postgresql://user:secret@/icmal", "names no host")]
    [InlineData("postgresql://user:secret@db/icmal?sslmode=bogus", "not a usable PostgreSQL connection")]
    [InlineData("postgresql://user:secret@db/icmal?colour=blue", "\"colour\"")]
    [InlineData("postgresql://user:secret@db:port/icmal", "not a usable PostgreSQL connection")]
    [InlineData("postgresql:Hots=db;Password=secret", "not a usable PostgreSQL connection")]
    public void A_bad_postgresql_setting_is_one_error_that_does_not_repeat_the_password(string text, string problem)
    {
        var e = Assert.Throws<DatabaseSettingException>(() => DatabaseSetting.Parse(text));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgresql_server_that_does_not_answer_is_one_error_naming_it_without_the_password()
    {
        // A port nothing listens on: the connection is refused at once.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var setting = DatabaseSetting.Parse($"postgresql://icmal:secret@127.0.0.1:{port}/icmal?connect_timeout=5");
        var e = await Assert.ThrowsAsync<DatabaseOpenException>(() => Database.OpenAsync(setting, Ct));
        Assert.StartsWith($"postgresql://127.0.0.1:{port}/icmal: can not open the database", e.Message, StringComparison.Ordinal);
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
