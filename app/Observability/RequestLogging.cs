using System.Diagnostics;

namespace Resilience.App.Observability;

/// <summary>
/// One structured line per request (method, route, status, duration, degradation) under the host's request-id
/// scope, and the request id echoed as <c>X-Request-Id</c> so a client can find its line. The category
/// <c>Resilience.App.Requests</c> is at Warning by default: only 5xx answers are logged, a healthy request pays
/// for a level check and a timestamp. Unhandled exceptions are logged by the exception handler as well.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Resilience.App.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var degraded = context.Response.Headers["X-Degraded"].ToString();
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (status >= 500)
            {
                LogFailed(context.Request.Method, context.Request.Path, status, elapsedMs, degraded);
            }
            else
            {
                LogCompleted(context.Request.Method, context.Request.Path, status, elapsedMs, degraded);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} in {ElapsedMs:F1} ms {Degraded}")]
    private partial void LogCompleted(string method, string path, int status, double elapsedMs, string degraded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} -> {Status} in {ElapsedMs:F1} ms {Degraded}")]
    private partial void LogFailed(string method, string path, int status, double elapsedMs, string degraded);
}
