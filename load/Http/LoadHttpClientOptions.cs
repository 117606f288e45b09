namespace Resilience.Load.Http;

/// <summary>Settings of the shared load-generating <see cref="HttpClient"/> (see <see cref="LoadHttpClient"/>).</summary>
public sealed record LoadHttpClientOptions
{
    /// <summary>Whole-request timeout; a step that runs out reports the error kind "timeout".</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections per server; unlimited by default so the open model is never queued inside the client.</summary>
    public int MaxConnectionsPerServer { get; init; } = int.MaxValue;

    /// <summary>Recycles connections so a long run follows DNS and load-balancer changes.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public Uri? BaseAddress { get; init; }
}
