namespace Resilience.Tests.Harness.App;

/// <summary>Health, metrics and resilience status of the app on healthy dependencies.</summary>
[Collection(AppStackCollection.Name)]
public sealed class ObservabilityEndpointTests(AppStack fixture) : IAsyncLifetime
{
    private HttpClient Client => fixture.Client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task Live_and_ready_answer_200_with_both_dependencies_up()
    {
        var live = await Client.FetchAsync("/health/live");
        var ready = await Client.FetchAsync("/health/ready");

        live.Status.Should().Be(200);
        ready.Status.Should().Be(200, ready.ToString());
        ready.Body.Should().Contain("\"postgres\":\"up\"").And.Contain("\"redis\":\"up\"");
    }

    [Fact]
    public async Task Ready_turns_503_naming_postgres_while_its_proxy_refuses_connections_and_recovers_with_it()
    {
        await fixture.Stack.Proxies.Postgres.DisableAsync(TestContext.Current.CancellationToken);
        var down = await Client.FetchAsync("/health/ready");
        await fixture.Stack.Proxies.Postgres.EnableAsync(TestContext.Current.CancellationToken);
        var up = await Eventually.UntilAsync(() => Client.FetchAsync("/health/ready"), ready => ready.Status == 200, TimeSpan.FromSeconds(10), "ready again");

        down.Status.Should().Be(503, down.ToString());
        down.Body.Should().Contain("\"postgres\":\"down\"").And.Contain("\"redis\":\"up\"");
        up.Body.Should().Contain("\"postgres\":\"up\"");
    }

    [Fact]
    public async Task Metrics_carry_request_durations_and_pollys_own_meter()
    {
        var order = await Client.CreatedOrderAsync("metrics");
        (await Client.FetchAsync($"/orders/{order.Id}")).Status.Should().Be(200);

        var metrics = await Client.FetchAsync("/metrics");

        metrics.Status.Should().Be(200);
        metrics.Body.Should().Contain("http_request_duration_seconds_bucket{code=\"200\",method=\"GET\"")
            .And.Contain("endpoint=\"/orders/{id}\"");
        metrics.Body.Should().MatchRegex("""polly_resilience_polly_pipeline_duration_count\{[^}]*pipeline_name="postgres"[^}]*\} [1-9]""");
        metrics.Body.Should().MatchRegex("""polly_resilience_polly_strategy_events\{event_name="PipelineExecuting"[^}]*operation_key="orders.create"[^}]*\} [1-9]""");
    }

    [Fact]
    public async Task Resilience_lists_every_breaker_closed_and_every_limiter_with_free_permits()
    {
        var status = await Client.StatusAsync();

        status.Breakers.Select(breaker => (breaker.Dependency, breaker.Enabled, breaker.State))
            .Should().BeEquivalentTo([("postgres", true, "Closed"), ("redis", true, "Closed"), ("pricing", true, "Closed")]);
        status.Limiters.Should().OnlyContain(limiter => limiter.Enabled && limiter.AvailablePermits > 0);
        status.GeneratedAtUtc.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
    }
}
