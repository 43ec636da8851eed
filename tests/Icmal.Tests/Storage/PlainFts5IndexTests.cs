using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>SQLite FTS5 out of the box, the baseline search is measured against: a real file, queried as a plain integration would.</summary>
public sealed class PlainFts5IndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<PlainFts5Index> IndexAsync(TempFolder folder)
    {
        var index = await PlainFts5Index.CreateAsync(folder.File("plain.db"), Ct);
        await index.AddAsync(
        [
            new PlainDocument(1, "Qazaxıstan", "Prezident Qazaxıstanla əlaqələrdən danışıb", "apa.az", new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)),
            new PlainDocument(2, "Ticarət", "Qazaxıstan ilə ticarət artıb", "report.az", new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero)),
            new PlainDocument(3, "Məktəb", "Kağız jurnallar dayandırılır", "apa.az", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)),
        ], Ct);
        return index;
    }

    [Fact]
    public async Task AND_needs_every_word_as_typed_and_OR_any_of_them()
    {
        using var folder = new TempFolder();
        await using var index = await IndexAsync(folder);

        Assert.Equal([2], await index.SearchAsync("Qazaxıstan ticarət", PlainMatch.All, 10, Ct));
        Assert.Equal([1, 2], (await index.SearchAsync("Qazaxıstanla ticarət", PlainMatch.Any, 10, Ct)).Order());
        // Out of the box there is no stemming: another case ending finds nothing.
        Assert.Empty(await index.SearchAsync("Qazaxıstanın", PlainMatch.Any, 10, Ct));
    }

    [Fact]
    public async Task Phrases_and_the_source_and_since_filters_narrow_the_results()
    {
        using var folder = new TempFolder();
        await using var index = await IndexAsync(folder);

        Assert.Equal([2], await index.SearchAsync("\"ticarət artıb\"", PlainMatch.All, 10, Ct));
        Assert.Empty(await index.SearchAsync("\"artıb ticarət\"", PlainMatch.All, 10, Ct));
        Assert.Equal([3], await index.SearchAsync("jurnallar source:apa.az", PlainMatch.All, 10, Ct));
        Assert.Empty(await index.SearchAsync("jurnallar source:report.az", PlainMatch.All, 10, Ct));
        Assert.Equal([2], (await index.SearchAsync("Qazaxıstan since:2025-01-01", PlainMatch.Any, 10, Ct)).ToList());
    }

    [Theory]
    [InlineData("NEAR(a b)")]
    [InlineData("\"unclosed")]
    [InlineData("title:x OR -y *")]
    [InlineData("'; DROP TABLE docs; --")]
    [InlineData("^ticarət")]
    public async Task Query_syntax_typed_into_a_query_is_searched_as_words_never_run(string query)
    {
        using var folder = new TempFolder();
        await using var index = await IndexAsync(folder);

        await index.SearchAsync(query, PlainMatch.All, 10, Ct);
        await index.SearchAsync(query, PlainMatch.Any, 10, Ct);

        Assert.Equal([2], await index.SearchAsync("ticarət", PlainMatch.All, 10, Ct));
    }

    [Fact]
    public async Task Its_size_counts_the_inverted_index_apart_from_the_file_with_its_copy_of_the_text()
    {
        using var folder = new TempFolder();
        await using var index = await IndexAsync(folder);
        await index.OptimizeAsync(Ct);

        var (indexBytes, fileBytes) = await index.SizeAsync(Ct);

        Assert.InRange(indexBytes, 50, fileBytes - 1);
        Assert.Equal((indexBytes, fileBytes), await PlainFts5Index.SizeOfFileAsync(index.Path, Ct));
    }
}
