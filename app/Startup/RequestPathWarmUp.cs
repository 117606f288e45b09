using System.Net.Http.Json;
using Resilience.App.Configuration;
using Resilience.App.Pricing;
using Resilience.App.Resilience;

namespace Resilience.App.Startup;

/// <summary>
/// Sends one request down each path of the app right after Kestrel starts, and holds <c>/health/ready</c> at
/// 503 until it is done. A cold app compiles its code on the first requests; on a busy small machine that alone
/// outlasts the attempt timeouts, and the first real requests of a test would fail on healthy dependencies.
/// </summary>
public sealed class RequestPathWarmUp(PriceClient prices, AppSettings settings, ILogger<RequestPathWarmUp> logger)
{
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(5);

    private int _complete;

    public bool IsComplete => Volatile.Read(ref _complete) == 1;

    public async Task RunAsync(Uri self, CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = self, Timeout = PerRequest };
            foreach (var path in new[] { $"/orders/{long.MaxValue}", "/orders?page=1&size=1", "/orders/search?q=warmup", "/resilience" })
            {
                using var _ = await http.GetAsync(path, cancellationToken);
            }
            // Quantity 0 is refused before anything is stored, whatever the switches.
            using (await http.PostAsJsonAsync("/orders", new { customer = "warm-up", sku = "WARM-UP", quantity = 0 }, cancellationToken))
            {
            }
            using var budget = RequestBudget.Start(settings.Resilience, cancellationToken);
            await prices.QuoteAsync("WARM-UP", budget);
            logger.LogInformation("Warmed up the request paths");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning("Warm-up incomplete: {Error}", e.Message);
        }
        finally
        {
            Volatile.Write(ref _complete, 1);
        }
    }

    /// <summary>An address this process can call itself on, from what Kestrel is bound to (wildcards included).</summary>
    public static Uri SelfAddress(string bound)
    {
        var address = bound.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal);
        return new Uri(address);
    }
}
