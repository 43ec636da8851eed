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
/// added: the shorter text lies within the longer). Different reports of one event share names and figures, not runs
/// of four words, and stay far below both.</para>
/// <para>The original: the article of the credited site when the copy's credit line names one whose article is
/// stored, published within <see cref="CreditWindow"/> and sharing at least <see cref="CreditedContainment"/> of
/// the copy's text (the credit is evidence enough for a looser match: an aggregator trims and adds more); else the
/// earliest near-copy (by publication, else archive time). Imports are unordered, so an arrival may be the original of
/// stored copies: of the ones that credit its site, or, when it is older, of the earliest near-copy it found
/// (unless that one's copies credit it by name).</para>
/// </remarks>
public sealed record CopyRule(
    double Resemblance = 0.5,
    double Containment = 0.8,
    int MinShingles = 20,
    double CreditedContainment = 0.5,
    TimeSpan? CreditWindowOrNull = null)
{
    /// <summary>The defaults, chosen on `icmal eval duplicates` (generated edits of banker.az articles beside other reports of the same events).</summary>
    public static CopyRule Default { get; } = new();

    /// <summary>How far apart in time a credited original and its copy may be.</summary>
    public TimeSpan CreditWindow => CreditWindowOrNull ?? TimeSpan.FromDays(14);

    /// <summary>True when two texts of the given sketch similarity are near-copies.</summary>
    public bool IsNearCopy(SketchSimilarity similarity, int smallerShingles) =>
        similarity.Resemblance >= Resemblance || similarity.Containment >= Containment && smallerShingles >= MinShingles;

    /// <summary>The links the arrival makes, in the order to apply them (the store keeps them flat); none when it copies nothing.</summary>
    public IReadOnlyList<CopyLink> Decide(LinkArrival arrival, IReadOnlyList<LinkCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        ArgumentNullException.ThrowIfNull(candidates);
        var scored = candidates
            .Where(c => c.Article.ArticleId != arrival.ArticleId)
            .Select(c => new Scored(c, c.Article.TextSha256 == arrival.TextSha256 && arrival.Sketch.Shingles > 0,
                TextSketch.Compare(arrival.Sketch, c.Article.Sketch), Math.Min(arrival.Sketch.Shingles, c.Article.Sketch.Shingles)))
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
                if (article.OriginalId is { } earlier && scored.FirstOrDefault(o => o.Candidate.Article.ArticleId == earlier) is { } root)
                {
                    // Already the copy of an article of the credited site: that one stays its original.
                    if (SiteKeys.Match(root.Candidate.SiteKeys, s.Candidate.CreditKeys)) continue;
                    if (IsNear(root)) links.Add(new CopyLink(earlier, arrival.ArticleId, Evidence(root), Value(root)));
                }
                links.Add(new CopyLink(article.ArticleId, arrival.ArticleId, CopyEvidence.Credited, Value(s)));
            }
            if (links.Count > 0) return links;
        }

        // Else the earliest near-copy.
        var earliest = scored.Where(IsNear).MinBy(s => (s.Candidate.Article.SortAt, s.Candidate.Article.ArticleId));
        if (earliest is null) return [];
        var e = earliest.Candidate.Article;
        bool arrivalFirst = (arrival.SortAt, arrival.ArticleId).CompareTo((e.SortAt, e.ArticleId)) < 0;
        if (!arrivalFirst || e.OriginalId is not null || e.HasCreditedCopies)
            return [new CopyLink(arrival.ArticleId, e.ArticleId, Evidence(earliest), Value(earliest))];
        // An older text found later: the originals among its near-copies become its copies, with their copies.
        return scored.Where(s => IsNear(s) && s.Candidate.Article.OriginalId is null && !s.Candidate.Article.HasCreditedCopies)
            .Select(s => new CopyLink(s.Candidate.Article.ArticleId, arrival.ArticleId, Evidence(s), Value(s)))
            .ToList();
    }

    private bool IsNear(Scored s) => s.SameText || IsNearCopy(s.Similarity, s.SmallerShingles);

    private bool IsCredited(Scored s) => IsNear(s) || s.Similarity.Containment >= CreditedContainment && s.SmallerShingles >= MinShingles;

    private bool Near(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() <= CreditWindow;

    private static CopyEvidence Evidence(Scored s) => s.SameText ? CopyEvidence.SameText : CopyEvidence.NearCopy;

    private static double Value(Scored s) => s.SameText ? 1 : s.Similarity.Resemblance;

    private sealed record Scored(LinkCandidate Candidate, bool SameText, SketchSimilarity Similarity, int SmallerShingles);
}
