using System.Collections.Concurrent;

namespace Icmal.Collection;

/// <summary>
/// One request at a time per host, with a minimum gap between the end of one and the start of the next (the larger
/// of our own gap and the site's Crawl-delay), and a pause when the site asks for one (429/503 Retry-After).
/// </summary>
public sealed class HostPoliteness(TimeProvider clock)
{
    internal sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public DateTimeOffset NextAllowed;
    }

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key requests are serialised by: host and port.</summary>
    public static string KeyOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return UrlCanonicaliser.Authority(url);
    }

    /// <summary>Waits for this host's turn; dispose the lease when the request is done, giving the gap to keep.</summary>
    public async Task<Lease> AcquireAsync(Uri url, CancellationToken ct)
    {
        var slot = _slots.GetOrAdd(KeyOf(url), _ => new Slot());
        await slot.Gate.WaitAsync(ct);
        try
        {
            // Timers may fire up to a tick early: wait again until the gap has truly passed.
            TimeSpan wait;
            while ((wait = slot.NextAllowed - clock.GetUtcNow()) > TimeSpan.Zero)
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds) + 1), clock, ct);
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }
        return new Lease(this, slot);
    }

    /// <summary>When the host may next be asked (for the admin page and the scheduler).</summary>
    public DateTimeOffset? NextAllowed(Uri url) => _slots.TryGetValue(KeyOf(url), out var slot) ? slot.NextAllowed : null;

    /// <summary>A turn at one host; <see cref="Dispose"/> ends it.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly HostPoliteness _owner;
        private readonly Slot _slot;
        private TimeSpan _gap;
        private bool _disposed;

        internal Lease(HostPoliteness owner, Slot slot)
        {
            _owner = owner;
            _slot = slot;
        }

        /// <summary>The gap to keep after this request (at least what was set before).</summary>
        public void KeepGap(TimeSpan gap)
        {
            if (gap > _gap) _gap = gap;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            var next = _owner.Clock().GetUtcNow() + _gap;
            if (next > _slot.NextAllowed) _slot.NextAllowed = next;
            _slot.Gate.Release();
        }
    }

    private TimeProvider Clock() => clock;
}
