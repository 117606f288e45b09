using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Resilience.Toxics.Proxying;
using Resilience.Toxics.ToxicTypes;

namespace Resilience.Toxics.Hosting.Api;

/// <summary>
/// Every failure becomes Toxiproxy's JSON error, <c>{"error": "...", "status": N}</c>, with N as the HTTP status:
/// refused requests, bodies over the cap, unknown routes and methods. Browsers are turned away as Toxiproxy does,
/// so a web page cannot drive the proxy through the visitor's browser.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.UserAgent.ToString().StartsWith("Mozilla/", StringComparison.Ordinal))
        {
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "User agent not allowed");
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception error) when (!context.Response.HasStarted && StatusOf(error) is { } status)
        {
            await ApiJson.WriteErrorAsync(context, status, error.Message);
            return;
        }
        catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(error, "Unexpected failure serving {Method} {Path}", context.Request.Method, context.Request.Path);
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, error.Message);
            return;
        }

        var unanswered = context.Response.StatusCode;
        if (!context.Response.HasStarted && unanswered >= 400)
        {
            await ApiJson.WriteErrorAsync(context, unanswered, ReasonPhrases.GetReasonPhrase(unanswered).ToLowerInvariant());
        }
    }

    private static int? StatusOf(Exception error) => error switch
    {
        ApiException refused => refused.Status,
        InvalidToxicException => StatusCodes.Status400BadRequest,
        ProxyStateException { Kind: ProxyErrorKind.NotFound } => StatusCodes.Status404NotFound,
        ProxyStateException { Kind: ProxyErrorKind.Conflict } => StatusCodes.Status409Conflict,
        ProxyStateException => StatusCodes.Status400BadRequest,
        BadHttpRequestException badRequest => badRequest.StatusCode,
        _ => null,
    };
}
