using Icmal.Model;

namespace Icmal.Tests.Models;

/// <summary>The date evidence's stored code: one per kind, stable, and read back to the same evidence.</summary>
public sealed class DateEvidenceTests
{
    public static TheoryData<DateEvidenceKind, string?, string> Codes() => new()
    {
        { DateEvidenceKind.JsonLd, "NewsArticle", "json-ld:NewsArticle" },
        { DateEvidenceKind.JsonLd, "NewsArticle.dateCreated", "json-ld:NewsArticle.dateCreated" },
        { DateEvidenceKind.Meta, "og:article:published_time", "meta:og:article:published_time" },
        { DateEvidenceKind.ScriptData, "published_at", "script:published_at" },
        { DateEvidenceKind.Marked, "time", "marked:time" },
        { DateEvidenceKind.Headline, null, "headline" },
        { DateEvidenceKind.Headline, "time", "headline:time" },
        { DateEvidenceKind.Revision, "headline", "revision:headline" },
        { DateEvidenceKind.Revision, "metadata", "revision:metadata" },
        { DateEvidenceKind.Relative, "before-text", "relative:before-text" },
        { DateEvidenceKind.Address, null, "address" },
        { DateEvidenceKind.CanonicalAddress, null, "canonical-address" },
        { DateEvidenceKind.DateElement, "article", "element:article" },
        { DateEvidenceKind.DateLine, "prose", "line:prose" },
        { DateEvidenceKind.PageLine, null, "page-line" },
        { DateEvidenceKind.MarkupFrequency, null, "markup" },
        { DateEvidenceKind.ItemField, null, "item" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Evidence_is_stored_as_its_code_and_read_back_from_it(DateEvidenceKind kind, string? detail, string code)
    {
        var evidence = new DateEvidence(kind, detail);
        Assert.Equal(code, evidence.Code);
        Assert.Equal(evidence, DateEvidence.FromCode(code));
    }

    [Fact]
    public void Every_kind_has_its_own_code_without_a_colon()
    {
        var codes = Enum.GetValues<DateEvidenceKind>().Select(DateEvidence.CodeOf).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.DoesNotContain(":", c, StringComparison.Ordinal));
        Assert.All(Enum.GetValues<DateEvidenceKind>(), k => Assert.Equal(k, DateEvidence.FromCode(DateEvidence.CodeOf(k))!.Kind));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("shown at the headline")]
    [InlineData("hologram:NewsArticle")]
    public void A_code_this_version_does_not_know_is_no_evidence(string? code) => Assert.Null(DateEvidence.FromCode(code));

    [Fact]
    public void A_page_written_detail_is_cut_to_a_bounded_length_and_a_blank_one_is_none()
    {
        var long_ = new DateEvidence(DateEvidenceKind.JsonLd, new string('x', 5000));
        Assert.Equal(DateEvidence.MaxDetailLength, long_.Detail!.Length);
        Assert.Null(new DateEvidence(DateEvidenceKind.JsonLd, "  ").Detail);
        Assert.Equal("json-ld", new DateEvidence(DateEvidenceKind.JsonLd, "").Code);
    }
}
