using Resilience.Load.Http;
using Resilience.Load.Scenarios;

namespace Resilience.Tests.Harness.Load;

/// <summary>How the HTTP step turns real answers and failures of a local server into step results.</summary>
public sealed class HttpOutcomeTests : IAsyncLifetime
{
    private TestHttpServer _server = null!;
    private HttpClient _client = null!;
    private HttpClient _impatientClient = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestHttpServer.StartAsync(OutcomeRoutes.RespondAsync);
        _client = LoadHttpClient.Create();
        // A short timeout only for the path that never answers; elsewhere a busy machine must not fail the test.
        _impatientClient = LoadHttpClient.Create(new LoadHttpClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _impatientClient.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(OutcomeRoutes.Expected), MemberType = typeof(OutcomeRoutes))]
    public async Task Answers_and_failures_map_to_results_and_kinds(string path, StepOutcome outcome, string? kind)
    {
        var client = path == "/slow" ? _impatientClient : _client;

        var result = await HttpStep.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Url, path)), TestContext.Current.CancellationToken);

        result.Should().Be(new StepResult(outcome, kind));
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_connection_refused()
    {
        var result = await HttpStep.SendAsync(
            _client, new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{OutcomeRoutes.UnusedPort()}/"), TestContext.Current.CancellationToken);

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
}
