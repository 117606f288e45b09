using System.Net.Sockets;
using Resilience.Load.Scenarios;

namespace Resilience.Load.Http;

/// <summary>
/// Maps HTTP answers and failures to step results: 2xx/3xx are ok, or degraded when the service says so in
/// <see cref="DegradedHeader"/> (its value is the kind, e.g. "stale"); 4xx/5xx are errors "http_&lt;code&gt;",
/// marked <see cref="StepResult.RetryAfter"/> when they carry a <see cref="RetryAfterHeader"/>;
/// transport failures get a kind naming the failure ("connection_refused", "connection_reset", "timeout", ...).
/// </summary>
public static class HttpOutcomes
{
    /// <summary>The response header by which a service says it answered in a degraded way; its value is the kind, e.g. <c>X-Degraded: stale</c>.</summary>
    public const string DegradedHeader = "X-Degraded";

    /// <summary>The standard header of a refusal that says when to come back; it sets <see cref="StepResult.RetryAfter"/> on an error.</summary>
    public const string RetryAfterHeader = "Retry-After";

    private static readonly string[] StatusKinds = Enumerable.Range(0, 600).Select(code => $"http_{code}").ToArray();

    /// <summary>The step result of an HTTP answer: ok, degraded (per <see cref="DegradedHeader"/>) or error <c>http_&lt;code&gt;</c> for 4xx/5xx.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static StepResult Classify(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = (int)response.StatusCode;
        if (code >= 400)
        {
            var error = StepResult.Error(StatusKind(code));
            return response.Headers.NonValidated.Contains(RetryAfterHeader) ? error with { RetryAfter = true } : error;
        }

        // NonValidated: no parsing and no allocation on the common path (no such header).
        return response.Headers.NonValidated.TryGetValues(DegradedHeader, out var values)
            ? StepResult.Degraded(values.ToString())
            : StepResult.Ok;
    }

    /// <summary>"http_503" for 503, without allocating for the usual codes.</summary>
    public static string StatusKind(int statusCode) =>
        statusCode >= 0 && statusCode < StatusKinds.Length ? StatusKinds[statusCode] : $"http_{statusCode}";

    /// <summary>The error kind of a failed request; cancellation by the run itself is "canceled".</summary>
    public static StepResult FromException(Exception exception, CancellationToken runToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return StepResult.Error(exception switch
        {
            OperationCanceledException when runToken.IsCancellationRequested => ErrorKinds.Canceled,
            OperationCanceledException or TimeoutException => ErrorKinds.Timeout,
            HttpRequestException request => KindOf(request),
            IOException or SocketException => FindSocketError(exception) is { } socketError ? KindOf(socketError) : "io_error",
            ObjectDisposedException => "connection_closed",
            _ => ErrorKinds.FromException(exception, runToken),
        });
    }

    private static string KindOf(HttpRequestException exception)
    {
        if (FindSocketError(exception) is { } socketError)
        {
            return KindOf(socketError);
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => "response_ended",
            HttpRequestError.ConnectionError => "connection_error",
            HttpRequestError.Unknown => "http_request_error",
            var other => ToSnakeCase(other.ToString()),
        };
    }

    private static string KindOf(SocketError socketError) => socketError switch
    {
        SocketError.ConnectionRefused => "connection_refused",
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "connection_reset",
        SocketError.TimedOut => ErrorKinds.Timeout,
        _ => $"socket_{ToSnakeCase(socketError.ToString())}",
    };

    private static SocketError? FindSocketError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }

    private static string ToSnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
