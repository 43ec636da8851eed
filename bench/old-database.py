#!/usr/bin/env python3
"""Builds a database as schema steps 1-5 left it (times as ISO-8601 text), to measure the in-place upgrade to step 6.

    python3 bench/old-database.py make DIR COUNT   # DIR/icmal.db: COUNT documents, articles and stored addresses
    dotnet src/Icmal.Cli/bin/Release/net10.0/icmal.dll articles --data DIR --limit 1   # opens it: runs step 6
    python3 bench/old-database.py pages DB         # the keyset page query at 5,000 random cursors, best of 3

The tables are exactly those of SqliteMigrations steps 1-5 (src/Icmal/Storage/SqliteMigrations.cs).
"""
import datetime
import random
import sqlite3
import sys
import time

SCHEMA = """
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, origin TEXT NOT NULL, url TEXT NULL, format TEXT NOT NULL,
    charset TEXT NULL, size_bytes BIGINT NOT NULL, archived_at TEXT NOT NULL, raw_brotli BLOB NOT NULL);
CREATE TABLE stories (id INTEGER PRIMARY KEY, title TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, article_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE articles (id INTEGER PRIMARY KEY, document_id BIGINT NOT NULL UNIQUE REFERENCES documents(id), url TEXT NULL, title TEXT NOT NULL,
    title_derived INTEGER NOT NULL DEFAULT 0, authors TEXT NOT NULL, published_at TEXT NULL, modified_at TEXT NULL, archived_at TEXT NOT NULL,
    sort_at TEXT NOT NULL, site TEXT NULL, language TEXT NULL, image_url TEXT NULL, tags TEXT NOT NULL, original_name TEXT NULL,
    original_url TEXT NULL, blocks TEXT NOT NULL, body TEXT NOT NULL, text_sha256 TEXT NOT NULL, story_id BIGINT NULL REFERENCES stories(id),
    canonical_url TEXT NULL, published_from TEXT NULL, section TEXT NULL);
CREATE INDEX articles_sort ON articles (sort_at DESC, id DESC);
CREATE INDEX articles_text_hash ON articles (text_sha256);
CREATE INDEX articles_story ON articles (story_id);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL, home_url TEXT NOT NULL UNIQUE, language TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 0, allow_private INTEGER NOT NULL DEFAULT 0, added_at TEXT NOT NULL, poll_interval_s INTEGER NOT NULL,
    next_poll_at TEXT NULL, last_polled_at TEXT NULL, last_success_at TEXT NULL, last_error TEXT NULL, last_error_at TEXT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0);
CREATE TABLE source_endpoints (id INTEGER PRIMARY KEY, source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE, kind TEXT NOT NULL,
    url TEXT NOT NULL, etag TEXT NULL, last_modified TEXT NULL, last_fetched_at TEXT NULL, last_full_fetch_at TEXT NULL, last_error TEXT NULL,
    UNIQUE (source_id, url));
CREATE TABLE fetches (id INTEGER PRIMARY KEY, source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL, purpose TEXT NOT NULL,
    url TEXT NOT NULL, final_url TEXT NULL, started_at TEXT NOT NULL, duration_ms INTEGER NOT NULL, outcome TEXT NOT NULL, status INTEGER NULL,
    bytes BIGINT NOT NULL, content_type TEXT NULL, attempts INTEGER NOT NULL, error TEXT NULL, body_brotli BLOB NULL);
CREATE INDEX fetches_source_time ON fetches (source_id, started_at);
CREATE TABLE seen_urls (canonical_url TEXT PRIMARY KEY, source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL,
    first_seen_at TEXT NOT NULL, last_attempt_at TEXT NULL, attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL,
    article_id BIGINT NULL REFERENCES articles(id), reason TEXT NULL);
CREATE INDEX seen_urls_source ON seen_urls (source_id, state, last_attempt_at);
CREATE INDEX articles_canonical_url ON articles (canonical_url);
CREATE TABLE item_errors (id INTEGER PRIMARY KEY, source_id BIGINT NULL REFERENCES sources(id) ON DELETE SET NULL, origin TEXT NOT NULL,
    stage TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX item_errors_source_time ON item_errors (source_id, at);
"""

PAGE = """SELECT a.id, a.document_id, d.origin, a.url, a.title, a.title_derived, a.authors, a.published_at, a.modified_at,
    a.archived_at, a.site, a.language, a.image_url, a.tags, a.original_name, a.original_url, a.blocks, a.story_id,
    (SELECT s.article_count FROM stories s WHERE s.id = a.story_id), a.published_from, a.section, a.sort_at
    FROM articles a JOIN documents d ON d.id = a.document_id
    WHERE (a.sort_at, a.id) < (?, ?) ORDER BY a.sort_at DESC, a.id DESC LIMIT 31"""


def iso(t: datetime.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def make(folder: str, count: int) -> None:
    import os
    os.makedirs(folder, exist_ok=True)
    db = sqlite3.connect(os.path.join(folder, "icmal.db"))
    db.executescript(SCHEMA)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("BEGIN")
    db.executemany("INSERT INTO schema_migrations VALUES (?, '2025-10-01T00:00:00.000Z')", [(v,) for v in range(1, 6)])
    db.execute("INSERT INTO sources VALUES (1, 'APA', 'https://apa.az/', 'az', 1, 0, '2025-01-01T00:00:00.000Z', 1800, NULL, NULL, NULL, NULL, NULL, 0)")
    rng = random.Random(7)
    base = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
    for i in range(1, count + 1):
        t = base + datetime.timedelta(seconds=rng.randrange(365 * 86400), milliseconds=rng.randrange(1000))
        a = iso(t + datetime.timedelta(hours=1))
        db.execute("INSERT INTO documents VALUES (?, ?, ?, NULL, 'html', 'utf-8', 100, ?, ?)", (i, f"h{i}", f"o{i}", a, b"x" * 40))
        db.execute("""INSERT INTO articles (id, document_id, url, title, authors, published_at, archived_at, sort_at, tags, blocks, body,
            text_sha256, canonical_url) VALUES (?, ?, ?, ?, '[]', ?, ?, ?, '[]', '[["p","mətn"]]', 'mətn', ?, ?)""",
                   (i, i, f"https://apa.az/{i}", f"Xəbər {i}", iso(t), a, iso(t), f"t{i}", f"https://apa.az/{i}"))
        db.execute("INSERT INTO seen_urls VALUES (?, 1, ?, ?, 1, 'stored', ?, NULL)", (f"https://apa.az/{i}", a, a, i))
        db.execute("INSERT INTO fetches VALUES (NULL, 1, 'Page', ?, NULL, ?, 80, 'Ok', 200, 100, 'text/html', 1, NULL, NULL)", (f"https://apa.az/{i}", a))
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def pages(path: str) -> None:
    db = sqlite3.connect(path)
    keys = db.execute("SELECT sort_at, id FROM articles").fetchall()
    rng = random.Random(1)
    sample = [rng.choice(keys) for _ in range(5000)]
    print("plan:", db.execute("EXPLAIN QUERY PLAN " + PAGE, sample[0]).fetchall()[0][3])
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for k in sample:
            db.execute(PAGE, k).fetchall()
        best = min(best, (time.perf_counter() - start) / len(sample))
    print(f"keyset page of 31: {best * 1e6:.0f} µs (best of 3 × 5,000 random cursors)")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    else:
        pages(sys.argv[2])
