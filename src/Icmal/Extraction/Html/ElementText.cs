using System.Text;
using AngleSharp.Dom;
using Icmal.Html;

namespace Icmal.Extraction.Html;

/// <summary>
/// An element's text when it is short. <c>TextContent</c> copies the whole subtree, so asking it of each of a few
/// hundred nested elements copies the page a few hundred times; this walk stops at the length the caller can use.
/// </summary>
internal static class ElementText
{
    /// <summary>The most nodes one call visits: no element with more is a short date or label line.</summary>
    public const int MaxNodes = 4096;

    /// <summary>
    /// The text of <paramref name="el"/> (as <c>TextContent</c>) when it has at most <paramref name="max"/>
    /// characters and at most <see cref="MaxNodes"/> nodes; otherwise null.
    /// </summary>
    public static string? Bounded(IElement el, int max)
    {
        StringBuilder? sb = null;
        string? single = null;
        int length = 0, visited = 0;
        foreach (var node in TreeWalk.Descendants(el))
        {
            if (++visited > MaxNodes) return null;
            if (node is not IText text) continue;
            string data = text.Data;
            length += data.Length;
            if (length > max) return null;
            if (data.Length == 0) continue;
            if (single is null && sb is null) single = data;
            else (sb ??= new StringBuilder(single)).Append(data);
        }
        return sb?.ToString() ?? single ?? "";
    }
}
