using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Icmal.Analysis;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// A search's skeleton on PostgreSQL (<see cref="PostgreSqlTsText.Skeleton"/>, with the facets its filters require):
/// its tsquery text, which the GIN index answers exactly, and its shape, from which <see cref="EstimateAsync"/> says
/// how many articles it matches. The shape is an AND of groups, a group an OR of alternatives, an alternative an AND
/// of lexemes (a phrase's keys, or one facet).
/// </summary>
internal sealed record PostgreSqlSkeleton(string Text, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Shape)
{
    /// <summary>Above this many distinct lexemes the skeleton is estimated as a whole, by the planner (one statement).</summary>
    private const int MaxLexemes = 16;

    /// <summary>The skeleton of <paramref name="query"/> and of the facets a search's filters require (AND-ed to it).</summary>
    public static PostgreSqlSkeleton Of(KeyQuery query, IReadOnlyList<IReadOnlyList<Facet>>? facets = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        string text = PostgreSqlTsText.Skeleton(query);
        string? required = facets is null ? null : PostgreSqlTsText.Facets(facets);
        if (required is not null) text = "(" + text + ") & " + required;
        var shape = new List<IReadOnlyList<IReadOnlyList<string>>>();
        foreach (var group in query.Required) shape.Add([.. group.Select(phrase => (IReadOnlyList<string>)[.. phrase.Keys])]);
        foreach (var group in facets ?? []) shape.Add([.. group.Select(facet => (IReadOnlyList<string>)[facet.Lexeme])]);
        return new PostgreSqlSkeleton(text, shape);
    }

    /// <summary>
    /// How many articles the skeleton matches, by the planner's statistics of each lexeme (without running anything):
    /// where the match window's first stretch starts (<see cref="PostgreSqlMatchWindow"/>).
    /// </summary>
    /// <remarks>
    /// The planner multiplies the shares of AND-ed lexemes as if they were independent, and the words of one query are
    /// not: they were typed together because they go together ("yol nəqliyyat" matched 10,391 articles at a million, the
    /// planner said 3,412; three words said 12 for 2,721). A stretch read for so few reads every match of the archive.
    /// So each lexeme's share is asked of the planner (one round trip) and an AND is combined by exponential backoff
    /// (as SQL Server's estimator does for correlated conjunctions): the rarest share, times the square root of the
    /// next, times the fourth root of the third, and so on. An OR is combined as independent.
    /// </remarks>
    public async Task<SkeletonEstimate> EstimateAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        var lexemes = Shape.SelectMany(g => g).SelectMany(a => a).Distinct(StringComparer.Ordinal).ToArray();
        if (lexemes.Length == 0 || lexemes.Length > MaxLexemes)
        {
            double planned = await PlannedRowsAsync(conn, tx, Text, ct);
            return new SkeletonEstimate(planned, planned);
        }
        await using var batch = new NpgsqlBatch((NpgsqlConnection)conn, (NpgsqlTransaction)tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"EXPLAIN (FORMAT JSON) SELECT 1 FROM {PostgreSqlSearchEngine.Table} s"));
        foreach (string lexeme in lexemes)
        {
            batch.BatchCommands.Add(PostgreSqlBatchCommands.Command(Explain, new NpgsqlParameter("@u", PostgreSqlTsText.Lexeme(lexeme))));
        }
        var rows = new List<double>(lexemes.Length + 1);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                if (await reader.ReadAsync(ct)) rows.Add(PlanRows(reader.GetString(0)));
            }
            while (await reader.NextResultAsync(ct));
        }
        double all = rows[0];
        if (all <= 0) return new SkeletonEstimate(0, 0);
        var share = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < lexemes.Length; i++) share[lexemes[i]] = Math.Clamp(rows[i + 1] / all, 0, 1);
        return new SkeletonEstimate(all * Share(Shape, lexeme => share[lexeme], Backoff), all * Share(Shape, lexeme => share[lexeme], Independent));
    }

    /// <summary>
    /// The share of the articles a shape matches, from each lexeme's share: its ANDs combined by <paramref name="and"/>
    /// (<see cref="Backoff"/> or <see cref="Independent"/>), its ORs as independent.
    /// </summary>
    internal static double Share(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> shape, Func<string, double> share, Func<IEnumerable<double>, double> and)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(and);
        return and(shape.Select(group => 1 - group.Aggregate(1.0, (none, alternative) => none * (1 - and(alternative.Select(share))))));
    }

    /// <summary>The share of an AND of independent parts: the product (what the planner assumes).</summary>
    internal static double Independent(IEnumerable<double> shares) => shares.Aggregate(1.0, (product, s) => product * s);

    /// <summary>The share of an AND: the rarest share, times the square root of the next, the fourth root of the third, …</summary>
    internal static double Backoff(IEnumerable<double> shares)
    {
        double result = 1, exponent = 1;
        foreach (double s in shares.Order())
        {
            result *= Math.Pow(s, exponent);
            exponent /= 2;
        }
        return result;
    }

    private const string Explain = $"EXPLAIN (FORMAT JSON) SELECT 1 FROM {PostgreSqlSearchEngine.Table} s WHERE s.keys @@ CAST(@u AS tsquery)";

    /// <summary>The planner's estimate of the rows a tsquery matches, the whole at once.</summary>
    private static async Task<double> PlannedRowsAsync(DbConnection conn, DbTransaction tx, string tsquery, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, Explain, ("@u", tsquery));
        string? plan = Convert.ToString(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        return plan is null ? 0 : PlanRows(plan); // no estimate: the whole archive at once, as without one
    }

    private static double PlanRows(string plan)
    {
        using var json = JsonDocument.Parse(plan);
        return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }
}

/// <summary>
/// How many articles a skeleton matches: <see cref="Likely"/> with its ANDs' parts taken as going together (exponential
/// backoff), <see cref="Independent"/> with them taken as independent (the planner's way; fewer for an AND).
/// </summary>
internal readonly record struct SkeletonEstimate(double Likely, double Independent);
