using System.Text;
using CsCheck;
using Icmal.Analysis;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;
using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>
/// What every stored article goes through after extraction, on whatever a page's title and text can be: its language,
/// terms and search keys, entities, quotes and figures, section and copy sketch. Short texts too, where a rule looking
/// around a word meets the text's start or end. Nothing throws (an exception here rejects the article), and every
/// quote and figure found lies inside the text and says what stands there.
/// </summary>
public static class AnalysisTarget
{
    /// <summary>One article: its title, its text (blocks apart by a blank line), its site's section and declared language.</summary>
    public sealed record Input(string Title, string Text, string? Section, string? Language);

    /// <summary>What news text is made of, and what trips rules that look at the words around a word.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Hostile.Words),
        (4, Gen.OneOf(Gen.Const("və s."), Gen.Const("s."), Gen.Const("a s."), Gen.Const("b.e."), Gen.Const("prof."), Gen.Const("il."), Gen.Const("İ."),
            Gen.Const("İ.Əliyev"), Gen.Const("Prezident İlham Əliyev"), Gen.Const("dedi:"), Gen.Const("bildirib."), Gen.Const("\""), Gen.Const("«"),
            Gen.Const("»"), Gen.Const("“"), Gen.Const("”"), Gen.Const("—"), Gen.Const("-"), Gen.Const(":"), Gen.Const("."), Gen.Const(","),
            Gen.Const("15 milyon manat"), Gen.Const("3,5 faiz"), Gen.Const("$1.2 mlrd"), Gen.Const("2025-ci il"), Gen.Const("50%-dək"),
            Gen.Const("təxminən 200"), Gen.Const("ABŞ-ın"), Gen.Const("AZƏRTAC-ın"), Gen.Const("oxu.az/siyaset/1"), Gen.Const("https://apa.az"),
            Gen.Const("Токаев заявил:"), Gen.Const("The minister said"), Gen.Const("\n"), Gen.Const("\n\n"))),
        (2, Hostile.Text(12)), (1, Hostile.Date), (1, Hostile.Entity));

    private static readonly Gen<string> Body = Gen.Frequency(
        (6, Piece.Array[0, 12].Select(p => string.Join(' ', p))),
        (3, Piece.Array[0, 80].Select(p => string.Join(' ', p))),
        (2, Gen.Select(Piece, Piece).Array[0, 30].Select(p => string.Concat(p.Select(x => x.Item1 + x.Item2)))),
        (1, Hostile.Text(300)),
        (1, Hostile.Huge(Gen.OneOf(Gen.Const("s. "), Gen.Const("\""), Gen.Const("İ."), Gen.Const("5 "), Gen.Const("Əliyev "), Gen.Const("-")))));

    private static readonly Gen<string?> Label = Gen.Frequency(
        (4, Gen.Const((string?)null)),
        (2, Gen.OneOf(Gen.Const("az"), Gen.Const("ru"), Gen.Const("en"), Gen.Const("idman"), Gen.Const("Siyasət"), Gen.Const("İQTİSADİYYAT")).Select(s => (string?)s)),
        (1, Hostile.Text(15).Select(s => (string?)s)));

    private static readonly Gen<Input> Inputs = Gen.Select(Piece.Array[0, 8].Select(p => string.Join(' ', p)), Body, Label, Label,
        (title, text, section, language) => new Input(title, text, section, language));

    public static readonly FuzzTarget<Input> Target = new("analysis", Inputs, Check, Encode, Decode, DefaultIterations: 400);

    /// <summary>
    /// The models and word tables load on the first text that needs them (the tagger's, the classifier's, the
    /// language model's: about half a second cold); an article's analysis is timed warm, as a running import's is.
    /// </summary>
    static AnalysisTarget() =>
        Check(new Input("Prezident İlham Əliyev Bakıda", "Prezident İlham Əliyev bildirib: «Ticarət dövriyyəsi 15 milyon manat, yəni 3,5 faiz artıb» və s.\n\n"
            + "Токаев заявил, что товарооборот вырос на 5%. The minister said 20 people came.", "iqtisadiyyat", "az"));

    private static void Check(Input input)
    {
        string language = ArticleAnalyzer.IdentifyLanguage(input.Title, input.Text, input.Language) ?? "";
        var article = new Article
        {
            Id = 1,
            DocumentId = 1,
            Origin = "fuzz#1",
            Url = "https://example.az/xeber/1",
            Title = input.Title,
            Section = input.Section,
            Archived = DateTimeOffset.UnixEpoch,
            Language = language.Length == 0 ? null : language,
            Blocks = [.. input.Text.Split("\n\n").Select(b => new ArticleBlock(BlockKind.Paragraph, b))],
        };
        string text = article.Text;
        var analysed = ArticleAnalyzer.Analyse(article);
        _ = ArticleAnalyzer.Terms(article.Title, text, article.Language);
        var facts = FactAnalyzer.Analyse(analysed);
        foreach (var quote in facts.Quotes)
        {
            if (quote.Position < 0 || quote.Position > text.Length) throw new InvalidOperationException($"a quote at {quote.Position}, outside the text of {text.Length}");
        }
        foreach (var figure in facts.Figures)
        {
            if (figure.Position < 0 || figure.Position + figure.Text.Length > text.Length
                || !text.AsSpan(figure.Position, figure.Text.Length).SequenceEqual(figure.Text))
                throw new InvalidOperationException($"the figure \"{figure.Text}\" at {figure.Position} is not what the text has there");
        }
        foreach (var entity in facts.Entities)
        {
            if (entity.Mentions < 1 || entity.FirstAt < 0 || entity.FirstAt > text.Length || entity.Forms.Count == 0)
                throw new InvalidOperationException($"the entity {entity.Key} has {entity.Mentions} mentions, the first at {entity.FirstAt}");
        }
        _ = CategoryStore.Categorise(CategoryClassifier.Default, article);
        _ = ArticleText.Of(text);
    }

    // Corpus files: the section, the declared language and the title on the first line (base64 of UTF-16, for any
    // string), then the text, readable where it can be.
    private static byte[] Encode(Input i)
    {
        static string Label(string? s) => s is null ? "~" : Convert.ToBase64String(Encoding.Unicode.GetBytes(s));
        return CorpusCodec.WithHeader(Label(i.Section) + " " + Label(i.Language) + " " + Convert.ToBase64String(Encoding.Unicode.GetBytes(i.Title)),
            CorpusCodec.FromString(i.Text));
    }

    private static Input Decode(byte[] file)
    {
        static string? Label(string s) => s == "~" ? null : Encoding.Unicode.GetString(Convert.FromBase64String(s));
        var (header, body) = CorpusCodec.SplitHeader(file);
        string[] f = (header ?? throw new InvalidDataException("an analysis corpus file starts with its header line")).Split(' ');
        return new Input(Label(f[2]) ?? "", CorpusCodec.ToString(body), Label(f[0]), Label(f[1]));
    }
}
