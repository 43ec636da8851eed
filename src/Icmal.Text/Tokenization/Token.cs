namespace Icmal.Text.Tokenization;

/// <summary>What a token is.</summary>
public enum TokenKind : byte
{
    /// <summary>A word, hyphenated compounds included: "Azərbaycan-Qazaxıstan", "Alem.AI".</summary>
    Word,
    /// <summary>An all-capitals acronym ("TDT", "ABŞ", "TDT-nin") or a known abbreviation with its full stop ("prof.", "mln.").</summary>
    Abbreviation,
    /// <summary>An initial: "İ." in "İ. Əliyev".</summary>
    Initial,
    /// <summary>A figure: "598,47", "1.000.000", "21-də" (with <see cref="Token.SuffixStart"/>).</summary>
    Number,
    /// <summary>An ordinal written with figures: "2024-cü", "5-ci".</summary>
    Ordinal,
    /// <summary>A range of figures: "20-21".</summary>
    NumberRange,
    /// <summary>A date in figures: "27.10.2025", "2025-10-27".</summary>
    Date,
    /// <summary>A time of day: "14:37".</summary>
    Time,
    /// <summary>An amount with a currency sign: "$1", "100₼", "€2,5".</summary>
    Money,
    /// <summary>A percentage: "5%", "%5".</summary>
    Percent,
    /// <summary>A web address: "https://sherg.az/…", "www.apa.az".</summary>
    Url,
    /// <summary>A domain name: "Sherg.az", "Sherg.az-a" (with <see cref="Token.SuffixStart"/>).</summary>
    Domain,
    /// <summary>An e-mail address.</summary>
    Email,
    /// <summary>A hashtag: "#Qarabağ".</summary>
    Hashtag,
    /// <summary>A mention: "@prezident".</summary>
    Mention,
    /// <summary>"…" or "...".</summary>
    Ellipsis,
    /// <summary>Punctuation: . , ; : ! ? ( ) " ' – and the like.</summary>
    Punctuation,
    /// <summary>Any other symbol.</summary>
    Symbol,
}

/// <summary>
/// One token: its place in the text and its kind. For words, abbreviations, figures and domains inflected after a
/// hyphen or apostrophe ("TDT-nin", "21-də", "2024-cü", "Sherg.az-a"), <see cref="SuffixStart"/> is the offset within
/// the token where the inflection begins (after the hyphen), else -1.
/// </summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind, int SuffixStart = -1)
{
    /// <summary>Index just past the token.</summary>
    public int End => Start + Length;

    /// <summary>The token's text within <paramref name="text"/>.</summary>
    public ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text.Slice(Start, Length);

    /// <summary>The token without its hyphenated inflection: "TDT" for "TDT-nin".</summary>
    public ReadOnlySpan<char> HeadOf(ReadOnlySpan<char> text) => SuffixStart < 0 ? text.Slice(Start, Length) : text.Slice(Start, SuffixStart - 1);

    /// <summary>True for words, abbreviations and initials.</summary>
    public bool IsWordLike => Kind is TokenKind.Word or TokenKind.Abbreviation or TokenKind.Initial;
}
