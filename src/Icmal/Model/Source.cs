namespace Icmal.Model;

/// <summary>What an endpoint of a source is read as.</summary>
public enum EndpointKind
{
    /// <summary>RSS, Atom or JSON Feed.</summary>
    Feed,
    /// <summary>An XML sitemap, news sitemap or sitemap index.</summary>
    Sitemap,
    /// <summary>An HTML page listing articles (home or category page) for sites with no feed.</summary>
    Listing,
}

/// <summary>A site İcmal follows: its name, home page, language and whether it is polled.</summary>
public sealed record Source
{
    /// <summary>How often a source is polled before its publishing rhythm is known.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(30);

    public long Id { get; init; }
    public required string Name { get; init; }
    public required string HomeUrl { get; init; }
    public string Language { get; init; } = "az";
    public bool Enabled { get; init; } = true;
    /// <summary>Lets fetches for this source reach private and loopback addresses (an intranet or a test server).</summary>
    public bool AllowPrivate { get; init; }
    public DateTimeOffset Added { get; init; }
    public DateTimeOffset? NextPoll { get; init; }
    public int PollIntervalSeconds { get; init; } = (int)DefaultPollInterval.TotalSeconds;
    public DateTimeOffset? LastPolled { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int ConsecutiveFailures { get; init; }
}

/// <summary>One feed, sitemap or listing page of a source, with what the last fetch of it said.</summary>
public sealed record SourceEndpoint
{
    public long Id { get; init; }
    public long SourceId { get; init; }
    public required EndpointKind Kind { get; init; }
    public required string Url { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastFetched { get; init; }
    public DateTimeOffset? LastFullFetch { get; init; }
    public string? LastError { get; init; }
}

/// <summary>A source with its endpoints, as the sources list and OPML hold it.</summary>
public sealed record SourceDefinition(string Name, string HomeUrl, string Language, IReadOnlyList<(EndpointKind Kind, string Url)> Endpoints);
