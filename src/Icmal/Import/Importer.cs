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

    /// <summary>
    /// Imports the given paths, one outcome per file or list item. Whatever one item throws (reading, splitting a list,
    /// any pipeline stage) becomes that item's outcome and goes to the item error log; the batch goes on. Only the
    /// caller's cancellation stops it.
    /// </summary>
    public async IAsyncEnumerable<ImportEvent> ImportAsync(IEnumerable<string> paths, [EnumeratorCancellation] CancellationToken ct)
    {
        var (files, rejections) = Plan(paths);
        int count = files.Count;
        foreach (var rejection in rejections) yield return new ImportEvent(await pipeline.RecordProblemAsync(rejection, null, ct), 0, count);

        for (int i = 0; i < files.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            string file = files[i];
            var (items, problem) = await OpenAsync(file, ct);
            if (problem is not null)
            {
                yield return new ImportEvent(await pipeline.RecordProblemAsync(problem, null, ct), i + 1, count);
                continue;
            }
            foreach (var item in items)
                yield return new ImportEvent(await IngestItemAsync(item, ct), i + 1, count);
        }
    }

    /// <summary>A file's documents: one page, or one per item of a JSON list; or the outcome saying why there are none.</summary>
    private async Task<(IReadOnlyList<IncomingDocument> Items, IngestOutcome? Problem)> OpenAsync(string file, CancellationToken ct)
    {
        try
        {
            var (bytes, error) = await DocumentFile.ReadAsync(file, options.MaxFileBytes, ct);
            if (error is not null) return ([], IngestOutcome.Rejected(file, error, IngestStage.Read));
            var archived = DateTimeOffset.UtcNow;
            if (DocumentFile.KindOf(file) != FileKind.JsonList)
                return ([new IncomingDocument(file, DocumentFile.PageFormat(file, bytes), bytes!, archived)], null);
            var (items, shapeError) = JsonArticleReader.SplitList(bytes!);
            if (shapeError is not null) return ([], IngestOutcome.Rejected(file, shapeError, IngestStage.Read));
            var documents = new List<IncomingDocument>(items.Count);
            for (int k = 0; k < items.Count; k++)
                documents.Add(new IncomingDocument(string.Create(CultureInfo.InvariantCulture, $"{file}#{k + 1}"), DocumentFormat.JsonArticle, items[k], archived));
            return (documents, null);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            return ([], IngestOutcome.Threw(file, IngestStage.Read, e, retryable: false));
        }
    }

    /// <summary>One item through the pipeline; an exception the pipeline did not turn into an outcome becomes one here.</summary>
    private async Task<IngestOutcome> IngestItemAsync(IncomingDocument document, CancellationToken ct)
    {
        try
        {
            return await pipeline.IngestAsync(document, ct);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            return await pipeline.RecordProblemAsync(IngestOutcome.Threw(document.Origin, IngestStage.Read, e, retryable: true), null, ct);
        }
    }
}
