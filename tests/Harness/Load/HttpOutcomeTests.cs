using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Tests.Harness.Load;

/// <summary>How the HTTP step turns real answers and failures of a local server into step results.</summary>
public sealed class HttpOutcomeTests : IAsyncLifetime
{
    private TestHttpServer _server = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestHttpServer.StartAsync(RespondAsync);
        _client = LoadHttpClient.Create(new LoadHttpClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("/ok", StepOutcome.Ok, null)]
    [InlineData("/created", StepOutcome.Ok, null)]
    [InlineData("/stale", StepOutcome.Degraded, "stale")]
    [InlineData("/cache-bypass", StepOutcome.Degraded, "cache-bypass")]
    [InlineData("/unavailable", StepOutcome.Error, "http_503")]
    [InlineData("/missing", StepOutcome.Error, "http_404")]
    [InlineData("/slow", StepOutcome.Error, "timeout")]
    [InlineData("/reset", StepOutcome.Error, "connection_reset")]
    public async Task Answers_and_failures_map_to_results_and_kinds(string path, StepOutcome outcome, string? kind)
    {
        var result = await HttpStep.SendAsync(_client, new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Url, path)), TestContext.Current.CancellationToken);

        result.Should().Be(new StepResult(outcome, kind));
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_connection_refused()
    {
        var result = await HttpStep.SendAsync(
            _client, new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{UnusedPort()}/"), TestContext.Current.CancellationToken);

        result.Should().Be(StepResult.Error("connection_refused"));
    }

    [Fact]
    public async Task Cancellation_by_the_run_is_reported_as_canceled_not_as_a_timeout()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));

        var result = await HttpStep.SendAsync(_client, new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Url, "/slow")), cancellation.Token);

        result.Should().Be(StepResult.Error("canceled"));
    }

    private static async Task RespondAsync(HttpContext context)
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
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
