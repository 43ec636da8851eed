using System.Globalization;
using Icmal.Text.Casing;

namespace Icmal.Text.Entities;

/// <summary>
/// One amount a text announces: where it stands, its value as a number (scale words applied: "598,47 milyon" is
/// 598 470 000), its unit ("USD", "AZN", "EUR", "RUB", "%", or the counted noun as written, "sənəd"), what it
/// measures where the clause says so ("ticarət dövriyyəsi"), and whether the text calls it approximate ("yaxın").
/// </summary>
public sealed record Figure(int Start, int Length, string Text, decimal Value, string Unit, string? Measure, bool Approximate);

/// <summary>
/// Finds the amounts of a text: money, percentages, scaled numbers and counts of things ("150-yə yaxın sənəd"). Dates,
/// years, ordinals and times are not figures. Numbers follow Azerbaijani and Russian usage (decimal comma, dot or space
/// between thousands) and English usage (decimal dot) alike: a dot or space followed by exactly three digits groups
/// thousands, any other dot or comma is decimal. Case endings on numbers and unit words ("150-yə", "dollara",
/// "manatlıq") are read through. A pure function of the text.
/// </summary>
public static class FigureFinder
{
    private static readonly (string Prefix, decimal Factor)[] Scales =
    [
        ("milyard", 1_000_000_000m), ("mlrd", 1_000_000_000m), ("billion", 1_000_000_000m), ("млрд", 1_000_000_000m), ("миллиард", 1_000_000_000m),
        ("milyon", 1_000_000m), ("mln", 1_000_000m), ("million", 1_000_000m), ("млн", 1_000_000m), ("миллион", 1_000_000m),
        ("trilyon", 1_000_000_000_000m), ("trillion", 1_000_000_000_000m), ("трлн", 1_000_000_000_000m),
        ("min", 1_000m), ("thousand", 1_000m), ("тыс", 1_000m),
    ];

    private static readonly (string Prefix, string Unit)[] Currencies =
    [
        ("manat", "AZN"), ("azn", "AZN"), ("₼", "AZN"), ("манат", "AZN"),
        ("dollar", "USD"), ("usd", "USD"), ("$", "USD"), ("доллар", "USD"),
        ("avro", "EUR"), ("yevro", "EUR"), ("euro", "EUR"), ("eur", "EUR"), ("€", "EUR"), ("евро", "EUR"),
        ("rubl", "RUB"), ("rub", "RUB"), ("рубл", "RUB"), ("₽", "RUB"),
        ("faiz", "%"), ("%", "%"), ("percent", "%"), ("процент", "%"),
    ];

    /// <summary>Words after a number that make it a date, a year, a time or an age, not an amount.</summary>
    private static readonly string[] NotCounted =
    [
        "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr",
        "il", "ilə", "ildə", "ilin", "ildən", "ilə", "illər", "saat", "dəqiqə", "saniyə", "gün", "günü", "yaş", "yaşında", "nömrəli",
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря", "год", "года", "году",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    ];

    /// <summary>Words between a number and its noun that say the amount is approximate.</summary>
    private static readonly string[] Approximately = ["yaxın", "qədər", "təxminən", "about", "около", "почти", "nearly", "approximately"];

    /// <summary>Every figure of <paramref name="text"/>, in order.</summary>
    public static List<Figure> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Figure>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            bool percentFirst = c == '%' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (!char.IsAsciiDigit(c) && !percentFirst) { i++; continue; }
            if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or ',' or '/' or ':' or '-'))
            {
                // Inside a word, a date (20.10.2025), a time (14:02) or a range's second half — skip the whole run, this
                // character first: a '%' ("3-%5") is no part of the run, and staying on it looped for ever.
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '.' or ',' or ':')) i++;
                continue;
            }
            int start = i;
            if (percentFirst) i++;
            int numberEnd = ReadNumber(text, i, out decimal value);
            if (numberEnd < 0) { i++; continue; }
            var figure = Complete(text, start, numberEnd, value, percentFirst);
            if (figure is not null) found.Add(figure);
            i = Math.Max(numberEnd, figure is null ? numberEnd : figure.Start + figure.Length);
        }
        return found;
    }

    /// <summary>Reads digits with thousands groups and a decimal part; returns the end, or -1 for a date or time.</summary>
    private static int ReadNumber(string text, int i, out decimal value)
    {
        value = 0;
        var digits = new System.Text.StringBuilder();
        int p = i;
        while (p < text.Length && char.IsAsciiDigit(text[p])) digits.Append(text[p++]);
        string? fraction = null;
        while (p + 1 < text.Length && text[p] is '.' or ',' or ' ' or '\u00A0' or '\u202F' && char.IsAsciiDigit(text[p + 1]))
        {
            int q = p + 1;
            while (q < text.Length && char.IsAsciiDigit(text[q])) q++;
            int run = q - p - 1;
            bool groupsThousands = run == 3 && text[p] != ',' && fraction is null || run == 3 && text[p] == ',' && IsEnglishGrouping(text, q);
            if (groupsThousands) { digits.Append(text, p + 1, 3); p = q; continue; }
            if (text[p] is ' ' or '\u00A0' or '\u202F') break;
            if (fraction is not null) return -1; // 20.10.2025
            if (q < text.Length && text[q] is '.' && q + 1 < text.Length && char.IsAsciiDigit(text[q + 1])) return -1;
            fraction = text.Substring(p + 1, run);
            p = q;
        }
        if (p < text.Length && text[p] == ':' && p + 1 < text.Length && char.IsAsciiDigit(text[p + 1])) return -1; // 14:02
        string number = fraction is null ? digits.ToString() : digits + "." + fraction;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return -1;
        return p;
    }

    /// <summary>"1,250,000": a comma followed by three digits is English grouping only when another group follows or none is decimal.</summary>
    private static bool IsEnglishGrouping(string text, int q) =>
        q + 3 < text.Length && text[q] == ',' && char.IsAsciiDigit(text[q + 1]) && char.IsAsciiDigit(text[q + 2]) && char.IsAsciiDigit(text[q + 3]);

    private static Figure? Complete(string text, int start, int numberEnd, decimal value, bool percentFirst)
    {
        int p = numberEnd;
        // A case ending on the number ("150-yə", "20-dən"); an ordinal ("2023-cü") is no amount.
        if (p < text.Length && text[p] is '-' or '\u2011' && p + 1 < text.Length && char.IsLetter(text[p + 1]))
        {
            int q = p + 1;
            while (q < text.Length && char.IsLetter(text[q])) q++;
            string ending = AzCasing.ToLower(text[(p + 1)..q]);
            if (ending is "ci" or "cı" or "cu" or "cü" or "inci" or "ıncı" or "uncu" or "üncü" or "nci" or "ncı" or "ncu" or "ncü" or "й" or "го" or "х") return null;
            p = q;
        }
        else if (p < text.Length && text[p] is '-' or '–' && p + 1 < text.Length && char.IsAsciiDigit(text[p + 1])) return null; // a range of dates "20-21"
        if (percentFirst) return Make(text, start, p, value, "%", false, true);

        int wordStart = SkipSpaces(text, p);
        if (wordStart < text.Length && text[wordStart] == '%') return Make(text, start, wordStart + 1, value, "%", false, true);
        string word = WordAt(text, wordStart, out int wordEnd);
        string lower = AzCasing.ToLower(word);
        foreach (var (prefix, factor) in Scales)
        {
            if (!lower.StartsWith(prefix, StringComparison.Ordinal) || prefix == "min" && lower is not ("min" or "minə" or "mindən" or "minlik" or "minlərlə")) continue;
            value *= factor;
            p = wordEnd;
            if (p < text.Length && text[p] == '.') p++; // "mln." "тыс."
            wordStart = SkipSpaces(text, p);
            word = WordAt(text, wordStart, out wordEnd);
            lower = AzCasing.ToLower(word);
            string? scaledUnit = CurrencyOf(text, wordStart, lower, out int unitEnd);
            return scaledUnit is null ? Make(text, start, p, value, "", false, true) : Make(text, start, unitEnd, value, scaledUnit, false, true);
        }
        if (CurrencyOf(text, wordStart, lower, out int end) is { } unit) return Make(text, start, end, value, unit, false, true);

        // A count: "150-yə yaxın sənəd", "12 nəfər".
        bool approximate = false;
        if (Array.IndexOf(Approximately, lower) >= 0)
        {
            approximate = true;
            wordStart = SkipSpaces(text, wordEnd);
            word = WordAt(text, wordStart, out wordEnd);
            lower = AzCasing.ToLower(word);
        }
        if (word.Length < 3 || !char.IsLower(word[0]) || Array.IndexOf(NotCounted, lower) >= 0 || lower.StartsWith("il", StringComparison.Ordinal) && lower.Length <= 5) return null;
        if (value != decimal.Truncate(value) || value >= 1900 && value <= 2100) return null;
        return Make(text, start, wordEnd, value, word, approximate, false);
    }

    private static string? CurrencyOf(string text, int wordStart, string lower, out int end)
    {
        end = wordStart + lower.Length;
        if (wordStart < text.Length && text[wordStart] is '$' or '€' or '₼' or '₽')
        {
            end = wordStart + 1;
            return text[wordStart] switch { '$' => "USD", '€' => "EUR", '₼' => "AZN", _ => "RUB" };
        }
        foreach (var (prefix, unit) in Currencies)
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal) && (prefix.Length > 3 || lower.Length == prefix.Length)) return unit;
        }
        return null;
    }

    private static Figure Make(string text, int start, int end, decimal value, string unit, bool approximate, bool measured)
    {
        if (!approximate)
        {
            string before = PreviousWord(text, start, out _);
            approximate = Array.IndexOf(Approximately, AzCasing.ToLower(before)) >= 0;
        }
        string? measure = measured ? MeasureBefore(text, start) : null;
        return new Figure(start, end - start, text[start..end], value, unit, measure, approximate);
    }

    /// <summary>
    /// What an amount measures: the possessive compound ("ticarət dövriyyəsi", "ticarət dövriyyəsinin") nearest before the
    /// number in its clause, at most six words back; a genitive ending is dropped.
    /// </summary>
    private static string? MeasureBefore(string text, int start)
    {
        int p = start;
        for (int n = 0; n < 6; n++)
        {
            string word = PreviousWord(text, p, out int wordStart);
            if (word.Length == 0) return null;
            string lower = AzCasing.ToLower(word);
            string? head = PossessiveHead(lower);
            if (head is not null)
            {
                string first = PreviousWord(text, wordStart, out _);
                return first.Length > 1 && char.IsLower(first[0]) && PossessiveHead(AzCasing.ToLower(first)) is null ? first + " " + head : head;
            }
            p = wordStart;
        }
        return null;
    }

    private static string? PossessiveHead(string word)
    {
        if (word.Length < 6) return null;
        foreach (string genitive in (ReadOnlySpan<string>)["nın", "nin", "nun", "nün"])
        {
            if (word.EndsWith(genitive, StringComparison.Ordinal)) { word = word[..^3]; break; }
        }
        return word.EndsWith("sı", StringComparison.Ordinal) || word.EndsWith("si", StringComparison.Ordinal) || word.EndsWith("su", StringComparison.Ordinal) || word.EndsWith("sü", StringComparison.Ordinal) ? word : null;
    }

    /// <summary>The word ending right before <paramref name="p"/> (spaces skipped), empty at clause punctuation.</summary>
    private static string PreviousWord(string text, int p, out int wordStart)
    {
        int q = p;
        while (q > 0 && text[q - 1] is ' ' or '\u00A0') q--;
        int end = q;
        while (q > 0 && char.IsLetter(text[q - 1])) q--;
        wordStart = q;
        return text[q..end];
    }

    private static int SkipSpaces(string text, int p)
    {
        while (p < text.Length && text[p] is ' ' or '\u00A0' or '\u202F') p++;
        return p;
    }

    private static string WordAt(string text, int p, out int end)
    {
        int q = p;
        while (q < text.Length && char.IsLetter(text[q])) q++;
        end = q;
        return text[p..q];
    }
}
