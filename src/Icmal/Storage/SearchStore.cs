using System.Data.Common;
using System.Globalization;
using Icmal.Analysis;

namespace Icmal.Storage;

/// <summary>
/// The search index over the stored articles: runs searches (<see cref="FindAsync"/>) and keeps the index whole. An
/// article is indexed in its own transaction by <see cref="ArticleStore.AddAsync(NewDocument, Model.Article, SearchDocument, CancellationToken)"/>;
/// articles stored before the index existed (an older database) or after a <see cref="ResetAsync"/> are indexed by a
/// catch-up (<see cref="CatchUpAsync"/>), in batches of one transaction each that record how far they got, so an
/// interrupted catch-up resumes where it stopped. Engine specifics are the dialect's <see cref="SearchEngine"/>.
/// </summary>
public sealed class SearchStore(Database database)
{
    /// <summary>The highest article id the catch-up must index (ids above it were indexed as they were stored).</summary>
    internal const string CatchUpToSetting = "search_catch_up_to";

    /// <summary>The highest article id the catch-up has indexed so far.</summary>
    internal const string CatchUpDoneSetting = "search_catch_up_done";

    /// <summary>Articles per catch-up transaction.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// After a catch-up of this many articles the index is merged (<see cref="SearchEngine.CompactAsync"/>): a rebuild's
    /// thousands of batches leave it in parts, while the pipeline's one article at a time is kept merged by the engine.
    /// </summary>
    public const int CompactAfter = 10_000;

    private SearchEngine Engine => database.Dialect.Search
        ?? throw new NotSupportedException($"search is not available on {database.Dialect.Name} yet");

    /// <summary>One page of the articles matching <paramref name="criteria"/>, best first.</summary>
    /// <exception cref="SearchBudgetExceededException">The search ran past its budget.</exception>
    public async Task<SearchPage> FindAsync(SearchCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var conn = await database.ConnectAsync(ct);
        return await Engine.FindAsync(conn, database.Dialect, criteria, ct);
    }

    /// <summary>How many stored articles a catch-up has yet to index (0 when the index is whole).</summary>
    public async Task<long> PendingAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var (done, to) = await CatchUpRangeAsync(conn, null, ct);
        if (to is null) return 0;
        return await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM articles WHERE id > @done AND id <= @to", ct, ("@done", done), ("@to", to));
    }

    /// <summary>
    /// Empties the index and marks every stored article for the catch-up, in one transaction: until the catch-up has
    /// run, searches find only the articles stored since.
    /// </summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Engine.ClearAsync(conn, tx, ct);
        await SetAsync(conn, tx, CatchUpDoneSetting, 0, ct);
        await SetAsync(conn, tx, CatchUpToSetting, await Sql.Int64Async(conn, tx, "SELECT COALESCE(MAX(id), 0) FROM articles", ct), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Indexes the articles marked for the catch-up, <see cref="BatchSize"/> per transaction, reporting (done, total)
    /// after each; returns how many were indexed. Nothing to do when the index is whole. A batch that fails is run again
    /// one article per transaction, and an article that fails alone for a fault of its own (a row another tool wrote
    /// that İcmal cannot read, <see cref="ItemErrorStore.IsArticleFault"/>) is recorded in <paramref name="errors"/> and
    /// passed over: one article must not keep the archive from opening.
    /// </summary>
    public async Task<long> CatchUpAsync(ItemErrorStore errors, IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(errors);
        long total = await PendingAsync(ct);
        long indexed = 0;
        int alone = 0;
        progress?.Report((0, total));
        await using var conn = await database.ConnectAsync(ct);
        while (true)
        {
            int n = alone > 0 ? 1 : BatchSize;
            long? did;
            try
            {
                did = await IndexNextAsync(conn, n, ct);
            }
            catch (Exception e) when (errors.IsArticleFault(e, ct))
            {
                if (n > 1)
                {
                    alone = BatchSize;
                    continue;
                }
                // The one article that failed: recorded, and the catch-up moves past it.
                await using var tx = await conn.BeginTransactionAsync(ct);
                var (done, to) = await CatchUpRangeAsync(conn, tx, ct);
                if (to is null) break;
                long id = await Sql.Int64Async(conn, tx, "SELECT MIN(id) FROM articles WHERE id > @done AND id <= @to", ct, ("@done", done), ("@to", to));
                await SetAsync(conn, tx, CatchUpDoneSetting, id, ct);
                await tx.CommitAsync(ct);
                await errors.RecordArticleAsync(id, Model.IngestStage.Store, "indexing it for search", e, "`icmal reindex` indexes it again", ct);
                alone--;
                continue;
            }
            if (did is not { } count) break;
            indexed += count;
            if (alone > 0) alone--;
            progress?.Report((Math.Min(indexed, total), total));
        }
        if (indexed >= CompactAfter) await Engine.CompactAsync(conn, ct);
        return indexed;
    }

    /// <summary>Indexes the next <paramref name="n"/> articles marked for the catch-up in one transaction: how many, or null when none are left.</summary>
    private async Task<long?> IndexNextAsync(DbConnection conn, int n, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (done, to) = await CatchUpRangeAsync(conn, tx, ct);
        if (to is null) return null;
        var batch = await Sql.ListAsync(conn, tx, """
            SELECT id, title, body, authors, site, url, language, sort_at FROM articles WHERE id > @done AND id <= @to ORDER BY id LIMIT @n
            """, r => (Id: r.GetInt64(0), Title: r.GetString(1), Body: r.GetString(2), Authors: r.GetString(3),
                Facets: SearchFacets.Of(r.StringOrNull(4), r.StringOrNull(5), r.StringOrNull(6), database.Dialect.ReadTime(r, 7))), ct,
            ("@done", done), ("@to", to), ("@n", n));
        if (batch.Count == 0)
        {
            await Sql.ExecAsync(conn, tx, "DELETE FROM settings WHERE key IN (@a, @b)", ct, ("@a", CatchUpToSetting), ("@b", CatchUpDoneSetting));
            await tx.CommitAsync(ct);
            return null;
        }
        // The keys are pure functions of the text: made on every core, written in order.
        var documents = new SearchDocument[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
            documents[i] = SearchDocument.Of(batch[i].Title, batch[i].Body,
                ArticleRows.Strings(batch[i].Authors)));
        await Engine.IndexManyAsync(conn, tx, batch.Select((row, i) => (row.Id, documents[i], row.Facets)).ToList(), ct);
        await SetAsync(conn, tx, CatchUpDoneSetting, batch[^1].Id, ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }

    private static async Task<(long Done, long? To)> CatchUpRangeAsync(DbConnection conn, DbTransaction? tx, CancellationToken ct)
    {
        var to = await Sql.ScalarAsync(conn, tx, "SELECT value FROM settings WHERE key = @k", ct, ("@k", CatchUpToSetting)) as string;
        if (to is null) return (0, null);
        var done = await Sql.ScalarAsync(conn, tx, "SELECT value FROM settings WHERE key = @k", ct, ("@k", CatchUpDoneSetting)) as string;
        return (done is null ? 0 : long.Parse(done, CultureInfo.InvariantCulture), long.Parse(to, CultureInfo.InvariantCulture));
    }

    private async Task SetAsync(DbConnection conn, DbTransaction tx, string key, long value, CancellationToken ct) =>
        await Sql.ExecAsync(conn, tx, database.Dialect.Upsert("settings", ["key", "value"], ["key"], "value = excluded.value"), ct,
            ("@key", key), ("@value", value.ToString(CultureInfo.InvariantCulture)));
}
