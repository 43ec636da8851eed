namespace Icmal.Storage;

/// <summary>
/// PostgreSQL's schema as an ordered list of steps, numbered on their own: PostgreSQL arrived when SQLite was at step 9,
/// so step 1 here is the whole schema of SQLite's steps 1–9 in PostgreSQL's types (timestamptz, boolean, bytea,
/// identity columns) and later steps follow SQLite's one for one. The tables, columns and their meaning are SQLite's
/// (see <see cref="SqliteMigrations"/> for why each exists); what differs is the search index, a tsvector of İcmal's
/// own keys with a GIN index (<see cref="PostgreSqlSearchEngine"/>) instead of FTS5. A step, once released, never changes.
/// </summary>
internal static class PostgreSqlMigrations
{
    /// <summary>The columns step 8 compresses with lz4: every article writes them, and they are its widest.</summary>
    internal static readonly (string Table, string Column)[] Lz4Columns = [("articles", "body"), ("articles", "blocks"), ("article_search", "keys")];

    /// <summary>True on a server built with lz4 (the setting that chooses the method lists it only then).</summary>
    internal const string Lz4Available = "EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))";

    /// <summary>The share of new rows after which autovacuum visits the sketch keys (step 10); PostgreSQL's default is 0.2.</summary>
    internal const double VacuumInsertShare = 0.01;

    /// <summary>
    /// The article keys step 13 stops checking by a foreign key (PostgreSQL only; issue #17, measured at 1M articles:
    /// docs/benchmarks.md, "pgwrites"): the rows an import writes for each article, in the tables it writes.
    /// </summary>
    /// <remarks>
    /// Each such row's key was checked per row, after each statement, as a <c>SELECT … FOR KEY SHARE</c> of the
    /// article: 331,570 checks an import of 10,000 articles at 1M (160,000 of them the sketch keys), 1.66 million
    /// buffers of the import's 8.9 million, each article's row locked (written, and logged) once per transaction, and
    /// each copy's original, an old article, on an old page logged whole after a checkpoint. They guarded nothing the
    /// writers do not already: the store transaction writes an article's search row, entities, quotes, figures, facts
    /// and categories with the article itself, and the relate transaction writes sketches, sketch keys and copy links
    /// for articles committed before it, naming as originals articles it has just read. No code deletes an article, so
    /// the keys' <c>ON DELETE CASCADE</c> never ran; one that does must delete these rows with it. The keys of
    /// <c>seen_urls</c> and <c>article_views</c> (not written by an import) stay, and so does the sketch row's (one
    /// check an article): an article deleted by hand still takes its sketch with it, and step 12's trigger its sketch
    /// keys (<see cref="SketchKeyStep"/>). SQLite keeps all of its own (a check there is a probe of the key's index in
    /// the process, with no lock written).
    /// </remarks>
    internal static readonly (string Table, string Column)[] UncheckedArticleKeys =
    [
        ("article_search", "article_id"), ("article_sketch_keys", "article_id"),
        ("article_copies", "article_id"), ("article_copies", "original_id"), ("article_entities", "article_id"),
        ("article_quotes", "article_id"), ("article_figures", "article_id"), ("article_facts", "article_id"),
        ("article_categories", "article_id"),
    ];

    /// <summary>The steps in order (after <see cref="Lz4Columns"/>, which step 8 reads, so that it is set first).</summary>
    public static IReadOnlyList<MigrationStep> Steps { get; } = Build();

    private static MigrationStep[] Build()
    {
        SqlDialect d = SqlDialect.PostgreSql;
        string time = d.TimeType;
        string flag = d.BooleanType;
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
                archived_at {time} NOT NULL,
                raw_brotli {d.BlobType} NOT NULL
            )
            """,
            $"""
            CREATE TABLE stories (
                id {d.IdentityPrimaryKey},
                title TEXT NOT NULL,
                first_seen {time} NOT NULL,
                last_seen {time} NOT NULL,
                article_count INTEGER NOT NULL DEFAULT 0
            )
            """,
            $"""
            CREATE TABLE articles (
                id {d.IdentityPrimaryKey},
                document_id BIGINT NOT NULL UNIQUE REFERENCES documents(id),
                url TEXT NULL,
                title TEXT NOT NULL,
                title_derived {flag} NOT NULL DEFAULT {d.False},
                authors TEXT NOT NULL,
                published_at {time} NULL,
                modified_at {time} NULL,
                archived_at {time} NOT NULL,
                sort_at {time} NOT NULL,
                site TEXT NULL,
                language TEXT NULL,
                image_url TEXT NULL,
                tags TEXT NOT NULL,
                original_name TEXT NULL,
                original_url TEXT NULL,
                blocks TEXT NOT NULL,
                body TEXT NOT NULL,
                text_sha256 TEXT NOT NULL,
                story_id BIGINT NULL REFERENCES stories(id),
                canonical_url TEXT NULL,
                published_from TEXT NULL,
                section TEXT NULL
            )
            """,
            "CREATE INDEX articles_sort ON articles (sort_at DESC, id DESC)",
            "CREATE INDEX articles_text_hash ON articles (text_sha256)",
            "CREATE INDEX articles_story ON articles (story_id)",
            "CREATE INDEX articles_canonical_url ON articles (canonical_url)",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            $"""
            CREATE TABLE sources (
                id {d.IdentityPrimaryKey},
                name TEXT NOT NULL,
                home_url TEXT NOT NULL UNIQUE,
                language TEXT NOT NULL,
                enabled {flag} NOT NULL DEFAULT {d.False},
                allow_private {flag} NOT NULL DEFAULT {d.False},
                added_at {time} NOT NULL,
                poll_interval_s INTEGER NOT NULL,
                next_poll_at {time} NULL,
                last_polled_at {time} NULL,
                last_success_at {time} NULL,
                last_error TEXT NULL,
                last_error_at {time} NULL,
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
                last_fetched_at {time} NULL,
                last_full_fetch_at {time} NULL,
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
                started_at {time} NOT NULL,
                duration_ms BIGINT NOT NULL,
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
                first_seen_at {time} NOT NULL,
                last_attempt_at {time} NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL,
                article_id BIGINT NULL REFERENCES articles(id),
                reason TEXT NULL
            )
            """,
            "CREATE INDEX seen_urls_source ON seen_urls (source_id, state, last_attempt_at)",
            $"""
            CREATE TABLE item_errors (
                id {d.IdentityPrimaryKey},
                source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
                origin TEXT NOT NULL,
                stage TEXT NOT NULL,
                reason TEXT NOT NULL,
                at {time} NOT NULL
            )
            """,
            "CREATE INDEX item_errors_source_time ON item_errors (source_id, at)",
            PostgreSqlSearchEngine.CreateTable,
            PostgreSqlSearchEngine.CreateIndex,
            """
            CREATE TABLE article_copies (
                article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                original_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                evidence TEXT NOT NULL,
                similarity DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX article_copies_original ON article_copies (original_id)",
        ]),
        new(2,
        [
            // SQLite's step 10 (issue #16): each article's similarity sketch and its lookup keys (Storage/SketchStore).
            """
            CREATE TABLE article_sketches (
                article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                shingles INTEGER NOT NULL,
                sketch BYTEA NOT NULL
            )
            """,
            """
            CREATE TABLE article_sketch_keys (
                sketch_key BIGINT NOT NULL, -- an unsigned 32-bit hash: PostgreSQL's INTEGER is signed
                article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                PRIMARY KEY (sketch_key, article_id)
            )
            """,
        ]),
        new(3,
        [
            // SQLite's step 11 (issue #15): each article's facets (site, language, Baku day, month and year; Storage/
            // SearchFacets) are lexemes of its tsvector, so source:, lang:, since: and until: are answered by the GIN
            // index. The rows are rewritten by the catch-up that runs when the database is opened; until it reaches an
            // article, a filter does not find it (a catch-up under way restarts from the first article).
            $"""
            INSERT INTO settings (key, value) SELECT '{SearchStore.CatchUpToSetting}', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM articles
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
            $"""
            INSERT INTO settings (key, value) VALUES ('{SearchStore.CatchUpDoneSetting}', '0')
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
        ]),
        // SQLite's step 12: the source leases (SourceLeaseStep).
        new(4, SourceLeaseStep.Statements(d)),
        // SQLite's step 13: each article's entities, quotes and figures (EntityStep).
        new(5, EntityStep.Statements(d)),
        new(6,
        [
            // SQLite's step 14 (issue #18): each article's category (Storage/CategoryStore).
            """
            CREATE TABLE article_categories (
                article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                category TEXT NOT NULL,
                origin TEXT NOT NULL,
                confidence DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX article_categories_category ON article_categories (category, article_id)",
        ]),
        // SQLite's step 15: the portal's view counts (ArticleViewsStep).
        new(7, ArticleViewsStep.Statements(d)),
        new(8,
        [
            // PostgreSQL only (issue #17's import rate): the wide values written for every article (its text, its
            // blocks, its search tsvector) are compressed with lz4 where the server has it, not pglz. In perf of the
            // server during an import (statements prepared) pglz was 3.5 % of its CPU; lz4 compresses several times
            // faster and decompresses faster for every page read, for slightly larger values. Rows written before
            // keep pglz (a value is decompressed by the method it was written with), so no table is rewritten.
            $"DO $$ BEGIN IF {Lz4Available} THEN {string.Join(' ', Lz4Columns.Select(c => $"ALTER TABLE {c.Table} ALTER COLUMN {c.Column} SET COMPRESSION lz4;"))} END IF; END $$",
        ]),
        // SQLite's step 16: the stories' shared order (StoryOrderStep).
        new(9, StoryOrderStep.Statements(d)),
        new(10,
        [
            // PostgreSQL only (issue #17, measured at 1M articles): the copy look-up reads each sketch key's newest
            // articles from the keys' index, and for an index page whose table page is not marked all-visible it goes
            // to the table as well: half of its 2,750 entries an article. Only a vacuum marks pages, and autovacuum
            // comes to an insert-only table after 20 % new rows (3 million keys, some 200,000 articles, at 1M), so
            // the newest keys, the ones read most, were never marked. A vacuum after each 1 % keeps them marked
            // (one plain VACUUM of the 1M archive took 3.8 s and cut the server's CPU of the next 10k import by 20 %).
            $"ALTER TABLE article_sketch_keys SET (autovacuum_vacuum_insert_scale_factor = {VacuumInsertShare.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        ]),
        new(11,
        [
            // PostgreSQL only (issue #17, measured at 1M articles: docs/benchmarks.md, "pgstmts"): an article's entity
            // rows no longer check their entity by a foreign key. The check ran once per row (80,000 an import of
            // 10,000 articles) as a SELECT … FOR KEY SHARE of the entity, which also writes a lock into that entity's
            // row: an old page of the entities table dirtied, logged whole after each checkpoint (600 full-page images,
            // 0.28 s, 490k buffers an import; 38 % of the rows' insert buffers). It guarded nothing the writers do not
            // already: both (EntityStore.ReplaceAsync, PostgreSqlFactsBatch) take each entity_id from entities in the same
            // transaction just before, and no code deletes an entity (one that does must delete its rows with it, as
            // the foreign key never cascaded). The article's key and the quotes' speaker keep theirs.
            "ALTER TABLE article_entities DROP CONSTRAINT IF EXISTS article_entities_entity_id_fkey",
        ]),
        // PostgreSQL only (issue #17, measured at 1M articles: docs/benchmarks.md, "sketchcopy"): SketchKeyStep.
        new(12, SketchKeyStep.PostgreSqlStatements),
        new(13, [.. UncheckedArticleKeys.Select(k => $"ALTER TABLE {k.Table} DROP CONSTRAINT IF EXISTS {k.Table}_{k.Column}_fkey")]),
        // PostgreSQL only (issue #17): the count of key writes a copy batch's keys read ahead are checked against (KeyWriteStep).
        new(14, KeyWriteStep.PostgreSqlStatements),
        // PostgreSQL only (issue #17's search latency): the search table split by article id (PostgreSqlSearchPartitions).
        new(15, PostgreSqlSearchPartitions.Conversion),
        // SQLite's step 17: the entities' words, for the search of a name (EntityWordStep).
        new(16, EntityWordStep.Statements(d)),
        ];
    }
}
