using Icmal.Text.Entities;
using Icmal.Text.Stemming;

namespace Icmal.Text.Tests.Entities;

/// <summary>
/// The tagger remembers each word form's analysis (<see cref="TokenMemo"/>): a word seen inside a sentence must still be
/// sentence-initial when it starts one, and the tokens handed out must be copies (their run marks are set per sentence).
/// </summary>
public class NerTokenMemoTests
{
    private static readonly NerGazetteer Gazetteer = new(new Dictionary<string, GazetteerFlags>(StringComparer.Ordinal)
    {
        ["gəncə"] = GazetteerFlags.Place,
    });

    [Fact]
    public void A_remembered_word_takes_the_case_of_its_place_in_the_sentence()
    {
        var inner = NerModel.Analyse(["Onlar", "Gəncədə", "idi"], Gazetteer, AzStemmer.Default);
        var initial = NerModel.Analyse(["Gəncədə", "idi"], Gazetteer, AzStemmer.Default);
        var innerAgain = NerModel.Analyse(["Onlar", "Gəncədə", "idi"], Gazetteer, AzStemmer.Default);
        Assert.Equal(CaseClass.CapitalInner, inner[1].Case);
        Assert.Equal(CaseClass.CapitalInitial, initial[0].Case);
        Assert.Equal(CaseClass.CapitalInner, innerAgain[1].Case);
        Assert.Equal(CaseClass.CapitalInitial, innerAgain[0].Case);
        Assert.Equal((inner[1].Lower, inner[1].Stem, inner[1].Ending, inner[1].Shape, inner[1].Gazetteer, inner[1].Genitive, inner[1].ClosingCase),
            (initial[0].Lower, initial[0].Stem, initial[0].Ending, initial[0].Shape, initial[0].Gazetteer, initial[0].Genitive, initial[0].ClosingCase));
        Assert.Equal(GazetteerFlags.Place, initial[0].Gazetteer & GazetteerFlags.Place);
    }

    [Fact]
    public void Each_sentence_gets_its_own_tokens()
    {
        var first = NerModel.Analyse(["Gəncədə", "idi"], Gazetteer, AzStemmer.Default);
        first[0].RunStart = 7;
        first[0].OpensQuote = true;
        var second = NerModel.Analyse(["Gəncədə", "idi"], Gazetteer, AzStemmer.Default);
        Assert.Equal(0, second[0].RunStart);
        Assert.False(second[0].OpensQuote);
    }
}
