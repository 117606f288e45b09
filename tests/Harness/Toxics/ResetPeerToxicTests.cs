using System.Diagnostics;
using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

public sealed class ResetPeerToxicTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    public async Task Reset_peer_resets_the_connection_when_data_flows_after_the_timeout(int timeoutMilliseconds)
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        await using var toxic = await echo.Proxy.AddResetPeerAsync(TimeSpan.FromMilliseconds(timeoutMilliseconds), cancellationToken: Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);

        var sent = Stopwatch.GetTimestamp();
        await connection.SendAsync("ping"u8.ToArray(), SocketFlags.None, Cancellation);
        var read = () => connection.ReceiveAsync(new byte[16], SocketFlags.None, Cancellation).AsTask();

        (await read.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
        Stopwatch.GetElapsedTime(sent).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(timeoutMilliseconds - 5));
    }

    [Fact]
    public async Task Reset_peer_also_resets_the_upstream_server_side()
    {
        var serverSaw = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = TcpTestServer.Start(async (socket, stopping) =>
        {
            try
            {
                await socket.SendAsync("hello"u8.ToArray(), SocketFlags.None, stopping);
                while (await socket.ReceiveAsync(new byte[16], SocketFlags.None, stopping) > 0)
                {
                }

                serverSaw.TrySetResult(SocketError.Success);
            }
            catch (SocketException error)
            {
                serverSaw.TrySetResult(error.SocketErrorCode);
            }
        });
        await using var proxied = await toxiproxy.ProxyAsync(server, Cancellation);
        await using var toxic = await proxied.Proxy.AddResetPeerAsync(cancellationToken: Cancellation);

        using var connection = await proxied.ConnectAsync(Cancellation);

        (await serverSaw.Task.WaitAsync(TimeSpan.FromSeconds(5), Cancellation)).Should().Be(SocketError.ConnectionReset);
    }
}
