using System.Globalization;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>Each article's figures in text order; amounts as invariant decimal text, exact on both engines.</summary>
public sealed class FigureStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    public async Task ReplaceAsync(long articleId, IReadOnlyList<FactFigure> figures, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(figures);
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, "DELETE FROM article_figures WHERE article_id = @a", ct, ("@a", articleId));
        foreach (var f in figures)
        {
            await Sql.ExecAsync(conn, tx, $"""
                INSERT INTO article_figures (article_id, position, amount, unit, measure, approximate, figure)
                VALUES (@a, @p, @amount, @unit, @measure, {(f.Approximate ? _d.True : _d.False)}, @figure)
                """, ct, ("@a", articleId), ("@p", f.Position), ("@amount", f.Amount.ToString(CultureInfo.InvariantCulture)), ("@unit", f.Unit),
                ("@measure", Sql.Nullable(f.Measure)), ("@figure", f.Text));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>An article's figures in text order.</summary>
    public async Task<IReadOnlyList<StoredFigure>> ForArticleAsync(long articleId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, """
            SELECT article_id, position, amount, unit, measure, approximate, figure FROM article_figures WHERE article_id = @a ORDER BY position
            """, r => new StoredFigure(r.GetInt64(0), r.GetInt32(1), decimal.Parse(r.GetString(2), NumberStyles.Number, CultureInfo.InvariantCulture),
                r.GetString(3), r.StringOrNull(4), _d.ReadBoolean(r, 5), r.GetString(6)), ct, ("@a", articleId));
    }
}
