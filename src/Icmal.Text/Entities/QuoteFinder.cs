using Icmal.Text.Casing;

namespace Icmal.Text.Entities;

/// <summary>How a quote is given: in quotation marks, or reported ("X deyib ki, …").</summary>
public enum QuoteForm : byte
{
    /// <summary>The speaker's words in quotation marks.</summary>
    Direct,

    /// <summary>Reported speech: "X bildirib ki, …", "по словам X, …", "X said …".</summary>
    Reported,
}

/// <summary>
/// What someone said in a text: where the words stand, the words, and the speaker as an entity of the same text
/// (null when the text does not say who spoke).
/// </summary>
public sealed record Quote(int Start, int Length, string Text, QuoteForm Form, LinkedEntity? Speaker);

/// <summary>
/// Finds who said what. Direct quotes are the spans in “…”, «…» or "…" of four words or more (a quoted name such as
/// «Azərenerji» is no quote); reported speech is a clause after a speech verb with "ki" or a colon ("deyib ki,",
/// "bildirib:", "vurğuladı ki"), after "по словам X" / "according to X", or before or after "X said". The speaker is
/// the subject of the speech verb — the person (else organisation) mentioned nearest before the verb in its sentence
/// ("Şəbnəm Həsənova Sherg.az-a deyib ki, … İlham Əliyevlə …": Həsənova, not Əliyev, who comes after the verb); a
/// direct quote takes the speaker of the sentence that introduces it, of a "deyə X bildirib" after it, or of the quote
/// just before it. A pure function of the text and its linked entities.
/// </summary>
public static class QuoteFinder
{
    private const int MinimumWords = 4;

    /// <summary>Speech verbs in the forms the news uses; "qeyd"/"əlavə" + "edib" are matched as two words.</summary>
    private static readonly HashSet<string> SpeechVerbs = new(StringComparer.Ordinal)
    {
        "deyib", "dedi", "deyir", "deyiblər", "bildirib", "bildirdi", "bildirir", "bildiriblər", "vurğulayıb", "vurğuladı",
        "vurğulayır", "söyləyib", "söylədi", "söyləyir", "açıqlayıb", "açıqladı", "xatırladıb", "xatırlatdı", "çatdırıb",
        "bəyan", "qeyd", "əlavə", "said", "says", "told", "stated", "заявил", "заявила", "сказал", "сказала", "отметил",
        "отметила", "сообщил", "сообщила", "подчеркнул", "подчеркнула",
    };

    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal) { "edib", "etdi", "edir", "ediblər", "etmişdir" };

    /// <summary>The quotes of <paramref name="text"/>, in order, with speakers from <paramref name="entities"/> (the text's linked entities).</summary>
    public static List<Quote> Find(string text, IReadOnlyList<LinkedEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entities);
        var mentions = entities.SelectMany(e => e.Mentions.Select(m => (Mention: m, Entity: e))).OrderBy(x => x.Mention.Start).ToArray();
        var quotes = new List<Quote>();
        foreach (var (start, end) in QuotedSpans(text))
        {
            string inner = text[start..end].Trim();
            if (CountWords(inner) < MinimumWords) continue;
            LinkedEntity? speaker = SpeakerOfDirect(text, start - 1, end + 1, mentions, quotes);
            quotes.Add(new Quote(start, end - start, text[start..end], QuoteForm.Direct, speaker));
        }
        var direct = quotes.ToArray();
        foreach (var quote in ReportedSpeech(text, mentions))
        {
            if (direct.Any(d => quote.Start < d.Start + d.Length && d.Start < quote.Start + quote.Length)) continue;
            quotes.Add(quote);
        }
        quotes.Sort((a, b) => a.Start.CompareTo(b.Start));
        return quotes;
    }

    /// <summary>The inner spans of “…”, «…», „…“ and paired straight quotes; a quote may run over paragraph breaks but not past 3,000 characters.</summary>
    private static IEnumerable<(int Start, int End)> QuotedSpans(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            char open = text[i];
            char close = open switch { '“' => '”', '«' => '»', '„' => '“', '"' => '"', _ => '\0' };
            if (close == '\0') { i++; continue; }
            int limit = Math.Min(text.Length, i + 3000);
            int end = text.IndexOf(close, i + 1, limit - i - 1);
            if (end < 0) { i++; continue; }
            yield return (i + 1, end);
            i = end + 1;
        }
    }

    private static LinkedEntity? SpeakerOfDirect(string text, int open, int close, (EntityMention Mention, LinkedEntity Entity)[] mentions, List<Quote> earlier)
    {
        // "…", – deyə X bildirib.  /  "…", X said.
        int sentenceEnd = SentenceEnd(text, close);
        if (text.AsSpan(close, sentenceEnd - close).Contains("deyə", StringComparison.Ordinal) || FindVerb(text, close, sentenceEnd) >= 0)
        {
            var first = mentions.Where(m => m.Mention.Start >= close && m.Mention.End <= sentenceEnd).OrderBy(m => m.Mention.Kind == EntityKind.Person ? 0 : 1).ThenBy(m => m.Mention.Start).FirstOrDefault();
            if (first.Entity is not null) return first.Entity;
        }
        // Introduced by the sentence before: "X deyib ki, …:" or "X: "…"".
        int before = open;
        while (before > 0 && char.IsWhiteSpace(text[before - 1])) before--;
        int sentenceStart = SentenceStart(text, before > 0 ? before - 1 : 0);
        int verb = FindVerb(text, sentenceStart, before);
        bool introduced = before > 0 && text[before - 1] is ':' or ',' || verb >= 0;
        if (introduced && SubjectBefore(verb >= 0 ? verb : before, sentenceStart, mentions) is { } subject) return subject;
        // A quote continued after a break: the speaker of the quote just before.
        if (earlier.Count > 0 && earlier[^1] is { Speaker: not null } previous && open - (previous.Start + previous.Length) < 300) return previous.Speaker;
        return null;
    }

    private static IEnumerable<Quote> ReportedSpeech(string text, (EntityMention Mention, LinkedEntity Entity)[] mentions)
    {
        int i = 0;
        while (i < text.Length)
        {
            int end = SentenceEnd(text, i);
            foreach (var quote in InSentence(text, i, end, mentions)) yield return quote;
            i = end + 1;
        }
    }

    private static IEnumerable<Quote> InSentence(string text, int start, int end, (EntityMention Mention, LinkedEntity Entity)[] mentions)
    {
        // The sentence read in place (text[start..end]), not copied: this runs for every sentence of every article.
        var sentence = text.AsSpan(start, end - start);
        // "по словам X, …" / "according to X, …" / "X-in sözlərinə görə, …"
        foreach (string lead in (ReadOnlySpan<string>)["по словам ", "По словам ", "according to ", "According to "])
        {
            int at = sentence.IndexOf(lead, StringComparison.Ordinal);
            if (at < 0) continue;
            int comma = sentence[(at + lead.Length)..].IndexOf(',');
            if (comma < 0) continue;
            comma += at + lead.Length;
            int after = start + comma + 1;
            var speaker = mentions.Where(m => m.Mention.Start >= start + at && m.Mention.End <= start + comma).Select(m => m.Entity).FirstOrDefault();
            if (speaker is not null && Clause(text, after, end) is { } c) yield return new Quote(c.Start, c.End - c.Start, text[c.Start..c.End], QuoteForm.Reported, speaker);
            yield break;
        }
        int verb = FindVerb(text, start, end);
        if (verb < 0) yield break;
        int verbEnd = WordEnd(text, verb);
        string verbWord = AzCasing.ToLower(text[verb..verbEnd]);
        if (verbWord is "qeyd" or "əlavə" or "bəyan")
        {
            int aux = SkipSpaces(text, verbEnd);
            if (!Auxiliaries.Contains(AzCasing.ToLower(text[aux..WordEnd(text, aux)]))) yield break;
            verbEnd = WordEnd(text, aux);
        }
        var subject = SubjectBefore(verb, start, mentions);
        // "X deyib ki, …" / "X bildirib: …" / "X said (that) …" / "X заявил, что …"
        int p = SkipSpaces(text, verbEnd);
        int from = -1;
        if (p < text.Length && text[p] == ':') from = p + 1;
        else
        {
            if (p < text.Length && text[p] == ',') p = SkipSpaces(text, p + 1);
            string next = text[p..WordEnd(text, p)];
            if (next is "ki" or "that" or "что") from = WordEnd(text, p);
            else if (verbWord is "said" or "says" && next.Length > 0) from = p;
        }
        if (from >= 0)
        {
            if (subject is not null && Clause(text, from, end) is { } c) yield return new Quote(c.Start, c.End - c.Start, text[c.Start..c.End], QuoteForm.Reported, subject);
            yield break;
        }
        // "…, X said." — the words before the speaker.
        if (verbWord is "said" or "says" && subject is not null)
        {
            var mention = mentions.Last(m => m.Entity == subject && m.Mention.End <= verb);
            int comma = text.LastIndexOf(',', mention.Mention.Start, mention.Mention.Start - start);
            if (comma > start && Clause(text, start, comma) is { } c) yield return new Quote(c.Start, c.End - c.Start, text[c.Start..c.End], QuoteForm.Reported, subject);
        }
    }

    /// <summary>The trimmed clause between <paramref name="from"/> and <paramref name="to"/>, when it has words enough to be speech.</summary>
    private static (int Start, int End)? Clause(string text, int from, int to)
    {
        while (from < to && (char.IsWhiteSpace(text[from]) || text[from] is ',' or '–' or '-')) from++;
        while (to > from && (char.IsWhiteSpace(text[to - 1]) || text[to - 1] is ':' or ',')) to--;
        return CountWords(text[from..to]) >= MinimumWords ? (from, to) : null;
    }

    /// <summary>The person mentioned nearest before <paramref name="verb"/> in its sentence, else the organisation.</summary>
    private static LinkedEntity? SubjectBefore(int verb, int sentenceStart, (EntityMention Mention, LinkedEntity Entity)[] mentions)
    {
        LinkedEntity? organisation = null;
        for (int k = mentions.Length - 1; k >= 0; k--)
        {
            var (m, e) = mentions[k];
            if (m.End > verb) continue;
            if (m.Start < sentenceStart) break;
            if (e.Kind == EntityKind.Person) return e;
            if (e.Kind == EntityKind.Organization) organisation ??= e;
        }
        return organisation;
    }

    /// <summary>The start of the first speech verb in [from, to), or -1.</summary>
    private static int FindVerb(string text, int from, int to)
    {
        int i = from;
        while (i < to)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int end = WordEnd(text, i);
            if (end <= to && IsSpeechVerb(text.AsSpan(i, end - i))) return i;
            i = end;
        }
        return -1;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpeechVerbSpans = SpeechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int ShortestSpeechVerb = SpeechVerbs.Min(v => v.Length);
    private static readonly int LongestSpeechVerb = SpeechVerbs.Max(v => v.Length);

    /// <summary>
    /// True when <paramref name="word"/>, lower-cased (Azerbaijani rules), is a speech verb: every word of every article
    /// is asked, so the word is lower-cased on the stack, not into a new string.
    /// </summary>
    private static bool IsSpeechVerb(ReadOnlySpan<char> word)
    {
        if (word.Length < ShortestSpeechVerb || word.Length > LongestSpeechVerb) return false;
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        return SpeechVerbSpans.Contains(lower);
    }

    /// <summary>The end (exclusive) of the sentence holding <paramref name="i"/>: after . ! ? followed by space, or at a line break.</summary>
    private static int SentenceEnd(string text, int i)
    {
        for (int k = i; k < text.Length; k++)
        {
            char c = text[k];
            if (c == '\n') return k;
            if (c is '.' or '!' or '?' && (k + 1 == text.Length || char.IsWhiteSpace(text[k + 1]))) return k + 1;
        }
        return text.Length;
    }

    private static int SentenceStart(string text, int i)
    {
        for (int k = Math.Min(i, text.Length - 1); k > 0; k--)
        {
            char c = text[k - 1];
            if (c == '\n' || c is '.' or '!' or '?' && char.IsWhiteSpace(text[k])) return k;
        }
        return 0;
    }

    private static int WordEnd(string text, int p)
    {
        while (p < text.Length && char.IsLetter(text[p])) p++;
        return p;
    }

    private static int SkipSpaces(string text, int p)
    {
        while (p < text.Length && text[p] is ' ' or '\u00A0') p++;
        return p;
    }

    private static int CountWords(string s)
    {
        int n = 0;
        bool inWord = false;
        foreach (char c in s)
        {
            bool letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) n++;
            inWord = letter;
        }
        return n;
    }
}
