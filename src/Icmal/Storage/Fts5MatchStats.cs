using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Icmal.Storage;

/// <summary>
/// An FTS5 auxiliary function, <c>icmal_match_stats(table)</c>, that gives for the current match what BM25 needs and
/// nothing else: the index's row count and token total, the row's length in tokens, and how often each phrase of the
/// query occurs in each column. İcmal ranks with these in code (<see cref="Bm25"/>) instead of FTS5's <c>bm25()</c>,
/// because <c>bm25()</c> learns each phrase's document frequency by walking every match of it in the whole index on
/// every search: at a million articles a common word's walk costs tens of milliseconds, more than the rest of the
/// search, while the frequency it finds changes the order of nothing (one phrase) or can be estimated from its newest
/// thousand matches (several phrases).
/// <para>
/// SQLite's C API has no managed binding for FTS5's extension interface, so this is the one place İcmal calls SQLite
/// natively: the function is registered once per native connection (<see cref="EnsureRegistered"/>) through the
/// <c>fts5_api</c> pointer, and reads the match through <c>Fts5ExtensionApi</c>, both laid out as in <c>fts5.h</c>.
/// </para>
/// </summary>
internal static unsafe partial class Fts5MatchStats
{
    public const string Function = "icmal_match_stats";

    /// <summary>The result's header: row count and token total (two int64), then the row's length (int32).</summary>
    public const int HeaderBytes = 20;

    private const int SqliteOk = 0;
    private const int SqliteTooBig = 18;

    /// <summary>Connections the function is registered on; keyed by the native handle's managed owner, so a closed connection drops out.</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Registered = new();

    /// <summary>Registers the function on <paramref name="conn"/>'s native connection unless it is already.</summary>
    public static void EnsureRegistered(SqliteConnection conn)
    {
        ArgumentNullException.ThrowIfNull(conn);
        var handle = conn.Handle ?? throw new InvalidOperationException("the connection is not open");
        if (Registered.TryGetValue(handle, out _)) return;
        nint db = handle.DangerousGetHandle();
        Fts5Api* api = null;
        nint stmt = 0;
        int rc = Prepare(db, "SELECT fts5(?1)\0"u8, -1, &stmt, 0);
        if (rc == SqliteOk)
        {
            BindPointer(stmt, 1, &api, "fts5_api_ptr\0"u8, 0);
            Step(stmt);
        }
        FinalizeStatement(stmt);
        if (api is null) throw new InvalidOperationException("this SQLite has no FTS5 (fts5_api not found)");
        fixed (byte* name = "icmal_match_stats\0"u8)
        {
            rc = api->xCreateFunction(api, name, 0, &Stats, 0);
        }
        if (rc != SqliteOk) throw new InvalidOperationException($"registering {Function} failed with SQLite code {rc}");
        Registered.AddOrUpdate(handle, Function);
    }

    /// <summary>
    /// The function itself: a blob of little-endian integers, the header (<see cref="HeaderBytes"/>) then, for each
    /// phrase of the query in order and each column, the phrase's occurrences in that column of this row.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Stats(Fts5ExtensionApi* api, nint fts, nint ctx, int argc, nint* argv)
    {
        long rows = 0, tokens = 0;
        int length = 0, instances = 0;
        int rc = api->xRowCount(fts, &rows);
        if (rc == SqliteOk) rc = api->xColumnTotalSize(fts, -1, &tokens);
        if (rc == SqliteOk) rc = api->xColumnSize(fts, -1, &length);
        if (rc == SqliteOk) rc = api->xInstCount(fts, &instances);
        int phrases = api->xPhraseCount(fts), columns = api->xColumnCount(fts);
        int cells = phrases * columns;
        if (rc == SqliteOk && cells > 4096) rc = SqliteTooBig;
        if (rc != SqliteOk)
        {
            ResultErrorCode(ctx, rc);
            return;
        }
        int size = HeaderBytes + 4 * cells;
        byte* buffer = stackalloc byte[size];
        var span = new Span<byte>(buffer, size);
        span.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(span, rows);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], tokens);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], length);
        int* counts = (int*)(buffer + HeaderBytes);
        for (int i = 0; i < instances && rc == SqliteOk; i++)
        {
            int phrase = 0, column = 0, offset = 0;
            rc = api->xInst(fts, i, &phrase, &column, &offset);
            if (rc == SqliteOk && (uint)phrase < (uint)phrases && (uint)column < (uint)columns) counts[phrase * columns + column]++;
        }
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < cells; i++) counts[i] = BinaryPrimitives.ReverseEndianness(counts[i]);
        }
        if (rc != SqliteOk) ResultErrorCode(ctx, rc);
        else ResultBlob(ctx, buffer, size, -1); // SQLITE_TRANSIENT: SQLite copies the bytes.
    }

    /// <summary>The header of a result blob.</summary>
    public static (long Rows, long Tokens, int Length) Header(ReadOnlySpan<byte> blob) =>
        (BinaryPrimitives.ReadInt64LittleEndian(blob), BinaryPrimitives.ReadInt64LittleEndian(blob[8..]), BinaryPrimitives.ReadInt32LittleEndian(blob[16..]));

    /// <summary>Occurrences of phrase <paramref name="phrase"/> in column <paramref name="column"/>, of a result blob.</summary>
    public static int Count(ReadOnlySpan<byte> blob, int phrase, int column, int columns) =>
        BinaryPrimitives.ReadInt32LittleEndian(blob[(HeaderBytes + 4 * (phrase * columns + column))..]);

    /// <summary><c>fts5_api</c> as in fts5.h (its first members; later versions only add after them).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5Api
    {
        public int iVersion;
        public nint xCreateTokenizer;
        public nint xFindTokenizer;
        public delegate* unmanaged[Cdecl]<Fts5Api*, byte*, nint, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, nint, nint, int, nint*, void>, nint, int> xCreateFunction;
    }

    /// <summary><c>Fts5ExtensionApi</c> as in fts5.h, up to the last member used here.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionApi
    {
        public int iVersion;
        public nint xUserData;
        public delegate* unmanaged[Cdecl]<nint, int> xColumnCount;
        public delegate* unmanaged[Cdecl]<nint, long*, int> xRowCount;
        public delegate* unmanaged[Cdecl]<nint, int, long*, int> xColumnTotalSize;
        public nint xTokenize;
        public delegate* unmanaged[Cdecl]<nint, int> xPhraseCount;
        public nint xPhraseSize;
        public delegate* unmanaged[Cdecl]<nint, int*, int> xInstCount;
        public delegate* unmanaged[Cdecl]<nint, int, int*, int*, int*, int> xInst;
        public nint xRowid;
        public nint xColumnText;
        public delegate* unmanaged[Cdecl]<nint, int, int*, int> xColumnSize;
    }

    // The SQLite library Microsoft.Data.Sqlite loads (SQLitePCLRaw's bundle names it e_sqlite3).
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_prepare_v2")]
    private static partial int Prepare(nint db, ReadOnlySpan<byte> sql, int bytes, nint* stmt, nint tail);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_pointer")]
    private static partial int BindPointer(nint stmt, int index, void* pointer, ReadOnlySpan<byte> type, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    private static partial int Step(nint stmt);

    [LibraryImport(Library, EntryPoint = "sqlite3_finalize")]
    private static partial int FinalizeStatement(nint stmt);

    [LibraryImport(Library, EntryPoint = "sqlite3_result_blob")]
    private static partial void ResultBlob(nint ctx, void* blob, int bytes, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_result_error_code")]
    private static partial void ResultErrorCode(nint ctx, int code);
}
