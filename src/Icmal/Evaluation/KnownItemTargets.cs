using Icmal.Storage;

namespace Icmal.Evaluation;

/// <summary>
/// Which stored articles a known-item query's address stands for: the article stored under that web address, or
/// imported from a file of that name (a page copied as text has no address of its own), together with every copy of
/// its text (search shows copies once, so whichever copy it shows is the article).
/// </summary>
public sealed class KnownItemTargets
{
    private readonly Dictionary<string, List<long>> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string Title, string Address, string Hash)> _articles = [];
    private readonly Dictionary<string, List<long>> _byHash = new(StringComparer.Ordinal);

    /// <summary>How many articles are stored.</summary>
    public long Articles => _articles.Count;

    /// <summary>Reads every stored article's addresses, title and text hash.</summary>
    public static async Task<KnownItemTargets> LoadAsync(ArticleTextScan scan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var t = new KnownItemTargets();
        await foreach (var a in scan.ReadAllAsync(ct))
        {
            t._articles[a.Id] = (a.Title, a.Url ?? a.Origin, a.TextHash);
            Add(t._byHash, a.TextHash, a.Id);
            if (a.Url is not null) Add(t._byAddress, Key(a.Url), a.Id);
            Add(t._byAddress, Key(a.Origin), a.Id);
            if (!IsWebAddress(a.Origin)) Add(t._byAddress, Path.GetFileName(a.Origin), a.Id);
        }
        return t;
    }

    /// <summary>The ids that count as the article at <paramref name="address"/>, or null when none is stored.</summary>
    public IReadOnlySet<long>? Resolve(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_byAddress.TryGetValue(Key(address), out var ids) && !_byAddress.TryGetValue(address, out ids)) return null;
        var all = new HashSet<long>();
        foreach (long id in ids)
            all.UnionWith(_byHash[_articles[id].Hash]);
        return all;
    }

    /// <summary>An article for a report: its title and address.</summary>
    public string Describe(long id) => _articles.TryGetValue(id, out var a) ? $"{a.Title} <{a.Address}>" : $"article {id}";

    private static void Add(Dictionary<string, List<long>> map, string key, long id)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(id);
    }

    private static bool IsWebAddress(string s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A web address compared the way a reader means it: percent-escapes decoded (banker.az's addresses are stored
    /// escaped, a set may give them either way), scheme and host in any case, a trailing slash or not.
    /// </summary>
    internal static string Key(string address)
    {
        string s = address.Trim();
        if (!IsWebAddress(s) || !Uri.TryCreate(s, UriKind.Absolute, out var uri)) return s;
        string rest = Uri.UnescapeDataString(uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped));
        if (rest.EndsWith('/')) rest = rest[..^1];
        return uri.Scheme + "://" + uri.IdnHost + (uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) + rest;
    }
}
