using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Similarity;

namespace Icmal.StoriesBench;

/// <summary>
/// The copy detector's lookup held in memory, for streaming a million articles: each article's sketch, and per key the
/// newest <see cref="SketchStore.MaxPerKey"/> articles, as SketchStore reads them. Candidates and links are decided by
/// the real <see cref="CopyRule"/>; links are kept flat as CopyStore keeps them.
/// </summary>
internal sealed class MemoryCopyIndex(CopyRule rule)
{
    private readonly List<SketchedArticle> _articles = [];
    private readonly Dictionary<uint, List<int>> _postings = [];
    private readonly Dictionary<long, long> _originalOf = [];
    private readonly IReadOnlySet<string> _none = new HashSet<string>();

    public int Links => _originalOf.Count;

    /// <summary>Bytes a stored article's sketch state takes: its hashes, its count, and its key rows (key and id).</summary>
    public double StateBytesPerArticle => _articles.Count == 0 ? 0
        : _articles.Average(a => a.Sketch.Hashes.Length * 4.0 + 4 + a.Sketch.Keys.Length * (4 + 8));

    public void Add(long id, string text, string site, DateTimeOffset time)
    {
        var sketch = TextSketch.Of(text);
        var keys = SiteKeys.OfArticle(null, site);
        var arrival = new LinkArrival(id, sketch, "", time, keys, _none);
        var shared = new Dictionary<int, int>();
        foreach (uint key in sketch.Keys)
        {
            if (!_postings.TryGetValue(key, out var list)) continue;
            for (int k = list.Count - 1, seen = 0; k >= 0 && seen < SketchStore.MaxPerKey; k--, seen++)
                shared[list[k]] = shared.GetValueOrDefault(list[k]) + 1;
        }
        int minShared = Math.Min(2, sketch.Keys.Length);
        var candidates = shared.Where(kv => kv.Value >= minShared).OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key)
            .Take(CopyDetector.MaxCandidates)
            .Select(kv => _articles[kv.Key] with { OriginalId = _originalOf.TryGetValue(_articles[kv.Key].ArticleId, out long o) ? o : null })
            .Select(a => new LinkCandidate(a, SiteKeys.OfArticle(null, a.Site), _none))
            .ToList();
        foreach (var link in rule.Decide(arrival, candidates))
        {
            long original = _originalOf.TryGetValue(link.OriginalId, out long o) ? o : link.OriginalId;
            if (original == link.ArticleId) continue;
            _originalOf[link.ArticleId] = original;
        }
        int index = _articles.Count;
        _articles.Add(new SketchedArticle(id, sketch, site, null, time, null, "x" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (uint key in sketch.Keys)
        {
            if (!_postings.TryGetValue(key, out var list)) _postings[key] = list = [];
            list.Add(index);
            if (list.Count > 2 * SketchStore.MaxPerKey) list.RemoveRange(0, SketchStore.MaxPerKey);
        }
    }
}
