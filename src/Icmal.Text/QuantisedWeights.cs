namespace Icmal.Text;

/// <summary>
/// The weight table both trained models ship (<see cref="Entities.NerModel"/>, <see cref="Categories.CategoryModel"/>):
/// a row of <c>width</c> weights per hashed feature, written as 16-bit fixed point under one scale, rows that round
/// to all zeros dropped, the feature hashes sorted and written as 7-bit-encoded gaps. One format, so a change to it (and
/// the reproducible bytes the training commands promise) is made once.
/// </summary>
internal static class QuantisedWeights
{
    /// <summary>Writes <paramref name="weights"/> (row <c>rows[hash]</c> at <c>row * width</c>).</summary>
    public static void Write(BinaryWriter w, FeatureRows rows, float[] weights, int width)
    {
        float max = weights.Length == 0 ? 1 : weights.Max(Math.Abs);
        float scale = max == 0 ? 1 : max / short.MaxValue;
        var keys = rows.Rows.Where(kv => Enumerable.Range(0, width).Any(k => Quantise(weights[kv.Value * width + k], scale) != 0))
            .OrderBy(kv => kv.Key).ToList();
        w.Write(scale);
        w.Write(keys.Count);
        uint previous = 0;
        foreach (var (key, _) in keys)
        {
            w.Write7BitEncodedInt((int)(key - previous));
            previous = key;
        }
        foreach (var (_, row) in keys)
            for (int k = 0; k < width; k++) w.Write(Quantise(weights[row * width + k], scale));
    }

    /// <summary>Reads what <see cref="Write"/> wrote; the rows are numbered in hash order.</summary>
    /// <exception cref="InvalidDataException">The feature count is impossible, or a hash does not follow the one before.</exception>
    public static (FeatureRows Rows, float[] Weights) Read(BinaryReader r, int width)
    {
        float scale = r.ReadSingle();
        int count = r.ReadInt32();
        if (count < 0 || count > 10_000_000) throw new InvalidDataException($"model: {count} features");
        var rows = new KeyValuePair<uint, int>[count];
        uint key = 0;
        for (int i = 0; i < count; i++)
        {
            int gap = r.Read7BitEncodedInt();
            if (gap < 0 || (i > 0 && gap == 0)) throw new InvalidDataException($"model: feature {i} does not follow the one before");
            key += (uint)gap;
            rows[i] = KeyValuePair.Create(key, i);
        }
        var weights = new float[count * width];
        for (int i = 0; i < weights.Length; i++) weights[i] = r.ReadInt16() * scale;
        return (new FeatureRows(rows), weights);
    }

    private static short Quantise(float x, float scale) => (short)Math.Clamp(MathF.Round(x / scale), -short.MaxValue, short.MaxValue);
}
