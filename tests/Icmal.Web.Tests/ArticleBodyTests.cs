using Icmal.Extraction;
using Icmal.Model;

namespace Icmal.Web.Tests;

/// <summary>An article's blocks render to HTML in one place, the library's BlockHtml: the portal and `icmal extract --format html` show the same markup.</summary>
[Collection(PortalCollection.Name)]
public sealed class ArticleBodyTests(PortalFixture portal)
{
    [Fact]
    public async Task The_article_page_and_extract_html_show_the_blocks_as_the_library_renders_them()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var listed in await portal.Store.Articles.ListAsync(new Icmal.Storage.ArticleQuery(), ct))
        {
            var article = (await portal.Store.Articles.GetAsync(listed.Id, ct))!;
            string blocks = BlockHtml.Render(article.Blocks).Value;
            Assert.StartsWith("<p>", blocks, StringComparison.Ordinal);
            string page = await portal.Client.GetStringAsync($"/articles/{article.Id}", ct);
            Assert.Contains("<div class=\"body\" lang=\"az\">" + blocks + "</div>", page, StringComparison.Ordinal);
            Assert.Contains(blocks, ArticleFormats.Html(article), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Blocks_render_as_their_elements_with_consecutive_list_items_in_one_list_and_text_encoded()
    {
        var html = BlockHtml.Render(
        [
            new ArticleBlock(BlockKind.Heading, "Əsas"),
            new ArticleBlock(BlockKind.ListItem, "bir"),
            new ArticleBlock(BlockKind.ListItem, "iki <b>"),
            new ArticleBlock(BlockKind.Quote, "\"Sitat\" & şərh"),
            new ArticleBlock(BlockKind.Preformatted, "a < b"),
            new ArticleBlock(BlockKind.TableRow, "sətir"),
            new ArticleBlock(BlockKind.ListItem, "son"),
        ]);
        Assert.Equal(
            "<h2>Əsas</h2>\n<ul>\n<li>bir</li>\n<li>iki &lt;b&gt;</li>\n</ul>\n<blockquote>&quot;Sitat&quot; &amp; şərh</blockquote>\n"
            + "<pre>a &lt; b</pre>\n<p>sətir</p>\n<ul>\n<li>son</li>\n</ul>\n",
            html.Value);
        Assert.Equal("", default(SanitisedHtml).Value);
    }
}
