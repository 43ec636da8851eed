namespace Icmal.Web.Catalogue;

/// <summary>
/// The portal's interface strings: <c>Strings.resx</c> beside this file holds every word the portal shows, in
/// Azerbaijani; <c>Strings.ru.resx</c>, <c>Strings.en.resx</c> would hold the same keys translated. Components read
/// it as <c>IStringLocalizer&lt;Strings&gt;</c>, which picks the request's interface culture.
/// </summary>
public sealed class Strings
{
    private Strings()
    {
    }
}
