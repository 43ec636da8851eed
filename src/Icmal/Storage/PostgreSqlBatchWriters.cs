using System.Data.Common;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Text.Categories;
using Icmal.Text.Similarity;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// PostgreSQL's <see cref="BatchWriters"/>: each operation hands the Npgsql connection (the shared transaction's when
/// there is one, else the store's own) to its <c>PostgreSql*Batch</c>. Operations that need the shared transaction
/// return null outside one, and the store runs its portable statements.
/// </summary>
/// <param name="search">The dialect's search engine, whose rows a batch of articles writes with them.</param>
internal sealed class PostgreSqlBatchWriters(PostgreSqlSearchEngine search) : BatchWriters
{

    /// <summary>The shared transaction's connection, else the store's own (a connection of this engine's pool); null when neither.</summary>
    private static NpgsqlConnection? Connection(Database database, DbConnection? conn) =>
        database.SharedConnection as NpgsqlConnection ?? conn as NpgsqlConnection;

    private static NpgsqlConnection? Shared(Database database) => database.SharedConnection as NpgsqlConnection;

    public override Task<StoreResult[]>? AddArticles(Database database, DbConnection? conn, DbTransaction? tx,
        IReadOnlyList<(NewDocument Document, Article Article, SearchDocument Search)> items, byte[][] compressed, bool inGivenOrder, CancellationToken ct) =>
        Connection(database, conn) is { } pg ? PostgreSqlArticleBatch.AddAsync(pg, tx as NpgsqlTransaction, items, compressed, search, inGivenOrder, ct) : null;

    public override Task? AddSketch(Database database, DbConnection? conn, DbTransaction? tx, long articleId, TextSketch sketch, CancellationToken ct) =>
        Connection(database, conn) is { } pg ? PostgreSqlSketchBatch.AddAsync(pg, tx as NpgsqlTransaction, articleId, sketch, ct) : null;

    public override Task<IReadOnlyList<(long Id, long Shared)>>? FindCandidates(DbConnection conn, long articleId, uint[] keys, string textSha256,
        int maxPerKey, int limit, CancellationToken ct) =>
        PostgreSqlSketchBatch.CandidatesAsync(conn, articleId, keys, textSha256, maxPerKey, limit, ct);

    public override Task<ICopyBatch?>? OpenCopyBatch(Database database, IReadOnlyList<(long ArticleId, TextSketch Sketch, string TextSha256)> arrivals,
        int maxPerKey, int limit, Func<TextSketch, TextSketch, bool>? mayLink, CandidateCache? cache, KeyAhead? ahead, CancellationToken ct) =>
        Shared(database) is { } pg ? OpenCopyBatchAsync(pg, arrivals, maxPerKey, limit, mayLink, cache, ahead, ct) : null;

    public override Task<KeyLists?>? ReadKeysAhead(Database database, long[] keys, int maxPerKey) =>
        PostgreSqlKeyAhead.ReadAsync(database, keys, maxPerKey);

    /// <summary><see cref="PostgreSqlCopyBatch.OpenAsync"/> as the interface (a task is not covariant); once a batch, not an article.</summary>
    private static async Task<ICopyBatch?> OpenCopyBatchAsync(NpgsqlConnection pg, IReadOnlyList<(long ArticleId, TextSketch Sketch, string TextSha256)> arrivals,
        int maxPerKey, int limit, Func<TextSketch, TextSketch, bool>? mayLink, CandidateCache? cache, KeyAhead? ahead, CancellationToken ct) =>
        await PostgreSqlCopyBatch.OpenAsync(pg, arrivals, maxPerKey, limit, mayLink, cache, ahead, ct);

    public override Task<StoryCatchUp>? CatchUpStories(Database database, DbConnection conn, DbTransaction tx, string rowsSql, long since,
        IReadOnlyCollection<long> own, int limit, Func<DbDataReader, ClusterRow> read, CancellationToken ct) =>
        database.Dialect.StoryLock is { } storyLock && Connection(database, conn) is { } pg
            ? PostgreSqlStoryBatch.CatchUpAsync(pg, tx as NpgsqlTransaction, storyLock, rowsSql, since, own, limit, read, ct)
            : null;

    public override Task<StoryBatchResult>? WriteStories(Database database, DbConnection conn, DbTransaction tx, IReadOnlyList<StoryJoin> joins,
        CancellationToken ct) =>
        Connection(database, conn) is { } pg ? PostgreSqlStoryBatch.WriteAsync(pg, tx as NpgsqlTransaction, joins, StoryStore.Headlines(joins), ct) : null;

    public override Task? SetCategories(Database database, IReadOnlyList<(long ArticleId, CategoryAssignment Assignment)> items, CancellationToken ct) =>
        Shared(database) is { } pg ? PostgreSqlFactsBatch.SetCategoriesAsync(pg, items, ct) : null;

    public override Task? WriteFacts(Database database, IReadOnlyList<(long ArticleId, ArticleFacts Facts)> items, int version, CancellationToken ct) =>
        Shared(database) is { } pg ? PostgreSqlFactsBatch.WriteAsync(pg, items, version, ct) : null;
}
