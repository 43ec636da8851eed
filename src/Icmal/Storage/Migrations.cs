namespace Icmal.Storage;

/// <summary>
/// The schema as an ordered list of steps. A step, once released, never changes: later needs get a new step, so any
/// database, however old, reaches the current schema by running the steps it has not seen, in order.
/// </summary>
internal static class Migrations
{
    /// <summary>The steps; each is a list of statements run in one transaction.</summary>
    public static IReadOnlyList<Func<SqlDialect, string[]>> Steps { get; } =
    [
        d =>
        [
            $"""
            CREATE TABLE documents (
                id {d.IdentityPrimaryKey},
                sha256 TEXT NOT NULL UNIQUE,
                origin TEXT NOT NULL,
                url TEXT NULL,
                format TEXT NOT NULL,
                charset TEXT NULL,
                size_bytes BIGINT NOT NULL,
                archived_at TEXT NOT NULL,
                raw_brotli {d.BlobType} NOT NULL
            )
            """,
            $"""
            CREATE TABLE stories (
                id {d.IdentityPrimaryKey},
                title TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                article_count INTEGER NOT NULL DEFAULT 0
            )
            """,
            $"""
            CREATE TABLE articles (
                id {d.IdentityPrimaryKey},
                document_id BIGINT NOT NULL UNIQUE REFERENCES documents(id),
                url TEXT NULL,
                title TEXT NOT NULL,
                title_derived INTEGER NOT NULL DEFAULT 0,
                authors TEXT NOT NULL,
                published_at TEXT NULL,
                modified_at TEXT NULL,
                archived_at TEXT NOT NULL,
                sort_at TEXT NOT NULL,
                site TEXT NULL,
                language TEXT NULL,
                image_url TEXT NULL,
                tags TEXT NOT NULL,
                original_name TEXT NULL,
                original_url TEXT NULL,
                blocks TEXT NOT NULL,
                body TEXT NOT NULL,
                text_sha256 TEXT NOT NULL,
                story_id BIGINT NULL REFERENCES stories(id)
            )
            """,
            "CREATE INDEX articles_sort ON articles (sort_at DESC, id DESC)",
            "CREATE INDEX articles_text_hash ON articles (text_sha256)",
            "CREATE INDEX articles_story ON articles (story_id)",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ],
    ];
}
