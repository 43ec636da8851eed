using Icmal.Extraction;
using Icmal.Model;

namespace Icmal.Ingest.Stages;

/// <summary>Decodes the bytes and extracts the article (<see cref="DocumentReader"/>); a document that has none is rejected.</summary>
public sealed class ReadStage : IPipelineStage
{
    public IngestStage Stage => IngestStage.Extract;

    public bool Retryable => false;

    public Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        string origin = item.Document.Origin;
        if (item.Document.Raw.IsEmpty) return Task.FromResult(StageResult.Stop(IngestOutcome.Rejected(origin, "empty file", IngestStage.Read)));
        var read = DocumentReader.Read(item.Document);
        return Task.FromResult(read.Error is not null
            ? StageResult.Stop(IngestOutcome.Rejected(origin, read.Error, read.Stage))
            : StageResult.Continue((item with { Extracted = read.Article, Charset = read.Charset }).WithNote(read.Note)));
    }
}
