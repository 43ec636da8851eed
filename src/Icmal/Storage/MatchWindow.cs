using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Icmal.Storage;

/// <summary>
/// The ranking window of a search on FTS5: the newest matches, each scored from the index alone (its
/// <see cref="Fts5MatchStats"/>, no row of <c>articles</c> read per match), then ranked and folded by text with the
/// articles' sort time and text hash read only for the best of them. Reading those for every match of the window (a
/// seek of the cover index each, and a string per match) was most of a search's cost past the index's own walk.
/// <para>
/// Exactness: the matches are put in order of score, and only a prefix of that order is read, at least
/// <see cref="Batch"/> long and always extended past every match tied with its last on score. Every match outside the
/// prefix then scores strictly worse than every match inside it, so it ranks below all of them whatever its sort time,
/// and the copy standing for any text seen in the prefix is in the prefix. The folded prefix is therefore the start of
/// the folded window: when it holds the page, the page is exactly what ranking the whole window would give. When it
/// does not (copies folded away), the prefix is doubled and read on.
/// </para>
/// </summary>
internal sealed class MatchWindow
{
    /// <summary>The fewest best-scored matches whose sort time and text hash are read at once.</summary>
    public const int Batch = 32;

    private readonly List<long> _ids;
    private readonly List<byte[]> _stats;

    private MatchWindow(List<long> ids, List<byte[]> stats)
    {
        _ids = ids;
        _stats = stats;
    }

    /// <summary>How many matches the window holds.</summary>
    public int Count => _ids.Count;

    /// <summary>The oldest (lowest) article id in the window; the window is read newest first.</summary>
    public long OldestId => _ids[^1];

    /// <summary>The index's row count, from the first match's statistics (0 for an empty window).</summary>
    public long IndexedRows => _stats.Count == 0 ? 0 : Fts5MatchStats.Header(_stats[0]).Rows;

    /// <summary>
    /// Reads the window: <paramref name="sql"/> gives each match's article id and its <see cref="Fts5MatchStats"/>
    /// blob, newest first.
    /// </summary>
    public static async Task<MatchWindow> ReadAsync(DbConnection conn, string sql, IReadOnlyList<(string, object?)> parameters, int capacity,
        CancellationToken ct)
    {
        var ids = new List<long>(capacity);
        var stats = new List<byte[]>(capacity);
        await using var cmd = Sql.Command(conn, null, sql, [.. parameters]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetInt64(0));
            stats.Add(r.GetFieldValue<byte[]>(1));
        }
        return new MatchWindow(ids, stats);
    }

    /// <summary>
    /// Ranks the window (BM25 from <paramref name="idf"/> and <paramref name="weights"/>, then the newer, then the later
    /// stored; copies of one text folded into their best ranked) and gives the matches ranked at
    /// <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/>, with the count of distinct
    /// texts seen: exact for the whole window when <paramref name="wholeCount"/> (every match is then read), a lower
    /// bound otherwise.
    /// </summary>
    public async Task<(List<RankedMatch> Page, int Distinct)> RankAsync(DbConnection conn, double[] idf, double[] weights,
        int offset, int limit, bool wholeCount, CancellationToken ct)
    {
        int count = _ids.Count;
        // In order of score alone (the order among equal scores is settled by Ranking once they are read, as they all
        // are): a sort of doubles, with no comparer to call.
        var ranks = new double[count];
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            ranks[i] = -Bm25.Score(_stats[i], idf, weights);
            order[i] = i;
        }
        Array.Sort(ranks, order);
        var scored = new RankedMatch[count];
        for (int i = 0; i < count; i++) scored[i] = new RankedMatch(_ids[order[i]], 0, "", ranks[i]);

        int need = offset + limit;
        int end = wholeCount ? count : Math.Min(count, Math.Max(Batch, need));
        int read = 0;
        // Each text's best ranked copy, as an index into scored.
        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        while (read < count)
        {
            // Ties on score at the edge are read with it: their order (and which copy stands) depends on what is unread.
            while (end < count && scored[end].Rank == scored[end - 1].Rank) end++;
            await ResolveAsync(conn, scored, read, end, ct);
            for (int i = read; i < end; i++)
            {
                if (scored[i].TextHash is not { Length: > 0 } hash) continue; // no article row: never ranked
                if (!best.TryGetValue(hash, out int held) || default(Ranking).Compare(scored[i], scored[held]) < 0) best[hash] = i;
            }
            read = end;
            if (best.Count >= need) break;
            end = Math.Min(count, 2 * end);
        }

        var ranked = new RankedMatch[best.Count];
        int k = 0;
        foreach (int i in best.Values) ranked[k++] = scored[i];
        ranked.AsSpan().Sort(default(Ranking));
        var page = new List<RankedMatch>(Math.Max(0, Math.Min(limit, ranked.Length - offset)));
        for (int i = offset; i < ranked.Length && i < need; i++) page.Add(ranked[i]);
        return (page, best.Count);
    }

    /// <summary>
    /// Reads the sort time and text hash of <paramref name="scored"/>[<paramref name="from"/>..<paramref name="to"/>]
    /// from the cover index; a match with no article row keeps an empty hash.
    /// </summary>
    private static async Task ResolveAsync(DbConnection conn, RankedMatch[] scored, int from, int to, CancellationToken ct)
    {
        if (from >= to) return;
        var at = new Dictionary<long, int>(to - from);
        var ids = new StringBuilder(12 * (to - from) + 2).Append('[');
        for (int i = from; i < to; i++)
        {
            at[scored[i].Id] = i;
            if (i > from) ids.Append(',');
            ids.Append(scored[i].Id.ToString(CultureInfo.InvariantCulture));
        }
        ids.Append(']');
        await using var cmd = Sql.Command(conn, null, $"""
            SELECT id, sort_at, text_sha256 FROM articles INDEXED BY {SqliteFts5SearchEngine.CoverIndex}
            WHERE id IN (SELECT value FROM json_each(@ids))
            """, [("@ids", ids.ToString())]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            long id = r.GetInt64(0);
            if (!at.TryGetValue(id, out int i)) continue;
            scored[i] = scored[i] with { SortAt = r.GetInt64(1), TextHash = r.StringOrNull(2) ?? "#" + id.ToString(CultureInfo.InvariantCulture) };
        }
    }

    /// <summary>Best first: BM25, then the newer, then the later stored.</summary>
    internal readonly struct Ranking : IComparer<RankedMatch>
    {
        public int Compare(RankedMatch a, RankedMatch b) =>
            a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.SortAt != b.SortAt ? b.SortAt.CompareTo(a.SortAt) : b.Id.CompareTo(a.Id);
    }
}

/// <summary>A match of the window: its article, sort time and text hash (once read), and BM25 negated (lower is better, as FTS5 gives it).</summary>
internal readonly record struct RankedMatch(long Id, long SortAt, string TextHash, double Rank);
