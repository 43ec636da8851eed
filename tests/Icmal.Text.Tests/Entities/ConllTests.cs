using Icmal.Text.Entities;

namespace Icmal.Text.Tests.Entities;

public sealed class ConllTests
{
    private static int[] Tags(params string[] names) => [.. names.Select(n => NerTags.Parse(n)!.Value)];

    [Fact]
    public void Spans_start_at_B_and_run_over_the_I_tags_of_their_kind()
    {
        var spans = Conll.Spans(Tags("B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"));
        Assert.Equal([new NerSpan(0, 2, EntityKind.Person), new NerSpan(3, 4, EntityKind.Location), new NerSpan(4, 6, EntityKind.Location)], spans);
    }

    [Fact]
    public void An_I_tag_that_continues_nothing_starts_an_entity_as_conlleval_reads_it()
    {
        var spans = Conll.Spans(Tags("O", "I-ORG", "I-ORG", "I-PER"));
        Assert.Equal([new NerSpan(1, 3, EntityKind.Organization), new NerSpan(3, 4, EntityKind.Person)], spans);
    }

    [Fact]
    public void Date_tags_read_as_outside()
    {
        var sentences = Conll.Parse(["2019\tB-DATE", "-\tI-DATE", "cu\tI-DATE", "Bakıda\tB-LOC", "", "Anar\tB-PER"]);
        Assert.Equal(2, sentences.Count);
        Assert.Equal([NerTags.O, NerTags.O, NerTags.O, NerTags.Begin(EntityKind.Location)], sentences[0].Tags);
        Assert.Equal([new NerSpan(3, 4, EntityKind.Location)], Conll.Spans(sentences[0].Tags));
    }

    [Fact]
    public void A_line_without_a_tag_is_an_error_naming_the_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => Conll.Parse(["Anar\tB-PER", "Məmmədov"]));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<InvalidDataException>(() => Conll.Parse(["Anar\tX-PER"]));
        Assert.Contains("line 1", bad.Message, StringComparison.Ordinal);
    }
}
