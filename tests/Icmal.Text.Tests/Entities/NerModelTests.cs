using Icmal.Text.Entities;

namespace Icmal.Text.Tests.Entities;

/// <summary>The shipped model is what `icmal text train-ner` makes from shared/data, byte for byte, every time.</summary>
public sealed class NerModelTests
{
    private static NerGazetteer Gazetteer()
    {
        string F(string name) => TestPaths.SharedData(Path.Combine("az", "lexicon", name));
        return NerGazetteer.FromLists(File.ReadAllLines(F("az-given-names.tsv")), File.ReadAllLines(F("az-surnames.tsv")),
            File.ReadAllLines(F("az-places.txt")), File.ReadAllLines(F("az-countries.txt")), File.ReadAllLines(F("az-street-names.txt")));
    }

    /// <summary>Untagged news: the banker.az articles (`--self-training` reads them).</summary>
    private static List<string> BankerTexts()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.SharedData(Path.Combine("az", "banker-az-articles.json"))));
        return [.. json.RootElement.EnumerateArray().Select(a => a.GetProperty("text").GetString()!)];
    }

    [Fact]
    public void Training_twice_gives_the_same_bytes_as_the_shipped_model()
    {
        var train = Conll.Parse(File.ReadAllLines(TestPaths.SharedData(Path.Combine("az", "ner", "train.conll"))));
        var gazetteer = Gazetteer();
        byte[] first = NerTrainer.Train(train, gazetteer).Save();
        byte[] second = NerTrainer.Train(train, gazetteer).Save();
        Assert.Equal(first, second);

        using var shipped = typeof(NerModel).Assembly.GetManifestResourceStream(NamedEntityTagger.ResourceName)!;
        using var copy = new MemoryStream();
        shipped.CopyTo(copy);
        Assert.True(first.AsSpan().SequenceEqual(copy.ToArray()), "Resources/ner.bin is not what `icmal text train-ner` makes now: rebuild it");
    }

    [Fact]
    public void Another_seed_gives_another_model()
    {
        var train = Conll.Parse(File.ReadAllLines(TestPaths.SharedData(Path.Combine("az", "ner", "valid.conll"))));
        var gazetteer = Gazetteer();
        byte[] a = NerTrainer.Train(train, gazetteer, new NerTrainingOptions(Epochs: 3, Seed: 1)).Save();
        byte[] b = NerTrainer.Train(train, gazetteer, new NerTrainingOptions(Epochs: 3, Seed: 2)).Save();
        Assert.False(a.AsSpan().SequenceEqual(b));
    }

    [Fact]
    public void Self_training_adds_the_untagged_texts_sentences_only_when_asked()
    {
        var train = Conll.Parse(File.ReadAllLines(TestPaths.SharedData(Path.Combine("az", "ner", "valid.conll"))));
        var gazetteer = Gazetteer();
        var texts = BankerTexts().Take(40).ToList();
        byte[] plain = NerTrainer.Train(train, gazetteer, new NerTrainingOptions(Epochs: 3, Runs: 1)).Save();
        byte[] notAsked = NerTrainer.Train(train, gazetteer, new NerTrainingOptions(Epochs: 3, Runs: 1, SelfTraining: 0), untagged: texts).Save();
        byte[] selfTrained = NerTrainer.Train(train, gazetteer, new NerTrainingOptions(Epochs: 3, Runs: 1, SelfTraining: 0.5), untagged: texts).Save();
        Assert.Equal(plain, notAsked);
        Assert.False(plain.AsSpan().SequenceEqual(selfTrained));
    }

    [Fact]
    public void A_saved_model_loads_back_and_tags_as_before()
    {
        var train = Conll.Parse(File.ReadAllLines(TestPaths.SharedData(Path.Combine("az", "ner", "valid.conll"))));
        var model = NerTrainer.Train(train, Gazetteer(), new NerTrainingOptions(Epochs: 3));
        var loaded = NerModel.Load(new MemoryStream(model.Save()));
        string[] sentence = ["Prezident", "İlham", "Əliyev", "Bakıda", "Azərbaycan", "Dövlət", "Neft", "Şirkətinin", "rəhbərləri", "ilə", "görüşüb", "."];
        Assert.Equal(model.Tag(sentence), loaded.Tag(sentence));
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_one_clear_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => NerModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("not a model"))));
        Assert.False(string.IsNullOrEmpty(e.Message));
    }

    [Fact]
    public void The_shipped_tagger_reads_inflected_names_from_their_stems()
    {
        string[] sentence = ["Prezident", "İlham", "Əliyev", "Qazaxıstan", "Prezidenti", "Kasım-Jomart", "Tokayevlə", "Astanada", "görüşüb", "."];
        var spans = Conll.Spans(NamedEntityTagger.Default.Model.Tag(sentence));
        Assert.Contains(new NerSpan(1, 3, EntityKind.Person), spans);
        Assert.Contains(new NerSpan(5, 7, EntityKind.Person), spans);
        Assert.Contains(new NerSpan(7, 8, EntityKind.Location), spans);
    }

    [Fact]
    public void A_name_does_not_run_on_through_an_unseen_lower_case_word_or_past_a_locative()
    {
        // Seed 000: the weights alone made one organisation of "Tokayev Astana … Mərkəzinin bazasında Kibertəhlükəsizlik Şurası".
        string text = "Oktyabr ayında Qəbələdə keçirilən TDT sammitində Tokayev Astana Beynəlxalq Süni İntellekt Mərkəzinin bazasında "
            + "Kibertəhlükəsizlik Şurası və Rəqəmsal İnnovasiya Mərkəzinin yaradılmasını təklif edib.";
        var mentions = NamedEntityTagger.Default.Find(text, "az");
        Assert.DoesNotContain(mentions, m => m.Text.Contains("bazasında", StringComparison.Ordinal));
        Assert.Contains(mentions, m => m.Text.StartsWith("Kibertəhlükəsizlik Şurası", StringComparison.Ordinal));
        Assert.Contains("və", NamedEntityTagger.Default.Model.InnerWords);
        Assert.DoesNotContain("bazasında", NamedEntityTagger.Default.Model.InnerWords);

        // A dative ends a name: two organisations, not one ("Universitetinə | Azərbaycan Respublikası …").
        string[] sentence = ["Naxçıvan", "Özəl", "Universitetinə", "Azərbaycan", "Respublikası", "Təhsil", "Nazirliyinin", "lisenziyası", "verilib", "."];
        var spans = Conll.Spans(NamedEntityTagger.Default.Model.Tag(sentence));
        Assert.DoesNotContain(spans, s => s.Start <= 2 && s.End > 3);
    }

    [Theory]
    // Half a pair inside a name that goes on past the quotes: the opening quote joins it.
    [InlineData("Bakıda \" Qafqaz Merkuri \" Cəmiyyəti var .", "O O B-ORG I-ORG I-ORG I-ORG O O", "O B-ORG I-ORG I-ORG I-ORG I-ORG O O")]
    // A lone opening or closing quote at the edge of a name leaves it.
    [InlineData("\" Azon \" zavodu var .", "B-ORG I-ORG O O O O", "O B-ORG O O O O")]
    [InlineData("\" Azon \" zavodu var .", "O B-ORG I-ORG O O O", "O B-ORG O O O O")]
    // A quoted name alone leaves both its quotes out.
    [InlineData("\" Azon \" zavodu var .", "B-ORG I-ORG I-ORG O O O", "O B-ORG O O O O")]
    // A name that goes on past its quotes keeps the pair.
    [InlineData("\" Azon \" Səhmdar Cəmiyyəti var .", "B-ORG I-ORG I-ORG I-ORG I-ORG O O", "B-ORG I-ORG I-ORG I-ORG I-ORG O O")]
    public void Quotes_at_a_name_are_both_in_or_both_out(string text, string predicted, string balanced) =>
        Assert.Equal(balanced, Mended(text, predicted, NerModel.BalanceQuotes));

    [Fact]
    public void A_name_does_not_start_with_the_inflection_a_hyphen_joins_to_the_word_before()
    {
        // banker.az: "a", the dative of the address, began the centre's name ("a Dövlət İmtahan Mərkəzi").
        var mentions = NamedEntityTagger.Default.Find("Bu barədə Banker.az-a Dövlət İmtahan Mərkəzindən məlumat verilib.", "az");
        Assert.Contains(mentions, m => m.Text == "Dövlət İmtahan Mərkəzindən" && m.Kind == EntityKind.Organization);
        Assert.DoesNotContain(mentions, m => m.Text.StartsWith('a'));
        // Inside a name the inflection stays: it is the name's own ("TDT-nin").
        Assert.Contains(NamedEntityTagger.Default.Find("Bu barədə TDT-nin Baş katibi Kubanıçbek Ömüraliyev bildirib.", "az"),
            m => m.Text.StartsWith("TDT", StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_opening_a_sentence_that_the_text_writes_in_lower_case_elsewhere_is_no_place()
    {
        // banker.az (DİM's appeals): "Apellyasiya" (appeal) opening a sentence was a place in 7 articles.
        string text = "Apellyasiya komissiyasına müraciət etmək istəyənlər ərizəni elektron qaydada təqdim etməlidirlər. "
            + "Nəticələrlə razılaşmayan abituriyentlər apellyasiya şikayəti verə bilərlər.";
        Assert.DoesNotContain(NamedEntityTagger.Default.Find(text, "az"), m => m.Text.StartsWith("Apellyasiya", StringComparison.Ordinal));
        // A known place stays one however the text writes the word ("Azərbaycan" is never a common word).
        Assert.Contains(NamedEntityTagger.Default.Find("Azərbaycan yeni layihələrə başlayır. Bu layihələr azərbaycan dilində də təqdim olunur.", "az"),
            m => m.Text == "Azərbaycan" && m.Kind == EntityKind.Location);
    }

    [Fact]
    public void A_sentence_scored_alone_has_no_name_starting_with_a_function_word()
    {
        // banker.az: the weights read "Bunu Dövlət İmtahan Mərkəzinin" as one organisation.
        string[] sentence = ["Bunu", "Dövlət", "İmtahan", "Mərkəzinin", "aparat", "rəhbəri", "Vəfadar", "Misirov", "jurnalistlərə", "açıqlamasında", "deyib", "."];
        var spans = Conll.Spans(NamedEntityTagger.Default.Model.Tag(sentence));
        Assert.Contains(new NerSpan(1, 4, EntityKind.Organization), spans);
        Assert.DoesNotContain(spans, s => s.Start == 0);
    }

    [Theory]
    // A place read before a company form: one organisation with the form (valid: "Azərsu ASC").
    [InlineData("Azərsu ASC - nin sədri", "B-LOC B-ORG O O O", "B-ORG I-ORG O O O")]
    // A quoted name before the form: the quotes and the form join it (news: "“Arkoz Qazax Sement Zavodu” MMC").
    [InlineData("\" Arkoz Qazax Sement Zavodu \" MMC yaradılıb", "O B-ORG I-ORG I-ORG I-ORG O O O", "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O")]
    // Capitalised words the tagger missed, and a name carried on past the form is cut at it.
    [InlineData("Sonra Kapital Bank ASC Mədəniyyət Nazirliyi ilə", "O O O B-ORG I-ORG I-ORG O", "O B-ORG I-ORG I-ORG B-ORG I-ORG O")]
    // banker.az: two names joined across the form by "və": the second one starts at its own first word.
    [InlineData("Meliorasiya və Su Təsərrüfatı ASC və Kənd Təsərrüfatı Nazirliyinin", "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG")]
    // No name before the form, or a lower-case word: nothing changes.
    [InlineData("bu ASC üçün", "O O O", "O O O")]
    [InlineData("Onun asc payı", "O O O", "O O O")]
    public void A_company_form_makes_one_organisation_with_the_name_before_it(string text, string predicted, string expected) =>
        Assert.Equal(expected, Mended(text, predicted, NerModel.CompanyForms));

    [Fact]
    public void Two_organisations_joined_by_ila_are_two()
    {
        // banker.az: "… Dövlət Agentliyi ilə Seneqal Respublikasının … Nazirliyi" was one organisation; train.conll has
        // "ilə" 152 times and never inside a name.
        Assert.DoesNotContain("ilə", NamedEntityTagger.Default.Model.InnerWords);
        string[] sentence = ["Dövlət", "Agentliyi", "ilə", "Seneqal", "Respublikasının", "Ədliyyə", "Nazirliyi", "arasında", "memorandum", "imzalanıb", "."];
        var spans = Conll.Spans(NamedEntityTagger.Default.Model.Tag(sentence));
        Assert.DoesNotContain(spans, s => s.Start < 2 && s.End > 3);
    }

    [Theory]
    // banker.az: a known name's inflected last word left out ("Amerika Birləşmiş" a place) or cut off as a name of its own.
    [InlineData("Amerika Birləşmiş Ştatlarında St. Tomas Universitetini", "B-LOC I-LOC O O B-ORG I-ORG", "B-LOC I-LOC I-LOC O B-ORG I-ORG")]
    // … and a person of one word that is a known place's name is the place.
    [InlineData("Birləşmiş Ərəb Əmirliklərindən Tehrana uçub", "B-LOC I-LOC B-PER I-PER O", "B-LOC I-LOC I-LOC B-LOC O")]
    [InlineData("Anar Tehrana gedib", "B-PER B-PER O", "B-PER B-LOC O")]
    [InlineData("Anar Tehranlı gəlib", "B-PER I-PER O", "B-PER I-PER O")]
    [InlineData("Nazir Milli Məclisin iclasında", "O O O O", "O B-ORG I-ORG O")]
    // Read whole, or inside a longer name: left as the weights read it.
    [InlineData("Cənubi Koreya ilə", "B-LOC I-LOC O", "B-LOC I-LOC O")]
    [InlineData("Birləşmiş Millətlər Təşkilatının Təhlükəsizlik Şurası", "B-ORG I-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG I-ORG I-ORG")]
    // A derived word is no inflected name ("Yeni Zelandiyalı", a New Zealander), nor are lower-case words.
    [InlineData("Yeni Zelandiyalı alim", "O O O", "O O O")]
    [InlineData("yeni zelandiya", "O O", "O O")]
    // A known organisation's lower-case joining words are part of it: the weights read an adjective as a place (16 banker.az articles).
    [InlineData("Bunu Məktəbəqədər və Ümumi Təhsil üzrə Dövlət Agentliyinin direktoru", "O B-LOC O B-ORG I-ORG I-ORG I-ORG I-ORG O",
        "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O")]
    [InlineData("Bosniya və Herseqovinanın paytaxtı", "B-LOC O B-LOC O", "B-LOC I-LOC I-LOC O")]
    // … but only between capitalised words: "və" after a name is no part of it.
    [InlineData("Bosniya və herseqovina", "B-LOC O O", "B-LOC O O")]
    public void A_known_name_is_read_whole_with_its_last_word_inflected_and_a_known_place_is_no_person(string text, string predicted, string expected) =>
        Assert.Equal(expected, Mended(text, predicted, NerModel.KnownNames));

    [Theory]
    // banker.az: the weights, which never saw "Məcəllə", read a law code as a person in 11 articles.
    [InlineData("Vergi Məcəlləsinin 13-cü maddəsi", "B-PER I-PER O O", "O O O O")]
    [InlineData("Əmək Məcəlləsi qəbul edilib", "B-ORG I-ORG O O", "O O O O")]
    [InlineData("Paris Sazişinə qoşulub", "B-LOC I-LOC O", "O O O")]
    [InlineData("Konstitusiyaya dəyişiklik", "B-LOC O", "O O")]
    // A name that only holds a document's noun ends in another word and is kept; a word that starts as one is no document.
    [InlineData("Kollektiv Təhlükəsizlik Müqaviləsi Təşkilatının üzvləri", "B-ORG I-ORG I-ORG I-ORG O", "B-ORG I-ORG I-ORG I-ORG O")]
    [InlineData("Konstitusiya Məhkəməsinin qərarı", "B-ORG I-ORG O", "B-ORG I-ORG O")]
    [InlineData("Proqramçılar İttifaqı yaradılıb", "B-ORG I-ORG O", "B-ORG I-ORG O")]
    [InlineData("Anar Qanunov gəlib", "B-PER I-PER O", "B-PER I-PER O")]
    public void A_law_or_a_document_is_no_name(string text, string predicted, string expected) =>
        Assert.Equal(expected, Mended(text, predicted, NerModel.NoDocumentNames));

    [Fact]
    public void The_shipped_tagger_reads_a_known_country_whole_when_its_last_word_is_inflected()
    {
        var found = NamedEntityTagger.Default.Find("Nazir Amerika Birləşmiş Ştatlarının səfiri ilə görüşüb.");
        Assert.Contains(found, m => m.Text == "Amerika Birləşmiş Ştatlarının" && m.Kind == EntityKind.Location);
        Assert.Contains(EntityLinker.FindEntities("O, Birləşmiş Ərəb Əmirliklərində yaşayır."), e => e.Name == "Birləşmiş Ərəb Əmirlikləri");
    }

    private delegate void SpanRule(NerToken[] sentence, Span<int> tags);

    /// <summary>The tags <paramref name="rule"/> makes of <paramref name="predicted"/> (the weights' reading) for <paramref name="text"/>.</summary>
    private static string Mended(string text, string predicted, SpanRule rule)
    {
        var model = NamedEntityTagger.Default.Model;
        var sentence = NerModel.Analyse(text.Split(' '), model.Gazetteer, model.Stemmer);
        int[] tags = [.. predicted.Split(' ').Select(t => NerTags.Parse(t)!.Value)];
        rule(sentence, tags);
        return string.Join(' ', tags.Select(t => NerTags.Names[t]));
    }
}
