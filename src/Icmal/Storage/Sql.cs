using System.Buffers;
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

    /// <summary>
    /// The brotli quality of archived documents. 3 rather than <see cref="CompressionLevel.Optimal"/> (4): of an
    /// import's 10,000 JSON articles 35 % less CPU for 0.7 % more bytes, of 600 crawled HTML pages 30 % less for
    /// 4.5 % more (docs/benchmarks.md, pgwrites). Any quality decompresses to the same bytes, so rows written
    /// before keep reading as they did.
    /// </summary>
    internal const int BrotliQuality = 3;

    /// <summary>Brotli's window as <see cref="CompressionLevel.Optimal"/> has it (2^22 bytes).</summary>
    internal const int BrotliWindow = 22;

    /// <summary>The raw bytes brotli-compressed, in one call (no stream, no copy of a growing buffer).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(raw.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(raw, buffer, out int written, BrotliQuality, BrotliWindow))
                throw new InvalidOperationException("brotli could not compress a document into its bound");
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Each document's raw bytes compressed, on every core for a batch: the store runs in the batch's transaction, on
    /// the import's critical path, and a batch's compression is independent per document.
    /// </summary>
    public static byte[][] CompressAll(int count, Func<int, ReadOnlyMemory<byte>> raw)
    {
        var compressed = new byte[count][];
        if (count < 8)
        {
            for (int i = 0; i < count; i++) compressed[i] = Compress(raw(i).Span);
        }
        else Parallel.For(0, count, i => compressed[i] = Compress(raw(i).Span));
        return compressed;
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
