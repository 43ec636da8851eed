namespace Icmal.Storage;

/// <summary>
/// SQLite step 6: every time column becomes INTEGER UTC Unix milliseconds, so times compare and index as numbers
/// (steps 1–5 stored ISO-8601 text, which only sorts right while every writer uses one exact format). SQLite can not
/// change a column's type, so each table is rebuilt: create the new table, copy the rows converting each time, drop
/// the old one, rename, recreate its indexes (SQLite's documented procedure, foreign keys off and checked before
/// commit). One transaction: a database is either wholly converted or untouched.
/// </summary>
internal static class SqliteTimeMigration
{
    public static string[] Statements(SqlDialect d)
    {
        string time = d.TimeType, flag = d.BooleanType;
        return
        [
            .. Rebuild("documents", $"""
                id {d.IdentityPrimaryKey},
                sha256 TEXT NOT NULL UNIQUE,
                origin TEXT NOT NULL,
                url TEXT NULL,
                format TEXT NOT NULL,
                charset TEXT NULL,
                size_bytes BIGINT NOT NULL,
                archived_at {time} NOT NULL,
                raw_brotli {d.BlobType} NOT NULL
                """, "id, sha256, origin, url, format, charset, size_bytes, archived_at, raw_brotli", ["archived_at"], []),
            .. Rebuild("stories", $"""
                id {d.IdentityPrimaryKey},
                title TEXT NOT NULL,
                first_seen {time} NOT NULL,
                last_seen {time} NOT NULL,
                article_count INTEGER NOT NULL DEFAULT 0
                """, "id, title, first_seen, last_seen, article_count", ["first_seen", "last_seen"], []),
            .. Rebuild("articles", $"""
                id {d.IdentityPrimaryKey},
                document_id BIGINT NOT NULL UNIQUE REFERENCES documents(id),
                url TEXT NULL,
                canonical_url TEXT NULL,
                title TEXT NOT NULL,
                title_derived {flag} NOT NULL DEFAULT {d.False},
                section TEXT NULL,
                authors TEXT NOT NULL,
                published_at {time} NULL,
                published_from TEXT NULL,
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
                story_id BIGINT NULL REFERENCES stories(id)
                """,
                "id, document_id, url, canonical_url, title, title_derived, section, authors, published_at, published_from, modified_at, "
                + "archived_at, sort_at, site, language, image_url, tags, original_name, original_url, blocks, body, text_sha256, story_id",
                ["published_at", "modified_at", "archived_at", "sort_at"],
                [
                    "CREATE INDEX articles_sort ON articles (sort_at DESC, id DESC)",
                    "CREATE INDEX articles_text_hash ON articles (text_sha256)",
                    "CREATE INDEX articles_story ON articles (story_id)",
                    "CREATE INDEX articles_canonical_url ON articles (canonical_url)",
                ]),
            .. Rebuild("sources", $"""
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
                """,
                "id, name, home_url, language, enabled, allow_private, added_at, poll_interval_s, next_poll_at, last_polled_at, "
                + "last_success_at, last_error, last_error_at, consecutive_failures",
                ["added_at", "next_poll_at", "last_polled_at", "last_success_at", "last_error_at"],
                ["CREATE INDEX sources_due ON sources (enabled, next_poll_at)"]),
            // last_modified stays text: it is the server's Last-Modified header, sent back as it came.
            .. Rebuild("source_endpoints", $"""
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
                """, "id, source_id, kind, url, etag, last_modified, last_fetched_at, last_full_fetch_at, last_error",
                ["last_fetched_at", "last_full_fetch_at"], []),
            .. Rebuild("fetches", $"""
                id {d.IdentityPrimaryKey},
                source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
                purpose TEXT NOT NULL,
                url TEXT NOT NULL,
                final_url TEXT NULL,
                started_at {time} NOT NULL,
                duration_ms INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                status INTEGER NULL,
                bytes BIGINT NOT NULL,
                content_type TEXT NULL,
                attempts INTEGER NOT NULL,
                error TEXT NULL,
                body_brotli {d.BlobType} NULL
                """,
                "id, source_id, purpose, url, final_url, started_at, duration_ms, outcome, status, bytes, content_type, attempts, error, body_brotli",
                ["started_at"],
                [
                    "CREATE INDEX fetches_source_time ON fetches (source_id, started_at)",
                    // Pruning deletes by age across sources.
                    "CREATE INDEX fetches_time ON fetches (started_at)",
                ]),
            .. Rebuild("seen_urls", $"""
                canonical_url TEXT PRIMARY KEY,
                source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
                first_seen_at {time} NOT NULL,
                last_attempt_at {time} NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL,
                article_id BIGINT NULL REFERENCES articles(id),
                reason TEXT NULL
                """, "canonical_url, source_id, first_seen_at, last_attempt_at, attempts, state, article_id, reason",
                ["first_seen_at", "last_attempt_at"],
                [
                    "CREATE INDEX seen_urls_source ON seen_urls (source_id, state, last_attempt_at)",
                    // What a source contributed since a time (adaptive polling, /admin/sources).
                    "CREATE INDEX seen_urls_source_stored ON seen_urls (source_id, state, first_seen_at)",
                ]),
            .. Rebuild("item_errors", $"""
                id {d.IdentityPrimaryKey},
                source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
                origin TEXT NOT NULL,
                stage TEXT NOT NULL,
                reason TEXT NOT NULL,
                at {time} NOT NULL
                """, "id, source_id, origin, stage, reason, at", ["at"],
                ["CREATE INDEX item_errors_source_time ON item_errors (source_id, at)"]),
        ];
    }

    /// <summary>
    /// ISO-8601 text (as steps 1–5 wrote it, or any form SQLite's date functions read) to UTC Unix milliseconds; a
    /// value that is already a number is kept, so the step is safe on a database converted by hand. julianday is
    /// exact to the millisecond here (SQLite computes it from an integer count of milliseconds).
    /// </summary>
    internal static string ToMilliseconds(string column) =>
        $"CASE WHEN typeof({column}) = 'text' THEN CAST(ROUND((julianday({column}) - 2440587.5) * 86400000.0) AS INTEGER) ELSE {column} END";

    private static string[] Rebuild(string table, string definition, string columns, string[] timeColumns, string[] indexes)
    {
        var select = columns.Split(", ").Select(c => timeColumns.Contains(c, StringComparer.Ordinal) ? ToMilliseconds(c) : c);
        return
        [
            $"CREATE TABLE {table}_v6 (\n{definition}\n)",
            $"INSERT INTO {table}_v6 ({columns}) SELECT {string.Join(", ", select)} FROM {table}",
            $"DROP TABLE {table}",
            $"ALTER TABLE {table}_v6 RENAME TO {table}",
            .. indexes,
        ];
    }
}
