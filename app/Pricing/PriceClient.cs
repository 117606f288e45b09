using System.Net.Http.Json;
using Polly;
using Resilience.App.Configuration;
using Resilience.App.Observability;
using Resilience.App.Resilience;

namespace Resilience.App.Pricing;

/// <summary>
/// Asks the price service for a SKU's unit price. The HttpClient carries the <c>external</c> pipeline through
/// Microsoft.Extensions.Http.Resilience (limiter, retry — a price lookup is a read —, breaker, attempt timeout);
/// this class only turns what is left of a failure into a <see cref="DependencyFailure"/>.
/// </summary>
public sealed class PriceClient(HttpClient http, AppSettings settings, AppMetrics metrics)
{
    private readonly TimeSpan _breakDuration = TimeSpan.FromMilliseconds(settings.Resilience.External.CircuitBreaker.BreakDurationMs);

    public async ValueTask<DependencyResult<PriceQuote>> QuoteAsync(string sku, RequestBudget budget)
    {
        // A price lookup is a read: it may be retried. The budget in the context lets the breaker count a lookup
        // the budget cut short as a failure, as it does for PostgreSQL and Redis.
        var context = CallBudget.RentContext("prices.get", isRead: true, budget);
        using var request = new HttpRequestMessage(HttpMethod.Get, "prices/" + Uri.EscapeDataString(sku));
        request.SetResilienceContext(context);
        try
        {
            using var response = await http.SendAsync(request, budget.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Failed(FailureReason.Unavailable);
            }
            var quote = await response.Content.ReadFromJsonAsync(AppJsonContext.Default.PriceQuote, budget.Token);
            return quote is { UnitPriceCents: >= 0 } ? DependencyResult<PriceQuote>.Success(quote) : Failed(FailureReason.Unavailable);
        }
        catch (System.Text.Json.JsonException)
        {
            return Failed(FailureReason.Unavailable);
        }
        catch (Exception e) when (FailureClassifier.Classify(Dependency.Pricing, e, budget, _breakDuration) is { } failure)
        {
            metrics.DependencyFailed(Dependency.Pricing, failure.ReasonCode);
            return DependencyResult<PriceQuote>.Failed(failure);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private DependencyResult<PriceQuote> Failed(FailureReason reason)
    {
        var failure = new DependencyFailure(Dependency.Pricing, reason, TimeSpan.FromSeconds(1));
        metrics.DependencyFailed(Dependency.Pricing, failure.ReasonCode);
        return DependencyResult<PriceQuote>.Failed(failure);
    }
}
