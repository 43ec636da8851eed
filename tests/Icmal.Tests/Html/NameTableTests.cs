using Icmal.Html;

namespace Icmal.Tests.Html;

public sealed class NameTableTests
{
    private static readonly string[] Names =
        ["a", "b", "p", "div", "span", "table", "annotation-xml", "foreignobject", "data-datetime", "xml:lang", "h1", "h2", "h3"];

    [Fact]
    public void Every_name_is_found_as_the_tables_own_string()
    {
        var table = new NameTable(Names);
        foreach (string name in Names)
        {
            string copy = new(name.AsSpan());
            Assert.Same(name, table.Find(copy.AsSpan()));
            Assert.True(table.Contains(copy.AsSpan()));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("di")]
    [InlineData("divv")]
    [InlineData("h4")]
    [InlineData("annotation-xmL")]
    [InlineData("ı")]
    public void A_name_not_in_the_table_is_not_found(string name)
    {
        var table = new NameTable(Names);
        Assert.Null(table.Find(name.AsSpan()));
        Assert.False(table.Contains(name.AsSpan()));
    }

    [Fact]
    public void A_full_table_of_colliding_names_finds_each_and_stops_on_absent_ones()
    {
        // Many names, so that probes run through clusters; the table must still end every miss at an empty slot.
        var names = Enumerable.Range(0, 2000).Select(i => "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var table = new NameTable(names.Concat(names));
        Assert.All(names, n => Assert.Equal(n, table.Find(n.AsSpan())));
        Assert.Null(table.Find("n2000".AsSpan()));
        Assert.Null(new NameTable([]).Find("a".AsSpan()));
    }

    [Fact]
    public void Tag_names_of_every_case_share_the_tables_string_and_unknown_ones_are_lower_cased()
    {
        Assert.Equal("<DIV class=x><Span>y</Span></DIV>", NestingLimit.Apply("<DIV class=x><Span>y</Span></DIV>", out int dropped));
        Assert.Equal(0, dropped);
        Assert.Same("div", Tags.NameOf("div".AsSpan()));
        Assert.Null(Tags.NameOf("custom-element".AsSpan()));
        Assert.Equal(TagRole.Void, Tags.Of("img") & TagRole.Void);
        Assert.Equal(TagRole.None, Tags.Of("custom-element"));
    }
}
