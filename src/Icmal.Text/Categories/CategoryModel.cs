using System.IO.Compression;
using System.Text;

namespace Icmal.Text.Categories;

/// <summary>A category with how sure the classifier is (softmax probability of the linear scores, 0–1).</summary>
public readonly record struct CategoryGuess(NewsCategory Category, double Confidence);

/// <summary>
/// A linear classifier over <see cref="CategoryFeatures"/>: one weight per (hashed feature, class) and a bias per
/// class. Trained by <see cref="CategoryTrainer"/> (logistic regression for the shipped model); shipped as the
/// embedded resource Resources/categories.bin (Brotli-compressed: classes by slug, sorted feature hashes as deltas,
/// weights as 16-bit fixed point). Immutable after loading and thread-safe.
/// </summary>
public sealed class CategoryModel
{
    private const string Magic = "ICMAL-CATEGORIES";
    private const int Version = 1;

    private readonly NewsCategory[] _classes;
    private readonly float[] _weights;
    private readonly float[] _bias;

    internal CategoryModel(NewsCategory[] classes, FeatureRows rows, float[] weights, float[] bias)
    {
        _classes = classes;
        _featureRows = rows;
        _weights = weights;
        _bias = bias;
    }

    /// <summary>Each feature hash's row of <see cref="_weights"/>.</summary>
    private readonly FeatureRows _featureRows;

    /// <summary>The classes the model can choose, in its own order.</summary>
    public IReadOnlyList<NewsCategory> Classes => _classes;

    /// <summary>Number of features with a weight.</summary>
    public int FeatureCount => _featureRows.Count;

    /// <summary>The most likely category of a feature vector.</summary>
    public CategoryGuess Predict(uint[] hashes, float[] values)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(values);
        int c = _classes.Length;
        Span<double> scores = stackalloc double[c];
        Scores(hashes, values, scores);
        int best = 0;
        for (int k = 1; k < c; k++)
            if (scores[k] > scores[best]) best = k;
        double sum = 0;
        for (int k = 0; k < c; k++) sum += Math.Exp(scores[k] - scores[best]);
        return new CategoryGuess(_classes[best], 1 / sum);
    }

    internal void Scores(uint[] hashes, float[] values, Span<double> scores)
    {
        int c = _classes.Length;
        for (int k = 0; k < c; k++) scores[k] = _bias[k];
        for (int i = 0; i < hashes.Length; i++)
        {
            int row = _featureRows.RowOf(hashes[i]);
            if (row < 0) continue;
            var w = _weights.AsSpan(row * c, c);
            for (int k = 0; k < c; k++) scores[k] += values[i] * w[k];
        }
    }

    /// <summary>The model's bytes: the same model gives the same bytes.</summary>
    public byte[] Save()
    {
        int c = _classes.Length;
        using var raw = new MemoryStream();
        using (var w = new BinaryWriter(raw, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(c);
            foreach (var category in _classes) w.Write(category.Slug());
            foreach (float b in _bias) w.Write(b);
            QuantisedWeights.Write(w, _featureRows, _weights, c);
        }
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) raw.WriteTo(brotli);
        return packed.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a category model of this version.</exception>
    public static CategoryModel Load(Stream compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var r = new BinaryReader(brotli, Encoding.UTF8);
        try
        {
            if (r.ReadString() != Magic || r.ReadInt32() != Version) throw new InvalidDataException("not an İcmal category model of version 1");
            int c = r.ReadInt32();
            if (c is < 2 or > 64) throw new InvalidDataException($"category model: {c} classes");
            var classes = new NewsCategory[c];
            for (int k = 0; k < c; k++)
            {
                string slug = r.ReadString();
                if (!NewsCategories.TryFromSlug(slug, out classes[k])) throw new InvalidDataException($"category model: unknown class '{slug}'");
            }
            var bias = new float[c];
            for (int k = 0; k < c; k++) bias[k] = r.ReadSingle();
            var (rows, weights) = QuantisedWeights.Read(r, c);
            return new CategoryModel(classes, rows, weights, bias);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("category model: truncated", e);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException("category model: malformed", e);
        }
    }
}
