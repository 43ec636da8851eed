using Icmal.Storage;
using Icmal.Text.Similarity;

namespace Icmal.Linking;

/// <summary>
/// What copy detection works out of an article's text alone: its sketch and the hash of the text. Pure CPU, so an import
/// works it out ahead, on all cores (the link stage's <c>Prepare</c>), instead of on the serial path of the batch's
/// links.
/// </summary>
public sealed record ArticleText(TextSketch Sketch, string TextSha256)
{
    public static ArticleText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ArticleText(TextSketch.Of(text), Hashing.Sha256Hex(text));
    }
}
