namespace Icmal.Clustering;

/// <summary>
/// B-cubed precision/recall/F1, NMI and the pairwise scores (<see cref="Pairwise"/>) of a clustering against gold labels.
/// </summary>
public sealed record ClusteringScore(double Precision, double Recall, double F1, double Nmi, int Items, int Clusters, int GoldClusters)
{
    /// <summary>Precision, recall and F1 over pairs of items put in one cluster.</summary>
    public PairwiseScore Pairwise { get; init; } = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Pairwise scores: a pair of items is positive when both share a cluster; precision is the share of predicted pairs
/// that are gold pairs, recall the share of gold pairs predicted. With no predicted (or no gold) pairs the precision
/// (recall) is 0, so all singletons score 0, as ../shared/data/README.md defines it.
/// </summary>
public sealed record PairwiseScore(double Precision, double Recall, double F1, long TruePairs, long PredictedPairs, long GoldPairs);

/// <summary>The clustering metrics of ../shared/data/README.md (B-cubed, pairwise, NMI), implemented exactly as written there.</summary>
public static class ClusteringMetrics
{
    /// <summary>Scores <paramref name="predicted"/> against <paramref name="gold"/>; both give one label per item.</summary>
    public static ClusteringScore Score<TP, TG>(IReadOnlyList<TP> predicted, IReadOnlyList<TG> gold)
        where TP : notnull where TG : notnull
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        if (predicted.Count != gold.Count) throw new ArgumentException("one predicted label per gold label");
        int n = gold.Count;
        if (n == 0) return new ClusteringScore(0, 0, 0, 0, 0, 0, 0);

        var predictedSize = predicted.CountBy(p => p).ToDictionary();
        var goldSize = gold.CountBy(g => g).ToDictionary();
        var joint = Enumerable.Range(0, n).CountBy(i => (predicted[i], gold[i])).ToDictionary();

        double precision = 0, recall = 0;
        for (int i = 0; i < n; i++)
        {
            int both = joint[(predicted[i], gold[i])];
            precision += (double)both / predictedSize[predicted[i]];
            recall += (double)both / goldSize[gold[i]];
        }
        precision /= n;
        recall /= n;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

        double mutual = 0;
        foreach (var ((p, g), count) in joint)
            mutual += (double)count / n * Math.Log((double)count * n / ((double)predictedSize[p] * goldSize[g]));
        double hp = Entropy(predictedSize.Values, n), hg = Entropy(goldSize.Values, n);
        double mean = (hp + hg) / 2;
        double nmi = mean == 0 ? 1 : mutual / mean;

        return new ClusteringScore(precision, recall, f1, nmi, n, predictedSize.Count, goldSize.Count)
        {
            Pairwise = PairwiseOf(predictedSize.Values, goldSize.Values, joint.Values),
        };
    }

    /// <summary>
    /// Pairwise scores from cluster sizes alone: the pairs inside predicted clusters, inside gold clusters, and inside
    /// their intersections (the true pairs), without listing the pairs.
    /// </summary>
    private static PairwiseScore PairwiseOf(IEnumerable<int> predictedSizes, IEnumerable<int> goldSizes, IEnumerable<int> jointSizes)
    {
        long predictedPairs = predictedSizes.Sum(Pairs), goldPairs = goldSizes.Sum(Pairs), truePairs = jointSizes.Sum(Pairs);
        double precision = predictedPairs == 0 ? 0 : (double)truePairs / predictedPairs;
        double recall = goldPairs == 0 ? 0 : (double)truePairs / goldPairs;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new PairwiseScore(precision, recall, f1, truePairs, predictedPairs, goldPairs);
    }

    private static long Pairs(int size) => (long)size * (size - 1) / 2;

    private static double Entropy(IEnumerable<int> sizes, int n) =>
        -sizes.Sum(s => (double)s / n * Math.Log((double)s / n));
}
