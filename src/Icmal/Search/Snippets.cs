using System.Text;
using Icmal.Text.Search;

namespace Icmal.Search;

/// <summary>
/// The passage of an article shown under its title in a result list: the window of about <see cref="Words"/> words
/// holding the most distinct words of the query, with each matched word marked in the form the text uses
/// ("Qazaxıstanla" for the query "qazaxistan": the text's words are keyed with the same function as the query's).
/// </summary>
public static class Snippets
{
    /// <summary>How many words a snippet shows.</summary>
    public const int Words = 30;

    /// <summary>How far into a long text a snippet is looked for, in words.</summary>
    public const int MaxWordsRead = 20_000;

    public static Snippet Make(string text, IReadOnlySet<string> keys)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(keys);
        var words = WordsOf(text, keys);
        if (words.Count == 0) return text.Length == 0 ? Snippet.Empty : new Snippet([new SnippetPart(Plain(text.Length > 200 ? text[..200] + " …" : text), false)]);
        int first = BestWindow(words);
        int last = Math.Min(words.Count, first + Words) - 1;
        var parts = new List<SnippetPart>();
        if (first > 0) parts.Add(new SnippetPart("… ", false));
        int at = words[first].Start;
        for (int i = first; i <= last; i++)
        {
            var w = words[i];
            if (!w.Matched) continue;
            if (w.Start > at) parts.Add(new SnippetPart(Plain(text[at..w.Start]), false));
            parts.Add(new SnippetPart(text.Substring(w.Start, w.Length), true));
            at = w.Start + w.Length;
        }
        int end = words[last].Start + words[last].Length;
        if (end > at) parts.Add(new SnippetPart(Plain(text[at..end]), false));
        if (last < words.Count - 1) parts.Add(new SnippetPart(" …", false));
        return new Snippet(parts);
    }

    private readonly record struct Word(int Start, int Length, bool Matched, string? Key);

    /// <summary>The words of the text (a compound's parts are one word), each with the query key it matched, if any.</summary>
    private static List<Word> WordsOf(string text, IReadOnlySet<string> keys)
    {
        var words = new List<Word>();
        // Only words whose key can begin as a query key does are keyed (the others can match none): most of a text.
        foreach (var k in SearchKeys.KeyedWords(text, Leads(keys)))
        {
            if (words.Count > 0 && words[^1].Start == k.Start)
            {
                if (!words[^1].Matched && Matches(k.Key)) words[^1] = words[^1] with { Matched = true, Key = k.Key };
                continue;
            }
            if (words.Count >= MaxWordsRead) break;
            bool matched = Matches(k.Key);
            words.Add(new Word(k.Start, k.Length, matched, matched ? k.Key : null));
        }
        return words;

        bool Matches(string key) => key.Length > 0 && keys.Contains(key);
    }

    /// <summary>The first characters of <paramref name="keys"/>, each once.</summary>
    private static string Leads(IReadOnlySet<string> keys)
    {
        string leads = "";
        foreach (string key in keys)
        {
            if (key.Length > 0 && !leads.Contains(key[0], StringComparison.Ordinal)) leads += key[0];
        }
        return leads;
    }

    /// <summary>The first word of the window with the most distinct matched keys (then the most matches, then the earliest).</summary>
    private static int BestWindow(List<Word> words)
    {
        int best = 0, bestDistinct = -1, bestCount = -1;
        var inWindow = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = 0;
        for (int i = 0; i < words.Count; i++)
        {
            if (words[i].Key is { } add)
            {
                inWindow[add] = inWindow.GetValueOrDefault(add) + 1;
                count++;
            }
            int start = i - Words + 1;
            if (start > 0 && words[start - 1].Key is { } gone)
            {
                if (--inWindow[gone] == 0) inWindow.Remove(gone);
                count--;
            }
            if (start < 0 && i < words.Count - 1) continue;
            int s = Math.Max(0, start);
            if (inWindow.Count > bestDistinct || inWindow.Count == bestDistinct && count > bestCount)
            {
                best = s;
                bestDistinct = inWindow.Count;
                bestCount = count;
            }
        }
        return best;
    }

    /// <summary>Text between matches with its line breaks and runs of spaces made single spaces.</summary>
    private static string Plain(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space) sb.Append(' ');
                space = true;
                continue;
            }
            sb.Append(c);
            space = false;
        }
        return sb.ToString();
    }
}
