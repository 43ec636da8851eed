namespace Icmal.Model;

/// <summary>What a block of article text is, so that output formats can render it faithfully.</summary>
public enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Preformatted,
    TableRow,
}

/// <summary>One block of an article's main text, in reading order.</summary>
/// <param name="Kind">What the block is.</param>
/// <param name="Text">Plain text of the block, whitespace folded, never empty.</param>
public sealed record ArticleBlock(BlockKind Kind, string Text);
