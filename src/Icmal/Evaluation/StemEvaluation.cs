using Icmal.Text;
using Icmal.Text.Casing;
using Icmal.Text.Stemming;
using Icmal.Model;

namespace Icmal.Evaluation;

/// <summary>One gold word the stemmer got wrong.</summary>
public sealed record StemError(string Word, string Gold, string Got, string Source);

/// <summary>Right answers of one source of the gold list ("" when a line names none).</summary>
public sealed record StemSourceScore(string Source, int Right, int Total);

/// <summary>Stemmer accuracy on a gold list, per source, with every wrong stem and every malformed line.</summary>
public sealed record StemReport(string Path, int Right, int Total, IReadOnlyList<StemSourceScore> BySource, IReadOnlyList<StemError> Errors,
    IReadOnlyList<string> Problems)
{
    public double Accuracy => Total == 0 ? 0 : (double)Right / Total;
}

/// <summary>
/// Scores the stems articles get (the analyser's single stem where it has one, else <see cref="AzStemmer"/>) on a
/// "word TAB gold stem [TAB source]" list such as eval/stem-gold.tsv; '#' starts a comment line. Compared lower-cased
/// with Azerbaijani casing.
/// </summary>
public static class StemEvaluation
{
    public static async Task<StemReport> EvaluateAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stemmer = AzStemmer.Default;
        int right = 0, total = 0, lineNo = 0;
        var errors = new List<StemError>();
        var problems = new List<string>();
        var bySource = new SortedDictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
        foreach (string line in await File.ReadAllLinesAsync(path, ct))
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#') continue;
            string[] cells = line.Split('\t');
            if (cells.Length < 2)
            {
                problems.Add($"{path}:{lineNo}: expected word TAB stem");
                continue;
            }
            string source = cells.Length > 2 ? cells[2] : "";
            string got = AzCasing.ToLower(AzAnalyzer.Stems(cells[0]) is [var only] ? only : stemmer.Stem(cells[0]));
            bool ok = got == AzCasing.ToLower(cells[1]);
            total++;
            if (ok) right++;
            else errors.Add(new StemError(cells[0], cells[1], got, source));
            var s = bySource.GetValueOrDefault(source);
            bySource[source] = (s.Right + (ok ? 1 : 0), s.Total + 1);
        }
        return new StemReport(path, right, total, [.. bySource.Select(kv => new StemSourceScore(kv.Key, kv.Value.Right, kv.Value.Total))], errors, problems);
    }
}
