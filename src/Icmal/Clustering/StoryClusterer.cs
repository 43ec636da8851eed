using Icmal.Analysis;

namespace Icmal.Clustering;

/// <summary>An article as the clusterer sees it: its terms from analysis, and its time.</summary>
/// <param name="Terms">The article's terms (<see cref="ArticleAnalyzer.Terms"/>; the title and lead are what count).</param>
/// <param name="Time">When the article was published; null when the page gave no date (a paste, a print page), in
/// which case it is compared with every open story without regard to time.</param>
public sealed record ClusterInput(long ArticleId, ArticleTerms Terms, DateTimeOffset? Time);

/// <summary>Which story an article joined; <see cref="IsNew"/> when it started one.</summary>
public sealed record StoryAssignment(long StoryKey, bool IsNew, double Similarity);

/// <summary>
/// Groups articles into stories as they arrive, in one pass: each article joins the most similar recent story when
/// the cosine similarity of its TF-IDF vector to the story's centroid reaches <see cref="Threshold"/>, else it starts
/// a story of its own.
/// </summary>
/// <remarks>
/// Single-pass clustering is what a live aggregator can afford: each arrival costs one comparison per open story and
/// nothing already shown ever moves. Document frequencies are learned from the articles seen so far, so the first
/// articles of a fresh archive weigh terms less sharply; that is why the clusterer is warmed with the archive at start.
/// Not thread-safe: the pipeline calls it from one writer.
/// </remarks>
public sealed class StoryClusterer
{
    /// <summary>Cosine similarity needed to join a story.</summary>
    public double Threshold { get; }
    /// <summary>A story takes no new articles once this much time has passed since its last one.</summary>
    public TimeSpan Window { get; }
    /// <summary>
    /// How much similarity a story loses per tenfold of days since its last article: a follow-up a day later joins
    /// easily, one a year later only when it is clearly about the same thing.
    /// </summary>
    public double AgePenalty { get; }

    private const int CentroidTerms = 200;
    /// <summary>An arrival is compared only with stories sharing one of its strongest terms.</summary>
    private const int CandidateTerms = 25;

    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Story> _stories = [];
    /// <summary>Term → stories whose centroid holds it: the candidates for an arrival, instead of every open story.</summary>
    private readonly Dictionary<string, HashSet<long>> _postings = new(StringComparer.Ordinal);
    private int _documents;
    private long _nextKey = -1;

    private sealed class Story(long key)
    {
        public long Key { get; } = key;
        public Dictionary<string, double> Sum { get; } = new(StringComparer.Ordinal);
        public double Norm { get; set; }
        public DateTimeOffset Last { get; set; }
        public int Count { get; set; }
    }

    public StoryClusterer(double threshold = 0.12, TimeSpan? window = null, double agePenalty = 0.02)
    {
        Threshold = threshold;
        Window = window ?? TimeSpan.FromDays(366);
        AgePenalty = agePenalty;
    }

    /// <summary>Puts an article into a story. <paramref name="newStoryKey"/> names a story it starts, if it does.</summary>
    public StoryAssignment Assign(ClusterInput article, Func<long>? newStoryKey = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var counts = StoryTerms.Extract(article.Terms);
        Learn(counts);
        var vector = Weigh(counts);

        Story? best = null;
        double bestSimilarity = 0;
        foreach (var story in Candidates(vector))
        {
            var gap = article.Time is { } t && story.Last != default ? (t - story.Last).Duration() : TimeSpan.Zero;
            if (gap > Window) continue;
            double similarity = Cosine(vector, story) - (AgePenalty * Math.Log10(1 + gap.TotalDays));
            if (similarity > bestSimilarity)
            {
                bestSimilarity = similarity;
                best = story;
            }
        }

        bool isNew = best is null || bestSimilarity < Threshold;
        if (isNew)
        {
            best = new Story(newStoryKey?.Invoke() ?? _nextKey--);
            _stories[best.Key] = best;
            bestSimilarity = 1;
        }
        Add(best!, vector, article.Time);
        if (article.Time is { } now) Forget(now);
        return new StoryAssignment(best!.Key, isNew, bestSimilarity);
    }

    /// <summary>Renames a story the clusterer started under a temporary key to the id the store gave it.</summary>
    public void Rekey(long from, long to)
    {
        if (from == to || !_stories.Remove(from, out var story)) return;
        var renamed = new Story(to) { Norm = story.Norm, Last = story.Last, Count = story.Count };
        foreach (var (term, w) in story.Sum)
        {
            renamed.Sum[term] = w;
            Unpost(term, from);
            Post(term, to);
        }
        _stories[to] = renamed;
    }

    /// <summary>
    /// Forgets a story, e.g. one just started whose write to the store failed: left in place under its temporary key,
    /// it would draw the next articles of the event into a story the store never created.
    /// </summary>
    public void Drop(long storyKey)
    {
        if (!_stories.Remove(storyKey, out var story)) return;
        foreach (string term in story.Sum.Keys) Unpost(term, storyKey);
    }

    /// <summary>Replays an already-stored article into a known story, to warm the clusterer at start.</summary>
    public void Remember(ClusterInput article, long storyKey)
    {
        ArgumentNullException.ThrowIfNull(article);
        var counts = StoryTerms.Extract(article.Terms);
        Learn(counts);
        if (!_stories.TryGetValue(storyKey, out var story)) _stories[storyKey] = story = new Story(storyKey);
        Add(story, Weigh(counts), article.Time);
    }

    private void Learn(Dictionary<string, int> counts)
    {
        _documents++;
        foreach (string term in counts.Keys) _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
    }

    /// <summary>Log-scaled term frequency times smoothed inverse document frequency, unit length.</summary>
    private Dictionary<string, double> Weigh(Dictionary<string, int> counts)
    {
        var vector = new Dictionary<string, double>(counts.Count, StringComparer.Ordinal);
        double norm = 0;
        foreach (var (term, count) in counts)
        {
            double idf = Math.Log((1.0 + _documents) / (1.0 + _documentFrequency.GetValueOrDefault(term))) + 1;
            double w = (1 + Math.Log(count)) * idf;
            vector[term] = w;
            norm += w * w;
        }
        norm = Math.Sqrt(norm);
        if (norm > 0) foreach (string term in vector.Keys.ToList()) vector[term] /= norm;
        return vector;
    }

    private static double Cosine(Dictionary<string, double> vector, Story story)
    {
        if (story.Norm == 0) return 0;
        double dot = 0;
        foreach (var (term, w) in vector)
            if (story.Sum.TryGetValue(term, out double s)) dot += w * s;
        return dot / story.Norm;
    }

    private IEnumerable<Story> Candidates(Dictionary<string, double> vector)
    {
        var seen = new HashSet<long>();
        foreach (var (term, _) in vector.OrderByDescending(kv => kv.Value).Take(CandidateTerms))
        {
            if (!_postings.TryGetValue(term, out var keys)) continue;
            foreach (long key in keys)
                if (seen.Add(key) && _stories.TryGetValue(key, out var story)) yield return story;
        }
    }

    private void Add(Story story, Dictionary<string, double> vector, DateTimeOffset? time)
    {
        foreach (var (term, w) in vector)
        {
            if (!story.Sum.ContainsKey(term)) Post(term, story.Key);
            story.Sum[term] = story.Sum.GetValueOrDefault(term) + w;
        }
        if (story.Sum.Count > CentroidTerms * 2)
        {
            foreach (var weak in story.Sum.OrderBy(kv => kv.Value).Take(story.Sum.Count - CentroidTerms).Select(kv => kv.Key).ToList())
            {
                story.Sum.Remove(weak);
                Unpost(weak, story.Key);
            }
        }
        story.Norm = Math.Sqrt(story.Sum.Values.Sum(v => v * v));
        story.Count++;
        if (time is { } t && t > story.Last) story.Last = t;
    }

    private void Post(string term, long key)
    {
        if (!_postings.TryGetValue(term, out var keys)) _postings[term] = keys = [];
        keys.Add(key);
    }

    private void Unpost(string term, long key)
    {
        if (_postings.TryGetValue(term, out var keys) && keys.Remove(key) && keys.Count == 0) _postings.Remove(term);
    }

    /// <summary>Drops stories far older than the window, so memory follows the live window, not the archive.</summary>
    private void Forget(DateTimeOffset now)
    {
        if (_stories.Count < 5000) return;
        foreach (var old in _stories.Values.Where(s => s.Last != default && now - s.Last > Window * 2).ToList()) Drop(old.Key);
    }
}
