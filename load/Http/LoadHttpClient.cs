using System.Net;

namespace Resilience.Load.Http;

/// <summary>
/// The tuned client load steps share: one <see cref="SocketsHttpHandler"/> with pooled keep-alive connections,
/// no proxy, no cookies, no redirects and no decompression, so what is measured is the service, not the client.
/// Create one per run (or per target) and dispose it after.
/// </summary>
public static class LoadHttpClient
{
    /// <summary>A new tuned client; the caller owns and disposes it.</summary>
    /// <param name="options">Timeouts, pool settings and base address; the defaults when null.</param>
    public static HttpClient Create(LoadHttpClientOptions? options = null)
    {
        options ??= new LoadHttpClientOptions();
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = options.RequestTimeout,
            BaseAddress = options.BaseAddress,
        };
    }
}
