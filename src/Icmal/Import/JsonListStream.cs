using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Icmal.Import;

/// <summary>What reading a JSON article list yields, one entry at a time.</summary>
public enum JsonListEntryKind
{
    /// <summary>An item's JSON, ready for <see cref="JsonArticleReader.Read"/>.</summary>
    Item,

    /// <summary>One item that cannot be read (too large, not valid JSON); the items after it go on.</summary>
    RejectedItem,

    /// <summary>The list itself is broken or has the wrong shape; nothing after this is read.</summary>
    Break,
}

/// <param name="Index">The item's place in the list, from 0 (for a break: how many items came before it).</param>
public sealed record JsonListEntry(JsonListEntryKind Kind, int Index, ReadOnlyMemory<byte> Item, string? Error);

/// <summary>
/// Reads a JSON article list as a stream: a top-level array of objects, or an object holding one under "articles",
/// "items", "data", "entries" or "posts" (the first such array in the file), or a single article object. Each item
/// is held alone, up to a cap, so memory stays bounded however long the list is; an item over the cap is rejected
/// by itself, and a list that breaks off keeps the items before the break.
/// </summary>
public static class JsonListStream
{
    private static readonly string[] ListProperties = ["articles", "items", "data", "entries", "posts"];

    private static readonly JsonDocumentOptions ItemOptions = new() { MaxDepth = JsonValueScanner.MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static async IAsyncEnumerable<JsonListEntry> ReadAsync(Stream stream, long maxItemBytes, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = new ByteSource(stream, ct);
        await source.SkipBomAsync();
        int first = await source.SkipTriviaAsync();
        if (first < 0)
        {
            yield return Break(0, source.Failure ?? "empty file");
            yield break;
        }
        int count = 0;
        if (first == '[')
        {
            await foreach (var entry in ReadArrayAsync(source, maxItemBytes)) { count = entry.Kind == JsonListEntryKind.Break ? -1 : entry.Index + 1; yield return entry; }
            if (count < 0) yield break;
        }
        else if (first == '{')
        {
            await foreach (var entry in ReadObjectRootAsync(source, maxItemBytes)) { count = entry.Kind == JsonListEntryKind.Break ? -1 : entry.Index + 1; yield return entry; }
            if (count < 0) yield break;
        }
        else
        {
            yield return Break(0, $"wrong shape: expected an array of article objects, found {Describe((byte)first)}");
            yield break;
        }
        int after = await source.SkipTriviaAsync();
        if (after >= 0)
            yield return Break(count, string.Create(CultureInfo.InvariantCulture,
                $"not valid JSON: unexpected data after the list at offset {source.Position}; the {count} items before it were read"));
        else if (source.Failure is { } failure)
            yield return Break(count, failure);
    }

    /// <summary>The items of an array whose '[' is the next byte.</summary>
    private static async IAsyncEnumerable<JsonListEntry> ReadArrayAsync(ByteSource source, long maxItemBytes)
    {
        source.Advance(1);
        int index = 0;
        bool expectValue = true;
        Recorder? recorder = null;
        while (true)
        {
            int c = await source.SkipTriviaAsync();
            if (c < 0)
            {
                yield return Break(index, source.Failure ?? string.Create(CultureInfo.InvariantCulture,
                    $"not valid JSON: the file ends at offset {source.Position} before the list's closing ']'; the {index} items before it were read"));
                yield break;
            }
            if (c == ']')
            {
                source.Advance(1);
                if (index == 0) yield return Break(0, "no articles: the list is empty");
                yield break;
            }
            if (c == ',' && !expectValue)
            {
                source.Advance(1);
                expectValue = true;
                continue;
            }
            if (!expectValue || c == ',')
            {
                yield return Break(index, string.Create(CultureInfo.InvariantCulture,
                    $"not valid JSON: unexpected '{(char)c}' at offset {source.Position} (expected {(expectValue ? "an item" : "',' or ']'")}); the {index} items before it were read"));
                yield break;
            }
            long start = source.Position;
            // One recorder for the whole list: Item copies what it recorded before the next item is read, so its
            // buffer, grown to the largest article, is reused rather than grown again from 256 bytes for each.
            recorder ??= new Recorder(maxItemBytes);
            recorder.Reset();
            source.Recorder = recorder;
            string? broken = await source.ScanValueAsync();
            source.Recorder = null;
            if (broken is not null)
            {
                yield return Break(index, string.Create(CultureInfo.InvariantCulture,
                    $"not valid JSON: {broken}, in item {index + 1} (which starts at offset {start}); the {index} items before it were read"));
                yield break;
            }
            yield return Item(index, start, recorder, maxItemBytes);
            index++;
            expectValue = false;
        }
    }

    /// <summary>An object at the root: the list under one of its known properties, or a single article.</summary>
    private static async IAsyncEnumerable<JsonListEntry> ReadObjectRootAsync(ByteSource source, long maxItemBytes)
    {
        var whole = new Recorder(maxItemBytes);
        source.Recorder = whole;
        source.Advance(1);
        bool listFound = false;
        int index = 0;
        while (true)
        {
            int c = await source.SkipTriviaAsync();
            if (c == '}')
            {
                source.Advance(1);
                break;
            }
            if (c == ',')
            {
                source.Advance(1);
                continue;
            }
            if (c != '"')
            {
                source.Recorder = null;
                yield return Break(index, source.Failure ?? (c < 0
                    ? string.Create(CultureInfo.InvariantCulture, $"not valid JSON: the file ends at offset {source.Position} inside the top-level object")
                    : string.Create(CultureInfo.InvariantCulture, $"not valid JSON: unexpected '{(char)c}' at offset {source.Position} where a property name belongs")));
                yield break;
            }
            var key = new Recorder(256);
            var outer = source.Recorder;
            source.Recorder = key;
            string? broken = await source.ScanValueAsync();
            source.Recorder = outer;
            outer?.Append(key.Written.Span);
            int colon = broken is null ? await source.SkipTriviaAsync() : -1;
            if (broken is not null || colon != ':')
            {
                source.Recorder = null;
                yield return Break(index, source.Failure ?? string.Create(CultureInfo.InvariantCulture, $"not valid JSON: {broken ?? "a property without its ':'"} at offset {source.Position}"));
                yield break;
            }
            source.Advance(1);
            int value = await source.SkipTriviaAsync();
            string name = key.Overflowed ? "" : System.Text.Encoding.UTF8.GetString(key.Written.Span).Trim('"');
            if (!listFound && value == '[' && ListProperties.Contains(name, StringComparer.Ordinal))
            {
                listFound = true;
                source.Recorder = null;
                await foreach (var entry in ReadArrayAsync(source, maxItemBytes))
                {
                    yield return entry;
                    if (entry.Kind == JsonListEntryKind.Break) yield break;
                    index = entry.Index + 1;
                }
                continue;
            }
            if (value < 0 || (broken = await source.ScanValueAsync()) is not null)
            {
                source.Recorder = null;
                yield return Break(index, source.Failure ?? string.Create(CultureInfo.InvariantCulture,
                    $"not valid JSON: {broken ?? "the file ends"} at offset {source.Position}, in the value of \"{name}\""));
                yield break;
            }
        }
        source.Recorder = null;
        if (listFound) yield break;
        if (!whole.Overflowed && IsArticle(whole.Written))
        {
            yield return Item(0, 0, whole, maxItemBytes);
            yield break;
        }
        yield return Break(0, "wrong shape: expected an array of article objects (or an object with an \"articles\" array)");
    }

    private static bool IsArticle(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, ItemOptions);
            return new[] { "text", "content", "body", "articleBody" }.Any(p =>
                doc.RootElement.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String && HasText(v));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether a JSON string holds more than white space. A string with an unpaired surrogate escape ("\uDE79") does,
    /// though .NET refuses to read it: it is an article, and reading it says what is wrong with its text.
    /// </summary>
    private static bool HasText(JsonElement s)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(s.GetString());
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>
    /// An item as the parser sees it, written back compactly: the same bytes as the whole-file reader gave before,
    /// so the document hash of an article imported earlier still matches and a re-import adds nothing.
    /// </summary>
    private static JsonListEntry Item(int index, long start, Recorder recorder, long maxItemBytes)
    {
        if (recorder.Overflowed)
            return new(JsonListEntryKind.RejectedItem, index, default, string.Create(CultureInfo.InvariantCulture,
                $"too large ({recorder.Length / 1048576.0:0.0} MB; the limit per article is {maxItemBytes / 1048576.0:0.#} MB)"));
        try
        {
            return new(JsonListEntryKind.Item, index, Compact(recorder.Written), null);
        }
        catch (JsonException) when (UnpairedSurrogatesMended(recorder.Written.Span) is { } mended)
        {
            // Valid JSON whose strings escape half a UTF-16 pair ("\ud800"), which no text holds: it fails only when
            // written back. Each such half is read as U+FFFD, as an HTML parser reads "&#xD800;".
            try
            {
                return new(JsonListEntryKind.Item, index, Compact(mended), null);
            }
            catch (JsonException again)
            {
                return Rejected(index, start, again);
            }
        }
        catch (JsonException e)
        {
            return Rejected(index, start, e);
        }
    }

    private static byte[] Compact(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json, ItemOptions);
        return JsonSerializer.SerializeToUtf8Bytes(doc.RootElement);
    }

    private static JsonListEntry Rejected(int index, long start, JsonException e) =>
        new(JsonListEntryKind.RejectedItem, index, default, string.Create(CultureInfo.InvariantCulture,
            $"not valid JSON (the item starts at offset {start}): {e.Message}"));

    /// <summary>
    /// <paramref name="json"/> with each "\uXXXX" escape of a surrogate that is not half of a pair replaced by
    /// "\uFFFD"; null when it has none. Backslashes occur only in strings (and comments, which are dropped), so
    /// following the escapes alone is enough.
    /// </summary>
    internal static byte[]? UnpairedSurrogatesMended(ReadOnlySpan<byte> json)
    {
        byte[]? copy = null;
        for (int i = 0; i < json.Length - 1; i++)
        {
            if (json[i] != (byte)'\\') continue;
            if (json[i + 1] != (byte)'u' || !TryUnit(json, i, out char unit))
            {
                i++;
                continue;
            }
            if (char.IsHighSurrogate(unit) && TryUnit(json, i + 6, out char next) && char.IsLowSurrogate(next))
            {
                i += 11;
                continue;
            }
            if (char.IsSurrogate(unit))
            {
                copy ??= json.ToArray();
                "FFFD"u8.CopyTo(copy.AsSpan(i + 2));
            }
            i += 5;
        }
        return copy;
    }

    /// <summary>The UTF-16 unit of a "\uXXXX" escape at <paramref name="at"/>.</summary>
    private static bool TryUnit(ReadOnlySpan<byte> json, int at, out char unit)
    {
        unit = default;
        if (at + 6 > json.Length || json[at] != (byte)'\\' || json[at + 1] != (byte)'u') return false;
        if (!ushort.TryParse(json.Slice(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort value)) return false;
        unit = (char)value;
        return true;
    }

    private static JsonListEntry Break(int index, string error) => new(JsonListEntryKind.Break, index, default, error);

    private static string Describe(byte first) => first switch
    {
        (byte)'"' => "a string",
        (byte)'t' or (byte)'f' => "a boolean",
        (byte)'n' => "null",
        (byte)'-' or (>= (byte)'0' and <= (byte)'9') => "a number",
        _ => $"'{(char)first}', which is not JSON",
    };
}
