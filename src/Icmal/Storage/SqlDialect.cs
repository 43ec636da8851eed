using System.Data.Common;

namespace Icmal.Storage;

/// <summary>
/// Everything that differs between the SQL engines İcmal runs on, in one place. Statements in the stores are written
/// in the subset both engines share (named @parameters, row values, ON CONFLICT, RETURNING, CASE) and take these
/// fragments and values where they must differ: column types, literals, how a time or a list of ids travels as a
/// parameter, and the schema's migration steps. A new engine is one subclass and one migration list.
/// </summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }

    /// <summary>Column definition of an auto-assigned 64-bit primary key.</summary>
    public abstract string IdentityPrimaryKey { get; }

    public abstract string BlobType { get; }

    /// <summary>Column type of an instant (see <see cref="Time"/> for how values travel).</summary>
    public abstract string TimeType { get; }

    public abstract string BooleanType { get; }

    /// <summary>
    /// A statement of one row and column: about how many articles are stored, without counting them (a count walks
    /// every row: 660 ms at a million on PostgreSQL); null when the engine has no figure yet. For list totals past
    /// <see cref="ArticleStore.ExactTotalCap"/>.
    /// </summary>
    internal abstract string EstimatedArticleCount { get; }

    /// <summary>The boolean literals, for defaults and constant conditions (parameters take a <see cref="bool"/>).</summary>
    public abstract string True { get; }

    public abstract string False { get; }

    /// <summary>Statements run once when the database is opened (journal mode and other persistent settings).</summary>
    public abstract IReadOnlyList<string> DatabaseSetup { get; }

    /// <summary>Statements run on every connection taken from the pool (session settings), as one batch.</summary>
    public abstract IReadOnlyList<string> ConnectionSetup { get; }

    /// <summary>Begins a transaction that will write (SQLite takes the write lock at once, so it never fails to upgrade a read lock).</summary>
    public virtual string BeginWrite => "BEGIN";

    /// <summary>
    /// Statements that make other processes wait while this one migrates (run on the migrating connection before it
    /// reads the schema's version), and the statements that let them go. Empty where the engine serialises writers itself.
    /// </summary>
    public virtual IReadOnlyList<string> MigrationLock => [];

    /// <inheritdoc cref="MigrationLock"/>
    public virtual IReadOnlyList<string> MigrationUnlock => [];

    /// <summary>
    /// The command timeout of a migration step's statements, in seconds (0: none). The driver's 30 s, unless the
    /// engine's timeout ends a statement that is still working rather than one waiting for a lock.
    /// </summary>
    internal virtual int MigrationCommandTimeout => 30;

    /// <summary>
    /// A statement, run inside a transaction just before it puts articles into stories, that makes every other process
    /// doing the same wait until the transaction ends (<see cref="StoryStore.AssignManyAsync"/>): two crawlers never
    /// both start a story for one event, and the story order (<see cref="StoryOrderStep"/>) follows the commits. Null
    /// where the engine's one writer already serialises them (SQLite's write transactions begin immediate).
    /// </summary>
    internal virtual string? StoryLock => null;

    /// <summary>
    /// Whether two write transactions of one process can make progress at once (<see cref="Database.InOneTransactionBesideAsync{T}"/>):
    /// an import then stores one batch while the batch before is linked and clustered. False where the engine has one
    /// writer (SQLite: the second would only wait for the first, and an import keeps its one transaction a batch).
    /// </summary>
    public virtual bool OverlapsWriteTransactions => false;

    /// <summary>The schema's steps for this engine, in order (see <see cref="MigrationStep"/>).</summary>
    public abstract IReadOnlyList<MigrationStep> Migrations { get; }

    /// <summary>An instant as a parameter value of a <see cref="TimeType"/> column.</summary>
    public abstract object Time(DateTimeOffset value);

    /// <summary>A <see cref="TimeType"/> column as an instant (UTC).</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>
    /// A condition true where a <see cref="TimeType"/> column holds what SQL can not compare with the instants İcmal
    /// writes (text or a number of another unit that another tool wrote into SQLite's file; such a row reads as its
    /// time or as unknown, but <c>next_poll_at &lt;= @now</c> is never true of it). A schedule treats such a time as
    /// passed, so the row is due now and the work it was waiting for writes the time anew; without it a source was
    /// never polled again. False where the column's type holds only instants (PostgreSQL's <c>timestamptz</c>).
    /// </summary>
    internal virtual string Uncomparable(string column) => False;

    /// <summary>The database type of a <see cref="Time"/> value, for a NULL that must say its type.</summary>
    private protected abstract System.Data.DbType TimeDbType { get; }

    /// <summary>An instant, or a NULL typed as one (see <see cref="Sql.TypedNull"/>).</summary>
    public object TimeOrNull(DateTimeOffset? value) => value is { } v ? Time(v) : new Sql.TypedNull(TimeDbType);

    /// <summary>A <see cref="BooleanType"/> column as a <see cref="bool"/>.</summary>
    public abstract bool ReadBoolean(DbDataReader reader, int ordinal);

    /// <summary>
    /// A text expression ordered by its bytes, as SQLite's BINARY collation orders it whatever the database's locale:
    /// two engines walking one table's text keys meet the rows in the same order (the archive copy's resume and check).
    /// </summary>
    internal virtual string BytewiseOrder(string expression) => expression;

    /// <summary>
    /// A text column compared by its bytes (SQLite's BINARY collation, PostgreSQL's "C"): a range <c>&gt;= prefix AND
    /// &lt; prefix + U+10FFFF</c> on its index is then exactly the values that start with the prefix, whatever the
    /// database's locale (<see cref="EntityWordStep"/>).
    /// </summary>
    internal virtual string BytewiseTextType => "TEXT";

    /// <summary>
    /// A statement that marks a table's pages all-visible where they are not yet, so its index-only scans stop checking
    /// the table (PostgreSQL's VACUUM, passed over when another vacuum holds the table); run outside a transaction.
    /// Null where the engine has no such thing (SQLite: <see cref="SketchStore.KeepKeysVisibleAsync"/> does nothing).
    /// </summary>
    internal virtual string? MarkAllVisible(string table) => null;

    /// <summary>
    /// Keeps a connection whose rollback failed out of the pool where the driver would hand it out again still inside a
    /// transaction it does not know of (SQLite's, on a ROLLBACK sent as a statement). Nothing where closing the broken
    /// connection rolls back on the server.
    /// </summary>
    internal virtual void DiscardBroken(DbConnection conn)
    {
    }

    /// <summary>
    /// True when the engine refused a statement for the data it was given (PostgreSQL's data exceptions, class 22, such
    /// as a NUL in a text), not for its own state: the row's fault (<see cref="ItemErrorStore.IsArticleFault"/>).
    /// SQLite stores whatever it is given.
    /// </summary>
    internal virtual bool RefusedTheData(DbException e) => false;

    /// <summary>A statement of one row and column: how many tables named schema_migrations the database has (0 before any migration).</summary>
    internal abstract string SchemaTableCount { get; }

    public DateTimeOffset? ReadTimeOrNull(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);
    }

    /// <summary>
    /// <see cref="ReadTimeOrNull"/> with a time that holds no time (text another tool wrote into SQLite's file) read as
    /// unknown too, as the JSON columns beside it read what İcmal did not write as none, so one such row does not fail
    /// every list that shows it: an article's publication and change times, its archive time where the caller has
    /// others to fall back on (<see cref="ArticleRows.ArchiveTime"/>), a story's, a source's and a log entry's times.
    /// </summary>
    public DateTimeOffset? ReadTimeOrUnknown(DbDataReader reader, int ordinal)
    {
        try
        {
            return ReadTimeOrNull(reader, ordinal);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first time, in the statement's order, among the rows of <paramref name="sql"/> (one time column) that reads
    /// as one (<see cref="ReadTimeOrUnknown"/>), or null: a latest or earliest time read past rows another tool wrote
    /// text into, which SQLite orders above every number (its MAX is then the text). The statement bounds the rows.
    /// </summary>
    internal async Task<DateTimeOffset?> FirstTimeAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct,
        params (string, object?)[] parameters) =>
        (await Sql.ListAsync(conn, tx, sql, r => ReadTimeOrUnknown(r, 0), ct, parameters)).FirstOrDefault(t => t is not null);

    /// <summary>
    /// A condition "<paramref name="expression"/> is one of the values in <paramref name="parameter"/>", where the
    /// parameter's value is made by <see cref="ListValue(IReadOnlyCollection{string})"/>: one parameter and one statement
    /// text for any number of values, so the engine caches one plan.
    /// </summary>
    public abstract string InList(string expression, string parameter);

    /// <summary>A list parameter (<see cref="ListValue(IReadOnlyCollection{long})"/>) as a table of one column, <c>value</c>, for a FROM clause.</summary>
    public abstract string ListRows(string parameter);

    /// <summary>The 1-based position of <paramref name="needle"/> in <paramref name="haystack"/>, 0 when absent (SQL expressions).</summary>
    public abstract string Position(string haystack, string needle);

    /// <summary>
    /// What follows a SELECT that picks rows to claim, as a work queue reads: lock the rows picked and pass over the rows
    /// another transaction holds, so that two claimers never wait on each other nor claim one row twice. Empty where
    /// one writer at a time holds the whole database and a single statement is already alone (SQLite).
    /// </summary>
    public abstract string SkipLockedRows { get; }

    /// <summary>A list of text values as the value of an <see cref="InList"/> parameter.</summary>
    public abstract object ListValue(IReadOnlyCollection<string> values);

    /// <summary>A list of ids as the value of an <see cref="InList"/> parameter.</summary>
    public abstract object ListValue(IReadOnlyCollection<long> values);

    /// <summary>
    /// An insert that updates the row already holding <paramref name="key"/> instead: both engines spell it
    /// <c>ON CONFLICT (...) DO UPDATE</c> (in <paramref name="update"/>, <c>excluded.col</c> is the new row), an engine
    /// that spells it otherwise (MERGE) overrides this. Each column's value is the parameter <c>@column</c>.
    /// </summary>
    public virtual string Upsert(string table, IReadOnlyList<string> columns, IReadOnlyList<string> key, string update)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(key);
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) "
            + $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {update}";
    }

    /// <summary>An insert that leaves the row already holding <paramref name="key"/> as it is.</summary>
    public virtual string InsertIfAbsent(string table, IReadOnlyList<string> columns, IReadOnlyList<string> key)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(key);
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) "
            + $"ON CONFLICT ({string.Join(", ", key)}) DO NOTHING";
    }

    /// <summary>
    /// Statements around a migration step that rebuilds tables (SQLite can not change a column's type in place):
    /// foreign keys off before its transaction, checked before it commits, on again after. Empty where not needed.
    /// </summary>
    public abstract IReadOnlyList<string> ForeignKeysOff { get; }

    public abstract IReadOnlyList<string> ForeignKeysOn { get; }

    /// <summary>A query that returns a row for every foreign key broken inside the transaction, or null.</summary>
    public abstract string? ForeignKeyCheck { get; }

    /// <summary>The engine's full-text search (<see cref="SearchEngine"/>); null where İcmal has none yet.</summary>
    internal virtual SearchEngine? Search => null;

    /// <summary>
    /// The writes whose statements differ by engine beyond these fragments (<see cref="BatchWriters"/>: which they are,
    /// and where each engine's version is); the stores call them instead of testing a connection's type.
    /// </summary>
    internal abstract BatchWriters Batches { get; }

    public static readonly SqlDialect Sqlite = new SqliteDialect();

    public static readonly SqlDialect PostgreSql = new PostgreSqlDialect();

    public override string ToString() => Name;
}
