using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Tests.Harness.Load;

/// <summary>Paths of the test server that answer in each way the HTTP clients must classify.</summary>
internal static class OutcomeRoutes
{
    /// <summary>
    /// How every HTTP client of the load engine must classify each route: one table, so the lean client and the
    /// HttpClient step cannot drift apart.
    /// </summary>
    public static TheoryData<string, StepOutcome, string?> Expected { get; } = new()
    {
        { "/ok", StepOutcome.Ok, null },
        { "/created", StepOutcome.Ok, null },
        { "/stale", StepOutcome.Degraded, "stale" },
        { "/cache-bypass", StepOutcome.Degraded, "cache-bypass" },
        { "/unavailable", StepOutcome.Error, "http_503" },
        { "/missing", StepOutcome.Error, "http_404" },
        { "/slow", StepOutcome.Error, "timeout" },
        { "/reset", StepOutcome.Error, "connection_reset" },
    };

    public static async Task RespondAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/ok":
                await context.Response.WriteAsync("ok");
                break;
            case "/created":
                context.Response.StatusCode = StatusCodes.Status201Created;
                break;
            case "/stale" or "/cache-bypass":
                context.Response.Headers[HttpOutcomes.DegradedHeader] = context.Request.Path.Value[1..];
                await context.Response.WriteAsync("old");
                break;
            case "/unavailable":
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case "/slow":
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case "/reset":
                context.Abort();
                break;
            case "/chunked":
                // no Content-Length and several flushes: Kestrel sends Transfer-Encoding: chunked
                for (var chunk = 0; chunk < 3; chunk++)
                {
                    await context.Response.WriteAsync(new string('x', 1000 * (chunk + 1)));
                    await context.Response.Body.FlushAsync();
                }

                break;
            case "/large":
                context.Response.ContentLength = 200_000;
                await context.Response.Body.WriteAsync(new byte[200_000]);
                break;
            case "/close":
                context.Response.Headers.Connection = "close";
                await context.Response.WriteAsync("bye");
                break;
            case "/echo":
                // 200 only when the request came as sent: method, header and body
                using (var reader = new StreamReader(context.Request.Body))
                {
                    var body = await reader.ReadToEndAsync();
                    var matches = context.Request.Method == "POST" && context.Request.Headers["Idempotency-Key"] == "k-1"
                                  && context.Request.ContentType == "application/json" && body == "{\"id\":1}";
                    context.Response.StatusCode = matches ? StatusCodes.Status201Created : StatusCodes.Status400BadRequest;
                }

                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
