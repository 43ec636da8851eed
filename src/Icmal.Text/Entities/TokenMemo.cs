using Icmal.Text.Stemming;

namespace Icmal.Text.Entities;

/// <summary>
/// The remembered analyses (<see cref="NerToken.Analyse"/>) of word forms under one gazetteer and stemmer: the tagger
/// reads every word of every article, and a few hundred thousand forms make nearly all of them. Bounded (a form
/// past the bound is analysed each time) and thread-safe; the tokens it holds are never handed out, only copied.
/// </summary>
internal sealed class TokenMemo
{
    private const int MaxEntries = 200_000;

    /// <summary>The memo of the gazetteer and stemmer last asked for (in practice the shipped model's, for good).</summary>
    private static TokenMemo? _current;

    private readonly NerGazetteer _gazetteer;
    private readonly AzStemmer _stemmer;
    private readonly WordCache<NerToken> _tokens = new(MaxEntries);

    private TokenMemo(NerGazetteer gazetteer, AzStemmer stemmer)
    {
        _gazetteer = gazetteer;
        _stemmer = stemmer;
    }

    /// <summary>
    /// The memo for <paramref name="gazetteer"/> and <paramref name="stemmer"/>: the current one when it was made for
    /// them, else a new one that replaces it (a trainer's own word lists do not mix with the shipped model's).
    /// </summary>
    public static TokenMemo For(NerGazetteer gazetteer, AzStemmer stemmer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(stemmer);
        var memo = Volatile.Read(ref _current);
        if (memo is not null && ReferenceEquals(memo._gazetteer, gazetteer) && ReferenceEquals(memo._stemmer, stemmer)) return memo;
        memo = new TokenMemo(gazetteer, stemmer);
        Volatile.Write(ref _current, memo);
        return memo;
    }

    public bool TryGet(string token, out NerToken analysed) => _tokens.TryGetValue(token, out analysed);

    public void Remember(string token, NerToken analysed)
    {
        _tokens.TryAdd(token, analysed);
    }
}
