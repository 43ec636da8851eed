using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Icmal.Storage;

/// <summary>
/// SQLite: instants are INTEGER UTC Unix milliseconds (compared as numbers, indexed as numbers, never as text),
/// booleans are INTEGER 0/1, a list of values travels as one JSON array read with <c>json_each</c>.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    internal SqliteDialect()
    {
    }

    public override string Name => "sqlite";

    public override string Position(string haystack, string needle) => $"instr({haystack}, {needle})";
    public override string IdentityPrimaryKey => "INTEGER PRIMARY KEY";
    public override string BlobType => "BLOB";
    public override string TimeType => "INTEGER";
    public override string BooleanType => "INTEGER";

    /// <summary>
    /// The highest article id: articles are never deleted and SQLite hands out ids one past the highest, so it is the
    /// count unless an insert was rolled back at the very end (one seek on the primary key).
    /// </summary>
    internal override string EstimatedArticleCount => "SELECT MAX(id) FROM articles";
    public override string True => "1";
    public override string False => "0";

    /// <summary>WAL: readers never block the writer, and a commit survives a killed process.</summary>
    public override IReadOnlyList<string> DatabaseSetup { get; } = ["PRAGMA journal_mode = WAL"];

    /// <summary>
    /// synchronous=NORMAL is durable against a process crash in WAL mode; only a power loss may drop the last commits.
    /// mmap_size: the database file is read through a memory map instead of a pread into each connection's own 2 MB
    /// page cache; a search walks megabytes of FTS5 doclists, and at 589,000 articles a quarter of its CPU went to the
    /// kernel copying the same pages into that cache again on every query (<c>perf</c>; docs/benchmarks.md).
    /// SQLite caps the size at its compile-time maximum.
    /// </summary>
    public override IReadOnlyList<string> ConnectionSetup { get; } =
        ["PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 10000", $"PRAGMA mmap_size = {MmapBytes}", "PRAGMA cache_size = -65536"];

    /// <summary>How much of the database file a connection maps (address space, not memory: the pages are the OS's file cache).</summary>
    public const long MmapBytes = 1L << 36;

    public override string BeginWrite => "BEGIN IMMEDIATE";

    public override IReadOnlyList<MigrationStep> Migrations => SqliteMigrations.Steps;

    public override object Time(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    private protected override System.Data.DbType TimeDbType => System.Data.DbType.Int64;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
    }

    /// <summary>INTEGER 0 or 1.</summary>
    public override bool ReadBoolean(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetInt64(ordinal) != 0;
    }

    internal override void DiscardBroken(DbConnection conn)
    {
        if (conn is SqliteConnection sqlite) SqliteConnection.ClearPool(sqlite);
    }

    internal override string SchemaTableCount => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

    public override string InList(string expression, string parameter) => $"{expression} IN (SELECT value FROM json_each({parameter}))";

    public override string ListRows(string parameter) => $"json_each({parameter})";

    /// <summary>Nothing: a statement that writes holds the one write lock of the file from its first step.</summary>
    public override string SkipLockedRows => "";

    public override object ListValue(IReadOnlyCollection<string> values) => JsonSerializer.Serialize(values, StorageJson.Context.IReadOnlyCollectionString);

    public override object ListValue(IReadOnlyCollection<long> values) => JsonSerializer.Serialize(values, StorageJson.Context.IReadOnlyCollectionInt64);

    /// <summary>FTS5 in the same file (<see cref="SqliteFts5SearchEngine"/>).</summary>
    internal override SearchEngine Search { get; } = new SqliteFts5SearchEngine();

    /// <summary>None: the stores' portable statements cost no round trip here (<see cref="SqliteBatchWriters"/>).</summary>
    internal override BatchWriters Batches { get; } = new SqliteBatchWriters();

    public override IReadOnlyList<string> ForeignKeysOff { get; } = ["PRAGMA foreign_keys = OFF"];
    public override IReadOnlyList<string> ForeignKeysOn { get; } = ["PRAGMA foreign_keys = ON"];
    public override string? ForeignKeyCheck => "PRAGMA foreign_key_check";
}
