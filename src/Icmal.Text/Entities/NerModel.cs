using System.Buffers;
using System.IO.Compression;
using System.Text;
using Icmal.Text.Stemming;

namespace Icmal.Text.Entities;

/// <summary>
/// A linear-chain tagger over BIO tags: per-token feature weights (hashed features, one weight per tag), tag-to-tag
/// transition weights, and Viterbi decoding restricted to valid IOB2 sequences. Trained by <see cref="NerTrainer"/>;
/// shipped as the embedded resource Resources/ner.bin (Brotli-compressed: gazetteer, transitions, sorted feature
/// hashes, weights as 16-bit fixed point). Immutable after loading and thread-safe.
/// </summary>
/// <remarks>
/// A lower-case word continues a name only when training saw such words inside names ("və", "yanında", "adına",
/// "oğlu"), and no word continues one past a word in the dative, locative or ablative: the decoder never lets a name run on through "bazasında" or "keçirilən" into the next capitalised words,
/// which the weights alone allowed ("Tokayev Astana … Mərkəzinin bazasında Kibertəhlükəsizlik Şurası").
/// </remarks>
public sealed partial class NerModel
{
    private const string Magic = "ICMAL-NER";
    private const int Version = 2;
    private const int T = NerTags.Count;

    private readonly float[] _weights;
    private readonly float[] _transitions;
    private readonly AzStemmer _stemmer;
    private readonly HashSet<string> _innerWords;

    internal NerModel(NerGazetteer gazetteer, FeatureRows rows, float[] weights, float[] transitions, HashSet<string> innerWords, AzStemmer stemmer)
    {
        _innerWords = innerWords;
        Gazetteer = gazetteer;
        _weights = weights;
        _transitions = transitions;
        _stemmer = stemmer;
        _featureRows = rows;
    }

    /// <summary>Each feature hash's row of <see cref="_weights"/>: the decoder looks up some forty a token.</summary>
    private readonly FeatureRows _featureRows;

    /// <summary>The row of feature hash <paramref name="key"/>, or -1 when it has no weight.</summary>
    internal int RowOf(uint key) => _featureRows.RowOf(key);

    /// <summary>The word lists the model was trained with.</summary>
    public NerGazetteer Gazetteer { get; }

    /// <summary>The stemmer the features are read with.</summary>
    internal AzStemmer Stemmer => _stemmer;

    /// <summary>The lower-case words (as written, lower-cased) that may sit inside a name.</summary>
    public IReadOnlySet<string> InnerWords => _innerWords;

    /// <summary>Number of features with a weight.</summary>
    public int FeatureCount => _featureRows.Count;

    /// <summary>The tags (<see cref="NerTags"/>) of one sentence of tokens (normalised text; words and punctuation apart).</summary>
    public int[] Tag(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var analysed = Analyse(tokens, Gazetteer, _stemmer);
        var tags = new int[tokens.Count];
        Decode(analysed, tags);
        return tags;
    }

    internal static NerToken[] Analyse(IReadOnlyList<string> tokens, NerGazetteer gazetteer, AzStemmer stemmer)
    {
        var result = new NerToken[tokens.Count];
        bool initial = true;
        for (int i = 0; i < tokens.Count; i++)
        {
            result[i] = NerToken.Analyse(tokens[i], initial, gazetteer, stemmer);
            // The first word after the start or after an opening quote, dash or colon that starts a sentence is sentence-initial.
            if (result[i].Case is not (CaseClass.Punctuation)) initial = false;
        }
        MarkRuns(tokens, result);
        return result;
    }

    private static void MarkRuns(IReadOnlyList<string> tokens, NerToken[] t)
    {
        int quotes = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (tokens[i] == "\"")
            {
                t[i].IsQuote = true;
                t[i].OpensQuote = quotes % 2 == 0;
                quotes++;
            }
        }
        for (int i = 0; i < t.Length;)
        {
            int end = i;
            while (end < t.Length && (t[end].IsCapitalised || t[end].QuoteOrBracket && tokens[end] == "\""
                || end > i && t[end].Keyword == KeywordClass.Conjunction && end + 1 < t.Length && t[end + 1].IsCapitalised))
                end++;
            if (end == i) end = i + 1;
            for (int j = i; j < end; j++)
            {
                t[j].RunStart = i;
                t[j].RunEnd = end;
            }
            i = end;
        }
    }

    /// <summary>Viterbi over valid IOB2 sequences into <paramref name="tags"/>.</summary>
    internal void Decode(NerToken[] sentence, Span<int> tags)
    {
        int n = sentence.Length;
        if (n == 0) return;
        // Pooled: one sentence's scores are dead once it is decoded, and every sentence of every article comes here.
        float[] rented = ArrayPool<float>.Shared.Rent(n * T);
        var emissions = rented.AsSpan(0, n * T);
        Emissions(sentence, emissions);
        ForbidImpossibleInsides(sentence, _innerWords, emissions);
        Viterbi(emissions, _transitions, n, tags);
        ArrayPool<float>.Shared.Return(rented);
        BalanceQuotes(sentence, tags);
        NoStopWordStarts(sentence, tags);
        CompanyForms(sentence, tags);
        NoDocumentNames(sentence, tags);
        KnownNames(sentence, tags);
        SplitJoinedNames(sentence, tags);
        JoinedOrganisations(sentence, tags);
        PersonsNamedLikeOrganisations(sentence, tags);
    }

    /// <summary>The per-token scores of <paramref name="sentence"/> (n × T) before the decoder's masks: each token's features' weights, added in order.</summary>
    internal void Emissions(NerToken[] sentence, Span<float> emissions)
    {
        Span<uint> features = stackalloc uint[NerFeatures.MaxPerToken];
        // The rows the word forms already know (their neighbours' templates), the rest looked up here; a token's row
        // starts from its form's and case's sum (FormRows.SumsFor): the same rows in the same order, so the same sums.
        Span<int> known = stackalloc int[NerFeatures.MaxPerToken];
        for (int i = 0; i < sentence.Length; i++)
        {
            var token = sentence[i];
            int count = NerFeatures.Extract(sentence, i, features, known, this, formPartKnown: true);
            var row = emissions.Slice(i * T, T);
            token.RowsFor(this).SumsFor(token).CopyTo(row);
            for (int f = NerFeatures.FormPartLength(token); f < count; f++)
            {
                int r = known[f];
                if (r == NerFeatures.Unresolved) r = RowOf(features[f]);
                if (r < 0) continue;
                var w = _weights.AsSpan(r * T, T);
                for (int t = 0; t < T; t++) row[t] += w[t];
            }
        }
    }

    /// <summary>The weights of feature row <paramref name="row"/>, one a tag.</summary>
    internal ReadOnlySpan<float> WeightsOf(int row) => _weights.AsSpan(row * T, T);

    /// <summary>
    /// The emission row of <paramref name="token"/> after its form part (<see cref="NerFeatures.ExtractFormPart"/>): its
    /// weights added from zero in the order <see cref="Decode"/> adds them (<see cref="FormRows.SumsFor"/>).
    /// </summary>
    internal float[] FormPartSums(in NerToken token)
    {
        Span<uint> features = stackalloc uint[NerFeatures.MaxPerToken];
        Span<int> known = stackalloc int[NerFeatures.MaxPerToken];
        int count = NerFeatures.ExtractFormPart(token, features, known, this);
        var sums = new float[T];
        for (int f = 0; f < count; f++)
        {
            int r = known[f];
            if (r == NerFeatures.Unresolved) r = RowOf(features[f]);
            if (r < 0) continue;
            var w = _weights.AsSpan(r * T, T);
            for (int t = 0; t < T; t++) sums[t] += w[t];
        }
        return sums;
    }

    /// <summary>
    /// No I- tag on a lower-case word that is not one of <paramref name="innerWords"/>, nor on any word after one in
    /// the dative, locative or ablative, and no I-PER or I-LOC after a word in the genitive (scores n × T). Decoding only: training against the same mask made the weights
    /// worse (cross-validation 0.842 → 0.829), as gold spans the mask forbids then pull on every pass.
    /// </summary>
    internal static void ForbidImpossibleInsides(NerToken[] sentence, HashSet<string> innerWords, Span<float> emissions)
    {
        for (int i = 0; i < sentence.Length; i++)
        {
            var token = sentence[i];
            bool afterClosing = i > 0 && sentence[i - 1].ClosingCase;
            if (!afterClosing && (token.Case != CaseClass.Lower || innerWords.Contains(token.Lower)))
            {
                if (i > 0 && sentence[i - 1].Genitive)
                {
                    emissions[i * T + NerTags.Inside(EntityKind.Person)] = float.NegativeInfinity;
                    emissions[i * T + NerTags.Inside(EntityKind.Location)] = float.NegativeInfinity;
                }
                continue;
            }
            for (int t = 0; t < T; t++)
                if (NerTags.IsInside(t)) emissions[i * T + t] = float.NegativeInfinity;
        }
    }

    /// <summary>
    /// <see cref="NerTags.Allowed"/> for every (previous, next) pair, row-major, made once: the decoder's innermost
    /// loop asks it T × T times a token.
    /// </summary>
    private static readonly bool[] AllowedPairs = BuildAllowedPairs();

    private static bool[] BuildAllowedPairs()
    {
        var allowed = new bool[T * T];
        for (int p = 0; p < T; p++)
            for (int t = 0; t < T; t++) allowed[p * T + t] = NerTags.Allowed(p, t);
        return allowed;
    }

    /// <summary>
    /// The best valid tag sequence for per-token scores <paramref name="emissions"/> (n × T) and transitions
    /// ((T + 1) × T, the last row from the sentence start).
    /// </summary>
    internal static void Viterbi(ReadOnlySpan<float> emissions, ReadOnlySpan<float> transitions, int n, Span<int> tags)
    {
        float[] scoreArray = ArrayPool<float>.Shared.Rent(n * T);
        int[] backArray = ArrayPool<int>.Shared.Rent(n * T);
        var score = scoreArray.AsSpan(0, n * T);
        var back = backArray.AsSpan(0, n * T);
        for (int t = 0; t < T; t++)
            score[t] = NerTags.Allowed(-1, t) ? emissions[t] + transitions[T * T + t] : float.NegativeInfinity;
        for (int i = 1; i < n; i++)
        {
            for (int t = 0; t < T; t++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                for (int p = 0; p < T; p++)
                {
                    if (!AllowedPairs[p * T + t]) continue;
                    float s = score[(i - 1) * T + p] + transitions[p * T + t];
                    if (s > best)
                    {
                        best = s;
                        arg = p;
                    }
                }
                score[i * T + t] = best + emissions[i * T + t];
                back[i * T + t] = arg;
            }
        }
        int last = 0;
        for (int t = 1; t < T; t++)
            if (score[(n - 1) * T + t] > score[(n - 1) * T + last]) last = t;
        for (int i = n - 1; i >= 0; i--)
        {
            tags[i] = last;
            last = back[i * T + last];
        }
        ArrayPool<float>.Shared.Return(scoreArray);
        ArrayPool<int>.Shared.Return(backArray);
    }

    /// <summary>The model's bytes: the same model gives the same bytes.</summary>
    public byte[] Save()
    {
        using var raw = new MemoryStream();
        using (var w = new BinaryWriter(raw, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(T);
            w.Write(Gazetteer.Count);
            foreach (var (word, flags) in Gazetteer.Entries)
            {
                w.Write(word);
                w.Write((byte)flags);
            }
            foreach (float x in _transitions) w.Write(x);
            var inner = _innerWords.Order(StringComparer.Ordinal).ToList();
            w.Write(inner.Count);
            foreach (string word in inner) w.Write(word);
            // Weights as 16-bit fixed point under one scale; rows that round to all zeros are dropped.
            QuantisedWeights.Write(w, _featureRows, _weights, T);
        }
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) raw.WriteTo(brotli);
        return packed.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a model of this version.</exception>
    public static NerModel Load(Stream compressed, AzStemmer? stemmer = null)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var r = new BinaryReader(brotli, Encoding.UTF8);
        try
        {
            if (r.ReadString() != Magic || r.ReadInt32() != Version || r.ReadInt32() != T)
                throw new InvalidDataException("not an İcmal NER model of version " + Version);
            int words = r.ReadInt32();
            var gazetteer = new Dictionary<string, GazetteerFlags>(words, StringComparer.Ordinal);
            for (int i = 0; i < words; i++) gazetteer[r.ReadString()] = (GazetteerFlags)r.ReadByte();
            var transitions = new float[(T + 1) * T];
            for (int i = 0; i < transitions.Length; i++) transitions[i] = r.ReadSingle();
            int innerCount = r.ReadInt32();
            if (innerCount is < 0 or > 100_000) throw new InvalidDataException("the NER model's word list is damaged");
            var inner = new HashSet<string>(innerCount, StringComparer.Ordinal);
            for (int i = 0; i < innerCount; i++) inner.Add(r.ReadString());
            var (rows, weights) = QuantisedWeights.Read(r, T);
            return new NerModel(new NerGazetteer(gazetteer), rows, weights, transitions, inner, stemmer ?? AzStemmer.Default);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the NER model ends early", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
        {
            throw new InvalidDataException("not an İcmal NER model: " + e.Message, e);
        }
    }
}
