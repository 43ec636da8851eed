using Npgsql;
using NpgsqlTypes;

namespace Icmal.Storage;

/// <summary>
/// What the PostgreSQL batch writers (<see cref="PostgreSqlArticleBatch"/>, <see cref="PostgreSqlFactsBatch"/>,
/// <see cref="PostgreSqlCopyBatch"/>, <see cref="PostgreSqlStoryBatch"/>) build their statements from: typed array
/// parameters, which carry a whole batch's column in one value (<c>unnest(@a, @b)</c>), and commands of an
/// <see cref="NpgsqlBatch"/>, which send several statements in one round trip.
/// </summary>
internal static class PostgreSqlBatchCommands
{
    /// <summary>A typed array parameter (an array of <paramref name="element"/>), nulls allowed in it.</summary>
    internal static NpgsqlParameter Array<T>(string name, NpgsqlDbType element, T[] values) =>
        new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | element) { TypedValue = values };

    /// <summary>One statement of a batch with its parameters.</summary>
    internal static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
