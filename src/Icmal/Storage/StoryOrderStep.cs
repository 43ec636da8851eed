namespace Icmal.Storage;

/// <summary>
/// The schema step of the stories' shared order (issues #16 and #17; SQLite step 16, PostgreSQL step 9): each
/// article put into a story gets the next number of one archive-wide sequence, written in the transaction that puts
/// it there. Story assignments are serialised across processes (<see cref="SqlDialect.StoryLock"/>, SQLite's one
/// writer), so the numbers follow the commits, unlike article ids (taken at insert, committed in any order): a story
/// stage in one process asks for the numbers after the last it has seen and learns, in order, what the other
/// crawlers and imports put into stories (<see cref="StoryStore.AssignManyAsync"/>). Articles clustered before the step
/// have none; every process reads them when it starts.
/// </summary>
internal static class StoryOrderStep
{
    public static IReadOnlyList<string> Statements(SqlDialect d) =>
    [
        "ALTER TABLE articles ADD COLUMN story_seq BIGINT NULL",
        // Partial: the articles clustered before the step (an archive's millions) take no room in it.
        "CREATE INDEX articles_story_seq ON articles (story_seq) WHERE story_seq IS NOT NULL",
    ];
}
