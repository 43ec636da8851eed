using System.Globalization;
using System.Runtime.CompilerServices;
using Icmal.Extraction;
using Icmal.Pipeline;

namespace Icmal.Import;

/// <summary>Limits on what an import reads.</summary>
/// <param name="MaxFileBytes">Files larger than this are refused unread, so one stray dump cannot exhaust memory.</param>
public sealed record ImportOptions(long MaxFileBytes = ImportOptions.DefaultMaxFileBytes)
{
    public const long DefaultMaxFileBytes = 32L * 1024 * 1024;
}

/// <summary>One outcome of an import, with how far through the files it is.</summary>
public sealed record ImportEvent(IngestOutcome Outcome, int FileNumber, int FileCount);

/// <summary>
/// Imports files and folders: HTML pages, plain-text page dumps and JSON article lists. Every file that cannot be
/// imported becomes one rejected outcome naming the file and the problem; the rest of the batch goes on.
/// </summary>
public sealed class Importer(IngestPipeline pipeline, ImportOptions options)
{
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml"];

    /// <summary>Expands the given paths into the files to import, in a stable order; bad paths are rejections.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<IngestOutcome> Rejections) Plan(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var rejections = new List<IngestOutcome>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                try
                {
                    var found = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
                        .Where(f => FormatOf(f) is not null)
                        .Order(StringComparer.Ordinal);
                    files.AddRange(found);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    rejections.Add(IngestOutcome.Rejected(path, $"cannot read folder: {e.Message}"));
                }
            }
            else if (File.Exists(path))
            {
                if (FormatOf(path) is null)
                    rejections.Add(IngestOutcome.Rejected(path, $"unsupported file type '{Path.GetExtension(path)}' (expected .html, .htm, .txt or .json, optionally .gz)"));
                else files.Add(path);
            }
            else if (new FileInfo(path).LinkTarget is { } target)
            {
                rejections.Add(IngestOutcome.Rejected(path, $"cannot read: broken link to '{target}'"));
            }
            else
            {
                rejections.Add(IngestOutcome.Rejected(path, "no such file or folder"));
            }
        }
        return (files, rejections);
    }

    public async IAsyncEnumerable<ImportEvent> ImportAsync(IEnumerable<string> paths, [EnumeratorCancellation] CancellationToken ct)
    {
        var (files, rejections) = Plan(paths);
        int count = files.Count;
        foreach (var rejection in rejections) yield return new ImportEvent(rejection, 0, count);

        for (int i = 0; i < files.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            string file = files[i];
            var (bytes, error) = await ReadAsync(file, ct);
            if (error is not null)
            {
                yield return new ImportEvent(IngestOutcome.Rejected(file, error), i + 1, count);
                continue;
            }
            var archived = DateTimeOffset.UtcNow;
            var format = FormatOf(file)!.Value;
            if (format == FileFormat.JsonList)
            {
                var (items, shapeError) = JsonArticleReader.SplitList(bytes!);
                if (shapeError is not null)
                {
                    yield return new ImportEvent(IngestOutcome.Rejected(file, shapeError), i + 1, count);
                    continue;
                }
                for (int k = 0; k < items.Count; k++)
                {
                    string origin = string.Create(CultureInfo.InvariantCulture, $"{file}#{k + 1}");
                    var outcome = await pipeline.IngestAsync(new IncomingDocument(origin, DocumentFormat.JsonArticle, items[k], archived), ct);
                    yield return new ImportEvent(outcome, i + 1, count);
                }
                continue;
            }
            var documentFormat = format == FileFormat.Html || LooksLikeHtml(bytes!) ? DocumentFormat.Html : DocumentFormat.TextDump;
            yield return new ImportEvent(await pipeline.IngestAsync(new IncomingDocument(file, documentFormat, bytes!, archived), ct), i + 1, count);
        }
    }

    private async Task<(byte[]? Bytes, string? Error)> ReadAsync(string file, CancellationToken ct)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > options.MaxFileBytes)
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"too large ({info.Length / 1048576.0:0.0} MB; the limit is {options.MaxFileBytes / 1048576.0:0.#} MB)"));
            if (info.Length == 0) return (null, "empty file");
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return await GunzipAsync(stream, ct);
            var buffer = new byte[info.Length];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(read), ct);
                if (n == 0) break;
                read += n;
            }
            return (read == buffer.Length ? buffer : buffer[..read], null);
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

    /// <summary>Decompresses a gzipped file, refusing it once it grows past the size limit (a gzip bomb).</summary>
    private async Task<(byte[]? Bytes, string? Error)> GunzipAsync(Stream stream, CancellationToken ct)
    {
        try
        {
            await using var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[1 << 16];
            int n;
            while ((n = await gzip.ReadAsync(chunk, ct)) > 0)
            {
                if (output.Length + n > options.MaxFileBytes)
                    return (null, string.Create(CultureInfo.InvariantCulture, $"too large once decompressed (over {options.MaxFileBytes / 1048576.0:0.#} MB)"));
                output.Write(chunk, 0, n);
            }
            return output.Length == 0 ? (null, "empty file (once decompressed)") : (output.ToArray(), null);
        }
        catch (InvalidDataException)
        {
            return (null, "not a valid gzip file");
        }
    }

    private enum FileFormat { Html, Text, JsonList }

    private static FileFormat? FormatOf(string path)
    {
        bool gzipped = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        string ext = Path.GetExtension(gzipped ? path[..^3] : path);
        if (HtmlExtensions.Any(e => string.Equals(e, ext, StringComparison.OrdinalIgnoreCase))) return FileFormat.Html;
        if (string.Equals(ext, ".txt", StringComparison.OrdinalIgnoreCase)) return FileFormat.Text;
        if (string.Equals(ext, ".json", StringComparison.OrdinalIgnoreCase)) return FileFormat.JsonList;
        return null;
    }

    /// <summary>A ".txt" that is really a saved page: it starts with a doctype or an html tag.</summary>
    private static bool LooksLikeHtml(byte[] bytes)
    {
        var head = System.Text.Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 512)).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\r', '\n', '\t');
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
