using System.Globalization;
using System.Text.RegularExpressions;
using Icmal.Text.Casing;

namespace Icmal.Extraction.Dates;

/// <summary>
/// Reads dates written the ways news pages write them: ISO 8601, "27.10.2025 [14:37]", "20 Oktyabr 2025 14:02",
/// "21 oktyabr 2025-ci il", "2024-cü il 11 mart", "oktyabrın 21-də" (with a known year), "21 октября 2025",
/// "18. Oktober 2019", "October 18, 2019", "18 października 2019", "07 أكتوبر 2020", "2019年10月18日".
/// </summary>
/// <remarks>A date without an offset is taken as Baku time (UTC+4), where almost all of these pages are written.</remarks>
public static partial class DateText
{
    public static readonly TimeSpan BakuOffset = TimeSpan.FromHours(4);

    /// <summary>Month stems in the languages the pages use; the longest stem a word starts with wins.</summary>
    private static readonly (string Stem, int Month)[] MonthStems = BuildMonths();

    /// <summary>Finds the first full date (day, month, year) in <paramref name="text"/>.</summary>
    public static bool TryFind(string text, out DateTimeOffset value) => TryFind(text, monthFirst: false, defaultYear: null, out value);

    /// <summary>
    /// Finds the first full date in <paramref name="text"/>. <paramref name="monthFirst"/> reads "10/18/2019" as
    /// month/day (American pages); <paramref name="defaultYear"/> completes "oktyabrın 21-də" when the year is known.
    /// </summary>
    public static bool TryFind(string text, bool monthFirst, int? defaultYear, out DateTimeOffset value) =>
        TryFind(text, monthFirst, defaultYear, out value, out _);

    /// <summary>
    /// Finds the first full date in <paramref name="text"/>; <paramref name="revision"/> tells that the only date
    /// found is labelled as a revision ("Updated 5 May 2020", "mis à jour le 7 janvier 2020").
    /// </summary>
    public static bool TryFind(string text, bool monthFirst, int? defaultYear, out DateTimeOffset value, out bool revision) =>
        TryFind(text, monthFirst, defaultYear, out value, out revision, out _);

    /// <summary>As <see cref="TryFind(string, bool, int?, out DateTimeOffset, out bool)"/>, with where in the text the date was written.</summary>
    public static bool TryFind(string text, bool monthFirst, int? defaultYear, out DateTimeOffset value, out bool revision, out Range span)
    {
        revision = false;
        span = default;
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        if (text.Length > 20_000) text = text[..20_000];
        var found = new List<(int At, int End, DateTimeOffset Value)>(2);
        (int At, int End, DateTimeOffset Value)? labelled = null;

        var iso = IsoDate().Match(text);
        while (iso.Success)
        {
            if (TryIso(iso, out var v) && Accept(text, iso.Index, iso.Index + iso.Length, v, ref labelled)) { found.Add((iso.Index, iso.Index + iso.Length, v)); break; }
            iso = iso.NextMatch();
        }

        foreach (Match m in NumericDate().Matches(text))
        {
            int a = Int(m.Groups["a"]), b = Int(m.Groups["b"]), y = Year(m.Groups["y"]);
            char sep = m.Groups["sep"].Value.Trim()[0];
            // "26 | 01 | 2022" is a date; "3 | 4 | 19" is more likely a row of figures.
            if (sep == '|' && m.Groups["y"].Length != 4) continue;
            int day = a, month = b;
            if (sep == '/' && (monthFirst || a > 31) && b <= 31 && a <= 12) (day, month) = (b, a);
            else if (a <= 12 && b > 12) (day, month) = (b, a);
            if (Build(y, month, day, m.Groups["h"], m.Groups["min"], out var v) && Accept(text, m.Index, m.Index + m.Length, v, ref labelled)) { found.Add((m.Index, m.Index + m.Length, v)); break; }
        }

        foreach (Match m in YearFirstNumeric().Matches(text))
        {
            if (Build(Int(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"]), m.Groups["h"], m.Groups["min"], out var v) && Accept(text, m.Index, m.Index + m.Length, v, ref labelled)) { found.Add((m.Index, m.Index + m.Length, v)); break; }
        }

        foreach (Match m in WordDate().Matches(text))
        {
            if (MonthOf(m.Groups["month"].Value) is not { } month) continue;
            if (Build(Int(m.Groups["y"]), month, Int(m.Groups["d"]), m.Groups["h"], m.Groups["min"], out var v) && Accept(text, m.Index, m.Index + m.Length, v, ref labelled)) { found.Add((m.Index, m.Index + m.Length, v)); break; }
        }

        foreach (Match m in MonthFirstWordDate().Matches(text))
        {
            if (MonthOf(m.Groups["month"].Value) is not { } month) continue;
            if (Build(Int(m.Groups["y"]), month, Int(m.Groups["d"]), m.Groups["h"], m.Groups["min"], out var v) && Accept(text, m.Index, m.Index + m.Length, v, ref labelled)) { found.Add((m.Index, m.Index + m.Length, v)); break; }
        }

        foreach (Match m in YearFirstWordDate().Matches(text))
        {
            if (MonthOf(m.Groups["month"].Value) is not { } month) continue;
            if (Build(Int(m.Groups["y"]), month, Int(m.Groups["d"]), m.Groups["h"], m.Groups["min"], out var v) && Accept(text, m.Index, m.Index + m.Length, v, ref labelled)) { found.Add((m.Index, m.Index + m.Length, v)); break; }
        }

        var cjk = CjkDate().Match(text);
        if (cjk.Success && !IsLabelled(text, cjk.Index, out _) && Build(Int(cjk.Groups["y"]), Int(cjk.Groups["m"]), Int(cjk.Groups["d"]), cjk.Groups["h"], cjk.Groups["min"], out var cv))
            found.Add((cjk.Index, cjk.Index + cjk.Length, cv));

        if (found.Count == 0 && defaultYear is { } year)
        {
            foreach (Match m in GenitiveNoYear().Matches(text))
            {
                if (MonthOf(m.Groups["month"].Value) is not { } month) continue;
                if (Build(year, month, Int(m.Groups["d"]), m.Groups["h"], m.Groups["min"], out var v) && Accept(text, m.Index, m.Index + m.Length, v, ref labelled)) { found.Add((m.Index, m.Index + m.Length, v)); break; }
            }
        }

        if (found.Count == 0 && labelled is { } update)
        {
            found.Add(update);
            revision = true;
        }
        if (found.Count == 0) return false;
        var first = found[0];
        foreach (var f in found) if (f.At < first.At) first = f;
        value = first.Value;
        span = first.At..first.End;
        // "09:15 | 09.11.2025", "14:37, 27 oktyabr 2025": a time written just before a date without one is its time.
        if (value.TimeOfDay == TimeSpan.Zero && first.At > 0)
        {
            int from = Math.Max(0, first.At - 12);
            var before = TimeBefore().Match(text[from..first.At]);
            if (before.Success && Int(before.Groups["h"]) is >= 0 and <= 23 and var h)
            {
                value = new DateTimeOffset(value.Year, value.Month, value.Day, h, Int(before.Groups["min"]), 0, value.Offset);
                span = (from + before.Index)..first.End;
            }
        }
        return true;
    }

    [GeneratedRegex(@"(?<![0-9:.])(?<h>[0-2]?[0-9]):(?<min>[0-5][0-9])(?![0-9])\s*[|,/·•–—-]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeBefore();

    /// <summary>
    /// Whether a date found at <paramref name="at"/> counts as a date of the text: one labelled as a modification
    /// ("Letzte Änderung: 31.10.2023", "Updated 5 May 2020") is kept aside in <paramref name="labelled"/> and used only
    /// when the text has no other date; one labelled as the current time ("Aktuelle Zeit: …", "Today: …") is never
    /// the text's date.
    /// </summary>
    private static bool Accept(string text, int at, int end, DateTimeOffset value, ref (int At, int End, DateTimeOffset Value)? labelled)
    {
        if (!IsLabelled(text, at, out bool update)) return true;
        if (update && (labelled is null || at < labelled.Value.At)) labelled = (at, end, value);
        return false;
    }

    private static bool IsLabelled(string text, int at, out bool update)
    {
        update = false;
        int from = Math.Max(0, at - 28);
        if (from == at) return false;
        string before = AzCasing.ToLower(text[from..at]);
        foreach (string label in NowLabels)
            if (before.Contains(label, StringComparison.Ordinal)) return true;
        foreach (string label in AccountLabels)
            if (before.Contains(label, StringComparison.Ordinal)) return true;
        foreach (string label in UpdateLabels)
        {
            int i = before.LastIndexOf(label, StringComparison.Ordinal);
            if (i < 0) continue;
            // "aktualisiert: 02.01., veröffentlicht: 01.01.2020": a publication label after the update label wins.
            string after = before[(i + label.Length)..];
            bool published = false;
            foreach (string p in PublishedLabels)
                if (after.Contains(p, StringComparison.Ordinal)) { published = true; break; }
            if (published) return false;
            update = true;
            return true;
        }
        return false;
    }

    /// <summary>Words that mark a date as a later revision of the text, not its publication.</summary>
    private static readonly string[] UpdateLabels =
    [
        "updated", "update:", "modified", "last edit", "aktualisiert", "geändert", "änderung", "mis à jour", "modifié",
        "actualizado", "actualización", "aggiornato", "обновлено", "обновлён", "изменено", "оновлено", "yeniləndi",
        "yenilənib", "yenilənmə", "güncellendi", "güncelleme", "zaktualizowano", "bijgewerkt",
    ];

    /// <summary>
    /// Words that mark a date as not the text's: today's date of the page (headers, forum footers), an expiry.
    /// </summary>
    private static readonly string[] NowLabels =
    [
        "aktuelle zeit", "current time", "it is currently", "today is", "heute ist", "сегодня", "bu gün:", "bugün:",
        // Expiry of a media item or offer: a date after the text, never its publication.
        "verfügbar bis", "available until", "expires", "gültig bis", "valid until", "доступно до",
    ];

    /// <summary>Words that mark a member's sign-up date in a forum post or profile card ("Registriert: 18.09.2008").</summary>
    private static readonly string[] AccountLabels =
    [
        "registriert", "joined", "member since", "mitglied seit", "dabei seit", "registered", "anmeldedatum", "зарегистрирован",
        "на сайте с", "qeydiyyat", "üyelik tarihi", "kayıt tarihi", "inscrit le", "membre depuis",
    ];

    /// <summary>Whether <paramref name="text"/> speaks of a member's sign-up ("Registriert:", "Joined", "Mitglied seit").</summary>
    public static bool MentionsAccount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string label in AccountLabels)
            if (text.Contains(label, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly string[] PublishedLabels =
    [
        "published", "posted", "veröffentlicht", "erschienen", "erstellt", "publié", "publicado", "pubblicato",
        "опубликовано", "dərc", "yayımlan", "yayınlan",
    ];

    /// <summary>Parses a machine-readable date (a datetime attribute, a meta tag, JSON-LD): ISO first, then any form.</summary>
    public static bool TryParseMachine(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var iso = IsoDate().Match(text);
        if (iso.Success && iso.Index < 3 && TryIso(iso, out value)) return true;
        if (text.Length >= 8 && text.Length <= 14 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            // Unix seconds or milliseconds.
            if (n > 100_000_000_000) n /= 1000;
            if (n is > 631_152_000 and < 4_102_444_800)
            {
                value = DateTimeOffset.FromUnixTimeSeconds(n);
                return true;
            }
        }
        var dayFirst = DashedDayFirst().Match(text);
        if (dayFirst.Success)
        {
            // "01-11-2023 10:29": day first, as everywhere but the United States, whose pages write slashes.
            int a = Int(dayFirst.Groups["a"]), b = Int(dayFirst.Groups["b"]);
            if (a <= 12 && b > 12) (a, b) = (b, a);
            if (Build(Int(dayFirst.Groups["y"]), b, a, dayFirst.Groups["h"], dayFirst.Groups["min"], out value)) return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed) && parsed.Year is >= 1990 and <= 2100
            && (text.Contains(':', StringComparison.Ordinal) || text.Contains(',', StringComparison.Ordinal) || char.IsLetter(text[0])))
        {
            // RFC 1123 and friends: "Fri, 18 Oct 2019 10:00:00 GMT".
            value = parsed;
            return true;
        }
        return TryFind(text, out value);
    }

    private static bool TryIso(Match iso, out DateTimeOffset value)
    {
        value = default;
        int y = Int(iso.Groups["y"]), mo = Int(iso.Groups["m"]), d = Int(iso.Groups["d"]);
        if (mo is < 1 or > 12 || d < 1 || y is < 1990 or > 2100 || d > DateTime.DaysInMonth(y, mo)) return false;
        int h = iso.Groups["h"].Success ? Int(iso.Groups["h"]) : 0;
        int mi = iso.Groups["min"].Success ? Int(iso.Groups["min"]) : 0;
        int s = iso.Groups["s"].Success ? Int(iso.Groups["s"]) : 0;
        if (h > 23 || mi > 59 || s > 59) return false;
        TimeSpan offset = BakuOffset;
        if (iso.Groups["z"].Success)
        {
            string z = iso.Groups["z"].Value;
            if (z is "Z" or "z") offset = TimeSpan.Zero;
            else
            {
                string digits = z[1..].Replace(":", "", StringComparison.Ordinal);
                if (digits.Length != 4) return false;
                int oh = int.Parse(digits.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture);
                int om = int.Parse(digits.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture);
                if (oh > 14 || om > 59) return false;
                offset = new TimeSpan(oh, om, 0);
                if (z[0] == '-') offset = -offset;
            }
        }
        value = new DateTimeOffset(y, mo, d, h, mi, s, offset);
        return true;
    }

    private static bool Build(int year, int month, int day, Group hour, Group minute, out DateTimeOffset value)
    {
        value = default;
        if (month is < 1 or > 12 || day < 1 || year is < 1990 or > 2100 || day > DateTime.DaysInMonth(year, month)) return false;
        int h = hour.Success ? Int(hour) : 0, mi = minute.Success ? Int(minute) : 0;
        if (h > 23 || mi > 59) { h = 0; mi = 0; }
        value = new DateTimeOffset(year, month, day, h, mi, 0, BakuOffset);
        return true;
    }

    private static int Int(Group g) =>
        int.TryParse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : -1;

    private static int Year(Group g)
    {
        int y = Int(g);
        return y < 100 ? 2000 + y : y;
    }

    /// <summary>The month a word names, matched by the longest known stem it starts with ("oktyabrın", "октября").</summary>
    internal static int? MonthOf(string word)
    {
        string lower = AzCasing.ToLower(word.TrimEnd('.'));
        int bestLen = 0, best = 0;
        foreach (var (stem, month) in MonthStems)
        {
            if (stem.Length > bestLen && lower.StartsWith(stem, StringComparison.Ordinal))
            {
                // Three-letter stems are abbreviations: accept them alone or with their own letters after.
                bestLen = stem.Length;
                best = month;
            }
        }
        return bestLen == 0 ? null : best;
    }

    private static (string, int)[] BuildMonths()
    {
        string[][] names =
        [
            ["yan", "янв", "jan", "ene", "gen", "sty", "січ", "oca", "ocak", "jän", "janv", "يناير"],
            ["fev", "фев", "feb", "fév", "fevr", "lut", "лют", "şub", "şubat", "febr", "فبراير", "شباط"],
            ["mart", "мар", "mar", "mär", "marz", "mars", "marc", "mrt", "бер", "maart", "مارس", "آذار"],
            ["apr", "апр", "abr", "avr", "kwi", "кві", "nis", "nisan", "أبريل", "ابريل", "إبريل", "نيسان"],
            ["may", "мая", "май", "mai", "maj", "mei", "тра", "mayıs", "maio", "mayo", "مايو", "أيار"],
            ["iyun", "июн", "jun", "juin", "giu", "cze", "чер", "haz", "haziran", "junh", "يونيو", "يونيه", "حزيران"],
            ["iyul", "июл", "jul", "juil", "lug", "lip", "лип", "tem", "temmuz", "julh", "يوليو", "يوليه", "تموز"],
            ["avq", "авг", "aug", "ago", "aoû", "aou", "sie", "сер", "ağu", "ağustos", "أغسطس", "اغسطس"],
            ["sen", "сен", "sep", "set", "wrz", "вер", "eyl", "eylül", "سبتمبر", "أيلول"],
            ["okt", "окт", "oct", "ott", "out", "paź", "жов", "eki", "ekim", "أكتوبر", "اكتوبر"],
            ["noy", "ноя", "nov", "lis", "лис", "kas", "kasım", "نوفمبر"],
            ["dek", "дек", "dec", "dez", "déc", "dic", "gru", "гру", "ara", "aralık", "ديسمبر"],
        ];
        var list = new List<(string, int)>();
        for (int i = 0; i < names.Length; i++)
            foreach (string n in names[i]) list.Add((n, i + 1));
        return [.. list];
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(19|20)\d\d)-(?<m>[01]?\d)-(?<d>[0-3]?\d)(?:[T ](?<h>[0-2]\d):(?<min>[0-5]\d)(?::(?<s>[0-5]?\d)(?:[.,]\d+)?)?\s?(?<z>Z|[+-][0-2]\d:?[0-5]\d)?)?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<a>[0-3]?\d)-(?<b>[01]?\d)-(?<y>(19|20)\d\d)(?:[T ](?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex DashedDayFirst();

    [GeneratedRegex(@"(?<![\d.])(?<a>[0-3]?\d)(?<sep>[./]|\s?\|)\s?(?<b>[01]?\d)\k<sep>\s?(?<y>(19|20)\d\d|\d\d)(?![\d.]\d)(?:\D{0,8}?(?<h>[0-2]?\d)[:.](?<min>[0-5]\d)(?!\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<!\d)(?<y>(19|20)\d\d)[./](?<m>[01]?\d)[./](?<d>[0-3]?\d)(?!\d)(?:\D{0,4}(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstNumeric();

    [GeneratedRegex(@"(?<!\d)(?<d>[0-3]?\d)(?:\.|-?(?:th|st|nd|rd|er|º|de|-?ci|-?cı|-?cu|-?cü))?\s*(?:de\s+)?(?<month>\p{L}{3,12})\.?,?\s+(?:de\s+|del\s+)?(?<y>(19|20)\d\d)(?!\d)(?:\S*\s*(?:il|г\.|года|р\.|yılı|um|à|at|в|saat)?[,\s|\[(\-–—]*(?<h>[0-2]?\d)[:.](?<min>[0-5]\d)(?!\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex WordDate();

    [GeneratedRegex(@"\b(?<month>\p{L}{3,12})\.?\s+(?<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?<y>(19|20)\d\d)(?!\d)(?:[,\s]*(?:at|um|-|–|—|\|)?\s*(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthFirstWordDate();

    [GeneratedRegex(@"(?<!\d)(?<y>(19|20)\d\d)(?:-c[iıuü]\s+il(?:in)?|\s*г\.?|\s*года|\s*yılı)?,?\s+(?<d>[0-3]?\d)\s+(?<month>\p{L}{3,12})(?:\s+(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstWordDate();

    [GeneratedRegex(@"(?<y>(19|20)\d\d)\s?[年년]\s?(?<m>[01]?\d)\s?[月월]\s?(?<d>[0-3]?\d)\s?[日일]?(?:\D{0,4}(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex CjkDate();

    [GeneratedRegex(@"\b(?<month>\p{L}{4,10}(?:ın|in|un|ün|nın|nin))\s+(?<d>[0-3]?\d)-?(?:də|da|dək|dan|dən|i|ı|u|ü|si|sı|su|sü)?\b(?:\D{0,8}(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex GenitiveNoYear();
}
