using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Similarity;

namespace Icmal.Linking;

/// <summary>
/// Finds the copies and near-copies of each stored article as it arrives and links them to their originals (issue
/// #16): sketches the article's text (<see cref="TextSketch"/>), stores the sketch, looks up the stored articles that
/// share its keys or its exact text, and applies the links <see cref="CopyRule"/> decides (<see cref="CopyStore"/>
/// keeps them flat). One arrival at a time: two copies arriving together must see each other.
/// </summary>
public sealed class CopyDetector
{
    /// <summary>How many of the articles sharing the most keys are compared with an arrival.</summary>
    public const int MaxCandidates = 24;

    /// <summary>Articles sketched per round when an archive older than sketches is caught up.</summary>
    private const int CatchUpBatch = 256;

    private readonly SketchStore _sketches;
    private readonly CopyStore _copies;
    private readonly SourceStore _sources;
    private readonly ArticleStore _articles;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Home, DateTimeOffset Read)> _sourceHomes = new(StringComparer.Ordinal);

    /// <summary>How long a source's home page is remembered for credit names (sources are added by hand, rarely).</summary>
    private static readonly TimeSpan SourceMemory = TimeSpan.FromMinutes(5);

    public CopyDetector(Stores stores, CopyRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _sketches = stores.Sketches;
        _copies = stores.Copies;
        _sources = stores.Sources;
        _articles = stores.Articles;
        Rule = rule ?? CopyRule.Default;
    }

    public CopyRule Rule { get; }

    /// <summary>
    /// A detector over the stores, with every stored article that has no sketch yet (an archive from before sketches,
    /// a process stopped between storing and linking) sketched and linked first, oldest first.
    /// </summary>
    public static async Task<CopyDetector> OpenAsync(Stores stores, CancellationToken ct, CopyRule? rule = null)
    {
        var detector = new CopyDetector(stores, rule);
        await detector.CatchUpAsync(ct);
        return detector;
    }

    /// <summary>Sketches and links the stored articles that have no sketch; returns how many it did.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        int done = 0;
        while (true)
        {
            var ids = await _sketches.UnsketchedAsync(CatchUpBatch, ct);
            if (ids.Count == 0) return done;
            foreach (long id in ids)
            {
                var article = await _articles.GetAsync(id, ct);
                if (article is null) continue;
                await LinkAsync(article, ct);
                done++;
            }
        }
    }

    /// <summary>
    /// Sketches a stored article and links it (or the stored copies it turns out to be the original of); returns the
    /// links as stored, none when it copies nothing and nothing copies it.
    /// </summary>
    public async Task<IReadOnlyList<CopyLink>> LinkAsync(Article article, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(article);
        string text = article.Text;
        var sketch = TextSketch.Of(text);
        string hash = Hashing.Sha256Hex(text);
        var creditKeys = SiteKeys.OfCredit(article.Original, await SourceHomeAsync(article.Original?.Name, ct));
        var arrival = new LinkArrival(article.Id, sketch, hash, article.PlausiblePublished ?? article.Archived,
            SiteKeys.OfArticle(article.Url, article.Site), creditKeys);
        await _gate.WaitAsync(ct);
        try
        {
            await _sketches.AddAsync(article.Id, sketch, ct);
            if (sketch.Shingles == 0) return [];
            var found = await _sketches.CandidatesAsync(article.Id, sketch, hash, MaxCandidates, ct);
            var candidates = new List<LinkCandidate>(found.Count);
            foreach (var c in found)
                candidates.Add(new LinkCandidate(c, SiteKeys.OfArticle(c.Url, c.Site), SiteKeys.OfCredit(c.Credit, await SourceHomeAsync(c.Credit?.Name, ct))));
            var stored = new List<CopyLink>();
            foreach (var link in Rule.Decide(arrival, candidates)) stored.Add(await _copies.LinkAsync(link, ct));
            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The home page of the followed source a credit names when the name is not itself a domain ("APA", "Report").</summary>
    private async Task<string?> SourceHomeAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('.', StringComparison.Ordinal)) return null;
        string key = name.Trim();
        var now = DateTimeOffset.UtcNow;
        if (_sourceHomes.TryGetValue(key, out var known) && now - known.Read < SourceMemory) return known.Home;
        string? home = (await _sources.FindAsync(key, ct))?.HomeUrl;
        _sourceHomes[key] = (home, now);
        return home;
    }
}
