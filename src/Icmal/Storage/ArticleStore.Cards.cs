using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// Articles read for a list's cards (issue #19: deep section pages): a card shows an article's lead, its first
/// paragraph that is not the headline, never the rest of its text. Decoding every block of 30 articles and their
/// copies was the largest single cost of a browse page (a sixth of its CPU at 100,000 articles, profiled), so these
/// reads stop at the lead: the <see cref="Article"/>s they return hold that one paragraph in
/// <see cref="Article.Blocks"/> (none when the article has none), everything else as <see cref="GetManyAsync"/> reads it.
/// </summary>
public sealed partial class ArticleStore
{
    /// <summary><see cref="BrowseAsync"/> for cards: each article's blocks are its lead only.</summary>
    public Task<BrowsePage> BrowseCardsAsync(ArticleBrowse what, ArticleCursor? older, int limit, CancellationToken ct) =>
        BrowseAsync(what, older, limit, leadsOnly: true, ct);

    /// <summary>Articles by id for cards (a list's folded copies): each one's blocks are its lead only; unknown ids are absent.</summary>
    public async Task<IReadOnlyDictionary<long, Article>> GetCardsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return new Dictionary<long, Article>();
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, $"""
            SELECT {ArticleRows.Columns}
            FROM articles a JOIN documents d ON d.id = a.document_id
            WHERE {_d.InList("a.id", "@ids")}
            """, r => ReadCard(r, _d), ct, ("@ids", _d.ListValue(ids)));
        return rows.ToDictionary(a => a.Id);
    }

    /// <summary>
    /// The copies of several originals (a page of originals: a section's, a day's), each with its link and read as a
    /// card, in one query: what <see cref="CopyStore.LinksOfManyAsync"/> and <see cref="GetCardsAsync"/> give such a
    /// page in three queries over two connections. Each original's copies come oldest first, as there.
    /// </summary>
    public async Task<IReadOnlyList<(CopyLink Link, Article Copy)>> CopiesOfOriginalsAsync(IReadOnlyCollection<long> originalIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(originalIds);
        if (originalIds.Count == 0) return [];
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"""
            SELECT {ArticleRows.Columns}, c.original_id, c.evidence, c.similarity
            FROM article_copies c JOIN articles a ON a.id = c.article_id JOIN documents d ON d.id = a.document_id
            WHERE {_d.InList("c.original_id", "@ids")}
            ORDER BY a.archived_at, a.id
            """, r =>
            {
                var copy = ReadCard(r, _d);
                int at = ArticleRows.Count;
                // As CopyStore reads a link: a code a later version wrote reads as a near-copy.
                var link = new CopyLink(copy.Id, r.GetInt64(at), CopyLink.FromCode(r.GetString(at + 1)) ?? CopyEvidence.NearCopy, r.GetDouble(at + 2));
                return (link, copy);
            }, ct, ("@ids", _d.ListValue(originalIds)));
    }

    /// <summary>
    /// One row of <see cref="ArticleRows.Columns"/> as <see cref="ArticleRows.Read"/> reads it, but with the lead as
    /// its only block.
    /// </summary>
    internal static Article ReadCard(DbDataReader r, SqlDialect dialect)
    {
        string title = r.GetString(4);
        string? origName = r.StringOrNull(14);
        string? origUrl = r.StringOrNull(15);
        return new Article
        {
            Id = r.GetInt64(0),
            DocumentId = r.GetInt64(1),
            Origin = r.GetString(2),
            Url = r.StringOrNull(3),
            Title = title,
            TitleDerived = r.GetBoolean(5),
            Authors = JsonSerializer.Deserialize(r.GetString(6), StorageJson.Context.StringArray) ?? [],
            Published = dialect.ReadTimeOrNull(r, 7),
            Modified = dialect.ReadTimeOrNull(r, 8),
            Archived = dialect.ReadTime(r, 9),
            Site = r.StringOrNull(10),
            Language = r.StringOrNull(11),
            ImageUrl = r.StringOrNull(12),
            Tags = JsonSerializer.Deserialize(r.GetString(13), StorageJson.Context.StringArray) ?? [],
            Original = origName is null && origUrl is null ? null : new SourceCredit(origName, origUrl),
            Blocks = LeadBlock(r.GetString(16), title),
            StoryId = r.Int64OrNull(17),
            StorySize = r.IsDBNull(18) ? 0 : r.GetInt32(18),
            PublishedFrom = r.StringOrNull(19) is { } code ? DateEvidence.FromCode(code) : null,
            Section = r.StringOrNull(20),
        };
    }

    /// <summary>
    /// The first paragraph of stored blocks (<see cref="BlockCodec"/>'s [kind, text] pairs) whose text is not
    /// <paramref name="title"/>, as a one-block list, or none; the pairs after it are not decoded.
    /// </summary>
    internal static IReadOnlyList<ArticleBlock> LeadBlock(string json, string title)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return [];
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                // A pair: its kind code, then its text ("p" and any code a later version wrote read as paragraphs,
                // as BlockCodec reads them).
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return [];
                bool paragraph = !(reader.ValueTextEquals("h"u8) || reader.ValueTextEquals("li"u8) || reader.ValueTextEquals("q"u8)
                    || reader.ValueTextEquals("pre"u8) || reader.ValueTextEquals("tr"u8));
                if (!reader.Read()) return [];
                if (paragraph)
                {
                    string text = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? "" : "";
                    if (!string.Equals(text, title, StringComparison.Ordinal)) return [new ArticleBlock(BlockKind.Paragraph, text)];
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                }
            }
            return [];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
