using System.Data.Common;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Text.Categories;
using Icmal.Text.Similarity;

namespace Icmal.Storage;

/// <summary>
/// The writes whose statements differ by engine beyond <see cref="SqlDialect"/>'s fragments, in one place: the engine
/// is chosen once, by the dialect the <see cref="Database"/> is opened with (<see cref="SqlDialect.Batches"/>), and no
/// store tests a connection's type. On SQLite a statement costs no round trip, so the stores' portable statements (one
/// or a few per row) are the path; PostgreSQL sends a batch's rows as typed arrays in a few statements instead.
/// </summary>
/// <remarks>
/// <para>Each operation returns null where the engine has no batch path for it (always on SQLite, and on PostgreSQL
/// where it needs the batch's shared transaction and there is none): the store then runs its portable statements.
/// A null costs nothing, so the per-article calls allocate nothing more than before.</para>
/// <para>The operations, the portable path (SQLite's) and the PostgreSQL one:</para>
/// <list type="table">
/// <item><term><see cref="AddArticles"/></term><description><see cref="ArticleStore.AddManyAsync"/>'s loop; <see cref="PostgreSqlArticleBatch"/></description></item>
/// <item><term><see cref="AddSketch"/></term><description><see cref="SketchStore.AddAsync"/>'s statements; <see cref="PostgreSqlBatchWriters"/> (one batch of three)</description></item>
/// <item><term><see cref="FindCandidates"/></term><description><see cref="SketchStore.CandidatesAsync"/>'s sixteen-way UNION ALL; <see cref="PostgreSqlSketchBatch.CandidatesAsync"/></description></item>
/// <item><term><see cref="OpenCopyBatch"/></term><description>each article sketched and linked alone (<c>CopyDetector.LinkManyAsync</c>); <see cref="PostgreSqlCopyBatch"/></description></item>
/// <item><term><see cref="CatchUpStories"/>, <see cref="WriteStories"/></term><description><see cref="StoryStore.AssignManyAsync"/>'s statements; <see cref="PostgreSqlStoryBatch"/></description></item>
/// <item><term><see cref="SetCategories"/></term><description><see cref="CategoryStore.SetAsync"/> per article; <see cref="PostgreSqlFactsBatch"/></description></item>
/// <item><term><see cref="WriteFacts"/></term><description><see cref="ArticleFactsWriter.WriteAsync"/> per article; <see cref="PostgreSqlFactsBatch"/></description></item>
/// </list>
/// <para>Every operation takes the <see cref="Database"/> (for the shared transaction's connection,
/// <see cref="Database.SharedConnection"/>) and, where the store has one, its own connection and transaction.</para>
/// </remarks>
internal abstract class BatchWriters
{
    /// <summary>Documents, their articles and search rows in the store's transaction (or the shared one when <paramref name="conn"/> is null).</summary>
    public abstract Task<StoreResult[]>? AddArticles(Database database, DbConnection? conn, DbTransaction? tx,
        IReadOnlyList<(NewDocument Document, Article Article, SearchDocument Search)> items, byte[][] compressed, bool inGivenOrder, CancellationToken ct);

    /// <summary>An article's sketch and keys, replacing an earlier one (in the shared transaction when <paramref name="conn"/> is null).</summary>
    public abstract Task? AddSketch(Database database, DbConnection? conn, DbTransaction? tx, long articleId, TextSketch sketch, CancellationToken ct);

    /// <summary>
    /// The look-up of one arrival's candidates (<see cref="SketchStore.CandidatesAsync"/>): the articles sharing its keys,
    /// with how many, and those of the same text (-1). A read, not a write, but its statement differs by engine as theirs do.
    /// </summary>
    public abstract Task<IReadOnlyList<(long Id, long Shared)>>? FindCandidates(DbConnection conn, long articleId, uint[] keys, string textSha256,
        int maxPerKey, int limit, CancellationToken ct);

    /// <summary>
    /// A batch's sketches written and candidates read together, in the shared transaction (<see cref="SketchStore.OpenBatchAsync"/>);
    /// <paramref name="cache"/> keeps candidates' sketches and fields from batch to batch, <paramref name="ahead"/> the keys' ids read ahead.
    /// </summary>
    public abstract Task<ICopyBatch?>? OpenCopyBatch(Database database, IReadOnlyList<(long ArticleId, TextSketch Sketch, string TextSha256)> arrivals,
        int maxPerKey, int limit, Func<TextSketch, TextSketch, bool>? mayLink, CandidateCache? cache, KeyAhead? ahead, CancellationToken ct);

    /// <summary>
    /// Starts reading, on a connection of its own and outside any transaction, each key's newest ids with the key write
    /// count (<see cref="SketchStore.ReadKeysAhead"/>); null where the copy batch has no use for them.
    /// </summary>
    public abstract Task<KeyLists?>? ReadKeysAhead(Database database, long[] keys, int maxPerKey);

    /// <summary>The story lock, the order's last number and what others assigned since <paramref name="since"/> (<see cref="StoryStore.AssignManyAsync"/>).</summary>
    public abstract Task<StoryCatchUp>? CatchUpStories(Database database, DbConnection conn, DbTransaction tx, string rowsSql, long since,
        IReadOnlyCollection<long> own, int limit, Func<DbDataReader, ClusterRow> read, CancellationToken ct);

    /// <summary>A batch of articles put into stories (<see cref="StoryStore.AssignManyAsync"/>).</summary>
    public abstract Task<StoryBatchResult>? WriteStories(Database database, DbConnection conn, DbTransaction tx, IReadOnlyList<StoryJoin> joins, CancellationToken ct);

    /// <summary>Many articles' categories, in the shared transaction (<see cref="CategoryStore.SetManyAsync"/>).</summary>
    public abstract Task? SetCategories(Database database, IReadOnlyList<(long ArticleId, CategoryAssignment Assignment)> items, CancellationToken ct);

    /// <summary>Many articles' facts, in the shared transaction (<see cref="ArticleFactsWriter.WriteManyAsync"/>).</summary>
    public abstract Task? WriteFacts(Database database, IReadOnlyList<(long ArticleId, ArticleFacts Facts)> items, int version, CancellationToken ct);
}

/// <summary>SQLite: no batch path; every operation is the stores' portable statements, which cost no round trip here.</summary>
internal sealed class SqliteBatchWriters : BatchWriters
{
    public override Task<StoreResult[]>? AddArticles(Database database, DbConnection? conn, DbTransaction? tx,
        IReadOnlyList<(NewDocument Document, Article Article, SearchDocument Search)> items, byte[][] compressed, bool inGivenOrder, CancellationToken ct) => null;

    public override Task? AddSketch(Database database, DbConnection? conn, DbTransaction? tx, long articleId, TextSketch sketch, CancellationToken ct) => null;

    public override Task<IReadOnlyList<(long Id, long Shared)>>? FindCandidates(DbConnection conn, long articleId, uint[] keys, string textSha256,
        int maxPerKey, int limit, CancellationToken ct) => null;

    public override Task<ICopyBatch?>? OpenCopyBatch(Database database, IReadOnlyList<(long ArticleId, TextSketch Sketch, string TextSha256)> arrivals,
        int maxPerKey, int limit, Func<TextSketch, TextSketch, bool>? mayLink, CandidateCache? cache, KeyAhead? ahead, CancellationToken ct) => null;

    public override Task<KeyLists?>? ReadKeysAhead(Database database, long[] keys, int maxPerKey) => null;

    public override Task<StoryCatchUp>? CatchUpStories(Database database, DbConnection conn, DbTransaction tx, string rowsSql, long since,
        IReadOnlyCollection<long> own, int limit, Func<DbDataReader, ClusterRow> read, CancellationToken ct) => null;

    public override Task<StoryBatchResult>? WriteStories(Database database, DbConnection conn, DbTransaction tx, IReadOnlyList<StoryJoin> joins,
        CancellationToken ct) => null;

    public override Task? SetCategories(Database database, IReadOnlyList<(long ArticleId, CategoryAssignment Assignment)> items, CancellationToken ct) => null;

    public override Task? WriteFacts(Database database, IReadOnlyList<(long ArticleId, ArticleFacts Facts)> items, int version, CancellationToken ct) => null;
}
