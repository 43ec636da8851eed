using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Icmal.Web.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Icmal.Web.Tests;

/// <summary>
/// The interface catalogue holds every key the portal uses, each translation holds the same keys with the same
/// placeholders, and the built portal reads the words from it.
/// </summary>
public sealed partial class CatalogueTests
{
    /// <summary>A catalogue read: components and InterfaceFormat both read it as T["key"] or T["key", args].</summary>
    [GeneratedRegex("\\bT\\[\"([^\"]+)\"")]
    private static partial Regex KeyUse();

    /// <summary>An argument's placeholder or plural block: "{0}", "{0:N0}", "{0, plural, …" (an escaped "{{" is none).</summary>
    [GeneratedRegex("(?<!\\{)\\{([0-9]+)\\s*[,:}]")]
    private static partial Regex Placeholder();

    private static SortedSet<string> KeysUsed() =>
        new(SourceTree.Files(".cs", ".razor").SelectMany(f => KeyUse().Matches(f.Text).Select(m => m.Groups[1].Value)), StringComparer.Ordinal);

    private static Dictionary<string, string> Entries(string file) =>
        XDocument.Load(Path.Combine(SourceTree.CatalogueFolder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static IEnumerable<string> Translations() =>
        Directory.EnumerateFiles(SourceTree.CatalogueFolder, "Strings.*.resx").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Fact]
    public void Every_key_the_portal_uses_is_in_the_catalogue_and_every_entry_is_used()
    {
        var used = KeysUsed();
        Assert.True(used.Count >= 80, $"only {used.Count} catalogue keys found in the portal's sources: the search for T[\"...\"] is broken");
        var neutral = Entries("Strings.resx");
        var missing = used.Where(k => !neutral.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "keys used but missing from Catalogue/Strings.resx: " + string.Join(", ", missing));
        var unused = neutral.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0, "entries of Catalogue/Strings.resx no page uses: " + string.Join(", ", unused));
        Assert.DoesNotContain(neutral, e => string.IsNullOrWhiteSpace(e.Value));
    }

    [Fact]
    public void Every_translation_has_every_key_with_the_same_placeholders()
    {
        var neutral = Entries("Strings.resx");
        foreach (string file in Translations())
        {
            var translated = Entries(file);
            Assert.Equal(neutral.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, value) in neutral)
                Assert.True(Placeholders(value).SetEquals(Placeholders(translated[key])), $"{file}: {key} counts or shows arguments other than {value}");
        }
    }

    /// <summary>The portal speaks three languages: a key missing from the Russian or English file fails here.</summary>
    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public void Russian_and_english_translate_every_key(string culture)
    {
        string file = $"Strings.{culture}.resx";
        Assert.True(File.Exists(Path.Combine(SourceTree.CatalogueFolder, file)), $"Catalogue/{file} is missing");
        var neutral = Entries("Strings.resx");
        var translated = Entries(file);
        var missing = neutral.Keys.Where(k => !translated.TryGetValue(k, out string? v) || string.IsNullOrWhiteSpace(v)).ToList();
        Assert.True(missing.Count == 0, $"{file} lacks a translation of: " + string.Join(", ", missing));
        Assert.Contains(culture, InterfaceCultures.Translated);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var text = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<Strings>>();
        Assert.All(translated, e => Assert.Equal(e.Value, text[e.Key].Value));
    }

    [Fact]
    public void The_built_portal_reads_every_key_from_the_catalogue()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(InterfaceCultures.Default);
        var text = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<Strings>>();
        foreach (var (key, value) in Entries("Strings.resx"))
        {
            var found = text[key];
            Assert.False(found.ResourceNotFound, $"{key} is not in the built catalogue");
            Assert.Equal(value, found.Value);
        }
        Assert.True(text["No.Such.Key"].ResourceNotFound);
    }

    [Fact]
    public void The_portal_offers_azerbaijani_and_each_language_the_catalogue_has_a_file_for()
    {
        var files = Translations().Select(f => f["Strings.".Length..^".resx".Length]);
        Assert.Equal([InterfaceCultures.Default, .. files], InterfaceCultures.Translated);
        Assert.Equal(InterfaceCultures.Default, new PortalOptions().InterfaceCultures[0]);
    }

    /// <summary>The arguments an entry shows or counts (a plural block may show its count or not: "Read once").</summary>
    private static HashSet<int> Placeholders(string value) =>
        Placeholder().Matches(value).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>
    /// A counted word gives every form its language has: an English entry with only "other" says "1 reports", a
    /// Russian one without "few" says "3 новостей". Each entry with a plural formats, in its language, every kind of
    /// number through the portal's localizer.
    /// </summary>
    [Theory]
    [InlineData("Strings.resx", "az")]
    [InlineData("Strings.en.resx", "en")]
    [InlineData("Strings.ru.resx", "ru")]
    public void Every_counted_word_gives_each_form_its_language_has_and_formats_every_number(string file, string culture)
    {
        var entries = Entries(file);
        var needed = PluralMessages.Categories[culture].Select(PluralMessages.Name).ToList();
        var counted = entries.Where(e => PluralMessages.Blocks(e.Value).Count > 0).ToList();
        if (culture != InterfaceCultures.Default)
            Assert.True(counted.Count >= 15, $"{file}: only {counted.Count} entries count something in plural forms");
        foreach (var (key, value) in counted)
            foreach (var (argument, selectors) in PluralMessages.Blocks(value))
            {
                var missing = needed.Where(n => !selectors.Contains(n)).ToList();
                Assert.True(missing.Count == 0, $"{file}: {key}'s count of argument {argument} lacks the forms {string.Join(", ", missing)}");
                Assert.All(selectors, s => Assert.True(needed.Contains(s) || s.StartsWith('='), $"{file}: {key} has the form '{s}', which {culture} does not use"));
            }

        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var services = new ServiceCollection().AddLogging().AddLocalization();
        var text = new CatalogueLocalizer(services.BuildServiceProvider().GetRequiredService<IStringLocalizerFactory>());
        foreach (var (key, value) in counted)
        {
            int arguments = Placeholders(value).Max() + 1;
            foreach (object number in new object[] { 0, 1, 2, 5, 11, 21, 22, 1234L, 2.5 })
            {
                var formatted = text[key, Enumerable.Repeat(number, arguments).ToArray()];
                Assert.False(formatted.ResourceNotFound, key);
                Assert.DoesNotContain("plural", formatted.Value, StringComparison.Ordinal);
                Assert.DoesNotContain("#", formatted.Value, StringComparison.Ordinal);
            }
        }
    }
}
