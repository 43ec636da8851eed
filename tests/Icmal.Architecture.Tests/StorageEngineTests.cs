using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Loader;

namespace Icmal.Architecture.Tests;

/// <summary>
/// The storage's engine differences live in one place: the stores are written once over the connection factory and
/// the dialect, and what only PostgreSQL's driver can do (typed arrays, statement batches, binary copy) lives in the
/// types named <c>PostgreSql…</c>, reached through <c>SqlDialect.Batches</c> (<c>BatchWriters</c>), never by a store
/// testing its connection's type.
/// </summary>
public sealed class StorageEngineTests
{
    /// <summary>
    /// Types of Icmal.Storage, other than the <c>PostgreSql…</c> ones, that may use Npgsql: the connection factory
    /// (it builds the pool from the setting). The archive copy (<c>icmal migrate</c>) writes through
    /// <c>PostgreSqlArchiveWriter</c>, so it is no exception.
    /// </summary>
    private static readonly string[] Allowed = ["Icmal.Storage.Database"];

    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader().LoadAssemblies(typeof(Storage.Database).Assembly).Build();

    [Fact]
    public void Only_the_PostgreSql_types_and_the_connection_factory_of_the_storage_use_Npgsql()
    {
        var users = NpgsqlUsers().Where(t => !IsPostgreSqlSpecific(t)).ToList();
        Assert.True(users.Count == 0, "storage types that use Npgsql but are not PostgreSQL's (put the code in a PostgreSql… type "
            + "behind BatchWriters or the dialect):\n" + string.Join("\n", users));
    }

    /// <summary>The rule above sees Npgsql at all: over a graph without the driver it would pass whatever the stores did.</summary>
    [Fact]
    public void The_PostgreSql_batches_are_seen_using_Npgsql()
    {
        var users = NpgsqlUsers().ToList();
        Assert.Contains("Icmal.Storage.PostgreSqlArticleBatch", users);
        Assert.Contains("Icmal.Storage.PostgreSqlBatchWriters", users);
        Assert.Contains("Icmal.Storage.PostgreSqlArchiveWriter", users);
        Assert.Contains("Icmal.Storage.Database", users);
    }

    /// <summary>
    /// Code that names an engine (<c>SqlDialect.Sqlite</c>, <c>SqlDialect.PostgreSql</c>, or the dialect types
    /// themselves) instead of asking its dialect: the connection factory choosing the engine from the setting, the
    /// archive copy (SQLite to PostgreSQL by definition) and each engine's migration list. Anywhere else an
    /// <c>_d == SqlDialect.Sqlite</c> is an engine test a new engine would silently fall through; it belongs in a
    /// dialect member.
    /// </summary>
    private static readonly string[] MayNameAnEngine =
    [
        "Icmal.Storage.Database", "Icmal.Storage.ArchiveCopier", "Icmal.Storage.SqliteMigrations", "Icmal.Storage.PostgreSqlMigrations",
        "Icmal.Storage.SqlDialect", "Icmal.Storage.SqliteDialect", "Icmal.Storage.PostgreSqlDialect",
    ];

    [Fact]
    public void Only_the_connection_factory_the_archive_copy_and_the_migrations_name_an_engine()
    {
        var naming = EngineNamers().Where(t => !MayNameAnEngine.Contains(t)).ToList();
        Assert.True(naming.Count == 0, "types that name an SQL engine instead of asking their dialect (add a member to SqlDialect):\n"
            + string.Join("\n", naming));
    }

    /// <summary>The rule above sees the engines named at all: the connection factory picks one from the setting.</summary>
    [Fact]
    public void The_connection_factory_is_seen_naming_the_engines()
    {
        var naming = EngineNamers().ToList();
        Assert.Contains("Icmal.Storage.Database", naming);
        Assert.Contains("Icmal.Storage.ArchiveCopier", naming);
    }

    /// <summary>
    /// Types of the library (a compiler-made nested type stands for the one it was written in) that read the static
    /// <c>SqlDialect.Sqlite</c> or <c>SqlDialect.PostgreSql</c>, or depend on a concrete dialect type.
    /// </summary>
    private static IEnumerable<string> EngineNamers() =>
        Code.Types
            .Where(t => t.Dependencies.Any(NamesAnEngine))
            .Select(t => t.FullName.Split('+')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static bool NamesAnEngine(ITypeDependency d) =>
        d.Target.FullName is "Icmal.Storage.SqliteDialect" or "Icmal.Storage.PostgreSqlDialect"
        || (d is IMemberMemberDependency { TargetMember: var m } && m.DeclaringType.FullName == "Icmal.Storage.SqlDialect"
            && m.Name is "Sqlite" or "PostgreSql");

    /// <summary>The storage types (a compiler-made nested type stands for the one it was written in) that depend on an Npgsql type.</summary>
    private static IEnumerable<string> NpgsqlUsers() =>
        Code.Types
            .Where(t => t.Namespace?.FullName == "Icmal.Storage")
            .Where(t => t.Dependencies.Any(d => d.Target.FullName.StartsWith("Npgsql", StringComparison.Ordinal)))
            .Select(t => t.FullName.Split('+')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static bool IsPostgreSqlSpecific(string fullName) =>
        fullName.StartsWith("Icmal.Storage.PostgreSql", StringComparison.Ordinal) || Allowed.Contains(fullName);
}
