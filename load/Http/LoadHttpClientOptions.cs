namespace Resilience.Load.Http;

/// <summary>Settings of the shared load-generating <see cref="HttpClient"/> (see <see cref="LoadHttpClient"/>).</summary>
public sealed record LoadHttpClientOptions
{
    /// <summary>Whole-request timeout; a step that runs out reports the error kind "timeout". Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time to open a TCP connection; a refused or silent endpoint fails the step with a connection error kind. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections per server; unlimited by default so the open model is never queued inside the client.</summary>
    public int MaxConnectionsPerServer { get; init; } = int.MaxValue;

    /// <summary>Recycles connections so a long run follows DNS and load-balancer changes.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An idle pooled connection is closed after this long. Default 30 s.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Base of relative request URIs, e.g. the service's <c>http://127.0.0.1:5000/</c>; none by default.</summary>
    public Uri? BaseAddress { get; init; }
}
