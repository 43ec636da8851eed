namespace Icmal.Text.LanguageId;

/// <summary>
/// Trains the n-gram model of <see cref="LanguageIdentifier"/> from sentences per label. Pure: the caller reads the
/// files (`icmal text train-langid DIR OUT` reads DIR/&lt;code&gt;/train.txt of the SIB-200 folder).
/// </summary>
public static class LanguageModelTrainer
{
    /// <summary>SIB-200 / FLORES folder codes and the labels they train.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sib200Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["azj_Latn"] = "az-Latn", ["azj_Cyrl"] = "az-Cyrl", ["azb_Arab"] = "az-Arab", ["tur_Latn"] = "tr", ["kaz_Cyrl"] = "kk",
        ["uzn_Latn"] = "uz", ["kir_Cyrl"] = "ky", ["tuk_Latn"] = "tk", ["tat_Cyrl"] = "tt", ["bak_Cyrl"] = "ba",
        ["rus_Cyrl"] = "ru", ["ukr_Cyrl"] = "uk", ["eng_Latn"] = "en",
    };

    /// <summary>
    /// Counts n-grams (orders 1–5) per label and writes the model (the binary layout of <see cref="LanguageModelFile"/>).
    /// N-grams of order 3 and above seen only once in all the training text are dropped to keep the model small.
    /// </summary>
    public static byte[] Train(IReadOnlyList<(string Label, IEnumerable<string> Sentences)> data, int minCountHighOrders = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        string[] labels = [.. data.Select(d => d.Label)];
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var totals = new long[LanguageIdentifier.MaxOrder + 1, labels.Length];
        char[] buffer = new char[8192];
        for (int li = 0; li < labels.Length; li++)
        {
            foreach (string sentence in data[li].Sentences)
            {
                int n = LanguageIdentifier.Prepare(sentence, buffer);
                var text = buffer.AsSpan(0, n);
                for (int i = 0; i < text.Length; i++)
                {
                    for (int order = 1; order <= LanguageIdentifier.MaxOrder && i + order <= text.Length; order++)
                    {
                        var gram = text.Slice(i, order);
                        if (order > 2 && gram[order - 1] == ' ' && gram[..^1].Contains(' ')) break;
                        if (order == 1 && gram[0] == ' ') continue;
                        string key = gram.ToString();
                        if (!counts.TryGetValue(key, out int[]? c)) counts[key] = c = new int[labels.Length];
                        c[li]++;
                        totals[order, li]++;
                    }
                }
            }
        }
        var vocab = new long[LanguageIdentifier.MaxOrder + 1];
        foreach (var key in counts.Keys) vocab[key.Length]++;
        var rows = counts
            .Where(kv => kv.Key.Length < 3 || kv.Value.Sum() >= minCountHighOrders)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal) // of two n-grams with one hash, the first in this order is kept
            .Select(kv => new NGramRow(LanguageIdentifier.Hash(kv.Key), kv.Key.Length, kv.Value));
        return LanguageModelFile.Write(labels, totals, vocab, rows);
    }
}
