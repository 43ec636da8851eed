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
        var lexemes = new Lexemes(document.Title.Length + document.Authors.Length + document.Body.Length);
        int next = 1;
        next = lexemes.Add(document.Title, 'A', next) + 1;
        next = lexemes.Add(document.Authors, 'B', next) + 1;
        lexemes.Add(document.Body, 'D', next);
        return lexemes.Write(facets);
    }

    /// <summary>
    /// A document's lexemes in the order first seen, each with its positions ascending. Every article's text passes
    /// through here on PostgreSQL (issue #17), so the keys are read as spans of the fields, a string is made once per
    /// distinct key, and the positions are chained in one array rather than a list per key.
    /// </summary>
    private sealed class Lexemes
    {
        private readonly Dictionary<string, int> _index;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<string> _keys;
        private readonly List<(int First, int Last, int Count)> _chains;
        private (int Position, char Weight, int Next)[] _positions;
        private int _used;

        public Lexemes(int length)
        {
            _index = new Dictionary<string, int>(Math.Max(16, length / 16), StringComparer.Ordinal);
            _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
            _keys = new List<string>(Math.Max(16, length / 16));
            _chains = new List<(int, int, int)>(_keys.Capacity);
            _positions = new (int, char, int)[Math.Max(16, length / 6)];
        }

        /// <summary>Adds a field's keys from position <paramref name="start"/>; returns the position after its last key.</summary>
        public int Add(string keys, char weight, int start)
        {
            int position = start;
            var rest = keys.AsSpan();
            while (rest.Length > 0)
            {
                int space = rest.IndexOf(' ');
                var key = space < 0 ? rest : rest[..space];
                rest = space < 0 ? [] : rest[(space + 1)..];
                if (key.Length == 0 || TooLong(key)) continue;
                Add(key, Math.Min(position, MaxPosition), weight);
                position++;
            }
            return Math.Min(position, MaxPosition);
        }

        private void Add(ReadOnlySpan<char> key, int at, char weight)
        {
            if (!_lookup.TryGetValue(key, out int k))
            {
                k = _keys.Count;
                string text = key.ToString();
                _index.Add(text, k);
                _keys.Add(text);
                _chains.Add((-1, -1, 0));
            }
            var (first, last, count) = _chains[k];
            if (count >= MaxPositionsPerKey || (last >= 0 && _positions[last].Position == at)) return;
            if (_used == _positions.Length) Array.Resize(ref _positions, _positions.Length * 2);
            _positions[_used] = (at, weight, -1);
            if (last >= 0) _positions[last].Next = _used;
            _chains[k] = (first >= 0 ? first : _used, _used, count + 1);
            _used++;
        }

        /// <summary>The tsvector text: every lexeme with its positions and weights, then the facets without positions.</summary>
        public string Write(IReadOnlyList<Facet> facets)
        {
            var sb = new StringBuilder(_used * 8 + _keys.Count * 12);
            Span<char> digits = stackalloc char[11];
            for (int k = 0; k < _keys.Count; k++)
            {
                if (sb.Length > 0) sb.Append(' ');
                Quote(sb, _keys[k]);
                sb.Append(':');
                for (int i = _chains[k].First; i >= 0; i = _positions[i].Next)
                {
                    if (i != _chains[k].First) sb.Append(',');
                    _positions[i].Position.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
                    sb.Append(digits[..written]).Append(_positions[i].Weight);
                }
            }
            for (int f = 0; f < facets.Count; f++)
            {
                if (sb.Length > 0) sb.Append(' ');
                Quote(sb, facets[f].Lexeme);
            }
            return sb.ToString();
        }
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

    /// <summary>
    /// Whether a key is over <see cref="MaxKeyBytes"/> in UTF-8; a key of up to a third of that many UTF-16 units is
    /// never (three bytes a unit at most), so only a longer one is counted.
    /// </summary>
    private static bool TooLong(ReadOnlySpan<char> key) => key.Length > MaxKeyBytes / 3 && Encoding.UTF8.GetByteCount(key) > MaxKeyBytes;

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
