namespace Icmal.Text.Entities;

/// <summary>One tagged sentence: its tokens and their tags (<see cref="NerTags"/>), one each.</summary>
public sealed record NerSentence(IReadOnlyList<string> Tokens, IReadOnlyList<int> Tags);

/// <summary>An entity span over a sentence's tokens: [Start, End) and its kind.</summary>
public readonly record struct NerSpan(int Start, int End, EntityKind Kind);

/// <summary>
/// The CoNLL form of tagged text (one "token TAB tag" line a token, a blank line between sentences) and its
/// entity spans, as conlleval reads them.
/// </summary>
public static class Conll
{
    /// <summary>
    /// The sentences of CoNLL lines. The tag is the last whitespace-separated field (so "token POS tag" files read
    /// too); DATE and other types read as O.
    /// </summary>
    /// <exception cref="InvalidDataException">A line has no tag or a tag that is not O, B-X or I-X; the message names the line.</exception>
    public static List<NerSentence> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sentences = new List<NerSentence>();
        var tokens = new List<string>();
        var tags = new List<int>();
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.AsSpan().Trim().IsEmpty || number == 1 && line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                Flush();
                continue;
            }
            int split = line.LastIndexOfAny([' ', '\t']);
            if (split <= 0) throw new InvalidDataException($"line {number}: expected \"token TAB tag\", got \"{Shorten(line)}\"");
            int tokenEnd = line.IndexOfAny([' ', '\t']);
            int? tag = NerTags.Parse(line.AsSpan(split + 1));
            if (tag is null) throw new InvalidDataException($"line {number}: \"{Shorten(line[(split + 1)..])}\" is not a tag (O, B-X or I-X)");
            tokens.Add(line[..tokenEnd]);
            tags.Add(tag.Value);
        }
        Flush();
        return sentences;

        void Flush()
        {
            if (tokens.Count == 0) return;
            sentences.Add(new NerSentence(tokens.ToArray(), tags.ToArray()));
            tokens.Clear();
            tags.Clear();
        }
    }

    /// <summary>
    /// The entity spans of a tag sequence, as conlleval chunks them: an entity starts at a B- tag, or at an I- tag
    /// that does not continue an entity of its kind, and runs over the I- tags of its kind that follow.
    /// </summary>
    public static List<NerSpan> Spans(IReadOnlyList<int> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var spans = new List<NerSpan>();
        int start = -1;
        EntityKind kind = default;
        for (int i = 0; i <= tags.Count; i++)
        {
            int tag = i < tags.Count ? tags[i] : NerTags.O;
            bool continues = start >= 0 && NerTags.IsInside(tag) && NerTags.KindOf(tag) == kind;
            if (continues) continue;
            if (start >= 0) spans.Add(new NerSpan(start, i, kind));
            start = -1;
            if (tag != NerTags.O)
            {
                start = i;
                kind = NerTags.KindOf(tag)!.Value;
            }
        }
        return spans;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
