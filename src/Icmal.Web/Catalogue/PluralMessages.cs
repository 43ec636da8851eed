using System.Globalization;

namespace Icmal.Web.Catalogue;

/// <summary>The forms a counted word takes, as CLDR names them for cardinal numbers (only those the catalogue's languages use).</summary>
public enum PluralCategory
{
    /// <summary>English and Azerbaijani 1; Russian 1, 21, 101 (but not 11, 111): "1 report", "21 новость".</summary>
    One,

    /// <summary>Russian 2–4, 22–24 (but not 12–14): "3 новости".</summary>
    Few,

    /// <summary>Russian 0, 5–20, 25–30, 11–14, 111: "5 новостей".</summary>
    Many,

    /// <summary>Every other number: English "5 reports", and a fraction in any language ("2,5 новости").</summary>
    Other,
}

/// <summary>
/// Counted words in the catalogue. An entry writes a count's forms as ICU MessageFormat writes a plural, inside the
/// entry's own composite format: <c>{0, plural, one {# report} other {# reports}} · {1}</c>. The form chosen is the
/// one the interface language gives that number (CLDR's cardinal rules), <c>#</c> stands for the number written as the
/// language writes numbers (1,234 / 1 234 / 1.234), and an exact match (<c>=0 {…}</c>) comes before the category.
/// "1 reports" and "Прочитано раз: 1" were what the portal said before: English needs one form for 1, Russian three
/// (1, 21 новость; 2–4, 22 новости; 5–20, 25 новостей). Azerbaijani needs none (a noun after a number stays as it is:
/// "5 xəbər"), so its entries keep plain placeholders.
/// </summary>
public static class PluralMessages
{
    private const string Marker = "plural";

    /// <summary>The languages whose rules are written here, each with the categories its entries must give.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PluralCategory>> Categories { get; } = new Dictionary<string, IReadOnlyList<PluralCategory>>(StringComparer.Ordinal)
    {
        ["az"] = [PluralCategory.One, PluralCategory.Other],
        ["en"] = [PluralCategory.One, PluralCategory.Other],
        ["ru"] = [PluralCategory.One, PluralCategory.Few, PluralCategory.Many, PluralCategory.Other],
    };

    /// <summary>
    /// The category of <paramref name="number"/> in <paramref name="language"/> (a two-letter code). A language not
    /// listed in <see cref="Categories"/> is given English's rule, which most languages share (one for 1 alone).
    /// </summary>
    public static PluralCategory CategoryOf(string language, decimal number)
    {
        ArgumentNullException.ThrowIfNull(language);
        decimal n = Math.Abs(number);
        bool whole = n == decimal.Truncate(n);
        if (!whole) return PluralCategory.Other;
        if (!string.Equals(language, "ru", StringComparison.Ordinal)) return n == 1 ? PluralCategory.One : PluralCategory.Other;
        decimal mod10 = n % 10, mod100 = n % 100;
        if (mod10 == 1 && mod100 != 11) return PluralCategory.One;
        if (mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14) return PluralCategory.Few;
        return PluralCategory.Many;
    }

    /// <summary>
    /// <paramref name="message"/> with each plural block replaced by the form its argument takes in
    /// <paramref name="culture"/>'s language, <c>#</c> made the argument's placeholder: a composite format for
    /// <see cref="string.Format(IFormatProvider, string, object[])"/> with the same arguments. A message with no
    /// plural block is returned as it is.
    /// </summary>
    /// <exception cref="FormatException">A plural block is not closed, names an argument not given, or gives no form for the number.</exception>
    public static string Select(string message, IReadOnlyList<object?> arguments, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(culture);
        if (!message.Contains(Marker, StringComparison.Ordinal)) return message;
        return string.Concat(Parts(message).Select(part => part.Block is { } block ? Chosen(block, arguments, culture) : part.Text));
    }

    /// <summary>The plural blocks of <paramref name="message"/>: each one's argument and the selectors it gives a form for (<c>one</c>, <c>=0</c>).</summary>
    /// <exception cref="FormatException">A block is not closed or a selector has no form.</exception>
    public static IReadOnlyList<(int Argument, IReadOnlyList<string> Selectors)> Blocks(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return [.. Parts(message).Where(p => p.Block is not null)
            .Select(p => (p.Block!.Argument, (IReadOnlyList<string>)[.. p.Block.Forms.Select(f => f.Selector)]))];
    }

    /// <summary>
    /// The message in order: runs of text (Block null) and plural blocks. An escaped brace belongs to the text, so that
    /// "{{0, plural" is not taken for a block.
    /// </summary>
    private static IEnumerable<(string Text, Block? Block)> Parts(string message)
    {
        int text = 0, at = 0;
        while (at < message.Length)
        {
            if (message[at] is '{' or '}' && at + 1 < message.Length && message[at + 1] == message[at])
            {
                at += 2;
                continue;
            }
            if (PluralAt(message, at) is not { } block)
            {
                at++;
                continue;
            }
            if (at > text) yield return (message[text..at], null);
            yield return ("", block);
            at = text = block.End;
        }
        if (at > text) yield return (message[text..], null);
    }

    /// <summary>The form <paramref name="block"/> gives its argument, <c>#</c> made the argument's placeholder.</summary>
    private static string Chosen(Block block, IReadOnlyList<object?> arguments, CultureInfo culture)
    {
        if (block.Argument >= arguments.Count)
            throw new FormatException($"the plural block at {block.Start} counts argument {block.Argument}, but {arguments.Count} are given");
        var form = Form(block, arguments[block.Argument], culture)
            ?? throw new FormatException($"the plural block at {block.Start} gives no form for {arguments[block.Argument]}");
        return WithNumber(form, block.Argument);
    }

    private sealed record Block(int Start, int Argument, IReadOnlyList<(string Selector, string Form)> Forms, int End);

    /// <summary>The plural block starting at <paramref name="start"/> (a "{" followed by "N, plural,"), or null when none starts there.</summary>
    private static Block? PluralAt(string message, int start)
    {
        if (message[start] != '{') return null;
        int at = start + 1;
        int digits = at;
        while (at < message.Length && char.IsAsciiDigit(message[at])) at++;
        if (at == digits) return null;
        int argument = int.Parse(message.AsSpan(digits, at - digits), NumberStyles.None, CultureInfo.InvariantCulture);
        at = SkipSpaces(message, at);
        if (at >= message.Length || message[at] != ',') return null;
        at = SkipSpaces(message, at + 1);
        if (string.CompareOrdinal(message, at, Marker, 0, Marker.Length) != 0) return null;
        at = SkipSpaces(message, at + Marker.Length);
        if (at >= message.Length || message[at] != ',') return null;
        var forms = new List<(string, string)>();
        for (at = SkipSpaces(message, at + 1); ; at = SkipSpaces(message, at))
        {
            if (at >= message.Length) throw new FormatException($"the plural block at {start} is not closed: {message}");
            if (message[at] == '}') return new Block(start, argument, forms, at + 1);
            int selector = at;
            while (at < message.Length && message[at] is not ('{' or '}') && !char.IsWhiteSpace(message[at])) at++;
            string name = message[selector..at];
            at = SkipSpaces(message, at);
            if (name.Length == 0 || at >= message.Length || message[at] != '{')
                throw new FormatException($"the plural block at {start} has a selector without its form in braces: {message}");
            int close = Matching(message, at) ?? throw new FormatException($"the form of '{name}' at {at} is not closed: {message}");
            forms.Add((name, message[(at + 1)..close]));
            at = close + 1;
        }
    }

    /// <summary>The index of the brace that closes the one at <paramref name="open"/>, counting the braces of placeholders inside.</summary>
    private static int? Matching(string message, int open)
    {
        int depth = 0;
        for (int i = open; i < message.Length; i++)
        {
            if (message[i] == '{') depth++;
            else if (message[i] == '}' && --depth == 0) return i;
        }
        return null;
    }

    private static int SkipSpaces(string message, int at)
    {
        while (at < message.Length && char.IsWhiteSpace(message[at])) at++;
        return at;
    }

    /// <summary>The block's form for <paramref name="argument"/>: an exact match first, then its category's, then <c>other</c>.</summary>
    private static string? Form(Block block, object? argument, CultureInfo culture)
    {
        if (Number(argument) is not { } number) return Find(block, "other");
        string exact = "=" + number.ToString(CultureInfo.InvariantCulture);
        return Find(block, exact) ?? Find(block, Name(CategoryOf(culture.TwoLetterISOLanguageName, number))) ?? Find(block, "other");
    }

    private static string? Find(Block block, string selector)
    {
        foreach (var (name, form) in block.Forms)
        {
            if (string.Equals(name, selector, StringComparison.Ordinal)) return form;
        }
        return null;
    }

    /// <summary>A category's selector as ICU writes it.</summary>
    public static string Name(PluralCategory category) => category switch
    {
        PluralCategory.One => "one",
        PluralCategory.Few => "few",
        PluralCategory.Many => "many",
        _ => "other",
    };

    private static decimal? Number(object? argument) => argument switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        uint u => u,
        ulong u => u,
        decimal d => d,
        double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => (decimal)d,
        float f when float.IsFinite(f) && Math.Abs(f) < 1e15f => (decimal)f,
        _ => null,
    };

    /// <summary><paramref name="form"/> with each <c>#</c> outside its own placeholders made the counted argument, grouped by the culture.</summary>
    private static string WithNumber(string form, int argument)
    {
        string number = "{" + argument.ToString(CultureInfo.InvariantCulture) + ":#,0.##}";
        var pieces = new List<string>();
        int depth = 0, from = 0;
        for (int i = 0; i < form.Length; i++)
        {
            if (form[i] == '{') depth++;
            else if (form[i] == '}') depth--;
            else if (form[i] == '#' && depth == 0)
            {
                pieces.Add(form[from..i]);
                pieces.Add(number);
                from = i + 1;
            }
        }
        pieces.Add(form[from..]);
        return string.Concat(pieces);
    }
}
