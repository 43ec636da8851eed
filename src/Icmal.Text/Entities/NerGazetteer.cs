using Icmal.Text.Casing;

namespace Icmal.Text.Entities;

/// <summary>What a gazetteer knows a word as (several at once: "Şamaxı" is a place and a street).</summary>
[Flags]
public enum GazetteerFlags : byte
{
    None = 0,
    /// <summary>A given name ("Anar", "Aygün").</summary>
    GivenName = 1,
    /// <summary>A surname ("Məmmədov", "Əliyeva").</summary>
    Surname = 2,
    /// <summary>A city or district of Azerbaijan ("Gəncə").</summary>
    Place = 4,
    /// <summary>A word of a country's name ("Qazaxıstan", "Birləşmiş").</summary>
    Country = 8,
    /// <summary>A word of a Baku street name, most of them people ("Səhhət").</summary>
    StreetName = 16,
}

/// <summary>
/// The tagger's word lists: given names, surnames, places, countries and street names from shared/data/az/lexicon
/// (faker-js, MIT), lower-cased one word at a time. They travel inside the model resource, so the tagger reads no
/// file at run time. Immutable and thread-safe.
/// </summary>
public sealed class NerGazetteer
{
    private static readonly HashSet<string> GenericStreetWords = new(StringComparer.Ordinal)
    {
        "prospekti", "küçəsi", "döngəsi", "dalanı", "şossesi", "bulvarı", "meydanı", "akademik", "aşıq", "may",
    };

    private readonly Dictionary<string, GazetteerFlags> _words;
    private readonly Dictionary<string, GazetteerFlags>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>A gazetteer of lower-cased words and what they are.</summary>
    public NerGazetteer(IReadOnlyDictionary<string, GazetteerFlags> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        _words = new Dictionary<string, GazetteerFlags>(words, StringComparer.Ordinal);
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The words and their flags, in ordinal order (for saving).</summary>
    public IEnumerable<KeyValuePair<string, GazetteerFlags>> Entries => _words.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Number of words.</summary>
    public int Count => _words.Count;

    /// <summary>What a lower-cased word is known as.</summary>
    public GazetteerFlags Lookup(ReadOnlySpan<char> lowerWord) =>
        _lookup.TryGetValue(lowerWord, out var flags) ? flags : GazetteerFlags.None;

    /// <summary>
    /// A gazetteer from the lists' lines (the first tab-separated field of each; multi-word entries give each word).
    /// </summary>
    public static NerGazetteer FromLists(IEnumerable<string> givenNames, IEnumerable<string> surnames, IEnumerable<string> places,
        IEnumerable<string> countries, IEnumerable<string> streetNames)
    {
        var words = new Dictionary<string, GazetteerFlags>(StringComparer.Ordinal);
        Add(givenNames, GazetteerFlags.GivenName);
        Add(surnames, GazetteerFlags.Surname);
        Add(places, GazetteerFlags.Place);
        Add(countries, GazetteerFlags.Country);
        Add(streetNames, GazetteerFlags.StreetName);
        return new NerGazetteer(words);

        void Add(IEnumerable<string> lines, GazetteerFlags flag)
        {
            ArgumentNullException.ThrowIfNull(lines);
            foreach (string line in lines)
            {
                string entry = line.Split('\t')[0];
                foreach (string part in entry.Split([' ', '-', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    // Only capitalised words name anything ("Akrotiri və Dekeliya": not "və"); generic street words are no names.
                    if (part.Length < 2 || !AzCasing.IsUpper(part[0])) continue;
                    string lower = AzCasing.ToLower(Normalization.AzNormalizer.NormalizeToString(part));
                    if (flag == GazetteerFlags.StreetName && GenericStreetWords.Contains(lower)) continue;
                    words[lower] = words.GetValueOrDefault(lower) | flag;
                }
            }
        }
    }
}
