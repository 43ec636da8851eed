using Icmal.Model;

namespace Icmal.Extraction.Html;

/// <summary>
/// A date a page states, and the evidence it was read from. Its own file because both the metadata reader
/// (<see cref="PageMetadata"/>) and the choice among dates (<see cref="PublicationDate"/>) use it: the choice reads
/// the metadata, never the other way round.
/// </summary>
internal readonly record struct StatedDate(DateTimeOffset Value, DateEvidence From);
