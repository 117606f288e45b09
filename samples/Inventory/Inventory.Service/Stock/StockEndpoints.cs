using Inventory.Service.Http;

namespace Inventory.Service.Stock;

/// <summary><c>GET /stock/{sku}</c>: turns a <see cref="StockReading"/> into HTTP.</summary>
public static class StockEndpoints
{
    // The service's degraded signal: RFC 7234's warn-code 110, the answer is a last-known copy.
    private const string StaleWarning = "110 - \"Response is Stale\"";

    public static void MapStockEndpoints(this IEndpointRouteBuilder routes) => routes.MapGet("/stock/{sku}", ReadAsync);

    private static async Task<IResult> ReadAsync(string sku, HttpContext context, StockLookup lookup)
    {
        if (!Sku.IsWellFormed(sku))
        {
            return Answers.NotFound($"no item {sku}: a sku is SKU- and three digits");
        }

        using var budget = new RequestBudget(context);
        var reading = await lookup.ReadAsync(sku, budget);
        context.Response.Headers["X-Cache"] = reading.Cache switch
        {
            CacheUse.Hit => "hit",
            CacheUse.Miss => "miss",
            _ => "bypass",
        };
        switch (reading.Kind)
        {
            case StockReading.Outcome.Fresh:
                return Level(sku, reading.Available);
            case StockReading.Outcome.Stale:
                context.Response.Headers.Warning = StaleWarning;
                return Level(sku, reading.Available);
            case StockReading.Outcome.Unknown:
                return Answers.NotFound($"no item {sku}");
            default:
                return Answers.Unavailable(context, $"stock of {sku} is unavailable: PostgreSQL did not answer and no copy is held");
        }
    }

    private static IResult Level(string sku, int available) =>
        TypedResults.Json(new StockLevel(sku, available), InventoryJson.Default.StockLevel);
}
