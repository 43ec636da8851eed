using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Icmal.Tests.Support.PostgreSqlCluster))]

namespace Icmal.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run: made by <c>initdb</c> in a temp folder on the first test
/// that asks for it, listening on a free port of 127.0.0.1 only, and stopped and deleted when the run ends. Run as an
/// unprivileged user when the tests run as root (PostgreSQL refuses root). The binaries are found in
/// <c>ICMAL_PG_BIN</c>, on PATH or in Debian's <c>/usr/lib/postgresql/N/bin</c>; without them the PostgreSQL runs of the
/// tests are skipped with the reason, unless <c>ICMAL_REQUIRE_POSTGRESQL</c> is set (CI), where they fail.
/// </summary>
public sealed class PostgreSqlCluster : IAsyncLifetime
{
    private const string Superuser = "icmal";

    /// <summary>The run's cluster (xunit makes the assembly fixture before any test).</summary>
    public static PostgreSqlCluster Instance { get; private set; } = null!;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _starting = new();
    private Task<Started>? _start;

    private sealed record Started(string Bin, string Folder, string DataDirectory, int Port, string? RunAs)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database={database};Pooling=false;Timeout=30";
    }

    public ValueTask InitializeAsync()
    {
        Instance = this;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A new empty database in the cluster (started now if this is the first), as an Npgsql connection string; skips the
    /// calling test when PostgreSQL is not installed (fails it under <c>ICMAL_REQUIRE_POSTGRESQL</c>).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct)
    {
        var cluster = await StartOnceAsync();
        string name = "icmal_" + Guid.NewGuid().ToString("N");
        // One CREATE DATABASE at a time: each copies template1, which a concurrent copy may hold.
        await _gate.WaitAsync(ct);
        try
        {
            await using var conn = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            await conn.OpenAsync(ct);
#pragma warning disable CA2100 // The name is made here from a Guid; CREATE DATABASE takes no parameter.
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
#pragma warning restore CA2100
            await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
        return cluster.ConnectionString(name).Replace(";Pooling=false", "", StringComparison.Ordinal);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing the connections its pool still holds.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var cluster = await StartOnceAsync();
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var conn = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await conn.OpenAsync();
#pragma warning disable CA2100 // A name made by CreateDatabaseAsync; DROP DATABASE takes no parameter.
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
#pragma warning restore CA2100
        await cmd.ExecuteNonQueryAsync();
    }

    private Task<Started> StartOnceAsync()
    {
        lock (_starting) _start ??= StartAsync();
        return _start;
    }

    /// <summary>
    /// The database of <paramref name="primaryConnectionString"/> on the run's hot standby, a streaming replica of the
    /// cluster made by <c>pg_basebackup -R</c> (started on the first call, with a replication slot so the primary keeps
    /// the WAL it needs). Everything written to the primary, databases made after it included, arrives there; it
    /// answers reads and refuses writes.
    /// </summary>
    public async Task<string> StandbyConnectionStringAsync(string primaryConnectionString, CancellationToken ct)
    {
        var primary = await StartOnceAsync();
        Task<Started> standby;
        lock (_starting) standby = _standby ??= StartStandbyAsync(primary);
        var started = await standby.WaitAsync(ct);
        var builder = new NpgsqlConnectionStringBuilder(primaryConnectionString) { Port = started.Port };
        return builder.ConnectionString;
    }

    private Task<Started>? _standby;

    private static async Task<Started> StartStandbyAsync(Started primary)
    {
        string data = Path.Combine(primary.Folder, "standby");
        // -R writes primary_conninfo and standby.signal; -C -S a slot, so the primary keeps WAL the standby has not read.
        await RunAsync(primary.Bin, primary.RunAs, "pg_basebackup", ["-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture),
            "-U", Superuser, "-D", data, "-R", "-X", "stream", "-C", "-S", "icmal_standby", "--no-sync"]);
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            try
            {
                await RunAsync(primary.Bin, primary.RunAs, "pg_ctl", ["-D", data, "-l", Path.Combine(primary.Folder, "standby.log"), "-w", "-t", "60", "-o",
                    $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=300 -c hot_standby=on "
                    + "-c fsync=off -c full_page_writes=off", "start"]);
                return new Started(primary.Bin, primary.Folder, data, port, primary.RunAs);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The free port was taken between the probe and the start: try another.
            }
        }
    }

    private static async Task<Started> StartAsync()
    {
        string? bin = FindBinaries();
        if (bin is null)
        {
            const string reason = "PostgreSQL is not installed (no initdb in ICMAL_PG_BIN, on PATH or in /usr/lib/postgresql/*/bin): "
                + "this test's PostgreSQL run is skipped; .ci/run installs Debian's postgresql and runs it";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ICMAL_REQUIRE_POSTGRESQL"))) throw new InvalidOperationException(reason);
            Assert.Skip(reason);
        }
        // Root may not run PostgreSQL: run it as "nobody", in a folder it can write.
        string? runAs = Environment.UserName == "root" ? "nobody" : null;
        string folder = Path.Combine(Path.GetTempPath(), "icmal-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Open to the unprivileged user (set after creating: the process's umask would mask it).
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        string data = Path.Combine(folder, "data");
        try
        {
            await RunAsync(bin, runAs, "initdb", ["-D", data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            for (int attempt = 1; ; attempt++)
            {
                int port = FreePort();
                try
                {
                    await RunAsync(bin, runAs, "pg_ctl", ["-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-t", "60", "-o",
                        $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=300 "
                        // wal_keep_size: the standby's pg_basebackup creates its slot only once the backup has begun, and
                        // the suite's other tests (batched imports) can fill and recycle a segment in that gap
                        // ("requested WAL segment ... has already been removed"); 256 MB of kept WAL closes it.
                        + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_keep_size=256MB", "start"]);
                    return new Started(bin, folder, data, port, runAs);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // The free port was taken between the probe and the start: try another.
                }
            }
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_start is null) return;
        Started cluster;
        try
        {
            cluster = await _start;
        }
        catch (Exception e) when (e is InvalidOperationException or Xunit.Sdk.SkipException)
        {
            return;
        }
        try
        {
            if (_standby is not null)
            {
                try
                {
                    var standby = await _standby;
                    await RunAsync(standby.Bin, standby.RunAs, "pg_ctl", ["-D", standby.DataDirectory, "-m", "immediate", "-w", "stop"]);
                }
                catch (InvalidOperationException)
                {
                    // A standby that did not start has nothing to stop; the primary still must be.
                }
            }
            await RunAsync(cluster.Bin, cluster.RunAs, "pg_ctl", ["-D", cluster.DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(cluster.Folder, recursive: true);
        }
    }

    /// <summary>The folder of initdb, pg_ctl and postgres: ICMAL_PG_BIN, PATH, then Debian's newest version.</summary>
    internal static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("ICMAL_PG_BIN") is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string initdb = Path.Combine(dir, "initdb");
            // Debian links only some binaries onto PATH: follow the link to the folder that has them all.
            if (File.Exists(initdb)) return Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb);
        }
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string bin, string? runAs, string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? Path.Combine(bin, tool) : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (string a in (string[])["-u", runAs, "--", Path.Combine(bin, tool)]) start.ArgumentList.Add(a);
        }
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
