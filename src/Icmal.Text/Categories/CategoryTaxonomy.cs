using System.Globalization;
using System.Text;

namespace Icmal.Text.Categories;

/// <summary>
/// Maps a source's own section name or slug — Azerbaijani ("Siyasət", "siyaset"), Russian ("Политика"), English
/// ("Politics") — onto <see cref="NewsCategory"/>. Names are folded (lower case, Azerbaijani letters to their ASCII
/// look-alikes, so "İQTİSADİYYAT", "iqtisadiyyat" and "Iqtisadiyyat" meet); a path or breadcrumb ("Xəbərlər / Dünya",
/// "/az/news/sport/") is read from its most specific part back. Unknown sections give null, never Digər, so that the
/// classifier can still decide.
/// </summary>
public static class CategoryTaxonomy
{
    private static readonly Dictionary<string, NewsCategory> Names = Build();

    /// <summary>The category of a section name, slug, breadcrumb or path; null when nothing in it is known.</summary>
    public static NewsCategory? Map(string? section)
    {
        if (string.IsNullOrWhiteSpace(section)) return null;
        string folded = Fold(section);
        if (Names.TryGetValue(folded, out var whole)) return whole;
        var parts = folded.Split(['/', '>', '»', '|', ',', ';', '·', '→', '›', '\\'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (Names.TryGetValue(parts[i], out var part)) return part;
            // "world-news", "sport_news": the first word of a slug.
            int dash = parts[i].IndexOfAny(['-', '_']);
            if (dash > 0 && Names.TryGetValue(parts[i][..dash], out var head)) return head;
        }
        return null;
    }

    /// <summary>Lower case and Azerbaijani/Turkish letters to ASCII (ə→e, ı→i, ş→s …); Cyrillic is only lower-cased.</summary>
    internal static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char raw in text.Trim())
        {
            // Invariant rules leave 'İ' as it is; Azerbaijani ones would turn 'I' into 'ı': fold both to 'i' explicitly.
            char c = raw == 'İ' ? 'i' : char.ToLower(raw, CultureInfo.InvariantCulture);
            sb.Append(c switch
            {
                'ə' or 'ä' => 'e',
                'ı' or 'i' => 'i',
                'ş' => 's',
                'ç' => 'c',
                'ğ' => 'g',
                'ö' => 'o',
                'ü' => 'u',
                '\u0307' => '\0', // the dot of a decomposed İ
                'ё' => 'е',
                '_' => '-',
                _ => char.IsWhiteSpace(c) ? ' ' : c,
            });
        }
        return sb.Replace("\0", "").ToString();
    }

    private static Dictionary<string, NewsCategory> Build()
    {
        var map = new Dictionary<string, NewsCategory>(StringComparer.Ordinal);
        void Add(NewsCategory category, params string[] names)
        {
            foreach (string name in names) map[Fold(name)] = category;
        }
        Add(NewsCategory.Siyaset, "siyasət", "siyasi", "siyasət xəbərləri", "daxili siyasət", "xarici siyasət", "ordu", "hərbi", "müdafiə", "qarabağ",
            "politics", "political", "politika", "policy", "government", "military", "defence", "defense", "army",
            "политика", "власть", "армия", "в стране", "военные новости", "оборона");
        Add(NewsCategory.Iqtisadiyyat, "iqtisadiyyat", "iqtisadi", "iqtisadiyyat xəbərləri", "maliyyə", "biznes", "bank", "banklar", "enerji", "neft", "neft-qaz", "turizm",
            "economy", "economics", "business", "finance", "finances", "markets", "energy", "oil", "banking",
            "экономика", "бизнес", "финансы", "энергетика", "банки", "нефть");
        Add(NewsCategory.Cemiyyet, "cəmiyyət", "sosial", "təhsil", "səhiyyə", "ölkə", "ölkə xəbərləri", "region", "regionlar", "paytaxt", "bakı", "hava", "din", "ekologiya",
            "society", "social", "local", "health", "education", "national", "weather",
            "общество", "социум", "образование", "здоровье", "регионы", "погода");
        Add(NewsCategory.Dunya, "dünya", "xarici", "beynəlxalq", "region xəbərləri", "dünya xəbərləri", "xarici xəbərlər",
            "world", "international", "foreign", "world news", "europe", "middle east", "asia", "americas",
            "мир", "в мире", "международные", "зарубежье", "мировые новости", "международная политика");
        Add(NewsCategory.Idman, "idman", "futbol", "idman xəbərləri",
            "sport", "sports", "football", "soccer",
            "спорт", "футбол");
        Add(NewsCategory.Hadise, "hadisə", "hadisələr", "qəza", "fövqəladə", "insident",
            "incident", "incidents", "accidents", "emergencies",
            "происшествия", "инциденты", "чп");
        Add(NewsCategory.Kriminal, "kriminal", "cinayət", "məhkəmə", "polis",
            "crime", "criminal", "courts", "law",
            "криминал", "преступность", "суд", "право");
        Add(NewsCategory.Medeniyyet, "mədəniyyət", "mədəni", "incəsənət", "şou-biznes", "şoubiznes", "şou biznes", "magazin", "kino", "musiqi", "ədəbiyyat", "mədəniyyət xəbərləri",
            "culture", "arts", "art", "entertainment", "showbiz", "show business", "lifestyle", "music", "books", "film",
            "культура", "шоу-бизнес", "шоубиз", "кино", "музыка", "искусство");
        Add(NewsCategory.Texnologiya, "texnologiya", "texnologiyalar", "ikt", "elm", "elm və texnologiya", "internet",
            "technology", "tech", "science", "science & technology", "ict", "digital",
            "технологии", "наука", "hi-tech", "наука и технологии", "интернет");
        Add(NewsCategory.Diger, "digər", "maraqlı", "müsahibə", "baku tv", "other", "misc", "другое", "разное", "интервью", "interview");
        return map;
    }
}
