using System.Text;
using Icmal.Extraction;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Extraction;

/// <summary>Each extractor names where it read the date as typed evidence, made where the date is chosen.</summary>
public sealed class DateEvidenceKindsTests
{
    private static string Page(string head, string underHeadline = "") => $$"""
        <!doctype html>
        <html lang="az"><head><meta charset="utf-8"><title>Yeni park açıldı şəhərin mərkəzində</title>{{head}}</head>
        <body><main><article><h1>Yeni park açıldı şəhərin mərkəzində</h1>{{underHeadline}}{{TestData.ArticleProse}}</article></main></body></html>
        """;

    [Fact]
    public void Html_page_dated_by_its_article_json_ld_names_the_schema_type()
    {
        var a = TestData.Html(Page("""<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-11-09T09:15:00+04:00"}</script>"""));
        Assert.Equal(new DateEvidence(DateEvidenceKind.JsonLd, "NewsArticle"), a.PublishedFrom);
        Assert.Equal("json-ld:NewsArticle", a.PublishedFrom!.Code);
    }

    [Fact]
    public void Html_page_whose_json_ld_has_only_a_creation_date_says_so_in_the_detail()
    {
        var a = TestData.Html(Page("""<script type="application/ld+json">{"@type":"Article","dateCreated":"2025-11-09T09:15:00+04:00"}</script>"""));
        Assert.Equal(new DateEvidence(DateEvidenceKind.JsonLd, "Article.dateCreated"), a.PublishedFrom);
    }

    [Fact]
    public void Html_page_dated_by_a_time_marked_date_published_names_the_element()
    {
        var a = TestData.Html(Page("", """<p>Müəllif: Anar Məmmədov, <time itemprop="datePublished" datetime="2025-11-09T09:15:00+04:00"></time></p>"""));
        Assert.Equal(new DateEvidence(DateEvidenceKind.Marked, "time"), a.PublishedFrom);
    }

    [Fact]
    public void Html_page_dated_only_by_its_address_says_address()
    {
        var a = TestData.Html(Page(""), "https://example.az/2025/11/09/yeni-park");
        Assert.Equal(new DateOnly(2025, 11, 9), DateOnly.FromDateTime(a.Published!.Value.DateTime));
        Assert.Equal(new DateEvidence(DateEvidenceKind.Address), a.PublishedFrom);
    }

    [Fact]
    public void Text_dump_dated_by_the_line_before_its_text_says_date_line_before_the_text()
    {
        string dump = "Yeni park açıldı şəhərin mərkəzində\n09.11.2025, 09:15\n\n"
            + string.Concat(Enumerable.Repeat("Şəhərdə yeni park açılıb, parkda uşaqlar üçün meydança və velosiped yolu salınıb, sakinlər açılışda iştirak ediblər.\n\n", 4));
        var a = TextPageExtractor.Extract(dump);
        Assert.Equal(new DateEvidence(DateEvidenceKind.DateLine, "before-text"), a.PublishedFrom);
    }

    [Fact]
    public void Json_list_item_dated_by_its_field_says_item_field_and_undated_one_has_no_evidence()
    {
        var (dated, _) = JsonArticleReader.Read(Encoding.UTF8.GetBytes("""{"title":"Yeni park","text":"Şəhərdə yeni park açılıb.","date":"2025-11-09T09:15:00+04:00"}"""));
        Assert.Equal(new DateEvidence(DateEvidenceKind.ItemField), dated!.PublishedFrom);
        var (undated, _) = JsonArticleReader.Read(Encoding.UTF8.GetBytes("""{"title":"Yeni park","text":"Şəhərdə yeni park açılıb."}"""));
        Assert.Null(undated!.PublishedFrom);
    }

    [Fact]
    public void Extract_as_json_shows_the_evidence_code()
    {
        var extracted = TestData.Html(Page("""<meta property="article:published_time" content="2025-11-09T09:15:00+04:00">"""));
        var article = Icmal.Analysis.ArticleAnalyzer.ArticleOf(new IncomingDocument("t.html", DocumentFormat.Html, Array.Empty<byte>(), DateTimeOffset.UtcNow), extracted);
        var json = ArticleFormats.JsonObject(article, null, null);
        Assert.Equal("meta:article:published_time", json["publishedFrom"]);
    }
}
