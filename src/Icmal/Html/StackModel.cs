namespace Icmal.Html;

/// <summary>
/// A model of the HTML tree builder's stack of open elements and list of active formatting elements, fed tag by
/// tag by <see cref="NestingLimit"/>, which decides which start tags to drop. It follows the HTML standard's tree
/// construction rules where they change the stack's depth, and where it can not tell whether the builder pops
/// (it does not see the tree), it keeps the element: the model may count deeper than the builder, never shallower.
/// </summary>
internal sealed class StackModel(string html, int maxDepth, int maxFormatting)
{
    /// <summary>An open element: its name, roles, namespace, and its formatting entry if it has one.</summary>
    private readonly record struct Open(string Name, TagRole Role, bool Foreign, bool Integration, Formatting? Entry);

    /// <summary>An entry of the list of active formatting elements: the start tag's name and attribute text.</summary>
    private sealed class Formatting(string name, int attrStart, int attrLength)
    {
        public string Name { get; } = name;
        public int AttrStart { get; } = attrStart;
        public int AttrLength { get; } = attrLength;
        public bool IsOpen { get; set; } = true;
    }

    private readonly List<Open> _stack = [];
    /// <summary>The list of active formatting elements; null is a marker (a table cell, an object…).</summary>
    private readonly List<Formatting?> _formatting = [];
    /// <summary>How many start tags of each name were dropped and still wait for their end tag.</summary>
    private readonly Dictionary<string, int> _suppressed = new(StringComparer.Ordinal);

    /// <summary>The dropped tags' ranges in the markup, in order.</summary>
    public List<(int Start, int End)> Dropped { get; } = [];

    /// <summary>Whether the current node is SVG or MathML content (not an HTML integration point).</summary>
    public bool InForeign => _stack.Count > 0 && _stack[^1] is { Foreign: true, Integration: false };

    /// <summary>Text: the builder re-opens the formatting elements a block's end closed.</summary>
    public void Text() => Reconstruct();

    /// <summary>A start tag from <paramref name="start"/> to <paramref name="end"/>; its attributes begin at <paramref name="attrs"/>.</summary>
    public NestingLimit.ContentKind Start(string name, int start, int end, int attrs, bool selfClosing)
    {
        var role = Tags.Of(name);
        if (InForeign)
        {
            if ((role & TagRole.Breakout) == 0)
            {
                if (selfClosing) return NestingLimit.ContentKind.Markup;
                if (!Room(name, start, end)) return NestingLimit.ContentKind.Markup;
                bool integration = name is "foreignobject" or "desc" or "title" or "mi" or "mo" or "mn" or "ms" or "mtext" or "annotation-xml";
                _stack.Add(new Open(name, integration ? TagRole.Special | TagRole.Scope : TagRole.None, true, integration, null));
                return NestingLimit.ContentKind.Markup;
            }
            while (InForeign) Pop();
        }
        if ((role & TagRole.NoPush) != 0) return NestingLimit.ContentKind.Markup;
        if ((role & TagRole.RawText) != 0) return NestingLimit.ContentKind.RawText;
        if (name == "plaintext") return NestingLimit.ContentKind.PlainText;
        if ((role & TagRole.Void) != 0)
        {
            Reconstruct();
            return NestingLimit.ContentKind.Markup;
        }
        if (name is "svg" or "math")
        {
            if (selfClosing) return NestingLimit.ContentKind.Markup;
            if (!Room(name, start, end)) return NestingLimit.ContentKind.Markup;
            Reconstruct();
            _stack.Add(new Open(name, TagRole.None, true, false, null));
            return NestingLimit.ContentKind.Markup;
        }
        if (name == "form" && Contains("form") && !Contains("template")) return NestingLimit.ContentKind.Markup;
        if (!Room(name, start, end)) return NestingLimit.ContentKind.Markup;
        if ((role & TagRole.Formatting) != 0 && !FormattingRoom(name, attrs, end)) return Drop(name, start, end);

        // Implied end tags and parents.
        if ((role & TagRole.ClosesP) != 0) PopToInScope("p", TagRole.Scope, extraBoundary: "button");
        if ((role & TagRole.Heading) != 0 && _stack.Count > 0 && (_stack[^1].Role & TagRole.Heading) != 0) Pop();
        switch (name)
        {
            case "li":
                CloseListItem(static n => n == "li");
                break;
            case "dd" or "dt":
                CloseListItem(static n => n is "dd" or "dt");
                break;
            case "button":
                PopToInScope("button", TagRole.Scope, null);
                break;
            case "option":
                if (Top is "option") Pop();
                break;
            case "optgroup":
                if (Top is "option") Pop();
                if (Top is "optgroup") Pop();
                break;
            case "table":
                if (Top is "table" or "tbody" or "thead" or "tfoot" or "tr") PopToInScope("table", TagRole.TableScope, null);
                break;
            case "tbody" or "thead" or "tfoot" or "caption" or "colgroup":
                ClearToTable();
                break;
            case "tr":
                ClearToTableBody();
                if (Top is "table") Push("tbody", Tags.Of("tbody"), null);
                break;
            case "td" or "th":
                CloseCell();
                if (Top is "table") Push("tbody", Tags.Of("tbody"), null);
                if (Top is "tbody" or "thead" or "tfoot") Push("tr", Tags.Of("tr"), null);
                break;
        }
        if ((role & (TagRole.ClosesP | TagRole.TablePart)) == 0) Reconstruct();

        Formatting? entry = null;
        if ((role & TagRole.Formatting) != 0)
        {
            if (name is "a" or "nobr") CloseFormatting(name, endTag: false);
            entry = new Formatting(name, attrs, end - attrs);
            AddFormatting(entry);
        }
        Push(name, role, entry);
        return NestingLimit.ContentKind.Markup;
    }

    /// <summary>An end tag from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public void End(string name, int start, int end)
    {
        if (_suppressed.TryGetValue(name, out int waiting) && waiting > 0)
        {
            _suppressed[name] = waiting - 1;
            Dropped.Add((start, end));
            return;
        }
        var role = Tags.Of(name);
        if ((role & TagRole.NoPush) != 0 || name == "br") return;
        if ((role & TagRole.Formatting) != 0)
        {
            CloseFormatting(name, endTag: true);
            return;
        }
        if (name == "form")
        {
            // The builder takes the form out of the stack and leaves what is open inside it open.
            for (int k = _stack.Count - 1; k >= 0; k--)
            {
                if (_stack[k] is { Name: "form", Foreign: false }) { _stack.RemoveAt(k); return; }
                if ((_stack[k].Role & TagRole.Scope) != 0) return;
            }
            return;
        }
        if ((role & TagRole.TablePart) != 0) PopToInScope(name, TagRole.TableScope, null);
        else if ((role & TagRole.Heading) != 0) PopToHeading();
        else if ((role & TagRole.ScopedEnd) != 0)
            PopToInScope(name, TagRole.Scope, name == "p" ? "button" : name == "li" ? "ol" : null, name == "li" ? "ul" : null);
        else
        {
            // Any other end tag: the nearest open element of that name, unless a special element is open above it.
            for (int k = _stack.Count - 1; k >= 0; k--)
            {
                if (_stack[k].Name == name) { PopTo(k); return; }
                if ((_stack[k].Role & TagRole.Special) != 0) return;
            }
        }
    }

    private string? Top => _stack.Count > 0 && !_stack[^1].Foreign ? _stack[^1].Name : null;

    /// <summary>Whether one more element fits; if not, the tag is dropped and its end tag will be.</summary>
    private bool Room(string name, int start, int end)
    {
        if (_stack.Count < maxDepth) return true;
        Drop(name, start, end);
        return false;
    }

    private NestingLimit.ContentKind Drop(string name, int start, int end)
    {
        Dropped.Add((start, end));
        _suppressed[name] = _suppressed.GetValueOrDefault(name) + 1;
        return NestingLimit.ContentKind.Markup;
    }

    private void Push(string name, TagRole role, Formatting? entry)
    {
        _stack.Add(new Open(name, role, false, false, entry));
        if ((role & TagRole.Marker) != 0) _formatting.Add(null);
    }

    private void Pop() => PopTo(_stack.Count - 1);

    /// <summary>Pops the open elements from index <paramref name="k"/> up.</summary>
    private void PopTo(int k)
    {
        for (int j = _stack.Count - 1; j >= k; j--)
        {
            var open = _stack[j];
            _stack.RemoveAt(j);
            if (open.Entry is not null) open.Entry.IsOpen = false;
            if ((open.Role & TagRole.Marker) != 0 && !open.Foreign) ClearToMarker();
        }
    }

    private bool Contains(string name)
    {
        for (int k = _stack.Count - 1; k >= 0; k--) if (_stack[k].Name == name && !_stack[k].Foreign) return true;
        return false;
    }

    /// <summary>Pops to the nearest open <paramref name="name"/> when no scope boundary is open above it.</summary>
    private void PopToInScope(string name, TagRole boundary, string? extraBoundary, string? extraBoundary2 = null)
    {
        for (int k = _stack.Count - 1; k >= 0; k--)
        {
            var open = _stack[k];
            if (!open.Foreign && open.Name == name) { PopTo(k); return; }
            if ((open.Role & boundary) != 0 || (!open.Foreign && (open.Name == extraBoundary || open.Name == extraBoundary2))) return;
        }
    }

    private void PopToHeading()
    {
        for (int k = _stack.Count - 1; k >= 0; k--)
        {
            var open = _stack[k];
            if (!open.Foreign && (open.Role & TagRole.Heading) != 0) { PopTo(k); return; }
            if ((open.Role & TagRole.Scope) != 0) return;
        }
    }

    /// <summary>A new list item closes the open one, unless a special element other than address, div or p is open above it.</summary>
    private void CloseListItem(Func<string, bool> item)
    {
        for (int k = _stack.Count - 1; k >= 0; k--)
        {
            var open = _stack[k];
            if (!open.Foreign && item(open.Name)) { PopTo(k); return; }
            if ((open.Role & TagRole.Special) != 0 && open.Name is not ("address" or "div" or "p")) return;
        }
    }

    /// <summary>A new row group, caption or column group closes what is open in the current table.</summary>
    private void ClearToTable()
    {
        for (int k = _stack.Count - 1; k >= 0; k--)
        {
            var open = _stack[k];
            if (!open.Foreign && open.Name == "table") { PopTo(k + 1); return; }
            if ((open.Role & TagRole.TableScope) != 0) return;
        }
    }

    /// <summary>A new row closes the open cell and row, within the current row group.</summary>
    private void ClearToTableBody()
    {
        for (int k = _stack.Count - 1; k >= 0; k--)
        {
            var open = _stack[k];
            if (!open.Foreign && open.Name is "tbody" or "thead" or "tfoot" or "table") { PopTo(k + 1); return; }
            if ((open.Role & TagRole.TableScope) != 0) return;
        }
    }

    /// <summary>A new cell closes the open one in the current table.</summary>
    private void CloseCell()
    {
        for (int k = _stack.Count - 1; k >= 0; k--)
        {
            var open = _stack[k];
            if (!open.Foreign && open.Name is "td" or "th") { PopTo(k); return; }
            if ((open.Role & TagRole.TableScope) != 0) return;
        }
    }

    /// <summary>
    /// A formatting end tag (or a new &lt;a&gt; or &lt;nobr&gt; while one is active): the element is popped with
    /// what is open above it when none of that is special; otherwise the builder's adoption agency moves elements
    /// without making the stack deeper, and the model keeps it as it is.
    /// </summary>
    private void CloseFormatting(string name, bool endTag)
    {
        Formatting? entry = null;
        int at = -1;
        for (int k = _formatting.Count - 1; k >= 0 && _formatting[k] is { } f; k--)
            if (f.Name == name) { entry = f; at = k; break; }
        if (entry is null)
        {
            if (endTag)
            {
                for (int k = _stack.Count - 1; k >= 0; k--)
                {
                    if (_stack[k].Name == name && !_stack[k].Foreign) { PopTo(k); return; }
                    if ((_stack[k].Role & TagRole.Special) != 0) return;
                }
            }
            return;
        }
        if (!entry.IsOpen)
        {
            _formatting.RemoveAt(at);
            return;
        }
        for (int k = _stack.Count - 1; k >= 0; k--)
        {
            var open = _stack[k];
            if (ReferenceEquals(open.Entry, entry))
            {
                PopTo(k);
                _formatting.RemoveAt(at);
                return;
            }
            if ((open.Role & (TagRole.Special | TagRole.Scope)) != 0) return;
        }
    }

    /// <summary>
    /// Whether a formatting start tag may be added to the list: past <c>maxFormatting</c> entries since the last
    /// marker only one that pushes out an identical entry may (each re-opening would otherwise multiply elements).
    /// </summary>
    private bool FormattingRoom(string name, int attrs, int end)
    {
        var (count, same, _) = Identical(name, attrs, end - attrs);
        return count < maxFormatting || same >= 3;
    }

    /// <summary>Adds a formatting entry: as in the standard, a fourth identical one (same name and attributes) pushes out the first.</summary>
    private void AddFormatting(Formatting entry)
    {
        var (_, same, earliest) = Identical(entry.Name, entry.AttrStart, entry.AttrLength);
        if (same >= 3) _formatting.RemoveAt(earliest);
        _formatting.Add(entry);
    }

    /// <summary>Entries since the last marker; how many have this name and attribute text; the earliest of those.</summary>
    private (int Count, int Same, int Earliest) Identical(string name, int attrStart, int attrLength)
    {
        int same = 0, count = 0, earliest = -1;
        var attrs = html.AsSpan(attrStart, attrLength);
        for (int k = _formatting.Count - 1; k >= 0 && _formatting[k] is { } f; k--)
        {
            count++;
            if (f.Name == name && html.AsSpan(f.AttrStart, f.AttrLength).SequenceEqual(attrs))
            {
                same++;
                earliest = k;
            }
        }
        return (count, same, earliest);
    }

    private void ClearToMarker()
    {
        while (_formatting.Count > 0)
        {
            var last = _formatting[^1];
            _formatting.RemoveAt(_formatting.Count - 1);
            if (last is null) return;
        }
    }

    /// <summary>Re-opens the active formatting elements that a block's end closed, as the builder does before text and inline tags.</summary>
    private void Reconstruct()
    {
        if (_formatting.Count == 0 || _formatting[^1] is null or { IsOpen: true }) return;
        int k = _formatting.Count - 1;
        while (k > 0 && _formatting[k - 1] is { IsOpen: false }) k--;
        for (; k < _formatting.Count; k++)
        {
            var f = _formatting[k]!;
            f.IsOpen = true;
            _stack.Add(new Open(f.Name, Tags.Of(f.Name), false, false, f));
        }
    }
}
