namespace Resilience.App.Data;

/// <summary>An order as stored and as served. Orders are immutable once created.</summary>
/// <param name="PriceSource"><c>service</c> when the price came from the price service, <c>fallback</c> otherwise.</param>
public sealed record Order(
    long Id,
    string Customer,
    string Sku,
    int Quantity,
    long UnitPriceCents,
    long TotalCents,
    string PriceSource,
    string? IdempotencyKey,
    DateTimeOffset CreatedAt);

/// <summary>A validated request to create an order, priced.</summary>
public sealed record NewOrder(string Customer, string Sku, int Quantity, long UnitPriceCents, string PriceSource)
{
    public long TotalCents => UnitPriceCents * Quantity;
}

public enum CreateOutcome
{
    /// <summary>A new row was committed.</summary>
    Created,
    /// <summary>The key was seen before with the same request: the original order is returned, no new row.</summary>
    Replayed,
    /// <summary>The key was seen before with a different request: refused, no new row.</summary>
    KeyReusedWithDifferentRequest,
}

public sealed record CreateResult(CreateOutcome Outcome, Order Order);
