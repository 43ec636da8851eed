using System.Runtime.InteropServices;
using Icmal.Analysis;

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
/// The clusterer's vocabulary: each feature (<see cref="StoryTerms"/>: a stem, a name key, a figure) gets a small
/// integer id once, with its document frequency learned from the stream. The three kinds are held apart, so that a
/// name key is looked up as it is, not as a string built per look-up ("n:" + key), and each stem remembers its name
/// key's id once known (the clusterer asks for it of every title and lead stem). Not thread-safe (one writer).
/// </summary>
internal sealed class TermTable
{
    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _figures = new(StringComparer.Ordinal);
    private int[] _documentFrequency = new int[1024];
    /// <summary>Per stem id: its name key (computed once), and that key's id once learned (-1 before).</summary>
    private string?[] _nameKeyOfStem = new string?[1024];
    private int[] _nameIdOfStem = new int[1024];
    /// <summary>Per id: the last document that counted it, and its place in that document's list (one writer).</summary>
    private int[] _seenIn = new int[1024];
    private int[] _place = new int[1024];
    private readonly List<int> _documentIds = [];
    private readonly List<int> _documentCounts = [];

    /// <summary>How many distinct features were learned.</summary>
    public int Count { get; private set; }

    /// <summary>How many documents were counted.</summary>
    public int Documents { get; private set; }

    /// <summary>
    /// Counts a document and returns its features' ids and counts in the order each first occurs (title stems, lead
    /// stems, names, figures, as <see cref="StoryTerms.Extract"/> counts them), learning new ones; the lists are the
    /// table's scratch, valid until the next call. <paramref name="countries"/> (<see cref="CountryTerms"/>) are
    /// counted as names, after the article's own and only when it did not name them itself, so that "Tehran" weighs
    /// İran's name once, as "İran" does.
    /// </summary>
    public (List<int> Ids, List<int> Counts) Learn(ArticleTerms terms, IReadOnlyList<string>? countries = null)
    {
        int document = ++Documents;
        _documentIds.Clear();
        _documentCounts.Clear();
        foreach (string t in terms.Title)
            if (t.Length >= StoryTerms.MinTermLength) Tally(StemId(t), StoryTerms.TitleWeight);
        int lead = Math.Min(terms.LeadCount, StoryTerms.LeadStems);
        for (int k = 0; k < lead && k < terms.Body.Count; k++)
            if (terms.Body[k] is { Length: >= StoryTerms.MinTermLength } t) Tally(StemId(t), 1);
        foreach (string n in terms.Names) Tally(IdIn(_names, n), StoryTerms.NameWeight);
        if (countries is not null)
            foreach (string c in countries)
                if (IdIn(_names, c) is var id && _seenIn[id] != document) Tally(id, StoryTerms.NameWeight);
        foreach (string f in terms.Figures) Tally(IdIn(_figures, f), 1);
        return (_documentIds, _documentCounts);

        void Tally(int id, int weight)
        {
            if (_seenIn[id] == document)
            {
                _documentCounts[_place[id]] += weight;
                return;
            }
            _seenIn[id] = document;
            _place[id] = _documentIds.Count;
            _documentIds.Add(id);
            _documentCounts.Add(weight);
            _documentFrequency[id]++;
        }
    }

    /// <summary>The id of a stem, learned if new (its document frequency is counted by <see cref="Learn"/>).</summary>
    private int StemId(string stem)
    {
        ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(_stems, stem, out bool exists);
        if (!exists)
        {
            id = New();
            _nameIdOfStem[id] = -1;
        }
        return id;
    }

    private int IdIn(Dictionary<string, int> kind, string term)
    {
        ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(kind, term, out bool exists);
        if (!exists) id = New();
        return id;
    }

    private int New()
    {
        int id = Count++;
        if (id == _documentFrequency.Length)
        {
            int size = id * 2;
            Array.Resize(ref _documentFrequency, size);
            Array.Resize(ref _nameKeyOfStem, size);
            Array.Resize(ref _nameIdOfStem, size);
            Array.Resize(ref _seenIn, size);
            Array.Resize(ref _place, size);
        }
        return id;
    }

    /// <summary>The id of a name key already learned, or -1.</summary>
    public int NameId(string key) => _names.TryGetValue(key, out int id) ? id : -1;

    /// <summary>The id of a learned stem's name key (<see cref="TermAnalysis.NameKey"/>) when that key was learned as a name, else -1.</summary>
    public int NameIdOfStem(string stem)
    {
        int id = _stems[stem];
        if (_nameIdOfStem[id] >= 0) return _nameIdOfStem[id]; // a learned id never changes
        string key = _nameKeyOfStem[id] ??= TermAnalysis.NameKey(stem);
        return _nameIdOfStem[id] = NameId(key);
    }

    /// <summary>The smoothed inverse document frequency of a learned id.</summary>
    public double Idf(int id) => Math.Log((1.0 + Documents) / (1.0 + _documentFrequency[id])) + 1;
}
