namespace Icmal.Clustering;

/// <summary>
/// What the clusterer holds of one story: its centroid (the sum of its members' unit vectors, cut to its strongest
/// terms), its latest members' vectors, its span in time, and the member that best represents it.
/// </summary>
/// <remarks>
/// The recent members are what keeps a story from chaining into a topic: an arrival must resemble one of them, not
/// only the blurred centroid. Their number is fixed, so a story costs the same memory however many articles it has.
/// </remarks>
internal sealed class Story(long key, bool stemmed)
{
    /// <summary>How many of its latest members a story keeps the vectors of.</summary>
    public const int RecentMembers = 8;

    /// <summary>The centroid keeps this many of its strongest terms (pruned when it holds twice as many).</summary>
    public const int CentroidTerms = 200;

    /// <summary>The terms a member's vector keeps: its strongest, enough to tell whether an arrival resembles it.</summary>
    public const int MemberTerms = 64;

    public long Key { get; set; } = key;
    /// <summary>The clusterer's arrival count when the story last took an article (which stories to forget first).</summary>
    public long Touched { get; set; }
    /// <summary>The clusterer's look-up that last gathered it as a candidate, and its partial similarity there.</summary>
    public long LookupStamp { get; set; }
    /// <summary>Set when the clusterer forgot the story: a recent article of it no longer links an arrival to it.</summary>
    public bool Dropped { get; set; }
    public double Partial { get; set; }
    /// <summary>Whether its first article's words were stemmed (Azerbaijani): which threshold it is held to.</summary>
    public bool Stemmed { get; } = stemmed;
    /// <summary>The centroid: term id → the sum of the members' weights.</summary>
    public TermWeights Sum { get; } = new();
    public double Norm { get; private set; }
    public DateTimeOffset? First { get; private set; }
    public DateTimeOffset? Last { get; private set; }
    public int Count { get; private set; }
    public List<Member> Recent { get; } = [];
    /// <summary>The member closest to the centroid (its headline is the story's).</summary>
    public Member? Representative { get; private set; }

    /// <summary>A member's id, unit vector and names.</summary>
    public sealed record Member(long ArticleId, TermVector Vector, EventLinker.Names Names);

    /// <summary>The cosine of a unit vector to the centroid.</summary>
    public double CentroidSimilarity(TermVector vector)
    {
        if (Norm == 0) return 0;
        double dot = 0;
        int[] ids = vector.Ids;
        double[] weights = vector.Weights;
        for (int k = 0; k < ids.Length; k++)
            if (Sum.TryGetValue(ids[k], out double s)) dot += weights[k] * s;
        return dot / Norm;
    }

    /// <summary>The centroid's weight of a term it holds at <paramref name="entry"/> of <see cref="Sum"/> (the clusterer's index knows it), divided by its norm.</summary>
    public double CentroidWeightAt(int entry) => Norm > 0 ? Sum.ValueAt(entry) / Norm : 0;

    /// <summary>The highest cosine of a unit vector to one of the recent members (or the representative).</summary>
    public double BestMemberSimilarity(TermVector vector)
    {
        double best = Representative is { } r ? vector.Dot(r.Vector) : 0;
        foreach (var m in Recent) best = Math.Max(best, vector.Dot(m.Vector));
        return best;
    }

    /// <summary>
    /// How far <paramref name="time"/> lies outside the story's span (zero inside it or when either is unknown).
    /// </summary>
    public TimeSpan Gap(DateTimeOffset? time)
    {
        if (time is not { } t || First is not { } first || Last is not { } last) return TimeSpan.Zero;
        return t < first ? first - t : t > last ? t - last : TimeSpan.Zero;
    }

    /// <summary>
    /// Adds a member; the terms that entered (with their entry in <see cref="Sum"/>) or left the centroid are
    /// reported so the clusterer's index follows.
    /// Returns true when the representative member changed.
    /// </summary>
    public bool Add(long articleId, TermVector vector, EventLinker.Names names, DateTimeOffset? time, Action<int, int> entered, Action<int> left)
    {
        for (int k = 0; k < vector.Ids.Length; k++)
        {
            ref double s = ref Sum.GetValueRefOrAddDefault(vector.Ids[k], out bool exists, out int entry);
            if (!exists) entered(vector.Ids[k], entry);
            s += vector.Weights[k];
        }
        if (Sum.Count > CentroidTerms * 2) Prune(left);
        Norm = Math.Sqrt(Sum.SumOfSquares());
        Count++;
        if (time is { } t)
        {
            if (First is null || t < First) First = t;
            if (Last is null || t > Last) Last = t;
        }
        var member = new Member(articleId, vector.Strongest(MemberTerms), names);
        Recent.Add(member);
        if (Recent.Count > RecentMembers) Recent.RemoveAt(0);
        return ChooseRepresentative();
    }

    /// <summary>Cuts the centroid to its <see cref="CentroidTerms"/> strongest terms (ties: the lower id stays).</summary>
    private void Prune(Action<int> left)
    {
        var ids = new int[Sum.Count];
        var weights = new double[Sum.Count];
        int n = Sum.CopyTo(ids, weights);
        Array.Sort(ids, weights); // by id first, so that the stable order below breaks ties by id
        var order = new int[n];
        for (int k = 0; k < n; k++) order[k] = k;
        Array.Sort(order, (x, y) =>
        {
            int c = weights[x].CompareTo(weights[y]);
            return c != 0 ? c : y.CompareTo(x);
        });
        for (int k = 0; k < n - CentroidTerms; k++)
        {
            Sum.Remove(ids[order[k]]);
            left(ids[order[k]]);
        }
    }

    /// <summary>
    /// Picks the member (among the recent ones and the current representative) closest to the centroid: the report
    /// that says what the story is about, not the first or the latest one.
    /// </summary>
    private bool ChooseRepresentative()
    {
        var best = Representative;
        double bestSimilarity = best is null ? double.NegativeInfinity : CentroidSimilarity(best.Vector);
        foreach (var m in Recent)
        {
            double s = CentroidSimilarity(m.Vector);
            if (s > bestSimilarity + 1e-9)
            {
                best = m;
                bestSimilarity = s;
            }
        }
        bool changed = !ReferenceEquals(best, Representative);
        Representative = best;
        return changed;
    }
}
