namespace Icmal.Storage;

/// <summary>
/// SQLite's schema as an ordered list of steps. A step, once released, never changes: later needs get a new step, so
/// any database, however old, reaches the current schema by running the steps it has not seen, in order. Steps 1–5
/// are as released (times as ISO-8601 text); step 6 rebuilds every table with times as INTEGER milliseconds
/// (<see cref="SqliteTimeMigration"/>); step 7 turns the words of each date's evidence into its code; step 8 adds the
/// search index; step 9 links copies to originals and step 10 keeps the similarity sketches that find them; step 11 makes the
/// search index again with the articles' facets; step 12 adds the source leases that let several crawlers share the
/// sources (<see cref="SourceLeaseStep"/>); step 13 keeps each article's entities, quotes and figures
/// (<see cref="EntityStep"/>).
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<MigrationStep> Steps { get; } = Build();

    private static MigrationStep[] Build()
    {
        SqlDialect d = SqlDialect.Sqlite;
        return
        [
        new(1,
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
        ]),
        new(2,
        [
            // Collection (issue #7): the sites followed, their feeds/sitemaps/listing pages, every fetch made, and
            // every article address met, so that a URL is fetched and stored once and a restart resumes.
            $"""
            CREATE TABLE sources (
                id {d.IdentityPrimaryKey},
                name TEXT NOT NULL,
                home_url TEXT NOT NULL UNIQUE,
                language TEXT NOT NULL,
                enabled INTEGER NOT NULL DEFAULT 0,
                allow_private INTEGER NOT NULL DEFAULT 0,
                added_at TEXT NOT NULL,
                poll_interval_s INTEGER NOT NULL,
                next_poll_at TEXT NULL,
                last_polled_at TEXT NULL,
                last_success_at TEXT NULL,
                last_error TEXT NULL,
                last_error_at TEXT NULL,
                consecutive_failures INTEGER NOT NULL DEFAULT 0
            )
            """,
            $"""
            CREATE TABLE source_endpoints (
                id {d.IdentityPrimaryKey},
                source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                url TEXT NOT NULL,
                etag TEXT NULL,
                last_modified TEXT NULL,
                last_fetched_at TEXT NULL,
                last_full_fetch_at TEXT NULL,
                last_error TEXT NULL,
                UNIQUE (source_id, url)
            )
            """,
            $"""
            CREATE TABLE fetches (
                id {d.IdentityPrimaryKey},
                source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
                purpose TEXT NOT NULL,
                url TEXT NOT NULL,
                final_url TEXT NULL,
                started_at TEXT NOT NULL,
                duration_ms INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                status INTEGER NULL,
                bytes BIGINT NOT NULL,
                content_type TEXT NULL,
                attempts INTEGER NOT NULL,
                error TEXT NULL,
                body_brotli {d.BlobType} NULL
            )
            """,
            "CREATE INDEX fetches_source_time ON fetches (source_id, started_at)",
            $"""
            CREATE TABLE seen_urls (
                canonical_url TEXT PRIMARY KEY,
                source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
                first_seen_at TEXT NOT NULL,
                last_attempt_at TEXT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL,
                article_id BIGINT NULL REFERENCES articles(id),
                reason TEXT NULL
            )
            """,
            "CREATE INDEX seen_urls_source ON seen_urls (source_id, state, last_attempt_at)",
            "ALTER TABLE articles ADD COLUMN canonical_url TEXT NULL",
            "CREATE INDEX articles_canonical_url ON articles (canonical_url)",
        ]),
        new(3,
        [
            // Where each article's publication time was read ("json-ld NewsArticle", "shown at the headline"...),
            // so that a reader or an analyst can ask why an article carries its date.
            "ALTER TABLE articles ADD COLUMN published_from TEXT NULL",
        ]),
        new(4,
        [
            // Issue #13: every item (a crawled page, an imported file or list item) that was rejected or failed, with
            // the stage and the reason, so that /admin/sources shows what went wrong with which address.
            $"""
            CREATE TABLE item_errors (
                id {d.IdentityPrimaryKey},
                source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
                origin TEXT NOT NULL,
                stage TEXT NOT NULL,
                reason TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX item_errors_source_time ON item_errors (source_id, at)",
        ]),
        new(5,
        [
            // The page's section or rubric ("Siyasət", "Analitik"), often printed on the headline's line and taken off it.
            "ALTER TABLE articles ADD COLUMN section TEXT NULL",
        ]),
        new(6, SqliteTimeMigration.Statements(d), RebuildsTables: true),
        new(7,
        [
            // Issue #14: the date's evidence is stored as a code ("json-ld:NewsArticle", "headline"; see
            // Model/DateEvidence) instead of words. The words every earlier version wrote become their codes; anything
            // else becomes NULL (no evidence) rather than a code that would claim what it does not know.
            """
            UPDATE articles SET published_from = CASE
                WHEN substr(published_from, 1, 8) = 'json-ld ' THEN 'json-ld:' || replace(substr(published_from, 9), ' dateCreated', '.dateCreated')
                WHEN substr(published_from, 1, 5) = 'meta ' THEN 'meta:' || substr(published_from, 6)
                WHEN substr(published_from, 1, 12) = 'script data ' THEN 'script:' || substr(published_from, 13)
                WHEN substr(published_from, 1, 7) = 'marked ' THEN 'marked:' || substr(published_from, 8)
                WHEN published_from = 'shown at the headline' THEN 'headline'
                WHEN published_from = 'time element at the headline' THEN 'headline:time'
                WHEN published_from = 'revision shown at the headline' THEN 'revision:headline'
                WHEN published_from = 'revision time' THEN 'revision:metadata'
                WHEN published_from = 'relative date shown at the headline' THEN 'relative:headline'
                WHEN published_from = 'relative date line before the text' THEN 'relative:before-text'
                WHEN published_from = 'address' THEN 'address'
                WHEN published_from = 'canonical address' THEN 'canonical-address'
                WHEN published_from = 'date element at the article' THEN 'element:article'
                WHEN published_from = 'time element at the article' THEN 'element:time'
                WHEN published_from = 'date element' THEN 'element'
                WHEN published_from = 'date line in the article' THEN 'line:article'
                WHEN published_from = 'date in the article''s text' THEN 'line:prose'
                WHEN published_from = 'date line before the text' THEN 'line:before-text'
                WHEN published_from = 'archive line in the text' THEN 'line:archive'
                WHEN published_from = 'date line on the page' THEN 'page-line'
                WHEN published_from = 'date in the page''s markup' THEN 'markup'
                WHEN published_from = 'the item''s date field' THEN 'item'
                ELSE NULL
            END
            WHERE published_from IS NOT NULL
            """,
        ]),
        new(8,
        [
            // Issue #15: the search index (keys only, in the same file), and every article already stored marked for
            // the catch-up that indexes it when the database is opened (SearchStore.CatchUpAsync). (As released: step 11
            // replaces the table.)
            $"""
            CREATE VIRTUAL TABLE {SqliteFts5SearchEngine.Table} USING fts5(title, body, author, content='', contentless_delete=1, detail=full,
                tokenize='unicode61 remove_diacritics 0')
            """,
            // What ranking and folding copies read of every matched article, without reading its row (the text sits
            // in the row before text_sha256, so each row read would walk the text's overflow pages).
            $"CREATE INDEX {SqliteFts5SearchEngine.CoverIndex} ON articles (id, sort_at, text_sha256, language, site, url)",
            $"INSERT INTO settings (key, value) SELECT '{SearchStore.CatchUpToSetting}', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM articles",
            $"INSERT INTO settings (key, value) VALUES ('{SearchStore.CatchUpDoneSetting}', '0')",
        ]),
        new(9,
        [
            // Issue #16: a copy and the original it republishes (Storage/CopyStore); one row per copy, and an original's
            // copies found through its index. Deleting either article deletes the link.
            """
            CREATE TABLE article_copies (
                article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                original_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                evidence TEXT NOT NULL,
                similarity REAL NOT NULL
            )
            """,
            "CREATE INDEX article_copies_original ON article_copies (original_id)",
        ]),
        new(10,
        [
            // Issue #16: each article's similarity sketch (Icmal.Text.Similarity.TextSketch: 64 hashes, 256 bytes) and
            // its 16 lookup keys, so an arrival finds the stored texts that may resemble it by key, without a scan
            // (Storage/SketchStore). Articles stored before this step are sketched when the pipeline opens.
            """
            CREATE TABLE article_sketches (
                article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                shingles INTEGER NOT NULL,
                sketch BLOB NOT NULL
            )
            """,
            // Key first, then the article: one key's articles are one range of the table itself, newest last.
            """
            CREATE TABLE article_sketch_keys (
                sketch_key INTEGER NOT NULL,
                article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                PRIMARY KEY (sketch_key, article_id)
            ) WITHOUT ROWID
            """,
        ]),
        new(11,
        [
            // Issue #15: the search index with each article's facets (site, language, Baku day, month and year) as
            // tokens of a column of their own (Storage/SearchFacets), so that source:, lang:, since: and until: are
            // intersections of the index's lists rather than checks of every match's row. An FTS5 table takes no new
            // column: it is made again, empty, and every stored article marked for the catch-up that indexes it when
            // the database is opened (a catch-up under way restarts from the first article).
            $"DROP TABLE {SqliteFts5SearchEngine.Table}",
            SqliteFts5SearchEngine.CreateTable,
            $"""
            INSERT INTO settings (key, value) SELECT '{SearchStore.CatchUpToSetting}', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM articles WHERE true
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
            $"""
            INSERT INTO settings (key, value) VALUES ('{SearchStore.CatchUpDoneSetting}', '0')
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
        ]),
        new(12, SourceLeaseStep.Statements(d)),
        new(13, EntityStep.Statements(d)),
        new(14,
        [
            // Issue #18: each article's category (Storage/CategoryStore), from the source's own section or the classifier.
            """
            CREATE TABLE article_categories (
                article_id INTEGER NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                category TEXT NOT NULL,
                origin TEXT NOT NULL,
                confidence REAL NOT NULL
            )
            """,
            "CREATE INDEX article_categories_category ON article_categories (category, article_id)",
        ]),
        // Issue #19: the portal's view counts (ArticleViewsStep).
        new(15, ArticleViewsStep.Statements(d)),
        // Issues #16 and #17: the stories' shared order (StoryOrderStep).
        new(16, StoryOrderStep.Statements(d)),
        // The entities' words, for the search of a name (EntityWordStep).
        new(17, EntityWordStep.Statements(d)),
        ];
    }
}
