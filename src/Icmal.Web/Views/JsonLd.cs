using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Icmal.Model;
using Icmal.Web.Catalogue;
using Icmal.Web.Pages;

namespace Icmal.Web.Views;

/// <summary>
/// JSON written so that it can stand inside an HTML <c>script</c> data block: every <c>&lt;</c>, <c>&gt;</c>,
/// <c>&amp;</c>, quote and plus is a \u escape, so no text from an article ("&lt;/script&gt;", "&lt;!--") can close the
/// block or open markup. Only <see cref="JsonLd"/> makes one; the page writes it unencoded because of that.
/// </summary>
public sealed class SafeJson
{
    private SafeJson(string text) => Text = text;

    public string Text { get; }

    // The default JavaScript encoder keeps letters of every script as they are (Azerbaijani, Cyrillic) and always
    // escapes the characters HTML gives a meaning to.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal static SafeJson Of<T>(T value) => new(JsonSerializer.Serialize(value, Options));
}

/// <summary>schema.org <c>NewsArticle</c> metadata of an article page, for search engines (JSON-LD).</summary>
public static class JsonLd
{
    public static SafeJson NewsArticle(Article article, string? url, string brand)
    {
        ArgumentNullException.ThrowIfNull(article);
        var data = new NewsArticleLd(
            Headline: article.Title,
            Description: ArticleLead.Of(article),
            InLanguage: Links.Lang(article),
            DatePublished: article.PlausiblePublished is { } published ? InterfaceFormat.Iso(published) : null,
            DateModified: article.Modified is { } modified && article.PlausiblePublished is not null ? InterfaceFormat.Iso(modified) : null,
            Url: url,
            MainEntityOfPage: url,
            IsBasedOn: article.Url is { } original && Links.Safe(original) is var safe && safe != "#" ? safe : null,
            Image: article.ImageUrl is { } image && Links.Safe(image) is var safeImage && safeImage.StartsWith("http", StringComparison.Ordinal) ? safeImage : null,
            Author: article.Authors.Count > 0 ? article.Authors.Select(a => new PersonLd(a)).ToList() : null,
            Publisher: new OrganizationLd(article.Site ?? brand),
            ArticleSection: article.Section);
        return SafeJson.Of(data);
    }

    private sealed record NewsArticleLd(
        [property: JsonPropertyName("headline")] string Headline,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("inLanguage")] string InLanguage,
        [property: JsonPropertyName("datePublished")] string? DatePublished,
        [property: JsonPropertyName("dateModified")] string? DateModified,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("mainEntityOfPage")] string? MainEntityOfPage,
        [property: JsonPropertyName("isBasedOn")] string? IsBasedOn,
        [property: JsonPropertyName("image")] string? Image,
        [property: JsonPropertyName("author")] IReadOnlyList<PersonLd>? Author,
        [property: JsonPropertyName("publisher")] OrganizationLd Publisher,
        [property: JsonPropertyName("articleSection")] string? ArticleSection)
    {
        [JsonPropertyName("@context")] public string Context => "https://schema.org";

        [JsonPropertyName("@type")] public string Type => "NewsArticle";
    }

    private sealed record PersonLd([property: JsonPropertyName("name")] string Name)
    {
        [JsonPropertyName("@type")] public string Type => "Person";
    }

    private sealed record OrganizationLd([property: JsonPropertyName("name")] string Name)
    {
        [JsonPropertyName("@type")] public string Type => "Organization";
    }
}
