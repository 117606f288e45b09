using Microsoft.Extensions.Logging;

namespace Resilience.Toxics.Proxying;

/// <summary>What one entry of a populate request asks for.</summary>
internal sealed record ProxyRequest(string Name, string Listen, string Upstream, bool Enabled);

/// <summary>All proxies of one server, by name. Guards name uniqueness and the populate/reset semantics.</summary>
internal sealed class ProxyRegistry(ILogger logger, int? seed) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TcpProxy> proxies = new(StringComparer.Ordinal);
    private readonly Random seeds = seed is { } fixedSeed ? new Random(fixedSeed) : new Random();

    public IReadOnlyList<TcpProxy> All
    {
        get
        {
            lock (gate)
            {
                return [.. proxies.Values];
            }
        }
    }

    public TcpProxy Get(string name)
    {
        lock (gate)
        {
            return proxies.GetValueOrDefault(name) ?? throw ProxyStateException.ProxyNotFound();
        }
    }

    /// <exception cref="ProxyStateException">Name taken, bad address, or listen address in use.</exception>
    public TcpProxy Create(ProxyRequest request)
    {
        lock (gate)
        {
            if (proxies.ContainsKey(request.Name))
            {
                throw new ProxyStateException(ProxyErrorKind.Conflict, "proxy already exists");
            }

            var proxy = Started(request);
            proxies.Add(request.Name, proxy);
            return proxy;
        }
    }

    public void Delete(string name)
    {
        TcpProxy proxy;
        lock (gate)
        {
            if (!proxies.Remove(name, out proxy!))
            {
                throw ProxyStateException.ProxyNotFound();
            }
        }

        proxy.Stop();
    }

    /// <summary>
    /// Creates or replaces each proxy in turn. A proxy whose listen address and upstream already match is left
    /// untouched, toxics and connections included, so populating twice is harmless. Stops at the first failure;
    /// the proxies applied so far stay applied and are reported with the error.
    /// </summary>
    public IReadOnlyList<TcpProxy> Populate(IReadOnlyList<ProxyRequest> requests, out ProxyStateException? failure)
    {
        var applied = new List<TcpProxy>(requests.Count);
        failure = null;
        lock (gate)
        {
            foreach (var request in requests)
            {
                try
                {
                    applied.Add(AddOrReplace(request));
                }
                catch (ProxyStateException error)
                {
                    failure = error;
                    break;
                }
            }
        }

        return applied;
    }

    /// <summary>Enables every proxy and removes every toxic.</summary>
    /// <exception cref="ProxyStateException">A proxy's address could not be bound again.</exception>
    public void Reset()
    {
        foreach (var proxy in All)
        {
            proxy.Toxics.Clear();
            proxy.Start();
        }
    }

    public void Dispose()
    {
        foreach (var proxy in All)
        {
            proxy.Stop();
        }

        lock (gate)
        {
            proxies.Clear();
        }
    }

    private TcpProxy AddOrReplace(ProxyRequest request)
    {
        if (proxies.TryGetValue(request.Name, out var existing))
        {
            if (existing.Matches(request.Listen, request.Upstream))
            {
                return existing;
            }

            existing.Stop();
            proxies.Remove(request.Name);
        }

        var proxy = Started(request);
        proxies.Add(request.Name, proxy);
        return proxy;
    }

    private TcpProxy Started(ProxyRequest request)
    {
        int proxySeed;
        lock (seeds)
        {
            proxySeed = seeds.Next();
        }

        var proxy = new TcpProxy(request.Name, request.Listen, request.Upstream, logger, proxySeed);
        if (request.Enabled)
        {
            proxy.Start();
        }

        return proxy;
    }
}
