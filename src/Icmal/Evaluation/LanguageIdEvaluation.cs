using Icmal.Text.LanguageId;

namespace Icmal.Evaluation;

/// <summary>One language of the set: how many of its sentences were identified, and with the right script.</summary>
public sealed record LanguageIdRow(string Code, string Language, string Script, int Sentences, int Right, int ScriptRight)
{
    public double Accuracy => Sentences == 0 ? 0 : (double)Right / Sentences;
}

/// <summary>A language the identifier took for another, and how often.</summary>
public sealed record LanguageConfusion(string Gold, string Guessed, int Count);

/// <summary>Language identification over a set: per language, in all, and the confusions, most frequent first.</summary>
public sealed record LanguageIdReport(IReadOnlyList<LanguageIdRow> Languages, IReadOnlyList<LanguageConfusion> Confusions)
{
    public int Sentences => Languages.Sum(l => l.Sentences);
    public int Right => Languages.Sum(l => l.Right);
    public double Accuracy => Sentences == 0 ? 0 : (double)Right / Sentences;
}

/// <summary>
/// Scores <see cref="LanguageIdentifier.Default"/> on a set laid out as shared/data/langid/sib200: one folder per
/// SIB-200 code (e.g. azj_Latn) holding one sentence a line. Languages without the file are left out.
/// </summary>
public static class LanguageIdEvaluation
{
    /// <param name="dir">The set's folder.</param>
    /// <param name="split">The file name in each language folder (dev.txt).</param>
    /// <param name="maxWords">Cut each sentence to its first N words (0: whole), to measure short text.</param>
    public static async Task<LanguageIdReport> EvaluateAsync(string dir, string split, int maxWords, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(split);
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: no such folder");
        var id = LanguageIdentifier.Default;
        var confusions = new Dictionary<(string Gold, string Got), int>();
        var rows = new List<LanguageIdRow>();
        foreach (var (code, label) in LanguageModelTrainer.Sib200Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string file = Path.Combine(dir, code, split);
            if (!File.Exists(file)) continue;
            var (gold, goldScript) = Gold(label, code);
            int right = 0, scriptRight = 0, total = 0;
            foreach (string raw in await File.ReadAllLinesAsync(file, ct))
            {
                if (raw.Length == 0) continue;
                string line = maxWords > 0 ? string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(maxWords)) : raw;
                var guess = id.Identify(line);
                total++;
                if (guess.Language == gold) right++;
                else confusions[(gold, guess.Language)] = confusions.GetValueOrDefault((gold, guess.Language)) + 1;
                if (guess.Language == gold && guess.Script == goldScript) scriptRight++;
            }
            rows.Add(new LanguageIdRow(code, gold, goldScript, total, right, scriptRight));
        }
        var ordered = confusions.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Gold, StringComparer.Ordinal)
            .Select(kv => new LanguageConfusion(kv.Key.Gold, kv.Key.Got, kv.Value));
        return new LanguageIdReport(rows, [.. ordered]);
    }

    /// <summary>The gold language and script of a SIB-200 label ("az-Latn" style) and code ("azj_Latn").</summary>
    private static (string Language, string Script) Gold(string label, string code)
    {
        int dash = label.IndexOf('-', StringComparison.Ordinal);
        string script = code[(code.IndexOf('_', StringComparison.Ordinal) + 1)..];
        return (dash < 0 ? label : label[..dash], script);
    }
}
