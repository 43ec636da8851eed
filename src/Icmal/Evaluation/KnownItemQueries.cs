using System.Text.Json;
using Icmal.Extraction;
using Icmal.Text.Casing;
using Icmal.Text.Normalization;
using Icmal.Text.StopWords;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;

namespace Icmal.Evaluation;

/// <summary>An article a known-item query is made from: the address it is stored under, its title and main text.</summary>
public sealed record KnownItemSource(string Url, string Title, string Text);

/// <summary>The keyboard a query was typed on.</summary>
public enum Typing
{
    /// <summary>An Azerbaijani keyboard: each word in another case ending than the text's where the word has one
    /// ("Qazaxıstanla" → "Qazaxıstanın"), lower-cased or not.</summary>
    Inflected,
    /// <summary>A keyboard without ə, ı, ö, ü, ç, ş, ğ: lower-case ASCII, half the words also in another case ending
    /// ("Qazaxıstanla" → "qazaxistanin" or "qazaxistanla").</summary>
    Ascii,
}

/// <summary>One generated known-item query: what the reader types and the article they are looking for.</summary>
/// <param name="Words">The words of the text the query was made from, in the form the text has them.</param>
public sealed record KnownItemQuery(string Query, string Url, Typing Typing, IReadOnlyList<string> Words);

/// <summary>
/// Makes known-item queries the way #15 describes a reader looking for an article they have read: two or three of
/// the article's rarer words (low document frequency over the collection, not stop words, from its main text),
/// typed in another case ending or in plain ASCII (<see cref="Typing"/>). Deterministic for a seed. The words are chosen by
/// rarity alone, never by whether İcmal's search finds them.
/// </summary>
public static class KnownItemQueries
{
    /// <summary>A word is picked among this many of the article's rarest stems.</summary>
    private const int RarePool = 8;

    /// <summary>Shorter words are rarely what a reader remembers an article by.</summary>
    private const int MinWordLength = 4;

    /// <summary>
    /// Case endings a reader types a noun in (genitive, accusative, dative, locative, ablative, instrumental, plural),
    /// written with archiphonemes: A is a/ə, I is ı/i/u/ü by vowel harmony; the first form follows a consonant, the
    /// second a vowel (with its buffer consonant).
    /// </summary>
    private static readonly (string AfterConsonant, string AfterVowel)[] CaseEndings =
    [
        ("In", "nIn"), ("I", "nI"), ("A", "yA"), ("dA", "dA"), ("dAn", "dAn"), ("lA", "ylA"), ("lAr", "lAr"),
    ];

    /// <summary>
    /// One query per entry of <paramref name="targets"/> (indexes into <paramref name="collection"/>; an index given
    /// twice gets two queries), with words rare across the whole collection. Articles with fewer than two usable
    /// words give no query.
    /// </summary>
    public static IReadOnlyList<KnownItemQuery> Generate(IReadOnlyList<KnownItemSource> collection, IReadOnlyList<int> targets, int seed, AzStemmer? stemmer = null)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(targets);
        stemmer ??= AzStemmer.Default;
        var words = collection.Select(s => Candidates(s.Text, stemmer)).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in words)
            foreach (string key in w.Keys) df[key] = df.GetValueOrDefault(key) + 1;

        var random = new Random(seed);
        var queries = new List<KnownItemQuery>();
        foreach (int t in targets)
        {
            // The rarest stems first; among equally rare ones the order is the seed's. The pool is at most the rarer
            // half of the article's words, so a short article never offers its common ones.
            int candidates = words[t].Count;
            var pool = words[t]
                .Select(kv => (Key: kv.Key, Form: kv.Value, Df: df[kv.Key], Tie: random.Next()))
                .OrderBy(c => c.Df).ThenBy(c => c.Tie)
                .Take(Math.Min(RarePool, Math.Max(2, candidates / 2)))
                .ToList();
            if (pool.Count < 2) continue;
            int count = Math.Min(pool.Count, random.Next(2, 4));
            var chosen = pool.OrderBy(_ => random.Next()).Take(count).Select(c => c.Form).ToList();
            var typing = random.Next(2) == 0 ? Typing.Inflected : Typing.Ascii;
            var typed = chosen.Select(w => Type(w, typing, stemmer, random)).ToList();
            queries.Add(new KnownItemQuery(string.Join(' ', typed), collection[t].Url, typing, chosen));
        }
        return queries;
    }

    /// <summary>The article's candidate words: lower-cased stem → the form it first has in the text.</summary>
    private static Dictionary<string, string> Candidates(string text, AzStemmer stemmer)
    {
        string normal = AzNormalizer.NormalizeToString(text);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (token.Kind != TokenKind.Word || token.SuffixStart >= 0 || token.Length < MinWordLength) continue;
            var span = token.Of(normal);
            if (!IsLetters(span)) continue;
            string lower = AzCasing.ToLower(span.ToString());
            if (AzStopWords.IsStopWord(lower) || AzStopWords.IsNumberWord(lower)) continue;
            string key = AzCasing.ToLower(stemmer.Stem(span));
            found.TryAdd(key, span.ToString());
        }
        return found;
    }

    private static bool IsLetters(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
            if (!char.IsLetter(c)) return false;
        return true;
    }

    /// <summary>A word as the reader types it on the keyboard <paramref name="typing"/>.</summary>
    internal static string Type(string word, Typing typing, AzStemmer stemmer, Random random)
    {
        string w = typing == Typing.Inflected || random.Next(2) == 0 ? OtherCaseForm(word, stemmer, random) ?? word : word;
        if (typing == Typing.Ascii) return AzCasing.FoldAscii(AzCasing.ToLower(w));
        return random.Next(2) == 0 ? AzCasing.ToLower(w) : w;
    }

    /// <summary>
    /// The word's stem with another case ending that obeys vowel harmony: a form the lexicon attests if there is one,
    /// else, for a capitalised word (a name, which the corpus list often lacks) whose base is sure, any harmonic form;
    /// null when neither.
    /// </summary>
    internal static string? OtherCaseForm(string word, AzStemmer stemmer, Random random)
    {
        string stem = stemmer.Stem(word);
        string lowerStem = AzCasing.ToLower(stem);
        string lowerWord = AzCasing.ToLower(word);
        char? vowel = LastVowel(lowerStem);
        if (vowel is null || stem.Length < 2) return null;
        var forms = new List<string>();
        foreach (var (afterConsonant, afterVowel) in CaseEndings)
        {
            bool endsInVowel = IsVowel(lowerStem[^1]);
            string ending = Harmonise(endsInVowel ? afterVowel : afterConsonant, vowel.Value);
            forms.Add(stem + ending);
            // q and k soften between vowels in words of more than one syllable (ayaq → ayağı, çörək → çörəyi).
            if (!endsInVowel && IsVowel(ending[0]) && Syllables(lowerStem) > 1 && lowerStem[^1] is 'q' or 'k')
                forms.Add(stem[..^1] + (lowerStem[^1] == 'q' ? 'ğ' : 'y') + ending);
        }
        var others = forms.Where(f => !string.Equals(AzCasing.ToLower(f), lowerWord, StringComparison.Ordinal)).ToList();
        var attested = others.Where(f => stemmer.Lexicon.IsKnownWord(AzCasing.ToLower(f))).ToList();
        if (attested.Count > 0) return attested[random.Next(attested.Count)];
        // A name the corpus list lacks: inflected only from a base known to be right (the word as the text has it, or
        // a stem the lexicon knows), so a wrong stem never makes a form that only the same stemmer would undo.
        bool capitalised = AzCasing.IsUpper(word[0]);
        bool trustedBase = string.Equals(stem, word, StringComparison.Ordinal) || stemmer.Lexicon.IsKnownWord(lowerStem);
        return capitalised && trustedBase && others.Count > 0 ? others[random.Next(others.Count)] : null;
    }

    private static string Harmonise(string pattern, char stemVowel)
    {
        bool back = stemVowel is 'a' or 'ı' or 'o' or 'u';
        char a = back ? 'a' : 'ə';
        char i = stemVowel switch { 'a' or 'ı' => 'ı', 'o' or 'u' => 'u', 'ö' or 'ü' => 'ü', _ => 'i' };
        return string.Create(pattern.Length, (pattern, a, i), static (span, s) =>
        {
            for (int k = 0; k < span.Length; k++) span[k] = s.pattern[k] switch { 'A' => s.a, 'I' => s.i, var c => c };
        });
    }

    private static char? LastVowel(string lower)
    {
        for (int k = lower.Length - 1; k >= 0; k--)
            if (IsVowel(lower[k])) return lower[k];
        return null;
    }

    private static bool IsVowel(char c) => c is 'a' or 'ı' or 'o' or 'u' or 'e' or 'ə' or 'i' or 'ö' or 'ü';

    private static int Syllables(string lower) => lower.Count(IsVowel);

    /// <summary>Reads a JSON array of articles with url, title and text (the banker.az set's shape).</summary>
    /// <exception cref="InvalidDataException">The file is not such an array.</exception>
    public static async Task<IReadOnlyList<KnownItemSource>> ReadArticleListAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var stream = File.OpenRead(path);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: not a JSON array of articles");
        var list = new List<KnownItemSource>();
        int n = 0;
        foreach (var o in doc.RootElement.EnumerateArray())
        {
            n++;
            string? url = Str(o, "url"), text = Str(o, "text");
            if (url is null || text is null) throw new InvalidDataException($"{path}: article {n} has no url or no text");
            list.Add(new KnownItemSource(url, Str(o, "title") ?? "", text));
        }
        return list;
    }

    /// <summary>
    /// A page copied as text (a seed), read by the same extractor the import uses, so its words come from the main
    /// text and not the page's sidebars; its address is the file name, which the evaluation matches against the file
    /// an article was imported from.
    /// </summary>
    public static async Task<KnownItemSource> ReadTextPageAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var article = TextPageExtractor.Extract(await File.ReadAllTextAsync(path, ct));
        return new KnownItemSource(Path.GetFileName(path), article.Title ?? "", article.Text);
    }

    /// <summary>One JSON line: query, url, and how it was typed (the evaluation reads only query and url).</summary>
    public static string ToJsonLine(KnownItemQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["query"] = q.Query,
            ["url"] = q.Url,
            ["typing"] = q.Typing == Typing.Inflected ? "inflected" : "ascii",
            ["from"] = string.Join(' ', q.Words),
        }, LineOptions);
    }

    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
