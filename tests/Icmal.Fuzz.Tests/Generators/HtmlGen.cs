using System.Text;
using CsCheck;

namespace Icmal.Fuzz.Tests.Generators;

/// <summary>
/// Tag soups composed the way real news pages are: a head with meta tags, canonical links and JSON-LD (valid,
/// broken, deeply nested), a body of nested blocks with article-ish and chrome-ish class names, dates in
/// attributes and text, scripts and styles with markup inside, entity soup, unclosed and misnested tags; and
/// mutations of real seed pages.
/// </summary>
public static class HtmlGen
{
    private static readonly string[] Tags =
    [
        "div", "p", "article", "section", "span", "a", "h1", "h2", "h3", "ul", "li", "ol", "table", "tr", "td", "time", "figure", "figcaption",
        "blockquote", "nav", "footer", "header", "aside", "form", "main", "pre", "code", "b", "i", "em", "strong", "font", "center", "select",
        "option", "textarea", "iframe", "svg", "math", "template", "noscript", "details", "summary", "dl", "dt", "dd", "button", "label", "object",
    ];

    private static readonly string[] Classes =
    [
        "content", "article-body", "news-text", "entry-content", "post", "comments", "comment", "share", "related", "most-read", "date",
        "author", "byline", "meta", "footer", "sidebar", "menu", "ad", "banner", "tags", "title", "headline", "lead", "caption", "hidden",
    ];

    private static readonly Gen<string> Sentence = Gen.Frequency(
        (6, Hostile.Words.Array[3, 30].Select(w => string.Join(' ', w) + ".")),
        (2, Hostile.Text(200)), (1, Hostile.Entity.Array[1, 20].Select(string.Concat)), (1, Hostile.Date),
        (1, Gen.Const("Mənbə: https://sherg.az")), (1, Gen.Const("Sherg.az portalına istinadən")), (1, Gen.Const("Müəllif: Əli Vəliyev")));

    private static readonly Gen<string> Attribute = Gen.Frequency(
        (4, Gen.Int[0, Classes.Length - 1].Select(i => $" class=\"{Classes[i]}\"")),
        (2, Gen.Int[0, Classes.Length - 1].Select(i => $" id=\"{Classes[i]}\"")),
        (2, UrlGen.Any.Select(u => $" href=\"{Escape(u)}\"")),
        (1, UrlGen.Any.Select(u => $" src='{u}'")),
        (2, Hostile.Date.Select(d => $" datetime=\"{Escape(d)}\"")),
        (1, Hostile.Date.Select(d => $" itemprop=\"datePublished\" content=\"{Escape(d)}\"")),
        (1, Gen.Const(" itemprop=\"articleBody\"")), (1, Gen.Const(" itemprop=\"author\"")), (1, Gen.Const(" style=\"display:none\"")),
        (1, Gen.Const(" hidden")), (1, Gen.Const(" lang=\"ru\"")), (1, Gen.Const(" dir=\"rtl\"")),
        (1, Hostile.Huge(Gen.Const("x")).Select(h => $" data-x=\"{h}\"")),
        (1, Gen.Const(" a=b=c \"'<>")), (1, Gen.Const(" onclick=\"alert(1)\"")));

    private static readonly Gen<string> Attributes = Attribute.Array[0, 4].Select(string.Concat);

    private static readonly Gen<string> ImageUrl = UrlGen.Any;

    private static readonly Gen<string> Leaf = Gen.Frequency(
        (8, Sentence.Select(Escape)), (2, Sentence), (1, Gen.Const("<br>")), (1, Gen.Const("<hr/>")),
        (1, ImageUrl.Select(u => $"<img src=\"{Escape(u)}\" alt=\"x\">")),
        (1, Hostile.Date.Select(d => $"<time datetime=\"{Escape(d)}\">{Escape(d)}</time>")),
        (1, Gen.Const("<script>var s = '</div><p>'; document.write('<p>');</script>")), (1, Gen.Const("<style>p{}</style><style>")),
        (1, Gen.Const("<!-- <p>hidden</p> -->")), (1, Gen.Const("<!-- unclosed")), (1, Gen.Const("<![CDATA[x]]>")), (1, Gen.Const("</p></div></span>")),
        (1, Gen.Const("<p><table><p>")), (1, Gen.Const("<a><a><a>")), (1, Gen.Const("<plaintext>")), (1, Gen.Const("<xmp><p></xmp>")));

    /// <summary>An element tree; <paramref name="depth"/> levels at most.</summary>
    private static Gen<string> Element(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (4, Gen.Select(Gen.Int[0, Tags.Length - 1], Attributes, Gen.Int[0, 5], (t, a, close) => (Tags[t], a, close))
                .SelectMany(e => Element(depth - 1).Array[0, 5].Select(children =>
                    $"<{e.Item1}{e.a}>{string.Concat(children)}{(e.close == 0 ? "" : e.close == 1 ? "</p>" : $"</{e.Item1}>")}"))));

    private static readonly Gen<string> Body = Element(6).Array[1, 8].Select(string.Concat);

    private static readonly Gen<string> JsonLd = Gen.Select(Sentence, Hostile.Date, ImageUrl, UrlGen.Any, Gen.Int[0, 7], (title, date, image, url, shape) =>
    {
        string t = Hostile.JsonString(title), d = Hostile.JsonString(date), i = Hostile.JsonString(image), u = Hostile.JsonString(url);
        return shape switch
        {
            0 => $"{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":{t},\"datePublished\":{d},\"dateModified\":{d},\"image\":{i},\"url\":{u},\"author\":{{\"@type\":\"Person\",\"name\":{t}}}}}",
            1 => $"{{\"@graph\":[{{\"@type\":[\"Article\",\"NewsArticle\"],\"headline\":{t},\"datePublished\":{d},\"image\":[{i},{{\"url\":{i}}}],\"author\":[{t},{{\"name\":null}}]}}]}}",
            2 => $"[{{\"@type\":\"NewsArticle\",\"datePublished\":{d}}},{{\"@type\":\"WebPage\"}}]",
            3 => $"{{\"@type\":\"NewsArticle\",\"headline\":{t},\"datePublished\":",                       // cut short
            4 => "{\"@type\":\"NewsArticle\",\"image\":" + new string('[', 300) + new string(']', 300) + "}",
            5 => $"{{\"@type\":\"NewsArticle\",\"datePublished\":12345,\"headline\":[1,2],\"author\":{{\"name\":{{\"name\":{t}}}}},\"image\":{{\"url\":123}}}}",
            6 => $"{{\"@type\":\"NewsArticle\",\"articleBody\":{t},\"publisher\":{{\"name\":{t},\"logo\":{i}}},\"isBasedOn\":{u}}}",
            _ => $"{{\"@type\":\"NewsArticle\",\"headline\":\"</script><p>{Escape(title)}\"}}",
        };
    });

    private static readonly Gen<string> HeadItem = Gen.Frequency(
        (2, Sentence.Select(s => $"<title>{Escape(s)}</title>")),
        (2, Sentence.Select(s => $"<meta property=\"og:title\" content=\"{Escape(s)}\">")),
        (2, ImageUrl.Select(u => $"<meta property=\"og:image\" content=\"{Escape(u)}\">")),
        (2, Hostile.Date.Select(d => $"<meta property=\"article:published_time\" content=\"{Escape(d)}\">")),
        (1, Hostile.Date.Select(d => $"<meta name=\"pubdate\" content=\"{Escape(d)}\">")),
        (1, Sentence.Select(s => $"<meta name=\"author\" content=\"{Escape(s)}\">")),
        (1, Sentence.Select(s => $"<meta name=\"keywords\" content=\"{Escape(s)}\">")),
        (1, Sentence.Select(s => $"<meta property=\"og:site_name\" content=\"{Escape(s)}\">")),
        (2, UrlGen.Any.Select(u => $"<link rel=\"canonical\" href=\"{Escape(u)}\">")),
        (1, UrlGen.Any.Select(u => $"<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{Escape(u)}\">")),
        (1, Gen.OneOf(Gen.Const("<meta charset=\"utf-8\">"), Gen.Const("<meta charset=\"windows-1254\">"), Gen.Const("<meta charset=\"bogus\">"),
            Gen.Const("<meta http-equiv=\"content-type\" content=\"text/html; charset=koi8-r\">"))),
        (3, JsonLd.Select(j => $"<script type=\"application/ld+json\">{j}</script>")));

    private static readonly Gen<string> Page = Gen.Select(Gen.OneOf(Gen.Const("az"), Gen.Const("ru"), Gen.Const("zh"), Gen.Const(""), Gen.Const("az-Latn-AZ")),
        HeadItem.Array[0, 10], Body, Gen.Int[0, 3], (lang, head, body, shape) => shape switch
        {
            0 => $"<!DOCTYPE html><html lang=\"{lang}\"><head>{string.Concat(head)}</head><body>{body}</body></html>",
            1 => string.Concat(head) + body,                                                                 // no html/head/body at all
            2 => $"<html><body>{body}<head>{string.Concat(head)}</head></body>",                             // head inside body
            _ => $"<!DOCTYPE html><html lang=\"{lang}\"><head>{string.Concat(head)}<body><article><h1>{body}</h1><div class=\"article-body\">{body}</div></article>",
        });

    private static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[0, Tags.Length - 1], Gen.Int[10_000, 30_000], (t, n) =>
        "<html><body>" + new StringBuilder().Insert(0, $"<{Tags[t]}>", n) + "Mətn" + "</body></html>");

    /// <summary>Composed pages (as UTF-8 bytes), mutated composed pages, and mutated seed pages.</summary>
    public static Gen<byte[]> Any(IReadOnlyList<byte[]> seeds)
    {
        var composed = Page.Select(p => Encoding.UTF8.GetBytes(p));
        var gens = new List<(int, IGen<byte[]>)> { (10, composed), (3, composed.SelectMany(Mutation.Bytes)) };
        if (seeds.Count > 0) gens.Add((3, Gen.Int[0, seeds.Count - 1].SelectMany(i => Mutation.Bytes(seeds[i]))));
        gens.Add((1, DeepNesting.Select(p => Encoding.UTF8.GetBytes(p))));
        return Gen.Frequency([.. gens]);
    }

    /// <summary>Composed pages as text, for parsers that take a string.</summary>
    public static Gen<string> Text => Page;

    private static string Escape(string s) => s.Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
