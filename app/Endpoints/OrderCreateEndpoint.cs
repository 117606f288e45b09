using System.Text.Json;
using Resilience.App.Caching;
using Resilience.App.Configuration;
using Resilience.App.Data;
using Resilience.App.Pricing;
using Resilience.App.Resilience;

namespace Resilience.App.Endpoints;

/// <summary>
/// <c>POST /orders</c> with an <c>Idempotency-Key</c>. 201 only once the row is committed; the same key and request
/// again answer 200 with the original order (header <c>Idempotent-Replayed: true</c>), never a second row; the same
/// key with a different request is a 422. PostgreSQL not answering is a 503: a write is never acknowledged unless
/// it is durable, and the client retries with the same key.
/// </summary>
public static class OrderCreateEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;
    public const int MaxCustomerLength = 100;
    public const int MaxQuantity = 1000;

    public static RouteGroupBuilder MapOrderCreate(this RouteGroupBuilder orders)
    {
        orders.MapPost("", CreateOrderAsync);
        return orders;
    }

    private static async Task<IResult> CreateOrderAsync(
        HttpContext http, RequestBudget budget, OrderStore store, OrderCache cache, PriceClient prices,
        BreakerJournals breakers, AppSettings settings)
    {
        var (request, error) = await ReadRequestAsync(http);
        if (error is not null)
        {
            return ApiResults.BadRequest(error);
        }
        string? key = null;
        if (settings.Resilience.Idempotency.Enabled && !TryReadKey(http.Request, out key, out error))
        {
            return ApiResults.BadRequest(error!);
        }

        // PostgreSQL's breaker is open: refuse now rather than spend the budget on a price lookup first.
        var postgresBreaker = breakers.For(Dependency.Postgres);
        if (postgresBreaker.IsRejecting)
        {
            var breakDuration = TimeSpan.FromMilliseconds(settings.Resilience.Postgres.CircuitBreaker.BreakDurationMs);
            return ApiResults.Unavailable(http, new DependencyFailure(Dependency.Postgres, FailureReason.CircuitOpen, breakDuration));
        }

        var (unitPrice, priceSource) = (0L, "service");
        var quote = await prices.QuoteAsync(request!.Sku!, budget);
        if (quote.Succeeded)
        {
            unitPrice = quote.Value.UnitPriceCents;
        }
        else if (settings.Resilience.PriceFallback.Enabled)
        {
            (unitPrice, priceSource) = (settings.External.FallbackUnitPriceCents, "fallback");
            ApiResults.MarkDegraded(http, ApiResults.FallbackPrice);
        }
        else
        {
            return ApiResults.Unavailable(http, quote.Failure!);
        }

        var order = new NewOrder(request.Customer!, request.Sku!, request.Quantity!.Value, unitPrice, priceSource);
        var created = await store.CreateAsync(order, key, budget);
        if (!created.Succeeded)
        {
            return ApiResults.Unavailable(http, created.Failure!);
        }

        var result = created.Value;
        switch (result.Outcome)
        {
            case CreateOutcome.Created:
                if (!cache.TryPut(result.Order))
                {
                    ApiResults.MarkDegraded(http, ApiResults.CacheBypass);
                }
                return TypedResults.Created($"/orders/{result.Order.Id}", result.Order);
            case CreateOutcome.Replayed:
                http.Response.Headers[ReplayedHeader] = "true";
                return TypedResults.Json(result.Order, AppJsonContext.Default.Order);
            default:
                return ApiResults.Unprocessable($"{IdempotencyKeyHeader} was already used for a different order");
        }
    }

    private static async Task<(CreateOrderRequest? Request, string? Error)> ReadRequestAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, "Content-Type must be application/json");
        }
        CreateOrderRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, AppJsonContext.Default.CreateOrderRequest, http.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, $"body is not a valid order: {e.Message}");
        }
        var error = request switch
        {
            null => "body is required",
            { Customer: null } or { Customer.Length: 0 or > MaxCustomerLength } => $"customer is required: 1..{MaxCustomerLength} characters",
            { Sku: null } => "sku is required",
            { Sku: var sku } when !PriceStub.IsValidSku(sku!) => $"sku must be 1..{PriceStub.MaxSkuLength} letters, digits, '-' or '_'",
            { Quantity: null or < 1 or > MaxQuantity } => $"quantity must be an integer within 1..{MaxQuantity}",
            _ => null,
        };
        return (request, error);
    }

    private static bool TryReadKey(HttpRequest request, out string? key, out string? error)
    {
        var values = request.Headers[IdempotencyKeyHeader];
        key = values.Count == 1 ? values[0] : null;
        if (key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is > ' ' and <= '~'))
        {
            error = null;
            return true;
        }
        error = $"{IdempotencyKeyHeader} header is required: 1..{MaxKeyLength} printable ASCII characters";
        return false;
    }
}
