// Over 400 lines on purpose: one scoring model (boxes, text and link densities, boilerplate class tokens, the lead and caption look-ups) whose rules refer to each other; split, one heuristic would be read across files.
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Icmal.Html;
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
    private const double BadWeight = 0.4;

    private const double SiblingShare = 0.3;
    private const double SemW = 1.4;
    private const double GenW = 1.15;

    /// <summary>Below this many characters the chosen box is not an article and the page's prose is taken instead.</summary>
    private const int ShortText = 250;

    /// <summary>What one character inside a recognised boilerplate box costs (it is never output).</summary>
    private const double BoilerplateWeight = 0.2;



    public static (List<PageBlock> Blocks, PageNode Root) Select(List<PageBlock> blocks, List<PageNode> nodes)
    {
        if (blocks.Count == 0) return ([], nodes[0]);
        var body = nodes[0];
        bool commentBoxes = MarkBoilerplate(nodes, body);
        Score(blocks);
        var (chosen, root, chars) = Choose(blocks, nodes, body);
        if (chars < ShortText && commentBoxes)
        {
            // No article outside the boxes named like comments: the page is a forum thread or a live ticker, and
            // the posts in those boxes are its text.
            foreach (var n in nodes)
            {
                n.Score = 0;
                if (n.CommentBox) n.Boilerplate = false;
                n.InBoilerplate = n.Boilerplate || (n.Parent?.InBoilerplate ?? false);
            }
            Score(blocks);
            var (posts, postsRoot, postChars) = Choose(blocks, nodes, body);
            if (postChars >= ShortText && postChars > chars * 2) return (posts, postsRoot);
        }
        return (chosen, root);
    }

    private static (List<PageBlock> Blocks, PageNode Root, int Chars) Choose(List<PageBlock> blocks, List<PageNode> nodes, PageNode body)
    {
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

        // Siblings of the root that carry prose of their own (a lead box, a second body part) join it.
        var roots = new List<PageNode> { best };
        if (best.Parent is { } parent && best.Score > 0)
        {
            foreach (var n in nodes)
            {
                if (!ReferenceEquals(n.Parent, parent) || ReferenceEquals(n, best) || n.InBoilerplate) continue;
                if (n.Score > best.Score * SiblingShare && n.ProseChars > 0 && n.LinkChars * 4 < n.TextChars) roots.Add(n);
            }
        }

        // Blocks under the chosen root, each with whether it survives the block tests.
        var inRoot = new List<(PageBlock Block, bool Keep)>();
        foreach (var b in blocks)
        {
            if (!WithinAny(b.Owner, roots)) continue;
            bool keep = !(b.Owner.InBoilerplate && !best.InBoilerplate) && KeepBlock(b);
            inRoot.Add((b, keep));
        }
        var tidy = WithLeadBlocks(Tidy(inRoot), blocks, roots);
        int kept = 0;
        foreach (var b in tidy) kept += b.Text.Length;
        if (kept < ShortText)
        {
            // Too little for an article: take every prose block of the page outside boilerplate instead.
            var all = new List<(PageBlock, bool)>();
            int total = 0;
            foreach (var b in blocks)
            {
                bool keep = !b.Owner.InBoilerplate && KeepBlock(b) && (b.Kind == BlockKind.Heading || b.Text.Length >= 40);
                all.Add((b, keep));
                if (keep && b.Kind != BlockKind.Heading) total += b.Text.Length;
            }
            if (total > kept * 2)
            {
                var fallback = Tidy(all);
                int chars = 0;
                foreach (var b in fallback) chars += b.Text.Length;
                return (fallback, body, chars);
            }
        }
        return (tidy, best, kept);
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
        int resume = 0;
        for (int i = 0; i < inRoot.Count; i++)
        {
            var (b, keep) = inRoot[i];
            if (i < resume) continue;
            if (!keep) continue;
            bool shortLabel = b.Kind == BlockKind.Heading || (b.Text.Length < 60 && !EndsSentence(b.Text));
            if (shortLabel && b.Text.Length < 80 && StopHeading().IsMatch(b.Text) && seen > total / 3)
            {
                // Comments close the article: nothing after them is its text.
                if (CommentHeading().IsMatch(b.Text)) break;
                // A "related / read also" box inside the article: the text goes on after it when prose is set
                // beside the label again, in the label's own container. Otherwise the rest is not the article.
                var (at, beside) = ResumesBeside(inRoot, i);
                if (beside < 250) break;
                if (at > i + 1)
                {
                    resume = at;
                    continue;
                }
            }
            if (shortLabel)
            {
                // Orphan: nothing under the root is kept after it before the next heading (its section was a link
                // list, or there is none). A dropped ad or share bar right after a subheading does not orphan it.
                bool orphan = true;
                if (i + 1 < inRoot.Count && !inRoot[i + 1].Keep && inRoot[i + 1].Block.LinkDensity > 0.3) { }
                else for (int j = i + 1; j < inRoot.Count && j <= i + 8; j++)
                {
                    if (inRoot[j].Block.Kind == BlockKind.Heading) break;
                    if (inRoot[j].Keep) { orphan = false; break; }
                }
                if (orphan && b.Text.Length < 80 && (b.Kind == BlockKind.Heading || b.Text.EndsWith(':'))) continue;
            }
            if (b.Text.Length < 80 && Scrap().IsMatch(b.Text)) continue;
            if (b.Text.Length < 200 && b.Kind != BlockKind.Heading && CaptionLine().IsMatch(b.Text)) continue;
            if (b.Text.Length < 250 && b.Kind != BlockKind.Heading && CreditTail().IsMatch(b.Text)) continue;
            // A picture's caption or credit, unless it is much of what there is (a video or photo page's text).
            if (b.Text.Length < 300 && b.Text.Length * 4 < total && InFigure(b.Owner)) continue;
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
            if ((i < first && b.Kind is not BlockKind.Heading and not BlockKind.ListItem and not BlockKind.TableRow && b.Text.Length < 50 && !EndsSentence(b.Text) && !b.Text.EndsWith(':'))
                || (i > last && b.Kind is BlockKind.Paragraph or BlockKind.Heading && b.Text.Length < 50 && !EndsSentence(b.Text)))
                continue;
            result.Add(b);
        }
        return result;
    }

    /// <summary>
    /// After the label at <paramref name="i"/>: where the first kept prose block set in the label's own container
    /// (or a container around it, when the label heads a box) is, and how many characters of kept blocks so set
    /// follow from there.
    /// </summary>
    private static (int At, int Chars) ResumesBeside(List<(PageBlock Block, bool Keep)> inRoot, int i)
    {
        var container = inRoot[i].Block.Owner.Parent;
        int at = -1, chars = 0;
        for (int j = i + 1; j < inRoot.Count; j++)
        {
            var (b, keep) = inRoot[j];
            if (!keep || !Encloses(b.Owner.Parent, container)) continue;
            if (at < 0)
            {
                if (!IsProse(b)) continue;
                at = j;
            }
            chars += b.Text.Length;
        }
        return (at, chars);
    }

    /// <summary>Whether <paramref name="outer"/> is <paramref name="node"/> or one of its ancestors.</summary>
    private static bool Encloses(PageNode? outer, PageNode? node) => outer is not null && node is not null && Within(node, outer);

    /// <summary>How far before the body a standfirst is looked for, in blocks.</summary>
    private const int LeadWindow = 20;

    /// <summary>
    /// The standfirst (lead, intro, deck, teaser text) often sits in the article's header, outside the box the body
    /// was found in. Prose blocks just before the body are taken when they sit between the headline (h1) and the body,
    /// or when their box is named like a lead; link-heavy blocks, boilerplate and bylines (short, no sentence) are not.
    /// </summary>
    private static List<PageBlock> WithLeadBlocks(List<PageBlock> tidy, List<PageBlock> blocks, List<PageNode> roots)
    {
        if (tidy.Count == 0) return tidy;
        int first = tidy[0].Index;
        List<(PageBlock Block, bool Named)>? found = null;
        bool sawH1 = false;
        for (int i = first - 1; i >= 0 && i >= first - LeadWindow; i--)
        {
            var b = blocks[i];
            if (b.Owner.Tag == "h1") { sawH1 = true; break; }
            if (b.Owner.InBoilerplate || b.LinkDensity > 0.2 || WithinAny(b.Owner, roots)) continue;
            // A box whose own class names a lead is one, whatever utility or wrapper classes say of captions.
            bool ownLead = b.Owner.Class.Length > 0 && ClassNamed(b.Owner.Class, LeadNames);
            if (!ownLead && NamedAny(b.Owner, CaptionNames)) continue;
            bool named = ownLead || NamedAny(b.Owner, LeadNames);
            bool fits = b.Kind == BlockKind.Heading
                ? (named && b.Text.Length >= 30) || (b.Text.Length >= 80 && EndsSentence(b.Text))
                : b.Kind == BlockKind.Paragraph && b.Text.Length >= 60 && (named || (EndsSentence(b.Text) && b.Text[^1] != ')'));
            if (!fits) continue;
            (found ??= []).Add((b, named));
        }
        if (found is null) return tidy;
        var result = new List<PageBlock>(tidy.Count + found.Count);
        for (int i = found.Count - 1; i >= 0; i--)
            if (sawH1 || found[i].Named) result.Add(found[i].Block);
        if (result.Count == 0) return tidy;
        result.AddRange(tidy);
        return result;
    }

    private static readonly string[] LeadNames = ["lead", "intro", "teaser", "abstract", "summary", "excerpt", "standfirst", "deck", "subheadline", "subtitle", "chapo", "sapo", "kicker"];

    private static readonly string[] CaptionNames = ["caption", "annotation", "credit", "copyright", "legend", "bildunter", "byline", "author"];

    /// <summary>Whether the block's box or one of its three nearest ancestors has one of <paramref name="names"/> in its class or id.</summary>
    private static bool NamedAny(PageNode node, string[] names)
    {
        int hops = 0;
        for (var n = node; n is not null && n.Depth > 0 && hops < 4; n = n.Parent, hops++)
        {
            foreach (string name in names)
                if (n.Class.Contains(name, StringComparison.OrdinalIgnoreCase) || n.Id.Contains(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] FigureNames = ["caption", "bildunter", "imagedescription", "image-description", "annotation", "credit", "photo-desc", "img-desc", "legend"];

    /// <summary>Whether the block is a picture's caption or credit: inside a figure, or a box named like one.</summary>
    private static bool InFigure(PageNode node)
    {
        int hops = 0;
        for (var n = node; n is not null && n.Depth > 0 && hops < 4; n = n.Parent, hops++)
        {
            if (n.Class.Length > 0 && ClassNamed(n.Class, FigureNames)) return true;
        }
        return false;
    }

    /// <summary>Whether a class token (those that name nothing aside) contains one of <paramref name="names"/>.</summary>
    private static bool ClassNamed(string cls, string[] names)
    {
        foreach (var range in cls.AsSpan().Split(' '))
        {
            string token = cls[range];
            if (token.Length < 4 || NamesNothing(Key(token, "").Trim())) continue;
            foreach (string name in names)
                if (token.Contains(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether a class token (folded by <see cref="Key"/>) names nothing about its box: taxonomy classes
    /// ("tag-newsletter", "category-social-media", "node--promoted") describe the post, and state modifiers
    /// ("has-sharing", "no-share", "with-comments") say what a box has or lacks, not what it is.
    /// </summary>
    private static bool NamesNothing(string folded) =>
        folded.StartsWith("tag-", StringComparison.Ordinal) || folded.StartsWith("category-", StringComparison.Ordinal)
        || folded.StartsWith("status-", StringComparison.Ordinal) || folded.StartsWith("format-", StringComparison.Ordinal)
        || folded.StartsWith("post-format-", StringComparison.Ordinal) || folded.StartsWith("has-", StringComparison.Ordinal) || folded.StartsWith("no-", StringComparison.Ordinal)
        || folded.StartsWith("with-", StringComparison.Ordinal) || folded.StartsWith("without-", StringComparison.Ordinal)
        || folded.EndsWith("-promoted", StringComparison.Ordinal) || folded.EndsWith("-sticky", StringComparison.Ordinal);

    private static bool IsProse(PageBlock b) => b.Kind != BlockKind.Heading && b.Text.Length >= 80;

    private static bool EndsSentence(string t) => t.Length > 0 && t[^1] is '.' or '!' or '?' or '…' or '"' or '”' or '“' or '»' or ')' or '。';

    private static bool WithinAny(PageNode node, List<PageNode> roots)
    {
        foreach (var r in roots) if (Within(node, r)) return true;
        return false;
    }

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="node"/> or holds it: a subtree is a run of the document-order list.</summary>
    private static bool Within(PageNode node, PageNode ancestor) =>
        node.Order >= ancestor.Order && node.Order <= ancestor.LastDescendant;

    private static bool KeepBlock(PageBlock b)
    {
        double ld = b.LinkDensity;
        int len = b.Text.Length;
        if (b.Kind == BlockKind.Heading) return ld < 0.6 && !(len < 100 && PromoLine().IsMatch(b.Text));
        // A sentence whose names are mostly links (a career line linking each employer) is still prose.
        if (ld > 0.5 && !(b.Owner.Tag == "p" && ld <= 0.8 && len >= 60 && EndsSentence(b.Text))) return false;
        if (ld > 0.3 && len < 100 && b.Kind != BlockKind.ListItem) return false;
        if (b.Kind == BlockKind.ListItem && ld > 0.45) return false;
        if (len < 60 && ChromeLine().IsMatch(b.Text)) return false;
        if (len < 250 && PromoLine().IsMatch(b.Text)) return false;
        return true;
    }

    private static bool MarkBoilerplate(List<PageNode> nodes, PageNode body)
    {
        bool commentBoxes = false;
        int pageProse = body.ProseChars;
        var cache = new Dictionary<string, NameClass>(StringComparer.Ordinal);
        HashSet<IElement>? holders = null;
        foreach (var n in nodes)
        {
            if (n.Depth == 0) continue;
            string cls = n.Class, id = n.Id, role = n.Role, itemprop = n.ItemProp;
            // A heading's id is an anchor made from its own words ("nav_the_new_rules"), not the name of a box.
            if (n.Tag is "h1" or "h2" or "h3" or "h4" or "h5" or "h6") id = "";
            bool bad = n.Tag is "nav" or "aside" or "footer" or "menu" or "noscript"
                || role is "navigation" or "complementary" or "contentinfo" or "banner" or "menu" or "menubar" or "search" or "dialog" or "alert"
                || HiddenClass(cls);
            string key = cls.Length + id.Length == 0 ? "" : string.Concat(cls, "\u0001", id);
            var names = key.Length == 0 ? NameClass.None : Classify(key, cache);
            bool semantic = itemprop.Equals("articleBody", StringComparison.OrdinalIgnoreCase) || (names & NameClass.Positive) != 0;
            bool commentBox = false;
            if (!bad && !semantic)
            {
                if ((names & NameClass.Negative) != 0)
                {
                    bad = true;
                    commentBox = (names & NameClass.Comment) != 0;
                }
                // Weak names ("widget", "meta", "tags") mark boilerplate only when the box is links or scraps.
                else if ((names & NameClass.Weak) != 0 && (n.LinkChars * 3 > n.TextChars || n.ProseChars < 150)) bad = true;
                // "Teaser" names both a standfirst (plain prose) and teasers of other articles (linked titles).
                // A teaser of another article is a list item, carries a headline of its own or links on (one
                // "read more" link in ten characters is enough); a standfirst does none of these.
                else if ((names & NameClass.Teaser) != 0
                    && (n.LinkChars * 10 > n.TextChars || n.ProseChars == 0 || n.Tag is "li" or "article")) bad = true;
            }
            if (n.Tag == "form" && n.ProseChars < 200) bad = true;

            // A wrapper holding much of the page's prose and the headline or article markup is a layout box,
            // whatever its name says.
            if (bad && pageProse > 0 && n.ProseChars * 5 > pageProse * 2 && n.ProseChars > 300)
            {
                bool commentLike = (names & NameClass.Comment) != 0;
                if ((!commentLike && n.ProseChars * 2 > pageProse)
                    || (holders ??= ArticleMarkupHolders(body.Element)).Contains(n.Element)) bad = false;
            }
            n.Boilerplate = bad;
            n.InBoilerplate = bad || (n.Parent?.InBoilerplate ?? false);
            n.CommentBox = bad && commentBox && n.Tag is not ("form" or "nav" or "aside" or "footer");
            commentBoxes |= n.CommentBox;

            double w = 1;
            if (itemprop.Equals("articleBody", StringComparison.OrdinalIgnoreCase)) w = 1.6;
            else if (semantic) w = SemW;
            else if ((names & NameClass.Generic) != 0) w = GenW;
            if (n.Tag == "article") w *= 1.15;
            else if (n.Tag == "main" || role == "main") w *= 1.1;
            n.Weight = w;
        }
        return commentBoxes;
    }

    /// <summary>
    /// The elements holding a headline or article markup (h1, article, main, itemprop=articleBody) below them, in
    /// one walk of the page: asking each candidate box by a selector query walks its whole subtree, which for boxes
    /// nested a few hundred deep is the page a few hundred times.
    /// </summary>
    private static HashSet<IElement> ArticleMarkupHolders(IElement root)
    {
        var holders = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var node in TreeWalk.Descendants(root))
        {
            if (node is not IElement el) continue;
            if (el.LocalName is "h1" or "article" or "main" || string.Equals(el.GetAttribute("itemprop"), "articleBody", StringComparison.Ordinal))
            {
                // Each ancestor once: the walk up stops at one already marked, whose own ancestors are.
                for (var p = el.ParentElement; p is not null && holders.Add(p); p = p.ParentElement) { }
            }
        }
        return holders;
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

    [Flags]
    private enum NameClass
    {
        None = 0,
        Positive = 1,
        Generic = 2,
        Negative = 4,
        Weak = 8,
        Comment = 16,
        Teaser = 32,
    }

    /// <summary>Class tokens seen before, across pages (sites reuse their class names): token → what it names.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NameClass> TokenCache = new(StringComparer.Ordinal);

    private static NameClass Classify(string key, Dictionary<string, NameClass> cache)
    {
        if (cache.TryGetValue(key, out var c)) return c;
        c = NameClass.None;
        int start = 0;
        for (int i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && !char.IsWhiteSpace(key[i]) && key[i] != '\u0001') continue;
            if (i > start) c |= ClassifyToken(key[start..i]);
            start = i + 1;
        }
        cache[key] = c;
        return c;
    }

    private static int tokenCount;

    private static NameClass ClassifyToken(string token)
    {
        if (TokenCache.TryGetValue(token, out var c)) return c;
        // Folded to lower case with camelCase and '_' as '-'; parts are the '-'-separated words, joined the
        // same words without dashes ("article-body" and "articleBody" both give "articlebody").
        string folded = Key(token, "").Trim();
        // "commentary" is an opinion piece, not reader comments.
        folded = folded.Replace("commentary", "opinion", StringComparison.Ordinal).Replace("commentator", "opinion", StringComparison.Ordinal);
        // Taxonomy and state classes ("tag-newsletter", "category-social-media", "node--promoted") describe the post,
        // not the box: they name nothing.
        if (NamesNothing(folded))
        {
            TokenCache[token] = NameClass.None;
            return NameClass.None;
        }
        string joined = folded.Replace("-", "", StringComparison.Ordinal);
        string[] parts = folded.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (AnyIn(joined, PositiveInside)) c |= NameClass.Positive;
        if (AnyPart(parts, GenericWords, prefix: false)) c |= NameClass.Generic;
        // A BEM modifier ("pagebody--with-sidebar", "article--narrow-media") names a variant of the block before
        // it, not what the box is: what would make it boilerplate is read from the block and element part only.
        // Drupal's key-value descriptors ("node--view-mode-teaser", "paragraph--type--related-articles") do say
        // what the box is and are read whole.
        int modifier = token.IndexOf("--", StringComparison.Ordinal);
        if (modifier > 0 && !IsDescriptor(token.AsSpan(modifier + 2)))
        {
            folded = Key(token[..modifier], "").Trim();
            joined = folded.Replace("-", "", StringComparison.Ordinal);
            parts = folded.Split('-', StringSplitOptions.RemoveEmptyEntries);
        }
        if (AnyIn(joined, NegativeInside) || AnyPart(parts, NegativeWords, prefix: false) || AnyPart(parts, NegativeStarts, prefix: true)) c |= NameClass.Negative;
        if (AnyIn(joined, WeakInside) || AnyPart(parts, WeakWords, prefix: false) || AnyPart(parts, WeakStarts, prefix: true)) c |= NameClass.Weak;
        if (joined.Contains("teaser", StringComparison.Ordinal)) c |= NameClass.Teaser;
        if (AnyIn(joined, CommentInside) || AnyPart(parts, ["reply", "replies"], prefix: true)) c |= NameClass.Comment;
        if (Interlocked.Increment(ref tokenCount) > 200_000) { TokenCache.Clear(); tokenCount = 0; }
        TokenCache[token] = c;
        return c;
    }

    private static bool IsDescriptor(ReadOnlySpan<char> modifier) =>
        modifier.StartsWith("type", StringComparison.OrdinalIgnoreCase) || modifier.StartsWith("view-mode", StringComparison.OrdinalIgnoreCase)
        || modifier.StartsWith("name-", StringComparison.OrdinalIgnoreCase) || modifier.StartsWith("bundle", StringComparison.OrdinalIgnoreCase);

    private static bool AnyIn(string s, string[] needles)
    {
        foreach (string n in needles) if (s.Contains(n, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool AnyPart(string[] parts, string[] words, bool prefix)
    {
        foreach (string p in parts)
            foreach (string w in words)
                if (prefix ? p.StartsWith(w, StringComparison.Ordinal) : p.Equals(w, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Names of the article's body box: "article-body", "entry-content", "itemprop=articleBody"-like classes.</summary>
    private static readonly string[] PositiveInside =
    [
        "articlebody", "articlecontent", "articletext", "articlemain", "articledetail", "articleinner", "postbody", "postcontent",
        "posttext", "postentry", "entrycontent", "entrybody", "entrytext", "storybody", "storycontent", "storytext", "contentbody",
        "maincontent", "bodytext", "textcontent", "singlecontent", "fieldbody", "fieldnamebody", "fulltext", "richtext", "newstext",
        "newsbody", "newscontent", "newsdetail", "detailcontent", "contentdetail", "itembody", "itemtext", "blogcontent", "pagecontent",
        "xəbərmətni", "mətn",
    ];

    private static readonly string[] GenericWords = ["article", "story", "content", "text", "post", "entry", "main", "news", "xeber", "xəbər"];

    /// <summary>Names of boxes around an article: comments, sharing, related items, navigation, consent, promotion.</summary>
    private static readonly string[] NegativeInside =
    [
        "comment", "disqus", "sharing", "shariff", "social", "sociable", "recommend", "similar", "morenews", "morearticles",
        "morestories", "morefrom", "mostread", "mostpopular", "mostviewed", "mostcommented", "trending", "sidebar", "newsletter",
        "subscri", "signup", "cookie", "consent", "gdpr", "sponsor", "promo", "breadcrumb", "pagination", "navbar", "navigation",
        "footer", "toolbar", "tagcloud", "authorbio", "authorbox", "authorinfo", "authorcard", "aboutauthor", "abouttheauthor", "authordescription", "authorprofile", "login", "popup", "overlay", "outbrain",
        "taboola", "alsoread", "seealso", "masthead", "siteheader", "pageheader", "topbar", "bottombar", "jumpto",
        "tableofcontents", "disclosure", "disclaimer", "syndication",
        "bənzər", "oxşar", "digərxəbər", "sonxəbər", "xəbərlenti", "şərh",
    ];

    private static readonly string[] NegativeWords = ["nav", "pager", "toc", "cta"];

    private static readonly string[] NegativeStarts = ["share", "related", "popular", "banner", "menu", "modal", "plista"];

    /// <summary>Names that mark boilerplate only when the box holds links or scraps.</summary>
    private static readonly string[] WeakInside =
    [
        "widget", "advert", "adsense", "taglist", "postmeta", "entrymeta", "articlemeta", "readmore", "slider", "caption", "figure", "photo",
        "gallery", "video", "player", "copyright", "imprint", "rechte", "bildnachweis",
    ];

    private static readonly string[] WeakWords = ["image", "img", "media", "ad", "ads", "tags", "meta", "poll", "print", "like", "likes", "rss", "search", "contact", "info", "author", "date", "source"];

    private static readonly string[] WeakStarts = ["dfp", "byline", "rating", "skip", "carousel", "follow", "vote", "credit"];

    private static readonly string[] CommentInside = ["comment", "disqus", "respond", "discussion", "forum"];

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






    /// <summary>Headings that open what follows an article: related items, reading tips, comments.</summary>
    [GeneratedRegex(@"^\W*(related( articles| posts| stories| content| news| topics)?|read (more|also|next)|explore further|more information|sources?|quellen(angaben)?|zum weiterlesen|schon gelesen|weitere informationen|zusatzinformationen|neueste artikel|vous aimerez aussi|à lire également|see also|you (may|might) (also )?like|more (from|on|stories|news|articles)|recommended|further reading|about the author|über den autor|über die autorin|sobre el autor|à propos de l'auteur|o autorze|müəllif haqqında|comments?|\d+ comments?|leave a (reply|comment)|most (read|popular|viewed)|popular|trending|tags|filed under|mehr zum thema|lesen sie (auch|mehr)|auch interessant|das könnte (sie|dich) auch interessieren|weitere (artikel|beiträge|themen|nachrichten|meldungen)|mehr themen|verwandte|empfohlene|ähnliche|kommentare?|schlagworte|schlagwörter|themen im artikel|zum thema|contenido relacionado|te puede interesar|noticias relacionadas|lee también|más noticias|artículos relacionados|à lire aussi|lire aussi|sur le même sujet|articles similaires|voir aussi|zobacz (także|też|również)|czytaj (także|też|również)|przeczytaj (także|też|również)|podobne|komentarze|veja também|leia também|notícias relacionadas|bənzər xəbərlər|digər xəbərlər|oxşar xəbərlər|ən çox oxunan|şərhlər|son xəbərlər|xəbər lenti|mövzu ilə bağlı|читайте также|похожие новости|комментарии|другие новости|по теме|ilgili haberler|benzer haberler|yorumlar|bunlar da ilginizi çekebilir)\b.{0,40}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StopHeading();

    /// <summary>Headings that open the readers' comments.</summary>
    [GeneratedRegex(@"^\W*(\d+\s+)?(comments?|leave a (reply|comment)|kommentare?|komentarze|commentaires?|comentarios?|şərhlər|комментарии|yorumlar)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CommentHeading();

    /// <summary>Photo credits, copyright lines, bare dates and times, "updated" stamps.</summary>
    [GeneratedRegex(@"^(©|\(c\)\s|copyright\b|(foto|fotos|bild|bilder|photo|photos|image|credit|credits|crédito|crédits photos?|fot\.|źródło|quelle|titelbild|bildquelle)\s*:|.*\b(all rights reserved|alle rechte vorbehalten|tous droits réservés|getty images|shutterstock|istock)\b|[\d\s.,:/|\-–—]*(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d\d-\d\d)[\d\s.,:/|\-–—]*(uhr|h|am|pm)?\s*$|(aktualisiert|updated|veröffentlicht|published|publikacja|yenilənib)\s*(am|on|:)?\s*$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Scrap();

    /// <summary>
    /// Calls to action and disclosures that pages set inside the article: subscribe, follow us, join our channel,
    /// support us, sponsored-content and affiliate notes. Only short blocks are tested.
    /// </summary>
    [GeneratedRegex(@"(subscri(be|ption|ber)|abonnier|abonnez|abonn(e|ie)ren|newsletter|s[ií]gu?enos|follow (us|the|our)\b|folgen sie uns|folge uns|únete|join (us|our)\b|download (the|our)\b.{0,40}\bapps?\b|canal de (telegram|youtube|whatsapp)|unterstütze (uns|unsere)|support (us|our)\b|sign(ing)? up\b|melden sie sich (jetzt )?(an|für)|advertising disclos|affiliate|enthält werbung|zapraszamy do|lust auf mehr|gefällt (dir|ihnen) (unser|dieser)|we want to hear|if you enjoyed|not responsible for the opinions|gibt die meinung des autors wieder|abunə ol|подпис(ывайтесь|аться)|abone ol|(war|ist|fanden sie) (der|dieser|diesen|das) (artikel|beitrag|text) (hilfreich|nützlich)|(was|is|did you find) this (article|post|page|story) (helpful|useful)|(den|diesen) (artikel|beitrag) teilen|share this (article|post|story|page)|nicht (eingeloggt|angemeldet)|not logged in|(log|sign) in to (comment|reply|post)|um kommentare (zu )?schreiben|keine kommentare|no comments yet|noch keine (kommentare|bewertungen)|be the first to (comment|review)|lade weitere|load more|externer inhalt|external content|pour lire la suite|to continue reading|um weiterzulesen|ohne gewähr)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PromoLine();

    /// <summary>Figure captions and picture-agency credits set as text: "Abbildung 4: …", "Fig. 2", "AFP / NAME".</summary>
    [GeneratedRegex(@"^(abbildung\s*\d*\s*:|abb\.\s*\d+\s*:|fig\.\s*\d+|figure\s*\d+\s*:|beitragsbild\b|(afp|dpa|ap|reuters|epa|getty images|imago|keystone|apa|anadolu|azertac|report\.az)\s*/\s*\S)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionLine();

    /// <summary>
    /// A picture caption that ends with its credit: "… (Name / iStock.com)", "… | © Agency", "… (Foto: Name)". A bare
    /// agency tag closing a news paragraph ("(dpa)") is not one.
    /// </summary>
    [GeneratedRegex(@"(©[^.!?]{0,80}|\((foto|fotos|photo|photos|bild|bilder|image|credit|crédit)\s*:[^()]{1,80}\)|\([^()]{0,60}/[^()]{0,60}\b(istock(photo)?|getty ?images|shutterstock|imago|picture[ -]alliance|unsplash|pixabay|adobe ?stock|fotolia|dpa|afp|reuters|epa|ap)\b[^()]{0,30}\))\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CreditTail();

    [GeneratedRegex(@"^(share|tweet|print|e-?mail|advertisement|anzeige|werbung|reklam|reklama|реклама|paylaş|скопировать|copy link|read more|weiterlesen|mehr lesen|lesen sie auch|ətraflı|daha ətraflı|подробнее|facebook|twitter|whatsapp|telegram|linkedin|pinterest)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ChromeLine();
}
