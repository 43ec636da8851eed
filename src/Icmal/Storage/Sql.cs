using System.Data.Common;
using System.Globalization;
using System.IO.Compression;

namespace Icmal.Storage;

/// <summary>
/// The stores' shared plumbing: commands with parameters, scalars, reading rows, brotli for archived bytes. Every
/// value goes through a parameter; statement texts are constants of the stores (or built from dialect fragments).
/// </summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // Statements are constants of the stores; every value goes through a parameter.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public static async Task<int> ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(conn, tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<object?> ScalarAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(conn, tx, sql, parameters);
        object? value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    /// <summary>A scalar that is always a number (a count, an id RETURNING gives).</summary>
    public static async Task<long> Int64Async(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(conn, tx, sql, ct, parameters) ?? 0L, CultureInfo.InvariantCulture);

    /// <summary>A scalar that may be absent (no row, or NULL).</summary>
    public static async Task<long?> Int64OrNullAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters) =>
        await ScalarAsync(conn, tx, sql, ct, parameters) is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

    /// <summary>Every row of a query, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(DbConnection conn, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(conn, null, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await r.ReadAsync(ct)) list.Add(read(r));
        return list;
    }

    /// <summary>Every row of a query in a transaction, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(DbConnection conn, DbTransaction? tx, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(conn, tx, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await r.ReadAsync(ct)) list.Add(read(r));
        return list;
    }

    public static string? StringOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? Int64OrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static int? Int32OrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream(raw.Length / 3 + 64);
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)) brotli.Write(raw);
        return output.ToArray();
    }

    public static byte[] Decompress(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
