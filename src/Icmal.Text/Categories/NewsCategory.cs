namespace Icmal.Text.Categories;

/// <summary>
/// İcmal's one taxonomy of news sections. Every source's own section (az, ru, en) is mapped onto it by
/// <see cref="CategoryTaxonomy"/>, and <see cref="CategoryClassifier"/> picks one for articles whose page gives none.
/// The numeric values are stored nowhere (the slug is), so the order may change.
/// </summary>
public enum NewsCategory
{
    Siyaset,
    Iqtisadiyyat,
    Cemiyyet,
    Dunya,
    Idman,
    Hadise,
    Kriminal,
    Medeniyyet,
    Texnologiya,
    Diger,
}

/// <summary>Names and URL slugs of <see cref="NewsCategory"/>.</summary>
public static class NewsCategories
{
    /// <summary>Every category in display order (Digər last).</summary>
    public static IReadOnlyList<NewsCategory> All { get; } = Enum.GetValues<NewsCategory>();

    /// <summary>The Azerbaijani display name ("Siyasət").</summary>
    public static string Name(this NewsCategory category) => category switch
    {
        NewsCategory.Siyaset => "Siyasət",
        NewsCategory.Iqtisadiyyat => "İqtisadiyyat",
        NewsCategory.Cemiyyet => "Cəmiyyət",
        NewsCategory.Dunya => "Dünya",
        NewsCategory.Idman => "İdman",
        NewsCategory.Hadise => "Hadisə",
        NewsCategory.Kriminal => "Kriminal",
        NewsCategory.Medeniyyet => "Mədəniyyət",
        NewsCategory.Texnologiya => "Texnologiya",
        NewsCategory.Diger => "Digər",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>The ASCII URL slug ("siyaset"), also what the database stores.</summary>
    public static string Slug(this NewsCategory category) => category switch
    {
        NewsCategory.Siyaset => "siyaset",
        NewsCategory.Iqtisadiyyat => "iqtisadiyyat",
        NewsCategory.Cemiyyet => "cemiyyet",
        NewsCategory.Dunya => "dunya",
        NewsCategory.Idman => "idman",
        NewsCategory.Hadise => "hadise",
        NewsCategory.Kriminal => "kriminal",
        NewsCategory.Medeniyyet => "medeniyyet",
        NewsCategory.Texnologiya => "texnologiya",
        NewsCategory.Diger => "diger",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>The category of a slug exactly as <see cref="Slug"/> writes it (ordinal); false for anything else.</summary>
    public static bool TryFromSlug(string? slug, out NewsCategory category)
    {
        foreach (var c in All)
        {
            if (string.Equals(c.Slug(), slug, StringComparison.Ordinal))
            {
                category = c;
                return true;
            }
        }
        category = NewsCategory.Diger;
        return false;
    }
}
