using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// The one connection factory: hands out pooled connections with the dialect's per-connection setup, and brings the
/// schema up to date when opened. The stores (<see cref="Stores"/>) are small types over one of these; it is
/// thread-safe (each call takes its own pooled connection).
/// </summary>
/// <remarks>
/// A store writes what belongs together in one transaction, so a process killed at any point leaves either all of it
/// or none. SQLite runs in WAL mode with synchronous=NORMAL, durable against a process crash (every reported commit
/// survives SIGKILL); only a power loss may drop the last commits. PostgreSQL's connections come from one
/// <see cref="NpgsqlDataSource"/> (its pool) per database.
/// </remarks>
public sealed partial class Database
{
    private readonly Func<DbConnection> _create;
    private readonly string _setup;

    private Database(Func<DbConnection> create, SqlDialect dialect, string location, bool readOnly = false)
    {
        _create = create;
        _setup = string.Join(";\n", dialect.ConnectionSetup);
        Dialect = dialect;
        Location = location;
        IsReadOnly = readOnly;
    }

    public SqlDialect Dialect { get; }

    /// <summary>Where the database lives, for messages (a file path, or a server's host, port and database; never a password).</summary>
    public string Location { get; }

    /// <summary>Opens the database a setting names (creating a SQLite file and its folder if needed) and migrates it.</summary>
    public static Task<Database> OpenAsync(string setting, CancellationToken ct) => OpenAsync(DatabaseSetting.Parse(setting), ct);

    /// <inheritdoc cref="OpenAsync(string, CancellationToken)"/>
    public static Task<Database> OpenAsync(DatabaseSetting setting, CancellationToken ct) => OpenAsync(setting, schemaVersion: null, ct);

    /// <summary>Opens and migrates up to <paramref name="schemaVersion"/> (all steps when null): tests build old databases with it.</summary>
    internal static async Task<Database> OpenAsync(DatabaseSetting setting, int? schemaVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var database = setting.Engine == DatabaseEngine.PostgreSql ? PostgreSql(setting.Target) : Sqlite(setting.Target);
        try
        {
            await using (var conn = await database.ConnectAsync(ct))
            {
                foreach (string sql in database.Dialect.DatabaseSetup) await Sql.ExecAsync(conn, null, sql, ct);
            }
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            // A file that is not a database, a folder without write permission, a server that does not answer or
            // refuses the login: say which database.
            throw new DatabaseOpenException($"{database.Location}: can not open the database: {e.Message}", e);
        }
        await database.MigrateAsync(schemaVersion, ct);
        return database;
    }

    private static Database Sqlite(string path)
    {
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        string cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new Database(() => new SqliteConnection(cs), SqlDialect.Sqlite, path);
    }

    private static Database PostgreSql(string connectionString, bool readOnly = false)
    {
        // The data source is the pool: one per database, living as long as the process (as SQLite's pool does).
        var dataSource = new NpgsqlDataSourceBuilder(PostgreSqlConnection.ForPool(connectionString)).Build();
        return new Database(dataSource.CreateConnection, SqlDialect.PostgreSql, PostgreSqlConnection.Location(connectionString), readOnly);
    }

    /// <summary>
    /// An open pooled connection with the session set up; the caller disposes it (returning it to the pool). Inside a
    /// shared transaction (<see cref="InOneTransactionAsync{T}"/>) it is that transaction's connection, lent.
    /// </summary>
    internal Task<DbConnection> ConnectAsync(CancellationToken ct) =>
        _shared.Value is { Active: true } shared ? Task.FromResult<DbConnection>(new LentConnection(shared)) : ConnectOwnAsync(ct);

    /// <summary>
    /// A pooled connection of its own even inside a shared transaction: for statements that cannot run in a
    /// transaction block (PostgreSQL's <c>VACUUM</c>); they see only what was committed before.
    /// </summary>
    internal async Task<DbConnection> ConnectOwnAsync(CancellationToken ct)
    {
        var conn = _create();
        try
        {
            await conn.OpenAsync(ct);
            // One batch: a pooled connection is reopened for every call, so this runs on the hot path.
            if (_setup.Length > 0) await Sql.ExecAsync(conn, null, _setup, ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private async Task MigrateAsync(int? upTo, CancellationToken ct)
    {
        var steps = Dialect.Migrations;
        int last = upTo ?? int.MaxValue;
        await using var conn = await ConnectAsync(ct);
        // Two processes opening a new database at once: the second waits here, then finds the steps done.
        foreach (string sql in Dialect.MigrationLock) await Sql.ExecAsync(conn, null, sql, ct);
        try
        {
            await MigrateLockedAsync(conn, steps, last, ct);
        }
        catch
        {
            // The step's error is the one to report; a lock not released here is released with the session.
            try
            {
                foreach (string sql in Dialect.MigrationUnlock) await Sql.ExecAsync(conn, null, sql, CancellationToken.None);
            }
            catch (DbException)
            {
            }
            throw;
        }
        foreach (string sql in Dialect.MigrationUnlock) await Sql.ExecAsync(conn, null, sql, ct);
    }

    private async Task MigrateLockedAsync(DbConnection conn, IReadOnlyList<MigrationStep> steps, int last, CancellationToken ct)
    {
        await Sql.ExecAsync(conn, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", ct);
        // Steps are matched by version, not position: numbers given out to parallel branches leave gaps until all are merged.
        var applied = (await Sql.ListAsync(conn, "SELECT version FROM schema_migrations", r => r.GetInt64(0), ct)).ToHashSet();
        long current = applied.Count == 0 ? 0 : applied.Max();
        int known = steps.Count == 0 ? 0 : steps.Max(s => s.Version);
        if (current > known)
            throw new DatabaseOpenException(string.Create(CultureInfo.InvariantCulture,
                $"{Location}: the database is at schema version {current}, newer than this İcmal knows ({known}); use a newer İcmal"), null);
        foreach (var step in steps.Where(s => !applied.Contains(s.Version) && s.Version <= last))
        {
            try
            {
                await RunStepAsync(conn, step, ct);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                throw new DatabaseOpenException(string.Create(CultureInfo.InvariantCulture,
                    $"{Location}: migration step {step.Version} failed and was rolled back: {e.Message}"), e);
            }
        }
    }

    private async Task RunStepAsync(DbConnection conn, MigrationStep step, CancellationToken ct)
    {
        // Outside the transaction: SQLite ignores PRAGMA foreign_keys inside one.
        if (step.RebuildsTables) foreach (string sql in Dialect.ForeignKeysOff) await Sql.ExecAsync(conn, null, sql, ct);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            foreach (string sql in step.Statements)
            {
                await using var cmd = Sql.Command(conn, tx, sql);
                cmd.CommandTimeout = Dialect.MigrationCommandTimeout;
                await cmd.ExecuteNonQueryAsync(ct);
            }
            if (step.RebuildsTables && Dialect.ForeignKeyCheck is { } check)
            {
                await using var cmd = Sql.Command(conn, tx, check);
                await using var broken = await cmd.ExecuteReaderAsync(ct);
                if (await broken.ReadAsync(ct))
                    throw new InvalidOperationException($"a row of {broken.GetValue(0)} refers to a missing row of {broken.GetValue(2)}");
            }
            await Sql.ExecAsync(conn, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", ct,
                ("@v", step.Version), ("@at", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
            await tx.CommitAsync(ct);
        }
        finally
        {
            if (step.RebuildsTables) foreach (string sql in Dialect.ForeignKeysOn) await Sql.ExecAsync(conn, null, sql, ct);
        }
    }

    public override string ToString() => $"{Dialect.Name}:{Location}";
}
