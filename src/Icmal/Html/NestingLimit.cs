using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Icmal.Html;

/// <summary>
/// Bounds how deep a page's elements nest before AngleSharp builds its tree, by dropping the start tags (and their
/// end tags) that would open an element deeper than <see cref="MaxDepth"/>. Their text stays, in the element at
/// the limit.
/// </summary>
/// <remarks>
/// <para>
/// Why: an HTML tree builder scans its stack of open elements for most tags (is a &lt;p&gt; open to close, is this
/// end tag's element in scope, which list item to close), so 100,000 nested &lt;div&gt;s cost 100,000² steps: a
/// 1 MB hostile page held AngleSharp for minutes. AngleSharp's own <c>MaximumDepth</c> only flattens the finished
/// tree; its stack still grows without bound. Browsers cap depth too (Chromium's parser at 512), and no real page
/// comes near it: article pages nest 20 to 60 deep.
/// </para>
/// <para>
/// How: one pass over the markup with a small tokenizer (tags, attributes, comments, raw text of &lt;script&gt;,
/// &lt;style&gt;, &lt;textarea&gt;… and CDATA in SVG/MathML) and a model of the tree builder's stack: implied end
/// tags (&lt;p&gt;, &lt;li&gt;, &lt;dd&gt;, &lt;option&gt;, table cells and rows), implied table parents, scope
/// boundaries of end tags, foreign content, and the list of active formatting elements (&lt;b&gt;, &lt;a&gt;…),
/// which the builder re-opens after a block ends; the model caps that list at <see cref="MaxFormatting"/> entries,
/// so re-opening can not multiply elements either. The model errs towards counting too deep, never too shallow:
/// where it can not tell whether the builder pops, it does not. A page within the limits is parsed unchanged
/// (the pass copies nothing); the pass is linear in the page, and each tag costs at most one scan of a stack no
/// deeper than the limit.
/// </para>
/// </remarks>
internal static partial class NestingLimit
{
    /// <summary>The deepest an element may nest (Chromium's parser caps at 512 too).</summary>
    public const int MaxDepth = 512;

    /// <summary>The most formatting elements (&lt;b&gt;, &lt;a&gt;, &lt;font&gt;…) kept active at once.</summary>
    public const int MaxFormatting = 48;

    /// <summary>
    /// Parses a page with its nesting bounded: the one way every stage that reads HTML from outside (listing pages,
    /// autodiscovery, article extraction) builds a tree, so no page can hold any of them for minutes.
    /// </summary>
    public static IHtmlDocument Parse(HtmlParser parser, string html)
    {
        ArgumentNullException.ThrowIfNull(parser);
        string bounded = Apply(html, out _);
        try
        {
            return parser.ParseDocument(bounded);
        }
        catch (Exception e) when (IsTreeBuilderFault(e))
        {
            // AngleSharp 1.10's tree builder has faults that fuzzing found: it dereferences null in "in select in
            // table" (<table><p><select>…) and indexes past its stack when finding where to insert. Select lists carry
            // no article text and no links, so the page is read again without them; if that fails too, the page gets
            // one clear error, which the item boundary records.
            try
            {
                return parser.ParseDocument(SelectTags().Replace(bounded, ""));
            }
            catch (Exception again) when (IsTreeBuilderFault(again))
            {
                throw new InvalidDataException("the HTML parser failed on this page's markup (AngleSharp tree builder: " + again.GetType().Name + ")", again);
            }
        }
    }

    private static bool IsTreeBuilderFault(Exception e) =>
        e is NullReferenceException or ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidCastException;

    /// <summary>Select-list tags, for the second parse after a tree-builder fault; generated at build time, so no
    /// page that parses the first time pays for building the expression (start-up, issue #14).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"</?(?:select|option|optgroup)\b[^>]*>",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial System.Text.RegularExpressions.Regex SelectTags();

    /// <summary>
    /// <paramref name="html"/> itself when no element nests deeper than <paramref name="maxDepth"/>, else a copy
    /// without the tags that would; <paramref name="dropped"/> counts the tags taken out.
    /// </summary>
    public static string Apply(string html, out int dropped, int maxDepth = MaxDepth)
    {
        ArgumentNullException.ThrowIfNull(html);
        var model = new StackModel(html, maxDepth, MaxFormatting);
        int n = html.Length, i = 0;
        while (i < n)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0) { model.Text(); break; }
            if (lt > i) model.Text();
            if (lt + 1 >= n) break;
            char c = html[lt + 1];
            if (c == '!') { i = SkipDeclaration(html, lt, model.InForeign); continue; }
            if (c == '?') { i = After(html, '>', lt + 2); continue; }
            bool end = c == '/';
            int nameStart = end ? lt + 2 : lt + 1;
            if (nameStart >= n || !char.IsAsciiLetter(html[nameStart]))
            {
                // "<" before anything but a letter is text; "</" before it a bogus comment ("</>" is nothing).
                i = end ? After(html, '>', nameStart) : lt + 1;
                if (!end) model.Text();
                continue;
            }
            int nameEnd = nameStart;
            while (nameEnd < n && html[nameEnd] is not (' ' or '\t' or '\n' or '\f' or '\r' or '/' or '>')) nameEnd++;
            var (tagEnd, selfClosing) = SkipAttributes(html, nameEnd);
            string name = TagName(html.AsSpan(nameStart, nameEnd - nameStart));
            if (end)
            {
                model.End(name, lt, tagEnd);
                i = tagEnd;
                continue;
            }
            var text = model.Start(name, lt, tagEnd, nameEnd, selfClosing);
            i = text switch
            {
                ContentKind.RawText => EndOfRawText(html, tagEnd, name),
                ContentKind.PlainText => n,
                _ => tagEnd,
            };
        }
        dropped = model.Dropped.Count;
        if (dropped == 0) return html;
        var sb = new StringBuilder(html.Length);
        int at = 0;
        foreach (var (start, stop) in model.Dropped)
        {
            sb.Append(html, at, start - at);
            at = stop;
        }
        sb.Append(html, at, html.Length - at);
        return sb.ToString();
    }

    /// <summary>What follows a start tag: markup, text up to the element's end tag, or text to the end.</summary>
    internal enum ContentKind { Markup, RawText, PlainText }

    /// <summary>The index after the next <paramref name="c"/> from <paramref name="from"/>, or the end.</summary>
    private static int After(string html, char c, int from)
    {
        if (from >= html.Length) return html.Length;
        int k = html.IndexOf(c, from);
        return k < 0 ? html.Length : k + 1;
    }

    /// <summary>Skips a comment, a doctype, a bogus comment or (in SVG and MathML) a CDATA section.</summary>
    private static int SkipDeclaration(string html, int lt, bool foreign)
    {
        var rest = html.AsSpan(lt);
        if (rest.StartsWith("<!--"))
        {
            int j = lt + 4;
            if (j < html.Length && html[j] == '>') return j + 1;
            if (j + 1 < html.Length && html[j] == '-' && html[j + 1] == '>') return j + 2;
            while (true)
            {
                int k = html.IndexOf("--", j, StringComparison.Ordinal);
                if (k < 0) return html.Length;
                if (k + 2 < html.Length && html[k + 2] == '>') return k + 3;
                if (k + 3 < html.Length && html[k + 2] == '!' && html[k + 3] == '>') return k + 4;
                j = k + 1;
            }
        }
        if (foreign && rest.StartsWith("<![CDATA["))
        {
            int k = html.IndexOf("]]>", lt + 9, StringComparison.Ordinal);
            return k < 0 ? html.Length : k + 3;
        }
        return After(html, '>', lt + 2);
    }

    /// <summary>
    /// From the end of a tag's name to after its '&gt;', with quoted attribute values skipped whole; whether the
    /// tag ends in "/&gt;".
    /// </summary>
    private static (int End, bool SelfClosing) SkipAttributes(string html, int j)
    {
        int n = html.Length;
        bool slash = false;
        while (j < n)
        {
            char ch = html[j];
            if (ch == '>') return (j + 1, slash);
            slash = ch == '/';
            j++;
            if (ch != '=') continue;
            while (j < n && html[j] is ' ' or '\t' or '\n' or '\f' or '\r') j++;
            if (j < n && html[j] is '"' or '\'')
            {
                int close = html.IndexOf(html[j], j + 1);
                if (close < 0) return (n, false);
                j = close + 1;
            }
            else
            {
                while (j < n && html[j] is not (' ' or '\t' or '\n' or '\f' or '\r' or '>')) j++;
            }
        }
        return (n, false);
    }

    /// <summary>After the end tag that closes raw text (script, style, textarea…), or the end of the page.</summary>
    private static int EndOfRawText(string html, int from, string name)
    {
        int j = from;
        while (j < html.Length)
        {
            int k = html.IndexOf("</", j, StringComparison.Ordinal);
            if (k < 0) return html.Length;
            int after = k + 2 + name.Length;
            if (after <= html.Length && html.AsSpan(k + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (after == html.Length || html[after] is ' ' or '\t' or '\n' or '\f' or '\r' or '/' or '>'))
                return k;
            j = k + 2;
        }
        return html.Length;
    }

    /// <summary>The tag name lower-cased (ASCII only, as HTML does); known names are shared, not allocated.</summary>
    private static string TagName(ReadOnlySpan<char> raw)
    {
        Span<char> lower = stackalloc char[32];
        if (raw.Length <= lower.Length)
        {
            for (int k = 0; k < raw.Length; k++) lower[k] = char.IsAsciiLetterUpper(raw[k]) ? (char)(raw[k] + 32) : raw[k];
            return Tags.NameOf(lower[..raw.Length]) ?? new string(lower[..raw.Length]);
        }
        var chars = raw.ToArray();
        for (int k = 0; k < chars.Length; k++) if (char.IsAsciiLetterUpper(chars[k])) chars[k] = (char)(chars[k] + 32);
        return new string(chars);
    }
}

/// <summary>What the tree builder's rules say of each HTML tag name that matters to the depth of its stack.</summary>
[Flags]
internal enum TagRole
{
    None = 0,
    /// <summary>Never has content: area, br, img, input, meta…</summary>
    Void = 1,
    /// <summary>Its content is text up to its end tag: script, style, textarea, title, xmp…</summary>
    RawText = 2,
    /// <summary>On the list of active formatting elements: a, b, font, i, strong…</summary>
    Formatting = 4,
    /// <summary>The HTML standard's "special" category: stops "any other end tag" and list-item closing.</summary>
    Special = 8,
    /// <summary>Bounds "has an element in scope": applet, caption, html, table, td, th, marquee, object, template.</summary>
    Scope = 16,
    /// <summary>Bounds "in table scope": html, table, template.</summary>
    TableScope = 32,
    /// <summary>A start tag that first closes an open &lt;p&gt;.</summary>
    ClosesP = 64,
    /// <summary>Puts a marker on the list of active formatting elements.</summary>
    Marker = 128,
    /// <summary>html, head, body, frameset: never opened again inside the body.</summary>
    NoPush = 256,
    /// <summary>Leaves SVG or MathML content for HTML.</summary>
    Breakout = 512,
    /// <summary>Its end tag pops only when the element is in scope.</summary>
    ScopedEnd = 1024,
    /// <summary>A table part: its end tag pops only within its table.</summary>
    TablePart = 2048,
    Heading = 4096,
}

/// <summary>The tag tables of <see cref="NestingLimit"/>, after the HTML standard's tree construction rules.</summary>
/// <remarks>
/// A plain dictionary with a class for its values and a <see cref="NameTable"/>, not frozen collections: building a
/// frozen dictionary analyses its keys through generic code that no precompiled image holds for our value types,
/// which cost every start of the command about 40 ms of CPU (issue #14); a lookup in either takes nanoseconds.
/// </remarks>
internal static class Tags
{
    /// <summary>A known tag's roles, as a class so that the dictionary's code is the shared, precompiled kind.</summary>
    private sealed class Known(TagRole role)
    {
        public TagRole Role { get; } = role;
    }

    private static readonly Dictionary<string, Known> Table = Build();

    private static readonly NameTable Names = new(Table.Keys);

    public static TagRole Of(string name) => Table.TryGetValue(name, out var known) ? known.Role : TagRole.None;

    /// <summary>The shared string of a known lower-case tag name; null for a name the tables do not list.</summary>
    public static string? NameOf(ReadOnlySpan<char> lowerCase) => Names.Find(lowerCase);

    private static Dictionary<string, Known> Build()
    {
        var t = new Dictionary<string, Known>(StringComparer.Ordinal);
        void Add(TagRole role, params string[] names)
        {
            foreach (string name in names) t[name] = new Known((t.TryGetValue(name, out var known) ? known.Role : TagRole.None) | role);
        }
        Add(TagRole.Void, "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
            "link", "meta", "param", "source", "track", "wbr");
        Add(TagRole.RawText, "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title");
        Add(TagRole.Formatting, "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u");
        Add(TagRole.Special, "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
            "button", "caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "embed", "fieldset",
            "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
            "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav",
            "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section", "select",
            "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track",
            "ul", "wbr", "xmp");
        Add(TagRole.Scope, "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template");
        Add(TagRole.TableScope, "html", "table", "template");
        Add(TagRole.ClosesP, "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
            "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section", "summary", "ul",
            "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "plaintext", "table", "hr", "xmp", "li", "dd", "dt");
        Add(TagRole.Marker, "applet", "object", "marquee", "template", "td", "th", "caption");
        Add(TagRole.NoPush, "html", "head", "body", "frameset");
        Add(TagRole.Breakout, "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "font",
            "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby",
            "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var");
        Add(TagRole.ScopedEnd, "address", "article", "aside", "blockquote", "button", "center", "details", "dialog", "dir", "div", "dl",
            "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol", "pre", "search",
            "section", "summary", "ul", "li", "dd", "dt", "p", "h1", "h2", "h3", "h4", "h5", "h6", "form", "applet", "marquee", "object",
            "template");
        Add(TagRole.TablePart, "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup");
        Add(TagRole.Heading, "h1", "h2", "h3", "h4", "h5", "h6");
        // Names the model compares against, and those of SVG and MathML it must know.
        foreach (string name in (string[])["span", "svg", "math", "option", "optgroup", "plaintext", "foreignobject", "desc", "mi", "mo", "mn",
                     "ms", "mtext", "annotation-xml", "select", "ruby", "sub", "sup", "var", "label"])
            t.TryAdd(name, new Known(TagRole.None));
        return t;
    }
}
