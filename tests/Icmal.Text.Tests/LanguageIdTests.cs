using Icmal.Text.LanguageId;

namespace Icmal.Text.Tests;

public class LanguageIdTests
{
    // Sentences written for these tests (not from SIB-200/FLORES).
    [Theory]
    [InlineData("Prezident İlham Əliyev Qazaxıstana dövlət səfərinə gedib və orada bir neçə sənəd imzalanıb.", "az", "Latn")]
    [InlineData("Bakıda bu gün hava küləkli olacaq, axşam yağış gözlənilir.", "az", "Latn")]
    [InlineData("Президент Илһам Әлијев бу ҝүн Газахыстана дөвләт сәфәринә ҝедиб.", "az", "Cyrl")]
    [InlineData("بو گون هاوا چوخ ایستی دیر و اوشاقلار باغدا اوینایرلار", "az", "Arab")]
    [InlineData("Cumhurbaşkanı bugün Ankara'da yabancı gazetecilerle bir araya geldi ve ekonomik işbirliğini konuştu.", "tr", "Latn")]
    [InlineData("Yarın İstanbul'da hava yağmurlu olacak, sıcaklıklar düşecek.", "tr", "Latn")]
    [InlineData("Қазақстан Республикасының Президенті бүгін Астанада шетелдік делегацияны қабылдады.", "kk", "Cyrl")]
    [InlineData("O'zbekiston Respublikasi Prezidenti bugun xorijiy mehmonlarni qabul qildi va hamkorlik masalalarini muhokama qildi.", "uz", "Latn")]
    [InlineData("Кыргыз Республикасынын Президенти бүгүн Бишкекте чет элдик делегацияны кабыл алды.", "ky", "Cyrl")]
    [InlineData("Türkmenistanyň Prezidenti şu gün Aşgabatda daşary ýurtly myhmanlary kabul etdi.", "tk", "Latn")]
    [InlineData("Татарстан Республикасы Президенты бүген Казанда чит ил кунакларын кабул итте.", "tt", "Cyrl")]
    [InlineData("Башҡортостан Республикаһы Башлығы бөгөн Өфөлә сит ил ҡунаҡтарын ҡабул итте.", "ba", "Cyrl")]
    [InlineData("Президент России сегодня встретился с иностранными журналистами в Москве.", "ru", "Cyrl")]
    [InlineData("Президент України сьогодні зустрівся з іноземними журналістами у Києві.", "uk", "Cyrl")]
    [InlineData("The president met foreign journalists in the capital today to discuss economic cooperation.", "en", "Latn")]
    public void Sentence_is_identified_with_language_and_script(string sentence, string language, string script)
    {
        var guess = LanguageIdentifier.Default.Identify(sentence);
        Assert.Equal(language, guess.Language);
        Assert.Equal(script, guess.Script);
        Assert.InRange(guess.Confidence, 0.5, 1.0);
    }

    [Theory]
    [InlineData("Əliyev Astanada", "az")]
    [InlineData("Azərbaycan və Qazaxıstan", "az")]
    [InlineData("Türkiye ile işbirliği", "tr")]
    [InlineData("встреча президентов", "ru")]
    [InlineData("the new agreement", "en")]
    public void Short_phrase_is_identified(string phrase, string language) =>
        Assert.Equal(language, LanguageIdentifier.Default.Identify(phrase).Language);

    [Fact]
    public void Text_without_letters_is_undetermined() =>
        Assert.Equal("und", LanguageIdentifier.Default.Identify("12:30 — 2025").Language);

    [Fact]
    public void Model_knows_all_thirteen_classes() =>
        Assert.Equal(["az-Arab", "az-Cyrl", "az-Latn", "ba", "en", "kk", "ky", "ru", "tk", "tr", "tt", "uk", "uz"],
            LanguageIdentifier.Default.Labels.Order(StringComparer.Ordinal));

    [Fact]
    public void Default_labels_read_from_the_model_header_are_the_loaded_models_labels() =>
        Assert.Equal(LanguageIdentifier.Default.Labels, LanguageIdentifier.ReadDefaultLabels());

    [Fact]
    public void A_model_file_is_read_with_its_exact_log_probabilities_for_small_and_large_counts()
    {
        // Label x saw 1000 unigrams, y 10; two unigram types (vocabulary 2). "a" was seen 1000 times under x (a count
        // stored apart from the byte cells) and 3 under y; a second row with the hash of "b" is dropped.
        var totals = new long[LanguageIdentifier.MaxOrder + 1, 2];
        var vocabulary = new long[LanguageIdentifier.MaxOrder + 1];
        for (int order = 1; order <= LanguageIdentifier.MaxOrder; order++) (totals[order, 0], totals[order, 1], vocabulary[order]) = (1, 1, 1);
        (totals[1, 0], totals[1, 1], vocabulary[1]) = (1000, 10, 2);
        byte[] file = LanguageModelFile.Write(["x", "y"], totals, vocabulary,
        [
            new NGramRow(LanguageIdentifier.Hash("b"), 1, [0, 7]),
            new NGramRow(LanguageIdentifier.Hash("a"), 1, [1000, 3]),
            new NGramRow(LanguageIdentifier.Hash("b"), 1, [5, 5]),
        ]);
        var model = LanguageIdentifier.Load(new MemoryStream(file));
        double[] Scores(string input)
        {
            var scores = new double[2];
            Assert.Equal(1, model.Score(input, scores));
            return scores;
        }
        Assert.Equal(2, model.NGramCount);
        Assert.Equal([(float)Math.Log(1000.1 / 1000.2), (float)Math.Log(3.1 / 10.2)], Scores("a"));
        Assert.Equal([(float)Math.Log(0.1 / 1000.2), (float)Math.Log(7.1 / 10.2)], Scores("b"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(-1)] // all but the last byte
    public void A_model_file_cut_short_is_refused_with_a_clear_error(int keep)
    {
        byte[] model = LanguageModelTrainer.Train([("x", ["abc abd"]), ("y", ["xyz"])], minCountHighOrders: 1);
        if (keep < 0) keep = model.Length - 1;
        Assert.True(model.Length > keep);
        var error = Assert.Throws<InvalidDataException>(() => LanguageIdentifier.Load(new MemoryStream(model, 0, keep)));
        Assert.Equal("Language model: the file is cut short.", error.Message);
    }

    [Fact]
    public void A_model_file_claiming_more_n_grams_than_it_holds_is_refused_before_allocating_them()
    {
        byte[] model = LanguageModelTrainer.Train([("x", ["abc abd"]), ("y", ["xyz"])], minCountHighOrders: 1);
        // The n-gram count follows the magic (8), the label count (4), two labels (2 × 2) and the totals (80 + 40).
        const int countAt = 8 + 4 + 4 + 5 * 2 * 8 + 5 * 8;
        Assert.Equal(LanguageIdentifier.Load(new MemoryStream(model)).NGramCount, BitConverter.ToInt32(model, countAt));
        BitConverter.TryWriteBytes(model.AsSpan(countAt), 100_000_000); // 0.8 GB of hashes, were they allocated
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => LanguageIdentifier.Load(new MemoryStream(model)));
        Assert.Equal("Language model: the file is cut short.", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void A_text_model_of_the_old_layout_is_refused_as_not_a_language_model() =>
        Assert.Throws<InvalidDataException>(() => LanguageIdentifier.Load(new MemoryStream("#labels\tx\n#totals\t1\n"u8.ToArray())));

    [Fact]
    public void A_model_trained_from_sentences_tells_them_apart()
    {
        byte[] model = LanguageModelTrainer.Train(
        [
            ("az-Latn", ["Bu gün hava çox gözəldir və uşaqlar həyətdə oynayırlar.", "Azərbaycan Respublikasının paytaxtı Bakı şəhəridir."]),
            ("en", ["The weather is very nice today and the children play outside.", "The capital of the republic is a big city."]),
        ], minCountHighOrders: 1);
        using var stream = new MemoryStream(model);
        var id = LanguageIdentifier.Load(stream);
        Assert.Equal("az", id.Identify("gözəl hava").Language);
        Assert.Equal("en", id.Identify("nice weather").Language);
    }

    [Fact]
    public void Dev_sentences_of_sib200_are_identified_at_97_percent_or_better_per_language()
    {
        string dir = TestPaths.SharedData("langid/sib200");
        foreach (var (code, label) in LanguageModelTrainer.Sib200Labels)
        {
            string[] lines = File.ReadAllLines(Path.Combine(dir, code, "dev.txt"));
            string language = label.Split('-')[0];
            int right = lines.Count(l => LanguageIdentifier.Default.Identify(l).Language == language);
            Assert.True(right * 100 >= 97 * lines.Length, $"{code}: {right}/{lines.Length}");
        }
    }
    /// <summary>
    /// The word cache (WordGrams) must give the scores n-gram by n-gram gives, to within rounding (the same grams, added
    /// word by word rather than one at a time) and with the same count:
    /// one- and two-letter words (whose grams run into the next word), apostrophes, a text past the 2,000 characters
    /// scored, every script, each text twice (the second time from the cache), and random mixes of short words.
    /// </summary>
    [Fact]
    public void Scores_through_the_word_cache_are_those_of_scoring_n_gram_by_n_gram()
    {
        var texts = new List<string>
        {
            "", " ", "a", "a b", "ab c de f", "Əliyev Astanada", "O'zbekiston Respublikasi, o'sha kun: 12:30 — u.",
            "Президент Илһам Әлијев бу ҝүн Газахыстана дөвләт сәфәринә ҝедиб.", "بو گون هاوا چوخ ایستی دیر",
            "The president met foreign journalists in the capital today.", string.Concat(Enumerable.Repeat("Bakıda bu gün hava küləkli olacaq, axşam yağış gözlənilir. ", 60)),
        };
        foreach (string file in Directory.GetFiles(Path.Combine(TestPaths.Repository(), "samples"), "*.txt")) texts.Add(File.ReadAllText(file));
        var random = new Random(17);
        const string letters = "abcçdeəfgğhxıijkqlmnoöprsştuüvyzАБӘҜ'      ";
        for (int t = 0; t < 300; t++)
            texts.Add(new string([.. Enumerable.Range(0, random.Next(1, 60)).Select(_ => letters[random.Next(random.Next(2) == 0 ? letters.Length : 4)])]));
        var id = LanguageIdentifier.Default;
        var cached = new double[id.Labels.Count];
        var reference = new double[id.Labels.Count];
        foreach (string text in texts.Concat(texts))
        {
            int used = id.Score(text, cached);
            Assert.Equal(id.ScoreGramByGram(text, reference), used);
            for (int k = 0; k < cached.Length; k++)
                Assert.True(Math.Abs(reference[k] - cached[k]) <= 1e-9 * Math.Max(1, Math.Abs(reference[k])),
                    $"label {k} of \"{text[..Math.Min(40, text.Length)]}\": {cached[k]:R} against {reference[k]:R}");
        }
    }

    /// <summary>
    /// <see cref="LanguageIdentifier.Identify(string)"/> stops reading once the start decides (issue #17): on the 610
    /// banker.az articles, as the import samples them (title, a line break, the first 2,000 characters), it names the
    /// label the whole sample's scores name.
    /// </summary>
    [Fact]
    public void A_decisive_start_names_the_label_the_whole_sample_names_on_banker_articles()
    {
        var id = LanguageIdentifier.Default;
        var scores = new double[id.Labels.Count];
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.SharedData("az/banker-az-articles.json")));
        int articles = 0, decidedEarly = 0;
        foreach (var article in json.RootElement.EnumerateArray())
        {
            string text = article.GetProperty("text").GetString() ?? "";
            string sample = (article.GetProperty("title").GetString() ?? "") + "\n" + text[..Math.Min(text.Length, 2000)];
            id.Score(sample, scores);
            int best = 0;
            for (int k = 1; k < scores.Length; k++) if (scores[k] > scores[best]) best = k;
            Assert.Equal(id.Labels[best], id.Identify(sample).Label);
            if (id.Score(sample, scores, LanguageIdentifier.DecideFrom) < id.Score(sample, scores)) decidedEarly++;
            articles++;
        }
        Assert.Equal(610, articles);
        Assert.True(decidedEarly > 350, $"{decidedEarly} of {articles} decided before the end of the sample");
    }

    /// <summary>What the early decision gives up: a text whose first 600 characters are Azerbaijani is Azerbaijani, however it goes on.</summary>
    [Fact]
    public void A_text_that_starts_decisively_is_named_by_its_start()
    {
        string azerbaijani = string.Concat(Enumerable.Repeat("Bakıda bu gün hava küləkli olacaq, axşam yağış gözlənilir. ", 12));
        string russian = string.Concat(Enumerable.Repeat("Президент России сегодня встретился с иностранными журналистами в Москве. ", 20));
        string text = azerbaijani + russian;
        var id = LanguageIdentifier.Default;
        var scores = new double[id.Labels.Count];
        id.Score(text, scores);
        int best = 0;
        for (int k = 1; k < scores.Length; k++) if (scores[k] > scores[best]) best = k;
        Assert.Equal("ru", id.Labels[best]);
        Assert.Equal("az", id.Identify(text).Language);
        Assert.Equal("ru", id.Identify(russian + azerbaijani).Language);
    }
}
