using System.Data;
using System.Data.Common;

namespace Icmal.Storage;

/// <summary>
/// Many stores' writes as one transaction: an import or a crawler's batch of articles is stored with every stage that
/// follows the store (copies, entities, categories, stories) in one commit, instead of one connection, transaction and
/// (on PostgreSQL) WAL flush per store call per article.
/// </summary>
/// <remarks>
/// Inside <see cref="InOneTransactionAsync{T}"/> every store's <see cref="ConnectAsync"/> in the same asynchronous flow
/// gets the one connection, lent (disposing it returns nothing to the pool), and a store's own transaction on it is a
/// part of the outer one: its commit waits for the outer commit, and a part rolled back makes the whole transaction
/// fail, as a part can not be undone alone. So a killed process leaves the whole batch or none of it, and a batch that
/// fails leaves nothing: the caller runs its items again one by one. One such transaction runs at a time per database
/// in a process (the stages' in-process locks never wait on another batch's database locks); a transaction already in
/// one is simply part of it. Where the engine lets two write transactions overlap
/// (<see cref="SqlDialect.OverlapsWriteTransactions"/>), one more may run beside it
/// (<see cref="InOneTransactionBesideAsync{T}"/>): an import's store of one batch while the batch before is linked. Its
/// work takes no in-process lock, so no wait of the two can close a circle through this process.
/// </remarks>
public sealed partial class Database
{
    private readonly AsyncLocal<SharedWrite?> _shared = new();
    private readonly SemaphoreSlim _oneWriter = new(1, 1);
    private readonly SemaphoreSlim _besideWriter = new(1, 1);

    /// <summary>Runs <paramref name="work"/> with every store's writes in one transaction, committed when it returns.</summary>
    public Task<T> InOneTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) => InSharedAsync(work, _oneWriter, ct);

    /// <summary>
    /// <see cref="InOneTransactionAsync{T}"/> that may run at the same time as one of those, on a connection of its own,
    /// where the engine lets two write transactions overlap (<see cref="SqlDialect.OverlapsWriteTransactions"/>); else
    /// it waits its turn like any other. The work must take no in-process lock that a transaction of
    /// <see cref="InOneTransactionAsync{T}"/> holds while it waits on the database (the copy detector's, the story
    /// stage's): an import's store stage, entities and categories, which write only the batch's own new rows.
    /// </summary>
    public Task<T> InOneTransactionBesideAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        InSharedAsync(work, Dialect.OverlapsWriteTransactions ? _besideWriter : _oneWriter, ct);

    /// <summary>
    /// <see cref="InOneTransactionBesideAsync{T}"/> on a lane of the caller's: where the engine lets write transactions
    /// overlap, one more beside the others, one at a time per <paramref name="lane"/> (an import's stories of a batch
    /// beside its copy links and the next batch's store); else it waits its turn like any other. The same rule holds:
    /// the work takes no in-process lock that another of these transactions holds while it waits on the database (the
    /// story stage's lock, taken before the archive's story lock by every transaction that takes both).
    /// </summary>
    public Task<T> InOneTransactionOnLaneAsync<T>(Func<CancellationToken, Task<T>> work, SemaphoreSlim lane, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lane);
        return InSharedAsync(work, Dialect.OverlapsWriteTransactions ? lane : _oneWriter, ct);
    }

    private async Task<T> InSharedAsync<T>(Func<CancellationToken, Task<T>> work, SemaphoreSlim writer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_shared.Value is { Active: true }) return await work(ct);
        await writer.WaitAsync(ct);
        try
        {
            await using var conn = await ConnectAsync(ct);
            await Sql.ExecAsync(conn, null, Dialect.BeginWrite, ct);
            var shared = new SharedWrite(conn);
            _shared.Value = shared;
            bool committed = false;
            try
            {
                T result = await work(ct);
                shared.Active = false;
                if (shared.Doomed) throw new InvalidOperationException("a part of a shared transaction was rolled back, so the whole is");
                // PostgreSQL answers COMMIT of a transaction a failed statement aborted with a silent ROLLBACK: a
                // statement first makes a failure that a part caught and went on from fail the whole, loudly.
                await Sql.ExecAsync(conn, null, "SELECT 1", ct);
                await Sql.ExecAsync(conn, null, "COMMIT", ct);
                committed = true;
                return result;
            }
            finally
            {
                shared.Active = false;
                _shared.Value = null;
                if (!committed) await RollBackAsync(conn);
            }
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>True while the caller's flow is inside <see cref="InOneTransactionAsync{T}"/>.</summary>
    internal bool InSharedTransaction => _shared.Value is { Active: true };

    /// <summary>
    /// The driver's own connection of the shared transaction in the caller's flow (null outside one): the batch
    /// writers (<see cref="BatchWriters"/>) send typed array parameters and statement batches, which the lent
    /// connection does not expose. Statements on it need no transaction object; they are in the shared one the
    /// connection began.
    /// </summary>
    internal DbConnection? SharedConnection => _shared.Value is { Active: true } shared ? shared.Connection : null;

    private async Task RollBackAsync(DbConnection conn)
    {
        try
        {
            await Sql.ExecAsync(conn, null, "ROLLBACK", CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The connection is broken (closing it rolls back on the server); a SQLite connection must not go back
            // to the pool still inside the transaction its driver does not know of.
            Dialect.DiscardBroken(conn);
        }
    }

    /// <summary>The connection of one shared transaction, with whether it may still be lent and whether a part failed.</summary>
    internal sealed class SharedWrite(DbConnection connection)
    {
        public DbConnection Connection { get; } = connection;

        public bool Active { get; set; } = true;

        public bool Doomed { get; set; }
    }

    /// <summary>The shared connection as a store sees it: closing it keeps it open, a transaction on it is a part.</summary>
    private sealed class LentConnection(SharedWrite shared) : DbConnection
    {
        private DbConnection Inner => shared.Active ? shared.Connection : throw new InvalidOperationException("the shared transaction has ended");

#pragma warning disable CS8765 // The lent connection's setting is its owner's and is never changed through it.
        public override string ConnectionString { get => shared.Connection.ConnectionString; set => throw new NotSupportedException(); }
#pragma warning restore CS8765

        public override string Database => shared.Connection.Database;

        public override string DataSource => shared.Connection.DataSource;

        public override string ServerVersion => shared.Connection.ServerVersion;

        public override ConnectionState State => shared.Active ? ConnectionState.Open : ConnectionState.Closed;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Open()
        {
        }

        public override void Close()
        {
        }

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new PartTransaction(this, shared, isolationLevel);

        protected override DbCommand CreateDbCommand() => Inner.CreateCommand();
    }

    /// <summary>A store's transaction inside the shared one: committing it is the outer commit's; rolling it back dooms the outer.</summary>
    internal sealed class PartTransaction : DbTransaction
    {
        private readonly DbConnection _connection;
        private readonly SharedWrite _shared;
        private bool _done;

        public PartTransaction(DbConnection connection, SharedWrite shared, IsolationLevel isolationLevel)
        {
            _connection = connection;
            _shared = shared;
            IsolationLevel = isolationLevel;
        }

        public override IsolationLevel IsolationLevel { get; }

        protected override DbConnection DbConnection => _connection;

        public override void Commit() => _done = true;

        public override void Rollback()
        {
            _done = true;
            _shared.Doomed = true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done) Rollback();
            base.Dispose(disposing);
        }
    }
}
