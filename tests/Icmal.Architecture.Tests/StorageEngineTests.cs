using ArchUnitNET.Domain;
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
