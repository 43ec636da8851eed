using Icmal.Search;

namespace Icmal.Tests.Search;

/// <summary>The targets on the five seeds: every spelling finds its articles, the chrome finds nothing, on each engine.</summary>
public abstract class SeedSearchTests(SeedSearchFixture seeds)
{
    [Theory]
    [InlineData("Qazaxıstanla", "000 001 002 003 004")]
    [InlineData("qazaxistan", "000 001 002 003 004")]
    [InlineData("QAZAXISTANIN", "000 001 002 003 004")]
    [InlineData("Tokayevin", "000 001 002 003 004")]
    [InlineData("Токаев", "000 001 002 003 004")]
    [InlineData("eliyev", "000 001 002 003 004")]
    [InlineData("\"Orta Dəhliz\"", "000 003")]
    [InlineData("\"orta dehlizi\"", "000 003")]
    [InlineData("title:Astana", "004")]
    [InlineData("TDT-nin", "000 003")]
    [InlineData("tdt", "000 003")]
    [InlineData("Fuzuli", "002")]
    public async Task A_word_in_any_spelling_finds_the_articles_that_use_it(string query, string expected) =>
        Assert.Equal(expected.Split(' '), await seeds.FoundAsync(query));

    [Fact]
    public async Task A_word_only_in_a_pages_sidebar_finds_nothing() => Assert.Empty(await seeds.FoundAsync("Ronaldunun"));

    [Fact]
    public async Task An_excluded_word_removes_the_articles_that_have_it()
    {
        var all = await seeds.ResultsAsync("Qazaxıstan");
        var fewer = await seeds.ResultsAsync("Qazaxıstan -Tokayev");
        Assert.True(fewer.Total < all.Total, $"{fewer.Total} not fewer than {all.Total}");
        var withoutFuzuli = await seeds.FoundAsync("Qazaxıstan -Füzuli");
        Assert.Equal(["000", "001", "003", "004"], withoutFuzuli);
    }

    [Fact]
    public async Task When_no_article_has_every_word_those_with_some_are_given_and_marked()
    {
        var strict = await seeds.ResultsAsync("Füzuli Qazaxıstan");
        var relaxed = await seeds.ResultsAsync("Füzuli xyzzyqwe");
        Assert.False(strict.Relaxed);
        Assert.True(relaxed.Relaxed);
        Assert.Equal(["002"], await seeds.FoundAsync("Füzuli xyzzyqwe"));
        Assert.Empty(await seeds.FoundAsync("xyzzyqwe qwertyzz"));
    }

    [Fact]
    public async Task OR_finds_articles_with_either_word() => Assert.Equal(["000", "002", "003"], await seeds.FoundAsync("Füzuli OR TDT"));

    [Fact]
    public async Task A_title_match_ranks_above_a_text_match()
    {
        var results = await seeds.ResultsAsync("Astana");
        Assert.Equal(seeds.IdOf["004"], results.Items[0].Id);
    }

    [Fact]
    public async Task A_snippet_marks_the_word_in_the_form_the_text_uses()
    {
        var hit = (await seeds.ResultsAsync("qazaxistan")).Items.Single(h => h.Id == seeds.IdOf["002"]);
        var marked = hit.Snippet.Parts.Where(p => p.Matched).Select(p => p.Text).ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, m => Assert.StartsWith("Qazaxıstan", m, StringComparison.Ordinal));
        Assert.Contains(hit.Snippet.Parts, p => !p.Matched);
        Assert.InRange(hit.Snippet.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 5, Snippets.Words + 4);
    }

    [Fact]
    public async Task Source_language_and_date_filters_narrow_the_results()
    {
        Assert.Empty(await seeds.FoundAsync("Qazaxıstan lang:ru"));
        Assert.Equal(5, (await seeds.FoundAsync("Qazaxıstan lang:az")).Length);
        Assert.Empty(await seeds.FoundAsync("Qazaxıstan source:nowhere.example"));
        Assert.Empty(await seeds.FoundAsync("Qazaxıstan until:2000-01-01"));
        Assert.Equal(5, (await seeds.FoundAsync("Qazaxıstan since:2000-01-01")).Length);
    }

    [Fact]
    public async Task Results_page_by_limit_and_offset_with_the_total_of_all()
    {
        var first = await seeds.Searcher.SearchAsync(new SearchRequest("Qazaxıstan", 2, 0), TestContext.Current.CancellationToken);
        var third = await seeds.Searcher.SearchAsync(new SearchRequest("Qazaxıstan", 2, 4), TestContext.Current.CancellationToken);
        var past = await seeds.Searcher.SearchAsync(new SearchRequest("Qazaxıstan", 2, 50), TestContext.Current.CancellationToken);
        Assert.Equal(2, first.Results!.Items.Count);
        Assert.Single(third.Results!.Items);
        Assert.Empty(past.Results!.Items);
        Assert.All(new[] { first, third, past }, a => Assert.Equal(5, a.Results!.Total));
    }
}

/// <summary>The seed search tests on SQLite's FTS5.</summary>
public sealed class SqliteSeedSearchTests(SeedSearchFixture seeds) : SeedSearchTests(seeds), IClassFixture<SeedSearchFixture>;

/// <summary>The seed search tests on PostgreSQL's tsvector index.</summary>
public sealed class PostgreSqlSeedSearchTests(PostgreSqlSeedSearchFixture seeds) : SeedSearchTests(seeds), IClassFixture<PostgreSqlSeedSearchFixture>;
