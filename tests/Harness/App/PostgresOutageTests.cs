using Resilience.Toxics;

namespace Resilience.Tests.Harness.App;

/// <summary>PostgreSQL failing for real (its proxy refusing or black-holing) while the app serves.</summary>
[Collection(AppStackCollection.Name)]
public sealed class PostgresOutageTests(AppStack fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1000);

    /// <summary>The app's default PostgreSQL attempt timeout: what a call waits while the breaker is still closed.</summary>
    private static readonly TimeSpan PostgresAttemptTimeout = TimeSpan.FromMilliseconds(300);

    private HttpClient Client => fixture.Client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Every test injects a fault; the next test (of any class in the collection) starts healthy.</summary>
    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task Cached_orders_are_served_stale_while_postgres_is_down()
    {
        var order = await Client.CreatedOrderAsync("stale-reader");
        (await Client.FetchAsync($"/orders/{order.Id}")).Degraded.Should().BeNull("the dependencies are healthy");

        await fixture.Stack.Proxies.Postgres.DisableAsync(TestContext.Current.CancellationToken);
        var reads = new List<AppResponse>();
        for (var i = 0; i < 15; i++)
        {
            reads.Add(await Client.FetchAsync($"/orders/{order.Id}"));
        }

        reads.Should().OnlyContain(read => read.Status == 200 && read.Degraded == "stale", "every read is answered from the cache");
        reads.Select(read => read.Json<OrderDto>()).Should().AllBeEquivalentTo(order);
    }

    [Fact]
    public async Task Without_a_cached_copy_reads_and_writes_get_a_fast_503_with_retry_after_once_the_breaker_is_open()
    {
        var uncached = await OrdersTable.InsertUncachedAsync(fixture.Stack, "never-cached");
        await fixture.Stack.Proxies.Postgres.DisableAsync(TestContext.Current.CancellationToken);
        await Client.UntilBreakerOpenAsync("postgres", () => Client.FetchAsync($"/orders/{uncached}"));

        var opened = DateTimeOffset.UtcNow;
        var reads = await RepeatAsync(() => Client.FetchAsync($"/orders/{uncached}"));
        var writes = await RepeatAsync(() => Client.CreateOrderAsync(Guid.NewGuid().ToString("N"), "refused"));
        var answers = reads.Concat(writes).ToList();
        // Once per break (1 s) the breaker lets one call through to probe; on a slow machine the 30 requests may span a break.
        var probes = (await Client.StatusAsync()).Breaker("postgres").Transitions.Count(t => t.To == "HalfOpen" && t.AtUtc >= opened);

        answers.Should().OnlyContain(answer => answer.Status == 503 && answer.Json<UnavailableDto>().Dependency == "postgres");
        answers.Select(answer => int.Parse(answer.Header("Retry-After")!)).Should().OnlyContain(seconds => seconds >= 1 && seconds <= 2,
            "the breaker lets a probe through within its 1 s break");
        answers.Count(answer => answer.Json<UnavailableDto>().Reason != "circuit-open").Should().BeLessThanOrEqualTo(probes,
            "only the breaker's probes reach the refused database");
        answers.MedianElapsed().Should().BeLessThan(PostgresAttemptTimeout, "an open breaker answers without waiting on PostgreSQL");
    }

    [Fact]
    public async Task The_breaker_opens_and_closes_again_with_utc_timestamps_and_polly_reports_it_on_metrics()
    {
        var order = await Client.CreatedOrderAsync("transitions");
        var faultStarted = DateTimeOffset.UtcNow;
        await fixture.Stack.Proxies.Postgres.DisableAsync(TestContext.Current.CancellationToken);
        await Client.UntilBreakerOpenAsync("postgres", () => Client.FetchAsync($"/orders/{order.Id}"));
        var faultEnded = DateTimeOffset.UtcNow;
        await fixture.Stack.Proxies.Postgres.EnableAsync(TestContext.Current.CancellationToken);

        var recovered = await Eventually.UntilAsync(
            async () =>
            {
                await Client.FetchAsync($"/orders/{order.Id}");
                return (await Client.StatusAsync()).Breaker("postgres");
            },
            breaker => breaker.State == "Closed",
            TimeSpan.FromSeconds(10),
            "the postgres breaker closed after the fault");

        var transitions = recovered.Transitions.Where(transition => transition.AtUtc >= faultStarted).ToList();
        transitions.Select(transition => $"{transition.From}->{transition.To}")
            .Should().ContainInOrder("Closed->Open", "Open->HalfOpen", "HalfOpen->Closed");
        transitions.Select(transition => transition.AtUtc).Should().BeInAscendingOrder();
        var opened = transitions.First(transition => transition.To == "Open");
        opened.AtUtc.Should().BeOnOrBefore(faultEnded);
        opened.BreakDurationMs.Should().Be(AppStack.BreakDurationMs);
        transitions.Last().AtUtc.Should().BeOnOrAfter(faultEnded.AddMilliseconds(AppStack.BreakDurationMs / 2.0), "it stays open for its break");

        var metrics = (await Client.FetchAsync("/metrics")).Body;
        metrics.Should().MatchRegex("""polly_resilience_polly_strategy_events\{event_name="OnCircuitOpened"[^}]*pipeline_name="postgres"[^}]*\} [1-9]""");
        metrics.Should().MatchRegex("""polly_resilience_polly_strategy_events\{event_name="OnCircuitClosed"[^}]*pipeline_name="postgres"[^}]*\} [1-9]""");
    }

    [Fact]
    public async Task A_postgres_black_hole_never_holds_a_request_past_the_budget()
    {
        var cached = await Client.CreatedOrderAsync("black-hole");
        var uncached = await OrdersTable.InsertUncachedAsync(fixture.Stack, "black-hole-uncached");
        await using var blackHole = await fixture.Stack.Proxies.Postgres.AddTimeoutAsync(TimeSpan.Zero, ToxicStream.Upstream,
            cancellationToken: TestContext.Current.CancellationToken);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Client.FetchAsync(i % 2 == 0 ? $"/orders/{cached.Id}" : $"/orders/{uncached}")));

        answers.Where((_, i) => i % 2 == 0).Should().OnlyContain(answer => answer.Status == 200 && answer.Degraded == "stale");
        answers.Where((_, i) => i % 2 == 1).Should().OnlyContain(answer => answer.Status == 503);
        answers.Max(answer => answer.Elapsed).Should().BeLessThan(Budget + TimeSpan.FromMilliseconds(500),
            "the request budget ({0} ms) bounds the attempt timeouts and retries below it", Budget.TotalMilliseconds);
        var metrics = (await Client.FetchAsync("/metrics")).Body;
        metrics.Should().MatchRegex("""polly_resilience_polly_strategy_events\{event_name="OnTimeout"[^}]*pipeline_name="postgres"[^}]*\} [1-9]""");
        metrics.Should().MatchRegex("""polly_resilience_polly_strategy_events\{event_name="OnRetry"[^}]*pipeline_name="postgres"[^}]*\} [1-9]""");
    }

    private static async Task<List<AppResponse>> RepeatAsync(Func<Task<AppResponse>> request, int times = 15)
    {
        var answers = new List<AppResponse>();
        for (var i = 0; i < times; i++)
        {
            answers.Add(await request());
        }

        return answers;
    }
}
