using System.Collections.Frozen;
using Icmal.Text.Casing;

namespace Icmal.Text.StopWords;

/// <summary>
/// Azerbaijani stop words (function words: conjunctions, postpositions, pronouns, particles, auxiliaries) for search
/// and clustering, and the number words kept apart because figures need them ("iki milyon", "yüzdə beş").
/// Look-ups are lower-cased with <see cref="AzCasing"/>. Thread-safe.
/// </summary>
public static class AzStopWords
{
    private static readonly string[] StopWordList =
    [
        "və", "ilə", "da", "də", "ki", "bu", "o", "bir", "üçün", "isə", "ya", "yaxud", "və ya", "amma", "ancaq", "lakin", "fəqət",
        "çünki", "əgər", "hətta", "həm", "həmçinin", "habelə", "eləcə", "belə", "elə", "onun", "onu", "ona", "onda", "ondan",
        "onlar", "onların", "onları", "onlara", "onlarda", "onlardan", "bunun", "bunu", "buna", "bunda", "bundan", "bunlar",
        "bunların", "bunları", "bunlara", "mən", "sən", "biz", "siz", "məni", "səni", "bizi", "sizi", "mənim", "sənin",
        "bizim", "sizin", "mənə", "sənə", "bizə", "sizə", "məndə", "səndə", "bizdə", "sizdə", "özü", "özünü", "özünə",
        "özünün", "özləri", "öz", "hər", "heç", "bəzi", "bütün", "hamı", "hamısı", "çox", "az", "daha", "ən", "artıq",
        "hələ", "yenə", "yalnız", "təkcə", "sadəcə", "məhz", "necə", "nə", "niyə", "nədən", "harada", "haradan", "hara",
        "haqqında", "barədə", "görə", "qədər", "kimi", "sonra", "əvvəl", "qabaq", "üzrə", "tərəfindən", "arasında",
        "ərzində", "zamanı", "vaxtı", "başqa", "digər", "eyni", "həmin", "bəli", "xeyr", "yox", "deyil", "var", "yoxdur",
        "idi", "imiş", "isə", "olan", "olub", "olur", "olaraq", "olduğu", "olduğunu", "olunur", "olunub", "edib", "edir",
        "etdi", "edən", "etmək", "olmaq", "olar", "olacaq", "oldu", "ilk", "son", "hansı", "kim", "kimin", "kimə", "nəyi",
        "dək", "qarşı", "doğru", "sarı", "tək", "sanki", "guya", "axı", "bəs", "yəni", "həmişə", "indi", "artıq", "onsuz",
        "əlbəttə", "isə", "halda", "ilə bağlı", "bağlı", "dair", "əsasən", "əsasında", "vasitəsilə", "yanında", "üstündə",
        "altında", "içində", "da", "mı", "mi", "mu", "mü", "ha", "hə", "ey", "ay", "axır", "bunlardan", "onlardan", "hansı ki",
    ];

    private static readonly string[] NumberWordList =
    [
        "sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz", "on", "iyirmi", "otuz", "qırx",
        "əlli", "altmış", "yetmiş", "səksən", "doxsan", "yüz", "min", "milyon", "milyard", "trilyon", "yarım", "rüb",
        "birinci", "ikinci", "üçüncü", "dördüncü", "beşinci", "altıncı", "yeddinci", "səkkizinci", "doqquzuncu", "onuncu",
        "yüzüncü", "mininci", "ilk", "tək", "cüt", "faiz", "dəfə", "qat",
    ];

    private static readonly FrozenDictionary<string, long> NumberValues = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["sıfır"] = 0, ["bir"] = 1, ["iki"] = 2, ["üç"] = 3, ["dörd"] = 4, ["beş"] = 5, ["altı"] = 6, ["yeddi"] = 7,
        ["səkkiz"] = 8, ["doqquz"] = 9, ["on"] = 10, ["iyirmi"] = 20, ["otuz"] = 30, ["qırx"] = 40, ["əlli"] = 50,
        ["altmış"] = 60, ["yetmiş"] = 70, ["səksən"] = 80, ["doxsan"] = 90, ["yüz"] = 100, ["min"] = 1_000,
        ["milyon"] = 1_000_000, ["milyard"] = 1_000_000_000, ["trilyon"] = 1_000_000_000_000,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Stop = StopWordList.Where(w => !w.Contains(' ', StringComparison.Ordinal)).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> Numbers = NumberWordList.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup = Stop.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NumberLookup = Numbers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> ValueLookup = NumberValues.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The stop words (single words), number words excluded except "bir".</summary>
    public static IReadOnlySet<string> All => Stop;

    /// <summary>The number words: cardinals, ordinals, "yarım", "faiz", "dəfə".</summary>
    public static IReadOnlySet<string> NumberWords => Numbers;

    /// <summary>True for a stop word (any case).</summary>
    public static bool IsStopWord(ReadOnlySpan<char> word) => Lookup(word, StopLookup);

    /// <summary>True for a number word (any case): "iki", "milyon", "birinci", "yarım".</summary>
    public static bool IsNumberWord(ReadOnlySpan<char> word) => Lookup(word, NumberLookup);

    /// <summary>The value of a cardinal number word ("iki" → 2, "milyard" → 10⁹), or null.</summary>
    public static long? NumberValue(ReadOnlySpan<char> word)
    {
        if (word.Length > 16) return null;
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        return ValueLookup.TryGetValue(lower, out long v) ? v : null;
    }

    private static bool Lookup(ReadOnlySpan<char> word, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set)
    {
        if (word.Length > 16 || word.IsEmpty) return false;
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        return set.Contains(lower);
    }
}
