using Resilience.Toxics;

namespace Resilience.Tests.Harness.App;

/// <summary>The PostgreSQL concurrency limiter shedding load for real, with PostgreSQL slowed by the proxy.</summary>
[Collection(AppStackCollection.Name)]
public sealed class LoadSheddingTests(AppStack fixture) : IAsyncLifetime
{
    private const int Permits = 4;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task Past_its_permits_and_queue_the_postgres_limiter_sheds_with_a_fast_503_instead_of_queuing_on_the_pool()
    {
        await using var app = await fixture.Stack.StartAnotherAppAsync(settings => settings
            .WithSetting("Resilience:Postgres:ConcurrencyLimit:PermitLimit", $"{Permits}")
            .WithSetting("Resilience:Postgres:ConcurrencyLimit:QueueLimit", "0"), TestContext.Current.CancellationToken);
        using var client = app.Service.CreateClient(TimeSpan.FromSeconds(10));
        var uncached = await OrdersTable.InsertUncachedAsync(fixture.Stack, "shed");
        await using var slow = await fixture.Stack.Proxies.Postgres.AddLatencyAsync(TimeSpan.FromMilliseconds(150),
            cancellationToken: TestContext.Current.CancellationToken);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.FetchAsync($"/orders/{uncached}")));

        var served = answers.Where(answer => answer.Status == 200).ToList();
        var shed = answers.Where(answer => answer.Status == 503).ToList();
        served.Should().NotBeEmpty().And.OnlyContain(answer => answer.Elapsed >= TimeSpan.FromMilliseconds(150), "they waited on the slowed database");
        shed.Should().HaveCountGreaterThanOrEqualTo(30 - 2 * Permits, "at most the permits' worth of reads run at once")
            .And.OnlyContain(answer => answer.Json<UnavailableDto>().Reason == "shed" && answer.Header("Retry-After") == "1");
        shed.MedianElapsed().Should().BeLessThan(served.MedianElapsed(), "a shed request does not wait for the database");
        (await client.StatusAsync()).Limiters.Single(limiter => limiter.Dependency == "postgres").RejectedTotal
            .Should().BeGreaterThanOrEqualTo(shed.Count);
    }
}
