using AngleSharp.Dom;

namespace Icmal.Html;

/// <summary>
/// The one document-order walk over a parsed tree. It keeps an explicit stack of (children, next index): recursion
/// overflows on deep pages, and AngleSharp's <c>NextSibling</c> scans the parent's children, which is quadratic on
/// pages with tens of thousands of siblings.
/// </summary>
public static class TreeWalk
{
    /// <summary>The descendants of <paramref name="root"/> (not <paramref name="root"/> itself), in document order.</summary>
    public static IEnumerable<INode> Descendants(INode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var stack = new Stack<(INodeList Children, int Next)>();
        stack.Push((root.ChildNodes, 0));
        while (stack.Count > 0)
        {
            var (children, next) = stack.Pop();
            if (next >= children.Length) continue;
            stack.Push((children, next + 1));
            var node = children[next];
            yield return node;
            if (node.HasChildNodes) stack.Push((node.ChildNodes, 0));
        }
    }
}
