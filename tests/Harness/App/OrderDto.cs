namespace Resilience.Tests.Harness.App;

/// <summary>An order as the app serves it (its JSON contract).</summary>
public sealed record OrderDto(
    long Id,
    string Customer,
    string Sku,
    int Quantity,
    long UnitPriceCents,
    long TotalCents,
    string PriceSource,
    string? IdempotencyKey,
    DateTimeOffset CreatedAt);

public sealed record OrderPageDto(int Page, int Size, bool HasMore, List<OrderDto> Items);

public sealed record SearchResultDto(string Query, List<OrderDto> Items);

public sealed record ErrorDto(string Error);

public sealed record UnavailableDto(string Error, string Dependency, string Reason, int RetryAfterSeconds);
