using Icmal.Analysis;

namespace Icmal.Clustering;

/// <summary>An article as the clusterer sees it: its terms from analysis, and its time.</summary>
/// <param name="Terms">The article's terms (<see cref="ArticleAnalyzer.Terms"/>; the title and lead are what count).</param>
/// <param name="Time">When the article was published (its plausible time); null when the page gave no date (a paste,
/// a print page), in which case it is compared with every open story without regard to time.</param>
public sealed record ClusterInput(long ArticleId, ArticleTerms Terms, DateTimeOffset? Time);

/// <summary>
/// Which story an article joined; <see cref="IsNew"/> when it started one. <see cref="HeadlineArticleId"/> names the
/// member whose headline now best represents the story, when that changed (the new story's own article included).
/// </summary>
public sealed record StoryAssignment(long StoryKey, bool IsNew, double Similarity, long? HeadlineArticleId = null);

/// <summary>
/// Groups articles into stories as they arrive, in one pass, so that a story holds the reports of one event: an
/// article joins the most similar story that is near it in time when its TF-IDF vector (stems of the headline and
/// lead, names, figures, and the countries its places and people name; <see cref="StoryTerms"/>, <see cref="CountryTerms"/>) reaches the threshold against the story's centroid AND resembles one
/// of the story's latest members; else it starts a story of its own.
/// </summary>
/// <remarks>
/// <para>Time bounds a story: within <see cref="Window"/> of its span a follow-up joins at the threshold; later, the
/// similarity needed grows with the gap (by <see cref="LateGrowth"/> of the threshold per tenfold of windows), so a
/// report weeks later joins only when it is plainly about the same event, and the next round of a recurring topic
/// (this month's statistics, the next sitting) starts a new story: an Azerbaijani story needs 0.56 a month on and
/// 0.65 three months on, where a follow-up within the week needs 0.45.</para>
/// <para>Two guards keep a story from growing into a topic blob: the centroid is cut to its strongest terms, and an
/// arrival must resemble one of the latest members (<see cref="MemberFactor"/> of the threshold), so a chain of
/// articles each a little further from the first cannot drag the story along.</para>
/// <para>Similarities of stemmed (Azerbaijani) and truncated (other languages) terms differ in scale: stems conflate
/// every form, so reports of one topic from one beat already share many; the threshold is set per kind
/// (<see cref="Threshold"/>, <see cref="UnstemmedThreshold"/>), the mean of the two across kinds.</para>
/// <para>Streaming and bounded: document frequencies are learned from the stream (the clusterer is warmed with the
/// archive at start); candidates come from an inverted index of the centroids' terms, looked up by the arrival's
/// <see cref="CandidateTerms"/> strongest terms that are not common to many stories (<see cref="MaxPostings"/>) and
/// capped at <see cref="MaxCandidates"/>; each story keeps a
/// fixed number of member vectors. Not thread-safe: the pipeline calls it from one writer.</para>
/// </remarks>
public sealed partial class StoryClusterer
{
    /// <summary>Cosine similarity to the centroid needed to join a story of stemmed (Azerbaijani) articles.</summary>
    public double Threshold { get; }
    /// <summary>The same for articles whose words were truncated (languages without a stemmer).</summary>
    public double UnstemmedThreshold { get; }
    /// <summary>How near in time (outside the story's span) a follow-up joins at the plain threshold.</summary>
    public TimeSpan Window { get; }
    /// <summary>How much the threshold grows, as a fraction of itself, per tenfold of <see cref="Window"/>s of gap.</summary>
    public double LateGrowth { get; }
    /// <summary>
    /// How many stories the clusterer holds: past it, the ones least recently joined are forgotten (every 1,024
    /// arrivals), so memory follows the live stream, not the archive.
    /// </summary>
    public int MaxStories { get; }

    /// <summary>The share of the threshold an arrival must reach against one of the story's latest members.</summary>
    public const double MemberFactor = 0.8;
    /// <summary>An arrival looks up stories by this many of its strongest terms.</summary>
    public const int CandidateTerms = 25;
    /// <summary>At most this many candidate stories are gathered per arrival.</summary>
    public const int MaxCandidates = 400;
    /// <summary>
    /// Of the candidates, this many with the highest partial similarity (over the looked-up terms, read off the
    /// postings walk) are scored in full: the story an arrival belongs to shares its strongest terms, so the rest
    /// cannot win, and scoring every candidate in full would make each arrival cost more as the archive grows.
    /// </summary>
    public const int ScoredCandidates = 32;
    /// <summary>
    /// A term held by more stories than this ("azərbaycan", "bank") is not looked up: it marks a topic, not an event,
    /// and walking its stories would make each arrival cost more as the archive grows.
    /// </summary>
    public const int MaxPostings = 64;

    private readonly TermTable _terms = new();
    private readonly Dictionary<long, Story> _stories = [];
    /// <summary>Term id → stories whose centroid holds it: the candidates for an arrival, instead of every open story.</summary>
    /// <remarks>Each story with its entry of the term in its centroid (<see cref="Story.Sum"/>), so that the walk reads
    /// the weight without a look-up; enumerated in the order stories were posted, as a set of them would be.</remarks>
    private readonly Dictionary<int, Dictionary<Story, int>> _postings = [];
    /// <summary>Scratch for one arrival's candidates (the clusterer has one writer).</summary>
    private readonly List<Story> _found = [];
    /// <summary>Scratch for one arrival's name ids (all, and the title's).</summary>
    private readonly List<int> _nameScratch = [];
    private readonly List<int> _titleScratch = [];
    /// <summary>Per name id of the article at hand, the name id that follows it everywhere (-1: none, or not always the same).</summary>
    private readonly Dictionary<int, int> _followers = [];
    /// <summary>Scratch: the country keys of the article at hand (<see cref="FindCountries"/>), the title's first.</summary>
    private readonly List<string> _countries = [];
    private int _titleCountries;
    private readonly List<int> _partyScratch = [];
    /// <summary>Counts candidate look-ups; a story stamped with the current count is already among the candidates.</summary>
    private long _lookups;
    private long _nextKey = -1;
    private long _arrivals;
    private int _sinceForget;

    /// <summary>The pair score (<see cref="EventLinker"/>) at which an arrival joins the story of a recent report of stemmed words.</summary>
    public double PairThreshold { get; }
    /// <summary>The same for reports whose words were truncated (languages without a stemmer).</summary>
    public double UnstemmedPairThreshold { get; }
    /// <summary>
    /// The longest span a story reaches through links to single reports: an event is reported over days, and past
    /// this only the centroid (with its threshold growing with the gap) takes a report in. A story of stemmed
    /// (Azerbaijani) reports spans no more than this at all: stems conflate every form, so a beat's recurring reports
    /// (this month's VAT refunds, the next round of a recruitment) match its centroid for months, and a reader wants
    /// follow-ups within days, not the topic's history. Truncated terms (English) do not meet that way, and an old
    /// event's anniversary report may still join it through the centroid.
    /// </summary>
    public TimeSpan MaxLinkedSpan { get; } = TimeSpan.FromDays(14);

    private readonly EventLinker _linker;

    public StoryClusterer(double threshold = 0.45, double unstemmedThreshold = 0.12, TimeSpan? window = null,
        double lateGrowth = 0.4, int maxStories = 20_000, double pairThreshold = 0.4, double unstemmedPairThreshold = 0.4,
        int maxRecent = 30_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pairThreshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unstemmedPairThreshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecent);
        PairThreshold = pairThreshold;
        UnstemmedPairThreshold = unstemmedPairThreshold;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxStories);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unstemmedThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(lateGrowth);
        Threshold = threshold;
        UnstemmedThreshold = unstemmedThreshold;
        Window = window ?? TimeSpan.FromDays(7);
        MaxStories = maxStories;
        LateGrowth = lateGrowth;
        if (Window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), Window, "the window must be positive");
        _linker = new EventLinker(Window, maxRecent);
    }

    /// <summary>Puts an article into a story. <paramref name="newStoryKey"/> names a story it starts, if it does.</summary>
    public StoryAssignment Assign(ClusterInput article, Func<long>? newStoryKey = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        FindCountries(article.Terms);
        var vector = Vectorise(article.Terms);
        var entities = EntityIds(article.Terms);
        bool stemmed = article.Terms.Stemmed;

        Story? best = null;
        double bestSimilarity = 0;
        var (link, linkScore) = _linker.Find(vector, entities, article.Time, _terms.Idf);
        if (link is not null && linkScore >= PairNeeded(stemmed, link.Story.Stemmed) && WithinSpan(link.Story, article.Time))
        {
            best = link.Story;
            bestSimilarity = linkScore;
        }
        else foreach (var story in Candidates(vector))
        {
            if (stemmed && story.Stemmed && !WithinSpan(story, article.Time)) continue;
            double needed = Needed(stemmed, story.Stemmed, story.Gap(article.Time));
            double similarity = story.CentroidSimilarity(vector);
            if (similarity < needed || similarity <= bestSimilarity) continue;
            if (story.BestMemberSimilarity(vector) < MemberFactor * needed) continue;
            if (story.Representative is { } r && EventLinker.Different(r.Names, entities, _terms.Idf)) continue;
            bestSimilarity = similarity;
            best = story;
        }

        // Neither a report nor the centroid: a headline whose countries are all a running story's parties (one of them in
        // three of its latest headlines: a war's countries) joins it (EventLinker.PartyStory).
        if (best is null && _titleCountries > 0)
        {
            _partyScratch.Clear();
            for (int k = 0; k < _titleCountries; k++) _partyScratch.Add(_terms.NameId(_countries[k]));
            if (_linker.PartyStory(_partyScratch, article.Time, _terms.Idf) is { } party && WithinSpan(party, article.Time))
            {
                best = party;
                bestSimilarity = 0;
            }
        }
        bool isNew = best is null;
        if (best is null)
        {
            best = new Story(newStoryKey?.Invoke() ?? _nextKey--, stemmed);
            _stories[best.Key] = best;
            bestSimilarity = 1;
        }
        bool headline = Add(best, article.ArticleId, vector, entities, article.Time);
        _linker.Add(best, vector, entities, article.Time);
        Forget();
        return new StoryAssignment(best.Key, isNew, bestSimilarity, headline ? best.Representative!.ArticleId : null);
    }

    /// <summary>The similarity a story needs of an arrival <paramref name="gap"/> away from its span.</summary>
    private double Needed(bool articleStemmed, bool storyStemmed, TimeSpan gap)
    {
        double threshold = articleStemmed == storyStemmed
            ? (articleStemmed ? Threshold : UnstemmedThreshold)
            : (Threshold + UnstemmedThreshold) / 2;
        double windows = gap / Window;
        return windows <= 1 ? threshold : threshold * (1 + (LateGrowth * Math.Log10(windows)));
    }

    /// <summary>The pair score an arrival needs of a recent report (the mean of the two thresholds across kinds).</summary>
    private double PairNeeded(bool articleStemmed, bool storyStemmed) => articleStemmed == storyStemmed
        ? (articleStemmed ? PairThreshold : UnstemmedPairThreshold)
        : (PairThreshold + UnstemmedPairThreshold) / 2;

    /// <summary>Whether the story's span, with the arrival in it, stays within <see cref="MaxLinkedSpan"/>.</summary>
    private bool WithinSpan(Story story, DateTimeOffset? time)
    {
        if (time is not { } t || story.First is not { } first || story.Last is not { } last) return true;
        return (t > last ? t : last) - (t < first ? t : first) <= MaxLinkedSpan;
    }

    /// <summary>Renames a story the clusterer started under a temporary key to the id the store gave it.</summary>
    public void Rekey(long from, long to)
    {
        if (from == to || !_stories.Remove(from, out var story)) return;
        story.Key = to; // the postings hold the story itself, not its key
        _stories[to] = story;
    }

    /// <summary>
    /// Forgets a story, e.g. one just started whose write to the store failed: left in place under its temporary key,
    /// it would draw the next articles of the event into a story the store never created.
    /// </summary>
    public void Drop(long storyKey)
    {
        if (!_stories.Remove(storyKey, out var story)) return;
        story.Dropped = true;
        foreach (int term in story.Sum.Keys()) Unpost(term, story);
    }

    /// <summary>Replays an already-stored article into a known story, to warm the clusterer at start.</summary>
    public void Remember(ClusterInput article, long storyKey)
    {
        ArgumentNullException.ThrowIfNull(article);
        FindCountries(article.Terms);
        var vector = Vectorise(article.Terms);
        if (!_stories.TryGetValue(storyKey, out var story)) _stories[storyKey] = story = new Story(storyKey, article.Terms.Stemmed);
        var entities = EntityIds(article.Terms);
        Add(story, article.ArticleId, vector, entities, article.Time);
        _linker.Add(story, vector, entities, article.Time);
    }

    /// <summary>Learns the article's document frequencies, then weighs its features: log-scaled count times smoothed IDF, unit length.</summary>
    private TermVector Vectorise(ArticleTerms terms)
    {
        var (learned, counts) = _terms.Learn(terms, _countries);
        int[] ids = [.. learned];
        var weights = new double[ids.Length];
        double norm = 0;
        for (int k = 0; k < ids.Length; k++)
        {
            double w = (1 + Math.Log(counts[k])) * _terms.Idf(ids[k]);
            weights[k] = w;
            norm += w * w;
        }
        norm = Math.Sqrt(norm);
        if (norm > 0) for (int k = 0; k < weights.Length; k++) weights[k] /= norm;
        Array.Sort(ids, weights);
        return new TermVector(ids, weights);
    }

    /// <summary>
    /// Stories sharing one of the arrival's <see cref="CandidateTerms"/> strongest terms (strongest first, at most
    /// <see cref="MaxCandidates"/>), of which the <see cref="ScoredCandidates"/> with the highest partial similarity.
    /// </summary>
    private Story[] Candidates(TermVector vector)
    {
        long stamp = ++_lookups;
        _found.Clear();
        int[] order = vector.StrongestOrder();
        for (int k = 0; k < order.Length && k < CandidateTerms; k++)
        {
            int id = vector.Ids[order[k]];
            double w = vector.Weights[order[k]];
            if (!_postings.TryGetValue(id, out var stories) || stories.Count > MaxPostings) continue;
            foreach (var (story, entry) in stories)
            {
                if (story.LookupStamp != stamp)
                {
                    if (_found.Count >= MaxCandidates) continue;
                    story.LookupStamp = stamp;
                    story.Partial = 0;
                    _found.Add(story);
                }
                story.Partial += w * story.CentroidWeightAt(entry);
            }
        }
        if (_found.Count <= ScoredCandidates) return [.. _found];
        var found = _found.ToArray();
        var partials = new double[found.Length];
        for (int k = 0; k < found.Length; k++) partials[k] = -found[k].Partial; // ascending: highest partial first
        Array.Sort(partials, found);
        return found.AsSpan(0, ScoredCandidates).ToArray();
    }

    private bool Add(Story story, long articleId, TermVector vector, EventLinker.Names names, DateTimeOffset? time)
    {
        story.Touched = ++_arrivals;
        return story.Add(articleId, vector, names, time, (term, entry) => Post(term, story, entry), term => Unpost(term, story));
    }

    private void Post(int term, Story story, int entry)
    {
        if (!_postings.TryGetValue(term, out var stories)) _postings[term] = stories = new(ReferenceEqualityComparer.Instance);
        stories.Add(story, entry);
    }

    private void Unpost(int term, Story story)
    {
        if (_postings.TryGetValue(term, out var stories) && stories.Remove(story) && stories.Count == 0) _postings.Remove(term);
    }

    /// <summary>Now and then (every 1,024 arrivals) drops the stories least recently joined beyond <see cref="MaxStories"/>.</summary>
    private void Forget()
    {
        if (++_sinceForget < 1024 || _stories.Count <= MaxStories) return;
        _sinceForget = 0;
        foreach (var old in _stories.Values.OrderBy(s => s.Touched).Take(_stories.Count - MaxStories).Select(s => s.Key).ToList()) Drop(old);
    }
}
