using System.Globalization;
using System.Text;
using Icmal.Analysis;

namespace Icmal.Storage;

/// <summary>
/// İcmal's search keys written as PostgreSQL's tsvector and tsquery texts, by İcmal rather than by PostgreSQL's parser:
/// <c>to_tsvector</c> would split and fold the keys again by the server's locale (with the C locale, "ə" is no letter),
/// so the index would hold other words than SQLite's. The title's keys carry weight A, the authors' B, the text's D;
/// a phrase for "title or text" asks for <c>:AD</c>. One unused position between the fields keeps a phrase from
/// running from the end of the title into the text, as FTS5 keeps it inside one column.
/// </summary>
internal static class PostgreSqlTsText
{
    /// <summary>PostgreSQL's highest position; later words share it (as <c>to_tsvector</c> does).</summary>
    private const int MaxPosition = 16_383;

    /// <summary>PostgreSQL keeps at most this many positions of one lexeme.</summary>
    private const int MaxPositionsPerKey = 256;

    /// <summary>A lexeme must stay under 2 KB in UTF-8; a longer "word" (a run of digits, a hash) is not indexed.</summary>
    private const int MaxKeyBytes = 2_046;

    /// <summary>The tsvector text of a document's keys (title A, authors B, text D).</summary>
    public static string Vector(SearchDocument document) => Vector(document, []);

    /// <summary>
    /// The tsvector text of a document's keys (title A, authors B, text D) and its facets (<see cref="Facet.Lexeme"/>:
    /// lexemes without positions, with a colon no key has, so no word or phrase of a query meets one).
    /// </summary>
    public static string Vector(SearchDocument document, IReadOnlyList<Facet> facets)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(facets);
        var positions = new Dictionary<string, List<(int Position, char Weight)>>(StringComparer.Ordinal);
        int next = 1;
        next = Add(positions, document.Title, 'A', next) + 1;
        next = Add(positions, document.Authors, 'B', next) + 1;
        Add(positions, document.Body, 'D', next);
        var sb = new StringBuilder();
        foreach (var (key, list) in positions)
        {
            if (sb.Length > 0) sb.Append(' ');
            Quote(sb, key);
            sb.Append(':');
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(list[i].Position.ToString(CultureInfo.InvariantCulture)).Append(list[i].Weight);
            }
        }
        foreach (var facet in facets)
        {
            if (sb.Length > 0) sb.Append(' ');
            Quote(sb, facet.Lexeme);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The tsquery text of the facets a search's filters require (<see cref="SearchFacets.Required"/>): every group
    /// AND-ed, a group's facets OR-ed; null when there are none.
    /// </summary>
    public static string? Facets(IReadOnlyList<IReadOnlyList<Facet>> facets)
    {
        ArgumentNullException.ThrowIfNull(facets);
        if (facets.Count == 0) return null;
        var sb = new StringBuilder();
        foreach (var group in facets)
        {
            if (sb.Length > 0) sb.Append(" & ");
            sb.Append('(');
            for (int i = 0; i < group.Count; i++)
            {
                if (i > 0) sb.Append(" | ");
                Quote(sb, group[i].Lexeme);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    /// <summary>Adds a field's keys from position <paramref name="start"/>; returns the position after its last key.</summary>
    private static int Add(Dictionary<string, List<(int, char)>> positions, string keys, char weight, int start)
    {
        int position = start;
        foreach (string key in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes) continue;
            if (!positions.TryGetValue(key, out var list)) positions[key] = list = [];
            int at = Math.Min(position, MaxPosition);
            if (list.Count < MaxPositionsPerKey && (list.Count == 0 || list[^1].Item1 != at)) list.Add((at, weight));
            position++;
        }
        return Math.Min(position, MaxPosition);
    }

    /// <summary>
    /// The tsquery text of a <see cref="KeyQuery"/>: every group's phrases OR-ed, the groups AND-ed, each excluded phrase
    /// AND NOT. Every key is a quoted lexeme, so nothing a user typed is read as tsquery syntax.
    /// </summary>
    public static string Query(KeyQuery query)
    {
        var sb = Groups(query, Phrase);
        foreach (var phrase in query.Excluded)
        {
            sb.Append(" & !");
            Phrase(sb, phrase);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The tsquery text of a query's skeleton: every match of <paramref name="query"/> matches it, and the GIN index
    /// answers it exactly, with no row read (no weights, no positions): each phrase's keys AND-ed anywhere in the
    /// article, the groups as in <see cref="Query"/>, the exclusions left out. It finds the newest candidates cheaply;
    /// <see cref="Query"/> then keeps those that really match.
    /// </summary>
    public static string Skeleton(KeyQuery query) => Groups(query, SkeletonPhrase).ToString();

    /// <summary>
    /// Whether <see cref="Skeleton"/> of <paramref name="query"/> matches exactly what the query does: no phrase of two
    /// keys or more, no field, no exclusion (which the skeleton leaves out).
    /// </summary>
    public static bool SkeletonIsExact(KeyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Excluded.Count == 0 && query.Required.All(g => g.All(p => p.Keys.Count == 1 && p.Field == SearchField.Any));
    }

    /// <summary>The required groups, AND-ed, each group's phrases OR-ed, each phrase written by <paramref name="phrase"/>.</summary>
    private static StringBuilder Groups(KeyQuery query, Action<StringBuilder, KeyPhrase> phrase)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Required.Count == 0) throw new ArgumentException("a search needs at least one required phrase", nameof(query));
        var sb = new StringBuilder();
        foreach (var group in query.Required)
        {
            if (sb.Length > 0) sb.Append(" & ");
            sb.Append('(');
            for (int i = 0; i < group.Count; i++)
            {
                if (i > 0) sb.Append(" | ");
                phrase(sb, group[i]);
            }
            sb.Append(')');
        }
        return sb;
    }

    /// <summary>A phrase of the skeleton: its keys AND-ed, anywhere, any weight.</summary>
    private static void SkeletonPhrase(StringBuilder sb, KeyPhrase phrase)
    {
        if (phrase.Keys.Count == 0) throw new ArgumentException("a phrase needs at least one key", nameof(phrase));
        sb.Append('(');
        for (int j = 0; j < phrase.Keys.Count; j++)
        {
            if (j > 0) sb.Append(" & ");
            Quote(sb, phrase.Keys[j]);
        }
        sb.Append(')');
    }

    private static void Phrase(StringBuilder sb, KeyPhrase phrase)
    {
        if (phrase.Keys.Count == 0) throw new ArgumentException("a phrase needs at least one key", nameof(phrase));
        string weights = phrase.Field switch
        {
            SearchField.Title => "A",
            SearchField.Author => "B",
            _ => "AD",
        };
        sb.Append('(');
        for (int i = 0; i < phrase.Keys.Count; i++)
        {
            if (i > 0) sb.Append(" <-> ");
            Quote(sb, phrase.Keys[i]);
            sb.Append(':').Append(weights);
        }
        sb.Append(')');
    }

    /// <summary>A lexeme in quotes, with a quote or a backslash in it escaped.</summary>
    private static void Quote(StringBuilder sb, string key)
    {
        sb.Append('\'');
        foreach (char c in key)
        {
            if (c is '\'' or '\\') sb.Append(c);
            sb.Append(c);
        }
        sb.Append('\'');
    }
}
