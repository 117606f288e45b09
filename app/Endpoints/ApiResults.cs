using Microsoft.Extensions.Primitives;
using Resilience.App.Observability;
using Resilience.App.Resilience;

namespace Resilience.App.Endpoints;

/// <summary>The shapes every endpoint answers with: JSON errors, fast 503s with Retry-After, degradation marks.</summary>
public static class ApiResults
{
    public const string DegradedHeader = "X-Degraded";
    public const string Stale = "stale";
    public const string CacheBypass = "cache-bypass";
    public const string FallbackPrice = "fallback-price";

    public static IResult BadRequest(string message) =>
        TypedResults.Json(new ErrorBody(message), AppJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string message) =>
        TypedResults.Json(new ErrorBody(message), AppJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status404NotFound);

    public static IResult Unprocessable(string message) =>
        TypedResults.Json(new ErrorBody(message), AppJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Unavailable(HttpContext http, DependencyFailure failure)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(failure.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new UnavailableBody($"{failure.Dependency} unavailable", failure.Dependency, failure.ReasonCode, seconds);
        return TypedResults.Json(body, AppJsonContext.Default.UnavailableBody, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Marks the response as degraded (comma-separated when several apply) and counts it.</summary>
    public static void MarkDegraded(HttpContext http, string kind)
    {
        var headers = http.Response.Headers;
        headers[DegradedHeader] = StringValues.IsNullOrEmpty(headers[DegradedHeader]) ? kind : $"{headers[DegradedHeader]}, {kind}";
        http.RequestServices.GetRequiredService<AppMetrics>().Degraded(kind);
    }
}
