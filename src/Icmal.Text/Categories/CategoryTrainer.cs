namespace Icmal.Text.Categories;

/// <summary>How <see cref="CategoryTrainer"/> learns.</summary>
public enum CategoryMethod
{
    /// <summary>Multinomial logistic regression by SGD with L2 (the shipped model).</summary>
    LogisticRegression,

    /// <summary>Complement naive Bayes (Rennie et al. 2003, weight-normalised): strong on skewed classes.</summary>
    ComplementNaiveBayes,

    /// <summary>Multinomial naive Bayes with a class prior: the baseline.</summary>
    NaiveBayes,
}

/// <summary>
/// Training settings; the defaults build the shipped Resources/categories.bin. <see cref="ClassWeightPower"/> weighs
/// each example of logistic regression by (n / (classes × examples of its class))^power: 0 is plain LR, 1 balances
/// the classes fully; 0.5 lets the small sections (Kriminal, Mədəniyyət) be predicted at all without giving up the
/// large ones (blocked 5-fold CV: 0.672 → 0.692 with the lexicon).
/// </summary>
public sealed record CategoryTrainingOptions(
    CategoryMethod Method = CategoryMethod.LogisticRegression,
    int Epochs = 30,
    double LearningRate = 1.0,
    double L2 = 1e-3,
    double Alpha = 0.3,
    int Seed = 20251126,
    double ClassWeightPower = 0.5);

/// <summary>
/// One labelled headline (and optional text) to learn from. <paramref name="Weight"/> scales its pull on the model (and
/// its share of its class's count for the class weights): the headlines İcmal's developers wrote themselves
/// (Categories/Written) are not a portal's own filing, so they may count for less than a labelled source headline.
/// </summary>
public sealed record CategoryExample(string Title, NewsCategory Category, string? Text = null, double Weight = 1);

/// <summary>
/// Learns a <see cref="CategoryModel"/> from labelled headlines. Deterministic: the same examples and options give the
/// same weights (seeded shuffle, no parallelism), so `icmal text train-categories` rebuilds the same bytes.
/// </summary>
public static class CategoryTrainer
{
    public static CategoryModel Train(IReadOnlyList<CategoryExample> examples, CategoryTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new CategoryTrainingOptions();
        var classes = examples.Select(e => e.Category).Distinct().Order().ToArray();
        if (classes.Length < 2) throw new ArgumentException("training needs at least two categories", nameof(examples));
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var vectors = examples.Select(e => CategoryFeatures.Extract(e.Title, e.Text)).ToArray();
        var labels = examples.Select(e => classIndex[e.Category]).ToArray();
        var exampleWeights = examples.Select(e => e.Weight).ToArray();
        if (exampleWeights.Any(w => !(w > 0) || double.IsInfinity(w))) throw new ArgumentException("every example's weight must be above 0", nameof(examples));
        var rows = new Dictionary<uint, int>();
        foreach (var (hashes, _) in vectors)
            foreach (uint h in hashes)
                rows.TryAdd(h, rows.Count);
        int c = classes.Length;
        var weights = new float[rows.Count * c];
        var bias = new float[c];
        switch (options.Method)
        {
            case CategoryMethod.LogisticRegression:
                Logistic(vectors, labels, exampleWeights, rows, weights, bias, c, options);
                break;
            default:
                Bayes(vectors, labels, exampleWeights, rows, weights, bias, c, options);
                break;
        }
        return new CategoryModel(classes, new FeatureRows(rows), weights, bias);
    }

    private static void Logistic((uint[] Hashes, float[] Values)[] vectors, int[] labels, double[] exampleWeights, Dictionary<uint, int> rows,
        float[] weights, float[] bias, int c, CategoryTrainingOptions options)
    {
        int n = vectors.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(options.Seed);
        var scores = new double[c];
        // Weighted counts: with every weight 1 these are the plain counts, and the model the same bytes as before weights.
        var perClass = new double[c];
        for (int i = 0; i < n; i++) perClass[labels[i]] += exampleWeights[i];
        double total = perClass.Sum();
        var classWeight = perClass.Select(k => Math.Pow(total / (c * Math.Max(1, k)), options.ClassWeightPower)).ToArray();
        var rowOf = vectors.Select(v => v.Hashes.Select(h => rows[h]).ToArray()).ToArray();
        long step = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (int i in order)
            {
                double rate = options.LearningRate / (1 + step++ / (double)n);
                var (_, values) = vectors[i];
                var r = rowOf[i];
                for (int k = 0; k < c; k++) scores[k] = bias[k];
                for (int f = 0; f < r.Length; f++)
                    for (int k = 0; k < c; k++) scores[k] += values[f] * weights[r[f] * c + k];
                double max = scores.Max(), sum = 0;
                for (int k = 0; k < c; k++) sum += scores[k] = Math.Exp(scores[k] - max);
                for (int k = 0; k < c; k++)
                {
                    double gradient = (scores[k] / sum - (k == labels[i] ? 1 : 0)) * classWeight[labels[i]] * exampleWeights[i];
                    bias[k] -= (float)(rate * gradient);
                    for (int f = 0; f < r.Length; f++)
                    {
                        ref float w = ref weights[r[f] * c + k];
                        w -= (float)(rate * (gradient * values[f] + options.L2 * w));
                    }
                }
            }
        }
    }

    private static void Bayes((uint[] Hashes, float[] Values)[] vectors, int[] labels, double[] exampleWeights, Dictionary<uint, int> rows,
        float[] weights, float[] bias, int c, CategoryTrainingOptions options)
    {
        int v = rows.Count;
        var counts = new double[v * c];
        var totals = new double[c];
        var docs = new int[c];
        for (int i = 0; i < vectors.Length; i++)
        {
            var (hashes, values) = vectors[i];
            docs[labels[i]]++;
            for (int f = 0; f < hashes.Length; f++)
            {
                counts[rows[hashes[f]] * c + labels[i]] += values[f] * exampleWeights[i];
                totals[labels[i]] += values[f] * exampleWeights[i];
            }
        }
        double all = totals.Sum();
        bool complement = options.Method == CategoryMethod.ComplementNaiveBayes;
        for (int k = 0; k < c; k++)
        {
            double denominator = (complement ? all - totals[k] : totals[k]) + options.Alpha * v;
            double norm = 0;
            for (int row = 0; row < v; row++)
            {
                double count = counts[row * c + k];
                if (complement)
                {
                    double rest = 0;
                    for (int j = 0; j < c; j++) rest += counts[row * c + j];
                    count = rest - count;
                }
                double w = Math.Log((count + options.Alpha) / denominator);
                weights[row * c + k] = (float)w;
                norm += Math.Abs(w);
            }
            if (complement)
            {
                // Weight-normalised CNB: a class scores by how little its complement explains the words.
                for (int row = 0; row < v; row++) weights[row * c + k] = (float)(-weights[row * c + k] / norm * v);
            }
            else
            {
                bias[k] = (float)Math.Log(docs[k] / (double)vectors.Length);
            }
        }
    }
}
