using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Similarity;

namespace Icmal.Linking;

/// <summary>An arriving article as the linking rule sees it.</summary>
/// <param name="SiteKeys">The names of its own site (<see cref="SiteKeys.OfArticle"/>).</param>
/// <param name="CreditKeys">The names of the site its credit line names (<see cref="SiteKeys.OfCredit"/>); empty without one.</param>
public sealed record LinkArrival(long ArticleId, TextSketch Sketch, string TextSha256, DateTimeOffset SortAt,
    IReadOnlySet<string> SiteKeys, IReadOnlySet<string> CreditKeys);

/// <summary>A stored article that may resemble the arrival, with the names of its site and of the site it credits.</summary>
public sealed record LinkCandidate(SketchedArticle Article, IReadOnlySet<string> SiteKeys, IReadOnlySet<string> CreditKeys);

/// <summary>
/// When one article is a copy of another, and which is the original (issue #16). Pure: the detector gathers the
/// candidates and applies the links this rule gives.
/// </summary>
/// <remarks>
/// <para>A near-copy is a text whose shingles mostly agree with the other's: resemblance at least
/// <see cref="Resemblance"/> (a new headline, a credit line, chrome, one paragraph changed), or containment at least
/// <see cref="Containment"/> when the shorter text has at least <see cref="MinShingles"/> shingles (paragraphs cut or
/// added: the shorter text lies within the longer) when it is at least <see cref="ContainedShare"/> of the longer (a
/// short item quoted whole as the background of a longer article is not what that article copies). Different reports of one event share names and figures, not runs
/// of four words, and stay far below both. Two texts of one site must be nearly the same
/// (<see cref="SameSiteResemblance"/>): a site that reuses its own text for the next stage of a story (a bill at
/// committee, then at the plenary) publishes an update, not a copy.</para>
/// <para>The original: the article of the credited site when the copy's credit line names one whose article is
/// stored, published within <see cref="CreditWindow"/> and sharing at least <see cref="CreditedContainment"/> of
/// the copy's text (the credit is evidence enough for a looser match: an aggregator trims and adds more); else the
/// earliest near-copy (by publication, else archive time). Imports are unordered, so an arrival may be the original of
/// stored copies: of the ones that credit its site, or, when it is older, of the earliest near-copy it found
/// (unless that one's copies credit it by name).</para>
/// </remarks>
public sealed record CopyRule(
    double Resemblance = 0.3,
    double Containment = 0.6,
    int MinShingles = 20,
    double CreditedContainment = 0.5,
    double SameSiteResemblance = 0.9,
    double ContainedShare = 0.0,
    TimeSpan? CreditWindowOrNull = null)
{
    /// <summary>
    /// The defaults, chosen on `icmal eval duplicates` (generated edits of banker.az articles beside other reports of
    /// the same events): at 0.3/0.6 copy F1 is 0.975–0.982 over seeds 1–3 with no two reports of one event linked;
    /// the closest such pair of the dev set has resemblance 0.07 and containment 0.38.
    /// </summary>
    public static CopyRule Default { get; } = new();

    /// <summary>How far apart in time a credited original and its copy may be.</summary>
    public TimeSpan CreditWindow => CreditWindowOrNull ?? TimeSpan.FromDays(14);

    /// <summary>True when two texts of the given sketch similarity are near-copies.</summary>
    /// <param name="sizeShare">The smaller text's shingles as a share of the larger's.</param>
    public bool IsNearCopy(SketchSimilarity similarity, int smallerShingles, double sizeShare) =>
        similarity.Resemblance >= Resemblance
        || similarity.Containment >= Containment && smallerShingles >= MinShingles && sizeShare >= ContainedShare;

    /// <summary>
    /// Whether a candidate of sketch <paramref name="candidate"/> can make a link for an arrival of sketch
    /// <paramref name="arrival"/> by itself: it passes the loosest of the thresholds <see cref="Decide"/> applies
    /// (near-copy by resemblance or containment, credited containment; same-site and size-share tests only narrow
    /// them). One that does not is read by <see cref="Decide"/> only as the original of one that does, so a store may
    /// leave out the rest and their articles' rows unread. A candidate of the same text has the same sketch and passes.
    /// </summary>
    public bool MayMatter(TextSketch arrival, TextSketch candidate)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        ArgumentNullException.ThrowIfNull(candidate);
        var similarity = TextSketch.Compare(arrival, candidate);
        return similarity.Resemblance >= Math.Min(Resemblance, SameSiteResemblance)
            || similarity.Containment >= Math.Min(Containment, CreditedContainment) && Math.Min(arrival.Shingles, candidate.Shingles) >= MinShingles;
    }

    /// <summary>The links the arrival makes, in the order to apply them (the store keeps them flat); none when it copies nothing.</summary>
    public IReadOnlyList<CopyLink> Decide(LinkArrival arrival, IReadOnlyList<LinkCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        ArgumentNullException.ThrowIfNull(candidates);
        // In the order of the candidates' ids, whatever order the store read them in: each choice below takes the first
        // of equals (MaxBy), and a store's order is the engine's (a hash aggregate, pages laid out by whoever wrote
        // them), so without it two runs over the same archive could link a copy to different equal originals.
        var scored = candidates
            .Where(c => c.Article.ArticleId != arrival.ArticleId)
            .OrderBy(c => c.Article.ArticleId)
            .Select(c => new Scored(c, c.Article.TextSha256 == arrival.TextSha256 && arrival.Sketch.Shingles > 0,
                TextSketch.Compare(arrival.Sketch, c.Article.Sketch), Math.Min(arrival.Sketch.Shingles, c.Article.Sketch.Shingles),
                (double)Math.Min(arrival.Sketch.Shingles, c.Article.Sketch.Shingles) / Math.Max(1, Math.Max(arrival.Sketch.Shingles, c.Article.Sketch.Shingles)),
                SiteKeys.Match(arrival.SiteKeys, c.SiteKeys)))
            .ToList();

        // The credited original, when its article is stored.
        if (arrival.CreditKeys.Count > 0)
        {
            var credited = scored
                .Where(s => SiteKeys.Match(s.Candidate.SiteKeys, arrival.CreditKeys) && Near(s.Candidate.Article.SortAt, arrival.SortAt) && IsCredited(s))
                .MaxBy(s => s.Similarity.Resemblance);
            if (credited is not null) return [new CopyLink(arrival.ArticleId, credited.Candidate.Article.ArticleId, CopyEvidence.Credited, Value(credited))];
        }

        // The original of stored copies that credit its site: they (and the copies of their earlier original) move to it.
        var links = new List<CopyLink>();
        if (arrival.SiteKeys.Count > 0)
        {
            foreach (var s in scored.Where(s => SiteKeys.Match(s.Candidate.CreditKeys, arrival.SiteKeys) && Near(s.Candidate.Article.SortAt, arrival.SortAt) && IsCredited(s)))
            {
                var article = s.Candidate.Article;
                if (article.OriginalId is { } earlier && scored.FirstOrDefault(o => o.Candidate.Article.ArticleId == earlier) is { } first)
                {
                    // Already the copy of an article of the credited site that resembles it at least as much: that
                    // one stays its original.
                    if (SiteKeys.Match(first.Candidate.SiteKeys, s.Candidate.CreditKeys)
                        && TextSketch.Compare(first.Candidate.Article.Sketch, article.Sketch).Resemblance >= s.Similarity.Resemblance) continue;
                    if (IsNear(first)) links.Add(new CopyLink(earlier, arrival.ArticleId, Evidence(first), Value(first)));
                }
                links.Add(new CopyLink(article.ArticleId, arrival.ArticleId, CopyEvidence.Credited, Value(s)));
            }
            if (links.Count > 0)
            {
                // The original by its copies' word: the other groups of its near-copies join it too.
                var linked = links.Select(l => l.ArticleId).ToHashSet();
                links.AddRange(scored
                    .Where(s => IsNear(s) && s.Candidate.Article is { OriginalId: null, HasCreditedCopies: false } a && !linked.Contains(a.ArticleId))
                    .Select(s => new CopyLink(s.Candidate.Article.ArticleId, arrival.ArticleId, Evidence(s), Value(s))));
                return links;
            }
        }

        // Else the copy group of the most similar near-copy: linked to it, the arrival joins that group's original
        // (the earliest of the group). A text near two groups (a copy that quotes a short item whole as background)
        // belongs to the one it resembles most. When the arrival is older than that original, it takes its place.
        var near = scored.Where(IsNear).ToList();
        // A copy whose original the arrival does not resemble is no way in: joining it would put the arrival under
        // an original it does not copy.
        near.RemoveAll(s => s.Candidate.Article.OriginalId is { } o && !near.Any(r => r.Candidate.Article.ArticleId == o));
        if (near.Count == 0) return [];
        var best = near.MaxBy(Value)!;
        long rootId = best.Candidate.Article.OriginalId ?? best.Candidate.Article.ArticleId;
        var root = near.FirstOrDefault(s => s.Candidate.Article.ArticleId == rootId);
        if (root is { Candidate.Article: { HasCreditedCopies: false } r } && (arrival.SortAt, arrival.ArticleId).CompareTo((r.SortAt, r.ArticleId)) < 0)
            return [new CopyLink(r.ArticleId, arrival.ArticleId, Evidence(root), Value(root))];
        return [new CopyLink(arrival.ArticleId, best.Candidate.Article.ArticleId, Evidence(best), Value(best))];
    }

    private bool IsNear(Scored s) =>
        s.SameText || (s.SameSite ? s.Similarity.Resemblance >= SameSiteResemblance : IsNearCopy(s.Similarity, s.SmallerShingles, s.SizeShare));

    private bool IsCredited(Scored s) => IsNear(s) || s.Similarity.Containment >= CreditedContainment && s.SmallerShingles >= MinShingles;

    private bool Near(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() <= CreditWindow;

    private static CopyEvidence Evidence(Scored s) => s.SameText ? CopyEvidence.SameText : CopyEvidence.NearCopy;

    private static double Value(Scored s) => s.SameText ? 1 : s.Similarity.Resemblance;

    private sealed record Scored(LinkCandidate Candidate, bool SameText, SketchSimilarity Similarity, int SmallerShingles, double SizeShare, bool SameSite);
}
