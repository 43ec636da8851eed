using System.Net;
using System.Xml.Linq;
using Icmal.Web;

namespace Icmal.Web.Tests;

/// <summary>The Atom feed of a search (<c>/search.atom</c>), read back as XML over real HTTP on the seeds.</summary>
[Collection(PortalCollection.Name)]
public sealed class SearchFeedTests(PortalFixture portal)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_feed_of_a_search_is_atom_with_an_entry_per_article_found()
    {
        using var response = await portal.Client.GetAsync("/search.atom?q=qazaxistan", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;

        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Contains("qazaxistan", feed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(feed.Element(Atom + "id")!.Value, UriKind.Absolute));
        Assert.True(DateTimeOffset.TryParse(feed.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");

        using var api = System.Text.Json.JsonDocument.Parse(await portal.Client.GetStringAsync("/api/search?q=qazaxistan&limit=50", Ct));
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(api.RootElement.GetProperty("items").GetArrayLength(), entries.Count);
        Assert.NotEmpty(entries);
        var updated = new List<DateTimeOffset>();
        foreach (var entry in entries)
        {
            string id = entry.Element(Atom + "id")!.Value;
            Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/articles/[0-9]+$", id);
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")!.Value));
            Assert.Contains(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate" && (string?)l.Attribute("href") == id);
            updated.Add(DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "summary")?.Value));
        }
        Assert.Equal(updated.OrderDescending(), updated);

        // The article an entry links to is there.
        using var article = await portal.Client.GetAsync(new Uri(entries[0].Element(Atom + "id")!.Value).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
    }

    [Fact]
    public async Task The_feed_of_filters_alone_is_the_newest_articles_they_let_through()
    {
        // A monitor's feed: no word, only a filter.
        using var response = await portal.Client.GetAsync("/search.atom?q=lang%3Aaz", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!.Elements(Atom + "entry").ToList();

        using var api = System.Text.Json.JsonDocument.Parse(await portal.Client.GetStringAsync("/api/search?q=lang%3Aaz&limit=50", Ct));
        var items = api.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count > 1);
        Assert.All(items, i => Assert.Equal("az", i.GetProperty("language").GetString()));
        Assert.Equal(items.Select(i => i.GetProperty("id").GetInt64()), entries.Select(e => long.Parse(e.Element(Atom + "id")!.Value.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)));
        // An article with no publication time (a seed has none) is dated by its archive time, never 1970.
        Assert.Contains(items, i => i.GetProperty("published").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.All(entries, e => Assert.True(DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture).Year >= 2020, e.Element(Atom + "updated")!.Value));
    }

    [Theory]
    [InlineData("/search.atom?q=%22Orta")]
    [InlineData("/search.atom")]
    [InlineData("/search.atom?q=qazaxistan&since=notadate")]
    public async Task A_feed_of_a_bad_search_is_a_400_saying_why(string path)
    {
        using var response = await portal.Client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public void Markup_and_characters_xml_cannot_hold_are_escaped_or_dropped()
    {
        var entry = new SearchFeed.Entry(new Uri("http://127.0.0.1/articles/1"), "<b>Başlıq</b> & \"dırnaq\"\u0001", DateTimeOffset.UnixEpoch, null,
            "mətn \u0007 <script>alert(1)</script> \ud800 son", "Site & Co", null);
        byte[] xml = SearchFeed.Write(new SearchFeed.Feed("«<i>q</i>» \u000b", "İcmal", new Uri("http://127.0.0.1/search.atom?q=x"),
            new Uri("http://127.0.0.1/search?q=x"), [entry]), DateTimeOffset.UnixEpoch);

        var feed = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml)).Root!;
        Assert.Equal("«<i>q</i>» ", feed.Element(Atom + "title")!.Value);
        var written = feed.Element(Atom + "entry")!;
        Assert.Equal("<b>Başlıq</b> & \"dırnaq\"", written.Element(Atom + "title")!.Value);
        Assert.Equal("mətn  <script>alert(1)</script>  son", written.Element(Atom + "summary")!.Value);
        Assert.Empty(feed.Descendants("script"));
    }
}
