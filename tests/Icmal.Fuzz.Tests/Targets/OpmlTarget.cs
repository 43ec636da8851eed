using System.Security;
using System.Text;
using CsCheck;
using Icmal.Collection;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>
/// OPML files (`icmal sources import-opml`): outlines nested or not, attributes missing, empty, hostile or not
/// addresses, entities, broken XML. Every source read has a name and http(s) addresses that parse again; what is not
/// read is named among the problems, never thrown.
/// </summary>
public static class OpmlTarget
{
    private static readonly Gen<string> Value = Gen.Frequency(
        (4, Hostile.Url), (2, Hostile.Text(30)), (1, Hostile.Entity),
        (1, Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("https://apa.az/rss"), Gen.Const("javascript:alert(1)"), Gen.Const("file:///etc/passwd"),
            Gen.Const("http://127.0.0.1:8080/feed"), Gen.Const("sitemap"), Gen.Const("listing"), Gen.Const("SITEMAP"), Gen.Const("az"))));

    private static readonly string[] Attributes = ["xmlUrl", "htmlUrl", "text", "title", "type", "language", "xmlurl", "category"];

    private static readonly Gen<string> Attribute = Gen.Select(Gen.Int[0, Attributes.Length - 1], Value,
        (a, v) => $"{Attributes[a]}=\"{SecurityElement.Escape(v)}\"");

    private static readonly Gen<string> Outline = Gen.Select(Attribute.Array[0, 6], Gen.Int[0, 3], (attributes, shape) => shape switch
    {
        0 => "<outline " + string.Join(' ', attributes) + "/>",
        1 => "<outline text=\"Xəbərlər\">" + "<outline " + string.Join(' ', attributes) + "/></outline>",
        2 => "<outline " + string.Join(' ', attributes) + ">",
        _ => "<outline xmlUrl=\"https://oxu.az/rss\" " + string.Join(' ', attributes) + "/>",
    });

    private static readonly Gen<string> Document = Gen.Select(Outline.Array[0, 12], Gen.Int[0, 3], (outlines, shape) => shape switch
    {
        0 => "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>x</title></head><body>" + string.Concat(outlines) + "</body></opml>",
        1 => "<!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><opml><body>" + string.Concat(outlines) + "&b;</body></opml>",
        2 => "<opml><body>" + string.Concat(outlines),
        _ => string.Concat(outlines),
    });

    private static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (6, Document.Select(s => Encoding.UTF8.GetBytes(s))), (2, Document.SelectMany(s => Mutation.Bytes(Encoding.UTF8.GetBytes(s)))), (1, Gen.Byte.Array[0, 200]));

    public static readonly FuzzTarget<byte[]> Target = new("opml", Bytes, Check, b => b, b => b, DefaultIterations: 300);

    private static void Check(byte[] opml)
    {
        using var stream = new MemoryStream(opml, writable: false);
        var (sources, problems) = Opml.Read(stream);
        foreach (var source in sources)
        {
            if (string.IsNullOrWhiteSpace(source.Name)) throw new InvalidOperationException($"a source of {source.HomeUrl} without a name");
            foreach (string url in source.Endpoints.Select(e => e.Url).Append(source.HomeUrl))
            {
                var uri = new Uri(url, UriKind.Absolute);
                if (uri.Scheme is not ("http" or "https")) throw new InvalidOperationException($"the address '{url}' is not http(s)");
            }
        }
        if (problems.Any(string.IsNullOrWhiteSpace)) throw new InvalidOperationException("a problem without words");
    }
}
