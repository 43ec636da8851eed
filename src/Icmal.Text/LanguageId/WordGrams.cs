
namespace Icmal.Text.LanguageId;

/// <summary>
/// The n-grams one word of the feature text contributes, found once and remembered (issue #17: an import scores the
/// first 2,000 characters of every article, about 7,000 n-gram look-ups, each a few cache misses in tables of several
/// megabytes; a few tens of thousands of word forms make nearly all of them). A word's grams are those that start at
/// the space before it or at one of its characters: within " word " they depend on the word alone and are kept as
/// model rows, in the order the scorer meets them; the few that run on into the next word's first letters ("ab c",
/// "b cd") are kept as the hash so far, finished with the next word's letters into a <see cref="WordJunction"/> of the
/// two words, remembered too. Scoring through the cache adds the same floats in the same order as n-gram by n-gram, so
/// the scores are the same bits.
/// </summary>
internal sealed class WordGrams
{
    private const int MaxEntries = 60_000; // about 35 MB at most (~570 B a word: rows, cells, key); a word past the bound is looked up each time
    private const int MaxCachedLength = 32;
    private const int MaxJunctions = 100_000; // about 12 MB at most (~120 B a pair: cells, starts, key)

    // Items in scoring order: a row (≥ 0) of a gram found within " word ", or ~t for the t-th entry of _partials, a
    // start near the word's end whose longer grams run into the next word.
    private readonly int[] _items;
    private readonly ulong[] _partials; // hash of the start's characters through the space after the word
    private readonly byte[] _reach;     // per partial: how many of the next word's letters its longest gram takes
    // The rows' cells (order byte and counts, NGramLogProbabilities.CopyCell) one after another: a word's grams are
    // scored from a few adjacent cache lines rather than two scattered reads of the model's tables each.
    private readonly byte[] _cells;

    private WordGrams(int[] items, ulong[] partials, byte[] reach, byte[] cells)
    {
        _items = items;
        _partials = partials;
        _reach = reach;
        _cells = cells;
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

        /// <summary>The model's log-probabilities the cells are read with.</summary>
        internal NGramLogProbabilities LogProb => _logProb;
    }

    /// <summary>
    /// Adds the grams of <paramref name="word"/> (whose grams these are) to <paramref name="scores"/>,
    /// <paramref name="next"/> being the word after it in the feature text (empty at the end); returns how many grams
    /// the model knew. Those that run on into the next word come from their junction (<see cref="WordJunction"/>).
    /// </summary>
    private int AddTo(ReadOnlySpan<char> word, ReadOnlySpan<char> next, Cache cache, Span<double> scores)
    {
        var logProb = cache.LogProb;
        int used = 0, width = logProb.CellBytes;
        var cells = _cells.AsSpan();
        WordJunction? junction = null;
        foreach (int item in _items)
        {
            if (item >= 0)
            {
                logProb.AddTo(cells[..width], scores);
                cells = cells[width..];
                used++;
                continue;
            }
            if (next.IsEmpty) continue; // at the end no gram runs on
            junction ??= cache.JunctionOf(this, word, next);
            used += junction.AddTo(~item, logProb, scores);
        }
        return used;
    }

    /// <summary>The grams of <paramref name="word"/> (letters, no space), as the scorer's loop meets them over " word ".</summary>
    internal static WordGrams Of(ReadOnlySpan<char> word, HashIndex rows, NGramLogProbabilities logProb)
    {
        int length = word.Length + 2;
        Span<char> seg = length <= 128 ? stackalloc char[length] : new char[length];
        seg[0] = ' ';
        word.CopyTo(seg[1..]);
        seg[^1] = ' ';
        var items = new List<int>(word.Length * 4 + 4);
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
        int width = logProb.CellBytes, found = 0;
        foreach (int item in items) if (item >= 0) found++;
        var cells = new byte[found * width];
        int at = 0;
        foreach (int item in items)
        {
            if (item < 0) continue;
            logProb.CopyCell(item, cells.AsSpan(at, width));
            at += width;
        }
        return new WordGrams([.. items], partials[..tails].ToArray(), reach[..tails].ToArray(), cells);
    }
}
