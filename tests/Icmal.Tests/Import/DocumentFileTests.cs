using Icmal.Import;
using Icmal.Tests.Support;

namespace Icmal.Tests.Import;

public sealed class DocumentFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_at_the_limit_is_read_whole_and_one_byte_more_is_refused()
    {
        using var folder = new TempFolder();
        string at = Path.Combine(folder.Path, "at.html"), over = Path.Combine(folder.Path, "over.html");
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)('a' + i % 26)).ToArray();
        await File.WriteAllBytesAsync(at, bytes, Ct);
        await File.WriteAllBytesAsync(over, [.. bytes, (byte)'z'], Ct);

        var (read, error) = await DocumentFile.ReadAsync(at, 4096, Ct);
        var (none, tooLarge) = await DocumentFile.ReadAsync(over, 4096, Ct);

        Assert.Null(error);
        Assert.Equal(bytes, read);
        Assert.Null(none);
        Assert.StartsWith("too large", tooLarge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_an_empty_one_and_a_cancelled_read_each_say_so()
    {
        using var folder = new TempFolder();
        string empty = Path.Combine(folder.Path, "empty.txt");
        await File.WriteAllBytesAsync(empty, [], Ct);

        Assert.Equal("no such file", (await DocumentFile.ReadAsync(Path.Combine(folder.Path, "absent.txt"), 1024, Ct)).Error);
        Assert.Equal("empty file", (await DocumentFile.ReadAsync(empty, 1024, Ct)).Error);
        await File.WriteAllTextAsync(empty, "x", Ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DocumentFile.ReadAsync(empty, 1024, new CancellationToken(canceled: true)));
    }
}
