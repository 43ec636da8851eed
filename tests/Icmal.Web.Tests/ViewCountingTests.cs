using System.Net;
using AngleSharp.Html.Parser;
using Icmal.Web.Views;

namespace Icmal.Web.Tests;

/// <summary>
/// Article views counted by a real portal: one per reader (address and browser) within the repeat window, none for
/// HEAD, robots or a missing User-Agent, no cookie set; written to the archive in batches by the background writer,
/// then shown on the article page, on /most-read and on the front page.
/// </summary>
public sealed class ViewCountingTests : IAsyncLifetime
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    private const string Chrome = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Mobile Safari/537.36";

    private readonly SetClock _clock = new(new DateTimeOffset(2025, 10, 21, 10, 0, 0, TimeSpan.Zero));
    private PortalHost? _host;
    private StoryArchive _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await PortalHost.StartAsync(async store => _archive = await StoryArchive.FillAsync(store), new PortalOptions("http://127.0.0.1:0")
        {
            InterfaceCultures = ["az"],
            Clock = _clock,
            ViewCounting = new ViewCounting(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(30)),
        });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<string> OpenAsync(HttpMethod method, long article, string? userAgent)
    {
        using var request = new HttpRequestMessage(method, $"/articles/{article}");
        if (userAgent is not null) request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        using var response = await _host!.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), "counting a view must not set a cookie");
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static string? ViewsShown(string html) => new HtmlParser().ParseDocument(html).QuerySelector("p.views")?.TextContent;

    [Fact]
    public async Task A_reader_is_counted_once_a_window_and_robots_and_head_requests_not_at_all()
    {
        long article = _archive.Visit;
        Assert.Equal("1 dəfə oxunub", ViewsShown(await OpenAsync(HttpMethod.Get, article, Firefox)));
        Assert.Equal("1 dəfə oxunub", ViewsShown(await OpenAsync(HttpMethod.Get, article, Firefox)));
        await OpenAsync(HttpMethod.Head, article, Chrome);
        Assert.Equal("1 dəfə oxunub", ViewsShown(await OpenAsync(HttpMethod.Get, article, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")));
        Assert.Equal("1 dəfə oxunub", ViewsShown(await OpenAsync(HttpMethod.Get, article, "curl/8.5.0")));
        Assert.Equal("1 dəfə oxunub", ViewsShown(await OpenAsync(HttpMethod.Get, article, null)));
        Assert.Equal("2 dəfə oxunub", ViewsShown(await OpenAsync(HttpMethod.Get, article, Chrome)));
        _clock.Now += TimeSpan.FromMinutes(31);
        Assert.Equal("3 dəfə oxunub", ViewsShown(await OpenAsync(HttpMethod.Get, article, Firefox)));
        Assert.Null(ViewsShown(await OpenAsync(HttpMethod.Head, _archive.Budget, Firefox)));

        // The background writer stores the batch within moments; the page then reads the stored total.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await _host!.Store.Views.TotalAsync(article, Ct) < 3 && DateTime.UtcNow < deadline) await Task.Delay(50, Ct);
        Assert.Equal(3, await _host.Store.Views.TotalAsync(article, Ct));
        Assert.Equal(0, await _host.Store.Views.TotalAsync(_archive.Budget, Ct));

        var mostRead = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/most-read", Ct));
        Assert.Equal(2, mostRead.QuerySelectorAll("ol.most-read").Length);
        var first = mostRead.QuerySelector("ol.most-read li")!;
        Assert.Equal($"/articles/{article}", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("3 baxış", first.TextContent, StringComparison.Ordinal);

        var front = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/", Ct));
        Assert.Equal($"/articles/{article}", front.QuerySelector("aside.side ol.most-read li a")!.GetAttribute("href"));
        // Tomorrow (Baku time) nothing has been read yet today; the week still holds it.
        _clock.Now += TimeSpan.FromDays(1);
        front = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/", Ct));
        Assert.Null(front.QuerySelector("aside.side ol.most-read"));
        mostRead = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/most-read", Ct));
        Assert.Single(mostRead.QuerySelectorAll("ol.most-read"));
    }

    [Theory]
    [InlineData(Firefox, false)]
    [InlineData(Chrome, false)]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", true)]
    [InlineData("facebookexternalhit/1.1", true)]
    [InlineData("Wget/1.21", true)]
    [InlineData("", true)]
    [InlineData("something", true)]
    public void Robots_are_told_by_their_user_agent(string userAgent, bool robot) => Assert.Equal(robot, Robots.IsRobot(userAgent));

    /// <summary>A clock the test moves: "now" for the counter's window and for "today".</summary>
    private sealed class SetClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
