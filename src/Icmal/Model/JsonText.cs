using System.Text.Json;

namespace Icmal.Model;

/// <summary>
/// Reading JSON strings that came from outside (feeds, stored rows another tool wrote): an escape of half a UTF-16
/// pair ("\uD800") is valid JSON that .NET will not read as a string, and throws where every other string reads.
/// </summary>
public static class JsonText
{
    /// <summary>The string's text; null for one escaping half a surrogate pair.</summary>
    public static string? StringOrNull(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
