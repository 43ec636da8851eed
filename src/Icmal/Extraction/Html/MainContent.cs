using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Icmal.Model;

namespace Icmal.Extraction.Html;

/// <summary>
/// Finds the article in a page's blocks. Each block-level element scores the prose it holds minus a share of the
/// link lists, short fragments and boilerplate it holds; the element with the best score (weighted up for
/// semantic markup such as itemprop=articleBody, &lt;article&gt;, "entry-content") is the article. Inside it,
/// blocks from boilerplate containers (share bars, "related", comments, ads, newsletter boxes) and link-dense
/// blocks are dropped. Nothing here knows a particular site.
/// </summary>
internal static partial class MainContent
{
    /// <summary>How much one character of boilerplate costs against one character of prose.</summary>
    private const double BadWeight = 0.6;

    public static (List<PageBlock> Blocks, PageNode Root) Select(List<PageBlock> blocks, List<PageNode> nodes)
    {
        if (blocks.Count == 0) return ([], nodes[0]);
        var body = nodes[0];
        MarkBoilerplate(nodes, body);
        Score(blocks);

        PageNode best = body;
        double bestScore = double.MinValue;
        foreach (var n in nodes)
        {
            if (n.InBoilerplate) continue;
            double s = n.Score > 0 ? n.Score * n.Weight : n.Score;
            if (s > bestScore)
            {
                bestScore = s;
                best = n;
            }
        }
        if (bestScore <= 0) best = body;

        var result = new List<PageBlock>();
        foreach (var b in blocks)
        {
            if (!Within(b.Owner, best)) continue;
            if (b.Owner.InBoilerplate && !best.InBoilerplate) continue;
            if (!KeepBlock(b)) continue;
            result.Add(b);
        }
        return (result, best);
    }

    private static bool Within(PageNode node, PageNode ancestor)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (ReferenceEquals(n, ancestor)) return true;
            if (n.Depth < ancestor.Depth) return false;
        }
        return false;
    }

    private static bool KeepBlock(PageBlock b)
    {
        double ld = b.LinkDensity;
        int len = b.Text.Length;
        if (b.Kind == BlockKind.Heading) return ld < 0.6;
        if (ld > 0.5) return false;
        if (ld > 0.3 && len < 100) return false;
        if (b.Kind == BlockKind.ListItem && ld > 0.3) return false;
        if (len < 60 && ChromeLine().IsMatch(b.Text)) return false;
        return true;
    }

    private static void MarkBoilerplate(List<PageNode> nodes, PageNode body)
    {
        int pageProse = body.ProseChars;
        foreach (var n in nodes)
        {
            if (n.Depth == 0) continue;
            var el = n.Element;
            string cls = el.GetAttribute("class") ?? "";
            string id = el.Id ?? "";
            string role = el.GetAttribute("role") ?? "";
            string itemprop = el.GetAttribute("itemprop") ?? "";
            bool bad = n.Tag is "nav" or "aside" or "footer" or "menu"
                || role is "navigation" or "complementary" or "contentinfo" or "banner" or "menu" or "menubar" or "search" or "dialog" or "alert"
                || HiddenClass(cls);
            string key = cls.Length + id.Length == 0 ? "" : Key(cls, id);
            bool semantic = itemprop.Equals("articleBody", StringComparison.OrdinalIgnoreCase)
                || (key.Length > 0 && Positive().IsMatch(key));
            if (!bad && key.Length > 0 && !semantic && Negative().IsMatch(key)) bad = true;
            if (n.Tag == "form" && n.ProseChars < 200) bad = true;

            // A wrapper holding most of the page's prose is a layout box whatever its name says.
            if (bad && pageProse > 0 && n.ProseChars * 2 > pageProse && n.ProseChars > 400) bad = false;
            n.Boilerplate = bad;
            n.InBoilerplate = bad || (n.Parent?.InBoilerplate ?? false);

            double w = 1;
            if (itemprop.Equals("articleBody", StringComparison.OrdinalIgnoreCase)) w = 1.6;
            else if (semantic) w = 1.4;
            else if (key.Length > 0 && Generic().IsMatch(key)) w = 1.15;
            if (n.Tag == "article") w *= 1.15;
            else if (n.Tag == "main" || role == "main") w *= 1.1;
            n.Weight = w;
        }
    }

    private static void Score(List<PageBlock> blocks)
    {
        foreach (var b in blocks)
        {
            int len = b.Text.Length;
            double good = 0, bad = 0;
            if (b.Owner.InBoilerplate)
            {
                bad = len;
            }
            else if (b.Kind == BlockKind.Heading)
            {
                // Headings are neutral: they belong to whatever they head.
            }
            else if (b.LinkDensity > 0.5)
            {
                bad = len;
            }
            else if (len < 25)
            {
                bad = len * 0.5;
            }
            else
            {
                good = len - b.LinkChars;
                bad = b.LinkChars;
                // Sentences carry punctuation; menus and tag clouds do not.
                int stops = 0;
                foreach (char c in b.Text) if (c is '.' or ',' or '!' or '?' or ';' or '。' or '،') stops++;
                if (stops == 0 && len < 80) { bad += good * 0.5; good *= 0.5; }
            }
            double delta = good - (BadWeight * bad);
            if (delta == 0) continue;
            int hops = 0;
            for (var n = b.Owner; n is not null && hops < 128; n = n.Parent, hops++) n.Score += delta;
        }
    }

    private static bool HiddenClass(string cls)
    {
        if (cls.Length == 0) return false;
        foreach (var token in cls.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (token is "hidden" or "d-none" or "sr-only" or "visually-hidden" or "screen-reader-text" or "invisible" or "hide" or "is-hidden")
                return true;
        return false;
    }

    /// <summary>Class and id folded to lower-case ASCII with '_' as '-', and camelCase split: "articleBody" → "article-body".</summary>
    private static string Key(string cls, string id)
    {
        var sb = new System.Text.StringBuilder(cls.Length + id.Length + 3);
        sb.Append(' ');
        foreach (string part in (ReadOnlySpan<string>)[cls, id])
        {
            char prev = ' ';
            foreach (char c in part)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    if (prev is >= 'a' and <= 'z') sb.Append('-');
                    sb.Append((char)(c + 32));
                }
                else if (c == '_') sb.Append('-');
                else sb.Append(c);
                prev = c;
            }
            sb.Append(' ');
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"article-?body|article-?content|article-?text|article--?body|article-?main|article-?detail|post-?body|post-?content|post-?text|post-?entry|entry-?content|entry-?body|entry-?text|story-?body|story-?content|story-?text|content-?body|main-?content|body-?text|text-?content|single-?content|field-?body|field-?name-?body|full-?text|rich-?text|news-?text|news-?body|news-?content|news-?detail|detail-?content|content-?detail|item-?body|item-?text|blog-?content|page-?content|article-?inner", RegexOptions.CultureInvariant)]
    private static partial Regex Positive();

    [GeneratedRegex(@"\barticle\b|\bstory\b|\bcontent\b|\btext\b|\bpost\b|\bentry\b|\bmain\b", RegexOptions.CultureInvariant)]
    private static partial Regex Generic();

    [GeneratedRegex(@"comment|disqus|\bshare|sharing|shariff|social|sociable|\brelated|recommend|similar|more-?(news|articles|stories|from)|most-?(read|popular|viewed|commented)|\bpopular|trending|sidebar|side-?bar|widget|newsletter|subscri|sign-?up|cookie|consent|gdpr|cmp-|banner|advert|\bads?\b|\bad-|-ad\b|-ads\b|adsense|\bdfp|sponsor|promo|breadcrumb|pagination|\bpager\b|\bnav\b|navbar|navigation|\bmenu|footer|toolbar|tag-?cloud|\btags\b|tag-?list|author-?(bio|box|info|card)|\bbyline|\bmeta\b|post-?meta|entry-?meta|article-?meta|login|\bmodal|popup|overlay|outbrain|taboola|\bplista|\brating|\bpoll\b|read-?more|also-?read|see-?also|\bskip|teaser|\bcarousel|slider|paywall|offer|\bprint\b|masthead|site-?header|page-?header|top-?bar|bottom-?bar|\bfollow|\blikes?\b|\bvote|\bwidget|\brss\b|\bsearch\b|\bcontact\b|jump-?to|table-?of-?contents|\btoc\b", RegexOptions.CultureInvariant)]
    private static partial Regex Negative();

    [GeneratedRegex(@"^(share|tweet|print|e-?mail|advertisement|anzeige|werbung|reklam|reklama|реклама|paylaş|скопировать|copy link|read more|weiterlesen|mehr lesen|lesen sie auch|ətraflı|daha ətraflı|подробнее|facebook|twitter|whatsapp|telegram|linkedin|pinterest)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ChromeLine();
}
