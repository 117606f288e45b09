using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>Reads the app's resilience status and brings a stack back to healthy between tests.</summary>
public static class StackHealth
{
    public static async Task<ResilienceStatusDto> StatusAsync(this HttpClient client) =>
        (await client.FetchAsync("/resilience")).Json<ResilienceStatusDto>();

    /// <summary>
    /// Removes every fault, waits until the app is ready (its clients reconnected), then sends traffic that touches
    /// all three dependencies until every breaker is closed again (Polly half-opens a breaker only when a call
    /// arrives after the break).
    /// </summary>
    public static async Task RestoreAsync(this StackFixture fixture)
    {
        await fixture.Stack.ResetFaultsAsync(TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(
            () => fixture.Client.FetchAsync("/health/ready"), ready => ready.Status == 200, TimeSpan.FromSeconds(20), "the app ready");
        await Eventually.UntilAsync(
            async () =>
            {
                await fixture.Client.FetchAsync("/orders/1");
                await fixture.Client.CreateOrderAsync(Guid.NewGuid().ToString("N"), "health-probe");
                return await fixture.Client.StatusAsync();
            },
            status => status.Breakers.All(breaker => breaker.State == "Closed"),
            TimeSpan.FromSeconds(20),
            "all breakers closed");
    }

    /// <summary>Sends <paramref name="request"/> until the dependency's breaker reports Open.</summary>
    public static Task<ResilienceStatusDto> UntilBreakerOpenAsync(this HttpClient client, string dependency, Func<Task> request) =>
        Eventually.UntilAsync(
            async () =>
            {
                await request();
                return await client.StatusAsync();
            },
            status => status.Breaker(dependency).State == "Open",
            TimeSpan.FromSeconds(20),
            $"the {dependency} breaker open");

    public static IEnumerable<string> Dependencies => StackProxyNames.All;
}
