using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resilience.Toxics.Hosting.Api;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics;

/// <summary>
/// A Toxiproxy-compatible server running in this process: TCP proxies with toxics, driven through Toxiproxy's
/// REST API (Kestrel) at <see cref="ApiAddress"/>. Any Toxiproxy client can drive it, <see cref="ToxiproxyClient"/>
/// included. Disposing it stops the API and every proxy and closes their connections.
/// </summary>
public sealed class ToxiproxyServer : IAsyncDisposable
{
    private readonly WebApplication api;
    private readonly ProxyRegistry registry;
    private int disposed;

    private ToxiproxyServer(WebApplication api, ProxyRegistry registry, Uri apiAddress)
    {
        this.api = api;
        this.registry = registry;
        ApiAddress = apiAddress;
    }

    /// <summary>The REST API's base address, e.g. <c>http://127.0.0.1:8474/</c>.</summary>
    public Uri ApiAddress { get; }

    /// <summary>Starts the API and creates <see cref="ToxiproxyServerOptions.Proxies"/>.</summary>
    /// <exception cref="InvalidOperationException">A configured proxy could not be created.</exception>
    public static async Task<ToxiproxyServer> StartAsync(ToxiproxyServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ToxiproxyServerOptions();
        options.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var registry = new ProxyRegistry(loggerFactory.CreateLogger("Resilience.Toxics.Proxy"), options.Seed);
        var api = BuildApi(options, loggerFactory, registry);
        try
        {
            await api.StartAsync(cancellationToken);
            var server = new ToxiproxyServer(api, registry, BoundAddress(api));
            registry.Populate([.. options.Proxies.Select(proxy => new ProxyRequest(proxy.Name, proxy.Listen, proxy.Upstream, proxy.Enabled))], out var failure);
            return failure is null ? server : throw new InvalidOperationException($"Configured proxies could not be created: {failure.Message}", failure);
        }
        catch
        {
            registry.Dispose();
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for this server's API.</summary>
    public ToxiproxyClient CreateClient(HttpClient? http = null) => new(ApiAddress, http);

    /// <summary>Stops the API and every proxy and closes their connections; calling it again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        registry.Dispose();
        await api.StopAsync();
        await api.DisposeAsync();
    }

    private static WebApplication BuildApi(ToxiproxyServerOptions options, ILoggerFactory loggerFactory, ProxyRegistry registry)
    {
        // The empty builder reads no configuration files or environment variables: an embedded server must not
        // change behaviour with the test process's working directory.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(ApiHost(options.Host), options.Port);
        });

        var api = builder.Build();
        api.UseMiddleware<ApiErrorMiddleware>();
        ProxyEndpoints.Map(api, registry);
        ToxicEndpoints.Map(api, registry);
        ServerEndpoints.Map(api, registry);
        return api;
    }

    private static IPAddress ApiHost(string host) =>
        host is "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new ArgumentException($"The API host must be an IP address or localhost, not '{host}'.", nameof(host));

    private static Uri BoundAddress(WebApplication api)
    {
        var bound = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(bound.EndsWith('/') ? bound : bound + "/");
    }
}
