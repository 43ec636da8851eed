using System.Data.Common;
using System.Globalization;
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

    /// <summary>
    /// İcmal writes Unix milliseconds; a file another tool wrote may hold microseconds or nanoseconds (Python's
    /// <c>time_ns</c>, Go's <c>UnixMicro</c>) or ISO 8601 text, and SQLite keeps whatever it is given. A number past the
    /// last millisecond .NET holds (year 9999) is read as microseconds, then nanoseconds, so such a row is shown with its
    /// time instead of failing the page or list that reads it; text that is no time (or a blob) fails with a
    /// <see cref="FormatException"/> saying what it holds (where it was read as 1970 before).
    /// </summary>
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Type stored = reader.GetFieldType(ordinal);
        if (stored == typeof(long)) return FromUnixNumber(reader.GetInt64(ordinal));
        if (stored == typeof(double)) return FromUnixNumber(reader.GetDouble(ordinal));
        if (stored == typeof(string)) return FromText(reader.GetString(ordinal));
        throw new FormatException($"a stored time holds {(stored == typeof(byte[]) ? "a blob" : "no value")}, not a time");
    }

    /// <summary>
    /// Anything but a number of milliseconds in <see cref="DateTimeOffset"/>'s range (see <see cref="ReadTime"/>): SQLite
    /// orders text and blobs above every number, so two ranges say it, and a time column's index can answer them.
    /// </summary>
    internal override string Uncomparable(string column) => string.Create(CultureInfo.InvariantCulture,
        $"({column} < {MinMilliseconds} OR {column} > {MaxMilliseconds})");

    /// <summary>The most milliseconds <see cref="DateTimeOffset"/> holds either side of 1970 (its first and last instants).</summary>
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    internal static DateTimeOffset FromUnixNumber(long value)
    {
        // Milliseconds, else microseconds, else nanoseconds: a long divided by a million always fits (±292 years of 1970).
        if (value >= MinMilliseconds && value <= MaxMilliseconds) return DateTimeOffset.FromUnixTimeMilliseconds(value);
        long micro = value / 1_000;
        return DateTimeOffset.FromUnixTimeMilliseconds(micro >= MinMilliseconds && micro <= MaxMilliseconds ? micro : value / 1_000_000);
    }

    private static DateTimeOffset FromUnixNumber(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 9.2e18 ? FromUnixNumber((long)value)
        : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"a stored time holds the number {value}, not a time"));

    private static DateTimeOffset FromText(string text)
    {
        string trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)) return FromUnixNumber(number);
        // ISO 8601 as SQLite's own date functions and other tools write it ("2025-11-20 10:00:00", "…T10:00:00.123Z",
        // "…+04:00"); without an offset it is UTC, as SQLite's are.
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            && trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0]) && trimmed[4] == '-')
            return parsed.ToUniversalTime();
        string shown = trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed;
        throw new FormatException($"a stored time holds the text \"{shown}\", not a time");
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
