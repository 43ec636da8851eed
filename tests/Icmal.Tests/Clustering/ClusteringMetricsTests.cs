using Icmal.Clustering;

namespace Icmal.Tests.Clustering;

public sealed class ClusteringMetricsTests
{
    [Fact]
    public void Bcubed_and_nmi_match_a_hand_computed_example()
    {
        // Gold: {0,1} {2,3}; predicted: {0,1,2} {3}.
        // B-cubed P = (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3, R = (1 + 1 + 1/2 + 1/2) / 4 = 3/4, F1 = 12/17.
        var score = ClusteringMetrics.Score(new[] { 1, 1, 1, 2 }, new[] { "a", "a", "b", "b" });
        Assert.Equal(2.0 / 3, score.Precision, 10);
        Assert.Equal(0.75, score.Recall, 10);
        Assert.Equal(12.0 / 17, score.F1, 10);
        // MI = ½ln(4/3) + ¼ln(2/3) + ¼ln2; H(pred) = −(¾ln¾ + ¼ln¼); H(gold) = ln2; NMI = MI / mean(H).
        double mi = (0.5 * Math.Log(4.0 / 3)) + (0.25 * Math.Log(2.0 / 3)) + (0.25 * Math.Log(2));
        double hp = -((0.75 * Math.Log(0.75)) + (0.25 * Math.Log(0.25)));
        Assert.Equal(mi / ((hp + Math.Log(2)) / 2), score.Nmi, 10);
    }

    [Fact]
    public void Pairwise_scores_match_a_hand_computed_example()
    {
        // Gold: {0,1} {2,3}; predicted: {0,1,2} {3}. Predicted pairs 01, 02, 12; gold pairs 01, 23; right: 01.
        var p = ClusteringMetrics.Score(new[] { 1, 1, 1, 2 }, new[] { "a", "a", "b", "b" }).Pairwise;
        Assert.Equal((1L, 3L, 2L), (p.TruePairs, p.PredictedPairs, p.GoldPairs));
        Assert.Equal(1.0 / 3, p.Precision, 10);
        Assert.Equal(0.5, p.Recall, 10);
        Assert.Equal(0.4, p.F1, 10);
    }

    [Fact]
    public void Pairwise_scores_count_pairs_inside_larger_clusters()
    {
        // Gold: {0,1,2,3} {4,5}; predicted: {0,1,2} {3,4,5}: 3 + 3 predicted pairs, 6 + 1 gold, right 3 (012) + 1 (45).
        var p = ClusteringMetrics.Score(new[] { 1, 1, 1, 2, 2, 2 }, new[] { "x", "x", "x", "x", "y", "y" }).Pairwise;
        Assert.Equal((4L, 6L, 7L), (p.TruePairs, p.PredictedPairs, p.GoldPairs));
        Assert.Equal(4.0 / 6, p.Precision, 10);
        Assert.Equal(4.0 / 7, p.Recall, 10);
        Assert.Equal(2 * (4.0 / 6) * (4.0 / 7) / ((4.0 / 6) + (4.0 / 7)), p.F1, 10);
    }

    [Fact]
    public void Putting_every_item_alone_scores_zero_pairwise_though_not_in_bcubed()
    {
        var score = ClusteringMetrics.Score(new[] { 1, 2, 3, 4 }, new[] { "a", "a", "b", "c" });
        Assert.Equal((0.0, 0.0, 0.0), (score.Pairwise.Precision, score.Pairwise.Recall, score.Pairwise.F1));
        Assert.Equal(1, score.Precision, 10);
        Assert.True(score.F1 > 0.8);
    }

    [Fact]
    public void A_perfect_clustering_scores_one_whatever_its_labels()
    {
        var score = ClusteringMetrics.Score(new[] { 7, 7, 9 }, new[] { "x", "x", "y" });
        Assert.Equal(1, score.F1, 10);
        Assert.Equal(1, score.Nmi, 10);
        Assert.Equal(1, score.Pairwise.F1, 10);
    }
}
