using Icmal.Fuzz.Tests.Fuzzing;

namespace Icmal.Fuzz.Tests.Targets;

// One class per target so that xunit runs the targets in parallel and `tools/fuzz` can run and measure each alone.
// The property of every target: no exception, no input taking 1 s or more, no input allocating over 512 MB.

public sealed class DecodingFuzz
{
    [Fact]
    public void Hostile_bytes_and_charset_labels_decode_or_are_refused_with_a_reason() => Fuzzer.Run(DecodingTarget.Target);
}

public sealed class FeedFuzz
{
    [Fact]
    public void Hostile_feeds_and_sitemaps_yield_only_absolute_http_links() => Fuzzer.Run(FeedTarget.Target);
}

public sealed class RobotsFuzz
{
    [Fact]
    public void Hostile_robots_txt_parses_and_answers_every_path() => Fuzzer.Run(RobotsTarget.Target);
}

public sealed class UrlFuzz
{
    [Fact]
    public void Canonical_urls_are_absolute_http_parse_again_and_are_fixed_points() => Fuzzer.Run(UrlTarget.Target);
}

public sealed class DiscoveryFuzz
{
    [Fact]
    public void Listing_pages_yield_only_absolute_http_links() => Fuzzer.Run(DiscoveryTarget.Target);
}

public sealed class ExtractionFuzz
{
    [Fact]
    public void Tag_soups_and_mutated_pages_extract_or_are_refused_with_a_reason() => Fuzzer.Run(ExtractionTarget.Target);
}

public sealed class JsonArticleFuzz
{
    [Fact]
    public void Hostile_json_article_lists_read_or_are_refused_with_a_reason() => Fuzzer.Run(JsonArticleTarget.Target);
}

public sealed class TextFuzz
{
    [Fact]
    public void Arbitrary_unicode_goes_through_text_analysis_with_sane_offsets() => Fuzzer.Run(TextTarget.Target);
}

public sealed class SearchFuzz
{
    [Fact]
    public void Hostile_searches_give_results_or_their_one_problem() => Fuzzer.Run(SearchTarget.Target);
}

public sealed class AnalysisFuzz
{
    [Fact]
    public void Hostile_titles_and_texts_go_through_every_analysis_an_article_gets() => Fuzzer.Run(AnalysisTarget.Target);
}

public sealed class OpmlFuzz
{
    [Fact]
    public void Hostile_opml_gives_named_http_sources_or_its_problems() => Fuzzer.Run(OpmlTarget.Target);
}

public sealed class IngestFuzz
{
    [Fact]
    public void Hostile_article_lists_are_stored_found_present_or_refused_for_what_they_are() => Fuzzer.Run(IngestTarget.Target);
}
