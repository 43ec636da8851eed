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
    private static readonly double BadWeight = double.Parse(Environment.GetEnvironmentVariable("T_BW") ?? "0.4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What one character inside a recognised boilerplate box costs (it is never output).</summary>
    private static readonly double BoilerplateWeight = double.Parse(Environment.GetEnvironmentVariable("T_BPW") ?? "0.2", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly bool Debug = Environment.GetEnvironmentVariable("ICMAL_DEBUG_EXTRACT") is { Length: > 0 };

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
        if (Debug)
        {
            foreach (var n in nodes.Where(n => !n.InBoilerplate).OrderByDescending(n => n.Score > 0 ? n.Score * n.Weight : n.Score).Take(8))
                Console.Error.WriteLine($"cand {n.Score * n.Weight:F0} w={n.Weight:F2} prose={n.ProseChars} text={n.TextChars} <{n.Tag} class='{n.Element.GetAttribute("class")}' id='{n.Element.Id}'> depth {n.Depth}");
            foreach (var n in nodes.Where(n => n.Boilerplate && n.ProseChars > 200))
                Console.Error.WriteLine($"boiler prose={n.ProseChars} <{n.Tag} class='{n.Element.GetAttribute("class")}' id='{n.Element.Id}'>");
        }

        // Blocks under the chosen root, each with whether it survives the block tests.
        var inRoot = new List<(PageBlock Block, bool Keep)>();
        foreach (var b in blocks)
        {
            if (!Within(b.Owner, best)) continue;
            bool keep = !(b.Owner.InBoilerplate && !best.InBoilerplate) && KeepBlock(b);
            inRoot.Add((b, keep));
        }
        return (Tidy(inRoot), best);
    }

    /// <summary>
    /// Drops what only makes sense with what was dropped: a heading or a "label:" line whose section was a link
    /// list; a "related / read also / comments" heading and everything after it; scraps (credits, bare dates,
    /// names) before the first and after the last paragraph of prose.
    /// </summary>
    private static List<PageBlock> Tidy(List<(PageBlock Block, bool Keep)> inRoot)
    {
        int total = 0;
        foreach (var (b, keep) in inRoot) if (keep) total += b.Text.Length;
        var kept = new List<PageBlock>();
        int seen = 0;
        for (int i = 0; i < inRoot.Count; i++)
        {
            var (b, keep) = inRoot[i];
            if (!keep) continue;
            bool shortLabel = b.Kind == BlockKind.Heading || (b.Text.Length < 60 && !EndsSentence(b.Text));
            if (shortLabel && b.Text.Length < 80 && StopHeading().IsMatch(b.Text) && seen > total / 3)
            {
                if (Debug) Console.Error.WriteLine($"stop at: {b.Text}");
                break;
            }
            if (shortLabel)
            {
                // Orphan: the next block under the root was dropped, or there is none.
                bool orphan = i + 1 >= inRoot.Count || !inRoot[i + 1].Keep;
                if (orphan && b.Text.Length < 80 && (b.Kind == BlockKind.Heading || b.Text.EndsWith(':'))) continue;
            }
            if (b.Text.Length < 80 && Scrap().IsMatch(b.Text)) continue;
            kept.Add(b);
            seen += b.Text.Length;
        }

        // Scraps at the edges: short lines that are not sentences, before the first and after the last prose.
        int first = kept.FindIndex(IsProse), last = kept.FindLastIndex(IsProse);
        if (first < 0) return kept;
        var result = new List<PageBlock>(kept.Count);
        for (int i = 0; i < kept.Count; i++)
        {
            var b = kept[i];
            if ((i < first && b.Kind != BlockKind.Heading && b.Text.Length < 50 && !EndsSentence(b.Text))
                || (i > last && b.Kind is BlockKind.Paragraph or BlockKind.Heading && b.Text.Length < 50 && !EndsSentence(b.Text)))
                continue;
            result.Add(b);
        }
        return result;
    }

    private static bool IsProse(PageBlock b) => b.Kind != BlockKind.Heading && b.Text.Length >= 80;

    private static bool EndsSentence(string t) => t.Length > 0 && t[^1] is '.' or '!' or '?' or '…' or '"' or '”' or '»' or ')' or '。';

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
            bool bad = n.Tag is "nav" or "aside" or "footer" or "menu" or "noscript"
                || role is "navigation" or "complementary" or "contentinfo" or "banner" or "menu" or "menubar" or "search" or "dialog" or "alert"
                || HiddenClass(cls);
            string key = cls.Length + id.Length == 0 ? "" : Key(cls, id);
            bool semantic = itemprop.Equals("articleBody", StringComparison.OrdinalIgnoreCase)
                || (key.Length > 0 && Positive().IsMatch(key));
            if (!bad && key.Length > 0 && !semantic)
            {
                if (Negative().IsMatch(key)) bad = true;
                // Weak names ("widget", "meta", "tags") mark boilerplate only when the box is links or scraps.
                else if (WeakNegative().IsMatch(key) && (n.LinkChars * 3 > n.TextChars || n.ProseChars < 150)) bad = true;
            }
            if (n.Tag == "form" && n.ProseChars < 200) bad = true;

            // A wrapper holding much of the page's prose and the headline or article markup is a layout box,
            // whatever its name says.
            if (bad && pageProse > 0 && n.ProseChars * 5 > pageProse * 2 && n.ProseChars > 300)
            {
                bool commentLike = key.Length > 0 && CommentLike().IsMatch(key);
                if ((!commentLike && n.ProseChars * 2 > pageProse)
                    || n.Element.QuerySelector("h1, article, main, [itemprop=articleBody]") is not null) bad = false;
            }
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
                // It is dropped from the output anyway; it only costs its container a little.
                bad = len * BoilerplateWeight;
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

    [GeneratedRegex(@"comment(?!ary|ator)|disqus|\bshare|sharing|shariff|social|sociable|\brelated|recommend|similar|more-?(news|articles|stories|from)|most-?(read|popular|viewed|commented)|\bpopular|trending|sidebar|side-?bar|newsletter|subscri|sign-?up|cookie|consent|gdpr|cmp-|\bbanner|sponsor|promo|breadcrumb|pagination|\bpager\b|\bnav\b|navbar|navigation|\bmenu|footer|toolbar|tag-?cloud|author-?(bio|box|info|card)|login|\bmodal|popup|overlay|outbrain|taboola|\bplista|read-?more|also-?read|see-?also|teaser|masthead|site-?header|page-?header|top-?bar|bottom-?bar|jump-?to|table-?of-?contents|\btoc\b", RegexOptions.CultureInvariant)]
    private static partial Regex Negative();

    [GeneratedRegex(@"widget|advert|\bads?\b|\bad-|-ad\b|-ads\b|adsense|\bdfp|\btags\b|tag-?list|\bbyline|\bmeta\b|post-?meta|entry-?meta|article-?meta|\brating|\bpoll\b|\bskip|\bcarousel|slider|\bprint\b|\bfollow|\blikes?\b|\bvote|\brss\b|\bsearch\b|\bcontact\b|\binfo\b|\bauthor\b|\bdate\b|\bsource\b|\bcredit", RegexOptions.CultureInvariant)]
    private static partial Regex WeakNegative();

    [GeneratedRegex(@"comment(?!ary|ator)|disqus|\breply|respond|discussion|forum", RegexOptions.CultureInvariant)]
    private static partial Regex CommentLike();

    /// <summary>Headings that open what follows an article: related items, reading tips, comments.</summary>
    [GeneratedRegex(@"^\W*(related( articles| posts| stories| content| news| topics)?|read (more|also|next)|see also|you (may|might) (also )?like|more (from|on|stories|news|articles)|recommended|further reading|comments?|\d+ comments?|leave a (reply|comment)|most (read|popular|viewed)|popular|trending|tags|filed under|mehr zum thema|lesen sie (auch|mehr)|auch interessant|das könnte (sie|dich) auch interessieren|weitere (artikel|beiträge|themen|nachrichten|meldungen)|mehr themen|verwandte|empfohlene|ähnliche|kommentare?|schlagworte|schlagwörter|themen im artikel|zum thema|contenido relacionado|te puede interesar|noticias relacionadas|lee también|más noticias|artículos relacionados|à lire aussi|lire aussi|sur le même sujet|articles similaires|voir aussi|zobacz (także|też|również)|czytaj (także|też|również)|przeczytaj (także|też|również)|podobne|komentarze|veja também|leia também|notícias relacionadas|bənzər xəbərlər|digər xəbərlər|oxşar xəbərlər|ən çox oxunan|şərhlər|son xəbərlər|xəbər lenti|mövzu ilə bağlı|читайте также|похожие новости|комментарии|другие новости|по теме|ilgili haberler|benzer haberler|yorumlar|bunlar da ilginizi çekebilir)\b.{0,40}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StopHeading();

    /// <summary>Photo credits, copyright lines, bare dates and times, "updated" stamps.</summary>
    [GeneratedRegex(@"^(©|\(c\)\s|copyright\b|(foto|fotos|bild|bilder|photo|photos|image|credit|credits|crédito|crédits photos?|fot\.|źródło|quelle|titelbild|bildquelle)\s*:|.*\b(all rights reserved|alle rechte vorbehalten|tous droits réservés|getty images|shutterstock|istock)\b|[\d\s.,:/|\-–—]*(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d)[\d\s.,:/|\-–—]*(uhr|h|am|pm)?\s*$|(aktualisiert|updated|veröffentlicht|published|publikacja|yenilənib)\s*(am|on|:)?\s*$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Scrap();

    [GeneratedRegex(@"^(share|tweet|print|e-?mail|advertisement|anzeige|werbung|reklam|reklama|реклама|paylaş|скопировать|copy link|read more|weiterlesen|mehr lesen|lesen sie auch|ətraflı|daha ətraflı|подробнее|facebook|twitter|whatsapp|telegram|linkedin|pinterest)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ChromeLine();
}
