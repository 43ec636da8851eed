using System.Data.Common;
using Icmal.Model;
using Icmal.Text.Entities;

namespace Icmal.Storage;

/// <summary>
/// The archive's entities (one row per canonical key, whatever article named it first) and each article's entities
/// with their mention counts and forms; also which articles the entity stage has analysed (<c>article_facts</c>),
/// so articles stored before it existed are found and analysed.
/// </summary>
public sealed class EntityStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    private const string EntityColumns = "e.id, e.entity_key, e.name, e.kind";

    /// <summary>Entities per statement (four parameters each, far under either engine's limit).</summary>
    private const int RowsPerStatement = 200;

    private static string P(string name, int i) => name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A multi-row VALUES statement: <paramref name="row"/> (with {0} for the row's number) <paramref name="count"/> times.</summary>
    private static string Rows(string head, string row, int count) =>
        head + string.Join(", ", Enumerable.Range(0, count).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, row, i)));

    /// <summary>
    /// Replaces an article's entities with <paramref name="entities"/>, adding entities the archive did not know, in
    /// one transaction; returns each key's entity id (what quotes name their speakers by).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> ReplaceAsync(long articleId, IReadOnlyList<FactEntity> entities, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, "DELETE FROM article_entities WHERE article_id = @a", ct, ("@a", articleId));
        // Three statements for the lot, not three per entity: the entities not known yet (in the order given, as ids
        // are handed out), their ids, the article's mentions.
        var distinct = new List<FactEntity>(entities.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entities)
            if (keys.Add(e.Key)) distinct.Add(e);
        foreach (var chunk in distinct.Chunk(RowsPerStatement))
        {
            // RETURNING names the rows inserted, not those DO NOTHING passed over: the new entities, whose words go in too.
            var added = await Sql.ListAsync(conn, tx, Rows("INSERT INTO entities (entity_key, name, kind) VALUES ", "(@k{0}, @n{0}, @c{0})", chunk.Length)
                + " ON CONFLICT (entity_key) DO NOTHING RETURNING entity_key, id", r => (r.GetString(0), r.GetInt64(1)), ct,
                [.. chunk.SelectMany((e, i) => new (string, object?)[] { (P("@k", i), e.Key), (P("@n", i), e.Name), (P("@c", i), FactCodes.Code(e.Kind)) })]);
            foreach (var words in added.SelectMany(a => WordsOf(a.Item1).Select(w => (Word: w, Id: a.Item2))).Chunk(RowsPerStatement))
                await Sql.ExecAsync(conn, tx, Rows("INSERT INTO entity_words (word, entity_id) VALUES ", "(@w{0}, @i{0})", words.Length), ct,
                    [.. words.SelectMany((w, i) => new (string, object?)[] { (P("@w", i), w.Word), (P("@i", i), w.Id) })]);
            var found = await Sql.ListAsync(conn, tx, $"SELECT entity_key, id FROM entities WHERE {_d.InList("entity_key", "@keys")}",
                r => (r.GetString(0), r.GetInt64(1)), ct, ("@keys", _d.ListValue(chunk.Select(e => e.Key).ToArray())));
            foreach (var (key, id) in found) ids[key] = id;
            await Sql.ExecAsync(conn, tx, Rows("INSERT INTO article_entities (article_id, entity_id, mentions, first_at, forms) VALUES ",
                "(@a, @e{0}, @m{0}, @f{0}, @forms{0})", chunk.Length), ct,
                [("@a", articleId), .. chunk.SelectMany((e, i) => new (string, object?)[]
                {
                    (P("@e", i), ids[e.Key]), (P("@m", i), e.Mentions), (P("@f", i), e.FirstAt), (P("@forms", i), string.Join('\n', e.Forms)),
                })]);
        }
        await tx.CommitAsync(ct);
        return ids;
    }

    /// <summary>
    /// The words of an entity's key after its kind ("PER:kasim jomart tokayev": kasim, jomart, tokayev), each once:
    /// the rows of <c>entity_words</c> a new entity adds (<see cref="EntityWordStep"/>).
    /// </summary>
    internal static IEnumerable<string> WordsOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal);
    }

    /// <summary>Marks an article analysed by <paramref name="version"/> of the analysis.</summary>
    public async Task MarkAnalysedAsync(long articleId, int version, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, _d.Upsert("article_facts", ["article_id", "version"], ["article_id"], "version = excluded.version"), ct,
            ("@article_id", articleId), ("@version", version));
    }

    /// <summary>Marks an article not analysed, so the next catch-up analyses it again (what an older archive looks like).</summary>
    public async Task ForgetAnalysisAsync(long articleId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, "DELETE FROM article_facts WHERE article_id = @a", ct, ("@a", articleId));
    }

    /// <summary>Up to <paramref name="limit"/> ids of articles not analysed by <paramref name="version"/>, oldest first, after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<long>> UnanalysedAsync(int version, long after, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, """
            SELECT a.id FROM articles a LEFT JOIN article_facts f ON f.article_id = a.id
            WHERE a.id > @after AND (f.article_id IS NULL OR f.version <> @v) ORDER BY a.id LIMIT @n
            """, r => r.GetInt64(0), ct, ("@after", after), ("@v", version), ("@n", limit));
    }

    /// <summary>How many articles are not analysed by <paramref name="version"/>.</summary>
    public async Task<long> CountUnanalysedAsync(int version, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null,
            "SELECT COUNT(*) FROM articles a LEFT JOIN article_facts f ON f.article_id = a.id WHERE f.article_id IS NULL OR f.version <> @v", ct, ("@v", version));
    }

    /// <summary>
    /// The articles not analysed by <paramref name="version"/>, counted up to <paramref name="cap"/>: what opening a
    /// database asks, where counting a million unanalysed rows would itself delay the start.
    /// </summary>
    /// <remarks>
    /// Counted as the articles less the facts rows of this version, which is exact: <c>article_facts</c> is keyed by
    /// its article and references it (deleted with it), so each such row is one stored, analysed article. Opening
    /// asks this of every import, nearly always of an archive with nothing waiting, where the anti-join this replaces
    /// had to match every article to its row before it could answer 0 (0.41 s at 1M articles, spilling its hash to
    /// disk; the two counts read each table once and join nothing: docs/benchmarks.md, "pgstmts").
    /// </remarks>
    public async Task<long> CountUnanalysedUpToAsync(int version, long cap, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        long waiting = await Sql.Int64Async(conn, null,
            "SELECT (SELECT COUNT(*) FROM articles) - (SELECT COUNT(*) FROM article_facts WHERE version = @v)", ct, ("@v", version));
        return Math.Clamp(waiting, 0, cap);
    }

    /// <summary>The entities of one article, most mentioned first.</summary>
    public async Task<IReadOnlyList<ArticleEntity>> ForArticleAsync(long articleId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"""
            SELECT {EntityColumns}, ae.mentions, ae.forms FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
            WHERE ae.article_id = @a ORDER BY ae.mentions DESC, ae.first_at
            """, r => new ArticleEntity(ReadEntity(r, 0), r.GetInt32(4), r.GetString(5).Split('\n')), ct, ("@a", articleId));
    }

    public async Task<StoredEntity?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, $"SELECT {EntityColumns} FROM entities e WHERE e.id = @id", r => ReadEntity(r, 0), ct, ("@id", id));
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>
    /// Entities with a word of their key starting with <paramref name="query"/> in any of its forms
    /// (<see cref="EntityLinker.QueryKeys"/>: case, script and Azerbaijani letters folded, the inflection and titles
    /// off, so "tokayev", "Tokayevin" and "Токаев" find "Kasım-Jomart Tokayev"), of one kind if given, most articles
    /// first. A word must start with it: "yev" finds no Əliyev; so the entities are looked up by their words' index
    /// (<see cref="EntityWordStep"/>), not by reading every key. An entity no article names any more (its articles
    /// analysed again by a newer version, which reads them otherwise) is left out. With <paramref name="since"/>, only
    /// the articles of that time and after are counted and an entity none of them names is left out: who is in the
    /// news now. That reads the period's articles from the sort-time index and their entities by the article's key,
    /// so its cost is the period's articles, not the archive's.
    /// </summary>
    public async Task<IReadOnlyList<EntityCount>> SearchAsync(string? query, EntityKind? kind, DateTimeOffset? since, int limit, CancellationToken ct)
    {
        var keys = string.IsNullOrWhiteSpace(query) ? [] : EntityLinker.QueryKeys(query);
        if (!string.IsNullOrWhiteSpace(query) && keys.Count == 0) return [];
        var parameters = new List<(string, object?)> { ("@kind", kind is { } k ? FactCodes.Code(k) : ""), ("@n", limit) };
        var match = new List<string>();
        var candidates = new List<string>();
        for (int i = 0; i < keys.Count; i++)
        {
            // Keys are "PER:kasim jomart tokayev": a word starts after the colon or a space.
            string p = "@q" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            match.Add($"{_d.Position("e.entity_key", p + "a")} > 0 OR {_d.Position("e.entity_key", p + "b")} > 0");
            parameters.Add((p + "a", ":" + keys[i]));
            parameters.Add((p + "b", " " + keys[i]));
            candidates.Add(CandidatesOf(keys[i], p, parameters));
        }
        string where = match.Count == 0 ? ""
            : $"e.id IN ({string.Join(" UNION ", candidates)}) AND ({string.Join(" OR ", match)}) AND ";
        string from = "entities e LEFT JOIN article_entities ae ON ae.entity_id = e.id";
        if (since is { } start)
        {
            from = "articles a JOIN article_entities ae ON ae.article_id = a.id JOIN entities e ON e.id = ae.entity_id";
            where += "a.sort_at >= @since AND ";
            parameters.Add(("@since", _d.Time(start)));
        }
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"""
            SELECT {EntityColumns}, COUNT(ae.article_id) AS n FROM {from}
            WHERE {where}(@kind = '' OR e.kind = @kind)
            GROUP BY e.id, e.entity_key, e.name, e.kind HAVING COUNT(ae.article_id) > 0 ORDER BY n DESC, e.name LIMIT @n
            """, r => new EntityCount(ReadEntity(r, 0), r.GetInt64(4)), ct, [.. parameters]);
    }

    /// <summary>
    /// The <paramref name="perKind"/> people, organisations and places named in the most articles since
    /// <paramref name="since"/> (the names in the news), most first within each kind: what three
    /// <see cref="SearchAsync"/> calls of one kind each give, in one reading of the period's articles (ranked per kind
    /// by a window function). At 1,000,000 articles on PostgreSQL a month's reading cost 0.4–0.5 s once against
    /// 1.2 s for three (docs/benchmarks.md).
    /// </summary>
    public async Task<IReadOnlyList<EntityCount>> MostNamedAsync(DateTimeOffset since, int perKind, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"""
            SELECT id, entity_key, name, kind, n FROM (
                SELECT {EntityColumns}, COUNT(*) AS n, ROW_NUMBER() OVER (PARTITION BY e.kind ORDER BY COUNT(*) DESC, e.name) AS r
                FROM articles a JOIN article_entities ae ON ae.article_id = a.id JOIN entities e ON e.id = ae.entity_id
                WHERE a.sort_at >= @since
                GROUP BY e.id, e.entity_key, e.name, e.kind) ranked
            WHERE r <= @n ORDER BY kind, n DESC, name
            """, r => new EntityCount(ReadEntity(r, 0), r.GetInt64(4)), ct, ("@since", _d.Time(since)), ("@n", perKind));
    }

    /// <summary>
    /// The entities that may match a query key, from the words' index: an entity whose key holds the key's words at a
    /// word start has each of them as a word, the last perhaps longer ("kasim jomart" → kasim, and a word starting
    /// jomart). Up to four of its words are asked for (the first three and the last); the position test of
    /// <see cref="SearchAsync"/> keeps those with them in place.
    /// </summary>
    private static string CandidatesOf(string key, string prefix, List<(string, object?)> parameters)
    {
        string[] words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 4) words = [.. words[..3], words[^1]];
        var sql = new System.Text.StringBuilder("SELECT w0.entity_id FROM entity_words w0");
        var conditions = new List<string>(words.Length);
        for (int j = 0; j < words.Length; j++)
        {
            string w = "w" + j.ToString(System.Globalization.CultureInfo.InvariantCulture), p = prefix + w;
            if (j > 0) sql.Append(" JOIN entity_words ").Append(w).Append(" ON ").Append(w).Append(".entity_id = w0.entity_id");
            parameters.Add((p, words[j]));
            if (j < words.Length - 1) conditions.Add($"{w}.word = {p}");
            else
            {
                conditions.Add($"{w}.word >= {p} AND {w}.word < {p}z");
                parameters.Add((p + "z", words[j] + "\U0010FFFF"));
            }
        }
        return sql.Append(" WHERE ").Append(string.Join(" AND ", conditions)).ToString();
    }

    /// <summary>
    /// The one entity a name typed into a search means (<c>entity:"Tokayevin"</c>): one whose whole key (after its
    /// kind) is a form of the name, else the entity with the most articles among those <see cref="SearchAsync"/>
    /// finds; null when none is found.
    /// </summary>
    public async Task<StoredEntity?> ResolveAsync(string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = await SearchAsync(name, null, null, 20, ct);
        if (found.Count == 0) return null;
        var keys = EntityLinker.QueryKeys(name);
        foreach (string key in keys)
        {
            foreach (var candidate in found)
            {
                int colon = candidate.Entity.Key.IndexOf(':', StringComparison.Ordinal);
                if (string.Equals(candidate.Entity.Key[(colon + 1)..], key, StringComparison.Ordinal)) return candidate.Entity;
            }
        }
        return found[0].Entity;
    }

    /// <summary>The ids of the articles naming an entity, newest first.</summary>
    public async Task<IReadOnlyList<long>> ArticleIdsAsync(long entityId, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, """
            SELECT ae.article_id FROM article_entities ae JOIN articles a ON a.id = ae.article_id
            WHERE ae.entity_id = @e ORDER BY a.sort_at DESC, a.id DESC LIMIT @n
            """, r => r.GetInt64(0), ct, ("@e", entityId), ("@n", limit));
    }

    /// <summary>How many of an entity's articles fall in each month (by publication, else archive time, UTC), oldest first.</summary>
    public async Task<IReadOnlyList<MonthCount>> MonthsAsync(long entityId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var times = await Sql.ListAsync(conn, """
            SELECT a.sort_at FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = @e
            """, r => _d.ReadTimeOrUnknown(r, 0), ct, ("@e", entityId));
        // A sort time that holds no time (text another tool wrote into SQLite's file) is in no month.
        return times.OfType<DateTimeOffset>().GroupBy(t => t.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new MonthCount(g.Key, g.Count())).ToList();
    }

    /// <summary>The entities named in the same articles as <paramref name="entityId"/>, by how many articles they share.</summary>
    public async Task<IReadOnlyList<EntityCount>> CompanionsAsync(long entityId, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"""
            SELECT {EntityColumns}, COUNT(*) AS n FROM article_entities mine
            JOIN article_entities other ON other.article_id = mine.article_id AND other.entity_id <> mine.entity_id
            JOIN entities e ON e.id = other.entity_id
            WHERE mine.entity_id = @e GROUP BY e.id, e.entity_key, e.name, e.kind ORDER BY n DESC, e.name LIMIT @n
            """, r => new EntityCount(ReadEntity(r, 0), r.GetInt64(4)), ct, ("@e", entityId), ("@n", limit));
    }

    internal static StoredEntity ReadEntity(DbDataReader r, int at) =>
        new(r.GetInt64(at), r.GetString(at + 1), r.GetString(at + 2), FactCodes.ParseKind(r.GetString(at + 3)) ?? EntityKind.Location);
}
