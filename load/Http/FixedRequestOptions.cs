namespace Resilience.Load.Http;

/// <summary>
/// The one request a <see cref="FixedRequestClient"/> sends, over and over: plain HTTP/1.1 (no TLS) to
/// <see cref="Url"/>, encoded once.
/// </summary>
/// <param name="Headers">Extra request headers; Host and Content-Length are set from the URL and body.</param>
/// <param name="Timeout">One exchange on a connection (not a wait for a free connection under <paramref name="MaxConnections"/>,
/// which counts as latency); an exchange still running after it fails with error kind "timeout".</param>
/// <param name="MaxConnections">Connections at most; beyond it requests wait for one (the wait counts as latency). Null: one per request in flight.</param>
public sealed record FixedRequestOptions(
    Uri Url,
    HttpMethod? Method = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    ReadOnlyMemory<byte> Body = default,
    string ContentType = "application/json",
    TimeSpan? Timeout = null,
    int? MaxConnections = null);
