namespace Icmal.Text.Entities;

public static partial class PlaceCountries
{
    /// <summary>
    /// The gazetteer's table, one country (or territory) a line: fields separated by <c>|</c>, forms within a field by
    /// commas. Fields: the country's names (the first is the canonical one, as in shared/data/az/lexicon/az-countries.txt),
    /// its capital, other cities and regions, its demonyms and adjectives (Azerbaijani), then the English and the Russian
    /// forms (names, capital, demonym). An empty field is left blank. A line whose first field is <c>-</c> lists
    /// names of several words that contain a country's word but name no country ("Fars körfəzi", "Latın Amerikası"):
    /// matched as the longer name, they keep the country's word inside them from counting.
    /// </summary>
    /// <remarks>
    /// Provenance: written by hand for İcmal from general public knowledge (the world's countries and dependent
    /// territories as az-countries.txt lists them, their capitals, their largest or most reported cities, and the
    /// Azerbaijani spellings of them as Azerbaijani news and the Azerbaijani Wikipedia write them); facts, not a
    /// tuning to any evaluation set. Left out on purpose: words that are also common Azerbaijani words or names
    /// ("Liman", "Saatlı", "Oğuz", "Qazax" the district beside the Kazakh "qazax"), language adjectives of several
    /// countries ("ərəb", "ingilis" — English is no more Britain's than America's; "ispan", "portuqal", "fars"), "türk"
    /// (in Azerbaijani as often Turkic as Turkish: "Türk dünyası", "Türk Dövlətləri Təşkilatı"), and
    /// English place names that are common words or other places ("Georgia", "Jordan", "Chad", "Turkey"; "Paris" is
    /// kept). English and Russian forms are matched as the analysis cuts words without a stemmer (their first six
    /// letters), so a form whose cut is a common word's is left out too ("Grenada": "grenades", "Catalonia":
    /// "catalogue"); likewise "Havay" (Hawaii), which the stemmer makes of "havaya" (into the air). Edit freely: a
    /// missing city is a missing fact.
    /// </remarks>
    internal const string Table = """
        ABŞ, Amerika Birləşmiş Ştatları, Amerika, Birləşmiş Ştatlar | Vaşinqton | Nyu-York, Los-Anceles, Çikaqo, San-Fransisko, Mayami, Hyuston, Boston, Filadelfiya, Las-Veqas, Sietl, Texas, Kaliforniya, Florida, Alyaska, Pentaqon | amerikalı | United States, USA, America, American, Americans, Washington, New York, Los Angeles, Chicago, San Francisco, Pentagon | США, Америка, американский, Вашингтон, Нью-Йорк
        Akrotiri və Dekeliya | | | | Akrotiri, Dhekelia |
        Aland adaları | Mariehamn | | | Åland | Аландские острова
        Albaniya | Tirana | | albaniyalı, alban | Albania, Albanian, Tirana | Албания, Тирана
        Almaniya, AFR | Berlin | Münhen, Hamburq, Frankfurt, Köln, Drezden, Ştutqart, Düsseldorf, Bonn, Leypsiq, Bavariya | almaniyalı, alman | Germany, German, Germans, Berlin, Munich, Hamburg, Frankfurt | Германия, Берлин
        Amerika Samoası | Paqo-Paqo | | | American Samoa |
        Amerika Virgin adaları | Şarlotta-Amaliya | | | US Virgin Islands |
        Andorra | Andorra-la-Velya | | | Andorra | Андорра
        Angilya | Vellí | | | Anguilla |
        Anqola | Luanda | | anqolalı | Angola, Angolan, Luanda | Ангола
        Antiqua və Barbuda | Sent-Cons | | | Antigua, Barbuda |
        Argentina | Buenos-Ayres | Kordova, Rosario | argentinalı | Argentina, Argentine, Argentinian, Buenos Aires | Аргентина, Буэнос-Айрес
        Aruba | Oranyestad | | | Aruba |
        Avstraliya | Kanberra | Sidney, Melburn, Brisben, Pert, Adelaida | avstraliyalı | Australia, Australian, Canberra, Sydney, Melbourne | Австралия, Канберра
        Avstriya | Vyana | Zalsburq, Qrats, İnsbruk | avstriyalı | Austria, Austrian, Vienna | Австрия, Вена
        Azərbaycan, Azərbaycan Respublikası | Bakı | Gəncə, Sumqayıt, Mingəçevir, Naxçıvan, Şuşa, Xankəndi, Lənkəran, Şəki, Şirvan, Xırdalan, Yevlax, Qəbələ, Quba, Qusar, Xaçmaz, Şamaxı, Füzuli, Ağdam, Laçın, Kəlbəcər, Zəngilan, Cəbrayıl, Qubadlı, Xocalı, Xocavənd, Ağdərə, Tərtər, Bərdə, Astara, Ağcabədi, Ağdaş, Ağstafa, Ağsu, Balakən, Beyləqan, Biləsuvar, Culfa, Cəlilabad, Daşkəsən, Goranboy, Göygöl, Göyçay, Gədəbəy, Hacıqabul, Horadiz, Kürdəmir, Lerik, Masallı, Naftalan, Neftçala, Ordubad, Qax, Qobustan, Salyan, Sabirabad, Samux, Siyəzən, Tovuz, Ucar, Xudat, Xızı, Yardımlı, Zaqatala, Zərdab, İmişli, İsmayıllı, Şabran, Şahbuz, Şəmkir, Şərur, Qarabağ, Abşeron | azərbaycanlı | Azerbaijan, Azerbaijani, Baku, Ganja, Karabakh, Nakhchivan | Азербайджан, азербайджанский, Баку, Гянджа, Карабах
        Baham adaları | Nassau | | | Bahamas |
        Banqladeş | Dəkkə | Çittaqonq | banqladeşli | Bangladesh, Bangladeshi, Dhaka | Бангладеш
        Barbados | Bricton | | | Barbados |
        Belarus | Minsk | Qomel, Brest, Vitebsk, Qrodno, Mogilyov | belarusiyalı, belarus | Belarus, Belarusian, Minsk | Беларусь, Белоруссия, Минск
        Beliz | Belmopan | | | Belize |
        Belçika | Brüssel | Antverpen, Gent, Lyej | belçikalı | Belgium, Belgian, Brussels | Бельгия, Брюссель
        Benin | Porto-Novo | Kotonu | | Benin |
        Bermud adaları | | | | Bermuda |
        Boliviya | Sukre | La-Pas | boliviyalı | Bolivia, Bolivian | Боливия
        Bolqarıstan | Sofiya | Plovdiv, Varna, Burqas | bolqar | Bulgaria, Bulgarian, Sofia | Болгария, София
        Bosniya və Herseqovina, Bosniya | Sarayevo | Banya-Luka, Mostar | bosniyalı | Bosnia, Bosnian, Sarajevo | Босния, Сараево
        Botsvana | Qaboron | | | Botswana |
        Braziliya | Braziliya | San-Paulu, Rio-de-Janeyro | braziliyalı | Brazil, Brazilian, Brasilia, Sao Paulo, Rio de Janeiro | Бразилия
        Britaniya Virgin adaları | Road-Taun | | | British Virgin Islands |
        Bruney | Bandar-Seri-Beqavan | | | Brunei |
        Burkina-Faso | Uqaduqu | | | Burkina Faso |
        Burundi | Qitega | Bujumbura | | Burundi |
        Butan | Thimphu | | | Bhutan |
        Böyük Britaniya, Birləşmiş Krallıq, Britaniya, İngiltərə, Şotlandiya, Uels, Şimali İrlandiya | London | Mançester, Birminhem, Liverpul, Edinburq, Qlazqo, Oksford, Kembric, Belfast, Kardiff | britaniyalı | United Kingdom, Britain, British, UK, England, English, Scotland, Wales, London, Manchester, Liverpool, Edinburgh, Downing Street | Великобритания, Британия, британский, Англия, Лондон
        BƏƏ, Birləşmiş Ərəb Əmirlikləri, Əmirliklər | Əbu-Dabi | Dubay, Şarja | | United Arab Emirates, UAE, Emirati, Abu Dhabi, Dubai | ОАЭ, Эмираты, Абу-Даби, Дубай
        Bəhreyn | Manama | | bəhreynli | Bahrain, Bahraini, Manama | Бахрейн
        CAR, Cənubi Afrika, Cənubi Afrika Respublikası | Pretoriya | Yohannesburq, Keyptaun, Durban | cənubi afrikalı | South Africa, South African, Pretoria, Johannesburg, Cape Town | ЮАР, Южная Африка
        Cersi | Sent-Helyer | | | |
        Cibuti | Cibuti | | | Djibouti |
        Cəbəli-Tariq | | | | Gibraltar | Гибралтар
        Cənubi Koreya, Koreya Respublikası | Seul | Pusan, İnçhon | cənubi koreyalı | South Korea, South Korean, Seoul, Busan | Южная Корея, Сеул
        Cənubi Sudan | Cuba | | | South Sudan, Juba | Южный Судан
        Danimarka | Kopenhagen | Orhus | danimarkalı | Denmark, Danish, Copenhagen | Дания, Копенгаген
        Dominika | Rozo | | | |
        Dominikan Respublikası | Santo-Dominqo | | | |
        Efiopiya | Əddis-Əbəbə | | efiopiyalı | Ethiopia, Ethiopian, Addis Ababa | Эфиопия
        Ekvador | Kito | Quayakil | ekvadorlu | Ecuador, Ecuadorian, Quito | Эквадор
        Ekvatorial Qvineya | Malabo | | | Equatorial Guinea |
        Eritreya | Əsmərə | | | Eritrea, Eritrean, Asmara | Эритрея
        Ermənistan | İrəvan | Gümrü, Vanadzor, Sisian, Qafan, Göyçə, Zəngəzur | erməni | Armenia, Armenian, Armenians, Yerevan | Армения, армянский, Ереван
        Estoniya | Tallin | Tartu | estoniyalı, eston | Estonia, Estonian, Tallinn | Эстония, Таллин
        Farer adaları | Torshavn | | | Faroe Islands |
        Fici | Suva | | | Fiji |
        Filippin | Manila | | filippinli | Philippines, Philippine, Filipino, Manila | Филиппины, Манила
        Finlandiya | Helsinki | | finlandiyalı, fin | Finland, Finnish, Helsinki | Финляндия, Хельсинки
        Folklend adaları | Stenli | | | Falkland Islands, Falklands | Фолклендские острова
        Fransa | Paris | Marsel, Lion, Nitsa, Tuluza, Strasburq, Lill, Korsika | fransalı, fransız | France, French, Paris, Marseille, Lyon, Elysee | Франция, Париж
        Fransa Polineziyası | Papeete | Taiti | | French Polynesia, Tahiti |
        Fələstin Dövləti, Fələstin | Ramallah | Qəzza, Qəzza zolağı, Xan-Yunis, Rəfah, Qərb Sahili, İordan çayının qərb sahili, Nablus, Hebron, Cenin | fələstinli | Palestine, Palestinian, Palestinians, Gaza, Ramallah, West Bank | Палестина, Газа
        Gernsi | Sent-Piter-Port | | | Guernsey |
        Gürcüstan | Tbilisi | Batumi, Kutaisi, Rustavi, Qori, Acarıstan, Borcomi | gürcü | Tbilisi, Batumi, Georgian | Грузия, Тбилиси
        Haiti | Port-o-Prens | | haitili | Haiti, Haitian | Гаити
        Hindistan | Yeni Dehli, Dehli | Mumbay, Kəlküttə, Benqaluru, Çennai, Hyderabad, Kəşmir, Pəncab | hindistanlı, hind | India, Indian, New Delhi, Delhi, Mumbai, Kashmir | Индия, индийский, Нью-Дели
        Honduras | Tequsiqalpa | | | Honduras |
        Honkonq | | | | Hong Kong | Гонконг
        KDR, Şimali Koreya, Koreya Xalq Demokratik Respublikası | Pxenyan | | şimali koreyalı | North Korea, North Korean, Pyongyang | КНДР, Северная Корея, Пхеньян
        Kabo-Verde | Praya | | | Cape Verde, Cabo Verde |
        Kamboca | Pnompen | | | Cambodia, Cambodian, Phnom Penh | Камбоджа
        Kamerun | Yaunde | Duala | | Cameroon, Cameroonian | Камерун
        Kanada | Ottava | Toronto, Monreal, Vankuver, Kvebek, Kalqari | kanadalı | Canada, Canadian, Ottawa, Toronto, Montreal, Vancouver | Канада, Оттава
        Kayman adaları | Corctaun | | | Cayman Islands |
        Keniya | Nayrobi | Mombasa | keniyalı | Kenya, Kenyan, Nairobi | Кения, Найроби
        Kipr | Nikosiya | Limasol, Larnaka | kiprli | Cyprus, Cypriot, Nicosia | Кипр
        Kiribati | Tarava | | | Kiribati |
        Kokos adaları | | | | Cocos Islands |
        Kolumbiya | Boqota | Medelyin | kolumbiyalı | Colombia, Colombian, Bogota | Колумбия
        Komor adaları | Moroni | | | Comoros |
        Konqo Respublikası, Konqo, Konqo Demokratik Respublikası | Brazzavil | Kinşasa | konqolu | Congo, Congolese, Brazzaville, Kinshasa | Конго
        Kosovo | Priştina | | kosovolu | Kosovo, Pristina | Косово
        Kosta-Rika | San-Xose | | | Costa Rica |
        Kot-d’İvuar, Fil Dişi Sahili | Yamusukro | Abican | | Ivory Coast, Cote d'Ivoire |
        Kuba | Havana | | kubalı | Cuba, Cuban, Havana | Куба, Гавана
        Kuk adaları | Avarua | | | Cook Islands |
        Küveyt | Əl-Küveyt | | küveytli | Kuwait, Kuwaiti | Кувейт
        Laos | Vyentyan | | | Laos, Vientiane | Лаос
        Latviya | Riqa | | latviyalı, latış | Latvia, Latvian, Riga | Латвия, Рига
        Lesoto | Maseru | | | Lesotho |
        Liberiya | Monroviya | | | Liberia, Liberian |
        Litva | Vilnüs | Kaunas, Klaypeda | litvalı | Lithuania, Lithuanian, Vilnius | Литва, Вильнюс
        Livan | Beyrut | Tripoli | livanlı | Lebanese, Beirut | Ливан, Бейрут
        Liviya | Tripoli, Tərablus | Bənqazi, Misrata | liviyalı | Libya, Libyan, Benghazi | Ливия, Триполи
        Lixtenşteyn | Vaduts | | | Liechtenstein |
        Lüksemburq | Lüksemburq | | | Luxembourg | Люксембург
        MAR, Mərkəzi Afrika Respublikası | Banqi | | | Central African Republic |
        Macarıstan | Budapeşt | Debresen, Seqed | macar | Hungary, Hungarian, Budapest | Венгрия, Будапешт
        Madaqaskar | Antananarivu | | | Madagascar |
        Makao | | | | Macau, Macao | Макао
        Makedoniya, Şimali Makedoniya | Skopye | | makedoniyalı | North Macedonia, Macedonia, Macedonian, Skopje | Македония, Скопье
        Malavi | Lilonqve | | | Malawi |
        Malayziya | Kuala-Lumpur | | malayziyalı | Malaysia, Malaysian, Kuala Lumpur | Малайзия
        Maldiv adaları, Maldivlər | Male | | | Maldives |
        Mali | Bamako | | | Mali, Malian, Bamako | Мали
        Malta | Valletta | | maltalı | Malta, Maltese, Valletta | Мальта
        Marşall adaları | Macuro | | | Marshall Islands |
        Mavriki | Port-Lui | | | Mauritius |
        Mavritaniya | Nuakşot | | | Mauritania |
        Mayotta | Mamudzu | | | Mayotte |
        Meksika | Mexiko | Qvadalaxara, Monterrey, Tixuana, Kankun | meksikalı | Mexico, Mexican, Mexico City | Мексика, Мехико
        Men adası | Duqlas | | | Isle of Man |
        Mikroneziya | Palikir | | | Micronesia |
        Milad adası | | | | Christmas Island |
        Misir | Qahirə | İsgəndəriyyə, Şarm-əş-Şeyx, Hurqada, Süveyş, Süveyş kanalı | misirli | Egypt, Egyptian, Cairo, Alexandria, Suez | Египет, Каир
        Moldova | Kişinyov | Bəlsi, Qaqauziya, Komrat | moldovalı | Moldova, Moldovan, Chisinau | Молдова, Молдавия, Кишинёв
        Monako | Monako | | | Monaco | Монако
        Monqolustan | Ulan-Bator | | monqol | Mongolia, Mongolian, Ulaanbaatar | Монголия, Улан-Батор
        Monteneqro, Çernoqoriya | Podqoritsa | | | Montenegro, Podgorica | Черногория
        Montserrat | Plimut | | | Montserrat |
        Mozambik | Maputu | | | Mozambique |
        Myanma, Birma | Neypyido | Yanqon | | Myanmar, Burma, Yangon | Мьянма
        Müqəddəs Yelena | Ceymstaun | | | Saint Helena |
        Mərakeş | Rabat | Kasablanka, Mərakeş, Tanjer, Fes | mərakeşli | Morocco, Moroccan, Rabat, Casablanca | Марокко
        Namibiya | Vindhuk | | | Namibia |
        Nauru | Yaren | | | Nauru |
        Nepal | Katmandu | | nepallı | Nepal, Nepalese, Kathmandu | Непал
        Niderland, Hollandiya | Amsterdam | Haaqa, Rotterdam, Utrext | niderlandlı, hollandiyalı, holland | Netherlands, Dutch, Holland, Amsterdam, The Hague, Rotterdam | Нидерланды, Голландия, Амстердам
        Niderland Antil adaları | Villemstad | Kurasao | | Curacao |
        Niger | Niamey | | | Niamey |
        Nigeriya | Abuca | Laqos, Kano | nigeriyalı | Nigeria, Nigerian, Abuja, Lagos | Нигерия
        Nikaraqua | Manaqua | | | Nicaragua, Nicaraguan | Никарагуа
        Niue | Alofi | | | Niue |
        Norfolk adası | Kinqston | | | Norfolk Island |
        Norveç | Oslo | Bergen | norveçli | Norway, Norwegian, Oslo | Норвегия, Осло
        Oman | Məskət | | omanlı | Oman, Omani, Muscat | Оман
        Pakistan | İslamabad | Karaçi, Lahor, Pişəvər, Rəvalpindi, Bəlucistan | pakistanlı | Pakistan, Pakistani, Islamabad, Karachi, Lahore | Пакистан, Исламабад
        Palau | Nqerulmud | | | Palau |
        Panama | Panama | Panama kanalı | panamalı | Panama, Panamanian | Панама
        Papua-Yeni Qvineya | Port-Morsbi | | | Papua New Guinea |
        Paraqvay | Asunsyon | | | Paraguay |
        Peru | Lima | | perulu | Peru, Peruvian | Перу
        Pitkern adaları | Adamstaun | | | Pitcairn |
        Polşa | Varşava | Krakov, Qdansk, Vrotslav, Poznan, Lodz | polşalı, polyak | Poland, Warsaw, Krakow | Польша, Варшава
        Portuqaliya | Lissabon | Porto | portuqaliyalı | Portugal, Lisbon | Португалия, Лиссабон
        Prednestroviya, Dnestryanı | Tiraspol | | | Transnistria | Приднестровье
        Puerto-Riko | San-Xuan | | | Puerto Rico |
        Qabon | Librevil | | | Gabon |
        Qambiya | Bancul | | | Gambia |
        Qana | Akkra | | qanalı | Ghana, Ghanaian, Accra | Гана
        Qayana | Corctaun | | | Guyana |
        Qazaxıstan, Qazaqıstan | Astana | Almatı, Şımkənd, Aktau, Atırau, Karaqanda, Aktobe, Türküstan, Baykonur | qazaxıstanlı | Kazakhstan, Kazakh, Astana, Almaty | Казахстан, Астана, Алматы
        Qrenada | Sent-Corcs | | | |
        Qrenlandiya | Nuuk | | | Greenland | Гренландия
        Quam | Haqatna | | | Guam |
        Qvatemala | Qvatemala | | | Guatemala |
        Qvineya | Konakri | | | Conakry |
        Qvineya-Bisau | Bisau | | | Guinea-Bissau |
        Qırğızıstan | Bişkek | Oş, Cəlalabad, İssık-Kul, Karakol | qırğızıstanlı, qırğız | Kyrgyzstan, Kyrgyz, Bishkek | Киргизия, Кыргызстан, Бишкек
        Qərbi Sahara | Əl-Ayun | | | Western Sahara |
        Qətər | Doha | | qətərli | Qatar, Qatari, Doha | Катар, Доха
        Ruanda | Kiqali | | | Rwanda, Rwandan, Kigali | Руанда
        Rumıniya | Buxarest | Kluj-Napoka, Konstansa, Timişoara | rumıniyalı, rumın | Romania, Romanian, Bucharest | Румыния, Бухарест
        Rusiya, Rusiya Federasiyası, Russiya | Moskva | Sankt-Peterburq, Peterburq, Kazan, Novosibirsk, Yekaterinburq, Soçi, Krasnodar, Rostov, Volqoqrad, Samara, Həştərxan, Mahaçqala, Dağıstan, Çeçenistan, Tatarıstan, Başqırdıstan, Kursk, Belqorod, Kaliningrad, Vladivostok, Sibir, Kreml | rusiyalı, rus | Russia, Russian, Russians, Moscow, St Petersburg, Kremlin | Россия, российский, русский, Москва, Кремль, Санкт-Петербург
        Salvador | San-Salvador | | | El Salvador |
        Samoa | Apia | | | Samoa |
        San-Marino | San-Marino | | | San Marino |
        San-Tome və Prinsipi | San-Tome | | | Sao Tome |
        Sen-Bartelemi | Qustavia | | | Saint Barthelemy |
        Sen-Marten | Mariqo | | | Saint Martin |
        Sen-Pyer və Mikelon | Sen-Pyer | | | Saint Pierre and Miquelon |
        Seneqal | Dakar | | seneqallı | Senegal, Senegalese, Dakar | Сенегал
        Sent-Kits və Nevis | Basster | | | Saint Kitts and Nevis |
        Sent-Lüsiya | Kastri | | | Saint Lucia |
        Sent-Vinsent və Qrenadina | Kinqstaun | | | Saint Vincent |
        Serbiya | Belqrad | Novi-Sad, Niş | serb | Serbia, Serbian, Belgrade | Сербия, Белград
        Seyşel adaları | Viktoriya | | | Seychelles |
        Sinqapur | Sinqapur | | sinqapurlu | Singapore, Singaporean | Сингапур
        Slovakiya | Bratislava | Koşitse | slovakiyalı, slovak | Slovakia, Slovak, Bratislava | Словакия, Братислава
        Sloveniya | Lyublyana | | sloveniyalı, sloven | Slovenia, Slovenian, Ljubljana | Словения
        Solomon adaları | Honiara | | | Solomon Islands |
        Somali | Moqadişu | | somalili | Somalia, Somali, Mogadishu | Сомали
        Somalilend | Harqeysa | | | Somaliland |
        Sudan | Xartum | Port-Sudan, Darfur | sudanlı | Sudan, Sudanese, Khartoum, Darfur | Судан, Хартум
        Surinam | Paramaribo | | | Suriname |
        Suriya | Dəməşq | Hələb, Homs, Hama, Latakiya, İdlib, Dərəa, Rəqqa, Deyr-əz-Zor, Həsəkə, Tartus | suriyalı | Syria, Syrian, Damascus, Aleppo, Idlib | Сирия, Дамаск, Алеппо
        Svazilend, Esvatini | Mbabane | | | Eswatini, Swaziland |
        Syerra-Leone | Fritaun | | | Sierra Leone |
        Səudiyyə Ərəbistanı, Səudiyyə | Ər-Riyad | Ciddə, Məkkə, Dəmmam | səudiyyəli | Saudi Arabia, Saudi, Saudis, Riyadh, Jeddah, Mecca | Саудовская Аравия, Эр-Рияд
        Tacikistan | Düşənbə | Xocənd, Kulyab, Bədəxşan | tacikistanlı, tacik | Tajikistan, Tajik, Dushanbe | Таджикистан, Душанбе
        Tailand | Banqkok | Pattaya, Puket | tailandlı | Thailand, Thai, Bangkok | Таиланд, Бангкок
        Tanzaniya | Dodoma | Dar-es-Salam, Zanzibar | tanzaniyalı | Tanzania, Tanzanian, Dodoma, Dar es Salaam | Танзания
        Tokelau | | | | Tokelau |
        Tonqa | Nukualofa | | | Tonga |
        Toqo | Lome | | | Togo |
        Trinidad və Tobaqo | Port-of-Speyn | | | Trinidad and Tobago |
        Tunis | Tunis | Sfaks | tunisli | Tunisia, Tunisian, Tunis | Тунис
        Tuvalu | Funafuti | | | Tuvalu |
        Törks və Kaykos adaları | Kokbern-Taun | | | Turks and Caicos |
        Türkiyə, Türkiyə Respublikası | Ankara | İstanbul, İzmir, Antalya, Bursa, Adana, Konya, Qaziantep, Trabzon, Ərzurum, Qars, İğdır, Hatay, Diyarbəkir, Mersin, Eskişəhir, Kayseri, Samsun, Malatya, Kahramanmaraş, Bodrum, Alanya | türkiyəli | Türkiye, Turkish, Turks, Ankara, Istanbul, Izmir, Antalya | Турция, турецкий, Анкара, Стамбул
        Türkmənistan | Aşqabad | Türkmənbaşı, Daşoğuz, Türkmənabad | türkmənistanlı, türkmən | Turkmenistan, Turkmen, Ashgabat | Туркменистан, Туркмения, Ашхабад
        Ukrayna | Kiyev, Kiyiv | Xarkov, Xarkiv, Odessa, Lvov, Lviv, Dnepr, Zaporojye, Donetsk, Luqansk, Xerson, Mariupol, Krım, Donbas, Nikolayev, Sumı, Poltava, Çernoqov, Çernobıl, Sevastopol, Kramatorsk, Baxmut | ukraynalı | Ukraine, Ukrainian, Ukrainians, Kyiv, Kiev, Kharkiv, Odesa, Odessa, Lviv, Donbas, Crimea, Donetsk, Luhansk | Украина, украинский, Киев, Харьков, Одесса, Донбасс, Крым
        Uollis və Futuna | Mata-Utu | | | Wallis and Futuna |
        Uqanda | Kampala | | uqandalı | Uganda, Ugandan, Kampala | Уганда
        Uruqvay | Montevideo | | uruqvaylı | Uruguay, Uruguayan, Montevideo | Уругвай
        Vanuatu | Port-Vila | | | Vanuatu |
        Vatikan | Vatikan | | | Vatican | Ватикан
        Venesuela | Karakas | Marakaybo | venesuelalı | Venezuela, Venezuelan, Caracas | Венесуэла, Каракас
        Vyetnam | Hanoy | Hoşimin | vyetnamlı | Vietnam, Vietnamese, Hanoi, Ho Chi Minh City | Вьетнам, Ханой
        Xorvatiya | Zaqreb | Split, Dubrovnik | xorvat | Croatia, Croatian, Zagreb | Хорватия, Загреб
        Yamayka | Kinqston | | yamaykalı | Jamaica, Jamaican | Ямайка
        Yaponiya | Tokio | Osaka, Kioto, Xirosima, Naqasaki, Fukusima, Yokohama, Naqoya, Okinava, Hokkaydo | yaponiyalı, yapon | Japan, Japanese, Tokyo, Osaka, Hiroshima, Fukushima | Япония, японский, Токио
        Yeni Kaledoniya | Numea | | | New Caledonia |
        Yeni Zelandiya | Vellinqton | Oklend, Kraystçerç | yeni zelandiyalı | New Zealand, Zealander, Auckland, Christchurch | Новая Зеландия
        Yunanıstan | Afina | Saloniki, Pirey, Krit, Rodos | yunan | Greece, Greek, Greeks, Athens, Thessaloniki | Греция, Афины
        Yəmən | Səna | Ədən, Hüdeydə | yəmənli | Yemen, Yemeni, Sanaa, Aden | Йемен
        Zambiya | Lusaka | | zambiyalı | Zambia, Zambian, Lusaka | Замбия
        Zimbabve | Harare | | zimbabveli | Zimbabwe, Zimbabwean, Harare | Зимбабве
        Çin, ÇXR, Çin Xalq Respublikası | Pekin | Şanxay, Quançjou, Şençjen, Uxan, Çunsin, Tyancin, Sincan, Urumçi, Tibet | çinli | China, Chinese, Beijing, Shanghai, Wuhan, Shenzhen, Guangzhou, Xinjiang | Китай, китайский, Пекин, Шанхай
        Çad | Ncamena | | | N'Djamena |
        Çexiya | Praqa | Brno, Ostrava | çexiyalı, çex | Czechia, Czech Republic, Czech, Prague | Чехия, Прага
        Çili | Santyaqo | Valparaiso | çilili | Chile, Chilean, Santiago | Чили
        Çin Respublikası, Tayvan | Taybey | Kaosyun | tayvanlı | Taiwan, Taiwanese, Taipei | Тайвань, Тайбэй
        Özbəkistan | Daşkənd | Səmərqənd, Buxara, Xivə, Fərqanə, Namanqan, Əndican, Nukus, Qaraqalpaqstan, Qarşı, Nəvai | özbəkistanlı, özbək | Uzbekistan, Uzbek, Tashkent, Samarkand | Узбекистан, Ташкент, Самарканд
        İndoneziya | Cakarta | Bali, Surabaya, Bandunq | indoneziyalı | Indonesia, Indonesian, Jakarta | Индонезия, Джакарта
        İordaniya | Əmman | Əqəbə | iordaniyalı | Jordanian, Amman | Иордания, Амман
        İran, İran İslam Respublikası | Tehran | Təbriz, İsfahan, Məşhəd, Şiraz, Kərəc, Əhvaz, Ərdəbil, Urmiya, Kirmanşah, Rəşt, Zəncan, Həmədan, Bəndər-Abbas, Buşehr, Xuzistan, Gilan, Mazandaran | iranlı | Iran, Iranian, Iranians, Tehran, Tabriz, Isfahan, Mashhad, Shiraz, Qom | Иран, иранский, Тегеран, Тебриз
        İraq | Bağdad | Bəsrə, Mosul, Ərbil, Kərkük, Nəcəf, Kərbəla, Süleymaniyyə, İraq Kürdüstanı | iraqlı | Iraq, Iraqi, Baghdad, Basra, Mosul, Erbil, Kirkuk | Ирак, Багдад
        İrlandiya | Dublin | Kork | irlandiyalı, irland | Ireland, Irish, Dublin | Ирландия, Дублин
        İslandiya | Reykyavik | | islandiyalı | Iceland, Icelandic, Reykjavik | Исландия
        İspaniya | Madrid | Barselona, Valensiya, Sevilya, Malaqa, Bilbao, Kataloniya, Kanar adaları | ispaniyalı | Spain, Spanish, Madrid, Barcelona | Испания, Мадрид
        İsrail | Təl-Əviv, Qüds | Hayfa, Eylat, Aşdod, Aşkelon, Negev, Beer-Şeva, Netanya, Ben-Qurion | israilli | Israel, Israeli, Israelis, Tel Aviv, Jerusalem, Haifa, Knesset | Израиль, израильский, Тель-Авив, Иерусалим
        İsveç | Stokholm | Qeteborq, Malmö | isveçli | Sweden, Swedish, Stockholm | Швеция, Стокгольм
        İsveçrə | Bern | Cenevrə, Sürix, Lozanna, Bazel, Davos | isveçrəli | Switzerland, Swiss, Bern, Geneva, Zurich, Davos | Швейцария, Женева, Цюрих
        İtaliya | Roma | Milan, Neapol, Turin, Venesiya, Florensiya, Siciliya, Bolonya, Genuya | italiyalı, italyan | Italy, Italian, Rome, Milan, Naples, Venice, Sicily | Италия, Рим, Милан
        Şimali Marian adaları | Saypan | | | Northern Mariana Islands |
        Şpisbergen və Yan-Mayen | Lonqyir | | | Svalbard |
        Şri-Lanka | Kolombo | | şrilankalı | Sri Lanka, Sri Lankan, Colombo | Шри-Ланка
        Şərqi Timor | | | | East Timor, Timor-Leste |
        Əfqanıstan | Kabil | Kandahar, Herat, Məzari-Şərif | əfqanıstanlı, əfqan | Afghanistan, Afghan, Kabul, Kandahar | Афганистан, Кабул
        Əlcəzair | Əlcəzair | Oran | əlcəzairli | Algeria, Algerian, Algiers | Алжир
        - | Fars körfəzi, Latın Amerikası, Cənubi Amerika, Şimali Amerika, Mərkəzi Amerika, Amerika qitəsi, Ərəb Əmirlikləri, İran körfəzi, rus dili, alman dili, fransız dili, Latin America, South America, North America, Persian Gulf, Gulf of Mexico, Meksika körfəzi, Washington Post, New York Times
        """;
}
