using System.Globalization;
using System.Text.RegularExpressions;
using Resilience.App.Caching;
using Resilience.App.Configuration;
using Resilience.App.Data;
using Resilience.App.Resilience;

namespace Resilience.App.Endpoints;

/// <summary><c>GET /orders/{id}</c> (read-through cache, stale fallback), <c>GET /orders</c> and <c>GET /orders/search</c>.</summary>
public static partial class OrderReadEndpoints
{
    public const int MaxPageSize = 100;
    public const int MaxPage = 100_000;
    public const int MaxQueryLength = 100;
    public const int MaxSearchTerms = 8;

    public static RouteGroupBuilder MapOrderReads(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id}", GetOrderAsync);
        orders.MapGet("", ListOrdersAsync);
        orders.MapGet("/search", SearchOrdersAsync);
        return orders;
    }

    /// <summary>
    /// A fresh cached copy is served as is. Otherwise PostgreSQL answers (and refills the cache); if it cannot,
    /// the cached copy however old is served as <c>X-Degraded: stale</c>, and without one the answer is a fast 503.
    /// Redis failing is not fatal: the read bypasses the cache (<c>X-Degraded: cache-bypass</c>).
    /// </summary>
    private static async Task<IResult> GetOrderAsync(
        string id, HttpContext http, RequestBudget budget, OrderStore store, OrderCache cache, AppSettings settings, TimeProvider clock)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) || orderId <= 0)
        {
            return ApiResults.BadRequest("id must be a positive integer");
        }

        CachedOrder? cached = null;
        var cacheUsable = true;
        var lookup = await cache.GetAsync(orderId, budget);
        if (lookup.Succeeded)
        {
            cached = lookup.Value;
        }
        else if (settings.Resilience.CacheBypass.Enabled)
        {
            cacheUsable = false;
            ApiResults.MarkDegraded(http, ApiResults.CacheBypass);
        }
        else
        {
            return ApiResults.Unavailable(http, lookup.Failure!);
        }

        if (cached is not null && cached.IsFresh(clock.GetUtcNow(), cache.FreshFor))
        {
            return TypedResults.Json(cached.Order, AppJsonContext.Default.Order);
        }

        var read = await store.FindAsync(orderId, budget);
        if (read.Succeeded)
        {
            if (read.Value is null)
            {
                return ApiResults.NotFound($"order {orderId} not found");
            }
            if (cacheUsable)
            {
                cache.TryPut(read.Value);
            }
            return TypedResults.Json(read.Value, AppJsonContext.Default.Order);
        }

        if (cached is not null && settings.Resilience.StaleFallback.Enabled)
        {
            ApiResults.MarkDegraded(http, ApiResults.Stale);
            return TypedResults.Json(cached.Order, AppJsonContext.Default.Order);
        }
        return ApiResults.Unavailable(http, read.Failure!);
    }

    private static async Task<IResult> ListOrdersAsync(HttpContext http, RequestBudget budget, OrderStore store)
    {
        if (!QueryValidation.TryReadInt(http.Request, "page", 1, 1, MaxPage, out var page, out var error)
            || !QueryValidation.TryReadInt(http.Request, "size", 20, 1, MaxPageSize, out var size, out error))
        {
            return ApiResults.BadRequest(error!);
        }
        var result = await store.PageAsync(page, size, budget);
        return result.Succeeded
            ? TypedResults.Json(new OrderPage(page, size, result.Value.HasMore, result.Value.Items), AppJsonContext.Default.OrderPage)
            : ApiResults.Unavailable(http, result.Failure!);
    }

    /// <summary>Every word of <c>q</c> must prefix a word of the customer or SKU; newest first.</summary>
    private static async Task<IResult> SearchOrdersAsync(HttpContext http, RequestBudget budget, OrderStore store)
    {
        var q = http.Request.Query["q"];
        if (q.Count != 1 || string.IsNullOrWhiteSpace(q[0]) || q[0]!.Length > MaxQueryLength)
        {
            return ApiResults.BadRequest($"q is required: 1..{MaxQueryLength} characters");
        }
        if (!QueryValidation.TryReadInt(http.Request, "size", 20, 1, MaxPageSize, out var size, out var error))
        {
            return ApiResults.BadRequest(error!);
        }
        var terms = SearchTerm().Matches(q[0]!).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
        if (terms.Count is 0 or > MaxSearchTerms)
        {
            return ApiResults.BadRequest($"q must hold 1..{MaxSearchTerms} words of letters or digits");
        }
        var result = await store.SearchAsync(terms, size, budget);
        return result.Succeeded
            ? TypedResults.Json(new SearchResult(q[0]!, result.Value), AppJsonContext.Default.SearchResult)
            : ApiResults.Unavailable(http, result.Failure!);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex SearchTerm();
}
