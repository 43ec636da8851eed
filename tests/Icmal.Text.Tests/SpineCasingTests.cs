using Icmal.Text.Casing;

namespace Icmal.Text.Tests;

public sealed class SpineCasingTests
{
    [Theory]
    [InlineData("IĞDIR", "ığdır")]
    [InlineData("İLHAM", "ilham")]
    [InlineData("Əliyev", "əliyev")]
    [InlineData("ŞUŞA", "şuşa")]
    public void Lowercasing_follows_azerbaijani_dotted_and_dotless_i(string upper, string lower) =>
        Assert.Equal(lower, AzCasing.ToLower(upper));

    [Theory]
    [InlineData("ığdır", "IĞDIR")]
    [InlineData("ilham", "İLHAM")]
    [InlineData("çəki", "ÇƏKİ")]
    public void Uppercasing_follows_azerbaijani_dotted_and_dotless_i(string lower, string upper) =>
        Assert.Equal(upper, AzCasing.ToUpper(lower));
}
