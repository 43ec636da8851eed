using System.Text.RegularExpressions;
using Icmal.Model;
using Icmal.Text.Casing;
using Icmal.Text.Tokenization;

namespace Icmal.Analysis;

/// <summary>
/// A headline for a page that has none (an opinion piece copied without its header), made the way an editor would
/// make it from the lead sentence: who did or said what, short, never cut inside a word or a phrase.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The lead sentence, without a dateline ("Bakı, 9 noyabr, AZƏRTAC.").</item>
/// <item>Reported speech ("İlham Əliyev öz çıxışında vurğuladı ki, …") becomes "Speaker: what was said", the way
/// Azerbaijani portals headline statements; the speaker is the name the sentence opens with.</item>
/// <item>An apposition between dashes ("qardaş ölkə – Qazaxıstan –") is reduced to the name it gives.</item>
/// <item>While too long: a clause of a comma-joined sentence that ends in its own verb stands alone; comma-separated
/// clauses between the first and the last go; then adjunct phrases (a locative or ablative, a postposition: "cəmiyyət
/// və dövlət quruculuğu sahəsində", "səfər çərçivəsində") go, longest first. Azerbaijani puts the subject first and
/// the main verb last, so the opening name and the final phrase, which holds the predicate, always stay.</item>
/// <item>Last resort: cut after the last whole phrase that fits and mark the cut with "…"; never end on a
/// conjunction ("və", "ilə", "ki").</item>
/// </list>
/// </remarks>
public static partial class DerivedHeadline
{
    /// <summary>The longest derived headline; portal headlines rarely pass it.</summary>
    public const int MaxLength = 100;

    public static string From(IReadOnlyList<ArticleBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        string first = blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph)?.Text ?? blocks.FirstOrDefault()?.Text ?? "";
        string lead = LeadSentence(Dateline().Replace(first.Trim(), "", 1)).Trim().TrimEnd('.', ' ');
        if (lead.Length == 0) return "";
        string headline = ReportedSpeech(lead) ?? Shorten(Appositions(lead));
        return headline.Length > 0 ? headline : lead[..Math.Min(lead.Length, MaxLength)];
    }

    /// <summary>The text up to the first sentence-ending mark followed by a capital (abbreviations are tokens of their own).</summary>
    private static string LeadSentence(string text)
    {
        var tokens = AzTokenizer.TokenizeToList(text);
        for (int i = 0; i < tokens.Count - 1; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Punctuation || text[t.Start] is not ('.' or '!' or '?')) continue;
            var next = tokens[i + 1];
            if (next.IsWordLike && char.IsUpper(text[next.Start])) return text[..t.End];
        }
        return text;
    }

    /// <summary>"X … vurğuladı ki, Y" → "X: Y" when X opens the sentence with a name.</summary>
    private static string? ReportedSpeech(string sentence)
    {
        var tokens = AzTokenizer.TokenizeToList(sentence);
        int ki = tokens.FindIndex(t => t.IsWordLike && t.Of(sentence).SequenceEqual("ki"));
        if (ki < 2 || ki + 2 >= tokens.Count) return null;
        // The name the sentence opens with: "Azərbaycan Prezidenti İlham Əliyev" → "İlham Əliyev".
        int run = 0;
        while (run < ki && tokens[run].IsWordLike && char.IsUpper(sentence[tokens[run].Start])) run++;
        if (run == 0) return null;
        int from = run >= 3 ? run - 2 : 0;
        string speaker = sentence[tokens[from].Start..tokens[run - 1].End];
        int contentStart = tokens[ki + 1].Kind == TokenKind.Punctuation ? ki + 2 : ki + 1;
        string content = Appositions(sentence[tokens[contentStart].Start..].Trim());
        if (content.Length == 0) return null;
        content = string.Concat(AzCasing.ToUpper(content[..1]), content[1..]);
        string said = Shorten(content, MaxLength - speaker.Length - 2);
        return said.Length == 0 ? null : speaker + ": " + said;
    }

    /// <summary>"qardaş ölkə – Qazaxıstan – …" → "Qazaxıstan …": the name an apposition gives replaces a short description.</summary>
    private static string Appositions(string text)
    {
        var m = DashedApposition().Match(text);
        if (!m.Success) return text;
        string before = text[..m.Index];
        int lastBreak = Math.Max(before.LastIndexOf(',') + 1, 0);
        bool shortDescription = AzTokenizer.TokenizeToList(before[lastBreak..]).Count(t => t.IsWordLike) <= 3;
        string replaced = shortDescription
            ? string.Concat(before[..lastBreak], lastBreak > 0 ? " " : "", m.Groups["name"].Value, " ", text[(m.Index + m.Length)..])
            : string.Concat(before.TrimEnd(), " ", text[(m.Index + m.Length)..]);
        return Icmal.Text.Whitespace.Fold(replaced);
    }

    private static string Shorten(string clause) => Shorten(clause, MaxLength);

    private static string Shorten(string clause, int max)
    {
        if (clause.Length <= max) return clause;
        var parts = SplitCommaClauses(clause);
        // A first clause with its own verb is a sentence of its own ("Prezident Astanaya gəlib, …").
        if (parts.Count > 1 && parts[0].Length <= max && EndsInVerb(parts[0]) && WordCount(parts[0]) >= 4) return parts[0];
        string text = parts.Count > 2 ? parts[0] + " " + parts[^1] : clause;
        if (parts.Count > 2 && text.Length <= max) return text;
        text = DropAdjuncts(parts.Count > 2 ? text : clause, max);
        return text.Length <= max ? text : CutAtPhrase(text, max);
    }

    private static List<string> SplitCommaClauses(string text)
    {
        var result = new List<string>();
        int start = 0;
        foreach (var t in AzTokenizer.Tokenize(text))
        {
            if (t.Kind != TokenKind.Punctuation || text[t.Start] is not (',' or ';')) continue;
            string part = text[start..t.Start].Trim();
            if (part.Length > 0) result.Add(part);
            start = t.End;
        }
        string last = text[start..].Trim();
        if (last.Length > 0) result.Add(last);
        return result;
    }

    /// <summary>Adjunct phrases, longest first, until the clause fits; the opening names and the final phrase stay.</summary>
    private static string DropAdjuncts(string clause, int max)
    {
        var phrases = Phrases(clause);
        var kept = Enumerable.Repeat(true, phrases.Count).ToArray();
        int length = clause.Length;
        foreach (int i in Enumerable.Range(0, phrases.Count).Where(i => phrases[i].Adjunct && i < phrases.Count - 1).OrderByDescending(i => phrases[i].Text.Length))
        {
            if (length <= max) break;
            kept[i] = false;
            length -= phrases[i].Text.Length + 1;
        }
        return string.Join(' ', phrases.Where((_, i) => kept[i]).Select(p => p.Text));
    }

    private sealed record Phrase(string Text, bool Adjunct);

    /// <summary>
    /// The clause in phrases: the opening run of capitalised words (the subject's names), then runs of words each
    /// ending at an adjunct (a locative or ablative word, a postposition), then the rest, which holds the predicate.
    /// </summary>
    private static List<Phrase> Phrases(string clause)
    {
        var tokens = AzTokenizer.TokenizeToList(clause);
        var result = new List<Phrase>();
        int i = 0, start = 0;
        while (i < tokens.Count && tokens[i].IsWordLike && char.IsUpper(clause[tokens[i].Start])) i++;
        if (i > 0 && i < tokens.Count)
        {
            result.Add(new Phrase(clause[..tokens[i - 1].End], false));
            start = i;
        }
        for (; i < tokens.Count; i++)
        {
            if (!EndsAdjunct(clause, tokens, i)) continue;
            result.Add(new Phrase(clause[tokens[start].Start..tokens[i].End].Trim(), true));
            start = i + 1;
        }
        if (start < tokens.Count) result.Add(new Phrase(clause[tokens[start].Start..].Trim(), false));
        return result;
    }

    private static bool EndsAdjunct(string text, List<Token> tokens, int i)
    {
        var t = tokens[i];
        if (!t.IsWordLike) return false;
        string w = AzCasing.ToLower(t.Of(text).ToString());
        if (Postpositions.Contains(w)) return true;
        // A locative or ablative: "sahəsində", "Astanada", "ölkədən"; not short words ("də" the particle, "ədə").
        if (w.Length < 6) return false;
        return w.EndsWith("da", StringComparison.Ordinal) || w.EndsWith("də", StringComparison.Ordinal)
            || w.EndsWith("dan", StringComparison.Ordinal) || w.EndsWith("dən", StringComparison.Ordinal)
            || w.EndsWith("ta", StringComparison.Ordinal) || w.EndsWith("tə", StringComparison.Ordinal);
    }

    private static readonly HashSet<string> Postpositions = new(StringComparer.Ordinal)
    {
        "üçün", "ilə", "görə", "sonra", "əvvəl", "qədər", "kimi", "tərəfindən", "barədə", "haqqında", "ərzində", "zamanı",
        "vaxtı", "çərçivəsində", "sahəsində", "əsasında", "nəticəsində", "istiqamətində", "arasında", "üzrə", "başqa", "bəri",
    };

    /// <summary>Words a headline never ends on: conjunctions and particles that announce more.</summary>
    private static readonly HashSet<string> Dangling = new(StringComparer.Ordinal)
    {
        "və", "ilə", "ki", "həm", "də", "da", "amma", "lakin", "ancaq", "yaxud", "və ya", "ya", "isə", "hətta", "həmçinin",
        "and", "or", "but", "и", "или", "а", "но",
    };

    /// <summary>Cut after the last whole phrase that fits (else the last word), without a dangling conjunction.</summary>
    private static string CutAtPhrase(string text, int max)
    {
        var tokens = AzTokenizer.TokenizeToList(text);
        int end = 0, phraseEnd = 0;
        for (int i = 0; i < tokens.Count && tokens[i].End <= max - 1; i++)
        {
            if (tokens[i].Kind == TokenKind.Punctuation) continue;
            end = i;
            if (EndsAdjunct(text, tokens, i) || (i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Punctuation)) phraseEnd = i;
        }
        int last = phraseEnd > tokens.Count / 4 ? phraseEnd : end;
        while (last > 0 && tokens[last].IsWordLike && Dangling.Contains(AzCasing.ToLower(tokens[last].Of(text).ToString()))) last--;
        return text[..tokens[last].End].TrimEnd(',', ';', ':', '–', '-', ' ') + "…";
    }

    private static bool EndsInVerb(string clause)
    {
        string w = AzCasing.ToLower(clause.TrimEnd('.', ' ').Split(' ')[^1]);
        foreach (string s in (string[])["ıb", "ib", "ub", "üb", "dı", "di", "du", "dü", "dır", "dir", "dur", "dür", "acaq", "əcək", "ır", "ir", "ur", "ür", "ar", "ər"])
            if (w.EndsWith(s, StringComparison.Ordinal) && w.Length > s.Length + 2) return true;
        return false;
    }

    private static int WordCount(string text) => AzTokenizer.TokenizeToList(text).Count(t => t.IsWordLike);

    /// <summary>"Bakı, 9 noyabr, AZƏRTAC.", "Astana, 20 oktyabr (APA) –", "Bakı, 9 noyabr 2025 –": where and when, before the lead.</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L}-]+,\s+[0-9]{1,2}\s+\p{L}+(?:\s+[0-9]{4})?\s*(?:[,.]\s*\(?\p{Lu}[\p{Lu}\p{L}.\-]*\)?\s*[.:]|\(\p{Lu}[\p{L}.\-]*\)\s*[.:–—-]?|\s*[–—-])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"\s[–—]\s(?<name>\p{Lu}[\p{L}\-]*(?:\s\p{Lu}[\p{L}\-]*){0,2})\s[–—]\s", RegexOptions.CultureInvariant)]
    private static partial Regex DashedApposition();
}
