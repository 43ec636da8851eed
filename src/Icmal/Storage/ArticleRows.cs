using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>How an article row is selected and read, shared by every query that returns articles.</summary>
internal static class ArticleRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order (over articles a JOIN documents d).</summary>
    public const string Columns = """
        a.id, a.document_id, d.origin, a.url, a.title, a.title_derived, a.authors, a.published_at, a.modified_at,
        a.archived_at, a.site, a.language, a.image_url, a.tags, a.original_name, a.original_url, a.blocks, a.story_id,
        (SELECT s.article_count FROM stories s WHERE s.id = a.story_id), a.published_from, a.section, d.archived_at
        """;

    /// <summary>How many columns <see cref="Columns"/> has: a query may select more after them.</summary>
    public const int Count = 22;

    /// <summary>One row of <see cref="Columns"/>; with <paramref name="leadOnly"/> (a card) its blocks are its lead only (<see cref="LeadBlock"/>).</summary>
    public static Article Read(DbDataReader r, SqlDialect dialect, bool leadOnly = false) =>
        Read(r, dialect, leadOnly, ArchiveTime(r, dialect, article: 9, page: 21, published: 7, modified: 8));

    /// <summary>
    /// <see cref="Read"/> for a list, or null for a row that knows no time at all (<see cref="ArchiveTimeOrUnknown"/>):
    /// a list leaves such a row out rather than failing for it (one row another tool mangled took down the front page,
    /// the feeds and every list it fell in). Its own page still fails, and every catch-up records it.
    /// </summary>
    public static Article? ReadListed(DbDataReader r, SqlDialect dialect, bool leadOnly = false) =>
        ArchiveTimeOrUnknown(r, dialect, article: 9, page: 21, published: 7, modified: 8) is { } archived ? Read(r, dialect, leadOnly, archived) : null;

    private static Article Read(DbDataReader r, SqlDialect dialect, bool leadOnly, DateTimeOffset archived)
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
            Authors = Strings(r.GetString(6)),
            Published = dialect.ReadTimeOrUnknown(r, 7),
            Modified = dialect.ReadTimeOrUnknown(r, 8),
            Archived = archived,
            Site = r.StringOrNull(10),
            Language = r.StringOrNull(11),
            ImageUrl = r.StringOrNull(12),
            Tags = Strings(r.GetString(13)),
            Original = origName is null && origUrl is null ? null : new SourceCredit(origName, origUrl),
            Blocks = leadOnly ? LeadBlock(r.GetString(16), title) : BlockCodec.Decode(r.GetString(16)),
            StoryId = r.Int64OrNull(17),
            StorySize = r.IsDBNull(18) ? 0 : r.GetInt32(18),
            PublishedFrom = r.StringOrNull(19) is { } code ? DateEvidence.FromCode(code) : null,
            Section = r.StringOrNull(20),
        };
    }

    /// <summary>
    /// A list row's place for paging: its sort time (the column after <see cref="Columns"/>). One that holds text another
    /// tool wrote (SQLite's file alone can) is placed past the latest time, where SQLite orders text, above every
    /// number: the next page then starts at the newest row whose time reads, not at the row's other times, which
    /// passed over every row between.
    /// </summary>
    internal static ArticleCursor CursorOf(DbDataReader r, SqlDialect dialect) =>
        new(dialect.ReadTimeOrUnknown(r, Count) ?? DateTimeOffset.MaxValue, r.GetInt64(0));

    /// <summary>
    /// An article's archive time, from the row's columns at the given ordinals: its own, or where that holds no time
    /// (text another tool wrote into SQLite's file, <see cref="SqliteDialect.ReadTime"/>) its page's, set by the same
    /// ingest; where both hold none, its publication time, then its change time, the nearest times the row still
    /// knows (an article is stored after it is published). So one mangled column never fails the pages that list the
    /// row; only a row that knows no time at all is a <see cref="FormatException"/> naming what its own holds (there is
    /// no time to list or link it by).
    /// </summary>
    internal static DateTimeOffset ArchiveTime(DbDataReader r, SqlDialect dialect, int article, int page, int published, int modified) =>
        ArchiveTimeOrUnknown(r, dialect, article, page, published, modified) ?? dialect.ReadTime(r, article);

    /// <summary><see cref="ArchiveTime"/>, or null where none of the four reads (for a stage that leaves such a row out).</summary>
    internal static DateTimeOffset? ArchiveTimeOrUnknown(DbDataReader r, SqlDialect dialect, int article, int page, int published, int modified) =>
        dialect.ReadTimeOrUnknown(r, article) ?? dialect.ReadTimeOrUnknown(r, page)
        ?? dialect.ReadTimeOrUnknown(r, published) ?? dialect.ReadTimeOrUnknown(r, modified);

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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Blocks İcmal did not write (BlockCodec.Decode reads them as none): the card has no lead.
            return [];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A stored JSON array of strings (authors, tags). What İcmal did not write (a row another tool or a hand mangled,
    /// a null among the names) reads as none or is left out: one such row must not take down every page that lists it.
    /// </summary>
    public static string[] Strings(string json)
    {
        try
        {
            var values = JsonSerializer.Deserialize(json, StorageJson.Context.StringArray) ?? [];
            return Array.IndexOf(values, null) < 0 ? values : [.. values.Where(v => v is not null)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, StorageJson.Context.IReadOnlyListString);
}
