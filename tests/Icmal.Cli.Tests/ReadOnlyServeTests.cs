using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Icmal.Hosting;
using Icmal.Import;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Icmal.Cli.Tests;

/// <summary>
/// `icmal serve --read-only`: the portal of a replica. Run as a newsroom runs it, the real command over a hot standby
/// made by pg_basebackup of the run's PostgreSQL cluster, and over a SQLite file it must leave as it was.
/// </summary>
public sealed class ReadOnlyServeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_only_serve_on_a_hot_standby_shows_an_article_written_to_the_primary_once_replicated()
    {
        string primary = await PostgreSqlCluster.Instance.CreateDatabaseAsync(Ct);
        string standby = await PostgreSqlCluster.Instance.StandbyConnectionStringAsync(primary, Ct);
        string data = Path.Combine(Path.GetTempPath(), "icmal-replica-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        Process? server = null;
        try
        {
            var options = new IcmalOptions { Data = data, Database = "postgresql:" + primary };
            using var app = await IcmalApplication.OpenAsync(options, null, Ct);
            await ImportAsync(app, data, "first", "Bakıda yeni metro stansiyası açılıb", "Stansiya sərnişinlər üçün açıqdır.");
            await WaitForSchemaAsync(standby);

            int port = FreePort();
            server = Process.Start(CliRunner.StartInfo("serve", "--read-only", "--read-database", "postgresql:" + standby,
                "--urls", $"http://127.0.0.1:{port}", "--data", data))!;
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilAsync(async () => (await client.GetAsync("/healthz", Ct)).IsSuccessStatusCode, server);

            await ImportAsync(app, data, "second", "Qobustanqaya muzeyində bərpa işləri başa çatıb", "Muzeyin ziyarətçiləri yenilənmiş zalları görə biləcək.");
            long id = 0;
            await WaitUntilAsync(async () =>
            {
                using var list = JsonDocument.Parse(await client.GetStringAsync("/api/articles", Ct));
                foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
                    if (item.GetProperty("title").GetString() == "Qobustanqaya muzeyində bərpa işləri başa çatıb") id = item.GetProperty("id").GetInt64();
                return id != 0;
            }, server);

            Assert.Contains("Qobustanqaya muzeyində bərpa işləri başa çatıb", await client.GetStringAsync("/", Ct), StringComparison.Ordinal);
            Assert.Contains("yenilənmiş zalları", await client.GetStringAsync($"/articles/{id}", Ct), StringComparison.Ordinal);
            using (var article = JsonDocument.Parse(await client.GetStringAsync($"/api/articles/{id}", Ct)))
                Assert.Equal("Qobustanqaya muzeyində bərpa işləri başa çatıb", article.RootElement.GetProperty("title").GetString());
            using (var found = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=Qobustanqaya", Ct)))
                Assert.Equal([id], found.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            // Nothing is written here: a write is a clear refusal, never a fault.
            using var post = await client.PostAsync("/api/articles", JsonContent.Create(new { title = "x" }), Ct);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
            Assert.Contains("not allowed", await post.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(server);
            await PostgreSqlCluster.Instance.DropDatabaseAsync(primary);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Read_only_serve_on_a_sqlite_archive_serves_it_and_writes_nothing()
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-readonly-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        Process? server = null;
        try
        {
            using (var app = await IcmalApplication.OpenAsync(new IcmalOptions { Data = data }, null, Ct))
                await ImportAsync(app, data, "only", "Gəncədə kitab sərgisi keçirilir", "Sərgidə yüzlərlə kitab nümayiş olunur.");
            SqliteConnection.ClearAllPools();

            int port = FreePort();
            server = Process.Start(CliRunner.StartInfo("serve", "--read-only", "--urls", $"http://127.0.0.1:{port}", "--data", data))!;
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? home = null;
            await WaitUntilAsync(async () =>
            {
                using var answer = await client.GetAsync("/", Ct);
                if (answer.IsSuccessStatusCode) home = await answer.Content.ReadAsStringAsync(Ct);
                return home is not null;
            }, server);

            Assert.Contains("Gəncədə kitab sərgisi keçirilir", home, StringComparison.Ordinal);
            Assert.Contains("read-only", await StopAsync(server), StringComparison.Ordinal);
            server = null;
            // A writing serve adds the built-in sources and the sample on its first start; this one did neither.
            await using var conn = new SqliteConnection($"Data Source={Path.Combine(data, "icmal.db")};Mode=ReadOnly;Pooling=false");
            await conn.OpenAsync(Ct);
            await using var cmd = new SqliteCommand("SELECT (SELECT COUNT(*) FROM sources) + (SELECT COUNT(*) FROM settings WHERE key = 'default_sources_added') + (SELECT COUNT(*) FROM articles)", conn);
            Assert.Equal(1L, await cmd.ExecuteScalarAsync(Ct));
        }
        finally
        {
            await StopAsync(server);
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Read_only_serve_without_an_archive_stops_with_one_line_naming_the_file()
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-readonly-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            var result = await CliRunner.RunAsync(["serve", "--read-only", "--urls", "http://127.0.0.1:0", "--data", data], ct: Ct);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(Path.Combine(data, "icmal.db") + ": no database there", result.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data, "icmal.db")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Imports one article through the application's pipeline, as `icmal import` of a JSON list does.</summary>
    private static async Task ImportAsync(IcmalApplication app, string folder, string name, string title, string text)
    {
        string path = Path.Combine(folder, name + ".json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new[]
        {
            new { title, text = text + " " + string.Concat(Enumerable.Repeat("Tədbir paytaxtda keçirilir və geniş maraq doğurur. ", 6)), url = $"https://example.az/{name}", published = "2026-12-01T10:00:00+04:00", site = "example.az" },
        }), Ct);
        var tally = new ImportTally();
        await foreach (var e in app.CreateImporter(new ImportOptions()).ImportAsync([path], Ct)) tally.Count(e.Outcome);
        Assert.Equal(1, tally.Stored);
    }

    /// <summary>Waits until the standby has replayed the primary's migrations (a read-only İcmal checks, never migrates).</summary>
    private static async Task WaitForSchemaAsync(string standby)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(standby);
                await conn.OpenAsync(Ct);
                await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM articles", conn);
                if (await cmd.ExecuteScalarAsync(Ct) is long n && n > 0) return;
            }
            catch (PostgresException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                // The database or its tables have not arrived yet.
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the standby did not receive the primary's schema in 30 s");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, Process server)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited) Assert.Fail("the server stopped: " + await server.StandardError.ReadToEndAsync(Ct));
            try
            {
                if (await done()) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "not within 60 s");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Stops the server; returns what it wrote to standard output.</summary>
    private static async Task<string> StopAsync(Process? server)
    {
        if (server is null) return "";
        using (server)
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Ct);
            return await server.StandardOutput.ReadToEndAsync(Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
