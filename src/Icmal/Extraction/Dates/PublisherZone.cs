
namespace Icmal.Extraction.Dates;

/// <summary>
/// The time zone a publisher most likely writes in, guessed from its country domain or the page's language.
/// A publication time given in UTC falls on the previous or next calendar day for part of every day; the
/// publisher's readers, and the publisher's own date line, go by the local day.
/// </summary>
/// <remarks>
/// Only unambiguous signals count: a country domain (".it", ".com.au") or a language spoken mainly in one
/// zone ("de", "az"). English, Spanish, Portuguese, Arabic or Chinese say nothing, and a UTC time then stays
/// as it is.
/// </remarks>
public static class PublisherZone
{
    /// <summary>
    /// The publisher's zone, or null when nothing on the page tells it. <paramref name="languageTags"/> are the
    /// page's language tags in order of trust (html lang, og:locale, Content-Language); the first language
    /// spoken in one zone decides. Regions in tags are not used: "en-US" is the default of most content
    /// systems, and pages tagged "en-AU" or "en-IN" still date their articles in UTC as often as not.
    /// </summary>
    public static TimeZoneInfo? Guess(Uri? pageUrl, IEnumerable<string> languageTags)
    {
        ArgumentNullException.ThrowIfNull(languageTags);
        if (pageUrl is not null && CountryOfHost(pageUrl.Host) is { } country && Zone(country) is { } byDomain) return byDomain;
        foreach (string tag in languageTags)
        {
            if (string.IsNullOrWhiteSpace(tag)) continue;
            string primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
            if (LanguageCountry.TryGetValue(primary, out string? c)) return Zone(c);
        }
        return null;
    }

    private static string? CountryOfHost(string host)
    {
        int dot = host.LastIndexOf('.');
        if (dot < 0 || dot == host.Length - 1) return null;
        string tld = host[(dot + 1)..].ToLowerInvariant();
        return tld.Length == 2 ? tld : null;
    }

    private static TimeZoneInfo? Zone(string country)
    {
        if (!CountryZone.TryGetValue(country, out string? id)) return null;
        return Resolved.GetOrAdd(id, static id =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // A machine without the time zone database: the UTC time stays as it is.
                return null;
            }
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo?> Resolved = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> CountryZone = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["az"] = "Asia/Baku", ["tr"] = "Europe/Istanbul", ["ru"] = "Europe/Moscow", ["ua"] = "Europe/Kiev", ["by"] = "Europe/Minsk",
        ["kz"] = "Asia/Almaty", ["ge"] = "Asia/Tbilisi", ["am"] = "Asia/Yerevan", ["uz"] = "Asia/Tashkent", ["ir"] = "Asia/Tehran",
        ["de"] = "Europe/Berlin", ["at"] = "Europe/Vienna", ["ch"] = "Europe/Zurich", ["it"] = "Europe/Rome", ["fr"] = "Europe/Paris",
        ["es"] = "Europe/Madrid", ["nl"] = "Europe/Amsterdam", ["be"] = "Europe/Brussels", ["lu"] = "Europe/Luxembourg",
        ["pl"] = "Europe/Warsaw", ["cz"] = "Europe/Prague", ["sk"] = "Europe/Bratislava", ["hu"] = "Europe/Budapest",
        ["si"] = "Europe/Ljubljana", ["hr"] = "Europe/Zagreb", ["ba"] = "Europe/Sarajevo", ["rs"] = "Europe/Belgrade",
        ["me"] = "Europe/Podgorica", ["mk"] = "Europe/Skopje", ["al"] = "Europe/Tirane", ["se"] = "Europe/Stockholm",
        ["no"] = "Europe/Oslo", ["dk"] = "Europe/Copenhagen", ["uk"] = "Europe/London", ["gb"] = "Europe/London",
        ["ie"] = "Europe/Dublin", ["pt"] = "Europe/Lisbon", ["gr"] = "Europe/Athens", ["ro"] = "Europe/Bucharest",
        ["bg"] = "Europe/Sofia", ["fi"] = "Europe/Helsinki", ["ee"] = "Europe/Tallinn", ["lv"] = "Europe/Riga",
        ["lt"] = "Europe/Vilnius", ["md"] = "Europe/Chisinau", ["il"] = "Asia/Jerusalem", ["eg"] = "Africa/Cairo",
        ["in"] = "Asia/Kolkata", ["jp"] = "Asia/Tokyo", ["kr"] = "Asia/Seoul", ["cn"] = "Asia/Shanghai", ["hk"] = "Asia/Hong_Kong",
        ["tw"] = "Asia/Taipei", ["sg"] = "Asia/Singapore", ["au"] = "Australia/Sydney", ["nz"] = "Pacific/Auckland",
        ["br"] = "America/Sao_Paulo", ["ar"] = "America/Argentina/Buenos_Aires", ["mx"] = "America/Mexico_City",
        ["uy"] = "America/Montevideo", ["cl"] = "America/Santiago", ["co"] = "America/Bogota", ["pe"] = "America/Lima",
        ["ve"] = "America/Caracas", ["ec"] = "America/Guayaquil", ["bo"] = "America/La_Paz", ["py"] = "America/Asuncion",
        ["cu"] = "America/Havana", ["do"] = "America/Santo_Domingo", ["gt"] = "America/Guatemala", ["cr"] = "America/Costa_Rica",
        ["pa"] = "America/Panama", ["sv"] = "America/El_Salvador", ["hn"] = "America/Tegucigalpa", ["ni"] = "America/Managua",
        ["is"] = "Atlantic/Reykjavik", ["cy"] = "Asia/Nicosia", ["mt"] = "Europe/Malta", ["tn"] = "Africa/Tunis", ["ma"] = "Africa/Casablanca",
        ["dz"] = "Africa/Algiers", ["lb"] = "Asia/Beirut", ["jo"] = "Asia/Amman", ["iq"] = "Asia/Baghdad", ["kw"] = "Asia/Kuwait",
        ["qa"] = "Asia/Qatar", ["kg"] = "Asia/Bishkek", ["tj"] = "Asia/Dushanbe", ["tm"] = "Asia/Ashgabat", ["mn"] = "Asia/Ulaanbaatar",
        ["lk"] = "Asia/Colombo", ["np"] = "Asia/Kathmandu", ["af"] = "Asia/Kabul",
        ["ca"] = "America/Toronto", ["us"] = "America/New_York", ["za"] = "Africa/Johannesburg", ["ng"] = "Africa/Lagos",
        ["ke"] = "Africa/Nairobi", ["ae"] = "Asia/Dubai", ["sa"] = "Asia/Riyadh", ["pk"] = "Asia/Karachi", ["bd"] = "Asia/Dhaka",
        ["id"] = "Asia/Jakarta", ["th"] = "Asia/Bangkok", ["vn"] = "Asia/Ho_Chi_Minh", ["ph"] = "Asia/Manila", ["my"] = "Asia/Kuala_Lumpur",
    };

    /// <summary>Languages spoken mainly in one time zone, and that zone's country.</summary>
    private static readonly Dictionary<string, string> LanguageCountry = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["az"] = "az", ["tr"] = "tr", ["ru"] = "ru", ["uk"] = "ua", ["be"] = "by", ["kk"] = "kz", ["ka"] = "ge", ["hy"] = "am",
        ["de"] = "de", ["fr"] = "fr", ["it"] = "it", ["pl"] = "pl", ["nl"] = "nl", ["cs"] = "cz", ["sk"] = "sk", ["hu"] = "hu",
        ["sl"] = "si", ["hr"] = "hr", ["bs"] = "ba", ["sr"] = "rs", ["sv"] = "se", ["no"] = "no", ["nb"] = "no", ["nn"] = "no",
        ["da"] = "dk", ["fi"] = "fi", ["el"] = "gr", ["ro"] = "ro", ["bg"] = "bg", ["he"] = "il", ["fa"] = "ir", ["ja"] = "jp",
        ["ko"] = "kr", ["hi"] = "in",
    };
}
