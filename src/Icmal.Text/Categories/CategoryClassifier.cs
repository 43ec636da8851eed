namespace Icmal.Text.Categories;

/// <summary>Where an article's category came from.</summary>
public enum CategoryOrigin
{
    /// <summary>The source's own section (breadcrumb, article:section, URL path, feed category), mapped.</summary>
    Source,

    /// <summary>The headline classifier, for pages that name no section it knows.</summary>
    Classifier,
}

/// <summary>An article's category, where it came from, and how sure (1 for the source's own section).</summary>
public sealed record CategoryAssignment(NewsCategory Category, CategoryOrigin Origin, double Confidence);

/// <summary>
/// Chooses an article's category: the source's own section whenever the page gives one that
/// <see cref="CategoryTaxonomy"/> knows, else the classifier over the title and the start of the text.
/// <see cref="Default"/> loads the embedded Resources/categories.bin once, lazily. Thread-safe.
/// </summary>
public sealed class CategoryClassifier
{
    internal const string ResourceName = "Icmal.Text.Resources.categories.bin";
    private static readonly Lazy<CategoryClassifier> Shipped = new(LoadShipped);

    public CategoryClassifier(CategoryModel model) => Model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The classifier over the shipped model.</summary>
    public static CategoryClassifier Default => Shipped.Value;

    /// <summary>The model it predicts with.</summary>
    public CategoryModel Model { get; }

    /// <summary>The classifier's guess for a title and optional text (only the first words of the text count).</summary>
    public CategoryGuess Classify(string title, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        var (hashes, values) = CategoryFeatures.Extract(title, text);
        return hashes.Length == 0 ? new CategoryGuess(NewsCategory.Diger, 0) : Model.Predict(hashes, values);
    }

    /// <summary>
    /// The category of an article: the first of <paramref name="sections"/> (most trusted first) that maps, else the
    /// classifier's guess.
    /// </summary>
    public CategoryAssignment Categorise(IEnumerable<string?> sections, string title, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        foreach (string? section in sections)
            if (CategoryTaxonomy.Map(section) is { } mapped) return new CategoryAssignment(mapped, CategoryOrigin.Source, 1);
        var guess = Classify(title ?? "", text);
        return new CategoryAssignment(guess.Category, CategoryOrigin.Classifier, guess.Confidence);
    }

    private static CategoryClassifier LoadShipped()
    {
        using Stream stream = typeof(CategoryClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing; run `icmal text train-categories`");
        return new CategoryClassifier(CategoryModel.Load(stream));
    }
}
