using System.Buffers;
using System.Globalization;
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
/// naive Bayes model trained on SIB-200 train sentences (`icmal text train-langid`), shipped as Resources/langid.bin.
/// Distinguishes Azerbaijani in Latin, Cyrillic and Arabic script, Turkish, Kazakh, Uzbek, Kyrgyz, Turkmen, Tatar,
/// Bashkir, Russian, Ukrainian and English, from a few words up.
/// </summary>
/// <remarks>Immutable and thread-safe; <see cref="Default"/> is loaded once, lazily.</remarks>
public sealed class LanguageIdentifier
{
    internal const int MaxOrder = 5;
    private const int MaxChars = 2000; // the first 2,000 characters decide: enough for any article, and bounded cost
    // Identify stops reading once the feature text's first DecideFrom characters lead by DecisiveMargin nats or more
    // (issue #17: language ID was a tenth of an import's CPU, most of it on the second half of long articles). An
    // Azerbaijani article's lead over the nearest language at 500 characters is 1,300–9,000 nats (banker.az, 610
    // articles; SIB-200 dev sentences in every language from 1,700 at the 1st percentile), about 8 a character, so a
    // margin of 500 there leaves only mixed texts to read on; a text whose first 600 characters are in one language
    // and the rest in another is now named by its start (docs/benchmarks.md, prepcpu).
    internal const int DecideFrom = 600;
    internal const double DecisiveMargin = 500;
    internal const string ResourceName = "Icmal.Text.Resources.langid.bin";

    private static readonly Lazy<LanguageIdentifier> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string[] _labels;
    // N-grams are keyed by a 64-bit FNV-1a hash of their characters (collisions among a few hundred thousand
    // n-grams are vanishingly unlikely) so scoring hashes incrementally instead of hashing every substring.
    private readonly HashIndex _rows;
    private readonly NGramLogProbabilities _logProb;
    private readonly WordGrams.Cache _words;

    private LanguageIdentifier(string[] labels, HashIndex rows, NGramLogProbabilities logProb)
    {
        _labels = labels;
        _rows = rows;
        _logProb = logProb;
        _words = new WordGrams.Cache(rows, logProb);
    }

    internal const ulong FnvOffset = 0xcbf29ce484222325;
    internal const ulong FnvPrime = 0x100000001b3;

    internal static ulong Hash(ReadOnlySpan<char> gram)
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

    /// <summary>
    /// The most likely language of <paramref name="text"/>, from its first 2,000 characters, or from its first 600 or
    /// so when those already lead every other language by <see cref="DecisiveMargin"/> nats (the confidence is then 1).
    /// </summary>
    public LanguageGuess Identify(ReadOnlySpan<char> text)
    {
        Span<double> scores = stackalloc double[_labels.Length];
        int grams = Score(text, scores, DecideFrom);
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
    public int Score(ReadOnlySpan<char> text, Span<double> scores) => Score(text, scores, int.MaxValue);

    /// <summary>
    /// <see cref="Score(ReadOnlySpan{char}, Span{double})"/>, stopping after the first word that ends past
    /// <paramref name="decideFrom"/> characters of the feature text at which the best label leads every other by
    /// <see cref="DecisiveMargin"/>; the scores so far are the bits the full scoring has at that word.
    /// </summary>
    internal int Score(ReadOnlySpan<char> text, Span<double> scores, int decideFrom)
    {
        if (scores.Length < _labels.Length) throw new ArgumentException("Too few score slots.", nameof(scores));
        scores.Clear();
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Min(text.Length, MaxChars) + 2);
        try
        {
            // Word by word (the feature text is " w1 w2 … wn ", one space apart, made only as far as it is read): each
            // word's grams come from the cache (WordGrams), summed: ScoreGramByGram's values, added word by word.
            var feature = new FeatureText(text, rented);
            int used = 0;
            int start = 1, end = feature.SpaceAt(start);
            while (end > start)
            {
                int nextStart = end + 1, nextEnd = feature.SpaceAt(nextStart);
                var buffer = feature.Written;
                var word = buffer[start..end];
                var next = nextEnd > nextStart ? buffer[nextStart..nextEnd] : [];
                used += _words.AddTo(_words.For(word), word, next, scores);
                start = nextStart;
                end = nextEnd;
                if (end > start && start >= decideFrom && Decided(scores[.._labels.Length])) break;
            }
            return used;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Whether the best score leads every other by <see cref="DecisiveMargin"/> or more.</summary>
    private static bool Decided(ReadOnlySpan<double> scores)
    {
        double best = double.NegativeInfinity, second = double.NegativeInfinity;
        foreach (double s in scores)
        {
            if (s > best) (best, second) = (s, best);
            else if (s > second) second = s;
        }
        return best - second >= DecisiveMargin;
    }

    /// <summary>
    /// <see cref="Score(ReadOnlySpan{char}, Span{double})"/> n-gram by n-gram, without the word cache: the definition
    /// the cached scorer must match to within rounding, with the same count (the tests compare the two).
    /// </summary>
    internal int ScoreGramByGram(ReadOnlySpan<char> text, Span<double> scores)
    {
        scores.Clear();
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Min(text.Length, MaxChars) + 2);
        try
        {
            int n = Prepare(text, rented);
            var buffer = rented.AsSpan(0, n);
            int used = 0;
            for (int i = 0; i < buffer.Length; i++)
            {
                ulong h = FnvOffset;
                for (int order = 1; order <= MaxOrder && i + order <= buffer.Length; order++)
                {
                    char c = buffer[i + order - 1];
                    h = (h ^ c) * FnvPrime;
                    if (order > 2 && c == ' ' && buffer.Slice(i, order - 1).Contains(' ')) break;
                    if (order == 1 && c == ' ') continue;
                    int row = _rows.IndexOf(h);
                    if (row < 0) continue;
                    used++;
                    _logProb.AddTo(row, scores);
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
    internal static int Prepare(ReadOnlySpan<char> text, Span<char> output) => new FeatureText(text, output).Complete();

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

    /// <summary>Reads a model written by <see cref="LanguageModelTrainer"/> (the layout of <see cref="LanguageModelFile"/>).</summary>
    /// <remarks>
    /// The model is read once per process and every Azerbaijani `icmal extract` needs it, so loading is start-up time
    /// (issue #14): the n-grams' hashes, orders and counts are copied out as arrays, the lookup index is one pass over
    /// the sorted hashes, and the log-probabilities stay counts until scored (<see cref="NGramLogProbabilities"/>).
    /// </remarks>
    /// <exception cref="InvalidDataException">The stream is not a language model, or is cut short or inconsistent.</exception>
    public static LanguageIdentifier Load(Stream model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var data = LanguageModelFile.Read(model);
        ulong[] hashes = data.Hashes;
        for (int row = 1; row < hashes.Length; row++)
        {
            if (hashes[row] <= hashes[row - 1]) throw new InvalidDataException("Language model: the n-grams are not sorted by hash.");
        }
        return new LanguageIdentifier(data.Labels, new HashIndex(hashes), NGramLogProbabilities.From(data));
    }

    internal static string[] ReadDefaultLabels()
    {
        using Stream stream = OpenDefault();
        return LanguageModelFile.ReadLabels(stream);
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
