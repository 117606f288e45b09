using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>Many proxies and many concurrent connections on one server.</summary>
public sealed class ScaleTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_proxies_are_created_at_once_and_each_carries_traffic()
    {
        await using var echo = TcpTestServer.Echo();
        var configs = Enumerable.Range(0, 200).Select(index => new ProxyConfig($"scale_{index:D3}_{Guid.NewGuid():N}", "127.0.0.1:0", echo.Address)).ToList();

        var proxies = await toxiproxy.Client.PopulateAsync(configs, Cancellation);

        proxies.Select(proxy => proxy.ListenPort).Should().OnlyHaveUniqueItems().And.HaveCount(200);
        (await toxiproxy.Client.GetProxiesAsync(Cancellation)).Keys.Should().Contain(configs.Select(config => config.Name));
        await Parallel.ForEachAsync(proxies, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancellation }, async (proxy, cancellationToken) =>
        {
            using var connection = await TcpClientProbe.ConnectAsync(proxy.ListenPort, cancellationToken);
            await TcpClientProbe.RoundTripAsync(connection, System.Text.Encoding.UTF8.GetBytes(proxy.Name), cancellationToken);
        });

        foreach (var proxy in proxies)
        {
            await proxy.DeleteAsync(Cancellation);
        }
    }

    [Fact]
    public async Task A_thousand_concurrent_connections_through_one_proxy_each_get_their_own_bytes_back()
    {
        const int Connections = 1000;
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        var open = new Socket[Connections];
        try
        {
            await Parallel.ForAsync(0, Connections, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Cancellation }, async (index, cancellationToken) =>
                open[index] = await echo.ConnectAsync(cancellationToken));
            await WaitForAsync(() => ActiveConnectionsAsync(echo.Proxy), Connections);

            // All open at once, each carrying a message of its own.
            await Task.WhenAll(open.Select((connection, index) =>
                TcpClientProbe.RoundTripAsync(connection, BitConverter.GetBytes(index), Cancellation)));
        }
        finally
        {
            foreach (var connection in open)
            {
                connection?.Dispose();
            }
        }

        await WaitForAsync(() => ActiveConnectionsAsync(echo.Proxy), 0);
    }

    private async Task<long> ActiveConnectionsAsync(Proxy proxy)
    {
        using var api = new RawApi(toxiproxy.Server.ApiAddress);
        var metrics = (await api.GetAsync("/metrics", Cancellation)).Body;
        var line = metrics.Split('\n').Single(line => line.StartsWith("toxiproxy_proxy_active_connections{", StringComparison.Ordinal) && line.Contains($"proxy=\"{proxy.Name}\""));
        return long.Parse(line[(line.LastIndexOf(' ') + 1)..]);
    }

    private static async Task WaitForAsync(Func<Task<long>> measure, long expected)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        long current;
        while ((current = await measure()) != expected)
        {
            if (deadline.IsCancellationRequested)
            {
                current.Should().Be(expected, "the proxy's active connection gauge must settle");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
