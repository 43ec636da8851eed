using Icmal.Text.Casing;

namespace Icmal.Text.Entities;

/// <summary>What a gazetteer form names: the country itself, its capital, another of its places, or its people.</summary>
public enum PlaceKind
{
    Country,
    Capital,
    City,
    Demonym,
}

/// <summary>
/// One form of the gazetteer (<see cref="PlaceCountries"/>): a name as written (any case, inflection not included),
/// the canonical Azerbaijani name of the country it belongs to, what it names, and whether it is an Azerbaijani form
/// (false: English or Russian).
/// </summary>
public sealed record PlaceCountry(string Form, string Country, PlaceKind Kind, bool Azerbaijani);

/// <summary>
/// World knowledge of places: the world's countries (the 239 of shared/data/az/lexicon/az-countries.txt and their
/// other names), their capitals, major cities and regions, and their demonyms and adjectives in Azerbaijani, with the
/// common English and Russian forms, each mapped to its country. Two reports of one event in two countries name it
/// by different places ("İsrail Təbrizə zərbələr endirib", "Tehranda partlayışlar", "israilli rəsmilər"); a reader
/// knows they name the same countries, and this table lets a program know it too.
/// </summary>
/// <remarks>
/// <para>The table (<see cref="Table"/>) is written by hand from general public knowledge; see its remarks for what
/// was left out and why. Forms are listed uninflected; a caller matches inflected text ("Tehranda", "Təl-Əvivə",
/// "İsrailin") by passing both through the same analyser (the stems of "Tehranda" and "Tehran" are one).</para>
/// <para>A form listed for two countries ("Tripoli": Libya's capital, a Lebanese city) names neither and is dropped.
/// <see cref="NotCountries"/> are names of several words that contain a country's word but name no country ("Fars
/// körfəzi", "Latın Amerikası"); a matcher that prefers the longest match keeps them from counting.</para>
/// <para>Parsed once, lazily; immutable and safe to share between threads.</para>
/// </remarks>
public static partial class PlaceCountries
{
    private static readonly Lazy<(PlaceCountry[] Forms, string[] NotCountries, string[] Countries)> Parsed = new(Parse);

    /// <summary>Every form with its country, forms of more than one country left out.</summary>
    public static IReadOnlyList<PlaceCountry> All => Parsed.Value.Forms;

    /// <summary>Names of several words that hold a country's word but name no country (see the remarks).</summary>
    public static IReadOnlyList<string> NotCountries => Parsed.Value.NotCountries;

    /// <summary>The canonical names of the countries and territories, in the table's order.</summary>
    public static IReadOnlyList<string> Countries => Parsed.Value.Countries;

    /// <summary>The country a form names (any case; exact form, not inflected), or null.</summary>
    public static string? CountryOf(string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ByForm.Value.GetValueOrDefault(Key(form))?.Country;
    }

    /// <summary>
    /// Whether a form is a country's own Azerbaijani name (any case; exact form): "Özbəkistan", "Səudiyyə Ərəbistanı";
    /// not a capital, a city, a people ("Serb") or an English or Russian form.
    /// </summary>
    public static bool IsCountryName(string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ByForm.Value.GetValueOrDefault(Key(form)) is { Kind: PlaceKind.Country, Azerbaijani: true };
    }

    private static readonly Lazy<Dictionary<string, PlaceCountry>> ByForm = new(() =>
    {
        var byForm = new Dictionary<string, PlaceCountry>(StringComparer.Ordinal);
        foreach (var p in All) byForm.TryAdd(Key(p.Form), p);
        return byForm;
    });

    /// <summary>A form as it is compared: lower-cased with Azerbaijani rules (İ/i, I/ı).</summary>
    private static string Key(string form) => AzCasing.ToLower(form.Trim());

    private static (PlaceCountry[], string[], string[]) Parse()
    {
        var forms = new List<PlaceCountry>();
        var notCountries = new List<string>();
        var countries = new List<string>();
        foreach (string raw in Table.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0) continue;
            string[] fields = line.Split('|');
            if (fields[0].Trim() == "-")
            {
                foreach (string f in fields.Skip(1)) notCountries.AddRange(Forms(f));
                continue;
            }
            string[] names = Forms(fields[0]);
            string country = names[0];
            countries.Add(country);
            Add(names, PlaceKind.Country, true);
            if (fields.Length > 1) Add(Forms(fields[1]), PlaceKind.Capital, true);
            if (fields.Length > 2) Add(Forms(fields[2]), PlaceKind.City, true);
            if (fields.Length > 3) Add(Forms(fields[3]), PlaceKind.Demonym, true);
            for (int f = 4; f < fields.Length; f++) Add(Forms(fields[f]), PlaceKind.Country, false);

            void Add(string[] list, PlaceKind kind, bool azerbaijani)
            {
                foreach (string form in list) forms.Add(new PlaceCountry(form, country, kind, azerbaijani));
            }
        }
        // A form of two countries names neither.
        var countriesOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var p in forms)
        {
            string key = Key(p.Form);
            if (!countriesOf.TryGetValue(key, out var set)) countriesOf[key] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(p.Country);
        }
        return ([.. forms.Where(p => countriesOf[Key(p.Form)].Count == 1)], [.. notCountries], [.. countries]);
    }

    private static string[] Forms(string field) => field.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
