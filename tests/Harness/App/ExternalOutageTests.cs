using Resilience.Toxics;

namespace Resilience.Tests.Harness.App;

/// <summary>The price service timing out for real: orders are still taken, at the documented fallback price.</summary>
[Collection(AppStackCollection.Name)]
public sealed class ExternalOutageTests(AppStack fixture) : IAsyncLifetime
{
    /// <summary>The app's default External:FallbackUnitPriceCents.</summary>
    private const long FallbackUnitPriceCents = 999;

    private HttpClient Client => fixture.Client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Every test injects a fault; the next test (of any class in the collection) starts healthy.</summary>
    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task A_timed_out_price_lookup_prices_the_order_at_the_fallback_and_marks_it()
    {
        await using var blackHole = await fixture.Stack.Proxies.Pricing.AddTimeoutAsync(TimeSpan.Zero, ToxicStream.Upstream,
            cancellationToken: TestContext.Current.CancellationToken);

        var created = await Client.CreateOrderAsync("fallback-1", "erin", "SKU-3", 2);

        created.Status.Should().Be(201, created.ToString());
        created.Degraded.Should().Be("fallback-price");
        created.Json<OrderDto>().Should().BeEquivalentTo(new
        {
            UnitPriceCents = FallbackUnitPriceCents,
            TotalCents = 2 * FallbackUnitPriceCents,
            PriceSource = "fallback",
        });
        created.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(1500), "the price lookup's timeouts sit inside the request budget");
        (await Client.FetchAsync("/metrics")).Body.Should().MatchRegex(
            """polly_resilience_polly_strategy_events\{event_name="OnRetry"[^}]*operation_key="prices.get",pipeline_name="pricing"[^}]*\} [1-9]""",
            "a price lookup is a read, so a timed-out attempt is retried");
    }

    [Fact]
    public async Task Orders_are_priced_by_the_service_again_once_it_answers()
    {
        await fixture.Stack.Proxies.Pricing.DisableAsync(TestContext.Current.CancellationToken);
        (await Client.CreateOrderAsync("fallback-2", "frank", "SKU-4", 1)).Degraded.Should().Be("fallback-price");
        await fixture.RestoreAsync();

        var created = await Client.CreateOrderAsync("fallback-3", "frank", "SKU-4", 1);

        created.Degraded.Should().BeNull();
        created.Json<OrderDto>().PriceSource.Should().Be("service");
    }
}
