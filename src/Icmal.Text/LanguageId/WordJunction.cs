namespace Icmal.Text.LanguageId;

/// <summary>
/// The grams that run from the end of one word of the feature text into the start of the next ("ın b", "n bu"): the
/// rows the model has for them, found once for the pair of the first word's last three letters and the next word's
/// first three, and remembered (issue #17). Scoring looked each of them up in the model's tables every time (up to
/// six look-ups a word, a few cache misses each: half of language ID's time); a junction keeps their log-probabilities
/// summed per label, as <see cref="WordGrams"/> keeps a word's.
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

    private WordJunction(double[] sums, int found)
    {
        Sums = sums;
        Found = found;
    }

    /// <summary>Per label, the log-probabilities of the grams the model knows, added from zero.</summary>
    public double[] Sums { get; }

    /// <summary>How many of the junction's grams the model knows.</summary>
    public int Found { get; }

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
        var sums = new double[logProb.Labels];
        int found = 0;
        for (int t = 0; t < partials.Length; t++)
        {
            ulong h = partials[t];
            int take = Math.Min(reach[t], next.Length);
            for (int k = 0; k < take; k++)
            {
                h = (h ^ next[k]) * LanguageIdentifier.FnvPrime;
                int row = rows.IndexOf(h);
                if (row < 0) continue;
                logProb.AddTo(row, sums);
                found++;
            }
        }
        return new WordJunction(sums, found);
    }
}
