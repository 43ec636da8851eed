namespace Icmal.Storage;

/// <summary>
/// The schema step of the entities' words (SQLite step 17, PostgreSQL step 16): each word of each entity's key
/// ("PER:kasim jomart tokayev" has three), in byte order, so the search of a name ("tokayev", "Tokayevin", "Токаев")
/// reads the entities whose words start with it from an index range (<see cref="EntityStore.SearchAsync"/>). Before
/// it, that search read every entity's key: 1.35–1.56 s over the 2.44 million entities of a 1M-article archive on
/// PostgreSQL (docs/benchmarks.md), and the entity filter of a search (<c>entity:"…"</c>) paid it too. The writers
/// add a new entity's words in the transaction that adds it (<see cref="EntityStore.WordsOf"/>); the step fills
/// them in for the entities stored before it, splitting each key at its spaces in SQL.
/// </summary>
internal static class EntityWordStep
{
    public static IReadOnlyList<string> Statements(SqlDialect d) =>
    [
        $"""
        CREATE TABLE entity_words (
            word {d.BytewiseTextType} NOT NULL,
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            PRIMARY KEY (word, entity_id)
        )
        """,
        // A key's words after its kind, one row each (a recursive split: neither engine's own splitter is the
        // other's); DISTINCT for a key naming one word twice.
        $"""
        WITH RECURSIVE split (entity_id, word, rest) AS (
            SELECT id, CAST('' AS TEXT), substr(entity_key, {d.Position("entity_key", "':'")} + 1) || ' ' FROM entities
            UNION ALL
            SELECT entity_id, substr(rest, 1, {d.Position("rest", "' '")} - 1), substr(rest, {d.Position("rest", "' '")} + 1)
            FROM split WHERE rest <> ''
        )
        INSERT INTO entity_words (word, entity_id) SELECT DISTINCT word, entity_id FROM split WHERE word <> ''
        """,
    ];
}
