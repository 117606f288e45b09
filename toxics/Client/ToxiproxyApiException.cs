using System.Net;

namespace Resilience.Toxics;

/// <summary>The Toxiproxy API refused a request: its status code and its <c>error</c> message.</summary>
public sealed class ToxiproxyApiException(HttpStatusCode statusCode, string message, string request)
    : Exception($"{request} failed with {(int)statusCode} {statusCode}: {message}")
{
    // Toxiproxy's ErrInvalidToxicType; this project's server answers with the same words.
    internal const string InvalidToxicType = "invalid toxic type";

    /// <summary>The HTTP status the API answered, e.g. 404 for an unknown proxy or toxic, 409 for a name taken.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The server's own message (the <c>error</c> field, or the raw body when it is not JSON).</summary>
    public string ApiMessage { get; } = message;

    /// <summary>
    /// The toxic type the server does not have, e.g. <c>tcp_loss</c> on a real <c>toxiproxy-server</c>, when adding a
    /// toxic was refused with Toxiproxy's 400 <c>invalid toxic type</c>; null for any other refusal.
    /// </summary>
    public string? UnknownToxicType { get; internal set; }

    // Contains, not equals: a server whose error field has another name leaves the raw JSON body as the message.
    internal static bool IsInvalidToxicType(ToxiproxyApiException refused) =>
        refused.StatusCode == HttpStatusCode.BadRequest
        && refused.ApiMessage.Contains(InvalidToxicType, StringComparison.OrdinalIgnoreCase);
}
