using System.Globalization;
using Icmal.Web.Catalogue;

namespace Icmal.Web.Tests;

/// <summary>
/// A count's word in the form its number takes (CLDR's cardinal rules for the interface languages), chosen inside a
/// catalogue entry written as ICU MessageFormat writes a plural.
/// </summary>
public sealed class PluralMessagesTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru");

    [Theory]
    [InlineData(1, PluralCategory.One)]
    [InlineData(21, PluralCategory.One)]
    [InlineData(101, PluralCategory.One)]
    [InlineData(1001, PluralCategory.One)]
    [InlineData(2, PluralCategory.Few)]
    [InlineData(4, PluralCategory.Few)]
    [InlineData(22, PluralCategory.Few)]
    [InlineData(104, PluralCategory.Few)]
    [InlineData(0, PluralCategory.Many)]
    [InlineData(5, PluralCategory.Many)]
    [InlineData(11, PluralCategory.Many)]
    [InlineData(12, PluralCategory.Many)]
    [InlineData(14, PluralCategory.Many)]
    [InlineData(20, PluralCategory.Many)]
    [InlineData(111, PluralCategory.Many)]
    [InlineData(112, PluralCategory.Many)]
    [InlineData(1000, PluralCategory.Many)]
    public void Russian_counts_take_one_few_or_many_by_their_last_two_digits(int number, PluralCategory expected) =>
        Assert.Equal(expected, PluralMessages.CategoryOf("ru", number));

    [Fact]
    public void English_and_azerbaijani_count_one_for_one_alone_and_a_fraction_is_other_everywhere()
    {
        Assert.Equal(PluralCategory.One, PluralMessages.CategoryOf("en", 1));
        Assert.Equal(PluralCategory.Other, PluralMessages.CategoryOf("en", 0));
        Assert.Equal(PluralCategory.Other, PluralMessages.CategoryOf("en", 21));
        Assert.Equal(PluralCategory.One, PluralMessages.CategoryOf("az", 1));
        Assert.Equal(PluralCategory.Other, PluralMessages.CategoryOf("az", 2));
        Assert.Equal(PluralCategory.Other, PluralMessages.CategoryOf("en", 1.5m));
        Assert.Equal(PluralCategory.Other, PluralMessages.CategoryOf("ru", 1.5m));
        Assert.Equal(PluralCategory.One, PluralMessages.CategoryOf("ru", -21));
    }

    private static string Say(string message, CultureInfo culture, params object[] arguments) =>
        string.Format(culture, PluralMessages.Select(message, arguments, culture), arguments);

    [Fact]
    public void A_count_is_written_with_the_form_its_number_takes_and_grouped_as_the_language_groups_digits()
    {
        const string en = "{0, plural, one {# report} other {# reports}} from {1, plural, one {# source} other {# sources}} · {2}";
        Assert.Equal("1 report from 2 sources · today", Say(en, English, 1, 2, "today"));
        Assert.Equal("1,234 reports from 1 source · today", Say(en, English, 1234L, 1, "today"));
        const string ru = "{0, plural, one {# новость} few {# новости} many {# новостей} other {# новости}}";
        Assert.Equal("21 новость", Say(ru, Russian, 21));
        Assert.Equal("3 новости", Say(ru, Russian, 3));
        Assert.Equal("11 новостей", Say(ru, Russian, 11));
        Assert.Equal("1\u00a0234 новости", Say(ru, Russian, 1234));
        Assert.Equal("2,5 новости", Say(ru, Russian, 2.5));
    }

    [Fact]
    public void An_exact_match_comes_before_the_category_and_a_form_may_leave_the_number_out()
    {
        const string message = "Read {0, plural, =0 {by nobody yet} one {once} other {# times}}";
        Assert.Equal("Read by nobody yet", Say(message, English, 0));
        Assert.Equal("Read once", Say(message, English, 1));
        Assert.Equal("Read 7 times", Say(message, English, 7));
    }

    [Fact]
    public void A_form_keeps_the_placeholders_inside_it_and_their_own_formats()
    {
        const string message = "{0, plural, one {# day: {1:N1} a day} other {# days: {1:N1} a day}}";
        Assert.Equal("3 days: 2.5 a day", Say(message, English, 3, 2.5));
    }

    [Fact]
    public void A_message_without_a_plural_and_escaped_braces_pass_as_they_are()
    {
        Assert.Same("{0:N0} xəbər", PluralMessages.Select("{0:N0} xəbər", [5], English));
        Assert.Equal("{{0, plural, one {x}}}", PluralMessages.Select("{{0, plural, one {x}}}", [1], English));
        Assert.Empty(PluralMessages.Blocks("{{0, plural, one {x}}}"));
    }

    [Fact]
    public void A_count_that_is_no_number_takes_the_other_form()
    {
        Assert.Equal("many reports", Say("{0, plural, one {one report} other {many reports}}", English, "n/a"));
    }

    [Theory]
    [InlineData("{0, plural, one {# report} other {# reports}", "the plural block at 0 is not closed")]
    [InlineData("{0, plural, one # report}", "has a selector without its form in braces")]
    [InlineData("{0, plural, one {# report} other {# reports", "the form of 'other' at 33 is not closed")]
    [InlineData("{1, plural, one {# report} other {# reports}}", "counts argument 1, but 1 are given")]
    public void A_broken_plural_is_refused_with_what_is_wrong(string message, string problem)
    {
        var e = Assert.Throws<FormatException>(() => PluralMessages.Select(message, [1], English));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plural_without_the_form_for_its_number_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => PluralMessages.Select("{0, plural, one {# report}}", [2], English));
        Assert.Contains("no form for 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_blocks_of_a_message_name_their_argument_and_selectors()
    {
        var blocks = PluralMessages.Blocks("{0}: {1, plural, =0 {none} one {# report} other {# reports}} and {2, plural, other {#}}");
        Assert.Equal(2, blocks.Count);
        Assert.Equal(1, blocks[0].Argument);
        Assert.Equal(["=0", "one", "other"], blocks[0].Selectors);
        Assert.Equal(2, blocks[1].Argument);
        Assert.Equal(["other"], blocks[1].Selectors);
    }
}
