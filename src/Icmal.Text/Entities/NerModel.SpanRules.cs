using Icmal.Text.StopWords;

namespace Icmal.Text.Entities;

/// <summary>
/// The rules that mend a decoded sentence's spans where the weights cannot know better: quotes around a name kept both
/// in or both out, no name starting with a function word, a company form after a name making one organisation with
/// it, and no name of a law or a document (<see cref="Decode"/> runs them in that order after Viterbi, then
/// <see cref="KnownNames"/>).
/// </summary>
public sealed partial class NerModel
{
    /// <summary>Company forms written after the name: "Azərsu ASC", "\"Azərkinovideo\" İB", "AZPETROL LTD" (upper case only).</summary>
    private static readonly HashSet<string> CompanyFormWords = new(StringComparer.Ordinal)
    {
        "asc", "mmc", "qsc", "ask", "aş", "ltd", "llc", "inc", "jsc", "plc", "ib", "gmbh",
    };

    /// <summary>
    /// A company form after a name makes the name and the form one organisation ("Azərsu ASC", "\"Azon Zavodu\" MMC",
    /// "Kapital Bank ASC"): the quoted name or the capitalised words just before the form, whatever the weights said of
    /// them (a place: "Azərsu"), and the form itself. The training sentences hold no such form (train.conll has no ASC
    /// or MMC at all), while news names companies so all the time; valid writes the form inside the name 5 times of 6.
    /// </summary>
    internal static void CompanyForms(NerToken[] sentence, Span<int> tags)
    {
        int n = sentence.Length;
        for (int i = 1; i < n; i++)
        {
            var form = sentence[i];
            if (form.Case != CaseClass.AllCapitals && !(form.Case == CaseClass.CapitalInner && form.Lower.Length <= 3)) continue;
            if (!CompanyFormWords.Contains(form.Lower)) continue;
            int start = i - 1;
            var before = sentence[start];
            if (before.IsQuote && !before.OpensQuote)
            {
                // Back to the opening quote, through at most eight words.
                int open = start - 1;
                while (open >= 0 && start - open <= 9 && !sentence[open].IsQuote) open--;
                if (open < 0 || start - open > 9 || !sentence[open].OpensQuote || open + 1 == start) continue;
                start = open;
            }
            else if (before.IsCapitalised && !StopWords.AzStopWords.IsStopWord(before.Lower))
            {
                // The capitalised words before the form, no further back than a name the tagger began earlier.
                while (start > 0 && start > i - 6 && sentence[start - 1].IsCapitalised
                    && !sentence[start - 1].ClosingCase && !sentence[start - 1].Genitive && !StopWords.AzStopWords.IsStopWord(sentence[start - 1].Lower))
                    start--;
                // Where the tagger read a name starting inside the run, keep its start.
                for (int j = start; j < i; j++)
                    if (tags[j] != NerTags.O && !NerTags.IsInside(tags[j])) { start = j; break; }
            }
            else continue;
            // A name the tagger began before the run and carried into it keeps its start.
            while (start > 0 && NerTags.IsInside(tags[start])) start--;
            for (int j = start; j <= i; j++) tags[j] = j == start ? NerTags.Begin(EntityKind.Organization) : NerTags.Inside(EntityKind.Organization);
            // A name the tagger carried on past the form is cut at it ("Azərkinovideo İB | Mədəniyyət Nazirliyinin").
            // A joining word there ("ASC | və Kənd Təsərrüfatı Nazirliyinin") starts nothing.
            int next = i + 1;
            while (next < n && NerTags.IsInside(tags[next]) && !sentence[next].IsCapitalised && !sentence[next].IsQuote) tags[next++] = NerTags.O;
            if (next < n && NerTags.IsInside(tags[next])) tags[next] = NerTags.Begin(NerTags.KindOf(tags[next])!.Value);
        }
    }

    /// <summary>
    /// A name never starts with a function word: a capitalised "Bunu", "Həm" or "Bu" opening a sentence before a name
    /// ("Bunu Dövlət İmtahan Mərkəzinin …" in news) is left out of it, here as in <see cref="NamedEntityTagger.Find(string, string?)"/>,
    /// so that sentences scored one at a time read the same.
    /// </summary>
    internal static void NoStopWordStarts(NerToken[] sentence, Span<int> tags)
    {
        for (int i = 0; i < tags.Length; i++)
        {
            if (tags[i] == NerTags.O || NerTags.IsInside(tags[i]) || !AzStopWords.IsStopWord(sentence[i].Lower)) continue;
            NerTags.Drop(tags, i);
        }
    }

    /// <summary>
    /// The nouns of laws and documents, lower-cased: "Vergi Məcəlləsi", "Əmək Məcəlləsinin", "Paris Sazişi". The training
    /// sentences tag none of these as a name (their 120-odd capitalised and plain uses are all outside names), and
    /// İcmal keeps people, organisations and places: a law code is none of them. The weights, which never saw
    /// "Məcəllə", read "Vergi Məcəlləsinin" as a person (11 banker.az articles); an organisation that a document's name
    /// is part of ends in another word ("Kollektiv Təhlükəsizlik Müqaviləsi Təşkilatı") and is kept.
    /// </summary>
    private static readonly string[] DocumentWords =
    [
        "məcəllə", "konstitusiya", "qanun", "fərman", "sərəncam", "saziş", "müqavilə", "bəyannamə", "konvensiya",
        "xartiya", "strategiya", "proqram", "qətnamə", "memorandum",
    ];

    /// <summary>The third person's possessive after a word (Məcəllə-si, Qanun-u), before a case ending.</summary>
    private static readonly string[] Possessives = ["sı", "si", "su", "sü", "ı", "i", "u", "ü"];

    /// <summary>A name whose last word is a law's or a document's noun, bare, possessed or inflected, is no name.</summary>
    internal static void NoDocumentNames(NerToken[] sentence, Span<int> tags)
    {
        for (int from = 0; NextName(tags, from, out int start, out int end); from = end)
        {
            if (IsDocumentWord(sentence[end - 1].Lower))
                tags[start..end].Fill(NerTags.O);
        }
    }

    /// <summary>The first name at or after <paramref name="from"/>: a B- tag and the I- tags after it, as [start, end).</summary>
    private static bool NextName(ReadOnlySpan<int> tags, int from, out int start, out int end)
    {
        start = from;
        while (start < tags.Length && (tags[start] == NerTags.O || NerTags.IsInside(tags[start]))) start++;
        end = start + 1;
        while (end < tags.Length && NerTags.IsInside(tags[end])) end++;
        return start < tags.Length;
    }

    private static bool IsDocumentWord(string lower)
    {
        foreach (string noun in DocumentWords)
        {
            if (!lower.StartsWith(noun, StringComparison.Ordinal)) continue;
            var rest = lower.AsSpan(noun.Length);
            if (rest.IsEmpty || NameCaseEndings.Contains(rest.ToString())) return true;
            foreach (string possessive in Possessives)
            {
                if (!rest.StartsWith(possessive, StringComparison.Ordinal)) continue;
                var after = rest[possessive.Length..];
                if (after.IsEmpty || EntityLinker.PossessiveThenCase.Contains(after.ToString())) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Quotes around a name as the training data writes them, every time: a quoted name alone leaves its quotes out
    /// (<c>" Azon " zavodu</c> → Azon), a quoted name that the name goes on past (<c>" ADA " Universiteti</c>) takes the
    /// opening quote in with the closing one. The weights alone left half a pair inside a name now and then
    /// (<c>Qafqaz və Merkuri " Səhmdar Cəmiyyətinin</c>, <c>" Azərişıq</c>), which matches neither reading.
    /// </summary>
    internal static void BalanceQuotes(NerToken[] sentence, Span<int> tags)
    {
        for (int from = 0; NextName(tags, from, out int start, out int end); from = end)
        {
            var kind = NerTags.KindOf(tags[start])!.Value;
            int first = start, last = end - 1;
            // A closing quote inside whose opening one is just before the name: take the opening quote in.
            bool closesInside = false;
            for (int j = first; j <= last; j++)
            {
                if (!sentence[j].IsQuote) continue;
                closesInside = !sentence[j].OpensQuote && j > first;
                break;
            }
            if (closesInside && first > 0 && sentence[first - 1].IsQuote && sentence[first - 1].OpensQuote && tags[first - 1] == NerTags.O)
                first--;
            // Quotes at the edges that pair with nothing inside, or that wrap the whole name: left out.
            while (first <= last)
            {
                bool trimmed = false;
                if (sentence[last].IsQuote && (sentence[last].OpensQuote || !HasOpeningQuote(sentence, first, last)))
                {
                    last--;
                    trimmed = true;
                }
                else if (sentence[first].IsQuote && sentence[first].OpensQuote && !HasClosingQuote(sentence, first + 1, last))
                {
                    first++;
                    trimmed = true;
                }
                else if (last > first && sentence[first].IsQuote && sentence[last].IsQuote && sentence[first].OpensQuote && !sentence[last].OpensQuote
                    && !HasClosingQuote(sentence, first + 1, last - 1))
                {
                    first++;
                    last--;
                    trimmed = true;
                }
                if (!trimmed) break;
            }
            for (int j = start; j < end; j++) tags[j] = NerTags.O;
            for (int j = first; j <= last; j++) tags[j] = j == first ? NerTags.Begin(kind) : NerTags.Inside(kind);
        }
    }

    private static bool HasOpeningQuote(NerToken[] sentence, int from, int to)
    {
        for (int j = from; j < to; j++)
            if (sentence[j].IsQuote && sentence[j].OpensQuote) return true;
        return false;
    }

    private static bool HasClosingQuote(NerToken[] sentence, int from, int to)
    {
        for (int j = from; j <= to; j++)
            if (sentence[j].IsQuote && !sentence[j].OpensQuote) return true;
        return false;
    }
}
