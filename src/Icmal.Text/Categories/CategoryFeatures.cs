using Icmal.Text.Casing;
using Icmal.Text.Entities;
using Icmal.Text.Normalization;
using Icmal.Text.Tokenization;

namespace Icmal.Text.Categories;

/// <summary>
/// The features a headline (and, when there is one, the start of the text) is classified by: the analyser's stems
/// (<see cref="AzAnalyzer.StemOf"/>, lower-cased), stem bigrams, and character 3–5-grams of each lower-cased word
/// (which catch inflections and names the stemmer leaves alone). Words set in capitals ("AÇIQLAMA", "FOTO") add a
/// marker, a house style that varies by section. Per category, the number of <see cref="CategoryLexicon"/> entries in
/// the headline is one more feature: it carries the section vocabulary to words no training headline used. Each feature is a 32-bit FNV-1a hash; the vector is L2-normalised
/// so that long and short headlines weigh alike. Thread-safe; allocation is per call.
/// </summary>
public static class CategoryFeatures
{
    /// <summary>How many words of the article text count beside the title.</summary>
    public const int TextWords = 80;

    /// <summary>The weight of a text stem relative to a title stem: the title says what the article is about.</summary>
    private const float TextWeight = 0.4f;

    /// <summary>The sparse, L2-normalised feature vector of a title and optional text, hashes ascending.</summary>
    public static (uint[] Hashes, float[] Values) Extract(string title, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        var bag = new Dictionary<uint, float>();
        AddTitle(bag, title);
        if (!string.IsNullOrWhiteSpace(text)) AddText(bag, text);
        var hashes = bag.Keys.ToArray();
        Array.Sort(hashes);
        var values = new float[hashes.Length];
        double norm = 0;
        foreach (float v in bag.Values) norm += v * v;
        float scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
        for (int i = 0; i < hashes.Length; i++) values[i] = bag[hashes[i]] * scale;
        return (hashes, values);
    }

    private static void AddTitle(Dictionary<uint, float> bag, string title)
    {
        string normal = AzNormalizer.NormalizeToString(title);
        string? previous = null;
        var words = new List<string>();
        var stems = new List<string>();
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (!token.IsWordLike && token.Kind is not (TokenKind.Domain or TokenKind.Hashtag))
            {
                if (token.Kind == TokenKind.Number) Add(bag, 'n', "#", 1);
                continue;
            }
            var surface = token.Of(normal);
            string stem = AzAnalyzer.LowerStemOf(normal, token);
            Add(bag, 's', stem, 1);
            stems.Add(stem);
            AddGazetteer(bag, stem);
            Add(bag, 'b', previous is null ? "^ " + stem : previous + " " + stem, 1);
            previous = stem;
            string lower = AzCasing.ToLower(surface.ToString());
            words.Add(lower);
            if (lower.Length >= 3 && IsAllCaps(surface)) Add(bag, 'u', lower, 1);
            string padded = " " + lower + " ";
            for (int n = 3; n <= 5; n++)
                for (int i = 0; i + n <= padded.Length; i++) Add(bag, 'c', padded.AsSpan(i, n), 0.5f);
        }
        AddLexicon(bag, words, stems);
    }

    private static void AddLexicon(Dictionary<uint, float> bag, List<string> words, List<string> stems)
    {
        if (words.Count == 0) return;
        Span<int> hits = stackalloc int[NewsCategories.All.Count];
        CategoryLexicon.CountHits(words, stems, " " + string.Join(' ', words) + " ", hits);
        for (int k = 0; k < hits.Length; k++)
            if (hits[k] > 0) Add(bag, 'l', NewsCategories.All[k].Slug(), hits[k]);
    }

    private static void AddText(Dictionary<uint, float> bag, string text)
    {
        string normal = AzNormalizer.NormalizeToString(text.Length > 2000 ? text[..2000] : text);
        int words = 0;
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (!token.IsWordLike) continue;
            Add(bag, 's', AzAnalyzer.LowerStemOf(normal, token), TextWeight);
            if (++words >= TextWords) break;
        }
    }

    /// <summary>
    /// What the named-entity gazetteer knows the stem as: a foreign country says Dünya and an Azerbaijani town says
    /// Cəmiyyət or Hadisə for every country and town, also those no training headline named.
    /// </summary>
    private static void AddGazetteer(Dictionary<uint, float> bag, string stem)
    {
        var flags = NamedEntityTagger.Default.Model.Gazetteer.Lookup(stem);
        if (flags == GazetteerFlags.None) return;
        if ((flags & GazetteerFlags.Country) != 0 && !stem.StartsWith("azərbaycan", StringComparison.Ordinal)) Add(bag, 'g', "country", 1);
        if ((flags & GazetteerFlags.Place) != 0) Add(bag, 'g', "place", 1);
        if ((flags & (GazetteerFlags.GivenName | GazetteerFlags.Surname)) != 0) Add(bag, 'g', "person", 1);
    }

    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        int letters = 0;
        foreach (char c in word)
        {
            if (!char.IsLetter(c)) continue;
            if (!AzCasing.IsUpper(c)) return false;
            letters++;
        }
        return letters >= 3;
    }

    private static void Add(Dictionary<uint, float> bag, char kind, ReadOnlySpan<char> text, float weight)
    {
        uint h = Hash(kind, text);
        bag[h] = bag.GetValueOrDefault(h) + weight;
    }

    /// <summary>FNV-1a over the kind and the UTF-16 code units: stable across runs and platforms.</summary>
    internal static uint Hash(char kind, ReadOnlySpan<char> text)
    {
        uint h = 2166136261;
        h = (h ^ kind) * 16777619;
        foreach (char c in text)
        {
            h = (h ^ (c & 0xFFu)) * 16777619;
            h = (h ^ (uint)(c >> 8)) * 16777619;
        }
        return h;
    }
}
