namespace Icmal.Clustering;

/// <summary>
/// A sparse unit vector over interned term ids (<see cref="TermTable"/>), kept sorted by id so that two vectors meet
/// in one merge pass: no hashing of strings on the clusterer's hot path.
/// </summary>
internal sealed class TermVector
{
    /// <summary>The term ids, ascending.</summary>
    public int[] Ids { get; }
    /// <summary>The weight of each id in <see cref="Ids"/>.</summary>
    public double[] Weights { get; }

    public TermVector(int[] ids, double[] weights)
    {
        Ids = ids;
        Weights = weights;
    }

    public int Count => Ids.Length;

    /// <summary>The dot product with <paramref name="other"/> (the cosine, both being unit vectors).</summary>
    public double Dot(TermVector other)
    {
        int[] a = Ids, b = other.Ids;
        double[] wa = Weights, wb = other.Weights;
        int i = 0, j = 0;
        double dot = 0;
        while (i < a.Length && j < b.Length)
        {
            int x = a[i], y = b[j];
            if (x == y) dot += wa[i++] * wb[j++];
            else if (x < y) i++;
            else j++;
        }
        return dot;
    }

    /// <summary>
    /// The vector cut to its <paramref name="count"/> strongest terms (ties to the lower id), still sorted by id; the
    /// vector itself when it has no more.
    /// </summary>
    public TermVector Strongest(int count)
    {
        if (Ids.Length <= count) return this;
        var keep = StrongestOrder().AsSpan(0, count).ToArray(); // a copy: the cached order stays as it is
        Array.Sort(keep);
        var ids = new int[count];
        var weights = new double[count];
        for (int k = 0; k < count; k++)
        {
            ids[k] = Ids[keep[k]];
            weights[k] = Weights[keep[k]];
        }
        return new TermVector(ids, weights);
    }

    /// <summary>Positions in <see cref="Ids"/> from the strongest term to the weakest (ties to the lower id); shared, not to be changed.</summary>
    public int[] StrongestOrder() => _order ??= Order();

    /// <summary>The order once computed (the linker and the story look-up both read it for one arrival).</summary>
    private int[]? _order;

    private int[] Order()
    {
        var order = new int[Ids.Length];
        for (int k = 0; k < order.Length; k++) order[k] = k;
        var weights = Weights;
        Array.Sort(order, (x, y) =>
        {
            int c = weights[y].CompareTo(weights[x]);
            return c != 0 ? c : x.CompareTo(y);
        });
        return order;
    }
}

/// <summary>
/// The clusterer's vocabulary: each term string gets a small integer id once, with its document frequency learned
/// from the stream. Not thread-safe (the clusterer has one writer).
/// </summary>
internal sealed class TermTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<int> _documentFrequency = [];

    /// <summary>How many documents were counted.</summary>
    public int Documents { get; private set; }

    /// <summary>Counts a document holding <paramref name="terms"/> and returns their ids, in the same order.</summary>
    public int[] Learn(IReadOnlyCollection<string> terms)
    {
        Documents++;
        var ids = new int[terms.Count];
        int k = 0;
        foreach (string term in terms)
        {
            if (!_ids.TryGetValue(term, out int id))
            {
                id = _documentFrequency.Count;
                _ids[term] = id;
                _documentFrequency.Add(0);
            }
            _documentFrequency[id]++;
            ids[k++] = id;
        }
        return ids;
    }

    /// <summary>The id of a term already learned, or -1.</summary>
    public int IdOf(string term) => _ids.TryGetValue(term, out int id) ? id : -1;

    /// <summary>The smoothed inverse document frequency of a learned id.</summary>
    public double Idf(int id) => Math.Log((1.0 + Documents) / (1.0 + _documentFrequency[id])) + 1;
}
