using System.Text;
using Icmal.Model;

namespace Icmal.Evaluation;

/// <summary>What an aggregator did to a text it republished: the edits of one generated copy.</summary>
[Flags]
public enum CopyEditKinds
{
    None = 0,
    /// <summary>A credit line naming the original's site, at the top or the bottom ("Banker.az portalına istinadən").</summary>
    Credit = 1,
    /// <summary>A paragraph cut, or the last sentences of a one-paragraph text.</summary>
    Cut = 2,
    /// <summary>A paragraph of background added ("Qeyd edək ki, …").</summary>
    Added = 4,
    /// <summary>The aggregator's chrome kept with the text: rubric, share buttons, view count, "related news" headlines.</summary>
    Chrome = 8,
    /// <summary>Other quotes and dashes, soft hyphens in long words.</summary>
    Typography = 16,
    /// <summary>Typed on a keyboard without ə: "e" for every "ə".</summary>
    SchwaAsE = 32,
}

/// <summary>One generated copy: its text, the credit its page gives, and the edits that made it.</summary>
public sealed record GeneratedCopy(string Site, string Title, string Text, SourceCredit? Credit, CopyEditKinds Edits);

/// <summary>
/// Realistic republications of an article, as Azerbaijani aggregators make them: always a new headline, then each edit
/// with its own chance, several at once as often as not. Seeded, so a figure can be reproduced.
/// </summary>
public sealed class CopyEdits(Random random, IReadOnlyList<string> otherTitles, IReadOnlyList<string> otherParagraphs)
{
    private static readonly string[] Sites = ["icma.az", "xeberler.az", "sonxeber.az", "gundem.info", "azinfo.az", "lent24.az", "baku-news.az", "xebermerkezi.az"];
    private static readonly string[] Rubrics = ["Son xəbərlər", "İqtisadiyyat", "Cəmiyyət", "Gündəm", "Maliyyə"];
    private static readonly string[] HeadlinePrefixes = ["Rəsmi: ", "Son dəqiqə: ", "Diqqət! ", "VACİB: ", ""];

    /// <summary>A copy of an article of <paramref name="originalSite"/> with headline <paramref name="title"/> and paragraphs <paramref name="text"/>.</summary>
    public GeneratedCopy Make(string originalSite, string title, string text)
    {
        ArgumentNullException.ThrowIfNull(originalSite);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        string site = Sites[random.Next(Sites.Length)];
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var edits = CopyEditKinds.None;
        SourceCredit? credit = null;

        if (Chance(0.35) && Cut(paragraphs)) edits |= CopyEditKinds.Cut;
        if (Chance(0.3) && otherParagraphs.Count > 0)
        {
            paragraphs.Insert(random.Next(1, paragraphs.Count + 1), "Qeyd edək ki, " + otherParagraphs[random.Next(otherParagraphs.Count)]);
            edits |= CopyEditKinds.Added;
        }
        if (Chance(0.5))
        {
            string name = char.ToUpperInvariant(originalSite[0]) + originalSite[1..];
            if (Chance(0.5)) paragraphs.Insert(0, $"{char.ToUpperInvariant(site[0])}{site[1..]}, {name} portalına istinadən xəbər verir.");
            else paragraphs.Add($"Mənbə: {name}");
            credit = new SourceCredit(name, "https://" + originalSite);
            edits |= CopyEditKinds.Credit;
        }
        if (Chance(0.5))
        {
            paragraphs.Insert(0, Rubrics[random.Next(Rubrics.Length)]);
            paragraphs.Add($"Baxış sayı: {random.Next(40, 5000)}");
            paragraphs.Add("Paylaş: Facebook | WhatsApp | Telegram");
            paragraphs.Add("Oxşar xəbərlər");
            for (int k = 0; k < 3 && otherTitles.Count > 0; k++) paragraphs.Add(otherTitles[random.Next(otherTitles.Count)]);
            edits |= CopyEditKinds.Chrome;
        }
        string body = string.Join("\n\n", paragraphs);
        if (Chance(0.5))
        {
            body = Typography(body);
            edits |= CopyEditKinds.Typography;
        }
        if (Chance(0.2))
        {
            body = body.Replace('ə', 'e').Replace('Ə', 'E');
            edits |= CopyEditKinds.SchwaAsE;
        }
        return new GeneratedCopy(site, Headline(title, paragraphs), body, credit, edits);
    }

    private bool Chance(double p) => random.NextDouble() < p;

    /// <summary>Cuts a paragraph other than the first, or the last third of the sentences of a text of one or two.</summary>
    private bool Cut(List<string> paragraphs)
    {
        if (paragraphs.Count >= 3)
        {
            paragraphs.RemoveAt(random.Next(1, paragraphs.Count));
            return true;
        }
        string last = paragraphs[^1];
        string[] sentences = last.Split(". ");
        if (sentences.Length < 3) return false;
        int keep = sentences.Length - Math.Max(1, sentences.Length / 3);
        paragraphs[^1] = string.Join(". ", sentences.Take(keep)) + ".";
        return true;
    }

    /// <summary>A new headline: the original's with a prefix, or the lead's first words.</summary>
    private string Headline(string title, List<string> paragraphs)
    {
        if (Chance(0.5)) return HeadlinePrefixes[random.Next(HeadlinePrefixes.Length)] + title;
        string lead = paragraphs.FirstOrDefault(p => p.Length > 60) ?? title;
        return string.Join(' ', lead.Split(' ').Take(9)) + "…";
    }

    /// <summary>Curly or angle quotes for straight ones and the reverse, long dashes, soft hyphens in long words.</summary>
    private string Typography(string text)
    {
        var sb = new StringBuilder(text.Length + text.Length / 20);
        bool open = true;
        bool angle = Chance(0.5);
        int letters = 0;
        foreach (char c in text)
        {
            switch (c)
            {
                case '"' or '“' or '”' or '«' or '»':
                    sb.Append(angle ? (open ? '«' : '»') : (open ? '“' : '”'));
                    open = !open;
                    letters = 0;
                    continue;
                case '-' when sb.Length > 0 && sb[^1] == ' ':
                    sb.Append('—');
                    letters = 0;
                    continue;
            }
            sb.Append(c);
            letters = char.IsLetter(c) ? letters + 1 : 0;
            if (letters == 6 && random.NextDouble() < 0.3) sb.Append('\u00AD');
        }
        return sb.ToString();
    }
}
