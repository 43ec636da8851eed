using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Similarity;

namespace Icmal.Linking;

/// <summary>
/// Finds the copies and near-copies of each stored article as it arrives and links them to their originals (issue
/// #16): sketches the article's text (<see cref="TextSketch"/>), stores the sketch, looks up the stored articles that
/// share its keys or its exact text, and applies the links <see cref="CopyRule"/> decides (<see cref="CopyStore"/>
/// keeps them flat). One arrival at a time: two copies arriving together must see each other. A batch's arrivals
/// (<see cref="LinkManyAsync"/>) are still decided one after the other, each seeing those before it, but on PostgreSQL
/// their storage's round trips are the batch's, not each article's.
/// </summary>
public sealed class CopyDetector
{
    /// <summary>How many of the articles sharing the most keys are compared with an arrival.</summary>
    public const int MaxCandidates = 24;

    /// <summary>
    /// The fewest arrivals linked as a batch (<see cref="LinkManyAsync"/>); fewer go one by one. A batch reads every copy
    /// row of its candidates' groups once, which pays for itself over an import's batch (<c>IngestPipeline.BatchSize</c>
    /// articles) but not for a crawler's one page against a large group: two crawlers on one PostgreSQL
    /// (bench/Icmal.CrawlBench, 50 sites, 10,000 articles that are all copies of one text) took 64.6 s with single
    /// pages linked as batches, 46.6 s one by one.
    /// </summary>
    public int MinBatch { get; init; } = 16;

    /// <summary>
    /// Arrivals linked as batches after which the key table's new pages are marked all-visible before the next batch
    /// (<see cref="SketchStore.KeepKeysVisibleAsync"/>): about every import batch. At 1M articles the look-up at the
    /// end of a 10,000-article import read 85k of its entries' table rows for want of it (101k buffers, against 19k).
    /// </summary>
    public int VacuumEvery { get; init; } = 200;

    /// <summary>Articles sketched per round when an archive older than sketches is caught up.</summary>
    private const int CatchUpBatch = 256;

    private readonly SketchStore _sketches;
    private readonly CopyStore _copies;
    private readonly SourceStore _sources;
    private readonly ArticleStore _articles;
    private readonly ItemErrorStore _errors;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _linkedSinceVacuum;
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
        _errors = stores.ItemErrors;
        Rule = rule ?? CopyRule.Default;
    }

    public CopyRule Rule { get; }

    /// <summary>The stored articles the last <see cref="CatchUpAsync"/> could not link (each in the item error log).</summary>
    public IReadOnlySet<long> PassedOver { get; private set; } = new HashSet<long>();

    /// <summary>
    /// A detector over the stores, with every stored article that has no sketch yet (an archive from before sketches,
    /// a process stopped between storing and linking) sketched and linked first, oldest first; on PostgreSQL the key
    /// table's newest pages are first marked all-visible (<see cref="SketchStore.KeepKeysVisibleAsync"/>).
    /// </summary>
    public static async Task<CopyDetector> OpenAsync(Stores stores, CancellationToken ct, CopyRule? rule = null)
    {
        var detector = new CopyDetector(stores, rule);
        await stores.Sketches.KeepKeysVisibleAsync(ct);
        await detector.CatchUpAsync(ct);
        return detector;
    }

    /// <summary>
    /// Sketches and links the stored articles that have no sketch; returns how many it did. One that cannot be read or
    /// linked (<see cref="ItemErrorStore.IsArticleFault"/>) is recorded in the item error log and passed over
    /// (<see cref="PassedOver"/>); the next catch-up tries it again (<see cref="SketchStore.KeepPassedOverAsync"/>).
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        int done = 0;
        var failed = new HashSet<long>();
        while (true)
        {
            var ids = (await _sketches.UnsketchedAsync(CatchUpBatch + failed.Count, ct)).Where(id => !failed.Contains(id)).ToList();
            if (ids.Count == 0)
            {
                await _sketches.KeepPassedOverAsync(failed, ct);
                PassedOver = failed;
                return done;
            }
            foreach (long id in ids)
            {
                try
                {
                    if (await _articles.GetAsync(id, ct) is not { } article) continue;
                    await LinkAsync(article, ct);
                    done++;
                }
                catch (Exception e) when (_errors.IsArticleFault(e, ct))
                {
                    // One article that cannot be linked must not keep the archive from opening (every later import,
                    // crawl and portal start would stop on it): it is recorded and stays unlinked, and the rest are linked.
                    failed.Add(id);
                    await _errors.RecordArticleAsync(id, IngestStage.Link, "linking it to its copies", e,
                        "the next start tries it again", ct);
                }
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
        var arrival = await ArrivalAsync(article, ct);
        await _gate.WaitAsync(ct);
        try
        {
            return await LinkAloneAsync(arrival, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// <see cref="LinkAsync"/> for each of many articles stored in the caller's batch transaction, in their order,
    /// with the same links: each article's candidates are the stored ones and those of the batch before it. Where the
    /// store can (<see cref="SketchStore.OpenBatchAsync"/>: PostgreSQL) and the batch holds at least
    /// <see cref="MinBatch"/>, the sketches are written and the candidates read for the whole batch, the links worked
    /// out in memory and written at the end; otherwise one by one.
    /// </summary>
    /// <param name="texts">Each article's sketch and text hash worked out ahead (<see cref="ArticleText"/>), in the same
    /// order; null, or a null in it: worked out here.</param>
    public async Task LinkManyAsync(IReadOnlyList<Article> articles, CancellationToken ct, IReadOnlyList<ArticleText?>? texts = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (texts is not null && texts.Count != articles.Count) throw new ArgumentException("one text an article", nameof(texts));
        var arrivals = new List<LinkArrival>(articles.Count);
        for (int i = 0; i < articles.Count; i++)
            arrivals.Add(await ArrivalAsync(articles[i] ?? throw new ArgumentException("an article is missing", nameof(articles)), ct, texts?[i]));
        await _gate.WaitAsync(ct);
        try
        {
            if (arrivals.Count >= MinBatch)
            {
                // The earlier batches' keys are committed by now (one shared transaction at a time per process).
                if (_linkedSinceVacuum >= VacuumEvery)
                {
                    _linkedSinceVacuum = 0;
                    await _sketches.KeepKeysVisibleAsync(ct);
                }
                _linkedSinceVacuum += arrivals.Count;
            }
            var batch = arrivals.Count < MinBatch ? null
                : await _sketches.OpenBatchAsync(arrivals.Select(a => (a.ArticleId, a.Sketch, a.TextSha256)).ToList(), MaxCandidates, Rule.MayMatter, ct);
            if (batch is null)
            {
                foreach (var arrival in arrivals) await LinkAloneAsync(arrival, ct);
                return;
            }
            for (int i = 0; i < arrivals.Count; i++)
            {
                if (arrivals[i].Sketch.Shingles == 0) continue;
                foreach (var link in Rule.Decide(arrivals[i], await CandidatesAsync(await batch.CandidatesOfAsync(i, ct), ct))) batch.Link(link);
            }
            await batch.SaveAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts reading the stored ids under the keys of a batch about to be linked (<paramref name="sketches"/>), outside
    /// its transaction (<see cref="SketchStore.ReadKeysAhead"/>): its <see cref="LinkManyAsync"/> then skips that read
    /// where nothing but this process wrote keys meanwhile. Nothing for fewer than <see cref="MinBatch"/>.
    /// </summary>
    public void ReadKeysAhead(IReadOnlyCollection<TextSketch> sketches)
    {
        ArgumentNullException.ThrowIfNull(sketches);
        if (sketches.Count >= MinBatch) _sketches.ReadKeysAhead(sketches);
    }

    /// <summary>The article as the rule sees it arrive: its sketch, text hash (<paramref name="text"/> when worked out ahead), time and site names.</summary>
    private async Task<LinkArrival> ArrivalAsync(Article article, CancellationToken ct, ArticleText? text = null)
    {
        text ??= ArticleText.Of(article.Text);
        var creditKeys = SiteKeys.OfCredit(article.Original, await SourceHomeAsync(article.Original?.Name, ct));
        return new LinkArrival(article.Id, text.Sketch, text.TextSha256, article.PlausiblePublished ?? article.Archived,
            SiteKeys.OfArticle(article.Url, article.Site, await SourceHomeAsync(article.Site, ct)), creditKeys);
    }

    /// <summary>One arrival's sketch stored, its candidates read and its links stored, statement after statement (under the gate).</summary>
    private async Task<IReadOnlyList<CopyLink>> LinkAloneAsync(LinkArrival arrival, CancellationToken ct)
    {
        await _sketches.AddAsync(arrival.ArticleId, arrival.Sketch, ct);
        if (arrival.Sketch.Shingles == 0) return [];
        var found = await _sketches.CandidatesAsync(arrival.ArticleId, arrival.Sketch, arrival.TextSha256, MaxCandidates, ct);
        var stored = new List<CopyLink>();
        foreach (var link in Rule.Decide(arrival, await CandidatesAsync(found, ct))) stored.Add(await _copies.LinkAsync(link, ct));
        return stored;
    }

    /// <summary>The stored candidates with the names of their sites and of the sites they credit.</summary>
    private async Task<List<LinkCandidate>> CandidatesAsync(IReadOnlyList<SketchedArticle> found, CancellationToken ct)
    {
        var candidates = new List<LinkCandidate>(found.Count);
        foreach (var c in found)
            candidates.Add(new LinkCandidate(c, SiteKeys.OfArticle(c.Url, c.Site, await SourceHomeAsync(c.Site, ct)),
                SiteKeys.OfCredit(c.Credit, await SourceHomeAsync(c.Credit?.Name, ct))));
        return candidates;
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
