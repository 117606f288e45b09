using Resilience.Reference.Stack;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.App;

/// <summary>The app with Polly strategies switched off: the same black holes now cost every request time.</summary>
public sealed class NegativeStrategyControlTests(NegativeStrategyControlTests.WithoutStrategies fixture)
    : IClassFixture<NegativeStrategyControlTests.WithoutStrategies>, IAsyncLifetime
{
    private HttpClient Client => fixture.Client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task Without_the_redis_breaker_every_read_waits_for_the_redis_timeout()
    {
        var order = await Client.CreatedOrderAsync("always-waits");
        await using var blackHole = await fixture.Stack.Proxies.Redis.AddTimeoutAsync(TimeSpan.Zero, ToxicStream.Upstream,
            cancellationToken: TestContext.Current.CancellationToken);

        var reads = new List<AppResponse>();
        for (var i = 0; i < 15; i++)
        {
            reads.Add(await Client.FetchAsync($"/orders/{order.Id}"));
        }

        reads.Should().OnlyContain(read => read.Status == 200 && read.Degraded == "cache-bypass");
        reads.MedianElapsed().Should().BeGreaterThanOrEqualTo(RedisOutageTests.RedisAttemptTimeout,
            "with no breaker reads keep trying Redis and waiting for its attempt timeout ({0})", string.Join(", ", reads.Select(read => $"{read.Elapsed.TotalMilliseconds:0} ms")));
        (await Client.StatusAsync()).Breaker("redis").Enabled.Should().BeFalse();
    }

    [Fact]
    public async Task Without_timeouts_and_budget_a_postgres_black_hole_holds_requests_indefinitely()
    {
        var order = await Client.CreatedOrderAsync("held");
        await using var blackHole = await fixture.Stack.Proxies.Postgres.AddTimeoutAsync(TimeSpan.Zero, ToxicStream.Upstream,
            cancellationToken: TestContext.Current.CancellationToken);
        using var patientClient = fixture.Stack.App.CreateClient(TimeSpan.FromSeconds(3));

        var read = () => patientClient.FetchAsync($"/orders/{order.Id}");

        // Three times the default budget and still no answer: nothing bounds the wait any more.
        await read.Should().ThrowAsync<TaskCanceledException>();
    }

    public sealed class WithoutStrategies : StackFixture
    {
        protected override ResilienceStackBuilder Configure(ResilienceStackBuilder stack) => stack.WithApp(app => AppStack.FastRecovery(app)
            .Without(AppStrategy.CircuitBreaker, StackProxyNames.Redis)
            .Without(AppStrategy.AttemptTimeout, StackProxyNames.Postgres)
            .Without(AppFeature.RequestBudget));
    }
}
