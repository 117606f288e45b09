namespace Resilience.App.Pricing;

/// <summary>What the price service answers for one SKU.</summary>
public sealed record PriceQuote(string Sku, long UnitPriceCents);
