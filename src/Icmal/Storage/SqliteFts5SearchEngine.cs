using System.Data.Common;
using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Microsoft.Data.Sqlite;

namespace Icmal.Storage;

/// <summary>
/// Search on SQLite's FTS5, in the same database file as the articles. The table <c>article_search</c> is contentless
/// (it holds the index of the keys only, never a second copy of the text) with <c>contentless_delete=1</c> so a row
/// can be replaced, <c>detail=full</c> for phrases, and rowid = the article's id. Its tokenizer only splits the
/// space-separated keys (<see cref="SearchDocument"/>): folding and stemming are done before, identically for the
/// query. Ranking is BM25 with the title weighted <see cref="TitleWeight"/> to the text's 1, then recency, computed
/// here from each match's statistics (<see cref="Fts5MatchStats"/>, <see cref="Bm25"/>) rather than by FTS5's
/// <c>bm25()</c>, whose document frequencies cost a walk of every match of every phrase on every search.
/// </summary>
internal sealed class SqliteFts5SearchEngine : SearchEngine
{
    public const string Table = "article_search";
    public const double TitleWeight = 5.0;

    /// <summary>
    /// The columns' BM25 weights, in the table's order: title, body, author, facets (which no phrase of a query's words
    /// is ever looked for in).
    /// </summary>
    private static readonly double[] Weights = [TitleWeight, 1.0, 1.0, 0.0];

    /// <summary>
    /// The most matches of a phrase counted for its document frequency. Past it the frequency is estimated from how far
    /// back in the index the newest this many reach: a word in a third of the archive is within a few percent, and
    /// the IDF, a logarithm, moves less.
    /// </summary>
    public const int FrequencyCap = 1_000;

    /// <summary>
    /// The index's schema (migration step 11; step 8 had no facets): the keys of the title, the text and the byline,
    /// and the article's facets (<see cref="SearchFacets"/>: site, language, day, month, year, each one token), so
    /// that filters are intersections of the index's lists.
    /// </summary>
    public const string CreateTable = $"""
        CREATE VIRTUAL TABLE {Table} USING fts5(title, body, author, facets, content='', contentless_delete=1, detail=full,
            tokenize='unicode61 remove_diacritics 0')
        """;

    /// <summary>
    /// The index holding what ranking and folding copies read of every matched article (migration step 8). Named in
    /// the query: SQLite would otherwise look each match up by rowid in the table, whose rows hold the text before
    /// text_sha256 (6–7 times slower on 4,650 matches: 86 against 13 ms). It holds the address too, so a source filter
    /// (which reads the site or the address's host) is answered from it.
    /// </summary>
    public const string CoverIndex = "articles_search_cover";

    /// <summary>How many virtual-machine steps run between two looks at the clock.</summary>
    private const int ProgressSteps = 2_000;

    public override async Task IndexAsync(DbConnection conn, DbTransaction tx, long articleId, SearchDocument document, IReadOnlyList<Facet> facets,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(facets);
        // REPLACE: an article indexed again (a reindex racing a catch-up) keeps one row.
        await Sql.ExecAsync(conn, tx, $"INSERT OR REPLACE INTO {Table} (rowid, title, body, author, facets) VALUES (@id, @t, @b, @a, @f)", ct,
            ("@id", articleId), ("@t", document.Title), ("@b", document.Body), ("@a", document.Authors),
            ("@f", string.Join(' ', facets.Select(f => f.Token))));
    }

    /// <summary>
    /// FTS5's <c>optimize</c>: every segment merged into one. A catch-up writes a segment per batch, which FTS5's
    /// automerge leaves as a dozen or so levels; each search then walks every word's list in each of them.
    /// </summary>
    public override Task CompactAsync(DbConnection conn, CancellationToken ct) =>
        Sql.ExecAsync(conn, null, $"INSERT INTO {Table} ({Table}) VALUES ('optimize')", ct);

    public override Task ClearAsync(DbConnection conn, DbTransaction tx, CancellationToken ct) =>
        Sql.ExecAsync(conn, tx, $"INSERT INTO {Table} ({Table}) VALUES ('delete-all')", ct);

    /// <summary>
    /// How many matching articles, newest first, are ranked at most. A word in a third of a million-article archive
    /// would otherwise have its BM25 computed, its row joined and its copies folded for every match on every search
    /// (0.2 s a query at 100,000 articles); news is read newest first, and a query precise enough to name one article
    /// has far fewer matches than this, so it is ranked over all of them.
    /// </summary>
    public const int Candidates = 1_000;

    public override async Task<SearchPage> FindAsync(DbConnection conn, SqlDialect dialect, SearchCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Fts5MatchStats.EnsureRegistered((SqliteConnection)conn);
        using var budget = new Budget((SqliteConnection)conn, criteria.Budget, ct);
        try
        {
            return criteria.Match.Required.Count == 0
                ? await FilterListing.ReadAsync(conn, null, dialect, this, criteria, static () => Task.CompletedTask, ct)
                : await MatchAsync(conn, dialect, criteria, ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT)
        {
            ct.ThrowIfCancellationRequested();
            throw new SearchBudgetExceededException(
                string.Create(CultureInfo.InvariantCulture, $"the search ran past its {criteria.Budget.TotalMilliseconds:0} ms budget"), e);
        }
    }

    /// <remarks>
    /// An article walked is tested against the set of ids, read once from the facets' lists (the unary <c>+</c> keeps
    /// SQLite from reading the articles from that set and sorting them instead: all 231,153 of source:apa.az at a
    /// million, 1.06 s for any page). At a million, the newest 56, 1,000 and 20,016 of source:apa.az took 36, 36 and
    /// 54 ms so; an FTS5 match for each article walked took 44, 660 and 6,199 ms.
    /// </remarks>
    public override FacetSet FacetIds(IReadOnlyList<IReadOnlyList<Facet>> groups)
    {
        string ids = $"SELECT rowid AS id FROM {Table} WHERE {Table} MATCH @facets";
        return new FacetSet(ids, $"+a.id IN ({ids})", Facets(groups));
    }

    /// <remarks>As the facets are (<see cref="FacetIds"/>): one set, of the articles with any of the phrases.</remarks>
    public override (string Condition, object Value) Excluding(IReadOnlyList<KeyPhrase> phrases) =>
        ($"+a.id NOT IN (SELECT rowid FROM {Table} WHERE {Table} MATCH @excluded)", Words(new KeyQuery([phrases], [])));

    /// <summary>A search with words, within the budget the caller set on the connection.</summary>
    private static async Task<SearchPage> MatchAsync(DbConnection conn, SqlDialect dialect, SearchCriteria criteria, CancellationToken ct)
    {
        bool dated = criteria.Since is not null || criteria.Until is not null;
        if (SearchFacets.Required(criteria, dated ? await SearchFilters.ArchiveSpanAsync(conn, null, dialect, criteria, ct) : null) is not { } required)
            return new SearchPage([], 0); // the dates hold no day of the archive
        var facets = required.Groups;
        string match = Match(criteria.Match, facets);
        var phrases = criteria.Match.Required.SelectMany(g => g).Concat(criteria.Match.Excluded).ToList();
        int counted = criteria.Match.Required.Sum(g => g.Count);
        var (filters, parameters) = SearchFilters.Sql(dialect, criteria, required.DatesExact);
        // A deep page needs a window reaching past it, with room for copies folded away.
        int window = Math.Max(Candidates, 2 * (criteria.Offset + criteria.Limit));
        parameters.Add(("@q", match));
        var found = await MatchWindow.ReadAsync(conn, CandidatesSql(filters), [.. parameters, ("@window", window)], Math.Min(window, 4096), ct);
        var span = found.Count == window ? await SearchTotals.IdRangeAsync(conn, null, dialect, null, null, ct) : default;
        double[] idf = new double[phrases.Count];
        if (found.Count > 0)
        {
            long indexed = found.IndexedRows;
            // One phrase and nothing else narrowing: its matches are the candidates, counted or estimated already.
            // Its IDF changes no order then, only the scores shown.
            if (counted == 1 && phrases.Count == 1 && facets.Count == 0 && filters.Length == 0)
                idf[0] = Bm25.Idf(indexed, found.Count < window ? found.Count : SearchTotals.Extrapolate(window, found.OldestId, span));
            else
            {
                for (int i = 0; i < counted; i++)
                    idf[i] = Bm25.Idf(indexed, await DocumentFrequencyAsync(conn, dialect, phrases[i], span, ct));
            }
        }
        // Copies of one text shown once: the best ranked of them stands for the others. Every match was in the
        // window: the count of its distinct texts is exact, so every one is read.
        bool whole = found.Count < window;
        var (page, distinct) = await found.RankAsync(conn, idf, Weights, criteria.Offset, criteria.Limit, whole, ct);
        var rank = page.ToDictionary(c => c.Id, c => c.Rank);
        var rows = page.Count == 0 ? [] : await SearchRows.ReadAsync(conn, null, dialect, [.. page.Select(c => c.Id)], id => -rank[id], ct);
        if (whole) return new SearchPage(rows, distinct);
        // Estimated, not counted (counting walks every match, and past the window every match of a common word is
        // most of the search's cost): the matches spread over the archive, or over the stretch its dates allow, as
        // densely as the window's newest. (At least the window, so never below the distinct texts of it.)
        var stretch = criteria.Since is null && criteria.Until is null ? span : await SearchTotals.IdRangeAsync(conn, null, dialect, criteria.Since, criteria.Until, ct);
        double total = SearchTotals.Extrapolate(window, found.OldestId, stretch);
        return new SearchPage(rows, (int)Math.Clamp(Math.Round(total), distinct, int.MaxValue)) { TotalEstimated = true };
    }

    /// <summary>
    /// How many articles a phrase is in: counted up to <see cref="FrequencyCap"/> (its newest matches), estimated past it.
    /// </summary>
    private static async Task<double> DocumentFrequencyAsync(DbConnection conn, SqlDialect dialect, KeyPhrase phrase, (long Low, long High) span, CancellationToken ct)
    {
        var sb = new StringBuilder();
        Phrase(sb, phrase);
        await using var cmd = Sql.Command(conn, null, $"""
            SELECT COUNT(*), MIN(rowid) FROM (
                SELECT rowid FROM {Table} WHERE {Table} MATCH @p ORDER BY rowid DESC LIMIT @cap)
            """, [("@p", sb.ToString()), ("@cap", FrequencyCap)]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return 0;
        long count = r.GetInt64(0);
        if (count < FrequencyCap) return count;
        if (span == default) span = await SearchTotals.IdRangeAsync(conn, null, dialect, null, null, ct);
        return SearchTotals.Extrapolate(FrequencyCap, r.GetInt64(1), span);
    }

    /// <summary>
    /// The newest <c>@window</c> matches that pass the filters, each with its statistics for BM25: FTS5 walks its lists
    /// newest (highest rowid) first and stops at the window, so statistics are read for these only. The index alone
    /// answers it; only the instants of <c>since:</c>/<c>until:</c> (<paramref name="filters"/>) need the articles' sort
    /// time, read from the cover index.
    /// </summary>
    private static string CandidatesSql(string filters) => filters.Length == 0
        ? $"""
            SELECT rowid, {Fts5MatchStats.Function}({Table}) FROM {Table}
            WHERE {Table} MATCH @q
            ORDER BY rowid DESC
            LIMIT @window
            """
        : $"""
            SELECT s.rowid, {Fts5MatchStats.Function}({Table})
            FROM {Table} s JOIN articles a INDEXED BY {CoverIndex} ON a.id = s.rowid
            WHERE {Table} MATCH @q{filters}
            ORDER BY s.rowid DESC
            LIMIT @window
            """;

    /// <summary>
    /// The FTS5 query of a <see cref="KeyQuery"/>. Every phrase is an FTS5 string ("..." with any quote doubled), so
    /// nothing a user typed is read as FTS5 syntax (NEAR, *, ^, column filters); columns and operators come from here.
    /// </summary>
    internal static string Match(KeyQuery query) => Match(query, []);

    /// <summary>
    /// The FTS5 query of a <see cref="KeyQuery"/> with the facets a search's filters require (every group, each by
    /// any of its facets), in the facets column. The words' phrases come first, so they are the query's first
    /// phrases in <see cref="Fts5MatchStats"/>' numbering.
    /// </summary>
    internal static string Match(KeyQuery query, IReadOnlyList<IReadOnlyList<Facet>> facets)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(facets);
        string words = Words(query);
        return facets.Count == 0 ? words : "(" + words + ") AND " + Facets(facets);
    }

    /// <summary>The FTS5 query of facets alone: every group, each by any of its facets, in the facets column.</summary>
    private static string Facets(IReadOnlyList<IReadOnlyList<Facet>> facets)
    {
        var sb = new StringBuilder();
        foreach (var group in facets)
        {
            if (sb.Length > 0) sb.Append(" AND ");
            sb.Append('(');
            for (int i = 0; i < group.Count; i++)
            {
                if (i > 0) sb.Append(" OR ");
                sb.Append("{facets} : \"").Append(group[i].Token).Append('"');
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static string Words(KeyQuery query)
    {
        if (query.Required.Count == 0) throw new ArgumentException("a search needs at least one required phrase", nameof(query));
        var sb = new StringBuilder();
        foreach (var group in query.Required)
        {
            if (sb.Length > 0) sb.Append(" AND ");
            sb.Append('(');
            for (int i = 0; i < group.Count; i++)
            {
                if (i > 0) sb.Append(" OR ");
                Phrase(sb, group[i]);
            }
            sb.Append(')');
        }
        if (query.Excluded.Count == 0) return sb.ToString();
        sb.Insert(0, '(').Append(')');
        foreach (var phrase in query.Excluded)
        {
            sb.Append(" NOT ");
            Phrase(sb, phrase);
        }
        return sb.ToString();
    }

    private static void Phrase(StringBuilder sb, KeyPhrase phrase)
    {
        if (phrase.Keys.Count == 0) throw new ArgumentException("a phrase needs at least one key", nameof(phrase));
        sb.Append(phrase.Field switch
        {
            SearchField.Title => "{title} : ",
            SearchField.Author => "{author} : ",
            _ => "{title body} : ",
        });
        sb.Append('"');
        for (int i = 0; i < phrase.Keys.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(phrase.Keys[i].Replace("\"", "\"\"", StringComparison.Ordinal));
        }
        sb.Append('"');
    }

    /// <summary>
    /// A time budget on a connection: SQLite's progress handler looks at the clock every few thousand steps and stops the
    /// statement (SQLITE_INTERRUPT) past the deadline or when the caller cancels. Removed on dispose, before the
    /// connection goes back to the pool.
    /// </summary>
    private sealed class Budget : IDisposable
    {
        private readonly SqliteConnection _conn;
        private readonly long _deadline;
        private readonly CancellationToken _ct;

        public Budget(SqliteConnection conn, TimeSpan budget, CancellationToken ct)
        {
            _conn = conn;
            _ct = ct;
            _deadline = Environment.TickCount64 + (long)Math.Ceiling(budget.TotalMilliseconds);
            SQLitePCL.raw.sqlite3_progress_handler(conn.Handle, ProgressSteps, Check, null);
        }

        private int Check(object user) => Environment.TickCount64 >= _deadline || _ct.IsCancellationRequested ? 1 : 0;

        public void Dispose() => SQLitePCL.raw.sqlite3_progress_handler(_conn.Handle, 0, null, null);
    }
}
