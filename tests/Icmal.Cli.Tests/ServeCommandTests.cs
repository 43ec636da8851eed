using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>`icmal serve` as a newcomer runs it: a fresh data folder, the sample imported, the portal answering.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_on_a_fresh_data_folder_imports_the_sample_and_serves_it()
    {
        var ct = TestContext.Current.CancellationToken;
        string data = Path.Combine(Path.GetTempPath(), "icmal-serve-" + Guid.NewGuid().ToString("N"));
        int port = FreePort();
        using var process = Process.Start(CliRunner.StartInfo("serve", "--data", data, "--urls", $"http://127.0.0.1:{port}"))!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? home = null;
            for (int attempt = 0; attempt < 200 && home is null; attempt++)
            {
                try
                {
                    home = await client.GetStringAsync("/", ct);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, ct);
                }
            }
            Assert.NotNull(home);
            Assert.Contains("Astana görüşü və regionda yeni əməkdaşlıq dövrü", home, StringComparison.Ordinal);
            Assert.Contains("Azərbaycan və Qazaxıstan qardaşlığının yeni mərhələsi", home, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "icmal.db")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
