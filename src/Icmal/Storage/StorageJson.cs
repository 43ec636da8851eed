using System.Text.Json.Serialization;

namespace Icmal.Storage;

/// <summary>The JSON the stores write (author and tag lists, SQLite's id lists), generated at build time: no reflection at start-up.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyCollection<string>))]
[JsonSerializable(typeof(IReadOnlyCollection<long>))]
internal sealed partial class StorageJson : JsonSerializerContext
{
    public static StorageJson Context { get; } = new();
}
