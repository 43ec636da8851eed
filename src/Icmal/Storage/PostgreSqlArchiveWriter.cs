using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Icmal.Storage;

/// <summary>
/// One batch of the archive copy (<see cref="ArchiveCopier"/>, <c>icmal migrate</c>) written into PostgreSQL: a
/// transaction holding one binary COPY of the table's rows, each value sent as the target column's type. Disposed
/// without <see cref="CommitAsync"/>, the COPY is cancelled and the transaction rolled back, so nothing of the batch stays.
/// </summary>
/// <remarks>Npgsql's binary import lives here, so the copier itself is written over the connection factory only.</remarks>
internal sealed class PostgreSqlArchiveWriter : IAsyncDisposable
{
    private readonly DbTransaction _tx;
    private readonly NpgsqlBinaryImporter _import;
    private readonly NpgsqlDbType[] _types;
    private readonly CopiedTable _table;

    private PostgreSqlArchiveWriter(DbTransaction tx, NpgsqlBinaryImporter import, NpgsqlDbType[] types, CopiedTable table)
    {
        _tx = tx;
        _import = import;
        _types = types;
        _table = table;
    }

    /// <summary>Begins a transaction on <paramref name="target"/> (a connection of a PostgreSQL database) and a COPY of <paramref name="columns"/> into the table.</summary>
    public static async Task<PostgreSqlArchiveWriter> BeginAsync(DbConnection target, CopiedTable table, IReadOnlyList<CopiedColumn> columns, CancellationToken ct)
    {
        var pg = target as NpgsqlConnection
            ?? throw new ArchiveCopyException($"the copy's target is not a PostgreSQL connection ({target.GetType().Name})");
        var tx = await pg.BeginTransactionAsync(ct);
        try
        {
            string list = string.Join(", ", columns.Select(c => c.Name));
            var import = await pg.BeginBinaryImportAsync($"COPY {table.Name} ({list}) FROM STDIN (FORMAT BINARY)", ct);
            return new PostgreSqlArchiveWriter(tx, import, columns.Select(c => TypeOf(c.Kind)).ToArray(), table);
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes one row: values as <see cref="CopiedColumn.Read"/> gives them, in the columns' order.</summary>
    public async Task WriteRowAsync(object?[] values, CancellationToken ct)
    {
        await _import.StartRowAsync(ct);
        for (int i = 0; i < _types.Length; i++)
        {
            if (values[i] is null) await _import.WriteNullAsync(ct);
            else await _import.WriteAsync(values[i], _types[i], ct);
        }
    }

    /// <summary>Ends the COPY and commits; a row the target refuses (a key it has, a missing parent) is named as the copy's error.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        try
        {
            await _import.CompleteAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new ArchiveCopyException(
                $"table {_table.Name}: {e.MessageText} ({e.Detail}); the target was written to besides this copy, or the source changed under it", e);
        }
        await _import.DisposeAsync();
        await _tx.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _import.DisposeAsync();
        await _tx.DisposeAsync();
    }

    /// <summary>The target column's type of a kind, for the binary copy.</summary>
    private static NpgsqlDbType TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Int32 => NpgsqlDbType.Integer,
        ColumnKind.Int64 => NpgsqlDbType.Bigint,
        ColumnKind.Double => NpgsqlDbType.Double,
        ColumnKind.Boolean => NpgsqlDbType.Boolean,
        ColumnKind.Time => NpgsqlDbType.TimestampTz,
        ColumnKind.Text => NpgsqlDbType.Text,
        _ => NpgsqlDbType.Bytea,
    };
}
