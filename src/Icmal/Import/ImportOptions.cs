namespace Icmal.Import;

/// <summary>Limits on what an import reads.</summary>
/// <param name="MaxFileBytes">
/// Pages and text dumps larger than this are refused unread, so one stray dump cannot exhaust memory. JSON article
/// lists are streamed whatever their length, and the cap applies to each of their articles instead.
/// </param>
public sealed record ImportOptions(long MaxFileBytes = ImportOptions.DefaultMaxFileBytes)
{
    public const long DefaultMaxFileBytes = 32L * 1024 * 1024;
}
