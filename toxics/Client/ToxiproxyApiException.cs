using System.Net;

namespace Resilience.Toxics;

/// <summary>The Toxiproxy API refused a request: its status code and its <c>error</c> message.</summary>
public sealed class ToxiproxyApiException(HttpStatusCode statusCode, string message, string request)
    : Exception($"{request} failed with {(int)statusCode} {statusCode}: {message}")
{
    /// <summary>The HTTP status the API answered, e.g. 404 for an unknown proxy or toxic, 409 for a name taken.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The server's own message (the <c>error</c> field, or the raw body when it is not JSON).</summary>
    public string ApiMessage { get; } = message;
}
