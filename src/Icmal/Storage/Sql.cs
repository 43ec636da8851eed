using System.Data;
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
        // A store's part of a shared transaction (Database.InOneTransactionAsync) runs in the connection's own.
        cmd.Transaction = tx is Database.PartTransaction ? null : tx;
#pragma warning disable CA2100 // Statements are constants of the stores; every value goes through a parameter.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            if (value is TypedNull typed) p.DbType = typed.Type;
            p.Value = value is null or TypedNull ? DBNull.Value : value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>
    /// A NULL that says its type. PostgreSQL must know every parameter's type when it plans a statement, and an untyped
    /// NULL used only where no column gives it one (<c>@p IS NULL OR col = @p</c>, <c>CASE WHEN @p IS NULL</c>) fails
    /// with "could not determine data type"; a value that may be null in such a place goes through <see cref="Nullable(long?)"/>
    /// or <see cref="Nullable(string?)"/> (times through <see cref="SqlDialect.TimeOrNull"/>). SQLite ignores the type.
    /// </summary>
    internal sealed record TypedNull(DbType Type);

    private static readonly TypedNull NullInt64 = new(DbType.Int64);
    private static readonly TypedNull NullText = new(DbType.String);

    /// <summary>A number, or a NULL typed as a 64-bit integer.</summary>
    public static object Nullable(long? value) => value is { } v ? v : NullInt64;

    /// <summary>A text, or a NULL typed as text.</summary>
    public static object Nullable(string? value) => value ?? (object)NullText;

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
