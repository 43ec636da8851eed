using System.Text;
using AngleSharp.Dom;
using Icmal.Model;

namespace Icmal.Extraction.Html;

/// <summary>A block-level element of the page as the extractor sees it, with the text statistics of its subtree.</summary>
internal sealed class PageNode
{
    public required IElement Element { get; init; }
    public PageNode? Parent { get; init; }
    public required string Tag { get; init; }
    public int Depth { get; init; }
    /// <summary>This node's place in document order (its index in the node list).</summary>
    public int Order { get; init; }
    /// <summary>The <see cref="Order"/> of its last descendant: the subtree is the nodes from Order to LastDescendant.</summary>
    public int LastDescendant = -1;
    /// <summary>What a block of its own is, when not by its own tag: a quote or list item it sits in, found at the node's creation.</summary>
    public BlockKind Enclosing { get; init; } = BlockKind.Paragraph;
    public string Class { get; init; } = "";
    public string Id { get; init; } = "";
    public string Role { get; init; } = "";
    public string ItemProp { get; init; } = "";

    /// <summary>All characters of text in the subtree.</summary>
    public int TextChars;
    /// <summary>Characters inside links.</summary>
    public int LinkChars;
    /// <summary>Characters of prose-like blocks (long enough, few links), before any boilerplate test.</summary>
    public int ProseChars;

    public bool Boilerplate;
    public bool InBoilerplate;
    /// <summary>Boilerplate only because its class or id names comments (readers' posts).</summary>
    public bool CommentBox;
    public double Weight = 1;
    public double Score;
}

/// <summary>One run of text between block boundaries: a paragraph, heading, list item, table row.</summary>
internal sealed class PageBlock
{
    public required PageNode Owner { get; init; }
    public required string Text { get; init; }
    public int LinkChars { get; init; }
    public BlockKind Kind { get; init; }
    public int Index { get; init; }

    public double LinkDensity => Text.Length == 0 ? 0 : (double)LinkChars / Text.Length;
}

/// <summary>
/// Turns a DOM subtree into a flat list of text blocks in reading order, and a tree of the block-level elements
/// holding them. The walk is iterative (an explicit stack), so deep nesting costs no call stack; a block's text
/// counts reach at most 128 ancestors, so its cost does not grow with depth.
/// </summary>
internal static class PageBlocks
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "svg", "math", "iframe", "frame", "frameset", "canvas", "button",
        "select", "input", "textarea", "option", "object", "embed", "video", "audio", "map", "head", "title", "link",
        "meta", "figcaption", "dialog", "picture", "source", "track", "label",
        // Ruby annotations: the reading of the base text (furigana, pinyin), not text of its own.
        "rt", "rp",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "fieldset", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption", "menu", "legend", "body",
        "html", "noscript", "dir", "listing", "plaintext", "xmp", "output",
    };

    /// <summary>Walks <paramref name="root"/> and returns its blocks and nodes (nodes in document order).</summary>
    public static (List<PageBlock> Blocks, List<PageNode> Nodes) Read(IElement root, int maxBlocks = 200_000)
    {
        var blocks = new List<PageBlock>();
        var nodes = new List<PageNode>();
        var rootNode = new PageNode { Element = root, Tag = root.LocalName, Parent = null };
        nodes.Add(rootNode);

        var sb = new StringBuilder(256);
        int linkChars = 0;
        int linkDepth = 0;
        int preDepth = 0;
        bool pendingSpace = false;
        PageNode owner = rootNode;

        void Flush()
        {
            int len = sb.Length;
            while (len > 0 && sb[len - 1] is ' ' or '\n') len--;
            if (len > 0 && blocks.Count < maxBlocks)
            {
                string text = sb.ToString(0, len);
                // One Unicode form (NFC), so that the same letters compare equal however the page encoded them
                // (Bengali য় as one code point or two, a decomposed ö).
                text = Nfc(text);
                var kind = KindOf(owner, text, preDepth > 0);
                blocks.Add(new PageBlock { Owner = owner, Text = text, LinkChars = Math.Min(linkChars, text.Length), Kind = kind, Index = blocks.Count });
                // Counted up to 128 ancestors: bounded work per block, and a box that far out is no article's.
                int prose = text.Length >= 25 && linkChars * 2 < text.Length ? text.Length - linkChars : 0;
                int hops = 0;
                for (var n = owner; n is not null && hops < 128; n = n.Parent, hops++)
                {
                    n.TextChars += text.Length;
                    n.LinkChars += linkChars;
                    n.ProseChars += prose;
                }
            }
            sb.Clear();
            linkChars = 0;
            pendingSpace = false;
        }

        void Append(string text)
        {
            bool inLink = linkDepth > 0;
            if (preDepth > 0)
            {
                sb.Append(text);
                if (inLink) linkChars += text.Length;
                return;
            }
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || c is '\u200B' or '\u00AD' or '\uFEFF')
                {
                    if (c is not '\u200B' and not '\u00AD' and not '\uFEFF') pendingSpace = sb.Length > 0;
                    continue;
                }
                if (pendingSpace && sb.Length > 0 && sb[^1] is not ' ' and not '\n')
                {
                    sb.Append(' ');
                    if (inLink) linkChars++;
                }
                pendingSpace = false;
                sb.Append(c);
                if (inLink) linkChars++;
            }
        }

        // Iterative pre/post-order walk over an explicit stack of (element, children, next index). AngleSharp's
        // NextSibling scans the parent's children, which is quadratic on pages with tens of thousands of siblings.
        var ownerStack = new Stack<PageNode>();
        var walk = new Stack<(IElement Element, INodeList Children, int Next)>();
        walk.Push((root, root.ChildNodes, 0));
        while (walk.Count > 0)
        {
            var (parentEl, children, next) = walk.Pop();
            if (next >= children.Length)
            {
                if (!ReferenceEquals(parentEl, root)) LeaveElement(parentEl);
                continue;
            }
            walk.Push((parentEl, children, next + 1));
            var node = children[next];
            if (node is IElement el)
            {
                string tag = el.LocalName;
                if (Skipped.Contains(tag) || IsHidden(el)) continue;
                if (BlockTags.Contains(tag))
                {
                    Flush();
                    ownerStack.Push(owner);
                    owner = new PageNode
                    {
                        Element = el, Tag = tag, Parent = owner, Depth = owner.Depth + 1, Order = nodes.Count, Enclosing = EnclosingKind(tag, owner),
                        Class = el.GetAttribute("class") ?? "", Id = el.GetAttribute("id") ?? "",
                        Role = el.GetAttribute("role") ?? "", ItemProp = el.GetAttribute("itemprop") ?? "",
                    };
                    nodes.Add(owner);
                    if (tag == "pre" || tag == "xmp" || tag == "listing") preDepth++;
                }
                else if (tag == "br")
                {
                    if (preDepth > 0) sb.Append('\n');
                    else if (sb.Length > 0 && sb[^1] == '\n') { sb.Length--; Flush(); }
                    else if (sb.Length > 0) { sb.Append('\n'); pendingSpace = false; }
                    continue;
                }
                else if (tag is "td" or "th")
                {
                    if (sb.Length > 0) { sb.Append(" | "); pendingSpace = false; }
                }
                else if (tag == "a")
                {
                    linkDepth++;
                }
                walk.Push((el, el.ChildNodes, 0));
            }
            else if (node.NodeType == NodeType.Text)
            {
                Append(node.TextContent);
            }
        }
        Flush();
        // Nodes whose end was never walked (the root, and any left open) hold everything after them.
        foreach (var n in nodes) if (n.LastDescendant < n.Order) n.LastDescendant = nodes.Count - 1;
        return (blocks, nodes);

        void LeaveElement(IElement el)
        {
            string tag = el.LocalName;
            if (tag == "a")
            {
                if (linkDepth > 0) linkDepth--;
            }
            else if (BlockTags.Contains(tag) && ReferenceEquals(owner.Element, el))
            {
                Flush();
                if (tag == "pre" || tag == "xmp" || tag == "listing") preDepth = Math.Max(0, preDepth - 1);
                owner.LastDescendant = nodes.Count - 1;
                owner = ownerStack.Count > 0 ? ownerStack.Pop() : rootNode;
            }
            else if (tag is "td" or "th")
            {
                pendingSpace = true;
            }
        }
    }

    private static BlockKind KindOf(PageNode owner, string text, bool pre)
    {
        if (pre) return BlockKind.Preformatted;
        switch (owner.Tag)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                return BlockKind.Heading;
            case "li" or "dd" or "dt":
                return BlockKind.ListItem;
            case "tr" or "table" or "tbody" or "thead" or "tfoot":
                return text.Contains(" | ", StringComparison.Ordinal) && text.Length < 600 ? BlockKind.TableRow : BlockKind.Paragraph;
        }
        return owner.Enclosing;
    }

    /// <summary>
    /// The kind a block gets from the nearest blockquote or li around it (its own node included), looking no
    /// further out than an article, main, section or body. Computed once per node from its parent's, so a block
    /// costs nothing however deep it sits.
    /// </summary>
    private static BlockKind EnclosingKind(string tag, PageNode parent) => tag switch
    {
        "blockquote" => BlockKind.Quote,
        "li" => BlockKind.ListItem,
        "article" or "main" or "section" or "body" => BlockKind.Paragraph,
        _ => parent.Depth > 0 ? parent.Enclosing : BlockKind.Paragraph,
    };

    /// <summary>Whether an element starts a block of its own (its text is not part of its parent's block).</summary>
    internal static bool IsBlock(IElement el) => BlockTags.Contains(el.LocalName);

    internal static bool IsHidden(IElement el)
    {
        if (el.HasAttribute("hidden")) return true;
        string? style = el.GetAttribute("style");
        if (style is not null && style.Length < 2000)
        {
            int i = style.IndexOf("display", StringComparison.OrdinalIgnoreCase);
            if (i >= 0 && FollowedBy(style, i + 7, "none")) return true;
            i = style.IndexOf("visibility", StringComparison.OrdinalIgnoreCase);
            if (i >= 0 && FollowedBy(style, i + 10, "hidden")) return true;
        }
        return false;
    }

    private static bool FollowedBy(string style, int at, string value)
    {
        while (at < style.Length && (style[at] == ' ' || style[at] == ':')) at++;
        return string.Compare(style, at, value, 0, value.Length, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>
    /// The text in NFC, or as it is when .NET's normaliser refuses it: it throws on a few code points a page can
    /// carry (U+FFFE, a lone surrogate), and one odd character must not cost the page.
    /// </summary>
    private static string Nfc(string text)
    {
        try
        {
            return text.IsNormalized() ? text : text.Normalize();
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
