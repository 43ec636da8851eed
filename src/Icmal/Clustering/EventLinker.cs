using System.Runtime.InteropServices;

namespace Icmal.Clustering;

/// <summary>
/// The clusterer's memory of recent articles, for linking an arrival to one report of its event rather than to a
/// story's centroid: single link in time, so a story is a chain of reports each within <see cref="Window"/> of
/// another, as an event is reported (announcement, details, reaction), not a topic's average.
/// </summary>
/// <remarks>
/// <para>A pair's score is the cosine of the two articles' TF-IDF vectors plus <see cref="NameWeight"/> times the
/// inverse document frequency of the rarest name the two share (<see cref="StoryTerms.Entities"/>): a name that few
/// articles carry (a person, a place far from home) tells one event from another of its topic where the topic's words
/// ("sanksiya", "imtahan") cannot; the home country's name, in every other article, adds almost nothing. Two reports
/// within <see cref="NamePairWindow"/> that share two rare names, one in both headlines, gain <see cref="NamePairBonus"/>
/// and are not vetoed by <see cref="Different"/>: the first reports of an event name its actors, whatever they tell.
/// Only while the story is young (<see cref="Young"/>) and no other story of the window names the pair
/// (<see cref="HeldElsewhere"/>): two standing actors ("Tramp", "Rusiya") meet in one event after another, and their
/// names alone would chain those events into one topic.</para>
/// <para>Bounded: the articles older than <see cref="Window"/> than the latest arrival, and past
/// <see cref="MaxRecent"/> the oldest, are forgotten, so the cost of an arrival follows the recent stream, not the
/// archive. Candidates come from an inverted index of the recent articles' terms, looked up by the arrival's
/// <see cref="LookupTerms"/> strongest terms; a term held by more than <see cref="MaxPostings"/> of them is not walked
/// (a topic's word, not an event's); the <see cref="Rescored"/> with the highest partial dot product are scored in
/// full. Not thread-safe (one writer).</para>
/// </remarks>
internal sealed class EventLinker(TimeSpan window, int maxRecent)
{
    /// <summary>What the score gains per unit of IDF of the rarest shared name.</summary>
    public const double NameWeight = 0.02;
    /// <summary>
    /// What the score gains when the two reports, at most <see cref="NamePairWindow"/> apart, share two rare names (IDF
    /// of at least <see cref="DistinctIdf"/>), one of them in both headlines: two reports of one event in the same days
    /// name the same actors and places ("İsrail", "İran", "SEPAH") in words that may differ entirely (a strike, an
    /// embassy's advice, a call for dialogue), where one shared name or a headline alone is only a topic.
    /// </summary>
    public const double NamePairBonus = 0.15;
    /// <summary>How far apart two reports may be for <see cref="NamePairBonus"/>: the days of one event's first reports.</summary>
    public static readonly TimeSpan NamePairWindow = TimeSpan.FromDays(2);
    /// <summary>How rare (its IDF) a title's name must be to tell its subject from another's (see <see cref="Different"/>).</summary>
    public const double DistinctIdf = 3.5;
    /// <summary>
    /// A term held by more recent articles than this is not walked for candidates: it marks a topic, not an event, and
    /// walking it would make an arrival cost more as the stream grows.
    /// </summary>
    public const int MaxPostings = 256;
    /// <summary>Candidates are gathered by the arrival's this many strongest terms (where two reports of one event meet).</summary>
    public const int LookupTerms = 24;
    /// <summary>Of the candidates, this many with the highest partial dot product are scored in full.</summary>
    public const int Rescored = 16;
    /// <summary>An undated article is kept for this many arrivals (it has no time to fall out of the window by).</summary>
    public const int UndatedArrivals = 4096;

    public TimeSpan Window { get; } = window;
    public int MaxRecent { get; } = maxRecent;

    /// <summary>
    /// An article's name ids (<see cref="StoryTerms.Entities"/>), all and its title's, each ascending;
    /// <paramref name="Checked"/> when its names were checked against the lexicon (Azerbaijani: a capital on a common
    /// word is not taken for a name), which <see cref="Different"/> needs to rely on them.
    /// </summary>
    internal sealed record Names(int[] All, int[] Title, bool Checked)
    {
        /// <summary>
        /// The ids of the names followed directly, wherever they stand, by the same other name: the given name of
        /// "Donald Tramp". Not counted as a second name for <see cref="NamePairBonus"/> when both reports write it so,
        /// since a person's two names are one party to an event, not two. Ascending.
        /// </summary>
        public int[] Leading { get; init; } = [];
    }

    /// <summary>A recent article: its story, its unit vector, its names and time.</summary>
    internal sealed class Recent(long sequence, Story story, TermVector vector, Names entities, DateTimeOffset? time)
    {
        public long Sequence { get; } = sequence;
        public Story Story { get; } = story;
        public TermVector Vector { get; } = vector;
        public Names Entities { get; } = entities;
        public DateTimeOffset? Time { get; } = time;
    }

    /// <summary>An arrival's partial dot product with a recent article, and the look-up (stamp) that wrote it.</summary>
    private struct Partial
    {
        public long Stamp;
        public double Dot;
    }

    /// <summary>A recent article holding a term (by its arrival number), with its weight of the term.</summary>
    private readonly record struct Entry(long Sequence, double Weight);

    /// <summary>One term's recent articles in arrival order; the first <see cref="Head"/> are already forgotten.</summary>
    private sealed class Posting
    {
        public readonly List<Entry> Items = [];
        public int Head;
        public int Count => Items.Count - Head;
    }

    // The recent articles by arrival number in a ring (slot = number masked), with each one's partial dot product
    // and the look-up that wrote it in a flat array beside it: the postings walk touches that, not the articles.
    private Recent?[] _ring = new Recent?[1024];
    private Partial[] _partials = new Partial[1024];
    private long _mask = 1023;
    /// <summary>The arrival number of the oldest article held (the newest is <see cref="_sequence"/>).</summary>
    private long _head = 1;
    /// <summary>Term id → its posting (null when no recent article holds it): term ids are small and dense.</summary>
    private Posting?[] _postings = new Posting?[1024];
    /// <summary>Name id → the recent articles naming it (<see cref="Names.All"/>), in arrival order, the weight unused.</summary>
    private Posting?[] _namePostings = new Posting?[1024];
    /// <summary>Scratch: the rare names a candidate shares with the arrival.</summary>
    private readonly List<int> _shared = [];
    private readonly List<int> _found = [];
    private readonly PriorityQueue<int, double> _top = new(Rescored + 1);
    private long _stamp;
    private long _sequence;
    private DateTimeOffset? _latest;

    public int Count => (int)(_sequence - _head + 1);

    /// <summary>
    /// The recent article (within <see cref="Window"/> of <paramref name="time"/>, of a story still held) with the
    /// highest pair score to the arrival, and that score; null when none shares a term.
    /// </summary>
    public (Recent? Best, double Score) Find(TermVector vector, Names entities, DateTimeOffset? time, Func<int, double> idf)
    {
        long stamp = ++_stamp;
        _found.Clear();
        int[] order = vector.StrongestOrder();
        var postings = _postings;
        var partials = _partials;
        long mask = _mask;
        for (int o = 0; o < order.Length && o < LookupTerms; o++)
        {
            int id = vector.Ids[order[o]];
            double weight = vector.Weights[order[o]];
            if ((uint)id >= (uint)postings.Length || postings[id] is not { } posting || posting.Count > MaxPostings) continue;
            foreach (ref readonly var entry in CollectionsMarshal.AsSpan(posting.Items)[posting.Head..])
            {
                int slot = (int)(entry.Sequence & mask);
                ref var partial = ref partials[slot];
                if (partial.Stamp != stamp)
                {
                    partial.Stamp = stamp;
                    partial.Dot = 0;
                    _found.Add(slot);
                }
                partial.Dot += weight * entry.Weight;
            }
        }
        // The highest partial dot products, kept in a small heap (lowest on top) rather than by sorting every candidate.
        _top.Clear();
        foreach (int slot in _found)
        {
            double dot = partials[slot].Dot;
            if (_top.Count < Rescored) _top.Enqueue(slot, dot);
            else if (dot > partials[_top.Peek()].Dot) _top.EnqueueDequeue(slot, dot);
        }
        Recent? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var (slot, _) in _top.UnorderedItems)
        {
            var r = _ring[slot]!;
            if (r.Story.Dropped || !Near(r.Time, time)) continue;
            var (rarest, named) = SharedNames(r.Entities, entities, idf, _shared);
            // Two reports naming the same rare pair in the same days are one event's, whatever else each headline names:
            // in the event's first days, and when no other story of these days names the pair too.
            named = named && Within(r.Time, time, NamePairWindow) && Young(r.Story, time) && !HeldElsewhere(_shared, r.Story, time);
            if (!named && Different(r.Entities, entities, idf)) continue;
            double score = vector.Dot(r.Vector) + (NameWeight * rarest) + (named ? NamePairBonus : 0);
            if (score > bestScore)
            {
                bestScore = score;
                best = r;
            }
        }
        return (best, best is null ? 0 : bestScore);
    }

    /// <summary>How many recent reports of one story must name a country in their headlines for it to be the story's party.</summary>
    public const int PartyTitles = 3;

    /// <summary>
    /// The recent story whose headlines name the arrival's headline countries as its parties: among its latest
    /// members (<see cref="Story.Recent"/>), one of the countries in at least <see cref="PartyTitles"/> headlines and
    /// each in at least one, and no other recent story so. A war or crisis between countries is reported for days in
    /// headlines that name one party or the other and share no other word ("İranın ali lideri xalqa müraciət edəcək").
    /// The countries must be rare (IDF of at least <see cref="DistinctIdf"/>): the home country names no party.
    /// </summary>
    /// <remarks>
    /// The "each headline names its own rare thing" veto (<see cref="Different"/>) is not applied: a war's reports name
    /// a new actor in one headline and the other party in another ("İran XİN: ABŞ-nin hərbi təcavüzünə …" after the
    /// İsrail–İran reports), and the parties' headline count already says which story the country's reports form.
    /// Bounded like the rest: the stories are found through the recent articles naming the country (at most
    /// <see cref="MaxPostings"/>, else the country is a topic's), each counted over its <see cref="Story.RecentMembers"/>.
    /// </remarks>
    public Story? PartyStory(List<int> titleCountries, DateTimeOffset? time, Func<int, double> idf)
    {
        Story? found = null;
        _parties.Clear();
        foreach (int c in titleCountries)
        {
            if (idf(c) < DistinctIdf) continue;
            if ((uint)c >= (uint)_namePostings.Length || _namePostings[c] is not { } p || p.Count > MaxPostings) return null;
            _parties.Add(c);
        }
        if (_parties.Count == 0) return null;
        _partyStories.Clear();
        foreach (int c in _parties)
            foreach (ref readonly var entry in CollectionsMarshal.AsSpan(_namePostings[c]!.Items)[_namePostings[c]!.Head..])
            {
                var r = _ring[entry.Sequence & _mask]!;
                if (!r.Story.Dropped && Near(r.Time, time) && !_partyStories.Contains(r.Story)) _partyStories.Add(r.Story);
            }
        foreach (var story in _partyStories)
        {
            bool main = false, all = true;
            foreach (int c in _parties)
            {
                int n = 0;
                foreach (var m in story.Recent) if (Array.BinarySearch(m.Names.Title, c) >= 0) n++;
                if (n == 0) all = false;
                if (n >= PartyTitles) main = true;
            }
            if (!all || !main) continue;
            if (found is not null) return null; // two stories with these parties: the countries cannot tell which
            found = story;
        }
        return found;
    }

    private readonly List<int> _parties = [];
    private readonly List<Story> _partyStories = [];

    /// <summary>Remembers an article (after it joined <paramref name="story"/>), then forgets what fell out of the window.</summary>
    public void Add(Story story, TermVector vector, Names entities, DateTimeOffset? time)
    {
        long sequence = ++_sequence;
        if (Count > _ring.Length) Grow();
        var r = new Recent(sequence, story, vector, entities, time);
        _ring[sequence & _mask] = r;
        for (int k = 0; k < vector.Ids.Length; k++)
        {
            int id = vector.Ids[k];
            if (id >= _postings.Length) Array.Resize(ref _postings, Math.Max(id + 1, _postings.Length * 2));
            var posting = _postings[id] ??= new Posting();
            posting.Items.Add(new Entry(sequence, vector.Weights[k]));
        }
        foreach (int id in entities.All)
        {
            if (id >= _namePostings.Length) Array.Resize(ref _namePostings, Math.Max(id + 1, _namePostings.Length * 2));
            (_namePostings[id] ??= new Posting()).Items.Add(new Entry(sequence, 0));
        }
        if (time is { } t && (_latest is null || t > _latest)) _latest = t;
        Evict();
    }

    /// <summary>Doubles the ring, each held article moving to its slot under the wider mask.</summary>
    private void Grow()
    {
        int size = _ring.Length * 2;
        var ring = new Recent?[size];
        long mask = size - 1;
        for (long q = _head; q < _sequence; q++) ring[q & mask] = _ring[q & _mask];
        _ring = ring;
        _partials = new Partial[size];
        _mask = mask;
    }

    private void Evict()
    {
        while (_head <= _sequence && _ring[_head & _mask] is { } head && (Count > MaxRecent || Expired(head)))
        {
            _ring[_head & _mask] = null;
            _head++;
            foreach (int id in head.Vector.Ids) Leave(_postings, id);
            foreach (int id in head.Entities.All) Leave(_namePostings, id);
        }
    }

    /// <summary>Drops the oldest entry of a term's posting: articles leave in arrival order, each posting's order.</summary>
    private static void Leave(Posting?[] postings, int id)
    {
        var posting = postings[id]!;
        posting.Head++;
        if (posting.Count == 0) postings[id] = null;
        else if (posting.Head > 32 && posting.Head * 2 > posting.Items.Count)
        {
            posting.Items.RemoveRange(0, posting.Head);
            posting.Head = 0;
        }
    }

    /// <summary>
    /// Whether a recent article of another story (within <see cref="Window"/> of the arrival) names two of the rare
    /// names the arrival shares with <paramref name="story"/>'s report: then the pair is the standing relation of two
    /// actors (a president and his country, two powers at odds), which event after event names, and cannot tell which
    /// of the stories the arrival belongs to. A name held by more than <see cref="MaxPostings"/> recent articles is a
    /// topic's, not an event's mark, and counts as held elsewhere.
    /// </summary>
    private bool HeldElsewhere(List<int> shared, Story story, DateTimeOffset? time)
    {
        Posting? rarest = null;
        foreach (int id in shared)
        {
            var p = (uint)id < (uint)_namePostings.Length ? _namePostings[id] : null;
            if (p is null) continue;
            if (rarest is null || p.Count < rarest.Count) rarest = p;
        }
        if (rarest is null) return false;
        if (rarest.Count > MaxPostings) return true;
        foreach (ref readonly var entry in CollectionsMarshal.AsSpan(rarest.Items)[rarest.Head..])
        {
            var other = _ring[entry.Sequence & _mask]!;
            if (ReferenceEquals(other.Story, story) || other.Story.Dropped || !Near(other.Time, time)) continue;
            int held = 0;
            foreach (int id in shared)
                if (Array.BinarySearch(other.Entities.All, id) >= 0 && ++held == 2) return true;
        }
        return false;
    }

    private bool Expired(Recent r) => r.Time is { } t
        ? _latest is { } latest && latest - t > Window
        : _sequence - r.Sequence > UndatedArrivals;

    private bool Near(DateTimeOffset? a, DateTimeOffset? b) => a is not { } x || b is not { } y || (x - y).Duration() <= Window;

    /// <summary>
    /// True when each title names a rare thing (IDF of at least <see cref="DistinctIdf"/>) the other article does not
    /// mention at all: two companies' tax debts, two banks' tenders, reports of one kind about different subjects.
    /// Only names checked against the lexicon count: in a language without one every capitalised word is taken for a
    /// name, and two reports of one event name different people and places in their headlines.
    /// </summary>
    internal static bool Different(Names a, Names b, Func<int, double> idf) =>
        a.Checked && b.Checked && HasOwnRareName(a.Title, b.All, idf) && HasOwnRareName(b.Title, a.All, idf);

    private static bool HasOwnRareName(int[] title, int[] other, Func<int, double> idf)
    {
        foreach (int id in title)
            if (idf(id) >= DistinctIdf && Array.BinarySearch(other, id) < 0) return true;
        return false;
    }

    /// <summary>
    /// The highest IDF among the names both articles hold (0 when none), and whether they share two rare names (IDF of
    /// at least <see cref="DistinctIdf"/>, not the given name of a surname both hold: <see cref="Names.Leading"/>) of
    /// which one stands in both headlines (see <see cref="NamePairBonus"/>).
    /// </summary>
    internal static (double Rarest, bool Named) SharedNames(Names a, Names b, Func<int, double> idf, List<int>? shared = null)
    {
        shared?.Clear();
        double best = 0;
        int rare = 0;
        bool inTitles = false;
        int[] x = a.All, y = b.All;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                double f = idf(x[i]);
                best = Math.Max(best, f);
                if (f >= DistinctIdf && !(Array.BinarySearch(a.Leading, x[i]) >= 0 && Array.BinarySearch(b.Leading, x[i]) >= 0))
                {
                    rare++;
                    shared?.Add(x[i]);
                    inTitles = inTitles || (Array.BinarySearch(a.Title, x[i]) >= 0 && Array.BinarySearch(b.Title, x[i]) >= 0);
                }
                i++;
                j++;
            }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return (best, rare >= 2 && inTitles);
    }

    /// <summary>
    /// Whether the story, with the arrival in it, still spans at most <see cref="NamePairWindow"/>: the name pair is
    /// evidence of one event only among its first reports. Two actors (a president and a country) meet in one event
    /// after another over weeks, so past its first days a story takes a report on its words, not on its names, and a
    /// chain of name-pair links cannot carry it from one event of the actors to the next.
    /// </summary>
    internal static bool Young(Story story, DateTimeOffset? time)
    {
        if (time is not { } t || story.First is not { } first || story.Last is not { } last) return false;
        return (t > last ? t : last) - (t < first ? t : first) <= NamePairWindow;
    }

    private static bool Within(DateTimeOffset? a, DateTimeOffset? b, TimeSpan span) =>
        a is { } x && b is { } y && (x - y).Duration() <= span;
}

