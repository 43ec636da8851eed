namespace Icmal.Storage;

/// <summary>
/// The schema step that keeps what each article says about whom (issue #18; SQLite step 13, PostgreSQL step 5): the
/// entities of the whole archive (one row per canonical key, so "Tokayevin" in one article and "Токаев" in another are
/// one entity), each article's entities with their mention counts and forms, its quotes (speaker an entity) and its
/// figures. <c>article_facts</c> marks an article analysed, with the analysis version, so articles stored before the
/// step (or analysed by an older version) are found by one anti-join (<see cref="EntityStore.UnanalysedAsync"/>).
/// Amounts are decimal text: a double would turn 598,47 million into 598469999.99….
/// </summary>
internal static class EntityStep
{
    public static IReadOnlyList<string> Statements(SqlDialect d) =>
    [
        $"""
        CREATE TABLE entities (
            id {d.IdentityPrimaryKey},
            entity_key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE article_entities (
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            mentions INTEGER NOT NULL,
            first_at INTEGER NOT NULL,
            forms TEXT NOT NULL,
            PRIMARY KEY (article_id, entity_id)
        )
        """,
        "CREATE INDEX article_entities_entity ON article_entities (entity_id, article_id)",
        """
        CREATE TABLE article_quotes (
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            form TEXT NOT NULL,
            speaker_id BIGINT NULL REFERENCES entities(id),
            quote TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )
        """,
        "CREATE INDEX article_quotes_speaker ON article_quotes (speaker_id)",
        $"""
        CREATE TABLE article_figures (
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            amount TEXT NOT NULL,
            unit TEXT NOT NULL,
            measure TEXT NULL,
            approximate {d.BooleanType} NOT NULL,
            figure TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )
        """,
        """
        CREATE TABLE article_facts (
            article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version INTEGER NOT NULL
        )
        """,
    ];
}
