using Icmal.Text.Casing;
using Icmal.Text.Lexicon;
using Icmal.Text.Search;
using Icmal.Text.Stemming;
using Icmal.Text.StopWords;

namespace Icmal.Text;

/// <summary>
/// What the stages of an import ask of one written word, worked out once per word form and remembered: its stem
/// (<see cref="AzStemmer.Default"/>), that stem lower-cased, the lexicon's flags of the lower-cased stem, its search
/// key (<see cref="SearchKeys"/>) and whether it is a stop word (<see cref="AzStopWords"/>).
/// </summary>
/// <remarks>
/// An article's terms, its search keys and its category each read its words: asked one after the other, the stemmer's
/// and the search keys' caches, the stop words and the lexicon each look the same word up again (a cache miss or two
/// each), and the lower-cased stem is a new string every time (issue #17). One look-up here gives them all. Each
/// field is the very function it stands for, applied to the word when it is first seen, so every reader gets what it
/// would have computed itself. Pure and thread-safe; a word past the bound is worked out each time.
/// </remarks>
public sealed class AzWordForm
{
    private const int MaxCacheEntries = 500_000;

    private static readonly WordCache<AzWordForm> Cache = new(MaxCacheEntries);

    private AzWordForm(string word)
    {
        Stem = AzStemmer.Default.Stem(word);
        LowerStem = AzCasing.ToLower(Stem);
        StemFlags = AzLexicon.Default.FlagsOf(LowerStem);
        IsStopWord = AzStopWords.IsStopWord(word);
        Key = IsOneRun(word) ? SearchKeys.KeyOfRun(word) : null;
    }

    /// <summary>The word's stem, its case kept: <see cref="AzStemmer.Stem(string)"/> of <see cref="AzStemmer.Default"/>.</summary>
    public string Stem { get; }

    /// <summary><see cref="Stem"/> lower-cased with Azerbaijani rules (<see cref="AzCasing.ToLower(string)"/>).</summary>
    public string LowerStem { get; }

    /// <summary>What the lexicon knows <see cref="LowerStem"/> as (<see cref="AzLexicon.FlagsOf"/>).</summary>
    public LexiconFlags StemFlags { get; }

    /// <summary>True for an Azerbaijani stop word (<see cref="AzStopWords.IsStopWord"/>).</summary>
    public bool IsStopWord { get; }

    /// <summary>
    /// The search key of the word when it is one run of letters and digits (empty when it has none); null otherwise,
    /// when its keys are those of its runs, found one by one.
    /// </summary>
    public string? Key { get; }

    /// <summary>The analyses of <paramref name="word"/>: one look-up once the word has been seen.</summary>
    public static AzWordForm Of(ReadOnlySpan<char> word)
    {
        if (Cache.TryGetValue(word, out var known)) return known;
        string w = word.ToString();
        var form = new AzWordForm(w);
        Cache.TryAdd(w, form);
        return form;
    }

    private static bool IsOneRun(string word)
    {
        if (word.Length == 0) return false;
        foreach (char c in word)
        {
            if (!char.IsLetterOrDigit(c)) return false;
        }
        return true;
    }
}
