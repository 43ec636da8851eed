using Icmal.Text.Transliteration;

namespace Icmal.Text.Tests;

public class TransliterationTests
{
    [Theory]
    [InlineData("Токаев", "Tokayev")]
    [InlineData("Тоқаев", "Tokayev")]
    [InlineData("Қасым-Жомарт Тоқаев", "Kasım-Jomart Tokayev")]
    [InlineData("Назарбаев", "Nazarbayev")]
    [InlineData("Путин", "Putin")]
    [InlineData("Ельцин", "Yeltsin")]
    [InlineData("Горбачёв", "Qorbaçov")]
    [InlineData("Мирзиёев", "Mirziyoyev")]
    [InlineData("Әлијев", "Əliyev")]
    [InlineData("Илһам Әлијев", "İlham Əliyev")]
    [InlineData("Азәрбајҹан", "Azərbaycan")]
    [InlineData("Ҝәнҹә", "Gəncə")]
    [InlineData("Губа", "Quba")]
    [InlineData("Астана", "Astana")]
    public void Cyrillic_name_is_written_as_Azerbaijani_news_writes_it(string cyrillic, string latin) =>
        Assert.Equal(latin, CyrillicTransliterator.ToAzerbaijaniLatin(cyrillic));

    [Fact]
    public void Latin_text_is_returned_as_is()
    {
        string s = "Tokayev";
        Assert.Same(s, CyrillicTransliterator.ToAzerbaijaniLatin(s));
    }
}
