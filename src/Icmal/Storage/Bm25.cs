namespace Icmal.Storage;

/// <summary>
/// BM25 exactly as FTS5's <c>bm25()</c> computes it (k1 = 1.2, b = 0.75, each column's occurrences multiplied by its
/// weight, IDF = ln((N − n + 0.5) / (n + 0.5)) floored at 10⁻⁶), from one match's statistics
/// (<see cref="Fts5MatchStats"/>) and each phrase's document frequency n, which the caller supplies: counted when it
/// is small, estimated from the newest matches when it is large (<see cref="SqliteFts5SearchEngine"/>).
/// </summary>
internal static class Bm25
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    /// <summary>The inverse document frequency of a phrase found in <paramref name="documents"/> of <paramref name="rows"/> rows.</summary>
    public static double Idf(long rows, double documents)
    {
        double n = Math.Clamp(documents, 0, rows);
        double idf = Math.Log((rows - n + 0.5) / (n + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }

    /// <summary>
    /// The score of one match, higher is better: for each phrase its weighted frequency in the row, saturated and
    /// normalised by the row's length against the average, times the phrase's IDF.
    /// </summary>
    /// <param name="stats">The row's <see cref="Fts5MatchStats"/> blob.</param>
    /// <param name="idf">Each phrase's IDF, in the query's order (0 for a phrase that does not count, an excluded one).</param>
    /// <param name="weights">Each column's weight, in the table's order.</param>
    public static double Score(ReadOnlySpan<byte> stats, ReadOnlySpan<double> idf, ReadOnlySpan<double> weights)
    {
        var (rows, tokens, length) = Fts5MatchStats.Header(stats);
        double average = rows > 0 ? (double)tokens / rows : 1;
        double norm = K1 * (1 - B + B * length / Math.Max(average, 1e-9));
        double score = 0;
        for (int p = 0; p < idf.Length; p++)
        {
            double frequency = 0;
            for (int c = 0; c < weights.Length; c++) frequency += weights[c] * Fts5MatchStats.Count(stats, p, c, weights.Length);
            score += idf[p] * frequency * (K1 + 1) / (frequency + norm);
        }
        return score;
    }
}
