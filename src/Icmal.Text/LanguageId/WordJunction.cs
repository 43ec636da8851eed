namespace Icmal.Text.LanguageId;

/// <summary>
/// The grams that run from the end of one word of the feature text into the start of the next ("ın b", "n bu"): the
/// rows the model has for them, found once for the pair of the first word's last three letters and the next word's
/// first three, and remembered (issue #17). Scoring looked each of them up in the model's tables every time (up to
/// six look-ups a word, a few cache misses each: half of language ID's time); a junction keeps their cells side by
/// side, in the order the scorer adds them, so the scores are the same bits.
/// </summary>
/// <remarks>
/// Within " word ", the grams that start at one of the word's last three letters run on into the next word (the
/// others end at its closing space): a start's grams through the space depend on the letters from the start on, and
/// their longer grams take one to three of the next word's letters. So the word's last three letters (all of them,
/// when it is shorter) and the next word's first three decide every such gram.
/// </remarks>
internal sealed class WordJunction
{
    /// <summary>The letters of each word a junction reads: the last ones of the first, the first ones of the next.</summary>
    internal const int Side = LanguageIdentifier.MaxOrder - 2;

    private readonly byte[] _cells;  // the found rows' cells (NGramLogProbabilities.CopyCell), start by start
    private readonly int[] _starts;  // cells of the t-th start: _starts[t] .. _starts[t + 1] (in bytes)

    private WordJunction(byte[] cells, int[] starts)
    {
        _cells = cells;
        _starts = starts;
    }

    /// <summary>The key of the junction of <paramref name="word"/> and <paramref name="next"/> (written into <paramref name="key"/>, 2 × <see cref="Side"/> + 1 long at most).</summary>
    public static ReadOnlySpan<char> KeyOf(ReadOnlySpan<char> word, ReadOnlySpan<char> next, Span<char> key)
    {
        var tail = word.Length > Side ? word[^Side..] : word;
        var head = next.Length > Side ? next[..Side] : next;
        tail.CopyTo(key);
        key[tail.Length] = ' ';
        head.CopyTo(key[(tail.Length + 1)..]);
        return key[..(tail.Length + 1 + head.Length)];
    }

    /// <summary>
    /// The junction of a word whose grams run on as <paramref name="partials"/> (the hash of each such start through
    /// the space after the word) and <paramref name="reach"/> (how many of the next word's letters its longest gram
    /// takes) with the next word <paramref name="next"/>: the grams the scorer would look up, one letter at a time.
    /// </summary>
    public static WordJunction Of(ReadOnlySpan<ulong> partials, ReadOnlySpan<byte> reach, ReadOnlySpan<char> next, HashIndex rows, NGramLogProbabilities logProb)
    {
        int width = logProb.CellBytes;
        var found = new List<int>(partials.Length * Side);
        var starts = new int[partials.Length + 1];
        for (int t = 0; t < partials.Length; t++)
        {
            starts[t] = found.Count * width;
            ulong h = partials[t];
            int take = Math.Min(reach[t], next.Length);
            for (int k = 0; k < take; k++)
            {
                h = (h ^ next[k]) * LanguageIdentifier.FnvPrime;
                int row = rows.IndexOf(h);
                if (row >= 0) found.Add(row);
            }
        }
        starts[partials.Length] = found.Count * width;
        var cells = new byte[found.Count * width];
        for (int i = 0; i < found.Count; i++) logProb.CopyCell(found[i], cells.AsSpan(i * width, width));
        return new WordJunction(cells, starts);
    }

    /// <summary>Adds the grams of the <paramref name="t"/>-th start that runs on; returns how many.</summary>
    public int AddTo(int t, NGramLogProbabilities logProb, Span<double> scores)
    {
        int width = logProb.CellBytes;
        var cells = _cells.AsSpan(_starts[t], _starts[t + 1] - _starts[t]);
        int used = 0;
        for (; !cells.IsEmpty; cells = cells[width..], used++) logProb.AddTo(cells[..width], scores);
        return used;
    }
}
