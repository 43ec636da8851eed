using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Icmal.Text.Casing;
using Icmal.Text.Normalization;

namespace Icmal.Text.LanguageId;

/// <summary>A language guess: ISO 639-1 code ("az", "tr", "kk", "uz", "ky", "tk", "tt", "ba", "ru", "uk", "en"), script (ISO 15924: "Latn", "Cyrl", "Arab") and how sure.</summary>
/// <param name="Language">ISO 639-1 code, or "und" when the text has no letters.</param>
/// <param name="Script">ISO 15924 script code of the text.</param>
/// <param name="Confidence">Probability of the best language among those known, 0–1.</param>
/// <param name="Label">The model's class: "az-Latn", "az-Cyrl", "az-Arab", "tr", …</param>
public readonly record struct LanguageGuess(string Language, string Script, double Confidence, string Label)
{
    /// <summary>"az (Latn) 0.99".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Language} ({Script}) {Confidence:0.00}");
}

/// <summary>
/// Language identification by character n-grams (1–5, over lower-cased letters with word boundaries), a multinomial
/// naive Bayes model trained on SIB-200 train sentences (`icmal text train-langid`), shipped as Resources/langid.br.
/// Distinguishes Azerbaijani in Latin, Cyrillic and Arabic script, Turkish, Kazakh, Uzbek, Kyrgyz, Turkmen, Tatar,
/// Bashkir, Russian, Ukrainian and English, from a few words up.
/// </summary>
/// <remarks>Immutable and thread-safe; <see cref="Default"/> is loaded once, lazily.</remarks>
public sealed class LanguageIdentifier
{
    internal const int MaxOrder = 5;
    private const int MaxChars = 2000; // the first 2,000 characters decide: enough for any article, and bounded cost
    internal const string ResourceName = "Icmal.Text.Resources.langid.br";

    private static readonly Lazy<LanguageIdentifier> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string[] _labels;
    // N-grams are keyed by a 64-bit FNV-1a hash of their characters (collisions among a few hundred thousand
    // n-grams are vanishingly unlikely) so scoring hashes incrementally instead of hashing every substring.
    private readonly Dictionary<ulong, int> _rows;
    private readonly float[] _logProb; // row-major: row * labels + label

    private LanguageIdentifier(string[] labels, Dictionary<ulong, int> rows, float[] logProb)
    {
        _labels = labels;
        _rows = rows;
        _logProb = logProb;
    }

    private const ulong FnvOffset = 0xcbf29ce484222325;
    private const ulong FnvPrime = 0x100000001b3;

    private static ulong Hash(ReadOnlySpan<char> gram)
    {
        ulong h = FnvOffset;
        foreach (char c in gram) h = (h ^ c) * FnvPrime;
        return h;
    }

    /// <summary>The identifier shipped with İcmal.</summary>
    public static LanguageIdentifier Default => LazyDefault.Value;

    /// <summary>The model's classes.</summary>
    public IReadOnlyList<string> Labels => _labels;

    private static readonly Lazy<string[]> LazyDefaultLabels = new(ReadDefaultLabels, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The classes of <see cref="Default"/>, read from the model's first line without loading the model: a caller
    /// that only asks whether a language is known (a page declaring German, say) does not pay the model's load.
    /// </summary>
    public static IReadOnlyList<string> DefaultLabels => LazyDefault.IsValueCreated ? LazyDefault.Value.Labels : LazyDefaultLabels.Value;

    /// <summary>Number of n-grams in the model.</summary>
    public int NGramCount => _rows.Count;

    /// <summary>The most likely language of <paramref name="text"/>.</summary>
    public LanguageGuess Identify(ReadOnlySpan<char> text)
    {
        Span<double> scores = stackalloc double[_labels.Length];
        int grams = Score(text, scores);
        if (grams == 0) return new LanguageGuess("und", ScriptOf(text), 0, "und");
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best]) best = k;
        }
        double sum = 0;
        for (int k = 0; k < scores.Length; k++) sum += Math.Exp(scores[k] - scores[best]);
        string label = _labels[best];
        var (language, script) = Split(label);
        if (script.Length == 0) script = ScriptOf(text);
        return new LanguageGuess(language, script, 1 / sum, label);
    }

    /// <summary>The most likely language of <paramref name="text"/>.</summary>
    public LanguageGuess Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Identify(text.AsSpan());
    }

    /// <summary>Log-likelihood of <paramref name="text"/> under each label (same order as <see cref="Labels"/>); returns the number of n-grams used.</summary>
    public int Score(ReadOnlySpan<char> text, Span<double> scores)
    {
        if (scores.Length < _labels.Length) throw new ArgumentException("Too few score slots.", nameof(scores));
        scores.Clear();
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Min(text.Length, MaxChars) + 2);
        try
        {
            int n = Prepare(text, rented);
            var buffer = rented.AsSpan(0, n);
            int used = 0;
            int labels = _labels.Length;
            for (int i = 0; i < buffer.Length; i++)
            {
                ulong h = FnvOffset;
                for (int order = 1; order <= MaxOrder && i + order <= buffer.Length; order++)
                {
                    char c = buffer[i + order - 1];
                    h = (h ^ c) * FnvPrime;
                    if (order > 2 && c == ' ' && buffer.Slice(i, order - 1).Contains(' ')) break;
                    if (order == 1 && c == ' ') continue;
                    if (!_rows.TryGetValue(h, out int row)) continue;
                    used++;
                    var lp = _logProb.AsSpan(row * labels, labels);
                    for (int k = 0; k < labels; k++) scores[k] += lp[k];
                }
            }
            return used;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The feature text: normalised, lower-cased (Azerbaijani rules), letters and in-word apostrophes kept, every
    /// other run of characters one space, with a space at both ends.
    /// </summary>
    internal static int Prepare(ReadOnlySpan<char> text, Span<char> output)
    {
        if (text.Length > output.Length - 2) text = text[..(output.Length - 2)];
        int n = 0;
        output[n++] = ' ';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            c = c switch { 'ǝ' or 'ä' => 'ə', 'Ǝ' or 'Ä' => 'Ə', '\u2019' or '\u02BC' or '\u02BB' or '\u2018' or '`' => '\'', _ => c };
            bool keep = char.IsLetter(c) || (c == '\'' && n > 0 && output[n - 1] != ' ' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                || (c is '\u200C' or '\u200D');
            if (keep)
            {
                output[n++] = AzCasing.ToLower(c);
            }
            else if (output[n - 1] != ' ')
            {
                output[n++] = ' ';
            }
        }
        if (output[n - 1] != ' ') output[n++] = ' ';
        return n;
    }

    internal static (string Language, string Script) Split(string label)
    {
        int dash = label.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (label, "") : (label[..dash], label[(dash + 1)..]);
    }

    /// <summary>The script most letters of <paramref name="text"/> are written in.</summary>
    public static string ScriptOf(ReadOnlySpan<char> text)
    {
        int latin = 0, cyrillic = 0, arabic = 0, other = 0;
        foreach (char c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (c < 0x250 || c is >= '\u1E00' and <= '\u1EFF') latin++;
            else if (c is >= '\u0400' and <= '\u052F') cyrillic++;
            else if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFEFF') arabic++;
            else other++;
        }
        int max = Math.Max(Math.Max(latin, cyrillic), Math.Max(arabic, other));
        if (max == 0) return "Zyyy";
        return max == latin ? "Latn" : max == cyrillic ? "Cyrl" : max == arabic ? "Arab" : "Zzzz";
    }

    /// <summary>Reads a model written by <see cref="LanguageModelTrainer"/>.</summary>
    /// <remarks>
    /// The model is read once per process and every `icmal extract` needs it, so loading is start-up time (issue #14):
    /// the decompressed text (6.5 MB, 280 k n-gram lines of 13 counts) is parsed as UTF-8 bytes in one buffer, not
    /// line by line through strings, and the log-probability of each small count (nearly all of them) is taken from
    /// a table made once per order and label with the same expression, so the model is the same bit for bit.
    /// </remarks>
    public static LanguageIdentifier Load(Stream compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        var text = new MemoryStream(compressed.CanSeek ? (int)Math.Min(compressed.Length * 8, 64 << 20) : 0);
        using (var brotli = new BrotliStream(compressed, CompressionMode.Decompress, leaveOpen: true)) brotli.CopyTo(text);
        ReadOnlySpan<byte> rest = text.GetBuffer().AsSpan(0, (int)text.Length);
        if (rest.StartsWith(Encoding.UTF8.Preamble)) rest = rest[Encoding.UTF8.Preamble.Length..];
        string[] labels = LabelsOf(NextLine(ref rest, out var h) ? Encoding.UTF8.GetString(h) : null);
        string totalsLine = NextLine(ref rest, out var t) ? Encoding.UTF8.GetString(t) : throw new InvalidDataException("No #totals line.");
        // #totals TAB per order: c1,c2,… (tokens of that order per label) TAB vocabulary size
        string[] totalParts = totalsLine.Split('\t');
        var totals = new double[MaxOrder + 1, labels.Length];
        var vocab = new double[MaxOrder + 1];
        for (int order = 1; order <= MaxOrder; order++)
        {
            string[] cells = totalParts[order].Split(',');
            for (int k = 0; k < labels.Length; k++) totals[order, k] = double.Parse(cells[k], CultureInfo.InvariantCulture);
            vocab[order] = double.Parse(cells[labels.Length], CultureInfo.InvariantCulture);
        }
        const double alpha = 0.1; // additive smoothing per order
        double LogProb(int count, int order, int label) => Math.Log((count + alpha) / (totals[order, label] + alpha * vocab[order]));
        const int tableSize = 256;
        var table = new float[(MaxOrder + 1) * labels.Length * tableSize];
        for (int order = 1; order <= MaxOrder; order++)
        for (int j = 0; j < labels.Length; j++)
        for (int c = 0; c < tableSize; c++)
            table[((order * labels.Length) + j) * tableSize + c] = (float)LogProb(c, order, j);

        int lines = rest.Count((byte)'\n') + (rest.IsEmpty || rest[^1] == '\n' ? 0 : 1);
        var rows = new Dictionary<ulong, int>(lines);
        var logProb = new float[lines * labels.Length];
        var counts = new int[labels.Length];
        Span<char> gram = stackalloc char[4 * MaxOrder];
        while (NextLine(ref rest, out var line))
        {
            int tab = line.IndexOf((byte)'\t');
            if (tab <= 0 || tab > gram.Length) continue; // more than 4 bytes a character is never a gram of MaxOrder
            int order = Encoding.UTF8.GetChars(line[..tab], gram);
            if (order > MaxOrder) continue;
            Array.Clear(counts);
            var cells = line[(tab + 1)..];
            for (int k = 0; k < labels.Length && !cells.IsEmpty; k++)
            {
                int comma = cells.IndexOf((byte)',');
                var cell = comma < 0 ? cells : cells[..comma];
                counts[k] = cell.IsEmpty ? 0 : ParseCount(cell);
                if (comma < 0) break;
                cells = cells[(comma + 1)..];
            }
            if (!rows.TryAdd(Hash(gram[..order]), rows.Count)) continue;
            var target = logProb.AsSpan((rows.Count - 1) * labels.Length, labels.Length);
            for (int j = 0; j < labels.Length; j++)
            {
                int c = counts[j];
                target[j] = c < tableSize ? table[((order * labels.Length) + j) * tableSize + c] : (float)LogProb(c, order, j);
            }
        }
        if (rows.Count < lines) Array.Resize(ref logProb, rows.Count * labels.Length); // lines skipped or repeated
        return new LanguageIdentifier(labels, rows, logProb);
    }

    /// <summary>The next line of <paramref name="rest"/> without its line end; false at the end (as TextReader.ReadLine for "\n" and "\r\n").</summary>
    private static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        if (rest.IsEmpty)
        {
            line = default;
            return false;
        }
        int end = rest.IndexOf((byte)'\n');
        line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 1)..];
        if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
        return true;
    }

    /// <summary>A count cell: decimal digits only.</summary>
    private static int ParseCount(ReadOnlySpan<byte> cell)
    {
        int value = 0;
        foreach (byte b in cell)
        {
            if (b is < (byte)'0' or > (byte)'9') throw new InvalidDataException($"Language model: '{Encoding.UTF8.GetString(cell)}' is not a count.");
            value = checked(value * 10 + (b - '0'));
        }
        return value;
    }

    private static string[] LabelsOf(string? header)
    {
        if (header is null) throw new InvalidDataException("Empty language model.");
        if (!header.StartsWith("#labels\t", StringComparison.Ordinal)) throw new InvalidDataException("Not a language model: no #labels line.");
        return header["#labels\t".Length..].Split('\t');
    }

    internal static string[] ReadDefaultLabels()
    {
        using Stream stream = OpenDefault();
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return LabelsOf(reader.ReadLine());
    }

    private static LanguageIdentifier LoadDefault()
    {
        using Stream stream = OpenDefault();
        return Load(stream);
    }

    private static Stream OpenDefault() =>
        typeof(LanguageIdentifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(LanguageIdentifier).Assembly.GetName().Name}.");
}
