using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Icmal.Storage;

/// <summary>How a column's values travel between engines, from the target column's type.</summary>
internal enum ColumnKind
{
    Int32,
    Int64,
    Double,
    Boolean,
    Time,
    Text,
    Bytes,
}

/// <summary>A column copied: its name and kind.</summary>
internal sealed record CopiedColumn(string Name, ColumnKind Kind)
{
    /// <summary>
    /// The value at <paramref name="ordinal"/> as one CLR value whatever the engine stores (SQLite keeps instants as
    /// Unix milliseconds and booleans as 0/1): int, long, double, bool, a UTC DateTimeOffset, string, byte[] or null.
    /// </summary>
    public object? Read(DbDataReader reader, int ordinal, SqlDialect dialect)
    {
        if (reader.IsDBNull(ordinal)) return null;
        return Kind switch
        {
            ColumnKind.Int32 => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture),
            ColumnKind.Int64 => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture),
            ColumnKind.Double => reader.GetDouble(ordinal),
            ColumnKind.Boolean => dialect.ReadBoolean(reader, ordinal),
            ColumnKind.Time => dialect.ReadTime(reader, ordinal).ToUniversalTime(),
            ColumnKind.Text => reader.GetString(ordinal),
            _ => reader.GetFieldValue<byte[]>(ordinal),
        };
    }

    /// <summary>Adds a value read by <see cref="Read"/> to a row hash, the same bytes on either engine.</summary>
    public static void Hash(IncrementalHash hash, object? value)
    {
        Span<byte> buffer = stackalloc byte[9];
        buffer[0] = value is null ? (byte)0 : (byte)1;
        switch (value)
        {
            case null:
                hash.AppendData(buffer[..1]);
                return;
            case int i: Append(hash, buffer, i); return;
            case long l: Append(hash, buffer, l); return;
            case double d: Append(hash, buffer, BitConverter.DoubleToInt64Bits(d)); return;
            case bool b: Append(hash, buffer, b ? 1 : 0); return;
            case DateTimeOffset t: Append(hash, buffer, t.ToUnixTimeMilliseconds()); return;
            case string s: AppendBytes(hash, buffer, Encoding.UTF8.GetBytes(s)); return;
            case byte[] bytes: AppendBytes(hash, buffer, bytes); return;
            default: throw new InvalidOperationException($"no hash for a {value.GetType().Name}");
        }
    }

    private static void Append(IncrementalHash hash, Span<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer[1..], value);
        hash.AppendData(buffer);
    }

    private static void AppendBytes(IncrementalHash hash, Span<byte> buffer, byte[] bytes)
    {
        Append(hash, buffer, bytes.Length);
        hash.AppendData(bytes);
    }

    /// <summary>The kind of a PostgreSQL column by its information_schema data_type; null for a type İcmal never uses.</summary>
    public static ColumnKind? KindOf(string dataType) => dataType switch
    {
        "integer" or "smallint" => ColumnKind.Int32,
        "bigint" => ColumnKind.Int64,
        "double precision" or "real" => ColumnKind.Double,
        "boolean" => ColumnKind.Boolean,
        "timestamp with time zone" => ColumnKind.Time,
        "text" or "character varying" => ColumnKind.Text,
        "bytea" => ColumnKind.Bytes,
        _ => null,
    };
}

/// <summary>
/// A table an archive copy moves, with the key its rows are copied, resumed and compared in (the primary key, so
/// both engines walk it by index and a resumed copy starts after the last row the target has).
/// </summary>
internal sealed record CopiedTable(string Name, IReadOnlyList<string> Key, bool HasIdentity)
{
    /// <summary>
    /// Every table of an archive, parents before the rows that refer to them. The search index is not among them: it
    /// is rebuilt on the target by its own engine. Settings are copied whole, apart from those of the search index's
    /// catch-up (engine-specific bookkeeping) and of the copy itself.
    /// </summary>
    public static IReadOnlyList<CopiedTable> All { get; } =
    [
        new("settings", ["key"], false),
        new("sources", ["id"], true),
        new("source_endpoints", ["id"], true),
        new("documents", ["id"], true),
        new("stories", ["id"], true),
        new("articles", ["id"], true),
        new("article_copies", ["article_id"], false),
        new("article_sketches", ["article_id"], false),
        new("article_sketch_keys", ["sketch_key", "article_id"], false),
        new("article_categories", ["article_id"], false),
        new("fetches", ["id"], true),
        new("seen_urls", ["canonical_url"], false),
        new("item_errors", ["id"], true),
        new("entities", ["id"], true),
        new("entity_words", ["word", "entity_id"], false),
        new("article_entities", ["article_id", "entity_id"], false),
        new("article_quotes", ["article_id", "position"], false),
        new("article_figures", ["article_id", "position"], false),
        new("article_facts", ["article_id"], false),
        new("article_views", ["article_id", "day"], false),
    ];

    /// <summary>
    /// Settings that are not the archive's: the search catch-up's and the copy's own markers, and PostgreSQL's count of
    /// key writes (<see cref="KeyWriteStep"/>: its trigger counts the copy's own writes into the target).
    /// </summary>
    public static IReadOnlyList<string> LocalSettings { get; } =
        [SearchStore.CatchUpToSetting, SearchStore.CatchUpDoneSetting, ArchiveCopier.StageSetting, KeyWriteStep.KeyWritesSetting];

    /// <summary>The rows copied and compared: for settings, all but <see cref="LocalSettings"/>.</summary>
    public string Filter => Name == "settings" ? "key NOT IN (@l0, @l1, @l2, @l3)" : "";

    public (string, object?)[] FilterParameters => Name == "settings"
        ? [("@l0", LocalSettings[0]), ("@l1", LocalSettings[1]), ("@l2", LocalSettings[2]), ("@l3", LocalSettings[3])]
        : [];

    /// <summary>ORDER BY of the key, text keys in byte order on every engine (<see cref="SqlDialect.BytewiseOrder"/>).</summary>
    public string OrderBy(SqlDialect dialect, IReadOnlyList<CopiedColumn> columns) =>
        string.Join(", ", Key.Select(k => columns.First(c => c.Name == k).Kind == ColumnKind.Text ? dialect.BytewiseOrder(k) : k));
}
