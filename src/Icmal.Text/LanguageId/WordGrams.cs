
namespace Icmal.Text.LanguageId;

/// <summary>
/// The n-grams one word of the feature text contributes, found once and remembered as the sum of their
/// log-probabilities under each label (issue #17: an import scores the first 600 to 2,000 characters of every article,
/// about 7,000 n-gram look-ups, each a few cache misses in tables of several megabytes; a few tens of thousands of word
/// forms make nearly all of them). A word's grams are those that start at the space before it or at one of its
/// characters: within " word " they depend on the word alone and are kept summed, so scoring a known word is one add
/// a label rather than one a gram and label; the few that run on into the next word's first letters ("ab c", "b cd")
/// are kept as the hash so far, finished with the next word's letters into a <see cref="WordJunction"/> of the two
/// words, remembered and summed too. The scores are those of scoring n-gram by n-gram added in another grouping: equal
/// to within rounding (a few units in the last place of a sum of thousands of terms).
/// </summary>
internal sealed class WordGrams
{
    private const int MaxEntries = 60_000; // about 18 MB at most (~300 B a word: sums, starts, key); a word past the bound is looked up each time
    private const int MaxCachedLength = 32;
    private const int MaxJunctions = 100_000; // about 20 MB at most (~200 B a pair: sums, key)

    private readonly double[] _sums;    // per label: the log-probabilities of the grams found within " word ", added from zero
    private readonly int _found;        // how many grams within " word " the model knows
    private readonly ulong[] _partials; // per start near the word's end: hash of its characters through the space after the word
    private readonly byte[] _reach;     // per partial: how many of the next word's letters its longest gram takes

    private WordGrams(double[] sums, int found, ulong[] partials, byte[] reach)
    {
        _sums = sums;
        _found = found;
        _partials = partials;
        _reach = reach;
    }

    /// <summary>The remembered words of one model (each <see cref="LanguageIdentifier"/> holds its own).</summary>
    internal sealed class Cache
    {
        private readonly HashIndex _rows;
        private readonly NGramLogProbabilities _logProb;
        private readonly WordCache<WordGrams> _bySpan = new(MaxEntries);
        private readonly WordCache<WordJunction> _junctions = new(MaxJunctions);

        public Cache(HashIndex rows, NGramLogProbabilities logProb)
        {
            _rows = rows;
            _logProb = logProb;
        }

        public WordGrams For(ReadOnlySpan<char> word)
        {
            if (_bySpan.TryGetValue(word, out var found)) return found;
            var grams = Of(word, _rows, _logProb);
            if (word.Length <= MaxCachedLength && _bySpan.Count < MaxEntries) _bySpan.TryAdd(word.ToString(), grams);
            return grams;
        }

        /// <summary>
        /// Adds the grams of <paramref name="word"/> (whose grams are <paramref name="grams"/>) followed by
        /// <paramref name="next"/> (empty at the end) to <paramref name="scores"/>; returns how many the model knew.
        /// </summary>
        public int AddTo(WordGrams grams, ReadOnlySpan<char> word, ReadOnlySpan<char> next, Span<double> scores) =>
            grams.AddTo(word, next, this, scores);

        /// <summary>The junction of <paramref name="word"/> (whose grams are <paramref name="grams"/>) with <paramref name="next"/>, remembered.</summary>
        internal WordJunction JunctionOf(WordGrams grams, ReadOnlySpan<char> word, ReadOnlySpan<char> next)
        {
            Span<char> buffer = stackalloc char[2 * WordJunction.Side + 1];
            var key = WordJunction.KeyOf(word, next, buffer);
            if (_junctions.TryGetValue(key, out var found)) return found;
            var junction = WordJunction.Of(grams._partials, grams._reach, next, _rows, _logProb);
            if (_junctions.Count < MaxJunctions) _junctions.TryAdd(key.ToString(), junction);
            return junction;
        }
    }

    /// <summary>
    /// Adds the grams of <paramref name="word"/> (whose grams these are) to <paramref name="scores"/>,
    /// <paramref name="next"/> being the word after it in the feature text (empty at the end); returns how many grams
    /// the model knew. Those that run on into the next word come from their junction (<see cref="WordJunction"/>).
    /// </summary>
    private int AddTo(ReadOnlySpan<char> word, ReadOnlySpan<char> next, Cache cache, Span<double> scores)
    {
        AddSums(_sums, scores);
        if (_partials.Length == 0 || next.IsEmpty) return _found; // at the end no gram runs on
        var junction = cache.JunctionOf(this, word, next);
        AddSums(junction.Sums, scores);
        return _found + junction.Found;
    }

    /// <summary>Adds <paramref name="sums"/> to <paramref name="scores"/>, label by label.</summary>
    internal static void AddSums(ReadOnlySpan<double> sums, Span<double> scores)
    {
        if (scores.Length < sums.Length) throw new ArgumentException("Too few score slots.", nameof(scores));
        for (int k = 0; k < sums.Length; k++) scores[k] += sums[k];
    }

    /// <summary>The grams of <paramref name="word"/> (letters, no space), as the scorer's loop meets them over " word ".</summary>
    internal static WordGrams Of(ReadOnlySpan<char> word, HashIndex rows, NGramLogProbabilities logProb)
    {
        int length = word.Length + 2;
        Span<char> seg = length <= 128 ? stackalloc char[length] : new char[length];
        seg[0] = ' ';
        word.CopyTo(seg[1..]);
        seg[^1] = ' ';
        var items = new List<int>(word.Length * 4 + 4); // rows found (≥ 0) and ~t for the t-th start that runs on
        Span<ulong> partials = stackalloc ulong[LanguageIdentifier.MaxOrder];
        Span<byte> reach = stackalloc byte[LanguageIdentifier.MaxOrder];
        int tails = 0;
        // Starts at the space before the word and at each of its characters (the space after it starts the next word's).
        for (int i = 0; i < length - 1; i++)
        {
            ulong h = LanguageIdentifier.FnvOffset;
            for (int order = 1; order <= LanguageIdentifier.MaxOrder; order++)
            {
                if (i + order > length)
                {
                    // The rest of this start's grams take letters of the next word: one to MaxOrder - (length - i).
                    partials[tails] = h;
                    reach[tails] = (byte)(LanguageIdentifier.MaxOrder - (length - i));
                    items.Add(~tails);
                    tails++;
                    break;
                }
                char c = seg[i + order - 1];
                h = (h ^ c) * LanguageIdentifier.FnvPrime;
                if (order > 2 && c == ' ' && seg.Slice(i, order - 1).Contains(' ')) break;
                if (order == 1 && c == ' ') continue;
                int row = rows.IndexOf(h);
                if (row >= 0) items.Add(row);
            }
        }
        var sums = new double[logProb.Labels];
        int found = 0;
        foreach (int item in items)
        {
            if (item < 0) continue;
            logProb.AddTo(item, sums);
            found++;
        }
        return new WordGrams(sums, found, partials[..tails].ToArray(), reach[..tails].ToArray());
    }
}
