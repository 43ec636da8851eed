using Icmal.Text.Entities;
using Icmal.Text.Stemming;

namespace Icmal.Text.Tests.Entities;

/// <summary>
/// The tagger remembers each word form's analysis (<see cref="TokenMemo"/>): a word seen inside a sentence must still be
/// sentence-initial when it starts one, and the tokens handed out must be copies (their run marks are set per sentence).
/// The words of a sentence are the memo's own strings when it knows them (<see cref="TokenMemo.Word"/>): the same text.
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

    [Fact]
    public void A_sentence_reads_each_word_as_the_text_writes_it_whether_the_memo_knows_it_or_not()
    {
        const string text = "Prezident İlham Əliyev Gəncədə TDT-nin iclasında çıxış edib. Zyxqwert Ölkəsindən gələnlər də oradaydı!";
        NamedEntityTagger.Default.Find(text, "az");   // the shipped model's memo now knows these forms
        foreach (var sentence in NamedEntityTagger.Sentences(text))
        {
            Assert.Equal(sentence.Pieces.Length, sentence.Words.Length);
            for (int i = 0; i < sentence.Words.Length; i++)
                Assert.Equal(text[sentence.Pieces[i].Start..sentence.Pieces[i].End], sentence.Words[i]);
        }
        Assert.Equal("Gəncədə", TokenMemo.Word("Gəncədə idi".AsSpan(0, 7)));
        Assert.Equal("Zyxqwertyz", TokenMemo.Word("Zyxqwertyz".AsSpan()));
    }
}
