using Icmal.Text.StopWords;

namespace Icmal.Text.Tests;

public class StopWordTests
{
    [Theory]
    [InlineData("və")]
    [InlineData("ilə")]
    [InlineData("üçün")]
    [InlineData("Bu")]
    public void Function_words_are_stop_words(string word) => Assert.True(AzStopWords.IsStopWord(word));

    [Theory]
    [InlineData("Qazaxıstan")]
    [InlineData("iki")]
    [InlineData("milyon")]
    public void Content_and_number_words_are_not_stop_words(string word) => Assert.False(AzStopWords.IsStopWord(word));

    [Theory]
    [InlineData("iki", 2)]
    [InlineData("MİLYARD", 1_000_000_000)]
    [InlineData("yüz", 100)]
    public void Number_words_have_values(string word, long value)
    {
        Assert.True(AzStopWords.IsNumberWord(word));
        Assert.Equal(value, AzStopWords.NumberValue(word));
    }
}
