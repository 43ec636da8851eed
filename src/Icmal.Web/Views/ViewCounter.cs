using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Icmal.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Icmal.Web.Views;

/// <summary>How the portal counts readers: how often counts are written, and how long one reader's repeat views are not counted again.</summary>
/// <param name="FlushInterval">Counts wait in memory this long before one batch writes them all.</param>
/// <param name="RepeatWindow">A reader opening the same article again within this time is not counted again.</param>
public sealed record ViewCounting(TimeSpan FlushInterval, TimeSpan RepeatWindow)
{
    public static ViewCounting Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30));

    /// <summary>Clients remembered at most; past it, the oldest are forgotten early (a flood cannot exhaust memory).</summary>
    public int MaxClients { get; init; } = 500_000;
}

/// <summary>
/// Counts article views with no cookie and nothing sent to anyone: a reader is known only as a hash of their address
/// and browser with a salt drawn at random each Baku day and never stored, so the hashes of one day cannot be joined
/// to another's, and they live only in memory. A view is counted when a GET (not a HEAD) from a browser that is not a
/// known robot opens an article not opened by the same reader within the repeat window. Counting is a hash and two
/// dictionary updates; a background loop writes the counts in one batch every few seconds, so counting never waits
/// for the database.
/// </summary>
public sealed partial class ViewCounter(ViewStore store, ViewCounting options, TimeProvider clock, ILogger<ViewCounter> log) : BackgroundService
{
    private readonly ConcurrentDictionary<(long Article, DateOnly Day), long> _pending = new();
    private readonly ConcurrentDictionary<(ulong Reader, long Article), long> _seen = new();
    private readonly ConcurrentDictionary<long, long> _inFlight = new();
    private readonly Lock _saltLock = new();
    private byte[] _salt = RandomNumberGenerator.GetBytes(32);
    private DateOnly _saltDay = DateOnly.MinValue;
    private bool _refusedLogged;
    private long _generation;

    /// <summary>
    /// Moves by two with each batch written (odd while one is being written): stored counts change only when it moves,
    /// so what is read from them can be kept while it stays the same (<see cref="MostReadCache"/>).
    /// </summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Counts the request as a view of <paramref name="articleId"/> if it is one; true when it was counted.</summary>
    public bool Count(HttpContext http, long articleId)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!MethodRules.IsRealGet(http)) return false;
        string userAgent = http.Request.Headers.UserAgent.ToString();
        if (Robots.IsRobot(userAgent)) return false;
        var now = clock.GetUtcNow();
        var day = StoryDays.DayOf(now);
        ulong reader = ReaderOf(http.Connection.RemoteIpAddress?.ToString() ?? "", userAgent, day);
        long ticks = now.UtcTicks;
        bool counted = false;
        _seen.AddOrUpdate((reader, articleId), _ => { counted = true; return ticks; }, (_, last) =>
        {
            if (ticks - last < options.RepeatWindow.Ticks) return last;
            counted = true;
            return ticks;
        });
        if (counted) _pending.AddOrUpdate((articleId, day), 1, (_, n) => n + 1);
        return counted;
    }

    /// <summary>Views counted but not yet written, for the article page to add to the stored total.</summary>
    public long Pending(long articleId) =>
        _pending.Where(p => p.Key.Article == articleId).Sum(p => p.Value) + _inFlight.GetValueOrDefault(articleId);

    /// <summary>Writes every pending count in one batch; the counts stay pending if the write fails for a reason worth retrying.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        // Odd while a batch moves to the archive: a reader of the total sees it and reads again (a sequence lock).
        Interlocked.Increment(ref _generation);
        try
        {
            await WriteBatchAsync(ct);
        }
        finally
        {
            _inFlight.Clear();
            Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>
    /// An article's views, stored and pending, read so that a batch being written at that moment is counted once:
    /// never blocks the writer, and reads again (a few times at most) when a batch moved meanwhile.
    /// </summary>
    public async Task<long> TotalAsync(long articleId, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            long before = Volatile.Read(ref _generation);
            long total = await store.TotalAsync(articleId, ct) + Pending(articleId);
            if (((before & 1) == 0 && before == Volatile.Read(ref _generation)) || attempt == 4) return total;
            await Task.Delay(5, ct);
        }
    }

    private async Task WriteBatchAsync(CancellationToken ct)
    {
        var batch = new List<ViewCount>();
        foreach (var key in _pending.Keys)
            if (_pending.TryRemove(key, out long views))
            {
                // Shown as pending until written, so a page read meanwhile neither loses nor doubles them.
                batch.Add(new ViewCount(key.Article, key.Day, views));
                _inFlight.AddOrUpdate(key.Article, views, (_, n) => n + views);
            }
        Forget(clock.GetUtcNow().UtcTicks);
        if (batch.Count == 0) return;
        try
        {
            await store.AddAsync(batch, ct);
        }
        catch (Exception e) when (Database.RefusedAsReadOnly(e))
        {
            // A read-only portal (a replica) counts nothing: its counts are dropped, and said once.
            if (!_refusedLogged) LogReadOnly(log);
            _refusedLogged = true;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            foreach (var count in batch) _pending.AddOrUpdate((count.ArticleId, count.Day), count.Views, (_, n) => n + count.Views);
            LogWriteFailed(log, batch.Count, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The last counts are written on the way out.
        await FlushAsync(cancellationToken);
    }

    private ulong ReaderOf(string address, string userAgent, DateOnly day)
    {
        byte[] salt;
        lock (_saltLock)
        {
            if (_saltDay != day)
            {
                // A new day, a new salt: yesterday's readers cannot be recognised today, and their entries are dropped.
                _salt = RandomNumberGenerator.GetBytes(32);
                _saltDay = day;
                _seen.Clear();
            }
            salt = _salt;
        }
        byte[] hash = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(address + "\n" + userAgent));
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>Forgets readers whose window has passed, and the oldest ones when there are too many.</summary>
    private void Forget(long nowTicks)
    {
        foreach (var entry in _seen)
            if (nowTicks - entry.Value >= options.RepeatWindow.Ticks) _seen.TryRemove(entry.Key, out _);
        if (_seen.Count > options.MaxClients)
            foreach (var entry in _seen.OrderBy(e => e.Value).Take(_seen.Count - options.MaxClients).ToList()) _seen.TryRemove(entry.Key, out _);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "this portal's database is read-only: article views are not counted")]
    private static partial void LogReadOnly(ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not write {Count} view counts (kept for the next batch): {Reason}")]
    private static partial void LogWriteFailed(ILogger log, int count, string reason);
}
