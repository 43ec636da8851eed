using System.Globalization;
using System.Reflection;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;
using Icmal.Web.Catalogue;
using Icmal.Web.Api;
using Icmal.Web.Pages;
using Icmal.Web.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Icmal.Web;

/// <summary>Where and how the portal listens.</summary>
/// <param name="Urls">Kestrel addresses, e.g. "http://127.0.0.1:5080"; port 0 picks a free port.</param>
public sealed record PortalOptions(string Urls = PortalOptions.DefaultUrls, LogLevel LogLevel = LogLevel.Warning)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// The interface languages offered, the first being the default: by default Azerbaijani and every language the
    /// catalogue has a translation file for. A language without its file is answered in Azerbaijani words.
    /// </summary>
    public IReadOnlyList<string> InterfaceCultures { get; init; } = Catalogue.InterfaceCultures.Translated;

    /// <summary>How article views are counted and written (<see cref="Views.ViewCounter"/>).</summary>
    public Views.ViewCounting ViewCounting { get; init; } = Views.ViewCounting.Default;

    /// <summary>The clock of "today" (most read, view days); tests set their own.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>Builds the web application: portal pages, the JSON API and static assets, over one store.</summary>
public static class PortalServer
{
    public static WebApplication Build(Stores store, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.Services.AddRazorComponents();
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<IStringLocalizer<Strings>, CatalogueLocalizer>();
        builder.Services.AddSingleton<InterfaceFormat>();
        var offered = new OfferedCultures(options.InterfaceCultures);
        builder.Services.AddSingleton(offered);
        builder.Services.AddSingleton(options.ViewCounting);
        builder.Services.AddSingleton(options.Clock);
        builder.Services.AddSingleton(store.Views);
        builder.Services.AddSingleton<ViewCounter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ViewCounter>());
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<MostReadCache>();
        builder.Services.AddSingleton<FrontPageCache>();
        builder.Services.AddSingleton<SimilarNews>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SimilarNews>());
        // Markup characters are encoded, Azerbaijani (and Cyrillic) letters are written as they are: the default
        // encoder would write every ə as &#x259;.
        builder.Services.AddSingleton(BlockHtml.Encoder);
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' https: data:; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            await next(context);
        });
        app.UseRequestLocalization(InterfaceCultures.RequestOptions(options.InterfaceCultures));
        app.Use(async (context, next) =>
        {
            InterfaceLinks.RememberChoice(context, offered);
            await next(context);
        });
        var faults = app.Logger;
        app.Use((context, next) => AnswerFaultsAsync(context, next, faults));
        app.Use(AnswerReadOnlyRefusals);
        MethodRules.UseWithRouting(app);

        MapPortal(app, store);
        MapApi(app, store);
        StoryRoutes.Map(app, store);
        BrowseRoutes.Map(app, store, options.Clock);
        FeedRoutes.Map(app, store, options.Clock);
        AdminRoutes.Map(app, store);
        SearchRoutes.Map(app, store);
        EntityRoutes.Map(app, store, options.Clock);
        MapAssets(app);
        return app;
    }

    /// <summary>
    /// A fault of İcmal's own while answering (a stored row it cannot read, a bug) is logged with its stack and answered
    /// 500 with a page in the interface language, or the API's JSON error: never the server's bare 500, never the
    /// exception's text. A request the client gave up on is no fault; a response already under way is cut off.
    /// </summary>
    private static async Task AnswerFaultsAsync(HttpContext context, RequestDelegate next, ILogger log)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !(e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            log.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
            await AnswerInsteadAsync(context, PageError.ServerFault, "the server failed while answering; the fault has been logged");
        }
    }

    /// <summary>
    /// Replaces whatever was begun with <paramref name="page"/>'s error page, or under /api the JSON error
    /// <paramref name="apiMessage"/>, with the page's status.
    /// </summary>
    private static async Task AnswerInsteadAsync(HttpContext context, PageError page, string apiMessage)
    {
        context.Response.Clear();
        var result = PageResults.Error(page);
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            await Results.Json(new ErrorDto(apiMessage), statusCode: result.StatusCode).ExecuteAsync(context);
        else
            await result.ExecuteAsync(context);
    }

    /// <summary>
    /// A portal on a read-only database (a replica, <c>icmal serve --read-only</c>) serves every page; a request that
    /// would write there is refused by the engine, and answered 503 with what happened, never as a 500 fault.
    /// </summary>
    private static async Task AnswerReadOnlyRefusals(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (Database.RefusedAsReadOnly(e) && !context.Response.HasStarted)
        {
            await AnswerInsteadAsync(context, PageError.ReadOnlyPortal,
                "this portal serves a read-only copy of the archive (a replica); nothing can be changed here: make the change on the primary");
        }
    }

    private static void MapPortal(WebApplication app, Stores store)
    {
        app.MapGet("/", async (HttpContext http, FrontPageCache front, MostReadCache mostRead, CancellationToken ct) =>
        {
            if (!TryPositiveInt(http.Request.Query["page"], 1, HomePage.MaxPage, out int page))
                return PageResults.Error(PageError.BadPageNumber);
            var (query, error) = ListPaging.Read(http.Request.Query, HomePage.PageSize, (page - 1) * HomePage.PageSize);
            if (query is null) return PageResults.Error(PageError.BadPageAddress, error);
            // One card per original, its copies folded under it.
            query = query with { OriginalsOnly = true };
            if (page > 1 || query.Older is not null || query.Newer is not null)
            {
                var older = await store.Articles.ListPageAsync(query, ct);
                return PageResults.Page<HomePage>((nameof(HomePage.Page), older), (nameof(HomePage.Copies), await CopyFolding.LoadAsync(store, older.Items, ct)),
                    (nameof(HomePage.Categories), await BrowseRoutes.CategoriesOfAsync(store, older.Items, ct)));
            }
            var blocks = await front.GetAsync(query, HomePage.TopStoriesSize, ct);
            return PageResults.Page<HomePage>((nameof(HomePage.Page), blocks.Latest), (nameof(HomePage.Copies), blocks.Copies), (nameof(HomePage.Categories), blocks.Categories),
                (nameof(HomePage.TopStories), blocks.TopStories),
                (nameof(HomePage.MostRead), await mostRead.LoadAsync(MostRead.Span.Today, HomePage.MostReadSize, ct)));
        });

        app.MapGet("/most-read", async (MostReadCache mostRead, CancellationToken ct) => PageResults.Page<MostReadPage>(
            (nameof(MostReadPage.Today), await mostRead.LoadAsync(MostRead.Span.Today, MostReadPage.Size, ct)),
            (nameof(MostReadPage.Week), await mostRead.LoadAsync(MostRead.Span.Week, MostReadPage.Size, ct))));

        app.MapGet("/articles/{id}", async (string id, HttpContext http, ViewCounter views, SimilarNews similar, CancellationToken ct) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long articleId)
                || await store.Articles.GetAsync(articleId, ct) is not { } article)
                return PageResults.Error(PageError.NoSuchArticle);
            var copies = await CopyFolding.LoadAsync(store, [article], ct);
            // As a list reads it: an original that knows no time is left out (ArticleRows.ReadListed), not this page failed.
            var original = copies.LinksOf(articleId).OriginalId is { } originalId ? (await store.Articles.GetManyAsync([originalId], ct)).GetValueOrDefault(originalId) : null;
            views.Count(http, articleId);
            long viewCount = await views.TotalAsync(articleId, ct);
            var copyList = copies.CopiesOf(articleId);
            var shown = copyList.Select(c => c.Id).Append(articleId).Concat(original is null ? [] : [original.Id]).ToHashSet();
            var reports = await StoryReportsAsync(store, article, shown, ct);
            shown.UnionWith(reports.Select(r => r.Id));
            return PageResults.Page<Pages.ArticlePage>((nameof(Pages.ArticlePage.Article), article), (nameof(Pages.ArticlePage.Original), original),
                (nameof(Pages.ArticlePage.Copies), copyList), (nameof(Pages.ArticlePage.Facts), await ArticleFactsWriter.LoadAsync(store, articleId, ct)),
                (nameof(Pages.ArticlePage.Views), viewCount), (nameof(Pages.ArticlePage.StoryReports), reports),
                (nameof(Pages.ArticlePage.Similar), similar.Get(article, shown, Pages.ArticlePage.SimilarSize) ?? []));
        });

        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapFallback((HttpContext http) => http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? Results.Json(new ErrorDto("no such API endpoint"), statusCode: StatusCodes.Status404NotFound)
            : PageResults.Error(PageError.NoSuchAddress))
            .WithMetadata(new MethodRules.NotFoundRoute());
    }

    /// <summary>The newest other reports of an article's story, without the articles the page already shows (its copies, its original).</summary>
    private static async Task<IReadOnlyList<ArticleHeadline>> StoryReportsAsync(Stores store, Article article, IReadOnlySet<long> shown, CancellationToken ct)
    {
        if (article.StoryId is not { } story || article.StorySize < 2) return [];
        var newest = await store.Stories.HeadlinesAsync(story, Pages.ArticlePage.StoryReportsSize + shown.Count, ct);
        return newest.Where(a => !shown.Contains(a.Id)).Take(Pages.ArticlePage.StoryReportsSize).ToList();
    }

    private static void MapApi(WebApplication app, Stores store)
    {
        app.MapGet("/api/articles", async (HttpContext http, CancellationToken ct) =>
        {
            if (!TryPositiveInt(http.Request.Query["limit"], 30, 200, out int limit))
                return Results.Json(new ErrorDto("limit must be a whole number from 1 to 200"), statusCode: StatusCodes.Status400BadRequest);
            if (!ListPaging.TryOffset(http.Request.Query["offset"], out int offset))
                return Results.Json(new ErrorDto(ListPaging.OffsetError), statusCode: StatusCodes.Status400BadRequest);
            var (query, error) = ListPaging.Read(http.Request.Query, limit, offset);
            if (query is null) return Results.Json(new ErrorDto(error!), statusCode: StatusCodes.Status400BadRequest);
            var page = await store.Articles.ListPageAsync(query, ct);
            var (total, estimated) = await store.Articles.TotalAsync(ct);
            var copies = await store.Copies.LinksOfManyAsync(page.Items.Select(a => a.Id).ToList(), ct);
            return Results.Json(new ArticleListDto(page.Items.Select(a => ArticleSummaryJson.From(a, copies.GetValueOrDefault(a.Id))).ToList(), limit,
                query.Older is null && query.Newer is null ? offset : null, page.Older?.Encode(), page.Newer?.Encode(), total, estimated));
        });

        app.MapGet("/api/articles/{id}", async (string id, CancellationToken ct) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long articleId))
                return Results.Json(new ErrorDto("article id must be a positive whole number"), statusCode: StatusCodes.Status400BadRequest);
            var article = await store.Articles.GetAsync(articleId, ct);
            return article is null
                ? Results.Json(new ErrorDto($"no article {articleId}"), statusCode: StatusCodes.Status404NotFound)
                : Results.Json(ArticleJson.From(article, await store.Copies.LinksOfAsync(articleId, ct), await ArticleFactsWriter.LoadAsync(store, articleId, ct),
                    await store.Categories.GetAsync(articleId, ct) is { } category
                        ? CategoryJson.From(new CategoryAssignment(category.Category, category.Origin, category.Confidence)) : null));
        });
    }

    private static void MapAssets(WebApplication app)
    {
        var assembly = typeof(PortalServer).Assembly;
        MapAsset(app, "/static/site.css", ReadAsset(assembly, "site.css"), "text/css; charset=utf-8");
        byte[] icon = ReadAsset(assembly, "icon.svg");
        MapAsset(app, "/static/icon.svg", icon, "image/svg+xml");
        MapAsset(app, "/favicon.ico", icon, "image/svg+xml");
    }

    private static void MapAsset(WebApplication app, string path, byte[] content, string contentType)
    {
        app.MapGet(path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(content, contentType);
        });
    }

    private static byte[] ReadAsset(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"Icmal.Web.Assets.{name}")
            ?? throw new InvalidOperationException($"asset {name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static bool TryPositiveInt(string? value, int fallback, int max, out int result)
    {
        result = fallback;
        if (string.IsNullOrEmpty(value)) return true;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= 1 && result <= max;
    }
}
