using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    // (order × TableSize + count) × labels + label: a row's cells with equal counts (most are 0 or small) read
    // neighbouring floats, so the few hundred cells scoring ever reads stay in the first-level cache instead of
    // 13 cache lines a row (one per label's run of counts).
    private readonly float[] _table;
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

    /// <summary>Labels a dense row holds (<see cref="Dense"/>): the shipped model has 13.</summary>
    internal const int DenseStride = 16;

    /// <summary>Scorings after which the rows are made dense: one article's identification need not pay for it (issue #14).</summary>
    internal const int DenseAfter = 16;

    private float[]? _dense;
    private int _scorings;

    /// <summary>
    /// Every row's log-probabilities written out, <see cref="DenseStride"/> floats a row (one cache line), once the
    /// model has been used <see cref="DenseAfter"/> times (an import, a server), so that scoring adds a row with a
    /// few vector instructions instead of a table look-up per label; null before that, or when the model has more
    /// labels than a dense row holds. The floats are the ones <see cref="AddTo"/> adds, so scores are the same bits.
    /// </summary>
    public float[]? Dense()
    {
        if (Volatile.Read(ref _dense) is { } dense) return dense;
        if (_labels > DenseStride || Interlocked.Increment(ref _scorings) <= DenseAfter) return null;
        return LazyInitializer.EnsureInitialized(ref _dense, MakeDense);
    }

    private float[] MakeDense()
    {
        int labels = _labels, rows = _orders.Length;
        var dense = new float[rows * DenseStride];
        for (int row = 0; row < rows; row++)
        {
            var target = dense.AsSpan(row * DenseStride, labels);
            byte order = _orders[row];
            if ((order & LargeRow) != 0)
            {
                _large.AsSpan(_largeRowAt[row], labels).CopyTo(target);
                continue;
            }
            var counts = _counts.AsSpan(row * labels, labels);
            var table = _table.AsSpan(order * TableSize * labels, TableSize * labels);
            for (int k = 0; k < labels; k++) target[k] = table[counts[k] * labels + k];
        }
        return dense;
    }

    /// <summary>
    /// Adds dense row <paramref name="row"/> to the four accumulators of labels 0–3, 4–7, 8–11 and 12–15: each lane
    /// adds the same float, widened, in the same order as <see cref="AddTo"/> would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddDense(float[] dense, int row, ref Vector256<double> a0, ref Vector256<double> a1, ref Vector256<double> a2, ref Vector256<double> a3)
    {
        ref float start = ref MemoryMarshal.GetArrayDataReference(dense);
        nuint at = (nuint)row * DenseStride;
        var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, at));
        a0 += lower;
        a1 += upper;
        (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, at + 8));
        a2 += lower;
        a3 += upper;
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
        var table = _table.AsSpan(order * TableSize * labels, TableSize * labels);
        for (int k = 0; k < labels; k++) scores[k] += table[counts[k] * labels + k];
    }

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
            table[((order * TableSize) + c) * labels + j] = (float)LogProb(c, order, j);

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
                if (c < TableSize) large.Add(table[((order * TableSize) + c) * labels + j]);
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
