using System.Runtime.InteropServices;
using Icmal.Text.Normalization;

namespace Icmal.Text.Tokenization;

/// <summary>
/// A text normalised once (<see cref="AzNormalizer.Normalize"/>, with its offset map) and tokenised once
/// (<see cref="AzTokenizer"/>), for every analysis of one article that reads its words: the terms for stories, the
/// search keys and the named entities each normalised and tokenised the same text again (issue #17).
/// </summary>
public sealed class TokenizedText
{
    private readonly List<Token> _tokens;

    private TokenizedText(NormalizedText normalized, List<Token> tokens)
    {
        Normalized = normalized;
        _tokens = tokens;
    }

    /// <summary>The text as given and as normalised, with the map from one to the other.</summary>
    public NormalizedText Normalized { get; }

    /// <summary>The normalised text, which <see cref="Tokens"/> index.</summary>
    public string Text => Normalized.Text;

    /// <summary>The text as given.</summary>
    public string Original => Normalized.Original;

    /// <summary>The tokens of <see cref="Text"/>, in order: what <c>AzTokenizer.Tokenize(Text)</c> enumerates.</summary>
    public ReadOnlySpan<Token> Tokens => CollectionsMarshal.AsSpan(_tokens);

    /// <summary>The text normalised and tokenised.</summary>
    public static TokenizedText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = AzNormalizer.Normalize(text);
        string normal = normalized.Text;
        var tokens = new List<Token>(normal.Length / 6 + 4);
        foreach (var token in AzTokenizer.Tokenize(normal)) tokens.Add(token);
        return new TokenizedText(normalized, tokens);
    }
}
