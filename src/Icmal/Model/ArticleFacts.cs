using Icmal.Text.Entities;

namespace Icmal.Model;

/// <summary>
/// What an article says about whom (issue #18): its entities, quotes and figures as the entity stage found them in
/// the extracted text (never the page's chrome). <see cref="Version"/> is stored with them, so an archive analysed
/// by an older rule set can be found and analysed again.
/// </summary>
public sealed record ArticleFacts(IReadOnlyList<FactEntity> Entities, IReadOnlyList<FactQuote> Quotes, IReadOnlyList<FactFigure> Figures)
{
    /// <summary>
    /// The analysis version; raise it when the tagger, linker or finders change what they find, so that archives
    /// analysed before are analysed again (on open up to <c>ArticleFactsWriter.OpenCatchUpLimit</c> articles, else by
    /// <c>icmal reanalyse</c>). 2: the span rules for known names and documents, the linker's initials and known names
    /// with a case ending (version 1 was never raised through the rules added before them). 3: no name starting with a
    /// hyphen's inflection, the state's bodies and other names of states known, a known name's turned last consonant,
    /// a sentence's common first word no place. 4: known names run together taken apart, a place joined with a hyphen no
    /// person, no name all in lower case, a given name with a patronymic its person. 5: a country's long name the
    /// country, the companies and platforms every country's news names known. 6: a body one name with the place it
    /// serves, two bodies named together two. 7: a name with an organisation's word no person's. 8: a hyphenated place
    /// written apart, and an English place's name of several words, one place. 9: countries joined with a hyphen each
    /// named; places joined by "və" before an organisation apart from it. 10: a subject's surname before a known
    /// person's name two people.
    /// </summary>
    public const int Version = 10;

    public static ArticleFacts None { get; } = new([], [], []);
}

/// <summary>One entity of an article: its archive-wide key, canonical name, kind, how often and in which forms the text names it, and where first.</summary>
public sealed record FactEntity(string Key, string Name, EntityKind Kind, int Mentions, int FirstAt, IReadOnlyList<string> Forms);

/// <summary>One quote of an article, in text order; the speaker by its entity key (one of the article's entities), if known.</summary>
public sealed record FactQuote(int Position, QuoteForm Form, string Text, string? SpeakerKey);

/// <summary>One figure of an article, in text order.</summary>
public sealed record FactFigure(int Position, decimal Amount, string Unit, string? Measure, bool Approximate, string Text);

/// <summary>An entity as the archive holds it.</summary>
public sealed record StoredEntity(long Id, string Key, string Name, EntityKind Kind);

/// <summary>An entity of one stored article, with its mention count and forms.</summary>
public sealed record ArticleEntity(StoredEntity Entity, int Mentions, IReadOnlyList<string> Forms);

/// <summary>A stored quote: the article it is in, its words, and the speaker when known.</summary>
public sealed record StoredQuote(long ArticleId, int Position, QuoteForm Form, string Text, StoredEntity? Speaker);

/// <summary>A stored figure of an article.</summary>
public sealed record StoredFigure(long ArticleId, int Position, decimal Amount, string Unit, string? Measure, bool Approximate, string Text);

/// <summary>An entity with how many stored articles name it.</summary>
public sealed record EntityCount(StoredEntity Entity, long Articles);

/// <summary>How many of an entity's articles fall in one month (UTC, "2025-10").</summary>
public sealed record MonthCount(string Month, long Articles);

/// <summary>The codes entity kinds and quote forms are stored under.</summary>
public static class FactCodes
{
    public static string Code(EntityKind kind) => NerTags.ShortName(kind);

    /// <summary>The kind stored under <paramref name="code"/> ("PER", "ORG", "LOC", any case); null for anything else.</summary>
    public static EntityKind? ParseKind(string? code) => code?.ToUpperInvariant() switch
    {
        "PER" => EntityKind.Person,
        "ORG" => EntityKind.Organization,
        "LOC" => EntityKind.Location,
        _ => null,
    };

    public static string Code(QuoteForm form) => form == QuoteForm.Direct ? "direct" : "reported";

    public static QuoteForm ParseForm(string code) => code == "direct" ? QuoteForm.Direct : QuoteForm.Reported;
}

/// <summary>What the archive holds of one article's facts, as read back for a page or the API.</summary>
public sealed record StoredFacts(IReadOnlyList<ArticleEntity> Entities, IReadOnlyList<StoredQuote> Quotes, IReadOnlyList<StoredFigure> Figures)
{
    public static StoredFacts None { get; } = new([], [], []);
}

/// <summary>An entity in JSON: its id (for <c>/api/entities/{id}</c>), canonical name, kind code, mentions and forms in the article.</summary>
public sealed record EntityJson(long Id, string Name, string Kind, int Mentions, IReadOnlyList<string> Forms, string Link)
{
    public static EntityJson From(ArticleEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Entity.Id, e.Entity.Name, FactCodes.Code(e.Entity.Kind), e.Mentions, e.Forms, EntityLink(e.Entity.Id));
    }

    public static string EntityLink(long id) => "/api/entities/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A quote in JSON: "direct" or "reported", the words, and the speaker's entity id and name when known.</summary>
public sealed record QuoteJson(long ArticleId, string Form, string Text, long? SpeakerId, string? Speaker)
{
    public static QuoteJson From(StoredQuote q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new(q.ArticleId, FactCodes.Code(q.Form), q.Text, q.Speaker?.Id, q.Speaker?.Name);
    }
}

/// <summary>A figure in JSON: the amount as a number, its unit ("USD", "AZN", "%", or the counted noun), what it measures, as written.</summary>
public sealed record FigureJson(decimal Amount, string Unit, string? Measure, bool Approximate, string Text)
{
    public static FigureJson From(StoredFigure f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Amount, f.Unit, f.Measure, f.Approximate, f.Text);
    }
}
