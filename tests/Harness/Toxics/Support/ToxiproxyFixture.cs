using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics.Support;

/// <summary>One embedded Toxiproxy server (API on a free loopback port) and a client for a test class.</summary>
public sealed class ToxiproxyFixture : IAsyncLifetime
{
    private ToxiproxyServer? server;
    private ToxiproxyClient? client;

    public ToxiproxyServer Server => server ?? throw new InvalidOperationException("The fixture is not started.");

    public ToxiproxyClient Client => client ?? throw new InvalidOperationException("The fixture is not started.");

    public async ValueTask InitializeAsync()
    {
        server = await ToxiproxyServer.StartAsync(new ToxiproxyServerOptions { Port = 0 });
        client = server.CreateClient();
    }

    /// <summary>A new proxy on a free port in front of <paramref name="upstream"/>, deleted on dispose.</summary>
    internal async Task<ProxiedServer> ProxyAsync(TcpTestServer upstream, CancellationToken cancellationToken)
    {
        var proxy = await Client.CreateProxyAsync($"test_{Guid.NewGuid():N}", "127.0.0.1:0", upstream.Address, cancellationToken: cancellationToken);
        return new ProxiedServer(upstream, proxy);
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>A test server and the proxy in front of it; disposing deletes the proxy and stops the server.</summary>
internal sealed class ProxiedServer(TcpTestServer upstream, Proxy proxy) : IAsyncDisposable
{
    public TcpTestServer Upstream { get; } = upstream;

    public Proxy Proxy { get; } = proxy;

    public Task<System.Net.Sockets.Socket> ConnectAsync(CancellationToken cancellationToken) =>
        TcpClientProbe.ConnectAsync(Proxy.ListenPort, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Proxy.DeleteAsync();
        }
        catch (ToxiproxyApiException)
        {
            // A test may have deleted it already.
        }

        await Upstream.DisposeAsync();
    }
}
