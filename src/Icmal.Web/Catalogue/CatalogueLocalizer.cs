using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Icmal.Web.Catalogue;

/// <summary>
/// The catalogue as components read it, by key alone or with the arguments to fill in: the resource files' entries in the
/// request's interface language, with a count's word in the form the number takes (<see cref="PluralMessages"/>).
/// Registered in place of the framework's localizer, whose formatting knows no plurals.
/// </summary>
public sealed class CatalogueLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<Strings>
{
    private readonly IStringLocalizer _entries = factory.Create(typeof(Strings));

    /// <inheritdoc />
    public LocalizedString this[string name] => _entries[name];

    /// <inheritdoc />
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(arguments);
            var entry = _entries[name];
            string format = PluralMessages.Select(entry.Value, arguments, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format, arguments), entry.ResourceNotFound, entry.SearchedLocation);
        }
    }

    /// <inheritdoc />
    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _entries.GetAllStrings(includeParentCultures);
}
