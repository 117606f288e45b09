using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>The app with its degradation features switched off: the faults the other tests survive now hurt.</summary>
public sealed class NegativeFeatureControlTests(NegativeFeatureControlTests.WithoutDegradation fixture)
    : IClassFixture<NegativeFeatureControlTests.WithoutDegradation>, IAsyncLifetime
{
    private HttpClient Client => fixture.Client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task Without_stale_fallback_a_postgres_outage_fails_reads_that_have_a_cached_copy()
    {
        var order = await Client.CreatedOrderAsync("no-stale");
        await fixture.Stack.Proxies.Postgres.DisableAsync(TestContext.Current.CancellationToken);

        var read = await Client.FetchAsync($"/orders/{order.Id}");

        read.Status.Should().Be(503, read.ToString());
        read.Json<UnavailableDto>().Dependency.Should().Be("postgres");
    }

    [Fact]
    public async Task Without_cache_bypass_a_redis_outage_fails_reads()
    {
        var order = await Client.CreatedOrderAsync("no-bypass");
        await fixture.Stack.Proxies.Redis.DisableAsync(TestContext.Current.CancellationToken);

        var read = await Client.FetchAsync($"/orders/{order.Id}");

        read.Status.Should().Be(503, read.ToString());
        read.Json<UnavailableDto>().Dependency.Should().Be("redis");
    }

    [Fact]
    public async Task Without_price_fallback_a_price_service_outage_fails_orders()
    {
        await fixture.Stack.Proxies.Pricing.DisableAsync(TestContext.Current.CancellationToken);

        var created = await Client.CreateOrderAsync("no-fallback", "gina");

        created.Status.Should().Be(503, created.ToString());
        created.Json<UnavailableDto>().Dependency.Should().Be("pricing");
    }

    [Fact]
    public async Task Without_idempotency_concurrent_retries_of_one_post_store_duplicates()
    {

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Client.CreateOrderAsync("retried-key", "hank", "SKU-9", 1)));

        answers.Should().OnlyContain(answer => answer.Status == 201);
        answers.Select(answer => answer.Json<OrderDto>().Id).Distinct().Should().HaveCount(10);
(await OrdersTable.CountForCustomerAsync(fixture.Stack, "hank")).Should().Be(10, "every retry became a row");
    }

    public sealed class WithoutDegradation : StackFixture
    {
        protected override ResilienceStackBuilder Configure(ResilienceStackBuilder stack) => stack.WithApp(app => AppStack.FastRecovery(app)
            .Without(AppFeature.StaleFallback)
            .Without(AppFeature.CacheBypass)
            .Without(AppFeature.PriceFallback)
            .Without(AppFeature.Idempotency));
    }
}
