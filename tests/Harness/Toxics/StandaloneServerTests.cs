using System.Net.Sockets;
using System.Text.Json;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>The standalone <c>toxiproxy-server</c> executable, started as a process with toxiproxy-server's flags.</summary>
public sealed class StandaloneServerTests : IDisposable
{
    private readonly string configFile = Path.Combine(Path.GetTempPath(), $"toxics-config-{Guid.NewGuid():N}.json");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task It_creates_the_configured_proxies_serves_the_api_and_stops_on_sigterm()
    {
        await using var echo = TcpTestServer.Echo();
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new[]
        {
            new { name = "echo", listen = "127.0.0.1:0", upstream = echo.Address, enabled = true },
        }), Cancellation);
        using var server = await StandaloneServerProcess.StartAsync("-port", "0", "-config", configFile, "-seed", "7");
        server.ApiAddress.Should().NotBeNull("the server announces its API address ({0})", await ErrorsOf(server));

        using var client = new ToxiproxyClient(server.ApiAddress!);
        var proxy = await client.GetProxyAsync("echo", Cancellation);
        await using (await proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(20), cancellationToken: Cancellation))
        {
            using var connection = await TcpClientProbe.ConnectAsync(proxy.ListenPort, Cancellation);
            (await TcpClientProbe.RoundTripAsync(connection, "via process"u8.ToArray(), Cancellation)).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20));
        }

        (await server.TerminateAsync()).Should().Be(0);
        var connect = () => TcpClientProbe.ConnectAsync(proxy.ListenPort, Cancellation);
        await connect.Should().ThrowAsync<SocketException>("stopping the server closes its proxies");
    }

    [Fact]
    public async Task A_bad_config_file_stops_it_with_exit_code_2_and_a_clear_message()
    {
        await File.WriteAllTextAsync(configFile, """[{"name": "no_upstream"}]""", Cancellation);

        using var server = await StandaloneServerProcess.StartAsync("--port", "0", "--config", configFile);

        server.ApiAddress.Should().BeNull();
        (await server.ExitCodeAsync()).Should().Be(2);
        (await server.StandardErrorAsync()).Should().Contain("proxy 1 has no upstream").And.NotContain("   at ", "no stack trace for a user error");
    }

    public void Dispose() => File.Delete(configFile);

    private static async Task<string> ErrorsOf(StandaloneServerProcess server) =>
        server.ApiAddress is null ? await server.StandardErrorAsync() : "";
}
