namespace Icmal.Text.LanguageId;

/// <summary>
/// The log-probability of each n-gram under each label, kept as the model file's counts: a count under 255 (nearly
/// every cell) is looked up in a table of log-probabilities made once per order and label, and only the rows with a
/// larger count are computed into floats at load. So loading costs a copy of the file and a pass over its rare large
/// cells, not 3.7 million log-probabilities written out (issue #14, start-up), and a row's values are the same floats
/// the smoothing expression gives.
/// </summary>
internal sealed class NGramLogProbabilities
{
    private const int TableSize = LanguageModelFile.Large; // counts 0..254
    private const byte LargeRow = 0x80;                    // set on a row's order when the row is in _large
    private readonly int _labels;
    private readonly byte[] _orders;  // per row: order (1–5), | LargeRow when the row has a count ≥ 255
    private readonly byte[] _counts;  // row-major, as in the file
    private readonly float[] _table;  // (order × labels + label) × TableSize + count
    private readonly Dictionary<int, int> _largeRowAt; // row → its offset in _large
    private readonly float[] _large;

    private NGramLogProbabilities(int labels, byte[] orders, byte[] counts, float[] table, Dictionary<int, int> largeRowAt, float[] large)
    {
        _labels = labels;
        _orders = orders;
        _counts = counts;
        _table = table;
        _largeRowAt = largeRowAt;
        _large = large;
    }

    /// <summary>Adds row <paramref name="row"/>'s log-probability under each label to <paramref name="scores"/>.</summary>
    public void AddTo(int row, Span<double> scores)
    {
        int labels = _labels;
        byte order = _orders[row];
        if ((order & LargeRow) != 0)
        {
            var lp = _large.AsSpan(_largeRowAt[row], labels);
            for (int k = 0; k < labels; k++) scores[k] += lp[k];
            return;
        }
        var counts = _counts.AsSpan(row * labels, labels);
        var table = _table.AsSpan(order * labels * TableSize, labels * TableSize);
        for (int k = 0; k < labels; k++) scores[k] += table[k * TableSize + counts[k]];
    }

    /// <summary>How many labels a row has a log-probability for.</summary>
    public int Labels => _labels;

    /// <summary>The log-probabilities of a model as read from its file (whose orders and counts it takes over).</summary>
    /// <exception cref="InvalidDataException">An order outside 1–5, or the large counts do not match the cells that need one.</exception>
    public static NGramLogProbabilities From(LanguageModelData data)
    {
        int labels = data.Labels.Length;
        int maxOrder = LanguageIdentifier.MaxOrder;
        byte[] orders = data.Orders;
        if (orders.AsSpan().IndexOfAnyExceptInRange((byte)1, (byte)maxOrder) is int bad and >= 0)
            throw new InvalidDataException($"Language model: an n-gram of order {orders[bad]}.");
        const double alpha = 0.1; // additive smoothing per order
        double LogProb(long count, int order, int label) =>
            Math.Log((count + alpha) / (data.Totals[order, label] + alpha * data.Vocabulary[order]));
        var table = new float[(maxOrder + 1) * labels * TableSize];
        for (int order = 1; order <= maxOrder; order++)
        for (int j = 0; j < labels; j++)
        for (int c = 0; c < TableSize; c++)
            table[((order * labels) + j) * TableSize + c] = (float)LogProb(c, order, j);

        // The cells marked large, in row-major order, take the large counts one after another.
        byte[] counts = data.Counts;
        var largeRowAt = new Dictionary<int, int>();
        var large = new List<float>();
        int next = 0;
        for (int at = counts.AsSpan().IndexOf(LanguageModelFile.Large); at >= 0;)
        {
            int row = at / labels;
            largeRowAt.Add(row, large.Count);
            int order = orders[row];
            for (int j = 0; j < labels; j++)
            {
                byte c = counts[row * labels + j];
                if (c < TableSize) large.Add(table[((order * labels) + j) * TableSize + c]);
                else if (next < data.LargeCounts.Length) large.Add((float)LogProb(data.LargeCounts[next++], order, j));
                else throw new InvalidDataException("Language model: fewer large counts than cells that need one.");
            }
            orders[row] |= LargeRow;
            int after = (row + 1) * labels;
            int found = counts.AsSpan(after).IndexOf(LanguageModelFile.Large);
            at = found < 0 ? -1 : after + found;
        }
        if (next != data.LargeCounts.Length) throw new InvalidDataException("Language model: more large counts than cells that need one.");
        return new NGramLogProbabilities(labels, orders, counts, table, largeRowAt, [.. large]);
    }
}
