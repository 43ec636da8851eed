// Over 400 lines on purpose: one table of what a page's meta tags and JSON-LD say (title, byline, dates, image, section), read in one pass; split, the precedence between them would be spread out.
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Icmal.Model;
using Icmal.Text;
using Icmal.Extraction.Dates;

namespace Icmal.Extraction.Html;

/// <summary>What a page says about itself: JSON-LD, OpenGraph, meta tags, &lt;time&gt;, bylines, URL.</summary>
internal sealed partial class PageMetadata
{
    public string? Title;
    public string? H1;
    public string? DocumentTitle;
    public List<string> Authors = [];
    /// <summary>The publication time the page states outright: the article's JSON-LD, publication meta tags, an element marked datePublished.</summary>
    public StatedDate? Published;
    /// <summary>A generic date (Dublin Core date, a creation time) whose meaning the page leaves open.</summary>
    public StatedDate? WeakPublished;
    /// <summary>The date of another creative work on the page (a video's upload, a HowTo's publication).</summary>
    public StatedDate? OtherPublished;
    public DateTimeOffset? Modified;
    /// <summary>Every date the metadata states, whatever it names: evidence that a date shown to readers is the page's own.</summary>
    public List<DateTimeOffset> StatedDates = [];
    /// <summary>
    /// Every value the metadata gives as the publication time (JSON-LD datePublished, publication meta tags), in
    /// order of trust: one with a time of day gives its time to a day-only date of the same day.
    /// </summary>
    public List<DateTimeOffset> PublicationTimes = [];
    public string? Site;
    public string? Canonical;
    public string? Language;
    /// <summary>The page's language tags as written (html lang, og:locale, Content-Language): "en-US", "de_AT".</summary>
    public List<string> LanguageTags = [];
    public string? Image;
    public List<string> Tags = [];
    /// <summary>The section the page names for itself (article:section, JSON-LD articleSection), in order of trust.</summary>
    public List<string> Sections = [];
    /// <summary>The names of a JSON-LD BreadcrumbList, top level first (see <see cref="PageSection"/>).</summary>
    public List<string> Breadcrumbs = [];
    public string? ArticleBody;
    public string? Description;
    public string? PageUrl;

    /// <summary>Meta tags by lower-case name/property/itemprop, first value wins.</summary>
    public Dictionary<string, string> Meta = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Meta tags that name the publication time and nothing else, in order of trust.</summary>
    private static readonly string[] PublishedMeta =
    [
        "article:published_time", "og:article:published_time", "article:published", "datepublished", "publishdate",
        "publish-date", "publish_date", "pubdate", "date_published", "dc.date.issued", "dcterms.issued",
        "sailthru.date", "parsely-pub-date", "article.published", "published-date", "published_time",
        "og:published_time", "citation_publication_date", "citation_date", "originalpublicationdate",
        "article_date_original", "cxenseparse:recs:publishtime", "rnews:datepublished", "analyticsattributes.articledate",
        "release_date", "og:pubdate", "pub_date", "item-publish-date",
    ];

    /// <summary>
    /// Meta tags with a date of unclear meaning: Dublin Core's generic date, a creation time. Content systems fill
    /// them with the time a record was created or last saved, so a date the page marks up as the publication
    /// (itemprop=datePublished, time[pubdate]) outranks them.
    /// </summary>
    private static readonly string[] WeakPublishedMeta =
    [
        "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "date", "created", "creation_date", "datecreated",
    ];

    /// <summary>Upload times of media pages (video, photo): the page's date when nothing names a publication.</summary>
    private static readonly string[] UploadMeta = ["uploaddate"];

    private static readonly string[] ModifiedMeta =
    [
        "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "dc.date.modified", "last-modified",
        "lastmod", "article:modified", "modified_time", "revised",
    ];

    public static PageMetadata Read(IHtmlDocument document, PageIndex index, Uri? pageUrl)
    {
        var m = new PageMetadata { PageUrl = pageUrl?.ToString() };
        foreach (var el in index.Metas)
        {
            string? key = el.GetAttribute("property") ?? el.GetAttribute("name") ?? el.GetAttribute("itemprop") ?? el.GetAttribute("http-equiv");
            string? content = el.GetAttribute("content") ?? el.GetAttribute("datetime");
            if (key is null || string.IsNullOrWhiteSpace(content)) continue;
            key = key.Trim();
            if (key.Equals("article:tag", StringComparison.OrdinalIgnoreCase) || key.Equals("article:section", StringComparison.OrdinalIgnoreCase))
                AddTag(m.Tags, content);
            if (key.Equals("article:section", StringComparison.OrdinalIgnoreCase)) AddTag(m.Sections, content);
            m.Meta.TryAdd(key, content.Trim());
        }

        m.DocumentTitle = document.Title is { } t ? Whitespace.Fold(t) : null;
        var h1 = index.H1;
        if (h1 is not null)
        {
            string h = Whitespace.Fold(h1.TextContent);
            if (h.Length is > 0 and < 400) m.H1 = h;
        }

        ReadJsonLd(index, m);

        string? og = Get(m, "og:title") ?? Get(m, "twitter:title") ?? Get(m, "dc.title");
        // application-name is sometimes filled with the headline: only a short name that is not the title counts.
        string? appName = Get(m, "application-name");
        if (appName is not null && (appName.Length > 40 || string.Equals(appName, og, StringComparison.Ordinal)
            || string.Equals(appName, m.DocumentTitle, StringComparison.Ordinal))) appName = null;
        m.Site ??= Get(m, "og:site_name") ?? appName ?? Get(m, "twitter:site")?.TrimStart('@');
        m.Title = CleanTitle(m.Title ?? og ?? m.H1 ?? m.DocumentTitle, m.Site, m.H1);

        if (m.Authors.Count == 0)
        {
            foreach (string key in (string[])["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "citation_author", "twitter:creator"])
            {
                if (Get(m, key) is { } a && !a.Contains("://", StringComparison.Ordinal) && !a.StartsWith('@') && a.Length < 120)
                {
                    AddAuthor(m.Authors, a);
                    break;
                }
            }
        }
        if (m.Authors.Count == 0)
        {
            foreach (var byline in index.Bylines)
            {
                string a = Whitespace.Fold(byline.GetAttribute("content") ?? byline.TextContent);
                if (a.Length is > 2 and < 60 && !a.Contains("://", StringComparison.Ordinal) && char.IsLetter(a[^1]))
                {
                    AddAuthor(m.Authors, a);
                    break;
                }
            }
        }

        // Every date meta tag is parsed once; the kinds below read from the same table.
        var metaDates = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (string[] keys in (string[][])[PublishedMeta, WeakPublishedMeta, UploadMeta, ModifiedMeta])
        {
            foreach (string key in keys)
            {
                if (Get(m, key) is not { } v || !DateText.TryParseMachine(v, out var d)) continue;
                metaDates[key] = d;
                m.StatedDates.Add(d);
                if (keys == PublishedMeta) m.PublicationTimes.Add(d);
            }
        }
        m.Published ??= FirstMeta(metaDates, PublishedMeta) ?? MarkedDate(index);
        m.WeakPublished = FirstMeta(metaDates, WeakPublishedMeta);
        m.OtherPublished ??= FirstMeta(metaDates, UploadMeta) ?? SiteOwnMeta(m);
        m.Modified ??= FirstMeta(metaDates, ModifiedMeta)?.Value;

        m.Canonical = Absolute(index.Canonical?.GetAttribute("href"), pageUrl)
            ?? Absolute(Get(m, "og:url"), pageUrl);
        // A page fetched from one site cannot name an address on another as its own: a hostile or careless page (a
        // republisher pointing at the original) would be stored, shown and searched as the other outlet's article.
        if (m.Canonical is { } canonical && pageUrl is { IsAbsoluteUri: true } && !WebUrl.SameSite(new Uri(canonical), pageUrl))
            m.Canonical = null;
        // Nor can it give another site's domain as its name ("apa.az" on a page of example.com): its own host is its name.
        if (pageUrl is { IsAbsoluteUri: true } && WebUrl.OfSiteName(m.Site) is { } named && !WebUrl.SameSite(named, pageUrl))
            m.Site = null;
        foreach (string? tag in (string?[])[document.DocumentElement.GetAttribute("lang"), Get(m, "og:locale"), Get(m, "content-language")])
            if (!string.IsNullOrWhiteSpace(tag)) m.LanguageTags.Add(tag);
        m.Language = LanguageCode(document.DocumentElement.GetAttribute("lang"))
            ?? LanguageCode(Get(m, "og:locale")) ?? LanguageCode(Get(m, "content-language")) ?? LanguageCode(Get(m, "language")) ?? m.Language;
        m.Image = Absolute(Get(m, "og:image") ?? Get(m, "twitter:image") ?? Get(m, "twitter:image:src"), pageUrl) ?? m.Image;
        m.Description = Get(m, "og:description") ?? Get(m, "description");
        if (m.Tags.Count == 0 && (Get(m, "news_keywords") ?? Get(m, "keywords")) is { } kw)
            foreach (string k in kw.Split(',', ';')) AddTag(m.Tags, k);
        if (m.Site is null && (m.Canonical ?? m.PageUrl) is { } u && Uri.TryCreate(u, UriKind.Absolute, out var uri)) m.Site = uri.Host;
        return m;
    }

    private static StatedDate? FirstMeta(Dictionary<string, DateTimeOffset> metaDates, string[] keys)
    {
        foreach (string key in keys)
            if (metaDates.TryGetValue(key, out var d)) return new StatedDate(d, new DateEvidence(DateEvidenceKind.Meta, key));
        return null;
    }

    /// <summary>
    /// A site's own meta tag for its publication or upload time ("five_hundred_pixels:uploaded",
    /// "mysite:published_at"): any key that speaks of publishing or uploading, but not of the publisher.
    /// </summary>
    private static StatedDate? SiteOwnMeta(PageMetadata m)
    {
        foreach (var (key, value) in m.Meta)
        {
            if (key.Contains("publisher", StringComparison.OrdinalIgnoreCase)) continue;
            if ((key.Contains("publish", StringComparison.OrdinalIgnoreCase) || key.Contains("upload", StringComparison.OrdinalIgnoreCase))
                && value.Length is >= 8 and < 80 && DateText.TryParseMachine(value, out var d)) return new StatedDate(d, new DateEvidence(DateEvidenceKind.Meta, key));
        }
        return null;
    }

    /// <summary>A machine-readable date on an element marked as the publication time (itemprop=datePublished, time[pubdate]).</summary>
    private static StatedDate? MarkedDate(PageIndex index)
    {
        foreach (var el in index.MarkedDates)
        {
            // abbr[title] is the microformats way (hAtom "published").
            foreach (string attr in (string[])["datetime", "content", "title"])
                if (el.GetAttribute(attr) is { Length: >= 8 and < 80 } v && DateText.TryParseMachine(v, out var d)) return new StatedDate(d, new DateEvidence(DateEvidenceKind.Marked, el.LocalName));
        }
        // The index files every <time> under DateLike, also those carrying itemprop=datePublished.
        foreach (var el in index.DateLike)
        {
            if (el.LocalName != "time" || el.GetAttribute("itemprop") is not { } prop
                || !prop.Contains("datePublished", StringComparison.OrdinalIgnoreCase)) continue;
            if (el.GetAttribute("datetime") is { Length: >= 8 and < 80 } v && DateText.TryParseMachine(v, out var d)) return new StatedDate(d, new DateEvidence(DateEvidenceKind.Marked, "time"));
        }
        return null;
    }

    private static string? Get(PageMetadata m, string key) => m.Meta.TryGetValue(key, out var v) ? Whitespace.Fold(v) : null;

    private static void ReadJsonLd(PageIndex index, PageMetadata m)
    {
        bool publishedByArticle = false;
        foreach (string json in index.JsonLd)
        {
            if (json.Length > 2_000_000) continue;
            foreach (var doc in JsonValues(json))
            {
                using var _ = doc;
                foreach (var item in Items(doc.RootElement, 0))
                {
                    string type = TypeOf(item);
                    if (type == "BreadcrumbList")
                    {
                        PageSection.AddBreadcrumbList(item, m.Breadcrumbs);
                        continue;
                    }
                    bool article = type.Contains("Article", StringComparison.Ordinal) || type.Contains("Posting", StringComparison.Ordinal)
                        || type is "Report" or "Review" or "WebPage" or "ItemPage" or "LiveBlogPosting" or "Recipe" or "VideoObject";
                    if (!article)
                    {
                        // Other creative works (HowTo, Product, MediaObject...) still date themselves; they count
                        // when nothing on the page names an article's publication.
                        if (m.OtherPublished is null && type is not ("WebSite" or "Organization" or "Person" or "BreadcrumbList" or "Event" or "Place")
                            && (Str(item, "datePublished") ?? Str(item, "uploadDate")) is { } od && DateText.TryParseMachine(od, out var odv))
                            m.OtherPublished = new StatedDate(odv, new DateEvidence(DateEvidenceKind.JsonLd, type));
                        continue;
                    }
                    bool strong = type != "WebPage" && type != "ItemPage" && type != "VideoObject";
                    if (Str(item, "headline") is { } h && (strong || m.Title is null)) m.Title ??= h;
                    if (Str(item, "datePublished") is { } dp && DateText.TryParseMachine(dp, out var d))
                    {
                        // An article's own date outranks the date of the web page around it.
                        var stated = new StatedDate(d, new DateEvidence(DateEvidenceKind.JsonLd, type));
                        if (strong && !publishedByArticle) { m.Published = stated; publishedByArticle = true; }
                        else m.Published ??= stated;
                        m.StatedDates.Add(d);
                        if (strong) m.PublicationTimes.Add(d);
                    }
                    if (Str(item, "dateModified") is { } dm && DateText.TryParseMachine(dm, out var dmod)) { m.Modified ??= dmod; m.StatedDates.Add(dmod); }
                    if (Str(item, "dateCreated") is { } dc && DateText.TryParseMachine(dc, out var dcv))
                    {
                        if (strong && m.Published is null) m.Published = new StatedDate(dcv, new DateEvidence(DateEvidenceKind.JsonLd, type + ".dateCreated"));
                        m.StatedDates.Add(dcv);
                    }
                    if (m.Authors.Count == 0 && item.TryGetProperty("author", out var a)) foreach (string n in Names(a)) AddAuthor(m.Authors, n);
                    if (strong && item.TryGetProperty("articleBody", out var ab) && ab.ValueKind == JsonValueKind.String && ab.GetString() is { Length: > 0 } body)
                        m.ArticleBody ??= System.Net.WebUtility.HtmlDecode(body);
                    if (item.TryGetProperty("publisher", out var p)) m.Site ??= Names(p).FirstOrDefault();
                    if (Str(item, "inLanguage") is { } lang) m.Language ??= LanguageCode(lang);
                    if (item.TryGetProperty("image", out var img)) m.Image ??= ImageUrl(img);
                    if (Str(item, "articleSection") is { } section)
                    {
                        AddTag(m.Tags, section);
                        AddTag(m.Sections, section);
                    }
                    if (item.TryGetProperty("keywords", out var kw))
                    {
                        if (kw.ValueKind == JsonValueKind.String) foreach (string k in kw.GetString()!.Split(',')) AddTag(m.Tags, k);
                        else if (kw.ValueKind == JsonValueKind.Array) foreach (var k in kw.EnumerateArray()) if (k.ValueKind == JsonValueKind.String) AddTag(m.Tags, k.GetString()!);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The JSON values of a JSON-LD block. Broken blocks are common: two objects one after the other, a stray
    /// brace or text after the object. Every whole value before the break counts; the other metadata still applies.
    /// </summary>
    private static List<JsonDocument> JsonValues(string json)
    {
        var values = new List<JsonDocument>(1);
        // An unpaired surrogate escape ("\uD800") is valid JSON that .NET refuses to read as a string: it becomes U+FFFD,
        // as a browser shows it, so that the rest of the block is read.
        json = UnpairedSurrogateEscape().Replace(json, @"\uFFFD");
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions
        {
            AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64, AllowMultipleValues = true,
        });
        try
        {
            while (values.Count < 10 && JsonDocument.TryParseValue(ref reader, out var doc)) values.Add(doc);
        }
        catch (JsonException)
        {
            // The values read so far stand.
        }
        return values;
    }

    private static IEnumerable<JsonElement> Items(JsonElement root, int depth)
    {
        if (depth > 4) yield break;
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in root.EnumerateArray())
                foreach (var i in Items(e, depth + 1)) yield return i;
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            yield return root;
            if (root.TryGetProperty("@graph", out var graph)) foreach (var i in Items(graph, depth + 1)) yield return i;
            if (root.TryGetProperty("mainEntity", out var main)) foreach (var i in Items(main, depth + 1)) yield return i;
        }
    }

    private static string TypeOf(JsonElement item)
    {
        if (!item.TryGetProperty("@type", out var t)) return "";
        if (t.ValueKind == JsonValueKind.String) return t.GetString() ?? "";
        if (t.ValueKind == JsonValueKind.Array)
            foreach (var e in t.EnumerateArray()) if (e.ValueKind == JsonValueKind.String) return e.GetString() ?? "";
        return "";
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? Whitespace.Fold(System.Net.WebUtility.HtmlDecode(v.GetString()!)) : null;

    private static IEnumerable<string> Names(JsonElement a)
    {
        switch (a.ValueKind)
        {
            case JsonValueKind.String:
                yield return a.GetString()!;
                break;
            case JsonValueKind.Object when a.TryGetProperty("name", out var n):
                if (n.ValueKind == JsonValueKind.String) yield return n.GetString()!;
                else foreach (string s in Names(n)) yield return s;
                break;
            case JsonValueKind.Array:
                foreach (var e in a.EnumerateArray())
                    if (e.ValueKind != JsonValueKind.Array) foreach (string s in Names(e)) yield return s;
                break;
        }
    }

    private static string? ImageUrl(JsonElement img) => img.ValueKind switch
    {
        JsonValueKind.String => img.GetString(),
        JsonValueKind.Object when img.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String => u.GetString(),
        JsonValueKind.Array => img.EnumerateArray().Select(ImageUrl).FirstOrDefault(s => s is not null),
        _ => null,
    };

    private static void AddAuthor(List<string> authors, string raw)
    {
        string a = Whitespace.Fold(System.Net.WebUtility.HtmlDecode(raw));
        a = ByPrefix().Replace(a, "");
        if (a.Length is < 2 or > 100 || a.Contains("://", StringComparison.Ordinal)) return;
        foreach (string part in AuthorSplit().Split(a))
        {
            string p = part.Trim(' ', ',', '.', '|');
            if (p.Length >= 2 && !authors.Contains(p, StringComparer.Ordinal)) authors.Add(p);
        }
    }

    private static void AddTag(List<string> tags, string raw)
    {
        string t = Whitespace.Fold(raw);
        if (t.Length is > 0 and < 80 && !tags.Contains(t, StringComparer.Ordinal) && tags.Count < 50) tags.Add(t);
    }

    /// <summary>Removes the site's name from a title: "Headline | Site", "Site - Headline", "Headline — Site.az".</summary>
    internal static string? CleanTitle(string? title, string? site, string? h1)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        string t = Whitespace.Fold(System.Net.WebUtility.HtmlDecode(title));
        if (h1 is not null && h1.Length >= 10 && t.Length > h1.Length && t.Contains(h1, StringComparison.Ordinal)) return h1;
        foreach (string sep in (string[])[" | ", " – ", " — ", " - ", " :: ", " « ", " » ", " · ", " / "])
        {
            int i = t.LastIndexOf(sep, StringComparison.Ordinal);
            if (i > 0)
            {
                string head = t[..i].Trim(), tail = t[(i + sep.Length)..].Trim();
                if (IsSiteName(tail, site) && head.Length >= 10) return head;
                int j = t.IndexOf(sep, StringComparison.Ordinal);
                string first = t[..j].Trim(), rest = t[(j + sep.Length)..].Trim();
                if (IsSiteName(first, site) && rest.Length >= 10) return rest;
            }
        }
        return t;
    }

    private static bool IsSiteName(string part, string? site)
    {
        if (part.Length == 0) return false;
        if (site is not null && (part.Equals(site, StringComparison.OrdinalIgnoreCase)
            || site.Contains(part, StringComparison.OrdinalIgnoreCase) || part.Contains(site, StringComparison.OrdinalIgnoreCase))) return true;
        return part.Length <= 40 && DomainLike().IsMatch(part);
    }

    internal static string? Absolute(string? href, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        href = href.Trim();
        if (Uri.TryCreate(href, UriKind.Absolute, out var abs) && abs.Scheme is "http" or "https") return abs.ToString();
        if (href.StartsWith("//", StringComparison.Ordinal) && Uri.TryCreate("https:" + href, UriKind.Absolute, out var proto)) return proto.ToString();
        return baseUrl is not null && Uri.TryCreate(baseUrl, href, out var rel) && rel.Scheme is "http" or "https" ? rel.ToString() : null;
    }

    private static string? LanguageCode(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        string primary = tag.Trim().Split('-', '_', ',', ' ')[0];
        if (primary.Length is not (2 or 3)) return null;
        foreach (char c in primary) if (!char.IsAsciiLetter(c)) return null;
        return primary.ToLowerInvariant();
    }

    [GeneratedRegex(@"^(by|von|par|por|di|автор|müəllif|yazar)\s*:?\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|\bund\b|\bvə\b|\bи\b|&)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorSplit();

    [GeneratedRegex(@"^[\w.-]+\.(az|com|net|org|ru|tr|de|ch|at|uk|info|news|pl|fr|es|io|co)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DomainLike();

    [GeneratedRegex(@"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex UnpairedSurrogateEscape();
}
