using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Icmal.Storage;

/// <summary>An archive copy that can not start or go on: the message names the database or table and the problem.</summary>
public sealed class ArchiveCopyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Where a copy is: a table being copied or compared, or the search index being rebuilt.</summary>
public sealed record CopyProgress(string Stage, long Done, long Total);

/// <summary>One table compared after the copy: its rows and content hash on each side.</summary>
public sealed record TableCheck(string Table, long SourceRows, long TargetRows, string SourceHash, string TargetHash)
{
    public bool Matches => SourceRows == TargetRows && string.Equals(SourceHash, TargetHash, StringComparison.Ordinal);
}

/// <summary>What a copy did: rows copied now (0 on a run that found everything there), articles indexed, each table's check.</summary>
public sealed record CopyReport(long RowsCopied, bool Resumed, long Indexed, IReadOnlyList<TableCheck> Checks)
{
    public bool Verified => Checks.All(c => c.Matches);
}

/// <summary>
/// Moves an archive from SQLite to PostgreSQL (<c>icmal migrate</c>): every table, ids kept (identity sequences set
/// past them), in batches of one transaction each, then the search index rebuilt by the target's own engine, then
/// every table compared by row count and a content hash of its rows in key order.
/// </summary>
/// <remarks>
/// Resumable: each batch commits the next rows in key order, so a copy killed at any point is continued by the next
/// run from the last row the target has, and none is copied twice. The target records which archive it receives
/// (<see cref="StageSetting"/>, the source's <see cref="ArchiveIdSetting"/>), so a run never mixes two archives: a
/// target holding anything else is refused before a row is written. Writers on the source should be stopped while
/// moving; rows changed after they were copied show as a mismatch in the check.
/// </remarks>
public sealed class ArchiveCopier
{
    /// <summary>The target's record of the copy: "ARCHIVE-ID STAGE" (copying, indexing, verified).</summary>
    internal const string StageSetting = "migrate_state";

    /// <summary>An archive's identity, made on the first copy of it and carried along with its settings.</summary>
    internal const string ArchiveIdSetting = "archive_id";

    /// <summary>Rows, and bytes of values, per transaction of the copy (rows settable for the tests of resuming).</summary>
    internal int BatchRows { get; set; } = 2000;

    private const long BatchBytes = 32L << 20;

    private readonly Database _source;
    private readonly Database _target;

    private ArchiveCopier(Database source, Database target)
    {
        _source = source;
        _target = target;
    }

    /// <summary>
    /// Opens both ends: the source must be an existing İcmal SQLite archive (brought to this İcmal's schema, as any
    /// command does), the target a PostgreSQL database (its schema made or brought up to date).
    /// </summary>
    public static async Task<ArchiveCopier> OpenAsync(DatabaseSetting from, DatabaseSetting to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Engine != DatabaseEngine.Sqlite)
            throw new ArchiveCopyException($"the source {from} is not a SQLite archive; expected --from sqlite:PATH");
        if (to.Engine != DatabaseEngine.PostgreSql)
            throw new ArchiveCopyException($"the target {to} is not a PostgreSQL database; expected --to postgresql://USER@HOST/DATABASE");
        await CheckSourceAsync(from.Target, ct);
        var source = await Database.OpenAsync(from, ct);
        var target = await Database.OpenAsync(to, ct);
        return new ArchiveCopier(source, target);
    }

    /// <summary>A file that is not there, not SQLite, or not İcmal's, is named before anything opens (and creates) it.</summary>
    private static async Task CheckSourceAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new ArchiveCopyException($"{path}: no such archive");
        try
        {
            await using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await conn.OpenAsync(ct);
            if (await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'articles')", ct) < 2)
                throw new ArchiveCopyException($"{path}: not an İcmal archive (no schema_migrations and articles tables)");
        }
        catch (SqliteException e)
        {
            throw new ArchiveCopyException($"{path}: not a SQLite database ({e.Message})", e);
        }
    }

    /// <summary>Copies (or continues a copy), rebuilds the target's search index, and compares every table.</summary>
    public async Task<CopyReport> CopyAsync(IProgress<CopyProgress>? progress, CancellationToken ct)
    {
        string archive = await ArchiveIdAsync(ct);
        string? stage = await ClaimTargetAsync(archive, ct);
        bool resumed = stage is not null;
        var columns = new Dictionary<string, IReadOnlyList<CopiedColumn>>(StringComparer.Ordinal);
        foreach (var table in CopiedTable.All) columns[table.Name] = await ColumnsAsync(table, ct);

        long copied = 0;
        long articles = 0;
        foreach (var table in CopiedTable.All)
        {
            long rows = await CopyTableAsync(table, columns[table.Name], progress, ct);
            copied += rows;
            if (table.Name == "articles") articles = rows;
        }
        await SetSequencesAsync(ct);

        var search = new SearchStore(_target);
        // A first run, or new articles since the index was rebuilt: index every article (a run killed while
        // indexing goes on from where the catch-up stopped).
        if (stage is null or "copying" || articles > 0)
        {
            await search.ResetAsync(ct);
            await SetStageAsync(archive, "indexing", ct);
        }
        long indexed = await search.CatchUpAsync(new ItemErrorStore(_target), progress is null ? null : new Relay(progress, "search index"), ct);

        var checks = new List<TableCheck>();
        foreach (var table in CopiedTable.All) checks.Add(await CheckAsync(table, columns[table.Name], progress, ct));
        var report = new CopyReport(copied, resumed, indexed, checks);
        if (report.Verified) await SetStageAsync(archive, "verified", ct);
        return report;
    }

    /// <summary>The source's archive id, made and stored there on its first copy.</summary>
    private async Task<string> ArchiveIdAsync(CancellationToken ct)
    {
        var settings = new SettingStore(_source);
        if (await settings.GetAsync(ArchiveIdSetting, ct) is { } id) return id;
        id = Guid.NewGuid().ToString("N");
        await settings.SetAsync(ArchiveIdSetting, id, ct);
        return id;
    }

    /// <summary>
    /// Makes sure the target is empty or an unfinished (or finished) copy of this archive, and marks it as receiving
    /// it; returns the stage it was at (null for an empty target).
    /// </summary>
    private async Task<string?> ClaimTargetAsync(string archive, CancellationToken ct)
    {
        await using var conn = await _target.ConnectAsync(ct);
        var marker = await Sql.ScalarAsync(conn, null, "SELECT value FROM settings WHERE key = @k", ct, ("@k", StageSetting)) as string;
        if (marker is not null)
        {
            string[] parts = marker.Split(' ', 2);
            if (parts.Length == 2 && string.Equals(parts[0], archive, StringComparison.Ordinal)) return parts[1];
            throw new ArchiveCopyException($"{_target.Location} holds a copy of another archive (not of {_source.Location}); move into an empty database");
        }
        foreach (var table in CopiedTable.All)
        {
            var (filter, parameters) = (table.Filter, table.FilterParameters);
            long rows = await Sql.Int64Async(conn, null, $"SELECT COUNT(*) FROM (SELECT 1 FROM {table.Name}{Where(filter)} LIMIT 1) AS any_row", ct, parameters);
            if (rows > 0)
                throw new ArchiveCopyException($"{_target.Location} already holds data (table {table.Name} is not empty) that is not a copy of {_source.Location}; move into an empty database");
        }
        await SetStageAsync(archive, "copying", ct);
        return null;
    }

    private async Task SetStageAsync(string archive, string stage, CancellationToken ct) =>
        await new SettingStore(_target).SetAsync(StageSetting, archive + " " + stage, ct);

    /// <summary>The columns both ends have, typed by the target's schema; a source column without a place is an error.</summary>
    private async Task<IReadOnlyList<CopiedColumn>> ColumnsAsync(CopiedTable table, CancellationToken ct)
    {
        await using var source = await _source.ConnectAsync(ct);
        var names = await Sql.ListAsync(source, "SELECT name FROM pragma_table_info(@t)", r => r.GetString(0), ct, ("@t", table.Name));
        await using var target = await _target.ConnectAsync(ct);
        var types = (await Sql.ListAsync(target, """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @t ORDER BY ordinal_position
            """, r => (Name: r.GetString(0), Type: r.GetString(1)), ct, ("@t", table.Name))).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var columns = new List<CopiedColumn>();
        foreach (string name in names)
        {
            if (!types.TryGetValue(name, out string? type))
                throw new ArchiveCopyException($"{_target.Location}: table {table.Name} has no column {name}, which the source has; use the same İcmal version on both");
            var kind = CopiedColumn.KindOf(type)
                ?? throw new ArchiveCopyException($"{_target.Location}: column {table.Name}.{name} is of type {type}, which İcmal does not copy");
            columns.Add(new CopiedColumn(name, kind));
        }
        return columns;
    }

    /// <summary>Copies the rows after the last one the target has, in batches of one transaction; returns how many.</summary>
    private async Task<long> CopyTableAsync(CopiedTable table, IReadOnlyList<CopiedColumn> columns, IProgress<CopyProgress>? progress, CancellationToken ct)
    {
        await using var target = await _target.ConnectAsync(ct);
        await using var source = await _source.ConnectAsync(ct);
        long total = await Sql.Int64Async(source, null, $"SELECT COUNT(*) FROM {table.Name}{Where(table.Filter)}", ct, table.FilterParameters);
        long present = await Sql.Int64Async(target, null, $"SELECT COUNT(*) FROM {table.Name}{Where(table.Filter)}", ct, table.FilterParameters);
        var last = await LastKeyAsync(target, table, columns, ct);
        progress?.Report(new CopyProgress(table.Name, present, total));

        string list = string.Join(", ", columns.Select(c => c.Name));
        var conditions = new List<string>();
        if (table.Filter.Length > 0) conditions.Add(table.Filter);
        if (last is not null) conditions.Add($"({string.Join(", ", table.Key)}) > ({string.Join(", ", table.Key.Select((_, i) => "@k" + i.ToString(CultureInfo.InvariantCulture)))})");
        var parameters = table.FilterParameters.Concat(last is null ? [] : last.Select((v, i) => ("@k" + i.ToString(CultureInfo.InvariantCulture), v))).ToArray();
        await using var cmd = Sql.Command(source, null,
            $"SELECT {list} FROM {table.Name}{Where(string.Join(" AND ", conditions))} ORDER BY {table.OrderBy(SqlDialect.Sqlite, columns)}", parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);

        long copied = 0;
        var values = new object?[columns.Count];
        while (true)
        {
            int rows = 0;
            long bytes = 0;
            bool more = true;
            await using (var batch = await PostgreSqlArchiveWriter.BeginAsync(target, table, columns, ct))
            {
                while (rows < BatchRows && bytes < BatchBytes && (more = await reader.ReadAsync(ct)))
                {
                    ReadRow(reader, table, columns, values);
                    await batch.WriteRowAsync(values, ct);
                    for (int i = 0; i < columns.Count; i++)
                        bytes += values[i] switch { string s => s.Length * 2L, byte[] b => b.Length, _ => 8 };
                    rows++;
                }
                if (rows == 0) break;
                await batch.CommitAsync(ct);
            }
            copied += rows;
            progress?.Report(new CopyProgress(table.Name, present + copied, Math.Max(total, present + copied)));
            if (!more) break;
        }
        return copied;
    }

    private static void ReadRow(DbDataReader reader, CopiedTable table, IReadOnlyList<CopiedColumn> columns, object?[] values)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            try
            {
                values[i] = columns[i].Read(reader, i, SqlDialect.Sqlite);
            }
            catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
            {
                throw new ArchiveCopyException($"table {table.Name}, column {columns[i].Name}: the value {reader.GetValue(i)} is not a {columns[i].Kind} ({e.Message})", e);
            }
        }
    }

    /// <summary>The key of the last row (in key order) the target has, or null when it has none.</summary>
    private static async Task<object?[]?> LastKeyAsync(DbConnection target, CopiedTable table, IReadOnlyList<CopiedColumn> columns, CancellationToken ct)
    {
        var keyColumns = table.Key.Select(k => columns.First(c => c.Name == k)).ToList();
        string order = string.Join(", ", table.OrderBy(SqlDialect.PostgreSql, columns).Split(", ").Select(k => k + " DESC"));
        await using var cmd = Sql.Command(target, null,
            $"SELECT {string.Join(", ", table.Key)} FROM {table.Name}{Where(table.Filter)} ORDER BY {order} LIMIT 1", table.FilterParameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return keyColumns.Select((c, i) => c.Read(reader, i, SqlDialect.PostgreSql)).ToArray();
    }

    /// <summary>Identity columns go on after the copied ids, so rows the target stores later never collide with them.</summary>
    private async Task SetSequencesAsync(CancellationToken ct)
    {
        await using var conn = await _target.ConnectAsync(ct);
        foreach (var table in CopiedTable.All.Where(t => t.HasIdentity))
            await Sql.ExecAsync(conn, null,
                $"SELECT setval(pg_get_serial_sequence('{table.Name}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM {table.Name}), false)", ct);
    }

    /// <summary>Counts and hashes a table's rows in key order on both ends.</summary>
    private async Task<TableCheck> CheckAsync(CopiedTable table, IReadOnlyList<CopiedColumn> columns, IProgress<CopyProgress>? progress, CancellationToken ct)
    {
        string stage = "check " + table.Name;
        var (sourceRows, sourceHash) = await HashAsync(_source, table, columns, progress, stage, ct);
        var (targetRows, targetHash) = await HashAsync(_target, table, columns, null, stage, ct);
        progress?.Report(new CopyProgress(stage, sourceRows, sourceRows));
        return new TableCheck(table.Name, sourceRows, targetRows, sourceHash, targetHash);
    }

    private static async Task<(long Rows, string Hash)> HashAsync(Database database, CopiedTable table, IReadOnlyList<CopiedColumn> columns,
        IProgress<CopyProgress>? progress, string stage, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var conn = await database.ConnectAsync(ct);
        long total = progress is null ? 0 : await Sql.Int64Async(conn, null, $"SELECT COUNT(*) FROM {table.Name}{Where(table.Filter)}", ct, table.FilterParameters);
        await using var cmd = Sql.Command(conn, null,
            $"SELECT {string.Join(", ", columns.Select(c => c.Name))} FROM {table.Name}{Where(table.Filter)} ORDER BY {table.OrderBy(database.Dialect, columns)}",
            table.FilterParameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            for (int i = 0; i < columns.Count; i++) CopiedColumn.Hash(hash, columns[i].Read(reader, i, database.Dialect));
            if (++rows % 10_000 == 0) progress?.Report(new CopyProgress(stage, rows, total));
        }
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Where(string condition) => condition.Length == 0 ? "" : " WHERE " + condition;

    /// <summary>The search catch-up's (done, total) as this copy's progress.</summary>
    private sealed class Relay(IProgress<CopyProgress> progress, string stage) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => progress.Report(new CopyProgress(stage, value.Done, value.Total));
    }
}
