using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// Copy detection's storage for a batch of articles stored in the batch's shared transaction, where the engine has one
/// (<see cref="BatchWriters.OpenCopyBatch"/>; PostgreSQL's is <see cref="PostgreSqlCopyBatch"/>): the sketches written
/// and every arrival's candidates read together, the links worked out in memory and written at the end, with the
/// candidates and links of <see cref="SketchStore.AddAsync"/>, <see cref="SketchStore.CandidatesAsync"/> and
/// <see cref="CopyStore.LinkAsync"/> run article after article.
/// </summary>
public interface ICopyBatch
{
    /// <summary>
    /// The candidates of the arrival at <paramref name="index"/> as <see cref="SketchStore.CandidatesAsync"/> gives them
    /// after the arrivals before it were linked (less those that cannot matter to it), with their links as they now stand.
    /// </summary>
    Task<IReadOnlyList<SketchedArticle>> CandidatesOfAsync(int index, CancellationToken ct);

    /// <summary><see cref="CopyStore.LinkAsync"/> on the batch's copy rows: the link as stored.</summary>
    CopyLink Link(CopyLink link);

    /// <summary>Writes the copy rows the batch changed.</summary>
    Task SaveAsync(CancellationToken ct);
}
