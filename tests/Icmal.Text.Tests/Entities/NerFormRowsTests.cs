using Icmal.Text.Entities;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;

namespace Icmal.Text.Tests.Entities;

/// <summary>
/// The decoder takes the rows of a word form's own features (and of its stem as a neighbour) from the form's analysis
/// (<see cref="FormRows"/>) instead of looking their hashes up for every word (issue #17): each such row must be the
/// row the model gives the hash, and a form's rows are those of the model asking, not of one asked before.
/// </summary>
public class NerFormRowsTests
{
    [Fact]
    public void Every_row_a_form_knows_is_the_models_row_of_its_feature_on_banker_articles()
    {
        var model = NamedEntityTagger.Default.Model;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.SharedData("az/banker-az-articles.json")));
        Span<uint> features = stackalloc uint[NerFeatures.MaxPerToken];
        Span<uint> plain = stackalloc uint[NerFeatures.MaxPerToken];
        Span<int> known = stackalloc int[NerFeatures.MaxPerToken];
        long resolved = 0, all = 0;
        foreach (var article in json.RootElement.EnumerateArray().Take(120))
        {
            string normal = AzNormalizer.Normalize(article.GetProperty("text").GetString() ?? "").Text;
            foreach (var sentence in NamedEntityTagger.Sentences(normal))
            {
                var tokens = NerModel.Analyse(sentence.Words, model.Gazetteer, model.Stemmer);
                for (int i = 0; i < tokens.Length; i++)
                {
                    int count = NerFeatures.Extract(tokens, i, features, known, model);
                    Assert.Equal(count, NerFeatures.Extract(tokens, i, plain));
                    for (int f = 0; f < count; f++)
                    {
                        Assert.Equal(plain[f], features[f]);
                        all++;
                        if (known[f] == NerFeatures.Unresolved) continue;
                        resolved++;
                        Assert.Equal(model.RowOf(features[f]), known[f]);
                    }
                }
            }
        }
        // Thirteen of a word's ~30 features are its form's: a third or more come resolved.
        Assert.True(resolved * 3 > all, $"{resolved} of {all} features resolved by their forms");
    }

    /// <summary>
    /// The decoder's scores start from each form's and case's sum of its first features (<see cref="FormRows.SumsFor"/>):
    /// they must be the bits of adding every feature's weights from zero, each hash looked up, as the tagger did.
    /// </summary>
    [Fact]
    public void Emissions_are_the_bits_of_adding_every_features_weights_on_banker_articles()
    {
        var model = NamedEntityTagger.Default.Model;
        const int T = NerTags.Count;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.SharedData("az/banker-az-articles.json")));
        var features = new uint[NerFeatures.MaxPerToken];
        int tokens = 0;
        foreach (var article in json.RootElement.EnumerateArray().Take(150))
        {
            string normal = AzNormalizer.Normalize(article.GetProperty("text").GetString() ?? "").Text;
            foreach (var sentence in NamedEntityTagger.Sentences(normal))
            {
                var analysed = NerModel.Analyse(sentence.Words, model.Gazetteer, model.Stemmer);
                var emissions = new float[analysed.Length * T];
                model.Emissions(analysed, emissions);
                for (int i = 0; i < analysed.Length; i++, tokens++)
                {
                    Assert.Equal(NerFeatures.FormPartLength(analysed[i]), NerFeatures.ExtractFormPart(analysed[i], features, default, null));
                    var expected = new float[T];
                    int count = NerFeatures.Extract(analysed, i, features);
                    for (int f = 0; f < count; f++)
                    {
                        int r = model.RowOf(features[f]);
                        if (r < 0) continue;
                        var w = model.WeightsOf(r);
                        for (int t = 0; t < T; t++) expected[t] += w[t];
                    }
                    for (int t = 0; t < T; t++)
                        Assert.Equal(BitConverter.SingleToInt32Bits(expected[t]), BitConverter.SingleToInt32Bits(emissions[i * T + t]));
                }
            }
        }
        Assert.True(tokens > 10_000, $"{tokens} tokens");
    }

    [Fact]
    public void A_forms_rows_are_those_of_the_model_that_asks()
    {
        var gazetteer = new NerGazetteer(new Dictionary<string, GazetteerFlags>(StringComparer.Ordinal));
        var token = NerModel.Analyse(["Gəncədə"], gazetteer, AzStemmer.Default)[0];
        const int T = NerTags.Count;
        var weighted = new NerModel(gazetteer, new FeatureRows(new Dictionary<uint, int> { [token.Hashes.Lower] = 0 }), new float[T], new float[(T + 1) * T],
            [], AzStemmer.Default);
        var empty = new NerModel(gazetteer, new FeatureRows([]), [], new float[(T + 1) * T], [], AzStemmer.Default);
        Assert.Equal(0, token.RowsFor(weighted).Lower);
        Assert.Equal(-1, token.RowsFor(empty).Lower);
        Assert.Equal(0, token.RowsFor(weighted).Lower);
        Assert.Equal(-1, token.RowsFor(weighted).Stem);
    }
}
