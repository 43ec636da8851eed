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

    /// <summary>
    /// The next <c>@n</c> values of the entities' identity, in order, as rows. The sequence is looked up once (a
    /// materialised CTE): as an argument of <c>nextval</c> in the select list, <c>pg_get_serial_sequence</c> ran for
    /// every row, a catalog look-up each (4 buffers a value; 321k buffers for the 80,000 entity rows of an a10k import).
    /// </summary>
    internal const string NextEntityIds = $"WITH s AS MATERIALIZED ({EntitiesSequence}) SELECT nextval(s.seq) FROM s, generate_series(1, @n)";

    /// <summary>The same for the stories' identity.</summary>
    internal const string NextStoryIds = $"WITH s AS MATERIALIZED ({StoriesSequence}) SELECT nextval(s.seq) FROM s, generate_series(1, @n)";

    private const string EntitiesSequence = "SELECT CAST(pg_get_serial_sequence('entities', 'id') AS regclass) AS seq";
    private const string StoriesSequence = "SELECT CAST(pg_get_serial_sequence('stories', 'id') AS regclass) AS seq";

    /// <summary>One statement of a batch with its parameters.</summary>
    internal static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
