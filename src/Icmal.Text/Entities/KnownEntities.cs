namespace Icmal.Text.Entities;

/// <summary>An entity known by name before any text is read: its canonical Azerbaijani name, kind and other names.</summary>
public sealed record KnownEntity(string Name, EntityKind Kind, IReadOnlyList<string> Aliases);

/// <summary>
/// Entities the news names in many scripts and spellings, so that "Токаев", "Kassym-Jomart Tokayev" and "Tokayevin"
/// in different articles come to one canonical name, and "TDT" to "Türk Dövlətləri Təşkilatı" even where the article
/// never spells it out. Written by hand by the İcmal team (the canonical name as Azerbaijani news spells it — AZƏRTAC's
/// usage — and the English and Russian forms in common use); a short list of the heads of state, organisations and
/// places of the region that Azerbaijani news names daily, not a knowledge base. Aliases match after
/// <see cref="EntityLinker.KeyOf"/> (normalised, transliterated from Cyrillic, lower-cased, folded to ASCII).
/// </summary>
public static class KnownEntities
{
    private static KnownEntity P(string name, params string[] aliases) => new(name, EntityKind.Person, aliases);
    private static KnownEntity O(string name, params string[] aliases) => new(name, EntityKind.Organization, aliases);
    private static KnownEntity L(string name, params string[] aliases) => new(name, EntityKind.Location, aliases);

    /// <summary>Every known entity.</summary>
    public static IReadOnlyList<KnownEntity> All { get; } =
    [
        P("İlham Əliyev", "Ilham Aliyev", "Ильхам Алиев", "Prezident İlham Əliyev"),
        P("Heydər Əliyev", "Heydar Aliyev", "Гейдар Алиев", "Ümummilli lider Heydər Əliyev"),
        P("Mehriban Əliyeva", "Mehriban Aliyeva", "Мехрибан Алиева"),
        P("Kasım-Jomart Tokayev", "Kassym-Jomart Tokayev", "Qasım-Jomart Tokayev", "Kasym-Jomart Tokayev", "Kassym-Jomart Tokaev",
            "Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев", "Kasım-Jomart Kemeleviç Tokayev", "Tokayev", "Tokaev", "Токаев", "Тоқаев"),
        P("Nursultan Nazarbayev", "Nazarbayev", "Nazarbaev", "Нурсултан Назарбаев", "Назарбаев"),
        P("Vladimir Putin", "Putin", "Владимир Путин", "Путин"),
        P("Rəcəb Tayyib Ərdoğan", "Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Ərdoğan", "Erdoğan", "Erdogan", "Реджеп Тайип Эрдоган", "Эрдоган"),
        P("Şavkat Mirziyoyev", "Shavkat Mirziyoyev", "Mirziyoyev", "Шавкат Мирзиёев", "Мирзиёев"),
        P("Serdar Berdiməhəmmədov", "Serdar Berdimuhamedov", "Сердар Бердымухамедов"),
        P("Sadır Japarov", "Sadyr Japarov", "Садыр Жапаров", "Japarov"),
        P("Donald Tramp", "Donald Trump", "Дональд Трамп", "Tramp", "Trump", "Трамп"),
        P("Emmanuel Makron", "Emmanuel Macron", "Эммануэль Макрон", "Makron", "Macron"),
        P("Nikol Paşinyan", "Nikol Pashinyan", "Никол Пашинян", "Paşinyan", "Pashinyan", "Пашинян"),
        P("Si Cinpin", "Xi Jinping", "Си Цзиньпин"),
        P("Antonio Quterreş", "António Guterres", "Antonio Guterres", "Антониу Гутерриш", "Quterreş", "Guterres"),
        P("Ceyhun Bayramov", "Jeyhun Bayramov", "Джейхун Байрамов"),
        P("Əli Əsədov", "Ali Asadov", "Али Асадов"),
        P("Kubanıçbek Ömüraliyev", "Kubanychbek Omuraliev", "Кубанычбек Омуралиев"),
        O("Türk Dövlətləri Təşkilatı", "TDT", "Organization of Turkic States", "OTS", "Организация тюркских государств", "ОТГ", "Türk Devletleri Teşkilatı"),
        O("Birləşmiş Millətlər Təşkilatı", "BMT", "United Nations", "UN", "Организация Объединённых Наций", "ООН"),
        O("NATO", "North Atlantic Treaty Organization", "НАТО", "Şimali Atlantika Müqaviləsi Təşkilatı"),
        O("Avropa İttifaqı", "Aİ", "European Union", "EU", "Европейский союз", "Евросоюз", "ЕС"),
        O("Müstəqil Dövlətlər Birliyi", "MDB", "Commonwealth of Independent States", "CIS", "Содружество Независимых Государств", "СНГ"),
        O("ATƏT", "OSCE", "ОБСЕ", "Avropada Təhlükəsizlik və Əməkdaşlıq Təşkilatı"),
        O("Şanxay Əməkdaşlıq Təşkilatı", "ŞƏT", "Shanghai Cooperation Organisation", "SCO", "Шанхайская организация сотрудничества", "ШОС"),
        O("İslam Əməkdaşlıq Təşkilatı", "İƏT", "Organisation of Islamic Cooperation", "OIC", "Организация исламского сотрудничества", "ОИС"),
        O("Yeni Azərbaycan Partiyası", "YAP", "New Azerbaijan Party", "Партия «Новый Азербайджан»"),
        O("Milli Məclis", "Azərbaycan Respublikasının Milli Məclisi", "Milli Mejlis", "Милли Меджлис"),
        O("Azərbaycan Respublikası Dövlət Neft Şirkəti", "SOCAR", "ARDNŞ", "State Oil Company of Azerbaijan Republic", "ГНКАР"),
        O("AZƏRTAC", "Azertac", "АЗЕРТАДЖ", "Azərbaycan Dövlət İnformasiya Agentliyi"),
        O("Dünya Bankı", "World Bank", "Всемирный банк"),
        O("Beynəlxalq Valyuta Fondu", "BVF", "International Monetary Fund", "IMF", "Международный валютный фонд", "МВФ"),
        O("Kollektiv Təhlükəsizlik Müqaviləsi Təşkilatı", "KTMT", "CSTO", "ОДКБ"),
        O("Avropa Şurası", "Council of Europe", "Совет Европы"),
        O("Ağ Ev", "White House", "Белый дом"),
        O("Kreml", "Kremlin", "Кремль"),
        O("Azərbaycan Mərkəzi Bankı", "Mərkəzi Bank", "AMB", "Azərbaycan Respublikasının Mərkəzi Bankı", "Central Bank of Azerbaijan", "Центральный банк Азербайджана", "ЦБА"),
        O("Nazirlər Kabineti", "Azərbaycan Nazirlər Kabineti", "Azərbaycan Respublikasının Nazirlər Kabineti", "Azərbaycan Respublikası Nazirlər Kabineti", "Кабинет министров Азербайджана"),
        O("Dövlət İmtahan Mərkəzi", "DİM", "State Examination Centre", "Государственный экзаменационный центр"),
        O("Dövlət Vergi Xidməti", "İqtisadiyyat Nazirliyi yanında Dövlət Vergi Xidməti", "DVX", "State Tax Service", "Государственная налоговая служба"),
        O("Məktəbəqədər və Ümumi Təhsil üzrə Dövlət Agentliyi", "MÜTDA", "Ümumi Təhsil üzrə Dövlət Agentliyi", "State Agency for Preschool and General Education"),
        O("Elm və Təhsil Nazirliyi", "Azərbaycan Respublikasının Elm və Təhsil Nazirliyi", "Ministry of Science and Education", "Министерство науки и образования"),
        // The state's ministries and the bodies of its rank that the news names daily, with their usual abbreviations.
        O("Xarici İşlər Nazirliyi", "XİN", "Azərbaycan Respublikasının Xarici İşlər Nazirliyi", "Ministry of Foreign Affairs of Azerbaijan", "МИД Азербайджана"),
        O("Daxili İşlər Nazirliyi", "DİN", "Azərbaycan Respublikasının Daxili İşlər Nazirliyi", "Ministry of Internal Affairs of Azerbaijan", "МВД Азербайджана"),
        O("Müdafiə Nazirliyi", "Azərbaycan Respublikasının Müdafiə Nazirliyi", "Ministry of Defence of Azerbaijan", "Министерство обороны Азербайджана"),
        O("Ədliyyə Nazirliyi", "Azərbaycan Respublikasının Ədliyyə Nazirliyi", "Ministry of Justice of Azerbaijan", "Министерство юстиции Азербайджана"),
        O("İqtisadiyyat Nazirliyi", "Azərbaycan Respublikasının İqtisadiyyat Nazirliyi", "Ministry of Economy of Azerbaijan", "Министерство экономики Азербайджана"),
        O("Maliyyə Nazirliyi", "Azərbaycan Respublikasının Maliyyə Nazirliyi", "Ministry of Finance of Azerbaijan", "Министерство финансов Азербайджана"),
        O("Energetika Nazirliyi", "Azərbaycan Respublikasının Energetika Nazirliyi", "Ministry of Energy of Azerbaijan", "Министерство энергетики Азербайджана"),
        O("Ekologiya və Təbii Sərvətlər Nazirliyi", "ETSN", "Azərbaycan Respublikasının Ekologiya və Təbii Sərvətlər Nazirliyi", "Ministry of Ecology and Natural Resources of Azerbaijan"),
        O("Kənd Təsərrüfatı Nazirliyi", "KTN", "Azərbaycan Respublikasının Kənd Təsərrüfatı Nazirliyi", "Ministry of Agriculture of Azerbaijan"),
        O("Səhiyyə Nazirliyi", "Azərbaycan Respublikasının Səhiyyə Nazirliyi", "Ministry of Health of Azerbaijan", "Министерство здравоохранения Азербайджана"),
        O("Mədəniyyət Nazirliyi", "Azərbaycan Respublikasının Mədəniyyət Nazirliyi", "Ministry of Culture of Azerbaijan", "Министерство культуры Азербайджана"),
        O("Gənclər və İdman Nazirliyi", "Azərbaycan Respublikasının Gənclər və İdman Nazirliyi", "Ministry of Youth and Sports of Azerbaijan"),
        O("Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", "ƏƏSMN", "Azərbaycan Respublikasının Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", "Ministry of Labour and Social Protection of Population"),
        O("Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi", "RİNN", "Azərbaycan Respublikasının Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi", "Ministry of Digital Development and Transport"),
        O("Fövqəladə Hallar Nazirliyi", "FHN", "Azərbaycan Respublikasının Fövqəladə Hallar Nazirliyi", "Ministry of Emergency Situations of Azerbaijan", "МЧС Азербайджана"),
        O("Baş Prokurorluq", "Azərbaycan Respublikasının Baş Prokurorluğu", "Baş Prokurorluğu", "Prosecutor General's Office of Azerbaijan", "Генеральная прокуратура Азербайджана"),
        O("Dövlət Təhlükəsizliyi Xidməti", "DTX", "State Security Service of Azerbaijan", "Служба государственной безопасности Азербайджана"),
        O("Dövlət Sərhəd Xidməti", "DSX", "State Border Service of Azerbaijan", "Государственная пограничная служба Азербайджана"),
        O("Dövlət Gömrük Komitəsi", "DGK", "State Customs Committee of Azerbaijan", "Государственный таможенный комитет Азербайджана"),
        O("Dövlət Statistika Komitəsi", "State Statistical Committee of Azerbaijan", "Государственный комитет по статистике Азербайджана"),
        O("Azercell", "Azercell Telekom", "Азерселл"),
        O("Bakcell", "Бакселл"),
        O("Naxtel", "Нахтел"),
        O("Azərbaycan Milli Elmlər Akademiyası", "AMEA", "Azerbaijan National Academy of Sciences", "НАНА"),
        O("Azərbaycan Hava Yolları", "AZAL", "Azerbaijan Airlines", "Азербайджанские авиалинии"),
        O("Azərbaycan Dəmir Yolları", "ADY", "Azerbaijan Railways", "Азербайджанские железные дороги"),
        O("Azərpoçt", "Azerpost", "Азерпочт"),
        O("Kapital Bank", "Капитал Банк"),
        O("Birbank"),
        O("PAŞA Bank", "PASHA Bank", "ПАША Банк"),
        O("Bank Respublika", "Банк Республика"),
        O("Azərbaycan Beynəlxalq Bankı", "Beynəlxalq Bank", "International Bank of Azerbaijan", "Международный банк Азербайджана"),
        // Companies and platforms the news of every country names, which the weights, never having seen them, read as
        // places ("Facebook", "Wolt" and "Boeing" were places in banker.az's articles).
        O("Facebook", "Фейсбук"),
        O("Instagram", "Инстаграм"),
        O("WhatsApp", "Ватсап"),
        O("Telegram", "Телеграм"),
        O("YouTube", "Ютуб"),
        O("TikTok", "ТикТок"),
        O("Google", "Гугл"),
        O("Apple"),
        O("Microsoft", "Майкрософт"),
        O("Amazon"),
        O("Tesla"),
        O("SpaceX"),
        O("OpenAI"),
        O("Nvidia"),
        O("Samsung", "Самсунг"),
        O("Huawei"),
        O("Boeing", "Боинг"),
        O("Airbus", "Эйрбас"),
        O("Uber"),
        O("Bolt"),
        O("Wolt"),
        O("Visa"),
        O("Mastercard"),
        O("PayPal"),
        O("Netflix"),
        O("Binance"),
        O("Reuters", "Рейтер"),
        O("Bloomberg", "Блумберг"),
        O("BBC", "Би-би-си"),
        O("CNN"),
        O("Gazprom", "Qazprom", "Газпром"),
        O("Lukoil", "Лукойл"),
        O("BP"),
        L("Azərbaycan", "Azerbaijan", "Азербайджан", "Azərbaycan Respublikası", "Republic of Azerbaijan"),
        L("Qazaxıstan", "Kazakhstan", "Казахстан", "Qazaqstan", "Қазақстан", "Qazaxıstan Respublikası", "Republic of Kazakhstan"),
        L("Rusiya", "Russia", "Россия", "Rusiya Federasiyası", "Russian Federation", "Российская Федерация"),
        L("Türkiyə", "Turkey", "Türkiye", "Турция", "Türkiyə Respublikası"),
        L("Özbəkistan", "Uzbekistan", "Узбекистан", "O'zbekiston"),
        L("Türkmənistan", "Turkmenistan", "Туркменистан"),
        L("Qırğızıstan", "Kyrgyzstan", "Кыргызстан", "Киргизия", "Qırğız Respublikası"),
        L("Gürcüstan", "Georgia", "Грузия"),
        L("Ermənistan", "Armenia", "Армения"),
        L("İran", "Iran", "Иран", "İran İslam Respublikası"),
        L("Çin", "China", "Китай", "Çin Xalq Respublikası", "ÇXR"),
        L("Amerika Birləşmiş Ştatları", "ABŞ", "United States", "USA", "US", "США", "Соединённые Штаты"),
        L("Ukrayna", "Ukraine", "Украина"),
        L("Böyük Britaniya", "Birləşmiş Krallıq", "Böyük Britaniya və Şimali İrlandiya Birləşmiş Krallığı", "United Kingdom", "UK", "Great Britain",
            "Великобритания", "Соединённое Королевство"),
        L("Birləşmiş Ərəb Əmirlikləri", "BƏƏ", "United Arab Emirates", "UAE", "Объединённые Арабские Эмираты", "ОАЭ"),
        L("Astana", "Астана", "Nur-Sultan", "Нур-Султан"),
        L("Bakı", "Baku", "Баку"),
        L("Moskva", "Moscow", "Москва"),
        L("Almatı", "Almaty", "Алматы"),
        L("Daşkənd", "Tashkent", "Ташкент"),
        L("Ankara", "Анкара"),
        L("Tbilisi", "Тбилиси"),
        L("Xəzər dənizi", "Caspian Sea", "Каспийское море", "Xəzər"),
        L("Qarabağ", "Karabakh", "Карабах"),
        L("Naxçıvan", "Nakhchivan", "Нахичевань"),
        L("Avropa", "Europe", "Европа"),
        L("Mərkəzi Asiya", "Central Asia", "Центральная Азия"),
    ];

    private static readonly Dictionary<string, KnownEntity> ByKey = Index();

    /// <summary>The known entity a name (any form listed, in any case or script) stands for; null when none.</summary>
    public static KnownEntity? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByKey.GetValueOrDefault(EntityLinker.KeyOf(name));
    }

    /// <summary>
    /// The known entity a name transliterated from inflected Russian stands for ("Kazaxstana", "Astane", "İlxamom
    /// Aliyevım"): each word without its case ending, and the last also with -a (Астане → Астана); null when none.
    /// </summary>
    public static KnownEntity? FindRussianInflected(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string[] words = EntityLinker.KeyOf(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        for (int i = 0; i < words.Length; i++) words[i] = WithoutRussianEnding(words[i]);
        string stripped = string.Join(' ', words);
        return ByKey.GetValueOrDefault(stripped) ?? ByKey.GetValueOrDefault(stripped + "a");
    }

    /// <summary>
    /// The known entity a name of several words stands for when its last word carries an Azerbaijani case ending the
    /// stemmer leaves on a short word ("Ağ Evin", "Ağ Evdə" → Ağ Ev: it keeps stems of three letters or more) or
    /// that turned its last consonant ("Baş Prokurorluğun" → Baş Prokurorluq); null when none. Only the last word: an
    /// Azerbaijani name inflects there alone.
    /// </summary>
    public static KnownEntity? FindWithCaseEnding(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = EntityLinker.KeyOf(name);
        int space = key.LastIndexOf(' ');
        if (space <= 0) return null;
        foreach (string ending in CaseEndingKeys)
        {
            if (key.Length - space - 1 - ending.Length < 2 || !key.EndsWith(ending, StringComparison.Ordinal)) continue;
            string stem = key[..^ending.Length];
            if (ByKey.GetValueOrDefault(stem) is { } known) return known;
            // A final q or k turns to ğ or y before a vowel ("Baş Prokurorluğun": Baş Prokurorluq).
            if (Unmutated(stem) is { } plain && ByKey.GetValueOrDefault(plain) is { } mutated) return mutated;
        }
        return null;
    }

    /// <summary>
    /// The key a stem had before a vowel ending turned its last consonant (q → ğ, k → y; ğ folds to g in keys), or
    /// null when the stem's last letter is neither.
    /// </summary>
    private static string? Unmutated(string stem) => stem[^1] switch
    {
        'g' => stem[..^1] + "q",
        'y' => stem[..^1] + "k",
        _ => null,
    };

    /// <summary>Azerbaijani case endings as keys spell them (folded to ASCII: -də is "de"), longest first.</summary>
    private static readonly string[] CaseEndingKeys =
        ["ndaki", "ndeki", "ndan", "nden", "daki", "deki", "nin", "nun", "nda", "nde", "yla", "yle", "dan", "den", "tan", "ten",
         "na", "ne", "ni", "nu", "da", "de", "ta", "te", "ya", "ye", "yi", "yu", "in", "un", "la", "le", "a", "e", "i", "u"];

    private static readonly string[] RussianEndings = ["om", "im", "oy", "oyu", "yu", "u", "a", "e", "i", "y"];

    private static string WithoutRussianEnding(string word)
    {
        foreach (string e in RussianEndings)
        {
            if (word.Length - e.Length >= 4 && word.EndsWith(e, StringComparison.Ordinal))
                return word[..^e.Length];
        }
        return word;
    }

    private static Dictionary<string, KnownEntity> Index()
    {
        var index = new Dictionary<string, KnownEntity>(StringComparer.Ordinal);
        foreach (var e in All)
        {
            index.TryAdd(EntityLinker.KeyOf(e.Name), e);
            foreach (string alias in e.Aliases) index.TryAdd(EntityLinker.KeyOf(alias), e);
        }
        return index;
    }
}
