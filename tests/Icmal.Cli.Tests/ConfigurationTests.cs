using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>
/// Configuration the .NET way, through the real executable: appsettings.json in the data folder, then ICMAL_*
/// environment variables, then flags; a bad value is one line naming the setting and its source, exit 2, no data touched.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icmal-config-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ConfigurationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string In(string name) => Path.Combine(_dir, name);

    private async Task<string> DataFolderWithSettingsAsync(string name, string json)
    {
        Directory.CreateDirectory(In(name));
        await File.WriteAllTextAsync(Path.Combine(In(name), "appsettings.json"), json, Ct);
        return In(name);
    }

    [Fact]
    public async Task ICMAL_DATA_still_chooses_the_data_folder_and_the_data_flag_overrides_it()
    {
        var fromEnv = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string> { ["ICMAL_DATA"] = In("env") }, ["articles"], Ct);
        Assert.Equal(0, fromEnv.ExitCode);
        Assert.True(File.Exists(Path.Combine(In("env"), "icmal.db")));

        var fromFlag = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string> { ["ICMAL_DATA"] = In("env2") }, ["articles", "--data", In("flag")], Ct);
        Assert.Equal(0, fromFlag.ExitCode);
        Assert.True(File.Exists(Path.Combine(In("flag"), "icmal.db")));
        Assert.False(Directory.Exists(In("env2")));
    }

    [Fact]
    public async Task The_data_folders_appsettings_sets_the_database_and_ICMAL_DATABASE_overrides_it()
    {
        string data = await DataFolderWithSettingsAsync("data", $$"""{ "Database": "sqlite:{{In("from-file").Replace("\\", "\\\\", StringComparison.Ordinal)}}/icmal.db" }""");

        var fromFile = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string>(), ["articles", "--data", data], Ct);
        Assert.Equal(0, fromFile.ExitCode);
        Assert.True(File.Exists(Path.Combine(In("from-file"), "icmal.db")));
        Assert.False(File.Exists(Path.Combine(data, "icmal.db")));

        var fromEnv = await CliRunner.RunWithEnvironmentAsync(_dir,
            new Dictionary<string, string> { ["ICMAL_DATABASE"] = "sqlite:" + Path.Combine(In("from-env"), "icmal.db") }, ["articles", "--data", data], Ct);
        Assert.Equal(0, fromEnv.ExitCode);
        Assert.True(File.Exists(Path.Combine(In("from-env"), "icmal.db")));
    }

    /// <summary>One setting given in all three places: the flag wins over the variable, the variable over the file.</summary>
    [Fact]
    public async Task A_flag_beats_an_environment_variable_which_beats_appsettings_json()
    {
        string data = await DataFolderWithSettingsAsync("data", """{ "Crawl": { "MaxPagesPerPoll": 1000001 } }""");
        var env = new Dictionary<string, string> { ["ICMAL_CRAWL__MAXPAGESPERPOLL"] = "1000002" };

        var file = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string>(), ["crawl", "--once", "--data", data], Ct);
        var variable = await CliRunner.RunWithEnvironmentAsync(_dir, env, ["crawl", "--once", "--data", data], Ct);
        var flag = await CliRunner.RunWithEnvironmentAsync(_dir, env, ["crawl", "--once", "--data", data, "--max-pages", "1000003"], Ct);

        Assert.Equal([2, 2, 2], [file.ExitCode, variable.ExitCode, flag.ExitCode]);
        Assert.Contains("Crawl:MaxPagesPerPoll = 1000001 (from " + Path.Combine(data, "appsettings.json"), file.Stderr, StringComparison.Ordinal);
        Assert.Contains("Crawl:MaxPagesPerPoll = 1000002 (from environment variable ICMAL_CRAWL__MAXPAGESPERPOLL)", variable.Stderr, StringComparison.Ordinal);
        Assert.Contains("Crawl:MaxPagesPerPoll = 1000003 (from flag --max-pages)", flag.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "icmal.db")));
    }

    public static TheoryData<string, string, string, string> BadValues => new()
    {
        { "ICMAL_FETCH__MINHOSTGAP", "2s", "", "Fetch:MinHostGap" },
        { "ICMAL_FETCH__MINHOSTGAP", "2", "", "Fetch:MinHostGap = 2.00:00:00" },
        { "ICMAL_FETCH__HEADERTIMEOUT", "00:00:00", "", "Fetch:HeaderTimeout = 00:00:00" },
        { "ICMAL_DATABASE", "Host=db;Username=icmal", "", "Database" },
        { "ICMAL_DATABASE", "sqlite:", "", "Database" },
        { "ICMAL_PORTAL__URLS", "not a url", "", "Portal:Urls" },
        { "", "", """{ "Fetch": { "MinHostGapp": "00:00:01" } }""", "MinHostGapp" },
        { "", "", """{ "Crawl": { "MaxConcurrentSources": 0 } }""", "Crawl:MaxConcurrentSources = 0" },
        { "", "", """{ "Fetch": { "MaxRedirects": "many" } }""", "Fetch:MaxRedirects" },
        { "", "", """{ "Fetch": """, "appsettings.json" },
        { "", "", """{ "Data": "elsewhere" }""", "Data = elsewhere" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_setting_is_one_error_naming_it_with_exit_code_2_and_no_data_touched(string variable, string value, string json, string named)
    {
        string data = json.Length > 0 ? await DataFolderWithSettingsAsync("data", json) : In("data");
        var env = variable.Length > 0 ? new Dictionary<string, string> { [variable] = value } : [];

        var r = await CliRunner.RunWithEnvironmentAsync(_dir, env, ["articles", "--data", data], Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "icmal.db")));
    }

    [Fact]
    public async Task A_bad_postgresql_setting_is_named_without_repeating_its_password()
    {
        var env = new Dictionary<string, string> { ["ICMAL_DATABASE"] = "postgresql://icmal:hunter2@db.example.az/icmal?colour=blue" };

        var r = await CliRunner.RunWithEnvironmentAsync(_dir, env, ["articles", "--data", In("data")], Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Database = postgresql:(connection string) (from environment variable ICMAL_DATABASE)", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"colour\"", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", r.Stderr, StringComparison.Ordinal);
    }

    /// <summary>--database is the Database setting, given on the command line (before or after the command's name).</summary>
    [Fact]
    public async Task The_database_flag_beats_ICMAL_DATABASE_and_the_data_folders_appsettings()
    {
        string data = await DataFolderWithSettingsAsync("data", $$"""{ "Database": "sqlite:{{In("from-file").Replace("\\", "\\\\", StringComparison.Ordinal)}}/icmal.db" }""");
        var env = new Dictionary<string, string> { ["ICMAL_DATABASE"] = "sqlite:" + Path.Combine(In("from-env"), "icmal.db") };

        var after = await CliRunner.RunWithEnvironmentAsync(_dir, env, ["articles", "--data", data, "--database", "sqlite:" + Path.Combine(In("flag"), "icmal.db")], Ct);
        var before = await CliRunner.RunWithEnvironmentAsync(_dir, env, ["--database", "sqlite:" + Path.Combine(In("flag2"), "icmal.db"), "articles", "--data", data], Ct);

        Assert.Equal([0, 0], [after.ExitCode, before.ExitCode]);
        Assert.True(File.Exists(Path.Combine(In("flag"), "icmal.db")));
        Assert.True(File.Exists(Path.Combine(In("flag2"), "icmal.db")));
        Assert.False(Directory.Exists(In("from-env")));
        Assert.False(Directory.Exists(In("from-file")));
    }

    /// <summary>A password given in --database is never echoed: not in a bad setting's message, nor when the server can not be reached.</summary>
    [Fact]
    public async Task A_database_flag_is_named_without_repeating_its_password()
    {
        var bad = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string>(),
            ["articles", "--data", In("data"), "--database", "postgresql://icmal:hunter2@db.example.az/icmal?colour=blue"], Ct);
        var unreachable = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string>(),
            ["articles", "--data", In("data"), "--database", "postgresql://icmal:hunter2@127.0.0.1:1/icmal?connect_timeout=2"], Ct);

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Database = postgresql:(connection string) (from flag --database)", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains("127.0.0.1:1/icmal: can not open the database", unreachable.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", bad.Stderr + bad.Stdout + unreachable.Stderr + unreachable.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(In("data")));
    }

    [Fact]
    public async Task Variables_of_other_ICMAL_uses_are_not_settings()
    {
        var r = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string> { ["ICMAL_REQUIRE_BROWSER"] = "1" }, ["articles", "--data", In("data")], Ct);
        Assert.Equal(0, r.ExitCode);
    }
}
