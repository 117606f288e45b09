using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Resilience.Fixtures.Workloads;
using Resilience.Load.Scenarios;
using Resilience.Tests.Harness.Load;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>
/// A small HTTP service (on <see cref="TestHttpServer"/>) answering in each way a workload must classify or ledger,
/// recording every request it got; and the short-hands to run a workload's steps against it.
/// </summary>
internal sealed class WorkloadService : IAsyncDisposable
{
    public const string KeyPrefix = "wl-test";

    /// <summary>How long <c>/shed-slow</c> waits before refusing: far beyond <see cref="ShedWithin"/>.</summary>
    public static readonly TimeSpan SlowRefusal = TimeSpan.FromSeconds(1);

    /// <summary>Generous, so a fast refusal stays fast on a busy machine, and well below <see cref="SlowRefusal"/>.</summary>
    public static readonly TimeSpan ShedWithin = TimeSpan.FromMilliseconds(750);

    private readonly ConcurrentQueue<Received> _received = new();
    private TestHttpServer _server = null!;

    private WorkloadService()
    {
    }

    public Uri Url => _server.Url;

    public HttpClient Client { get; private set; } = null!;

    public StubTarget Target { get; private set; } = null!;

    public IReadOnlyList<Received> Received => [.. _received];

    public static async Task<WorkloadService> StartAsync()
    {
        var service = new WorkloadService();
        service._server = await TestHttpServer.StartAsync(service.RespondAsync);
        service.Client = new HttpClient { BaseAddress = service.Url, Timeout = TimeSpan.FromSeconds(10) };
        service.Target = new StubTarget(service.Url);
        return service;
    }

    public IWorkload Run(HttpWorkload workload) => workload.Create(new WorkloadContext(Client, KeyPrefix, Target));

    /// <summary>Runs one step of <paramref name="run"/> as the load engine would, for open-model iteration <paramref name="iteration"/>.</summary>
    public static ValueTask<StepResult> InvokeAsync(IWorkload run, string step, long iteration = 1, int randomSeed = 7) =>
        run.Scenario("test").Steps.Single(s => s.Name == step)
            .Run(new StepContext("test", step, iteration, virtualUser: -1, randomSeed, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));

    /// <summary>The idempotency key the run gives open-model iteration <paramref name="iteration"/>.</summary>
    public static string KeyOf(long iteration) => $"{KeyPrefix}-{iteration}--1";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }

    private async Task RespondAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _received.Enqueue(new Received(request.Method, request.Path.Value ?? "", request.Headers["Idempotency-Key"].FirstOrDefault(), body,
            request.Headers["X-Iteration"].FirstOrDefault()));
        var response = context.Response;
        switch (request.Path.Value)
        {
            case "/reservations":
                response.StatusCode = StatusCodes.Status201Created;
                await response.WriteAsJsonAsync(new { reservationId = 42 }, context.RequestAborted);
                break;
            case "/reservations/nested":
                response.StatusCode = StatusCodes.Status201Created;
                await response.WriteAsync("""{"data":{"id":"43"}}""", context.RequestAborted);
                break;
            case "/reservations/without-id":
                response.StatusCode = StatusCodes.Status201Created;
                await response.WriteAsync("""{"id":1}""", context.RequestAborted);
                break;
            case "/reservations/failing":
                response.StatusCode = StatusCodes.Status500InternalServerError;
                await response.WriteAsync("""{"reservationId":44}""", context.RequestAborted);
                break;
            case "/stale":
                response.Headers.Warning = "110 - \"stale\"";
                await response.WriteAsync("old", context.RequestAborted);
                break;
            case "/misc":
                response.Headers.Warning = "199 misc";
                await response.WriteAsync("fresh", context.RequestAborted);
                break;
            case "/shed-fast":
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers.RetryAfter = "1";
                break;
            case "/shed-slow":
                await Task.Delay(SlowRefusal, context.RequestAborted);
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers.RetryAfter = "1";
                break;
            default:
                if (request.Path.StartsWithSegments("/values"))
                {
                    await response.WriteAsync("ok", context.RequestAborted);
                }
                else
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                }

                break;
        }
    }
}

/// <summary>One request as the service got it.</summary>
internal sealed record Received(string Method, string Path, string? Key, string Body, string? Iteration);
