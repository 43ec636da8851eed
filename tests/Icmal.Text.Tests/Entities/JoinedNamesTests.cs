using Icmal.Text.Entities;

namespace Icmal.Text.Tests.Entities;

/// <summary>
/// Names the weights ran together, taken apart where they are known names side by side; a place joined with a hyphen
/// is no person; a name is capitalised; a given name with a patronymic is the person of that given name.
/// </summary>
public sealed class JoinedNamesTests
{
    private static string[] Found(string sentence) =>
        [.. NamedEntityTagger.Default.Find(sentence, "az").Select(m => $"{NerTags.ShortName(m.Kind)}:{m.Text}")];

    [Theory]
    // banker.az and the seeds wrote these, and the weights read each pair as one name.
    [InlineData("Rusiya Ermənistan ilə sərhəddə yeni məntəqə açıb.", "LOC:Rusiya", "LOC:Ermənistan")]
    [InlineData("Türkiyə İsrail ilə ticarəti dayandırıb.", "LOC:Türkiyə", "LOC:İsrail")]
    [InlineData("Bu, Türkiyənin və Avropanın Mərkəzi Asiya ilə əlaqələrini gücləndirir.", "LOC:Türkiyənin", "LOC:Avropanın", "LOC:Mərkəzi Asiya")]
    [InlineData("Nazirlər Kabineti Ədliyyə Nazirliyinin təklifini təsdiqləyib.", "ORG:Nazirlər Kabineti", "ORG:Ədliyyə Nazirliyinin")]
    // The seeds: a place joined by "və" to another before an organisation does not name the organisation's state.
    [InlineData("Bu, Azərbaycan və Qazaxıstanın Türk Dövlətləri Təşkilatı çərçivəsində əməkdaşlığını gücləndirir.",
        "LOC:Azərbaycan", "LOC:Qazaxıstanın", "ORG:Türk Dövlətləri Təşkilatı")]
    public void Known_names_side_by_side_are_taken_apart_each_of_its_own_kind(string sentence, params string[] expected) =>
        Assert.Equal(expected, Found(sentence));

    [Theory]
    [InlineData("Azərbaycan Mədəniyyət Nazirliyinin qərarı ilə muzey açılıb.", "ORG:Azərbaycan Mədəniyyət Nazirliyinin")]
    [InlineData("Heydər Əliyev Fondunun təşəbbüsü ilə məktəb tikilib.", "ORG:Heydər Əliyev Fondunun")]
    public void A_place_before_a_states_body_and_a_person_an_organisation_is_named_after_stay_in_the_name(string sentence, string expected) =>
        Assert.Equal([expected], Found(sentence));

    [Theory]
    // banker.az: at a sentence's start the city was read apart from its education office (3 articles).
    [InlineData("Bakı Şəhəri üzrə Təhsil İdarəsinin tabeliyində olan məktəblər.", "ORG:Bakı Şəhəri üzrə Təhsil İdarəsinin")]
    // banker.az: two offices named together were one organisation.
    [InlineData("Bununla yanaşı, bu il Bakı Şəhəri üzrə Təhsil İdarəsi və Abşeron-Xızı Regional Təhsil İdarələri tərəfindən layihə həyata keçirilib.",
        "ORG:Bakı Şəhəri üzrə Təhsil İdarəsi", "ORG:Abşeron-Xızı Regional Təhsil İdarələri")]
    // One ministry of two fields stays one.
    [InlineData("Elm və Təhsil Nazirliyinin əməkdaşları görüş keçirib.", "ORG:Elm və Təhsil Nazirliyinin")]
    public void A_body_is_one_name_with_the_place_it_serves_and_two_bodies_named_together_are_two(string sentence, params string[] expected) =>
        Assert.Equal(expected, Found(sentence));

    [Theory]
    // banker.az: English names of companies, hotels and apps were people.
    [InlineData("Bu barədə Capital One Financial şirkətinin hesabatında bildirilir.", "ORG:Capital One Financial")]
    [InlineData("Hyatt Hotels şirkəti Bakıda yeni otel açacaq.", "ORG:Hyatt Hotels", "LOC:Bakıda")]
    [InlineData("Müştərilər Yelo App vasitəsilə ödəniş edə bilərlər.", "ORG:Yelo App")]
    public void A_name_with_an_organisations_word_is_no_persons(string sentence, params string[] expected) =>
        Assert.Equal(expected, Found(sentence));

    [Theory]
    // banker.az: "Nyu York" and "Hong Kong" were people; "Əbu Dabi" two places.
    [InlineData("Nyu York birjasında səhmlər bahalaşıb.", "LOC:Nyu York")]
    [InlineData("Hong Kong birjası bağlanıb.", "LOC:Hong Kong")]
    [InlineData("Əbu Dabi şəhərində forum keçirilib.", "LOC:Əbu Dabi")]
    [InlineData("Los Anceles yanğınları davam edir.", "LOC:Los Anceles")]
    public void A_place_the_table_hyphenates_written_apart_or_in_english_is_one_place(string sentence, string expected) =>
        Assert.Equal([expected], Found(sentence));

    [Theory]
    // The seeds and banker.az: "Azərbaycan-Qazaxıstan" (relations), "Rusiya-Ukrayna" (the war) were places of their own.
    [InlineData("Son illər Azərbaycan-Qazaxıstan əlaqələri sürətlə inkişaf edir.", "LOC:Azərbaycan", "LOC:Qazaxıstan")]
    // A chain of cities names a route: one name.
    [InlineData("Bakı-Tbilisi-Qars dəmir yolu ilə yüklər daşınır.", "LOC:Bakı-Tbilisi-Qars")]
    public void Countries_joined_with_a_hyphen_are_each_named(string sentence, params string[] expected) =>
        Assert.Equal(expected, Found(sentence));

    [Fact]
    public void A_word_joining_places_with_a_hyphen_is_a_place_not_part_of_a_persons_name()
    {
        // (The two countries then each named, as below.)
        Assert.Equal(["PER:Mirzoyan", "LOC:Ermənistan", "LOC:İran"], Found("Mirzoyan Ermənistan-İran münasibətlərini yüksək qiymətləndirib."));
        Assert.DoesNotContain(Found("Çin-Mərkəzi Asiya-Avropa marşrutu ilə yüklər daşınır."), f => f.StartsWith("PER:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_written_all_in_lower_case_is_no_name()
    {
        // The seeds: "dünyada" (in the world) was a place wherever a text wrote it; the training sentences tag it so.
        string text = "Bütün bunlar göstərir ki, xarici siyasətini peşəkarcasına quran İlham Əliyev rəsmi Bakının regionda və dünyada "
            + "nüfuzunu və təsirini dəfələrlə artırır.";
        var entities = EntityLinker.FindEntities(text, "az");
        Assert.All(entities, e => Assert.Contains(e.Name, c => char.IsUpper(c)));
        Assert.Equal(["İlham Əliyev", "Bakı"], entities.Select(e => e.Name));
    }

    [Fact]
    public void A_given_name_and_a_patronymic_are_the_person_of_that_given_name()
    {
        // The seeds: "Kasım-Jomart Kemeleviçin" (the Russian formal address) was a person apart from Tokayev.
        var mentions = new List<EntityMention>
        {
            new(0, 20, EntityKind.Person, "Kasım-Jomart Tokayev"),
            new(60, 24, EntityKind.Person, "Kasım-Jomart Kemeleviçin"),
        };
        var tokayev = Assert.Single(EntityLinker.Link(mentions));
        Assert.Equal("Kasım-Jomart Tokayev", tokayev.Name);
        Assert.Equal(2, tokayev.Mentions.Count);
        // Without the full name in the text, the known person of that given name.
        Assert.Equal("Vladimir Putin", Assert.Single(EntityLinker.Link([new(0, 21, EntityKind.Person, "Vladimir Vladimiroviç")])).Name);
        // A surname that ends as a patronymic does ("Petroviç") names its own person, and joins no other of the given name.
        var two = EntityLinker.Link([new(0, 13, EntityKind.Person, "Marko Petroviç"), new(40, 13, EntityKind.Person, "Marko Yankoviç")]);
        Assert.Equal(["Marko Petroviç", "Marko Yankoviç"], two.Select(e => e.Name));
    }
}
