using System.Globalization;
using Icmal.Text.Categories;
using Icmal.Text.Entities;
using Icmal.Text.Search;

namespace Icmal.Search;

/// <summary>
/// Reads İcmal's query language, the one readers know from Google and Miniflux: words (every form of each must
/// occur: <c>Qazaxıstan</c> finds Qazaxıstanla), <c>"exact phrases"</c>, <c>-excluded</c> words and <c>-"phrases"</c>,
/// <c>OR</c> between words, <c>title:</c> and <c>author:</c> (a word or a "phrase" in the title or the byline),
/// <c>source:</c> (a site, <c>apa.az</c>), <c>lang:</c>, <c>since:2025-10-01</c> and <c>until:</c>, <c>category:</c> (a
/// section: <c>category:idman</c>, <c>category:İdman</c>, <c>category:Спорт</c>) and <c>entity:</c> (an entity's id
/// or <c>entity:"name"</c>, in any form, resolved by <see cref="Searcher"/>); in any script,
/// with or without Azerbaijani letters. Every word becomes its search keys (<see cref="SearchKeys"/>), so nothing
/// typed reaches an engine's own syntax. Filters without words (<c>entity:"İlham Əliyev" since:2025-10-01</c>, with
/// <c>-excluded</c> words or not) list the newest articles they let through.
/// </summary>
/// <remarks>
/// Whatever is typed gives a query or one <see cref="QueryProblem"/> naming the problem and where it is: an
/// unclosed quote, a lone <c>-</c>, an <c>OR</c> with nothing on one side, a bad date or language, no word or filter,
/// only excluded words without a filter, more than <see cref="MaxTerms"/> words, more than <see cref="MaxLength"/> characters. Control characters are
/// read as spaces. Characters that are not letters or digits inside a word (<c>*</c>, <c>(</c>, <c>^</c>) are not
/// operators: they only separate words, as in the texts. Never throws for any input.
/// </remarks>
public static class QueryParser
{
    /// <summary>The longest query read, in characters.</summary>
    public const int MaxLength = 1_000;

    /// <summary>The most words (search keys) a query may have, excluded words and phrases' words counted.</summary>
    public const int MaxTerms = 32;

    private static readonly string[] Filters = ["title", "author", "source", "site", "lang", "since", "until", "category", "entity"];

    public static QueryParse Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return QueryParse.Refused(QueryProblemKind.Empty, "the query is empty");
        if (query.Length > MaxLength)
            return QueryParse.Refused(QueryProblemKind.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"the query is {query.Length:N0} characters long; at most {MaxLength:N0} are read"), MaxLength);
        string text = string.Create(query.Length, query, static (span, q) =>
        {
            for (int k = 0; k < q.Length; k++) span[k] = char.IsControl(q[k]) ? ' ' : q[k];
        });
        return new Reader(text).Read();
    }

    private sealed class Reader(string text)
    {
        private readonly List<List<QueryTerm>> _required = [];
        private readonly List<QueryTerm> _excluded = [];
        private readonly List<string> _sites = [];
        private readonly List<string> _languages = [];
        private readonly List<string> _categories = [];
        private readonly List<EntityFilter> _entities = [];
        private DateOnly? _since, _until;
        private int _keys;
        private int _pos;
        private int? _pendingOr;
        private bool _lastWasTerm;

        public QueryParse Read()
        {
            while (true)
            {
                while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
                if (_pos >= text.Length) break;
                if (Item() is { } problem) return problem;
            }
            if (_pendingOr is { } or) return Malformed("OR needs a word on each side", or);
            // Filters alone list the newest articles they let through (entity:62 since:2025-01-01, entity:62 -futbol: a
            // monitor's list); excluded words alone would list nearly the whole archive.
            if (_required.Count == 0 && !Filtered)
                return _excluded.Count > 0
                    ? QueryParse.Refused(QueryProblemKind.Empty, "the query only excludes words; add a word or a filter to search for", 0)
                    : QueryParse.Refused(QueryProblemKind.Empty, "the query has no word or filter to search for", 0);
            return QueryParse.Of(new ParsedQuery(_required, _excluded, _sites, _languages, _since, _until) { Categories = _categories, Entities = _entities });
        }

        /// <summary>Whether the query narrows by anything but words: a site, a language, a date, a section or an entity.</summary>
        private bool Filtered => _sites.Count > 0 || _languages.Count > 0 || _since is not null || _until is not null
            || _categories.Count > 0 || _entities.Count > 0;

        /// <summary>Reads one item at <see cref="_pos"/>: a word, a "phrase", OR, or a field; a problem or null.</summary>
        private QueryParse? Item()
        {
            int start = _pos;
            bool negated = false;
            if (text[_pos] == '-')
            {
                if (_pos + 1 >= text.Length || char.IsWhiteSpace(text[_pos + 1]))
                    return Malformed("a lone '-' excludes nothing: write the word to exclude right after it (-word)", start);
                negated = true;
                _pos++;
            }
            string? field = FieldAt(_pos);
            if (field is not null)
            {
                _pos += field.Length + 1;
                if (_pos >= text.Length || char.IsWhiteSpace(text[_pos]))
                    return Malformed($"{field}: needs a value right after it", start);
            }
            int valueStart = _pos;
            bool quoted = text[_pos] == '"';
            string value;
            if (quoted)
            {
                int close = text.IndexOf('"', _pos + 1);
                if (close < 0) return Malformed($"the quote opened at character {_pos + 1} is never closed", _pos);
                value = text[(_pos + 1)..close];
                _pos = close + 1;
            }
            else
            {
                int end = _pos;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"') end++;
                value = text[_pos..end];
                _pos = end;
            }
            if (field is null && !negated && !quoted && value == "OR")
            {
                if (!_lastWasTerm || _pendingOr is not null) return Malformed("OR needs a word on each side", start);
                _pendingOr = start;
                _lastWasTerm = false;
                return null;
            }
            return field switch
            {
                null => Term(value, QueryField.Any, negated, start),
                "title" => Term(value, QueryField.Title, negated, start),
                "author" => Term(value, QueryField.Author, negated, start),
                _ => Filter(field, value, negated, start, valueStart),
            };
        }

        /// <summary>The filter named at <paramref name="at"/> ("title" for "Title:"), or null when no known one is.</summary>
        private string? FieldAt(int at)
        {
            int colon = at;
            while (colon < text.Length && char.IsAsciiLetter(text[colon])) colon++;
            if (colon == at || colon >= text.Length || text[colon] != ':') return null;
            var name = text.AsSpan(at, colon - at);
            foreach (string f in Filters)
            {
                if (name.Equals(f, StringComparison.OrdinalIgnoreCase)) return f;
            }
            return null;
        }

        private QueryParse? Term(string value, QueryField field, bool negated, int start)
        {
            var keys = SearchKeys.KeysOf(value);
            if (keys.Count == 0)
            {
                // Nothing searchable ("*", "()"): no term, but an OR waiting for it still waits.
                return null;
            }
            _keys += keys.Count;
            if (_keys > MaxTerms)
                return QueryParse.Refused(QueryProblemKind.TooLarge,
                    string.Create(CultureInfo.InvariantCulture, $"the query has more than {MaxTerms} words"), start);
            var term = new QueryTerm(value, keys, field, start);
            if (negated)
            {
                if (_pendingOr is { } or) return Malformed("an excluded word cannot be a side of OR", or);
                _excluded.Add(term);
                _lastWasTerm = false;
                return null;
            }
            if (_pendingOr is not null) _required[^1].Add(term);
            else _required.Add([term]);
            _pendingOr = null;
            _lastWasTerm = true;
            return null;
        }

        private QueryParse? Filter(string field, string value, bool negated, int start, int valueStart)
        {
            if (negated) return Malformed($"{field}: cannot be excluded", start);
            if (_pendingOr is { } or) return Malformed("OR joins words, not filters", or);
            _lastWasTerm = false;
            switch (field)
            {
                case "source" or "site":
                    if (Host(value) is not { } host) return Malformed($"{field}: takes a site's address, such as apa.az", valueStart);
                    _sites.Add(host);
                    return null;
                case "category":
                    if (Category(value) is not { } category)
                        return QueryParse.Refused(QueryProblemKind.UnknownFilterValue,
                            $"category: \"{Shorten(value)}\" is no section; the sections are {string.Join(", ", NewsCategories.All.Select(c => c.Slug()))}", valueStart);
                    _categories.Add(category.Slug());
                    return null;
                case "entity":
                    if (value.Length > 0 && value.All(char.IsAsciiDigit))
                    {
                        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long id) || id < 1)
                            return Malformed($"entity: takes an entity's id (a whole number from 1) or its \"name\", not \"{Shorten(value)}\"", valueStart);
                        _entities.Add(new EntityFilter(id, null, valueStart));
                    }
                    else if (string.IsNullOrWhiteSpace(value) || value.Length > MaxEntityName)
                        return Malformed($"entity: takes an entity's id or its \"name\" of at most {MaxEntityName} characters", valueStart);
                    else _entities.Add(new EntityFilter(null, value.Trim(), valueStart));
                    return null;
                case "lang":
                    if (value.Length is < 2 or > 3 || !value.All(char.IsAsciiLetter))
                        return Malformed("lang: takes a language code, such as az, ru or en", valueStart);
                    _languages.Add(value.ToLowerInvariant());
                    return null;
                default:
                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                        return Malformed($"{field}: takes a date written as 2025-10-01, not \"{Shorten(value)}\"", valueStart);
                    if (field == "since") _since = _since is { } s && s > day ? s : day;
                    else _until = _until is { } u && u < day ? u : day;
                    return null;
            }
        }

        private static QueryParse Malformed(string message, int position) => QueryParse.Refused(QueryProblemKind.Malformed, message, position);

        private static string Shorten(string value) => value.Length > 20 ? value[..20] + "…" : value;
    }

    /// <summary>The longest entity name an <c>entity:</c> filter takes.</summary>
    public const int MaxEntityName = 200;

    /// <summary>
    /// The section a <c>category:</c> value names: its slug (<c>siyaset</c>), its name in any case and with or
    /// without Azerbaijani letters (<c>Siyasət</c>), or a source's own name for it that the taxonomy maps (<c>Спорт</c>,
    /// <c>Sports</c>); null for anything else.
    /// </summary>
    public static NewsCategory? Category(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (NewsCategories.TryFromSlug(EntityLinker.KeyOf(value).Replace(" ", "", StringComparison.Ordinal), out var category)) return category;
        return CategoryTaxonomy.Map(value);
    }

    /// <summary>A site as the filter compares it: lower-case host, no scheme, no "www.", no path; null when it is not one.</summary>
    public static string? Host(string value)
    {
        string v = value.Trim().ToLowerInvariant();
        int scheme = v.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) v = v[(scheme + 3)..];
        int slash = v.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0) v = v[..slash];
        if (v.StartsWith("www.", StringComparison.Ordinal)) v = v[4..];
        v = v.TrimEnd('.');
        if (v.Length is 0 or > 253) return null;
        foreach (char c in v)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-')) return null;
        }
        return v;
    }
}
