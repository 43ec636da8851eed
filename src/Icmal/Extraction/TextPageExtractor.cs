using System.Text;
using System.Text.RegularExpressions;
using Icmal.Extraction.Text;
using Icmal.Model;
using Icmal.Text;
using Icmal.Extraction.Dates;

namespace Icmal.Extraction;

/// <summary>
/// Extracts an article from a page copied as plain text (a browser "select all", a print edition pasted as text).
/// </summary>
/// <remarks>
/// Such dumps carry the whole page: menus, "most read" lists, category/time feeds and comment prompts around the
/// article. The article is the densest run of prose lines; headline, byline, date and credits are looked for in
/// the short lines just around it, and everything else short is chrome. This works without any knowledge of a
/// particular site, which is the point: there are hundreds of portals.
/// </remarks>
public static partial class TextPageExtractor
{
    /// <summary>The longest text read; a copied page is never near it, and the cut bounds time and memory.</summary>
    public const int MaxChars = 2_500_000;

    private const int ProseMinLength = 60;
    private const int ShortLinePenalty = 40;

    private enum LineKind { Blank, Prose, Bullet, Short }

    private sealed record Line(string Text, LineKind Kind, int Index);

    /// <param name="fetched">When the page was fetched, if it was: a relative date line ("Bu gün, 14:37") before the
    /// body is read against it, on Baku's calendar.</param>
    public static ExtractedArticle Extract(string text, DateTimeOffset? fetched = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars) text = text[..MaxChars];
        text = string.Join('\n', Hyphenation.Mend(text.ReplaceLineEndings("\n").Split('\n')));
        var lines = Classify(text);
        var (start, end) = DensestProseRun(lines);
        if (start < 0) return new ExtractedArticle();

        string? site = lines.Select(l => DomainLine().Match(l.Text)).FirstOrDefault(m => m.Success)?.Groups["host"].Value;
        SourceCredit? credit = null;
        DateTimeOffset? published = null;
        DateEvidence? publishedFrom = null;
        string? title = null;
        var authors = new List<string>();

        // Before the body: headline, date, byline.
        for (int i = 0; i < start; i++)
        {
            var line = lines[i];
            if (line.Kind == LineKind.Blank) continue;
            if (TryCredit(line.Text, ref credit)) continue;
            if (published is null && IsDateLine(line.Text) && DateText.TryFind(line.Text, out var when))
            {
                (published, publishedFrom) = (when, new DateEvidence(DateEvidenceKind.DateLine, "before-text"));
                continue;
            }
            if (published is null && fetched is { } f && line.Text.Length <= 60 && RelativeDate.TryRead(line.Text, f, null, out var relative, out _))
            {
                (published, publishedFrom) = (relative, new DateEvidence(DateEvidenceKind.Relative, "before-text"));
                continue;
            }
            if (authors.Count == 0 && title is not null && LooksLikePersonName(line.Text))
            {
                authors.Add(CleanName(line.Text));
                continue;
            }
            if (title is null && LooksLikeHeadline(line.Text)) title = Fold(line.Text);
        }

        // The body: prose and bullets; a standalone headline-like line inside it is the headline of a print page
        // whose columns were pasted out of order, a standalone short name-like line is its signature.
        var blocks = new List<ArticleBlock>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = start; i <= end; i++)
        {
            var line = lines[i];
            if (line.Kind == LineKind.Blank) continue;
            string folded = Fold(line.Text);
            if (!seen.Add(folded)) continue;
            if (TryCredit(folded, ref credit)) continue;
            if (site is not null && folded.Length < 200 && folded.Contains(site, StringComparison.OrdinalIgnoreCase)) continue;
            switch (line.Kind)
            {
                case LineKind.Prose:
                    blocks.Add(new ArticleBlock(BlockKind.Paragraph, folded));
                    break;
                case LineKind.Bullet:
                    blocks.Add(new ArticleBlock(BlockKind.ListItem, BulletMarker().Replace(folded, "")));
                    break;
                default:
                    bool standalone = IsBlankAt(lines, i - 1) && IsBlankAt(lines, i + 1);
                    if (standalone && title is null && LooksLikeHeadline(folded) && WordCount(folded) >= 4) title = folded;
                    else if (standalone && authors.Count == 0 && LooksLikeSignature(folded)) authors.Add(CleanName(folded));
                    else if (EndsSentence(folded)) blocks.Add(new ArticleBlock(BlockKind.Paragraph, folded));
                    else if (WordCount(folded) >= 2 && !IsDateLine(folded)) blocks.Add(new ArticleBlock(BlockKind.Heading, folded));
                    break;
            }
        }

        // After the body: signature (name, then affiliation lines), credits, archive time.
        bool signatureOpen = true;
        for (int i = end + 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Kind == LineKind.Blank)
            {
                if (authors.Count > 0 || i > end + 2) signatureOpen = false;
                continue;
            }
            string folded = Fold(line.Text);
            if (TryCredit(folded, ref credit)) continue;
            if (published is null && ArchiveLine().IsMatch(folded) && DateText.TryFind(folded, out var archived))
            {
                (published, publishedFrom) = (archived, new DateEvidence(DateEvidenceKind.DateLine, "archive"));
                continue;
            }
            if (signatureOpen && authors.Count == 0 && (LooksLikePersonName(folded) || LooksLikeSignature(folded)))
            {
                authors.Add(CleanName(folded));
                continue;
            }
            signatureOpen = signatureOpen && authors.Count > 0 && i <= end + 4;
        }

        // A rubric printed on the headline's line ("… pəncərəsidir Analitik") is the article's section.
        string? section = null;
        if (title is not null)
        {
            string shown = title;
            (title, section) = HeadlineSection.Split(title, Labels(lines));
            blocks.RemoveAll(b => string.Equals(b.Text, shown, StringComparison.Ordinal));
        }

        return new ExtractedArticle
        {
            Title = title,
            Section = section,
            Blocks = JoinBrokenParagraphs(blocks),
            Authors = authors,
            Published = published,
            PublishedFrom = publishedFrom,
            Site = site,
            Original = credit is null ? null : credit with { Url = WebUrl.TryHttp(credit.Url) },
        };
    }

    /// <summary>
    /// A paragraph that stops without a full stop and a next one that starts in lower case are one paragraph cut
    /// by a column or page break in print: join them.
    /// </summary>
    private static List<ArticleBlock> JoinBrokenParagraphs(List<ArticleBlock> blocks)
    {
        var result = new List<ArticleBlock>(blocks.Count);
        foreach (var block in blocks)
        {
            var b = block;
            if (b.Kind is BlockKind.Paragraph or BlockKind.ListItem) b = b with { Text = MissingSpace().Replace(b.Text, ". ") };
            if (result.Count > 0 && b.Kind == BlockKind.Paragraph && result[^1].Kind == BlockKind.Paragraph
                && !EndsSentence(result[^1].Text) && b.Text.Length > 0 && char.IsLower(b.Text[0]))
            {
                result[^1] = result[^1] with { Text = result[^1].Text + " " + b.Text };
                continue;
            }
            result.Add(b);
        }
        return result;
    }

    private static List<Line> Classify(string text)
    {
        var result = new List<Line>();
        int index = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            string t = raw.Trim().Trim('\u00A0', '\u200B', '\uFEFF').Trim();
            LineKind kind;
            if (t.Length == 0) kind = LineKind.Blank;
            else if (BulletMarker().IsMatch(t) && t.Length >= 20) kind = LineKind.Bullet;
            else if (t.Length >= 150 || (t.Length >= ProseMinLength && (EndsSentence(t) || t.EndsWith('-') || t.EndsWith(','))))
                kind = LineKind.Prose;
            else kind = LineKind.Short;
            result.Add(new Line(t, kind, index++));
        }
        return result;
    }

    /// <summary>Maximum-sum run (Kadane) where prose scores its length and each short line costs a fixed penalty.</summary>
    private static (int Start, int End) DensestProseRun(List<Line> lines)
    {
        int bestStart = -1, bestEnd = -1;
        long best = 0, current = 0;
        int currentStart = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            long score = lines[i].Kind switch
            {
                LineKind.Prose or LineKind.Bullet => lines[i].Text.Length,
                LineKind.Short => -ShortLinePenalty,
                _ => 0,
            };
            if (current <= 0)
            {
                current = 0;
                currentStart = i;
            }
            current += score;
            if (current > best)
            {
                best = current;
                bestStart = currentStart;
                bestEnd = i;
            }
        }
        while (bestStart >= 0 && bestStart <= bestEnd && lines[bestStart].Kind == LineKind.Blank) bestStart++;
        return (bestStart, bestEnd);
    }

    /// <summary>
    /// The page's one-word lines without figures ("Siyasət", "Dünya", "Şou-biznes"): its menus and category
    /// feeds, which name the sections it files articles under.
    /// </summary>
    private static IEnumerable<string> Labels(List<Line> lines)
    {
        foreach (var line in lines)
        {
            if (line.Kind != LineKind.Short || line.Text.Length > 30 || WordCount(line.Text) != 1) continue;
            if (line.Text.Any(char.IsDigit) || !char.IsUpper(line.Text[0])) continue;
            yield return line.Text;
        }
    }

    private static bool TryCredit(string line, ref SourceCredit? credit) => SourceCredits.TryRead(line, ref credit);

    private static bool IsBlankAt(List<Line> lines, int i) => i < 0 || i >= lines.Count || lines[i].Kind == LineKind.Blank;

    private static bool EndsSentence(string t) => t.Length > 0 && ".!?…\"”»)".Contains(t[^1], StringComparison.Ordinal);

    private static bool IsDateLine(string t) => t.Length <= 60 && DateLike().IsMatch(t);

    private static bool LooksLikeHeadline(string t) =>
        t.Length is >= 15 and <= 220 && WordCount(t) >= 3 && !t.EndsWith('.') && !IsDateLine(t) && !t.Contains("://", StringComparison.Ordinal);

    /// <summary>Two to four capitalised words of letters: "İlqar İlyasov", "Avtandil Məmmədəv,".</summary>
    private static bool LooksLikePersonName(string t)
    {
        string s = t.TrimEnd(',', '.', ' ');
        if (s.Length > 50) return false;
        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 4) return false;
        foreach (var w in words)
        {
            string core = w.TrimEnd('.');
            if (core.Length == 0 || !char.IsUpper(core[0])) return false;
            foreach (char c in core) if (!char.IsLetter(c) && c is not '-' and not '\'' and not '’') return false;
        }
        return true;
    }

    /// <summary>A short standalone sign-off such as "Analitik qrup": a few words, capitalised, no digits.</summary>
    private static bool LooksLikeSignature(string t)
    {
        string s = t.TrimEnd(',', ' ');
        if (s.Length is < 4 or > 40 || WordCount(s) > 4 || !char.IsUpper(s[0])) return false;
        foreach (char c in s) if (char.IsDigit(c) || c is ':' or '?' or '!' or '/') return false;
        return !EndsSentence(s);
    }

    private static string CleanName(string t) => Fold(t).TrimEnd(',', '.', ' ');

    private static int WordCount(string t) => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Fold(string t) => Whitespace.Fold(t);

    /// <summary>A full stop glued to the next sentence by a copy ("çevrildi.Qazaxıstanın"), not an initial or a domain.</summary>
    [GeneratedRegex(@"(?<=\p{Ll}\p{Ll})\.(?=\p{Lu}\p{Ll})", RegexOptions.CultureInvariant)]
    private static partial Regex MissingSpace();

    [GeneratedRegex(@"^\s*[-–—•*·]\s+", RegexOptions.CultureInvariant)]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"^(?:www\.)?(?<host>[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:az|com|net|org|info|ru|tr|news))/?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DomainLine();

    [GeneratedRegex(@"arxivləşdiril|arxivləşdirilmiş", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ArchiveLine();

    [GeneratedRegex(@"^\W*(?:[0-2]?[0-9]:[0-5][0-9]\s*[|,/·•–—-]?\s*)?(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+\p{L}+\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\s+\d{1,2}:\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
