using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Icmal.Web.Views;

/// <summary>
/// Similar news for article pages (<see cref="SimilarArticles"/>), found off the request path. The search behind it
/// ranks the newest thousand matches of several words (about 0.1 s of CPU at 100,000 articles): on the request it
/// would make the article page ten times slower than its target (p99 ≤ 50 ms). So a page shows the similar news found
/// for its article earlier, and an article not yet looked at is queued: one background search at a time, which rests
/// three times as long as it worked (a quarter of a core at most), finds them for the next reader. Found lists are kept for
/// <see cref="MaxAge"/>, so newer similar news shows later. A search that fails is logged and the next article's
/// follows: a background service's exception would otherwise stop the whole portal (.NET's default).
/// </summary>
public sealed partial class SimilarNews(Stores store, ILogger<SimilarNews> log) : BackgroundService
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>Lists kept at most; past it the oldest half is forgotten.</summary>
    public const int MaxEntries = 20_000;

    private readonly SimilarArticles _similar = new(store);
    private readonly ConcurrentDictionary<long, (long At, IReadOnlyList<ArticleHeadline> Items)> _found = new();
    private readonly ConcurrentDictionary<long, byte> _queued = new();
    private readonly Channel<(Article Article, long[] Shown)> _asked = Channel.CreateBounded<(Article, long[])>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>The similar news found for <paramref name="article"/>, without those already on its page; null (and queued) when not found yet.</summary>
    public IReadOnlyList<ArticleHeadline>? Get(Article article, IReadOnlySet<long> shown, int limit)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(shown);
        if (_found.TryGetValue(article.Id, out var found) && Stopwatch.GetElapsedTime(found.At) < MaxAge)
            return found.Items.Where(a => !shown.Contains(a.Id)).Take(limit).ToList();
        if (_queued.TryAdd(article.Id, 0) && !_asked.Writer.TryWrite((article, shown.ToArray()))) _queued.TryRemove(article.Id, out _);
        return found.Items?.Where(a => !shown.Contains(a.Id)).Take(limit).ToList();
    }

    /// <summary>Finds the similar news of every queued article now (tests, and a warm-up).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (_asked.Reader.TryRead(out var asked)) await FindAsync(asked.Article, asked.Shown, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (article, shown) in _asked.Reader.ReadAllAsync(stoppingToken))
            {
                long start = Stopwatch.GetTimestamp();
                await FindAsync(article, shown, stoppingToken);
                await Task.Delay(Stopwatch.GetElapsedTime(start) * 3, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task FindAsync(Article article, long[] shown, CancellationToken ct)
    {
        try
        {
            var items = await _similar.FindAsync(article, shown, Pages.ArticlePage.SimilarSize + shown.Length, ct);
            if (_found.Count >= MaxEntries)
                foreach (var old in _found.OrderBy(e => e.Value.At).Take(MaxEntries / 2).Select(e => e.Key).ToList()) _found.TryRemove(old, out _);
            _found[article.Id] = (Stopwatch.GetTimestamp(), items.Select(ArticleHeadline.Of).ToList());
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            // A busy or read-only database: the page goes on without similar news, and a later reader asks again.
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Anything else (a fault in the search, an article it can not read): this article shows none, a later
            // reader asks again, and the search goes on with the next article rather than stopping the portal.
            LogFailed(log, article.Id, e);
        }
        finally
        {
            _queued.TryRemove(article.Id, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Similar news of article {ArticleId} could not be found; going on with the next article")]
    private static partial void LogFailed(ILogger logger, long articleId, Exception error);
}
