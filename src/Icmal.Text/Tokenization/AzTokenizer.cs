// Over 400 lines on purpose: one allocation-free state machine over the text (words, numbers, dates, abbreviations, URLs, sentence ends); its states share the same cursor and lookahead.
using Icmal.Text.Casing;
using Icmal.Text.Stemming;

namespace Icmal.Text.Tokenization;

/// <summary>
/// Tokeniser for (normalised) news text. Keeps as one token what a reader sees as one: hyphenated compounds
/// ("Azərbaycan-Qazaxıstan"), inflected acronyms and figures ("TDT-nin", "21-də", "2024-cü"), dotted names and
/// domains ("Alem.AI", "Sherg.az-a"), decimal figures ("598,47"), ranges ("20-21"), dates ("27.10.2025"), times,
/// amounts ("$1"), percentages, URLs, e-mail addresses, hashtags, mentions, initials ("İ."), known abbreviations
/// ("prof.", "mln.", "və s."), ellipses; and splits run-on sentences ("çevrildi.Qazaxıstanın").
/// </summary>
/// <remarks>
/// Works on spans and yields <see cref="Token"/> structs: no allocation. Run <c>AzNormalizer</c> first so hyphen,
/// dash and quote variants are unified. Pure and thread-safe.
/// </remarks>
public static class AzTokenizer
{
    /// <summary>Enumerates the tokens of <paramref name="text"/>: <c>foreach (var t in AzTokenizer.Tokenize(s))</c>.</summary>
    public static TokenEnumerator Tokenize(ReadOnlySpan<char> text) => new(text);

    /// <summary>All tokens of <paramref name="text"/> in a list.</summary>
    public static List<Token> TokenizeToList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<Token>(text.Length / 6 + 4);
        foreach (var t in Tokenize(text)) list.Add(t);
        return list;
    }

    /// <summary>Abbreviations written with a full stop (lower-cased, without the stop).</summary>
    private static readonly HashSet<string> DottedAbbreviations = new(StringComparer.Ordinal)
    {
        "prof", "dos", "akad", "dr", "mln", "mlrd", "trln", "min", "km", "kv", "kq", "qr", "sm", "mm", "sn", "san",
        "məs", "səh", "küç", "pr", "prosp", "ş", "r", "q", "k", "s", "ç", "il", "ay", "saat", "tel", "mob", "faks",
        "ed", "red", "müəl", "bax", "ev", "m", "b", "ə", "e", "i", "ö", "və", "vs", "inc", "ltd", "co", "mr", "mrs", "ms",
        "jr", "sr", "st", "gen", "polk", "mayor", "kap", "leyt", "akad", "müh", "tib", "fəl", "ped", "iq", "hüq", "elm",
        "nəf", "ml", "sq", "manat", "man", "azn", "usd", "ton", "hek", "ha",
    };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> DottedLookup = DottedAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> Tlds = new(StringComparer.Ordinal)
    {
        "az", "com", "ru", "org", "net", "info", "tr", "kz", "uz", "kg", "tm", "ge", "ua", "by", "io", "edu", "gov", "news",
        "tv", "me", "co", "uk", "de", "fr", "us", "eu", "biz", "ir", "am", "ai", "app", "dev", "online", "media", "press", "site", "pro",
    };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TldLookup = Tlds.GetAlternateLookup<ReadOnlySpan<char>>();

    internal static bool IsDottedAbbreviation(ReadOnlySpan<char> word)
    {
        if (word.Length > 8) return false;
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        return DottedLookup.Contains(lower);
    }

    internal static bool IsTld(ReadOnlySpan<char> lowerSegment) => lowerSegment.Length is >= 2 and <= 7 && TldLookup.Contains(lowerSegment);

    internal static bool IsOrdinalSuffix(ReadOnlySpan<char> suffix)
    {
        Span<char> s = stackalloc char[Math.Min(suffix.Length, 16)];
        AzCasing.ToLower(suffix[..s.Length], s);
        return s.StartsWith("cı") || s.StartsWith("ci") || s.StartsWith("cu") || s.StartsWith("cü")
            || s.StartsWith("ıncı") || s.StartsWith("inci") || s.StartsWith("uncu") || s.StartsWith("üncü")
            || s.StartsWith("ncı") || s.StartsWith("nci") || s.StartsWith("ncu") || s.StartsWith("ncü");
    }

    internal static bool IsCurrency(char c) => c is '$' or '€' or '£' or '₼' or '₽' or '₺' or '¥' or '₸' or '₴' or '₾';
}

/// <summary>The allocation-free token enumerator of <see cref="AzTokenizer.Tokenize"/>.</summary>
public ref struct TokenEnumerator
{
    private readonly ReadOnlySpan<char> _t;
    private int _pos;

    internal TokenEnumerator(ReadOnlySpan<char> text)
    {
        _t = text;
        _pos = 0;
        Current = default;
    }

    /// <summary>The current token.</summary>
    public Token Current { get; private set; }

    /// <summary>For <c>foreach</c>.</summary>
    public readonly TokenEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next token.</summary>
    public bool MoveNext()
    {
        var t = _t;
        int i = _pos;
        while (i < t.Length && (t[i] == ' ' || char.IsWhiteSpace(t[i]))) i++;
        if (i >= t.Length)
        {
            _pos = i;
            return false;
        }
        int start = i;
        char c = t[i];
        Token token;
        if (char.IsLetter(c))
        {
            token = (c is 'h' or 'H' or 'w' or 'W') && IsUrlStart(t, i) ? ScanUrl(t, i) : ScanWord(t, i);
        }
        else if (char.IsAsciiDigit(c) || char.IsDigit(c))
        {
            token = ScanNumber(t, i, i, TokenKind.Number);
        }
        else if (AzTokenizer.IsCurrency(c) && i + 1 < t.Length && char.IsAsciiDigit(t[i + 1]))
        {
            token = ScanNumber(t, i, i + 1, TokenKind.Money);
        }
        else if (c == '%' && i + 1 < t.Length && char.IsAsciiDigit(t[i + 1]))
        {
            token = ScanNumber(t, i, i + 1, TokenKind.Percent);
        }
        else if (c == '#' && i + 1 < t.Length && (char.IsLetterOrDigit(t[i + 1]) || t[i + 1] == '_'))
        {
            token = new Token(start, Handle(t, i + 1) - start, TokenKind.Hashtag);
        }
        else if (c == '@' && i + 1 < t.Length && (char.IsLetterOrDigit(t[i + 1]) || t[i + 1] == '_'))
        {
            token = new Token(start, Handle(t, i + 1) - start, TokenKind.Mention);
        }
        else if (c == '…')
        {
            int j = i + 1;
            while (j < t.Length && t[j] is '.' or '…') j++;
            token = new Token(start, j - start, TokenKind.Ellipsis);
        }
        else if (c == '.' && i + 2 < t.Length && t[i + 1] == '.' && t[i + 2] == '.')
        {
            int j = i + 3;
            while (j < t.Length && t[j] is '.' or '…') j++;
            token = new Token(start, j - start, TokenKind.Ellipsis);
        }
        else if (char.IsPunctuation(c))
        {
            token = new Token(start, 1, TokenKind.Punctuation);
        }
        else
        {
            int len = char.IsHighSurrogate(c) && i + 1 < t.Length && char.IsLowSurrogate(t[i + 1]) ? 2 : 1;
            token = new Token(start, len, TokenKind.Symbol);
        }
        Current = token;
        _pos = token.End;
        return true;
    }

    private static int Handle(ReadOnlySpan<char> t, int i)
    {
        while (i < t.Length && (char.IsLetterOrDigit(t[i]) || t[i] == '_' || char.GetUnicodeCategory(t[i]) == System.Globalization.UnicodeCategory.NonSpacingMark)) i++;
        return i;
    }

    private static bool IsUrlStart(ReadOnlySpan<char> t, int i)
    {
        var rest = t[i..];
        return rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && rest.Length > 4 && char.IsLetterOrDigit(rest[4]));
    }

    private static Token ScanUrl(ReadOnlySpan<char> t, int start)
    {
        int j = start;
        int open = 0;
        while (j < t.Length && !char.IsWhiteSpace(t[j]) && t[j] is not ('<' or '>' or '"' or '«' or '»'))
        {
            if (t[j] == '(') open++;
            else if (t[j] == ')')
            {
                if (open == 0) break;
                open--;
            }
            j++;
        }
        while (j > start + 1 && t[j - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'') j--;
        return new Token(start, j - start, TokenKind.Url);
    }

    /// <summary>
    /// Whether a character continues a word: one bit per UTF-16 code unit (8 KB), made once from
    /// <see cref="IsWordCharSlow"/>. Azerbaijani letters outside Latin-1 (ə, ş, ğ, ı) otherwise go through the full
    /// Unicode category look-up for every character of every word, which was most of the tokeniser's own time.
    /// </summary>
    private static readonly ulong[] WordChars = BuildWordChars();

    private static ulong[] BuildWordChars()
    {
        var bits = new ulong[(char.MaxValue + 1) / 64];
        for (int c = 0; c <= char.MaxValue; c++)
            if (IsWordCharSlow((char)c)) bits[c >> 6] |= 1UL << (c & 63);
        return bits;
    }

    internal static bool IsWordChar(char c) => (WordChars[c >> 6] & (1UL << (c & 63))) != 0;

    /// <summary>The definition the table is made from: letters, digits and combining marks.</summary>
    internal static bool IsWordCharSlow(char c) =>
        char.IsLetterOrDigit(c) || (c >= '\u0300' && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark);

    private static Token ScanWord(ReadOnlySpan<char> t, int start)
    {
        int i = start;
        bool domain = false;
        int lastJoin = -1; // index of the last hyphen or apostrophe inside the token
        while (true)
        {
            while (i < t.Length && IsWordChar(t[i])) i++;
            if (i + 1 >= t.Length) break;
            char ch = t[i];
            if ((ch == '-' || ch == '\'') && IsWordChar(t[i + 1]))
            {
                lastJoin = i;
                i++;
                continue;
            }
            if (ch == '@' || ch == '_' || ch == '+' || (ch == '.' && LooksLikeEmailAhead(t, i)))
            {
                if (TryEmail(t, start, out int end)) return new Token(start, end - start, TokenKind.Email);
                break;
            }
            if (ch == '.' && char.IsLetter(t[i + 1]))
            {
                int segEnd = i + 1;
                while (segEnd < t.Length && char.IsLetterOrDigit(t[segEnd])) segEnd++;
                var seg = t[(i + 1)..segEnd];
                bool segLower = IsAllLowerAscii(seg);
                if (segLower && seg.Length <= 7 && AzTokenizer.IsTld(seg) && (segEnd >= t.Length || !char.IsLetter(t[segEnd])))
                {
                    domain = true;
                    i = segEnd;
                    continue;
                }
                if (segLower && domain)
                {
                    i = segEnd;
                    continue;
                }
                if (IsAllUpper(seg) && seg.Length <= 6 && !IsAllUpper(t[start..i]) && (segEnd >= t.Length || t[segEnd] != '.'))
                {
                    // A dotted name: "Alem.AI".
                    i = segEnd;
                    continue;
                }
                break;
            }
            break;
        }
        // A domain followed by a path is a URL without its scheme: "oxu.az/siyaset/123".
        if (domain && i < t.Length && t[i] == '/')
        {
            var url = ScanUrl(t, start);
            return url;
        }
        var word = t[start..i];
        if (domain)
        {
            int suffix = lastJoin > start && lastJoin > LastIndexOfDot(t, start, i) && StemmerChain(t[(lastJoin + 1)..i]) ? lastJoin + 1 - start : -1;
            return new Token(start, i - start, TokenKind.Domain, suffix);
        }
        // Initials: "İ. Əliyev", "İ.Əliyev".
        if (word.Length == 1 && AzCasing.IsUpper(word[0]) && i < t.Length && t[i] == '.' && NextIsCapital(t, i + 1))
            return new Token(start, 2, TokenKind.Initial);
        // Lower-case dotted abbreviations like "e.ə.", "i.ö.", "b.e.".
        if (word.Length == 1 && i + 2 < t.Length && t[i] == '.' && char.IsLetter(t[i + 1]) && t[i + 2] == '.')
        {
            int j = i + 3;
            while (j + 1 < t.Length && char.IsLetter(t[j]) && t[j + 1] == '.' && (j + 2 >= t.Length || !char.IsLetter(t[j + 2]))) j += 2;
            return new Token(start, j - start, TokenKind.Abbreviation);
        }
        if (i < t.Length && t[i] == '.' && lastJoin < 0 && AzTokenizer.IsDottedAbbreviation(word) && IsAbbreviationContext(t, i, word))
            return new Token(start, i + 1 - start, TokenKind.Abbreviation);
        int suffixStart = -1;
        var head = word;
        if (lastJoin > start)
        {
            var tail = t[(lastJoin + 1)..i];
            head = t[start..lastJoin];
            if (IsAllLower(tail) && StemmerChain(tail) && !HasJoin(head)) suffixStart = lastJoin + 1 - start;
            else head = word;
        }
        var kind = IsAcronym(suffixStart >= 0 ? head : word) ? TokenKind.Abbreviation : TokenKind.Word;
        if (suffixStart >= 0 && kind == TokenKind.Word && !LooksLikeName(head)) suffixStart = -1;
        return new Token(start, i - start, kind, suffixStart);
    }

    private static bool HasJoin(ReadOnlySpan<char> s) => s.IndexOfAny('-', '\'') >= 0;

    /// <summary>A name or word before a hyphenated inflection: any capitalised head ("Bakı-ya" is rare but "Kürdəmir-in" happens).</summary>
    private static bool LooksLikeName(ReadOnlySpan<char> head) => head.Length > 0 && AzCasing.IsUpper(head[0]);

    private static bool StemmerChain(ReadOnlySpan<char> tail) => AzStemmer.IsSuffixChain(tail);

    private static int LastIndexOfDot(ReadOnlySpan<char> t, int start, int end)
    {
        for (int k = end - 1; k >= start; k--)
        {
            if (t[k] == '.') return k;
        }
        return -1;
    }

    /// <summary>"prof." is an abbreviation anywhere; one-letter and ordinary-word ones ("s.", "il.") only before a lower-case word, a figure or the end.</summary>
    private static bool IsAbbreviationContext(ReadOnlySpan<char> t, int dot, ReadOnlySpan<char> word)
    {
        if (word.Length >= 3 && !word.Equals("saat", StringComparison.Ordinal) && !word.Equals("manat", StringComparison.Ordinal) && !word.Equals("mayor", StringComparison.Ordinal) && !word.Equals("il", StringComparison.Ordinal)) return true;
        int j = dot + 1;
        while (j < t.Length && t[j] == ' ') j++;
        // "və s." (and so on): the four characters before the dot, so none when the text has fewer ("a s." at its start).
        bool etc = word.Length == 1 && word[0] == 's' && dot >= 4 && t[(dot - 4)..dot].StartsWith("və ", StringComparison.Ordinal);
        if (j >= t.Length) return etc;
        char n = t[j];
        if (etc) return true;
        return char.IsLower(n) || char.IsAsciiDigit(n) || n is ',' or ')' ;
    }

    private static bool NextIsCapital(ReadOnlySpan<char> t, int i)
    {
        if (i < t.Length && t[i] == ' ') i++;
        return i < t.Length && AzCasing.IsUpper(t[i]);
    }

    private static bool IsAcronym(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > 6) return false;
        int letters = 0;
        foreach (char c in word)
        {
            if (char.IsLetter(c))
            {
                if (!AzCasing.IsUpper(c)) return false;
                letters++;
            }
            else if (!char.IsAsciiDigit(c) && c != '-') return false;
        }
        return letters >= 2;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (char c in s)
        {
            if (char.IsLetter(c) && !AzCasing.IsUpper(c)) return false;
        }
        return true;
    }

    private static bool IsAllLower(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsLetter(c) || AzCasing.IsUpper(c)) return false;
        }
        return !s.IsEmpty;
    }

    private static bool IsAllLowerAscii(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c is < 'a' or > 'z') return false;
        }
        return !s.IsEmpty;
    }

    private static bool LooksLikeEmailAhead(ReadOnlySpan<char> t, int i)
    {
        for (int k = i; k < t.Length && k < i + 64; k++)
        {
            char c = t[k];
            if (c == '@') return true;
            if (!(char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '+')) return false;
        }
        return false;
    }

    private static bool TryEmail(ReadOnlySpan<char> t, int start, out int end)
    {
        end = start;
        int k = start;
        while (k < t.Length && (char.IsLetterOrDigit(t[k]) || t[k] is '.' or '_' or '-' or '+')) k++;
        if (k >= t.Length || t[k] != '@' || k == start) return false;
        int at = k++;
        int dots = 0;
        while (k < t.Length && (char.IsLetterOrDigit(t[k]) || t[k] is '.' or '-'))
        {
            if (t[k] == '.') dots++;
            k++;
        }
        while (k > at + 1 && t[k - 1] is '.' or '-')
        {
            if (t[k - 1] == '.') dots--;
            k--;
        }
        if (dots < 1 || k <= at + 3) return false;
        end = k;
        return true;
    }

    /// <summary>True when "dd.mm." of a dd.mm.yyyy figure is a real day and month (not a clause number like 1.19.21).</summary>
    private static bool IsDayMonth(ReadOnlySpan<char> figure, int dayLength, int monthLength)
    {
        // The figure's digits may be another script's ("٢١.11.2020"), which are not read as a day and month.
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return int.TryParse(figure[..dayLength], System.Globalization.NumberStyles.None, invariant, out int day)
            && int.TryParse(figure.Slice(dayLength + 1, monthLength), System.Globalization.NumberStyles.None, invariant, out int month)
            && day is >= 1 and <= 31 && month is >= 1 and <= 12;
    }

    private static Token ScanNumber(ReadOnlySpan<char> t, int start, int digitsStart, TokenKind kind)
    {
        int i = digitsStart;
        while (i < t.Length && char.IsDigit(t[i])) i++;
        int dots = 0, commas = 0, colons = 0, groups = 1;
        Span<int> groupLen = stackalloc int[4];
        groupLen[0] = i - digitsStart;
        while (i + 1 < t.Length && t[i] is '.' or ',' or ':' && char.IsDigit(t[i + 1]))
        {
            if (t[i] == '.') dots++;
            else if (t[i] == ',') commas++;
            else colons++;
            int g = ++i;
            while (i < t.Length && char.IsDigit(t[i])) i++;
            if (groups < 4) groupLen[groups] = i - g;
            groups++;
        }
        if (kind == TokenKind.Number)
        {
            if (colons is 1 or 2 && dots == 0 && commas == 0 && groupLen[0] <= 2 && groupLen[1] == 2) kind = TokenKind.Time;
            else if (dots == 2 && commas == 0 && colons == 0 && groups == 3 && groupLen[0] <= 2 && groupLen[1] <= 2 && groupLen[2] is 2 or 4 && IsDayMonth(t[digitsStart..i], groupLen[0], groupLen[1])) kind = TokenKind.Date;
        }
        // Letters straight after the figure: "5G", "COVID19"-like codes are words.
        if (kind == TokenKind.Number && i < t.Length && char.IsLetter(t[i]) && dots + commas + colons == 0)
        {
            int j = i;
            while (j < t.Length && (char.IsLetterOrDigit(t[j]))) j++;
            return new Token(start, j - start, TokenKind.Word);
        }
        if (i < t.Length && kind is TokenKind.Number && AzTokenizer.IsCurrency(t[i])) return new Token(start, i + 1 - start, TokenKind.Money);
        if (i < t.Length && kind is TokenKind.Number && t[i] == '%') return new Token(start, i + 1 - start, TokenKind.Percent);
        int suffixStart = -1;
        if (i + 1 < t.Length && t[i] == '-' && kind is TokenKind.Number or TokenKind.Money or TokenKind.Percent or TokenKind.Date)
        {
            if (char.IsDigit(t[i + 1]) && kind == TokenKind.Number)
            {
                int j = i + 1;
                while (j < t.Length && char.IsDigit(t[j])) j++;
                int second = j - i - 1;
                // ISO date 2025-10-27.
                if (groupLen[0] == 4 && groups == 1 && second == 2 && j + 2 < t.Length && t[j] == '-' && char.IsDigit(t[j + 1]) && char.IsDigit(t[j + 2]) && (j + 3 >= t.Length || !char.IsDigit(t[j + 3])))
                {
                    i = j + 3;
                    kind = TokenKind.Date;
                }
                else
                {
                    while (j + 1 < t.Length && t[j] is '.' or ',' && char.IsDigit(t[j + 1]))
                    {
                        j++;
                        while (j < t.Length && char.IsDigit(t[j])) j++;
                    }
                    i = j;
                    kind = TokenKind.NumberRange;
                }
            }
            if (i + 1 < t.Length && t[i] == '-' && char.IsLetter(t[i + 1]))
            {
                int j = i + 1;
                while (j < t.Length && char.IsLetter(t[j])) j++;
                var suffix = t[(i + 1)..j];
                if (AzTokenizer.IsOrdinalSuffix(suffix))
                {
                    suffixStart = i + 1 - start;
                    if (kind == TokenKind.Number) kind = TokenKind.Ordinal;
                    i = j;
                }
                else if (AzStemmer.IsSuffixChain(suffix))
                {
                    suffixStart = i + 1 - start;
                    i = j;
                }
            }
        }
        return new Token(start, i - start, kind, suffixStart);
    }
}
