using Icmal.Text.Casing;

namespace Icmal.Text.Categories;

/// <summary>
/// General news vocabulary of each section: word beginnings ("futbol", "öldür", "yanğın") and phrases ("milli məclis",
/// "süni intellekt") that name a section's subject matter in any headline, also in headlines of weeks the training
/// headlines never saw. <see cref="CategoryFeatures"/> adds, per category, how many of its entries a headline holds;
/// the classifier learns how much each count weighs. Written from general knowledge of Azerbaijani news vocabulary
/// (sports, crime, accidents, economy, politics, foreign leaders and places, culture, technology, society), not
/// extracted from the labelled headlines (docs/benchmarks.md, "categories", says how it was checked). An entry of four letters or more matches every word it begins ("öldür" → "öldürdü");
/// a shorter one only a word whose stem it is ("abş" → "ABŞ-nin", "qol" → "qolu", but not "Abşeron", "qolf").
/// Thread-safe, built once.
/// </summary>
internal static class CategoryLexicon
{
    private static readonly (NewsCategory Category, string Entries)[] Lists =
    [
        (NewsCategory.Siyaset, """
            milli məclisin | spiker | sədr | komitə | rəsmi | rəsmi səfər | dövlət başçısı | baş katib | nota |
            bəyanat | bəyanatı | mövqe | delimitasiya | demarkasiya | sərhəd | zəngəzur | sülh sazişi | vaşinqton |
            azad edilmiş ərazi | bərpa | quruculuq | böyük qayıdış | qayıdış | keçmiş məcburi | hərbi qulluqçu |
            əsgər | zabit | general | parad | müdafiə nazir | silahlı qüvvələr | diaspor | ombudsman | insan hüquq |
            beynəlxalq təşkilat | avropa şurası | ats | aşpa | ədalət | konstitusiya | referendum | siyasi |
            siyasətçi | ekspert | politoloq | prezident | ilham | əliyev | mehriban | nazir | nazirlik | deputat |
            milli məclis | parlament | səfir | səfirlik | xarici işlər | diplomat | sülh | sazişi | saziş |
            müqavilə | danışıq | görüş | görüşüb | qəbul edib | qəbul etdi | telefon danışığı | səfər |
            nümayəndə heyət | sammit | zirvə | ermənistan | paşinyan | qarabağ | işğal | zəfər | vətən müharibə |
            ordu | hərbi | müdafiə | ordusu | şəhid | qazi | partiya | seçki | müxalifət | fərman | sərəncam |
            qanun layihə | hökumət | hakimiyyət | baş nazir | əməkdaşlıq | memorandum | ikitərəfli | strateji |
            tərəfdaşlıq | cop | bmt | ato | nato | aİ | mdb | türk dövlətləri | tdt
            """),
        (NewsCategory.Iqtisadiyyat, """
            milyon manat | milyard | milyon dollar | iqtisadçı | maliyyə | nazirliyi maliyyə | əmanət | ipoteka |
            fond birjası | əmtəə | qızıl | benzin | dizel | yanacaq | tüstüsüz | elektrik | hasilat | yataq | emal |
            zavod | fabrik | sənaye | ixracat | idxalat | kommersiya | əmlak | daşınmaz | mənzil qiymət | kirayə |
            tender | satınalma | smeta | subsidiya | güzəşt | ədv | aksiz | rüsum | dövlət borcu | xarici borc |
            mərkəzi bank | cbar | opek | opec | manat | dollar | avro | rubl | qiymət | bahala | ucuzla | bank |
            kredit | depozit | faiz | inflyasiya | büdcə | vergi | gömrük | ixrac | idxal | ticarət | dövriyyə |
            investisiya | sərmayə | birja | səhm | istiqraz | neft | brent | qaz | socar | enerji | elektrik enerji |
            tarif | maaş | əməkhaqqı | pensiya | müavinət | iqtisadi | iqtisadiyyat | biznes | sahibkar | şirkət |
            istehsal | kənd təsərrüfatı | məhsul | bazar | valyuta | məzənnə | ümumi daxili | ümumdaxili | ÜDM |
            kapital | mənfəət | gəlir | xərc | borc | aktiv | sığorta | lizinq | turizm | logistika | yük daşıma |
            tranzit | dəhliz | ödəniş | nağdsız | kart
            """),
        (NewsCategory.Cemiyyet, """
            təhsil nazirliyi | məktəbli | bağça | məzun | abituriyent | səhiyyə nazirliyi | tibbi | klinika |
            poliklinika | əməliyyat olunub | sağlamlıq | xərçəng | diabet | infeksiya | epidemiya | hava şəraiti |
            proqnoz | dumanlı | buzlaşma | sakinlər | əhali | şəhid ailə | qazilər | sosial müdafiə |
            əmək və əhalinin | dsmf | müraciət | şikayət | problem | gənclər | könüllü | toy | bayram | novruz |
            məhərrəmlik | namaz | dini | qəbiristanlıq | park | yaşıllıq | küçə | məhəllə | qəsəbə | binanın |
            qaz kəsil | su kəsil | işıq kəsil | istilik | kanalizasiya | nəqliyyat | taksi | sürücülük vəsiqəsi |
            imtahan mərkəzi | təhsil | məktəb | müəllim | şagird | tələbə | universitet | imtahan | dgk | dim |
            səhiyyə | xəstəxana | həkim | xəstə | virus | qrip | peyvənd | dərman | aptek | hava | yağış | qar |
            külək | temperatur | şaxta | sabah | bakı | metro | avtobus | yol | tıxac | su | qaz olmayacaq | işıq |
            kommunal | sosial | əlil | uşaq | ailə | qadın | yaşlı | sakin | kənd | rayon | icra hakimiyyəti |
            bələdiyyə | məscid | din | ramazan | ekologiya | tullantı | heyvan | it | pişik | məcburi | mənzil | ev |
            tikinti | qeydiyyat | asan | dövlət qulluğu | vətəndaş | pasport | viza | miqrasiya | qida
            """),
        (NewsCategory.Dunya, """
            bayden | obama | lavrov | peskov | fidan | starmer | lukaşenko | tokayev | mirziyoyev | orban | rutte |
            quterreş | modi | maduro | milei | lula | pezeşkian | araqçi | kallas | fon der lyayen | meloni |
            sançes | kim çen | şolts | kiyevin | moskvanın | xarkov | donetsk | zaporojye | krım | fələstin | livan |
            yəmən | hutilər | taliban | iŞİD | ermənistanın baş naziri | afrika | latın amerikası | asiya | meksika |
            kanada | braziliya | argentina | polşa | rumıniya | macarıstan | serbiya | yunanıstan | italiya |
            ispaniya | niderland | belçika | isveç | norveç | finlandiya | danimarka | avstriya | isveçrə |
            qazaxıstan | özbəkistan | qırğızıstan | tacikistan | türkmənistan | belarus | moldova | səudiyyə |
            qətər | bəə | misir | liviya | sudan | cezayir | mərakeş | indoneziya | vyetnam | tailand | filippin |
            avstraliya | tramp | putin | zelenski | ərdoğan | makron | merts | si szinpin | netanyahu | xamenei |
            ağ ev | kreml | pentaqon | kiyev | moskva | vaşinqton | tehran | ankara | london | paris | berlin |
            pekin | qəzza | həmas | hizbullah | israil | ukrayna | rusiya | abş | çin | iran | türkiyə | gürcüstan |
            avropa | amerikalı | rusiyalı | türkiyəli | iranlı | ukraynalı | britaniya | almaniya | fransa |
            yaponiya | hindistan | pakistan | venesuela | suriya | iraq | əfqanıstan | koreya | cənubi | şimali
            """),
        (NewsCategory.Idman, """
            çempionat | qol vur | hesabla | rəqib | meydan | oyun | mövsüm | heyət | kapitan | hakim | var sistemi |
            sarı vərəqə | qırmızı vərəqə | kvalifikasiya | seçmə mərhələ | dünya kuboku | avropa çempionatı |
            dünya çempionatı | reytinq | kəmər | nokaut | raund | velosiped | xokkey | golf | badminton | stolüstü |
            boksçu | güləşçi | cüdoçu | futbolçu | basketbolçu | voleybolçu | tennisçi | şahmatçı | qrossmeyster |
            millimizin | u-17 | u-19 | u-21 | forvard | legioner | real madrid | barselona | mançester | liverpul |
            arsenal | çelsi | bavariya | yuventus | milan | inter | qalatasaray | fənərbağça | beşiktaş | ronaldu |
            messi | futbol | futzal | voleybol | basketbol | həndbol | tennis | güləş | boks | cüdo | karate |
            taekvondo | gimnast | atlet | şahmat | üzgüçü | ağırlıqqaldır | kikboks | mma | uefa | fifa | affa |
            olimpiya | paralimpi | çempion | turnir | matç | oyunçu | qapıçı | hücumçu | müdafiəçi | yarımmüdafiə |
            məşqçi | baş məşqçi | transfer | klub | komanda | yığma | millimiz | millisi | liqa | premyer | qələbə |
            məğlub | heç-heçə | hesab | qol | penalti | stadion | formula | pilot | medal | qızıl medal |
            gümüş medal | bürünc | idmançı | döyüşçü | rinq | ralli | marafon | kubok | avrokubok |
            çempionlar liqası | konfrans liqası | avropa liqası | superliqa | seriya | bundesliqa | la liqa | derbi |
            start heyət | zədə | finalda | yarımfinal | dörddəbir | qrup mərhələ | pley-off | qarabağ fk | neftçi |
            sabah | zirə | turan tovuz | araz-naxçıvan | kəpəz | sumqayıt fk | qəbələ | şamaxı | mingəçevir
            """),
        (NewsCategory.Hadise, """
            yanğınsöndür | alov | tüstü | qəzası | qəza törədib | yük maşını | motosiklet | qatar | təyyarə |
            vertolyot | göl | çay | dəniz | dağ | bədbəxt hadisə | faciə | faciəli | yanaraq | ölən | ölənlər |
            yaralı | yaralılar | xəstəxanaya çatdırıldı | təcili tibbi yardım | ambulans | itkin düşüb |
            axtarış-xilasetmə | zəhərlənib | elektrik cərəyanı | dəm | qasırğa | tufan | vulkan | torpaq sürüşməsi |
            yanğın | yandı | yanıb | qəza | qəzaya | aşdı | aşıb | çırpıl | toqquş | xəsarət | yaralan | həlak |
            ölüb | öldü | meyit | cəsəd | boğul | partla | zəlzələ | sel | daşqın | sürüşmə | uçqun | itkin |
            tapıldı | tapılıb | zəhərlən | dəm qaz | elektrik xətt | fhn | fövqəladə | xilas | təxliyə | mina |
            piyada | vurub | vurdu | intihar | yol qəzası | avtomobil | sürücü | avtobus | maşın
            """),
        (NewsCategory.Kriminal, """
            cinayət işi | cinayətkar | qatil | qətlə | öldürülüb | öldürüldü | xuliqan | döyüb | döydü | zorakılıq |
            təcavüz | hədə | qaçaq | dövlət əmlakı | vəzifəli şəxs | korrupsiya | pulların | mənimsəmə |
            ələ keçirildi | ələ keçirilib | həbs edildi | həbs olundu | həbs edilib | tutulub | ekstradisiya |
            interpol | dtx | daxili işlər | dİn | polis idarəsi | istintaq təcridxanası | apellyasiya | ali məhkəmə |
            hakim | vəkil | qərar | cinayət məcəlləsi | maddəsi | cinayət | həbs | saxlanıl | saxlanıb | tutuldu |
            məhkəmə | hökm | ittiham | prokuror | istintaq | müstəntiq | polis | dələduz | fırıldaq | rüşvət |
            oğurla | oğurluq | soyğun | quldur | narkotik | heroin | metamfetamin | marixuana | qaçaqmal | qətl |
            öldürüb | öldürdü | öldürən | bıçaqla | güllələ | zorla | qaçır | şantaj | mənimsə | vəzifə saxtakar |
            saxta | cərimə | axtarış | axtarılan | təqsirli | təqsirləndir | cəzaçəkmə | həbsxana |
            azadlıqdan məhrum | ev dustaqlığı | bəraət | şübhəli | qanunsuz | dəstə | silah
            """),
        (NewsCategory.Medeniyyet, """
            ədəbiyyat | ədib | poeziya | nəsr | kitabxana | opera | balet | filarmoniya | simfonik | orkestr | xor |
            rəqs | ansambl | səhnə | rol | çəkiliş | ssenari | prodüser | sənətkar | sənət | incəsənət | xalça |
            miras | heritage | unesco | tarixi abidə | memarlıq | fotosərgi | kinoteatr | müzey |
            mədəniyyət nazirliyi | şou | reper | pop | ifaçı | xanəndə | tarzən | kamança | aşıq | xalq artist |
            əməkdar artist | artist | aktyor | aktrisa | müğənni | bəstəkar | rəssam | heykəltəraş | yazıçı | şair |
            şeir | roman | kitab | teatr | tamaşa | premyer | film | kino | serial | rejissor | konsert | mahnı |
            albom | klip | musiqi | muğam | meyxana | festival | sərgi | muzey | qalereya | mədəniyyət | mədəni irs |
            abidə | yubiley | doğum günü | vəfat | dəfn | avroviziya | oskar | qremmi | şoumen | aparıcı | ulduz |
            məşhur | evləndi | boşandı | nişanlan | həyat yoldaşı | sevgili
            """),
        (NewsCategory.Texnologiya, """
            kibertəhlükəsizlik | kiberhücum | sistem | platforma | onlayn | portal | e-hökumət | elektron | süni |
            alqoritm | neyron | model | gpt | gemini | microsoft | meta | amazon | nvidia | huawei | xiaomi | honor |
            qadcet | noutbuk | planşet | smart | funksiya | yeniləmə | ios | windows | brauzer | sayt | domen |
            server | bulud | blokçeyn | kriptovalyuta | bitkoin | teleskop | planet | asteroid | ay səthi | mars |
            fizika | biologiya | genetik | dnt | süni intellekt | intellekt | chatgpt | openai | google | apple |
            iphone | samsung | android | smartfon | telefon | proqram | tətbiq | internet | kiber | haker |
            rəqəmsal | texnologiya | innovasiya | startap | robot | kosmos | kosmik | peyk | raket | nasa | spacex |
            mask | elm | alim | tədqiqat | araşdırma | kəşf | whatsapp | telegram | instagram | facebook | tiktok |
            youtube | x-də | batareya | elektromobil | tesla | 5g | mobil | operator | rabitə | ikt | data |
            kompüter | çip | quantum | kvant
            """),
    ];

    private static readonly NewsCategory[] EntryCategory;
    private static readonly Dictionary<string, int[]> Words;
    private static readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> WordLookup;
    private static readonly (string Spaced, int Entry)[] Phrases;
    private static readonly int LongestWord;

    static CategoryLexicon()
    {
        var categories = new List<NewsCategory>();
        var words = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var phrases = new List<(string, int)>();
        foreach (var (category, entries) in Lists)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string raw in entries.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                string entry = AzCasing.ToLower(string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
                if (!seen.Add(entry)) continue;
                int id = categories.Count;
                categories.Add(category);
                if (entry.Contains(' ', StringComparison.Ordinal)) phrases.Add((" " + entry, id));
                else
                {
                    if (!words.TryGetValue(entry, out var ids)) words[entry] = ids = [];
                    ids.Add(id);
                }
            }
        }
        EntryCategory = [.. categories];
        Words = words.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        WordLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        Phrases = [.. phrases];
        LongestWord = Words.Keys.Max(k => k.Length);
    }

    /// <summary>Number of entries (for tests and the model's description).</summary>
    internal static int Count => EntryCategory.Length;

    /// <summary>
    /// Adds to <paramref name="hits"/> (indexed by <see cref="NewsCategory"/>) how many distinct entries of each
    /// category a headline holds: <paramref name="lowerWords"/> are its lower-cased words, <paramref name="lowerStems"/>
    /// their stems, <paramref name="spaced"/> the words joined by single spaces with a space before and after (for
    /// phrases).
    /// </summary>
    internal static void CountHits(IReadOnlyList<string> lowerWords, IReadOnlyList<string> lowerStems, string spaced, Span<int> hits)
    {
        Span<bool> matched = EntryCategory.Length <= 2048 ? stackalloc bool[EntryCategory.Length] : new bool[EntryCategory.Length];
        foreach (string stem in lowerStems)
        {
            if (stem.Length < 4 && Words.TryGetValue(stem, out int[]? ids))
                foreach (int id in ids) matched[id] = true;
        }
        foreach (string word in lowerWords)
        {
            int longest = Math.Min(word.Length, LongestWord);
            for (int length = 4; length <= longest; length++)
            {
                if (!WordLookup.TryGetValue(word.AsSpan(0, length), out int[]? ids)) continue;
                foreach (int id in ids) matched[id] = true;
            }
        }
        foreach (var (phrase, id) in Phrases)
            if (!matched[id] && spaced.Contains(phrase, StringComparison.Ordinal)) matched[id] = true;
        for (int id = 0; id < matched.Length; id++)
            if (matched[id]) hits[(int)EntryCategory[id]]++;
    }
}
