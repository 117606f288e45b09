namespace Resilience.Load.Http;

/// <summary>
/// The one request a <see cref="FixedRequestClient"/> sends, over and over: plain HTTP/1.1 (no TLS) to
/// <see cref="Url"/>, encoded once.
/// </summary>
/// <param name="Url">Absolute <c>http://</c> URL of the request, e.g. <c>http://127.0.0.1:5000/orders/1</c>.</param>
/// <param name="Method">GET when null; only idempotent methods are sent again on a connection the server had closed.</param>
/// <param name="Headers">Extra request headers; Host and Content-Length are set from the URL and body.</param>
/// <param name="Body">The request body, sent with every request; empty for none.</param>
/// <param name="ContentType">The body's Content-Type; sent only with a body.</param>
/// <param name="Timeout">One exchange on a connection (not a wait for a free connection under <paramref name="MaxConnections"/>,
/// which counts as latency); an exchange still running after it fails with error kind "timeout". Default 30 s.</param>
/// <param name="MaxConnections">Connections at most; beyond it requests wait for one (the wait counts as latency). Null: one per request in flight.</param>
public sealed record FixedRequestOptions(
    Uri Url,
    HttpMethod? Method = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    ReadOnlyMemory<byte> Body = default,
    string ContentType = "application/json",
    TimeSpan? Timeout = null,
    int? MaxConnections = null);
