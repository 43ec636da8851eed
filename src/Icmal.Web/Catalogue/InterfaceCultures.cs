using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

[assembly: NeutralResourcesLanguage(Icmal.Web.Catalogue.InterfaceCultures.Default)]

namespace Icmal.Web.Catalogue;

/// <summary>Records, in the assembly, that the catalogue has a translation file (written by the build, one per file).</summary>
/// <param name="fileName">The translation's file name without extension, e.g. "Strings.ru".</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class CatalogueTranslationAttribute(string fileName) : Attribute
{
    public string FileName { get; } = fileName;

    /// <summary>The culture the file is for: the part between "Strings." and the extension.</summary>
    public string Culture => FileName[(FileName.IndexOf('.', StringComparison.Ordinal) + 1)..];
}

/// <summary>
/// Which interface language a request is answered in. The request may ask by <c>?culture=</c> (or
/// <c>?ui-culture=</c>), a <c>.AspNetCore.Culture</c> cookie or its Accept-Language header, in that order; a language
/// the catalogue has no file for falls back to its parent (az-Latn-AZ → az) and then to Azerbaijani.
/// </summary>
public static class InterfaceCultures
{
    public const string Default = "az";

    /// <summary>Azerbaijani and every language the catalogue has a translation file for.</summary>
    public static IReadOnlyList<string> Translated { get; } =
        [Default, .. typeof(Strings).Assembly.GetCustomAttributes<CatalogueTranslationAttribute>().Select(a => a.Culture)
            .Where(c => !string.Equals(c, Default, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];

    /// <summary>The request-localisation settings offering <paramref name="cultures"/> (the first one is the default).</summary>
    public static RequestLocalizationOptions RequestOptions(IReadOnlyList<string> cultures)
    {
        ArgumentNullException.ThrowIfNull(cultures);
        if (cultures.Count == 0) throw new ArgumentException("at least one interface culture is needed", nameof(cultures));
        var known = cultures.Select(Culture).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(known[0]),
            SupportedCultures = known,
            SupportedUICultures = known,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
            ApplyCurrentCultureToResponseHeaders = true,
        };
        return options;
    }

    private static CultureInfo Culture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw new ArgumentException($"interface culture '{name}' is not a language tag this system knows (e.g. az, ru, en)", nameof(name));
        }
    }
}
