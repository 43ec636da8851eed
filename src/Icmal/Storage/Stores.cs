namespace Icmal.Storage;

/// <summary>
/// The stores over one database, built once by the composition root, which hands each part only the stores it uses.
/// A bundle, not a facade: it has no methods of its own.
/// </summary>
public sealed record Stores(
    Database Database,
    ArticleStore Articles,
    StoryStore Stories,
    SourceStore Sources,
    FetchStore Fetches,
    SeenUrlStore SeenUrls,
    ItemErrorStore ItemErrors,
    SettingStore Settings,
    SearchStore Search,
    CopyStore Copies,
    SketchStore Sketches,
    EntityStore Entities,
    QuoteStore Quotes,
    FigureStore Figures,
    CategoryStore Categories,
    ViewStore Views)
{
    public static Stores Over(Database database) => new(database, new ArticleStore(database), new StoryStore(database),
        new SourceStore(database), new FetchStore(database), new SeenUrlStore(database), new ItemErrorStore(database), new SettingStore(database),
        new SearchStore(database), new CopyStore(database), new SketchStore(database), new EntityStore(database), new QuoteStore(database),
        new FigureStore(database), new CategoryStore(database), new ViewStore(database));

    /// <summary>
    /// Opens (creating and migrating if needed) the database a setting names, with its stores; articles not yet in the
    /// search index (an older database, an interrupted reindex) are indexed and articles without a category categorised
    /// before it returns, and articles without entities, quotes and figures analysed when there are few enough
    /// (<see cref="ArticleFactsWriter.CatchUpOnOpenAsync"/>).
    /// </summary>
    public static async Task<Stores> OpenAsync(DatabaseSetting setting, CancellationToken ct)
    {
        var stores = Over(await Database.OpenAsync(setting, ct));
        await CatchUpAsync(stores, ct);
        return stores;
    }

    /// <summary>
    /// What <see cref="OpenAsync"/> does once the database is migrated: the search index, facts and categories of the
    /// articles stored without them. An import runs it while it reads its first batches
    /// (<c>IcmalApplication.OpenImporterAsync</c>).
    /// </summary>
    internal static async Task CatchUpAsync(Stores stores, CancellationToken ct)
    {
        await stores.Search.CatchUpAsync(stores.ItemErrors, null, ct);
        await ArticleFactsWriter.CatchUpOnOpenAsync(stores, ct);
        // Articles stored before categories existed (or by an interrupted run) get theirs now, when they are few: a
        // large archive waits for `icmal categorise --missing` rather than holding up the start (a million took more
        // than ten minutes). A target an archive copy is filling gets the source's categories from the copy.
        if (await stores.Settings.GetAsync(ArchiveCopier.StageSetting, ct) is null
            && await stores.Categories.CountMissingUpToAsync(ArticleFactsWriter.OpenCatchUpLimit + 1, ct) is > 0 and <= ArticleFactsWriter.OpenCatchUpLimit)
            await stores.Categories.CatchUpAsync(stores.Articles, stores.ItemErrors, all: false, ct);
    }

    /// <summary>
    /// The stores over a database opened for reading only (<see cref="Database.OpenReadOnlyAsync"/>): nothing is
    /// migrated or indexed, and every write is refused by the engine. A read-only portal serves from these.
    /// </summary>
    public static async Task<Stores> OpenReadOnlyAsync(DatabaseSetting setting, CancellationToken ct) =>
        Over(await Database.OpenReadOnlyAsync(setting, ct));
}
