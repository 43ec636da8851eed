using Icmal.Text.Casing;
using Icmal.Text.Lexicon;
using Icmal.Text.Stemming;

namespace Icmal.Text.Entities;

/// <summary>How a token is written, as the tagger sees it.</summary>
internal enum CaseClass : byte
{
    Lower,
    /// <summary>Capitalised as the first word of a sentence: weak evidence of a name.</summary>
    CapitalInitial,
    /// <summary>Capitalised inside a sentence: strong evidence.</summary>
    CapitalInner,
    /// <summary>All capitals, two letters or more: acronyms ("TDT", "NATO").</summary>
    AllCapitals,
    Digits,
    Punctuation,
}

/// <summary>What a word is a clue to: organisation and place keywords, titles before names, patronymics.</summary>
internal enum KeywordClass : byte
{
    None,
    Organization,
    Location,
    Title,
    Patronymic,
    Conjunction,
}

/// <summary>
/// One token analysed for the tagger: lower case, stem and stripped ending (Icmal.Text's stemmer: "Tokayevin" →
/// "tokayev" + "in"), inflection after a hyphen or apostrophe ("TDT-nin"), shape, case class, gazetteer and
/// keyword hits. Computed once a token and shared by every feature template.
/// </summary>
/// <remarks>
/// A struct: a sentence's tokens are one array of them (the form's analysis by reference, the position's marks inline),
/// not an object a word, since every word of every article is one (issue #17, allocation in the import).
/// </remarks>
internal struct NerToken
{
    /// <summary>The analysis of the word form, shared by every token of that form (only the case class differs by position).</summary>
    private readonly NerForm _form;

    private NerToken(NerForm form, CaseClass caseClass)
    {
        _form = form;
        Case = caseClass;
    }

    public readonly string Lower => _form.Lower;
    public readonly string Stem => _form.Stem;
    public readonly string Ending => _form.Ending;
    public readonly string Shape => _form.Shape;
    public readonly CaseClass Case { get; }
    public readonly bool HyphenSuffix => _form.HyphenSuffix;
    public readonly GazetteerFlags Gazetteer => _form.Gazetteer;
    public readonly KeywordClass Keyword => _form.Keyword;
    /// <summary>Names ending as Azerbaijani surnames do: -ov, -ova, -yev, -yeva, -zadə, -lı, -li…</summary>
    public readonly bool SurnameEnding => _form.SurnameEnding;
    /// <summary>What the lexicon knows the stem as (headword, verb root, name, attested): a capitalised headword is a common noun in a name ("Mədəniyyət Nazirliyi"), an unknown one a proper name.</summary>
    public readonly LexiconFlags StemFlags => _form.StemFlags;
    public readonly bool QuoteOrBracket => _form.QuoteOrBracket;
    /// <summary>In the dative, locative or ablative: the last word of any name it belongs to.</summary>
    public readonly bool ClosingCase => _form.ClosingCase;
    /// <summary>In the genitive ("Azərbaycanın", "Tokayevin", "TDT-nin"): ends a place's or a person's name, not an organisation's ("Respublikasının Milli Məclisi").</summary>
    public readonly bool Genitive => _form.Genitive;

    /// <summary>
    /// The feature hashes (<see cref="NerFeatures"/>) that depend on the word form alone, computed once a form with
    /// its analysis: hashing the same strings for every word of every article was the tagger's largest cost.
    /// </summary>
    internal readonly FormHashes Hashes => _form.Hashes;

    /// <summary>The rows of <see cref="Hashes"/> in <paramref name="model"/>, kept with the form.</summary>
    internal readonly FormRows RowsFor(NerModel model) => _form.RowsFor(model);

    /// <summary>
    /// The run of capitalised words, quotes and joining "və" this token sits in ([RunStart, RunEnd) of its sentence;
    /// the token alone when it is in none): names are such runs, and the run's last word says most about its kind.
    /// </summary>
    public int RunStart { get; set; }
    public int RunEnd { get; set; }

    /// <summary>A double quote (any kind, normalised to <c>"</c>).</summary>
    public bool IsQuote { get; set; }

    /// <summary>For a quote: true when it opens a quotation (an even number of quotes before it in the sentence).</summary>
    public bool OpensQuote { get; set; }

    /// <summary>True for capitalised words and acronyms.</summary>
    public readonly bool IsCapitalised => Case is CaseClass.CapitalInitial or CaseClass.CapitalInner or CaseClass.AllCapitals;

    private static readonly string[] SurnameEndings = ["ov", "ova", "yev", "yeva", "ev", "eva", "zadə", "zade", "lı", "li", "lu", "lü", "bəyli", "in", "ina"];

    private static readonly string[] Patronymics = ["oğlu", "qızı", "oğl", "qız"];
    private static readonly string[] Conjunctions = ["və", "ilə", "of", "and", "de", "la", "der", "von", "van", "bin", "ibn"];

    /// <summary>Lower-case words that join the parts of a name whatever the training data says: patronymics and "və", "of", "von"…</summary>
    public static IEnumerable<string> JoiningWords => Patronymics.Concat(Conjunctions);

    private static readonly Dictionary<string, KeywordClass> Keywords = BuildKeywords();

    /// <summary>Analyses <paramref name="token"/> (normalised text); <paramref name="sentenceInitial"/> for the first word of a sentence.</summary>
    /// <remarks>
    /// Every article's words are analysed, and most are words seen many times before: the analysis of a word form is
    /// remembered (<see cref="TokenMemo"/>) and copied, since the run and quote marks are set on each copy. Whether the
    /// word starts a sentence changes only its case class (capitalised initial or inner), so the memo holds the inner
    /// analysis and an initial word's copy takes the initial class.
    /// </remarks>
    public static NerToken Analyse(string token, bool sentenceInitial, NerGazetteer gazetteer, AzStemmer stemmer)
    {
        ArgumentNullException.ThrowIfNull(token);
        var memo = TokenMemo.For(gazetteer, stemmer);
        if (!memo.TryGet(token, out var known))
        {
            known = Compute(token, gazetteer, stemmer);
            memo.Remember(token, known);
        }
        return known.Copy(sentenceInitial && known.Case == CaseClass.CapitalInner ? CaseClass.CapitalInitial : known.Case);
    }

    /// <summary>A fresh token with this one's analysis (shared, not copied) and <paramref name="caseClass"/>, its run and quote marks unset.</summary>
    private readonly NerToken Copy(CaseClass caseClass) => new(_form, caseClass);

    /// <summary>The analysis of <paramref name="token"/> inside a sentence (not its first word).</summary>
    private static NerToken Compute(string token, NerGazetteer gazetteer, AzStemmer stemmer)
    {
        string lower = AzCasing.ToLower(token);
        CaseClass caseClass = ClassOf(token, sentenceInitial: false);
        bool isWord = caseClass is not (CaseClass.Digits or CaseClass.Punctuation);
        string head = token;
        bool hyphen = false;
        if (isWord && HyphenatedInflection(token) is int cut and > 0)
        {
            head = token[..cut];
            hyphen = true;
        }
        string stem = lower;
        string ending = "";
        if (isWord)
        {
            string headStem = head.Length >= 3 && caseClass != CaseClass.AllCapitals ? stemmer.Stem(head) : head;
            stem = AzCasing.ToLower(headStem);
            string lowerHead = hyphen ? AzCasing.ToLower(head) : lower;
            ending = hyphen ? lower[(head.Length + 1)..] : EndingOf(lowerHead, stem);
        }
        var gaz = isWord ? gazetteer.Lookup(stem) | gazetteer.Lookup(lower) : GazetteerFlags.None;
        var keyword = isWord && Keywords.TryGetValue(stem, out var k) ? k : Keywords.GetValueOrDefault(lower);
        bool surname = caseClass is CaseClass.CapitalInitial or CaseClass.CapitalInner && stem.Length >= 5
            && EndsWithAny(stem, SurnameEndings);
        string shape = ShapeOf(token);
        var form = new NerForm
        {
            Hashes = NerFeatures.HashesOf(lower, stem, ending, shape),
            Lower = lower,
            Stem = stem,
            Ending = ending,
            Shape = shape,
            HyphenSuffix = hyphen,
            Gazetteer = gaz,
            Keyword = keyword,
            SurnameEnding = surname,
            StemFlags = isWord ? stemmer.Lexicon.FlagsOf(stem) : LexiconFlags.None,
            QuoteOrBracket = token is "\"" or "«" or "»" or "(" or ")" or "'",
            ClosingCase = isWord && !hyphen && IsClosing(ending),
            Genitive = isWord && ending.Length >= 2 && ending != "~" && EndsWithAny(ending, Genitives),
        };
        return new NerToken(form, caseClass);
    }

    /// <summary>
    /// What the stemmer took off: "tokayevin" − "tokayev" = "in"; across the k/q softening too ("nazirliyində" −
    /// "nazirlik" = "ində"); "~" when the stem is not a prefix at all.
    /// </summary>
    private static string EndingOf(string lowerWord, string stem)
    {
        if (lowerWord.StartsWith(stem, StringComparison.Ordinal)) return lowerWord[stem.Length..];
        if (stem.Length >= 2 && lowerWord.Length >= stem.Length && stem[^1] is 'k' or 'q'
            && lowerWord[stem.Length - 1] is 'y' or 'ğ' && lowerWord.AsSpan(0, stem.Length - 1).SequenceEqual(stem.AsSpan(0, stem.Length - 1)))
            return lowerWord[stem.Length..];
        return "~";
    }

    private static readonly string[] Genitives = ["ın", "in", "un", "ün"];

    private static readonly string[] ClosingEndings = ["da", "də", "ta", "tə", "dan", "dən", "tan", "tən", "na", "nə", "ya", "yə"];

    /// <summary>
    /// True when <paramref name="ending"/> puts the word in the dative, locative or ablative: such a word ends any name
    /// it is in ("Universitetinə | Azərbaycan Respublikası …", "Nazirliyində | Kino İşləri …").
    /// </summary>
    private static bool IsClosing(string ending) =>
        ending.Length >= 2 && ending != "~" && EndsWithAny(ending, ClosingEndings);

    /// <summary>A loop, not LINQ over a closure: this runs for every word of every article.</summary>
    private static bool EndsWithAny(string word, string[] endings)
    {
        foreach (string e in endings)
            if (word.EndsWith(e, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Where the inflection starts in "TDT-nin", "Nyu-Yorkda"'s like "ABŞ'ın": after the last hyphen or apostrophe followed only by lower-case letters; null when none.</summary>
    private static int? HyphenatedInflection(string token)
    {
        int at = token.LastIndexOfAny(['-', '\'']);
        if (at <= 0 || at >= token.Length - 1) return null;
        for (int i = at + 1; i < token.Length; i++)
            if (!char.IsLetter(token[i]) || AzCasing.IsUpper(token[i])) return null;
        // "vitse-prezidenti", "cənub-qərb": a lower-case head is a compound, not an inflected name.
        if (!AzCasing.IsUpper(token[0])) return null;
        return token.Length - at - 1 <= 5 ? at : null;
    }

    private static CaseClass ClassOf(string token, bool sentenceInitial)
    {
        int letters = 0, upper = 0, digits = 0;
        foreach (char c in token)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (AzCasing.IsUpper(c)) upper++;
            }
            else if (char.IsDigit(c)) digits++;
        }
        if (letters == 0) return digits > 0 ? CaseClass.Digits : CaseClass.Punctuation;
        if (!AzCasing.IsUpper(FirstLetter(token))) return CaseClass.Lower;
        if (upper >= 2 && upper * 2 > letters) return CaseClass.AllCapitals;
        return sentenceInitial ? CaseClass.CapitalInitial : CaseClass.CapitalInner;
    }

    private static char FirstLetter(string token)
    {
        foreach (char c in token) if (char.IsLetter(c)) return c;
        return ' ';
    }

    /// <summary>The word's shape with runs collapsed: "Tokayevin" → "Xx", "TDT-nin" → "X-x", "2024" → "d".</summary>
    private static string ShapeOf(string token)
    {
        Span<char> shape = stackalloc char[Math.Min(token.Length, 12)];
        int n = 0;
        foreach (char c in token)
        {
            char s = char.IsLetter(c) ? (AzCasing.IsUpper(c) ? 'X' : 'x') : char.IsDigit(c) ? 'd' : c;
            if (n > 0 && shape[n - 1] == s) continue;
            if (n == shape.Length) break;
            shape[n++] = s;
        }
        return new string(shape[..n]);
    }

    private static Dictionary<string, KeywordClass> BuildKeywords()
    {
        var map = new Dictionary<string, KeywordClass>(StringComparer.Ordinal);
        foreach (string w in (string[])["nazirlik", "bank", "universitet", "şirkət", "təşkilat", "komitə", "məclis", "şura", "partiya",
            "idarə", "agentlik", "xidmət", "mərkəz", "institut", "akademiya", "assosiasiya", "fond", "birlik", "ittifaq", "palata",
            "prokurorluq", "məhkəmə", "qurum", "cəmiyyət", "kollec", "məktəb", "lisey", "teatr", "muzey", "klub", "federasiya",
            "komissiya", "korporasiya", "holdinq", "konsern", "qəzet", "jurnal", "televiziya", "radio", "departament", "aparat",
            "nümayəndəlik", "səfirlik", "konsulluq", "kilsə", "inspeksiya", "fakültə", "liqa", "hərəkat", "cəbhə", "kabinet",
            "hökumət", "parlament", "senat", "konqres", "filarmoniya", "orkestr", "studiya", "kitabxana", "xəstəxana", "zavod",
            "fabrik", "kombinat", "ofis", "qüvvə", "qoşun", "ordu", "polis", "mətbuat", "nəşriyyat", "kompaniya", "qrup", "ittifaqı",
            // Soviet and present-day bodies, company forms and their abbreviations, units of the forces.
            "sovet", "şöbə", "heyət", "bələdiyyə", "hakimiyyət", "kollegiya", "trest", "gəmiçilik", "donanma", "kinostudiya",
            "klinika", "poliklinika", "sanatoriya", "filial", "bölmə", "qərargah", "diviziya", "briqada", "korpus", "dəstə",
            "komissarlıq", "müəssisə", "stansiya", "obyedineniya", "mmc", "asc", "qsc", "ask", "aş", "ltd", "llc", "inc", "jsc", "plc"])
            map[w] = KeywordClass.Organization;
        foreach (string w in (string[])["şəhər", "rayon", "kənd", "qəsəbə", "çay", "dəniz", "göl", "dağ", "vilayət", "əyalət", "region",
            "ada", "yarımada", "körfəz", "okean", "səhra", "dərə", "küçə", "prospekt", "meydan", "bölgə", "respublika", "dövlət",
            "imperiya", "xanlıq", "krallıq", "sultanlıq", "diyar", "qala", "vadi", "düzən", "ovalıq", "yayla", "boğaz", "rayonu"])
            map[w] = KeywordClass.Location;
        foreach (string w in (string[])["prezident", "nazir", "sədr", "səfir", "deputat", "müavin", "rektor", "professor", "prof",
            "akademik", "general", "polkovnik", "spiker", "kral", "şah", "sultan", "imperator", "papa", "patriarx", "ekspert",
            "politoloq", "direktor", "müdir", "katib", "həmsədr", "jurnalist", "yazıçı", "şair", "bəstəkar", "müğənni", "aktyor",
            "futbolçu", "məşqçi", "xanım", "cənab", "dr", "rəhbər", "başçı", "kansler", "hakim", "müəllif", "alim", "baş"])
            map[w] = KeywordClass.Title;
        foreach (string w in Patronymics) map[w] = KeywordClass.Patronymic;
        foreach (string w in Conjunctions) map[w] = KeywordClass.Conjunction;
        return map;
    }
}

/// <summary>The analysis of one word form that holds wherever it stands (<see cref="NerToken"/> adds the case class by position and the run marks).</summary>
internal sealed class NerForm
{
    public required string Lower { get; init; }
    public required string Stem { get; init; }
    public required string Ending { get; init; }
    public required string Shape { get; init; }
    public required bool HyphenSuffix { get; init; }
    public required GazetteerFlags Gazetteer { get; init; }
    public required KeywordClass Keyword { get; init; }
    public required bool SurnameEnding { get; init; }
    public required LexiconFlags StemFlags { get; init; }
    public required bool QuoteOrBracket { get; init; }
    public required bool ClosingCase { get; init; }
    public required bool Genitive { get; init; }
    public required FormHashes Hashes { get; init; }

    /// <summary>The rows of <see cref="Hashes"/> in the model last asked for (in practice the shipped one, for good).</summary>
    private FormRows? _rows;

    /// <summary>
    /// The rows of <see cref="Hashes"/> in <paramref name="model"/>: found the first time and kept, found again when
    /// another model asks (two threads may both find them; either's answer is the same).
    /// </summary>
    public FormRows RowsFor(NerModel model)
    {
        var rows = Volatile.Read(ref _rows);
        if (rows is not null && ReferenceEquals(rows.Model, model)) return rows;
        rows = new FormRows(model, Hashes);
        Volatile.Write(ref _rows, rows);
        return rows;
    }
}
