using Resilience.Toxics;

namespace Resilience.Tests.Harness.App;

/// <summary>Redis failing for real while the app serves: reads bypass the cache and stop waiting on it.</summary>
[Collection(AppStackCollection.Name)]
public sealed class RedisOutageTests(AppStack fixture) : IAsyncLifetime
{
    /// <summary>The app's default Redis attempt timeout.</summary>
    public static readonly TimeSpan RedisAttemptTimeout = TimeSpan.FromMilliseconds(100);

    private HttpClient Client => fixture.Client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Every test injects a fault; the next test (of any class in the collection) starts healthy.</summary>
    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task Reads_bypass_a_redis_that_refuses_connections()
    {
        var order = await Client.CreatedOrderAsync("bypass");
        await fixture.Stack.Proxies.Redis.DisableAsync(TestContext.Current.CancellationToken);

        var read = await Client.FetchAsync($"/orders/{order.Id}");

        read.Status.Should().Be(200, read.ToString());
        read.Degraded.Should().Be("cache-bypass");
        read.Json<OrderDto>().Should().Be(order);
    }

    [Fact]
    public async Task Once_the_redis_breaker_is_open_no_read_waits_on_a_black_holed_redis()
    {
        var order = await Client.CreatedOrderAsync("no-wait");
        await using var blackHole = await fixture.Stack.Proxies.Redis.AddTimeoutAsync(TimeSpan.Zero, ToxicStream.Upstream,
            cancellationToken: TestContext.Current.CancellationToken);
        var first = await Client.FetchAsync($"/orders/{order.Id}");
        await Client.UntilBreakerOpenAsync("redis", () => Client.FetchAsync($"/orders/{order.Id}"));

        var reads = new List<AppResponse>();
        for (var i = 0; i < 15; i++)
        {
            reads.Add(await Client.FetchAsync($"/orders/{order.Id}"));
        }

        first.Elapsed.Should().BeGreaterThanOrEqualTo(RedisAttemptTimeout, "before the breaker opens a read waits for the Redis attempt timeout");
        reads.Should().OnlyContain(read => read.Status == 200 && read.Degraded == "cache-bypass");
        reads.MedianElapsed().Should().BeLessThan(RedisAttemptTimeout, "an open breaker skips Redis without waiting for its timeout");
    }
}
