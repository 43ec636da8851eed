using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// A database opened for reading only: a read-only portal (<c>icmal serve --read-only</c>) on a streaming replica,
/// which refuses every write, or on the primary or a SQLite file it must not change. Nothing is created or migrated:
/// the schema's version is checked instead, and a replica behind this İcmal is one clear error.
/// </summary>
public sealed partial class Database
{
    /// <summary>PostgreSQL's SQLSTATE for a write in a read-only transaction (a hot standby, or default_transaction_read_only).</summary>
    private const string ReadOnlySqlTransaction = "25006";

    /// <summary>SQLite's SQLITE_READONLY: a write on a connection opened read-only.</summary>
    private const int SqliteReadOnly = 8;

    /// <summary>True when opened by <see cref="OpenReadOnlyAsync"/>: every write is refused by the engine itself.</summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// Opens the database a setting names for reading only. SQLite: the file must exist and is opened read-only.
    /// PostgreSQL: every session is read-only (<c>default_transaction_read_only</c>), so even a primary is not written.
    /// The schema must be exactly this İcmal's: older is a replica whose primary has not been upgraded yet (or a file no
    /// writing İcmal has opened since an upgrade), newer needs a newer İcmal; both are a <see cref="DatabaseOpenException"/>.
    /// </summary>
    public static async Task<Database> OpenReadOnlyAsync(DatabaseSetting setting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(setting);
        Database database;
        if (setting.Engine == DatabaseEngine.PostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(setting.Target);
            builder.Options = string.Join(' ', new[] { builder.Options, "-c default_transaction_read_only=on" }.Where(o => !string.IsNullOrWhiteSpace(o)));
            database = PostgreSql(builder.ConnectionString, readOnly: true);
        }
        else
        {
            if (!File.Exists(setting.Target))
                throw new DatabaseOpenException($"{setting.Target}: no database there; a read-only İcmal serves an existing archive and creates none", null);
            string cs = new SqliteConnectionStringBuilder
            {
                DataSource = setting.Target,
                Mode = SqliteOpenMode.ReadOnly,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            database = new Database(() => new SqliteConnection(cs), SqlDialect.Sqlite, setting.Target, readOnly: true);
        }
        long version;
        try
        {
            await using var conn = await database.ConnectAsync(ct);
            bool hasSchema = await Sql.Int64Async(conn, null, database.Dialect.SchemaTableCount, ct) > 0;
            if (!hasSchema)
                throw new DatabaseOpenException($"{database.Location}: not an İcmal database yet (no schema); a read-only İcmal creates none: "
                    + "start a writing İcmal (icmal serve) on the primary first", null);
            version = await Sql.Int64Async(conn, null, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", ct);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            throw new DatabaseOpenException($"{database.Location}: can not open the database for reading: {e.Message}", e);
        }
        int expected = database.Dialect.Migrations[^1].Version;
        if (version < expected)
            throw new DatabaseOpenException(string.Create(CultureInfo.InvariantCulture,
                $"{database.Location}: the database is at schema version {version}, older than this İcmal's ({expected}), and a read-only İcmal does not upgrade it: upgrade the primary (start this İcmal on it without --read-only) and wait for the replica to follow"), null);
        if (version > expected)
            throw new DatabaseOpenException(string.Create(CultureInfo.InvariantCulture,
                $"{database.Location}: the database is at schema version {version}, newer than this İcmal knows ({expected}); use a newer İcmal"), null);
        return database;
    }

    /// <summary>
    /// True when <paramref name="error"/> is the engine refusing a write because the database is read-only (a hot
    /// standby, a read-only session or file): a read-only portal answers it as "unavailable here", not as a fault.
    /// </summary>
    public static bool RefusedAsReadOnly(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: ReadOnlySqlTransaction } or SqliteException { SqliteErrorCode: SqliteReadOnly }) return true;
        }
        return false;
    }
}
