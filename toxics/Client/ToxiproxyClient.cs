using System.Text.Json;
using Resilience.Toxics.Contracts;

namespace Resilience.Toxics;

/// <summary>
/// A typed client for the Toxiproxy 2.x REST API. It uses only the standard API, so it drives this project's
/// <see cref="ToxiproxyServer"/> and a real <c>toxiproxy-server</c> alike (the <c>tcp_loss</c> toxic exists only
/// here).
/// </summary>
public sealed class ToxiproxyClient : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;

    /// <param name="apiAddress">The API's base address, e.g. <c>http://127.0.0.1:8474/</c>.</param>
    /// <param name="http">An HttpClient to use (not disposed by this client); one is created when null.</param>
    public ToxiproxyClient(Uri apiAddress, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(apiAddress);
        ownsHttp = http is null;
        this.http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Api = new ApiConnection(apiAddress, this.http);
    }

    /// <summary>The API's base address, always ending in <c>/</c>.</summary>
    public Uri ApiAddress => Api.ApiAddress;

    internal ApiConnection Api { get; }

    /// <summary>Creates a proxy (201); a name already taken fails with 409.</summary>
    public Task<Proxy> CreateProxyAsync(string name, string listen, string upstream, bool enabled = true, CancellationToken cancellationToken = default) =>
        CreateProxyAsync(new ProxyConfig(name, listen, upstream, enabled), cancellationToken);

    /// <summary>Creates the proxy <paramref name="config"/> describes (201); a name already taken fails with 409.</summary>
    /// <param name="config">Name, listen address (port 0 picks a free port), upstream and whether it starts enabled.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ToxiproxyApiException">The server refused: 409 for a name taken, 400 for a bad address.</exception>
    public async Task<Proxy> CreateProxyAsync(ProxyConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var created = await Api.SendAsync<ProxyDocument>(HttpMethod.Post, "proxies", Input(config), cancellationToken);
        return new Proxy(this, created);
    }

    /// <summary>The named proxy; an unknown name fails with 404.</summary>
    public async Task<Proxy> GetProxyAsync(string name, CancellationToken cancellationToken = default)
    {
        var proxy = await Api.SendAsync<ProxyDocument>(HttpMethod.Get, $"proxies/{ApiConnection.Segment(name)}", null, cancellationToken);
        return new Proxy(this, proxy);
    }

    /// <summary>Every proxy on the server, by name.</summary>
    public async Task<IReadOnlyDictionary<string, Proxy>> GetProxiesAsync(CancellationToken cancellationToken = default)
    {
        var proxies = await Api.SendAsync<Dictionary<string, ProxyDocument>>(HttpMethod.Get, "proxies", null, cancellationToken);
        return proxies.ToDictionary(pair => pair.Key, pair => new Proxy(this, pair.Value), StringComparer.Ordinal);
    }

    /// <summary>Creates or replaces the given proxies. Proxies whose listen address and upstream are unchanged are
    /// left alone, toxics and connections included, so calling it again is harmless.</summary>
    public async Task<IReadOnlyList<Proxy>> PopulateAsync(IEnumerable<ProxyConfig> proxies, CancellationToken cancellationToken = default)
    {
        var body = proxies.Select(Input).ToList();
        var populated = await Api.SendAsync<PopulateDocument>(HttpMethod.Post, "populate", body, cancellationToken);
        return [.. (populated.Proxies ?? []).Select(proxy => new Proxy(this, proxy))];
    }

    /// <summary>Enables every proxy and removes every toxic.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        Api.SendAsync(HttpMethod.Post, "reset", null, cancellationToken);

    /// <summary>The server's version, e.g. <c>2.12.0</c> (older servers answer in plain text; both are read).</summary>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var text = (await Api.GetTextAsync("version", cancellationToken)).Trim();
        try
        {
            return JsonSerializer.Deserialize<VersionDocument>(text)?.Version ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>Disposes the HttpClient this client created; one passed in is left to its owner.</summary>
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    private static ProxyInput Input(ProxyConfig config) =>
        new() { Name = config.Name, Listen = config.Listen, Upstream = config.Upstream, Enabled = config.Enabled };
}
