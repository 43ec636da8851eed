using System.Globalization;
using System.IO.Compression;
using Icmal.Model;

namespace Icmal.Import;

/// <summary>What a file holds, by its name: a page, a text dump or a JSON article list (each optionally gzipped).</summary>
public enum FileKind
{
    Html,
    Text,
    JsonList,
}

/// <summary>
/// Reading documents from disk for `icmal import` and `icmal extract`: a size limit checked before reading, gzip
/// decompressed under the same limit (a gzip bomb stops at the limit), and every failure one plain sentence.
/// </summary>
public static class DocumentFile
{
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml"];

    /// <summary>The kind of file by its extension (".gz" looked through), or null for a type İcmal does not read.</summary>
    public static FileKind? KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool gzipped = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        string ext = Path.GetExtension(gzipped ? path[..^3] : path);
        if (HtmlExtensions.Any(e => string.Equals(e, ext, StringComparison.OrdinalIgnoreCase))) return FileKind.Html;
        if (string.Equals(ext, ".txt", StringComparison.OrdinalIgnoreCase)) return FileKind.Text;
        if (string.Equals(ext, ".json", StringComparison.OrdinalIgnoreCase)) return FileKind.JsonList;
        return null;
    }

    /// <summary>How to read a single page: HTML when named so or when its bytes open with markup, else a text dump.</summary>
    public static DocumentFormat PageFormat(string? path, ReadOnlySpan<byte> bytes) =>
        (path is not null && KindOf(path) == FileKind.Html) || LooksLikeHtml(bytes) ? DocumentFormat.Html : DocumentFormat.TextDump;

    /// <summary>
    /// Bytes that open (after a BOM and whitespace) with a tag, a doctype or a comment: a page saved under another
    /// name, or markup on standard input. A text dump, copied from a rendered page, never starts with markup.
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        int i = 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i + 1 < bytes.Length && bytes[i] == '<' && (char.IsAsciiLetter((char)bytes[i + 1]) || bytes[i + 1] == '!');
    }

    /// <summary>Reads a file whole, refusing it when it (or its decompressed content) is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[]? Bytes, string? Error)> ReadAsync(string path, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return (null, "no such file");
            if (info.Length > maxBytes)
                return (null, string.Create(CultureInfo.InvariantCulture, $"too large ({info.Length / 1048576.0:0.0} MB; the limit is {Megabytes(maxBytes)} MB)"));
            if (info.Length == 0) return (null, "empty file");
            if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return ReadPlain(path, maxBytes, ct);
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            try
            {
                await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
                return await ReadLimitedAsync(gzip, maxBytes, " once decompressed", ct);
            }
            catch (InvalidDataException)
            {
                return (null, "not a valid gzip file");
            }
        }
        catch (UnauthorizedAccessException)
        {
            return (null, "cannot read: permission denied");
        }
        catch (IOException e)
        {
            return (null, $"cannot read: {e.Message}");
        }
    }

    /// <summary>
    /// A plain file read whole into one buffer of its size, synchronously. On Linux a file's asynchronous read is a
    /// blocking read on a thread-pool thread, so awaiting it saves nothing, and it cost the command's start about 15 ms
    /// of CPU (the pool, its threads and the async file strategy; issue #14). Never more than the length taken when
    /// it was opened is read, so a file that grows meanwhile is read as it was then, within the limit.
    /// </summary>
    private static (byte[]? Bytes, string? Error) ReadPlain(string path, long maxBytes, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(handle);
        if (length > maxBytes)
            return (null, string.Create(CultureInfo.InvariantCulture, $"too large ({length / 1048576.0:0.0} MB; the limit is {Megabytes(maxBytes)} MB)"));
        if (length == 0) return (null, "empty file");
        var bytes = new byte[length];
        int read = 0;
        while (read < bytes.Length)
        {
            int n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0) break; // cut short while we read: what was there
            read += n;
        }
        if (read == 0) return (null, "empty file");
        return (read == length ? bytes : bytes[..read], null);
    }

    /// <summary>
    /// Opens a file to be read as a stream (a JSON article list, read item by item, has no size limit of its own),
    /// decompressing ".gz" on the fly; a file that cannot be opened is one plain sentence.
    /// </summary>
    public static (Stream? Stream, string? Error) OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return (null, "no such file");
            if (info.Length == 0) return (null, "empty file");
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? (new GZipStream(stream, CompressionMode.Decompress), null)
                : (stream, null);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, "cannot read: permission denied");
        }
        catch (IOException e)
        {
            return (null, $"cannot read: {e.Message}");
        }
    }

    /// <summary>Reads a stream to its end, stopping once it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[]? Bytes, string? Error)> ReadLimitedAsync(Stream stream, long maxBytes, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var output = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (output.Length + n > maxBytes)
                return (null, string.Create(CultureInfo.InvariantCulture, $"too large{what} (over {Megabytes(maxBytes)} MB)"));
            await output.WriteAsync(chunk.AsMemory(0, n), ct);
        }
        return output.Length == 0 ? (null, $"empty file{(what.Length == 0 ? "" : $" ({what.Trim()})")}") : (output.ToArray(), null);
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture);
}
