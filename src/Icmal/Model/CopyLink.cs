namespace Icmal.Model;

/// <summary>Why a stored article is taken for a copy of another (issue #16): the strongest evidence found.</summary>
public enum CopyEvidence
{
    /// <summary>The same normalised text: a copy whatever its headline or page.</summary>
    SameText,

    /// <summary>Nearly the same text (a new headline, a credit line, a paragraph cut or added), by its similarity sketch.</summary>
    NearCopy,

    /// <summary>A near-copy whose credit line names the original's site ("Sherg.az portalına istinadən", "Mənbə: Report.az").</summary>
    Credited,
}

/// <summary>
/// A republication tied to its original: <paramref name="ArticleId"/> copies <paramref name="OriginalId"/>. An original
/// is never itself a copy (links point at the first of a chain), so a reader is sent to the source in one step.
/// </summary>
/// <param name="Similarity">The estimated share of the texts' word shingles they have in common, 0 to 1 (1 for the same text).</param>
public sealed record CopyLink(long ArticleId, long OriginalId, CopyEvidence Evidence, double Similarity)
{
    /// <summary>The evidence as it is stored and sent in the API: a stable code, never the enum's name or number.</summary>
    public static string Code(CopyEvidence evidence) => evidence switch
    {
        CopyEvidence.SameText => "same-text",
        CopyEvidence.NearCopy => "near-copy",
        CopyEvidence.Credited => "credited",
        _ => throw new ArgumentOutOfRangeException(nameof(evidence), evidence, "not a copy evidence"),
    };

    /// <summary>The evidence of a stored code; null for a code this version does not know (a later version wrote it).</summary>
    public static CopyEvidence? FromCode(string code) => code switch
    {
        "same-text" => CopyEvidence.SameText,
        "near-copy" => CopyEvidence.NearCopy,
        "credited" => CopyEvidence.Credited,
        _ => null,
    };
}
