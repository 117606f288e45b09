using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

public sealed class ProxyLifecycleTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listen_port_zero_picks_a_free_port_and_reports_it()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);

        echo.Proxy.Listen.Should().StartWith("127.0.0.1:").And.NotBe("127.0.0.1:0");
        echo.Proxy.ListenPort.Should().BePositive();
        using var connection = await echo.ConnectAsync(Cancellation);
        (await TcpClientProbe.RoundTripAsync(connection, "hi"u8.ToArray(), Cancellation)).Should().BePositive();
    }

    [Fact]
    public async Task A_disabled_proxy_refuses_connections_and_closes_open_ones_until_enabled_again()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var open = await echo.ConnectAsync(Cancellation);
        await TcpClientProbe.RoundTripAsync(open, "before"u8.ToArray(), Cancellation);

        await echo.Proxy.DisableAsync(Cancellation);

        echo.Proxy.Enabled.Should().BeFalse();
        var readOpen = async () => (await TcpClientProbe.ReadToEndAsync(open, Cancellation)).Data;
        (await readOpen.Should().NotThrowAsync()).Which.Should().BeEmpty("the open connection is closed");
        var connect = () => echo.ConnectAsync(Cancellation);
        (await connect.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);

        await echo.Proxy.EnableAsync(Cancellation);

        echo.Proxy.Enabled.Should().BeTrue();
        using var again = await echo.ConnectAsync(Cancellation);
        (await TcpClientProbe.RoundTripAsync(again, "after"u8.ToArray(), Cancellation)).Should().BePositive("the proxy listens on the same port again");
    }

    [Fact]
    public async Task A_proxy_created_disabled_does_not_listen()
    {
        await using var upstream = TcpTestServer.Echo();
        var proxy = await toxiproxy.Client.CreateProxyAsync($"disabled_{Guid.NewGuid():N}", "127.0.0.1:0", upstream.Address, enabled: false, Cancellation);

        proxy.Enabled.Should().BeFalse();
        await proxy.EnableAsync(Cancellation);
        using var connection = await TcpClientProbe.ConnectAsync(proxy.ListenPort, Cancellation);
        (await TcpClientProbe.RoundTripAsync(connection, "on"u8.ToArray(), Cancellation)).Should().BePositive();
        await proxy.DeleteAsync(Cancellation);
    }

    [Fact]
    public async Task Deleting_a_proxy_closes_its_connections_and_frees_its_port()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var open = await echo.ConnectAsync(Cancellation);

        await echo.Proxy.DeleteAsync(Cancellation);

        (await TcpClientProbe.ReadToEndAsync(open, Cancellation)).Data.Should().BeEmpty();
        var connect = () => echo.ConnectAsync(Cancellation);
        await connect.Should().ThrowAsync<SocketException>();
    }

    [Fact]
    public async Task An_unreachable_upstream_closes_the_client_connection()
    {
        int deadPort;
        await using (var gone = TcpTestServer.Echo())
        {
            deadPort = gone.Port;
        }

        var proxy = await toxiproxy.Client.CreateProxyAsync($"dead_{Guid.NewGuid():N}", "127.0.0.1:0", $"127.0.0.1:{deadPort}", cancellationToken: Cancellation);
        using var connection = await TcpClientProbe.ConnectAsync(proxy.ListenPort, Cancellation);

        (await TcpClientProbe.ReadToEndAsync(connection, Cancellation)).Data.Should().BeEmpty();
        await proxy.DeleteAsync(Cancellation);
    }
}
