using System.Globalization;
using System.Runtime.CompilerServices;
using Icmal.Extraction;
using Icmal.Pipeline;

namespace Icmal.Import;

/// <summary>Limits on what an import reads.</summary>
/// <param name="MaxFileBytes">
/// Pages and text dumps larger than this are refused unread, so one stray dump cannot exhaust memory. JSON article
/// lists are streamed whatever their length, and the cap applies to each of their articles instead.
/// </param>
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
                        .Where(f => DocumentFile.KindOf(f) is not null)
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
                if (DocumentFile.KindOf(path) is null)
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
            if (DocumentFile.KindOf(file) == FileKind.JsonList)
            {
                await foreach (var outcome in ImportListAsync(file, ct)) yield return new ImportEvent(outcome, i + 1, count);
                continue;
            }
            var (bytes, error) = await DocumentFile.ReadAsync(file, options.MaxFileBytes, ct);
            if (error is not null)
            {
                yield return new ImportEvent(IngestOutcome.Rejected(file, error), i + 1, count);
                continue;
            }
            var archived = DateTimeOffset.UtcNow;
            var document = new IncomingDocument(file, DocumentFile.PageFormat(file, bytes), bytes!, archived);
            yield return new ImportEvent(await pipeline.IngestAsync(document, ct), i + 1, count);
        }
    }

    /// <summary>
    /// A JSON article list, read as a stream: one item in memory at a time, each item capped at
    /// <see cref="ImportOptions.MaxFileBytes"/>. An item that cannot be read is rejected by itself (origin "file#N");
    /// a list that breaks off keeps what came before and is rejected at the break, with where it broke.
    /// </summary>
    private async IAsyncEnumerable<IngestOutcome> ImportListAsync(string file, [EnumeratorCancellation] CancellationToken ct)
    {
        var (stream, error) = DocumentFile.OpenRead(file);
        if (stream is null)
        {
            yield return IngestOutcome.Rejected(file, error!);
            yield break;
        }
        var archived = DateTimeOffset.UtcNow;
        await using (stream)
        {
            await foreach (var entry in JsonListStream.ReadAsync(stream, options.MaxFileBytes, ct))
            {
                string origin = string.Create(CultureInfo.InvariantCulture, $"{file}#{entry.Index + 1}");
                yield return entry.Kind switch
                {
                    JsonListEntryKind.Item => await pipeline.IngestAsync(new IncomingDocument(origin, DocumentFormat.JsonArticle, entry.Item, archived), ct),
                    JsonListEntryKind.RejectedItem => IngestOutcome.Rejected(origin, entry.Error!),
                    _ => IngestOutcome.Rejected(file, entry.Error!),
                };
            }
        }
    }
}
