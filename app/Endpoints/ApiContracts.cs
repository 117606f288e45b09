using Resilience.App.Data;

namespace Resilience.App.Endpoints;

/// <summary>Body of <c>POST /orders</c>. Nullable so a missing field is a 400 with a message, not a binding error.</summary>
public sealed record CreateOrderRequest(string? Customer, string? Sku, int? Quantity);

public sealed record OrderPage(int Page, int Size, bool HasMore, IReadOnlyList<Order> Items);

public sealed record SearchResult(string Query, IReadOnlyList<Order> Items);

/// <summary>Every 4xx and 500 body.</summary>
public sealed record ErrorBody(string Error);

/// <summary>Every 503 body: which dependency gave no answer, why, and when to try again.</summary>
public sealed record UnavailableBody(string Error, string Dependency, string Reason, int RetryAfterSeconds);

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
